/*-------------------------------------------------------------------------
 * functions.c
 *	  The SQL-callable functions (flags, flags_all, has, match, normalize,
 *	  tokens, term_key) and the module's entry point; explain() is in
 *	  explain.c.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "call.h"
#include "pattern.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	ind_cache_init();
}

static ArrayType *
seen_codes(call_state *st)
{
	const ind_lexicon *lex = st->lx->all;
	Datum	   *codes = palloc(sizeof(Datum) * (lex->nindicators + 1));
	int			n = 0,
				i;

	for (i = 0; i < lex->nindicators; i++)
		if (st->seen[i])
			codes[n++] = CStringGetTextDatum(lex->indicators[i]);
	return construct_array(codes, n, TEXTOID, -1, false, TYPALIGN_INT);
}

/* flags(): the indicator of each affirmed mention is seen */
static bool
see_affirmed(call_state *st, int32_t e, void *arg)
{
	(void) arg;
	if (st->ctx[e].flags & IND_CTX_AFFIRMED)
		st->seen[st->lex->terms[st->ev[e].term].indicator] = 1;
	return true;
}

PG_FUNCTION_INFO_V1(indicators_flags);

/* flags(note text) returns text[]: sorted distinct codes with an affirmed mention */
Datum
indicators_flags(PG_FUNCTION_ARGS)
{
	text	   *note = PG_GETARG_TEXT_PP(0);
	call_state *st = ind_call_state(fcinfo);
	ind_text	in;

	memset(st->seen, 0, (size_t) st->lx->all->nindicators);
	ind_pg_text(note, &in);
	st->want = -1;
	/* the mentions match() shows: a term inside a longer one is not one */
	if (ind_call_any_mention(st, &in))
		ind_call_mentions(st, &in, see_affirmed, NULL);
	PG_RETURN_ARRAYTYPE_P(seen_codes(st));
}

static bool
mark_seen(void *arg, const ind_mention *m)
{
	call_state *st = arg;

	st->seen[st->lex->terms[m->term].indicator] = 1;
	return true;
}

PG_FUNCTION_INFO_V1(indicators_flags_all);

/* flags_all(note text) returns text[]: codes with any mention at all */
Datum
indicators_flags_all(PG_FUNCTION_ARGS)
{
	text	   *note = PG_GETARG_TEXT_PP(0);
	call_state *st = ind_call_state(fcinfo);
	ind_text	in;

	memset(st->seen, 0, (size_t) st->lx->all->nindicators);
	ind_pg_text(note, &in);
	st->lex = st->lx->terms;
	ind_scan(st->sc, st->lex, in.utf8, in.len, in.byte_positions, mark_seen, st);
	PG_RETURN_ARRAYTYPE_P(seen_codes(st));
}

/* has(): stops at an affirmed mention of the indicator asked for */
static bool
until_wanted(call_state *st, int32_t e, void *arg)
{
	(void) arg;
	return !((st->ctx[e].flags & IND_CTX_AFFIRMED) &&
			 st->lex->terms[st->ev[e].term].indicator == st->want);
}

PG_FUNCTION_INFO_V1(indicators_has);

/* has(note text, indicator text) returns boolean: an affirmed mention of it */
Datum
indicators_has(PG_FUNCTION_ARGS)
{
	text	   *note = PG_GETARG_TEXT_PP(0);
	char	   *code = text_to_cstring(PG_GETARG_TEXT_PP(1));
	call_state *st = ind_call_state(fcinfo);
	ind_text	in;

	st->want = ind_lex_indicator_index(st->lx->terms, code);
	if (st->want < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown indicator code \"%s\"", ind_pg_shown(code)),
				 errhint("The codes are listed in indicators.indicator.")));
	ind_pg_text(note, &in);
	if (!ind_call_any_mention(st, &in))
		PG_RETURN_BOOL(false);
	/* stopped at the first affirmed mention of the indicator */
	PG_RETURN_BOOL(!ind_call_mentions(st, &in, until_wanted, NULL));
}

/* The words of the note an event covers, or NULL for none (-1). */
static Datum
event_text(call_state *st, const ind_text *in, int32_t e, bool *isnull)
{
	const ind_mention *m = ind_call_event(st, e);

	*isnull = m == NULL;
	if (*isnull)
		return (Datum) 0;
	return PointerGetDatum(ind_pg_span(in, m->start, m->end, m->cstart, m->cend));
}

/*
 * match()'s columns: indicator, term, pos, len, matched, affirmed; a flag
 * per context category; ambiguous; the words that set each category;
 * anchored_by, blocked_by, term_id (sql/indicators.sql, checked against
 * sql/categories.tsv by the install test).
 */
#define M_FLAG(k) (6 + (k))
#define M_AMBIGUOUS (6 + IND_NCATEGORIES)
#define M_BY(k) (7 + IND_NCATEGORIES + (k))
#define M_ANCHORED_BY (7 + 2 * IND_NCATEGORIES)
#define M_BLOCKED_BY (8 + 2 * IND_NCATEGORIES)
#define M_TERM_ID (9 + 2 * IND_NCATEGORIES)
#define MATCH_COLUMNS (10 + 2 * IND_NCATEGORIES)

typedef struct match_out
{
	ReturnSetInfo *rsinfo;
	const ind_text *in;
	MemoryContext row;			/* a row's values, freed once stored */
} match_out;

/* match(): one row per mention */
static bool
put_match(call_state *st, int32_t e, void *arg)
{
	match_out  *out = arg;
	const ind_text *in = out->in;
	const ind_mention *m = &st->ev[e];
	const ind_context *c = &st->ctx[e];
	const ind_term *t = &st->lex->terms[m->term];
	Datum		values[MATCH_COLUMNS];
	bool		nulls[MATCH_COLUMNS] = {false};
	int			k;
	MemoryContext old = MemoryContextSwitchTo(out->row);

	values[0] = CStringGetTextDatum(st->lex->indicators[t->indicator]);
	values[1] = CStringGetTextDatum(ind_pg_from_utf8((const uint8_t *) t->text,
													 strlen(t->text)));
	values[2] = Int32GetDatum((int32) (m->cstart + 1));
	values[3] = Int32GetDatum((int32) (m->cend - m->cstart));
	values[4] = PointerGetDatum(ind_pg_span(in, m->start, m->end, m->cstart, m->cend));
	values[5] = BoolGetDatum((c->flags & IND_CTX_AFFIRMED) != 0);
	for (k = 0; k < IND_NCATEGORIES; k++)
	{
		values[M_FLAG(k)] = BoolGetDatum((c->flags & (1u << k)) != 0);
		values[M_BY(k)] = event_text(st, in, c->by[k], &nulls[M_BY(k)]);
	}
	values[M_AMBIGUOUS] = BoolGetDatum(t->ambiguous);
	values[M_ANCHORED_BY] = event_text(st, in, c->anchor, &nulls[M_ANCHORED_BY]);
	values[M_BLOCKED_BY] = event_text(st, in, c->blocker, &nulls[M_BLOCKED_BY]);
	values[M_TERM_ID] = Int64GetDatum(t->id);
	tuplestore_putvalues(out->rsinfo->setResult, out->rsinfo->setDesc, values, nulls);
	MemoryContextSwitchTo(old);
	MemoryContextReset(out->row);
	return true;
}

PG_FUNCTION_INFO_V1(indicators_match);

/* match(note text) returns setof (indicator, term, pos, len, matched, context..., term_id) */
Datum
indicators_match(PG_FUNCTION_ARGS)
{
	text	   *note = PG_GETARG_TEXT_PP(0);
	call_state *st = ind_call_state(fcinfo);
	ind_text	in;
	match_out	out;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	ind_pg_text(note, &in);
	/* most notes mention no term: the quick scan says so */
	st->want = -1;
	if (!ind_call_any_mention(st, &in))
		return (Datum) 0;
	out.rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	out.in = &in;
	out.row = AllocSetContextCreate(CurrentMemoryContext, "indicators match row",
									ALLOCSET_SMALL_SIZES);
	ind_call_mentions(st, &in, put_match, &out);
	MemoryContextDelete(out.row);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(indicators_normalize);

/* normalize(note text) returns text: the keys of its words, numbers, emoji */
Datum
indicators_normalize(PG_FUNCTION_ARGS)
{
	ind_text	in;
	ind_tokenizer *t = ind_call_tokenize(PG_GETARG_TEXT_PP(0), &in);
	ind_token	tok;
	StringInfoData buf;

	initStringInfo(&buf);
	while (ind_tok_next(t, &tok))
	{
		if (tok.type != IND_TOK_WORD && tok.type != IND_TOK_NUMBER &&
			tok.type != IND_TOK_EMOJI)
			continue;
		if (buf.len)
			appendStringInfoChar(&buf, ' ');
		appendBinaryStringInfo(&buf, (const char *) tok.key, (int) tok.keylen);
	}
	PG_RETURN_TEXT_P(cstring_to_text(ind_pg_from_utf8((const uint8_t *) buf.data,
													  (size_t) buf.len)));
}

PG_FUNCTION_INFO_V1(indicators_tokens);

/* tokens(note text) returns setof (pos, len, type, token, key) */
Datum
indicators_tokens(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ind_text	in;
	ind_tokenizer *t;
	ind_token	tok;
	MemoryContext row,
				old;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	t = ind_call_tokenize(PG_GETARG_TEXT_PP(0), &in);
	row = AllocSetContextCreate(CurrentMemoryContext, "indicators tokens row",
								ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(row);
	while (ind_tok_next(t, &tok))
	{
		Datum		values[5];
		bool		nulls[5] = {false};

		values[0] = Int32GetDatum((int32) (tok.cstart + 1));
		values[1] = Int32GetDatum((int32) (tok.cend - tok.cstart));
		values[2] = CStringGetTextDatum(ind_tok_type_name(tok.type));
		values[3] = PointerGetDatum(ind_pg_span(&in, tok.start, tok.end, tok.cstart, tok.cend));
		if (tok.keylen)
			values[4] = CStringGetTextDatum(ind_pg_from_utf8(tok.key, tok.keylen));
		else
			nulls[4] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextReset(row);
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(row);
	return (Datum) 0;
}

/* Text with every byte outside printable ASCII written \xNN. */
static char *
ascii_escaped(const ind_text *in)
{
	StringInfoData out;
	size_t		i;

	initStringInfo(&out);
	for (i = 0; i < in->origlen; i++)
	{
		unsigned char c = (unsigned char) in->orig[i];

		if (c >= 0x20 && c < 0x7f)
			appendStringInfoChar(&out, (char) c);
		else
			appendStringInfo(&out, "\\x%02x", c);
	}
	return out.data;
}

PG_FUNCTION_INFO_V1(indicators_term_key);

/*
 * term_key(term text) returns text: the words of a lexicon term as they
 * are matched; an error for a term that cannot be matched
 */
Datum
indicators_term_key(PG_FUNCTION_ARGS)
{
	text	   *term = PG_GETARG_TEXT_PP(0);
	ind_env    *env = ind_pg_env(CurrentMemoryContext);
	ind_arena	arena;
	ind_text	in;
	char	   *key;
	size_t		len;

	ind_arena_init(&arena, env, 4096);
	ind_pg_text(term, &in);
	/*
	 * In SQL_ASCII, bytes that are not UTF-8 could never match: refuse them
	 * (the message shows them as \xNN: a client in another encoding could
	 * not take them raw)
	 */
	if (in.byte_positions && !pg_verify_mbstr(PG_UTF8, (const char *) in.utf8, (int) in.len, true))
		ereport(ERROR,
				(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
				 errmsg("term \"%s\" has bytes that are not UTF-8", ind_pg_shown(ascii_escaped(&in))),
				 errdetail("In a SQL_ASCII database notes are read as UTF-8 where they are valid; other bytes are no part of any word, so such a term could never match.")));
	key = ind_pattern_key(env, ind_pg_norm(), palloc(sizeof(ind_tokenizer)), &arena,
						  in.utf8, in.len, &len);
	PG_RETURN_TEXT_P(cstring_to_text(ind_pg_from_utf8((const uint8_t *) key, len)));
}
