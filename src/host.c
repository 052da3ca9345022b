/*-------------------------------------------------------------------------
 * host.c
 *	  The core's environment inside PostgreSQL: memory from memory contexts,
 *	  failures as ereport, interrupts through CHECK_FOR_INTERRUPTS; the
 *	  backend's normalizer; and encoding conversion for non-UTF-8 databases.
 *
 * Encodings: in UTF8 the core reads the stored bytes.  In SQL_ASCII it
 * reads them too (decoding UTF-8 where it is valid) but counts every byte
 * as a character, as PostgreSQL does there.  In a single-byte encoding
 * (LATIN1, WIN1252, ...) the text is converted to UTF-8; every character
 * is one code point, so positions need no mapping.  Multi-byte encodings
 * other than UTF8 are refused (CREATE EXTENSION checks this too).
 *-------------------------------------------------------------------------
 */
#include "host.h"

#include "catalog/namespace.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

static void *
pg_alloc(void *host, size_t size)
{
	return MemoryContextAllocExtended((MemoryContext) host, size, MCXT_ALLOC_HUGE);
}

static void
pg_release(void *host, void *block)
{
	(void) host;				/* blocks know their context */
	pfree(block);
}


static IND_NORETURN void
pg_fail(void *host, ind_failure kind, const char *message, const char *detail)
{
	(void) host;
	ereport(ERROR,
			(errcode(kind == IND_FAIL_INPUT ? ERRCODE_INVALID_PARAMETER_VALUE :
					 ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
			 errmsg("%s", ind_pg_from_utf8((const uint8_t *) message, strlen(message))),
			 detail ? errdetail("%s", detail) : 0));
	pg_unreachable();
}

static void
pg_interrupt(void *host)
{
	(void) host;
	CHECK_FOR_INTERRUPTS();
}

ind_env *
ind_pg_env(MemoryContext cxt)
{
	ind_env    *env = MemoryContextAlloc(cxt, sizeof(ind_env));

	env->alloc = pg_alloc;
	env->release = pg_release;
	env->fail = pg_fail;
	env->interrupt = pg_interrupt;
	env->host = cxt;
	return env;
}

static ind_norm *backend_norm = NULL;

static void
close_norm(void *arg)
{
	ind_norm_close((ind_norm *) arg);
	backend_norm = NULL;
}

ind_norm *
ind_pg_norm(void)
{
	if (backend_norm == NULL)
	{
		/* made under the current context, kept only once it is complete */
		MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext,
												  "indicators normalizer",
												  ALLOCSET_DEFAULT_SIZES);
		MemoryContextCallback *cb = MemoryContextAlloc(cxt, sizeof(MemoryContextCallback));
		ind_norm   *norm = ind_norm_create(ind_pg_env(cxt));

		/* the ICU objects go with the context */
		cb->func = close_norm;
		cb->arg = norm;
		MemoryContextRegisterResetCallback(cxt, cb);
		MemoryContextSetParent(cxt, TopMemoryContext);
		backend_norm = norm;
	}
	return backend_norm;
}

void
ind_pg_check_encoding(int encoding)
{
	if (encoding != PG_UTF8 && pg_encoding_max_length(encoding) != 1)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("indicators does not support database encoding \"%s\"",
						pg_encoding_to_char(encoding)),
				 errdetail("It works in UTF8, SQL_ASCII and single-byte encodings such as LATIN1."),
				 errhint("Create the database with ENCODING 'UTF8'.")));
}

/* code points in valid UTF-8: the bytes that are not continuation bytes */
static size_t
utf8_chars(const uint8_t *s, size_t len)
{
	size_t		n = 0,
				i;

	for (i = 0; i < len; i++)
		n += (s[i] & 0xC0) != 0x80;
	return n;
}

void
ind_pg_text(text *t, ind_text *out)
{
	ind_pg_buf(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), out);
}

void
ind_pg_buf(const char *buf, size_t len, ind_text *out)
{
	int			enc = GetDatabaseEncoding();

	out->orig = buf;
	out->origlen = len;
	out->utf8 = (const uint8_t *) out->orig;
	out->len = out->origlen;
	out->byte_positions = false;
	if (enc == PG_UTF8)
		return;
	if (enc == PG_SQL_ASCII)
	{
		out->byte_positions = true;
		return;
	}
	ind_pg_check_encoding(enc);
	out->utf8 = (const uint8_t *)
		pg_do_encoding_conversion((unsigned char *) out->orig, (int) out->origlen,
								  enc, PG_UTF8);
	if ((const char *) out->utf8 != out->orig)
		out->len = strlen((const char *) out->utf8);
	/* one character, one code point: positions carry over unchanged */
	if (utf8_chars(out->utf8, out->len) != out->origlen)
		elog(ERROR, "converting %s to UTF8 did not keep one code point per character",
			 pg_encoding_to_char(enc));
}

text *
ind_pg_span(const ind_text *in, size_t start, size_t end, size_t cstart, size_t cend)
{
	size_t		from = ind_pg_offset(in, start, cstart);

	return cstring_to_text_with_len(in->orig + from,
									(int) (ind_pg_offset(in, end, cend) - from));
}

char *
ind_pg_from_utf8(const uint8_t *key, size_t len)
{
	int			enc = GetDatabaseEncoding();
	StringInfoData buf;
	Oid			proc;
	size_t		i = 0;

	if (enc == PG_UTF8 || enc == PG_SQL_ASCII)
		return pnstrdup((const char *) key, len);
	proc = FindDefaultConversionProc(PG_UTF8, enc);
	initStringInfo(&buf);
	while (i < len)
	{
		uint32_t	cp;
		int			n = ind_utf8_decode(key + i, len - i, &cp);
		unsigned char out[MAX_CONVERSION_GROWTH * 4 + 1];

		if (cp < 0x80)
			appendStringInfoChar(&buf, (char) cp);
		else if (OidIsValid(proc) &&
				 pg_do_encoding_conversion_buf(proc, PG_UTF8, enc,
											   (unsigned char *) key + i, n,
											   out, sizeof(out), true) == n)
			appendStringInfoString(&buf, (char *) out);
		else
			appendStringInfo(&buf, "\\u%04X", cp);
		i += n;
	}
	return buf.data;
}

#define SHOWN_BYTES 64

char *
ind_pg_shown(const char *s)
{
	int			len = (int) strlen(s);
	int			cut;

	if (len <= SHOWN_BYTES)
		return pstrdup(s);
	cut = pg_mbcliplen(s, len, SHOWN_BYTES - 3);
	return psprintf("%.*s...", cut, s);
}
