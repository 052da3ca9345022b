/*-------------------------------------------------------------------------
 * host.h
 *	  The core's environment inside PostgreSQL, and the note text as the
 *	  core sees it (UTF-8) next to the text the user stored.
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_HOST_H
#define INDICATORS_HOST_H

#include "postgres.h"

#include "core.h"
#include "normalize.h"

/* An environment whose memory comes from cxt; it lives in cxt too. */
extern ind_env *ind_pg_env(MemoryContext cxt);

/* The backend's normalizer, made on first use. */
extern ind_norm *ind_pg_norm(void);

/* Refuses a database encoding the extension cannot map positions in. */
extern void ind_pg_check_encoding(int encoding);

typedef struct ind_text
{
	const char *orig;			/* what the user stored (server encoding) */
	size_t		origlen;
	const uint8_t *utf8;		/* what the core reads */
	size_t		len;
	bool		byte_positions; /* SQL_ASCII: positions count bytes */
} ind_text;

/* The UTF-8 form of a text datum (converted when the database is not). */
extern void ind_pg_text(text *t, ind_text *out);

/* The same for len bytes at buf, in the database encoding. */
extern void ind_pg_buf(const char *buf, size_t len, ind_text *out);

/*
 * Where a position of the core (a UTF-8 byte offset and a character
 * offset) is in the original: the core read the stored bytes, or a
 * conversion from a single-byte encoding, where byte = character.
 */
static inline size_t
ind_pg_offset(const ind_text *in, size_t byte, size_t chr)
{
	return (const char *) in->utf8 == in->orig ? byte : chr;
}

/* The original text of a span (as bytes and characters from the core). */
extern text *ind_pg_span(const ind_text *in, size_t start, size_t end,
						 size_t cstart, size_t cend);

/*
 * UTF-8 from the core (a key, a term, a message) as a string in the
 * database encoding; characters the database cannot hold are written
 * \uXXXX.  Terms and messages came from the database, so only keys (a
 * folded "µ" is Greek "μ") can need that.
 */
extern char *ind_pg_from_utf8(const uint8_t *s, size_t len);

/*
 * A string from the user as an error message shows it: cut to about 64
 * bytes (at a character boundary, "..." after), so that a message never
 * repeats a whole note.
 */
extern char *ind_pg_shown(const char *s);

#endif							/* INDICATORS_HOST_H */
