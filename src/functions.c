/*-------------------------------------------------------------------------
 * functions.c
 *	  The SQL-callable functions (flags, has, match, normalize, tokens,
 *	  term_key) and the module's entry point.
 *
 * Each call site keeps a scanner in fn_extra (query lifetime), so scanning
 * row after row reuses the same buffers: nothing grows per row.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "cache.h"
#include "host.h"
#include "match.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	ind_cache_init();
}

typedef struct call_state
{
	ind_env    *env;
	ind_arena	arena;
	ind_scanner *sc;
	uint8_t    *seen;			/* flags(): per indicator */
	size_t		seencap;
	ind_mention *mentions;		/* match(): found so far */
	size_t		nmentions;
	size_t		mcap;
	int32_t		want;			/* has(): the indicator asked for */
	const ind_lexicon *lex;
} call_state;

static call_state *
call_state_of(FunctionCallInfo fcinfo)
{
	call_state *st = fcinfo->flinfo->fn_extra;

	if (st == NULL)
	{
		MemoryContext cxt = fcinfo->flinfo->fn_mcxt;

		st = MemoryContextAllocZero(cxt, sizeof(call_state));
		st->env = ind_pg_env(cxt);
		ind_arena_init(&st->arena, st->env, 16 * 1024);
		st->sc = ind_scanner_create(st->env, ind_pg_norm(), &st->arena);
		fcinfo->flinfo->fn_extra = st;
	}
	st->lex = ind_cache_lexicon();
	return st;
}

static bool
mark_seen(void *arg, const ind_mention *m)
{
	call_state *st = arg;

	st->seen[st->lex->terms[m->term].indicator] = 1;
	return true;
}

PG_FUNCTION_INFO_V1(indicators_flags);

/* flags(note text) returns text[]: sorted distinct codes with a mention */
Datum
indicators_flags(PG_FUNCTION_ARGS)
{
	text	   *note = PG_GETARG_TEXT_PP(0);
	call_state *st = call_state_of(fcinfo);
	const ind_lexicon *lex = st->lex;
	ind_text	in;
	Datum	   *codes;
	int			n = 0,
				i;

	ind_arena_grow(&st->arena, (void **) &st->seen, &st->seencap,
				   (size_t) lex->nindicators + 1, 1);
	memset(st->seen, 0, (size_t) lex->nindicators);
	ind_pg_text(note, &in);
	ind_scan(st->sc, lex, in.utf8, in.len, in.byte_positions, mark_seen, st);

	codes = palloc(sizeof(Datum) * (lex->nindicators + 1));
	for (i = 0; i < lex->nindicators; i++)
		if (st->seen[i])
			codes[n++] = CStringGetTextDatum(lex->indicators[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(codes, n, TEXTOID, -1, false, TYPALIGN_INT));
}

static bool
find_wanted(void *arg, const ind_mention *m)
{
	call_state *st = arg;

	return st->lex->terms[m->term].indicator != st->want;
}

PG_FUNCTION_INFO_V1(indicators_has);

/* has(note text, indicator text) returns boolean */
Datum
indicators_has(PG_FUNCTION_ARGS)
{
	text	   *note = PG_GETARG_TEXT_PP(0);
	char	   *code = text_to_cstring(PG_GETARG_TEXT_PP(1));
	call_state *st = call_state_of(fcinfo);
	ind_text	in;

	st->want = ind_lex_indicator_index(st->lex, code);
	if (st->want < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown indicator code \"%s\"", code),
				 errhint("The codes are listed in indicators.indicator.")));
	ind_pg_text(note, &in);
	/* the scan stops at the first mention of the indicator */
	PG_RETURN_BOOL(!ind_scan(st->sc, st->lex, in.utf8, in.len, in.byte_positions,
							 find_wanted, st));
}

static bool
collect(void *arg, const ind_mention *m)
{
	call_state *st = arg;

	ind_arena_grow(&st->arena, (void **) &st->mentions, &st->mcap,
				   st->nmentions + 1, sizeof(ind_mention));
	st->mentions[st->nmentions++] = *m;
	return true;
}

PG_FUNCTION_INFO_V1(indicators_match);

/*
 * match(note text) returns setof (indicator, term, pos, len, matched,
 * term_id): one row per mention, in text order
 */
Datum
indicators_match(PG_FUNCTION_ARGS)
{
	text	   *note = PG_GETARG_TEXT_PP(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	call_state *st = call_state_of(fcinfo);
	const ind_lexicon *lex = st->lex;
	ind_text	in;
	size_t		n,
				i;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	ind_pg_text(note, &in);
	st->nmentions = 0;
	ind_scan(st->sc, lex, in.utf8, in.len, in.byte_positions, collect, st);
	n = ind_mentions_prune(st->sc, lex, st->mentions, st->nmentions);
	for (i = 0; i < n; i++)
	{
		const ind_mention *m = &st->mentions[i];
		const ind_term *t = &lex->terms[m->term];
		Datum		values[6];
		bool		nulls[6] = {false};

		values[0] = CStringGetTextDatum(lex->indicators[t->indicator]);
		values[1] = CStringGetTextDatum(ind_pg_from_utf8((const uint8_t *) t->text,
														 strlen(t->text)));
		values[2] = Int32GetDatum((int32) (m->cstart + 1));
		values[3] = Int32GetDatum((int32) (m->cend - m->cstart));
		values[4] = PointerGetDatum(ind_pg_span(&in, m->start, m->end, m->cstart, m->cend));
		values[5] = Int64GetDatum(t->id);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* A tokenizer over a note (in the current memory context). */
static ind_tokenizer *
tokenize_note(text *note, ind_text *in)
{
	ind_tokenizer *t = palloc(sizeof(ind_tokenizer));

	ind_pg_text(note, in);
	ind_tok_begin(t, ind_pg_env(CurrentMemoryContext), ind_pg_norm(),
				  in->utf8, in->len, in->byte_positions, false);
	return t;
}

PG_FUNCTION_INFO_V1(indicators_normalize);

/* normalize(note text) returns text: the keys of its words, numbers, emoji */
Datum
indicators_normalize(PG_FUNCTION_ARGS)
{
	ind_text	in;
	ind_tokenizer *t = tokenize_note(PG_GETARG_TEXT_PP(0), &in);
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

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	t = tokenize_note(PG_GETARG_TEXT_PP(0), &in);
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
	}
	return (Datum) 0;
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
	ind_term_words w;
	ind_text	in;
	char	   *key;
	size_t		len;

	ind_arena_init(&arena, env, 4096);
	ind_pg_text(term, &in);
	ind_term_parse(env, ind_pg_norm(), palloc(sizeof(ind_tokenizer)), &arena,
				   in.utf8, in.len, &w);
	key = ind_term_key(&arena, &w, &len);
	PG_RETURN_TEXT_P(cstring_to_text(ind_pg_from_utf8((const uint8_t *) key, len)));
}
