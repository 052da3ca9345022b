/*-------------------------------------------------------------------------
 * textsearch.h
 *	  What the text-search parser (tsparser.c) tells the dictionary
 *	  (tsdict.c) about the note it is reading.
 *
 * PostgreSQL hands a dictionary one token at a time, its text and nothing
 * else; context (negation, hypothetical, another person, an anchor for an
 * ambiguous term) is a property of the whole note.  So the parser reads
 * the whole note first, with the same scan and context rules as flags(),
 * and publishes the mentions that count while its tokens are being
 * lexized.  The tokens it hands out point into its own copy of the note:
 * a token inside that copy can only have come from it, and the dictionary
 * then takes the parser's word for what counts.  Any other token (from
 * ts_lexize(), or from another parser) is matched on its own, without
 * context.
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_TEXTSEARCH_H
#define INDICATORS_TEXTSEARCH_H

#include "postgres.h"

/* A mention that counts, by its place in the parser's copy of the note. */
typedef struct ind_ts_mention
{
	size_t		start;			/* byte offset of its first token */
	size_t		end;			/* byte offset just past its last token */
	const char *code;			/* its indicator */
} ind_ts_mention;

typedef struct ind_ts_note
{
	const char *buf;			/* the parser's copy (database encoding) */
	size_t		len;
	int32		nmentions;
	ind_ts_mention *mentions;	/* by start, then end */
} ind_ts_note;

/* The note a token was handed out from, if a parser is reading it now. */
extern const ind_ts_note *ind_ts_note_of(const char *token);

#endif							/* INDICATORS_TEXTSEARCH_H */
