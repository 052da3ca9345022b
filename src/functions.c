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
#include "context.h"
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
	const ind_lexicons *lx;
	const ind_lexicon *lex;		/* the one being scanned */
	uint8_t    *seen;			/* per indicator */
	size_t		seencap;
	int32_t		want;			/* has(): the indicator asked for, or -1 */
	ind_mention *ev;			/* events of a full scan */
	size_t		nev;
	size_t		evcap;
	ind_context *ctx;			/* their context */
	size_t		ctxcap;
	int32_t    *idx;			/* match(): term mentions, pruned */
	size_t		idxcap;
} call_state;

/* palloc for the first block, repalloc_huge after (tokens of a huge note) */
static void *
repalloc_huge_or_palloc(void *p, size_t size)
{
	return p ? repalloc_huge(p, size) : MemoryContextAllocHuge(CurrentMemoryContext, size);
}

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
	st->lx = ind_cache_lexicons();
	ind_arena_grow(&st->arena, (void **) &st->seen, &st->seencap,
				   (size_t) st->lx->all->nindicators + 1, 1);
	return st;
}

static inline bool
is_term(const ind_lexicon *lex, const ind_mention *m)
{
	return m->term >= 0 && lex->terms[m->term].kind == IND_TERM;
}

/* first pass: stops at the first term mention (of st->want, if >= 0) */
static bool
stop_at_term(void *arg, const ind_mention *m)
{
	call_state *st = arg;

	return !(st->want < 0 || st->lex->terms[m->term].indicator == st->want);
}

/*
 * Whether the note mentions any term (of st->want, if >= 0), context
 * aside: a quick scan with the terms alone, which most notes end at.
 */
static bool
any_mention(call_state *st, const ind_text *in)
{
	st->lex = st->lx->terms;
	return !ind_scan(st->sc, st->lex, in->utf8, in->len, in->byte_positions,
					 stop_at_term, st);
}

static bool
collect_event(void *arg, const ind_mention *m)
{
	call_state *st = arg;

	/*
	 * Of a run of sentence breaks with nothing between them, the first and
	 * the last are all that matter (where scopes end on either side): a
	 * long note with few mentions has few events, however many sentences.
	 */
	if (m->term == IND_EVENT_BREAK && st->nev >= 2 &&
		st->ev[st->nev - 1].term == IND_EVENT_BREAK &&
		st->ev[st->nev - 2].term == IND_EVENT_BREAK)
	{
		st->ev[st->nev - 1] = *m;
		return true;
	}
	ind_arena_grow(&st->arena, (void **) &st->ev, &st->evcap, st->nev + 1,
				   sizeof(ind_mention));
	st->ev[st->nev++] = *m;
	return true;
}

/* Scans the note with terms and rules, and resolves every mention's context. */
static void
resolve(call_state *st, const ind_text *in)
{
	st->lex = st->lx->all;
	st->nev = 0;
	st->sc->events = true;
	ind_scan(st->sc, st->lex, in->utf8, in->len, in->byte_positions, collect_event, st);
	st->sc->events = false;
	ind_arena_grow(&st->arena, (void **) &st->ctx, &st->ctxcap, st->nev + 1,
				   sizeof(ind_context));
	ind_context_resolve(st->sc, st->lex, st->ev, st->nev, st->ctx);
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

PG_FUNCTION_INFO_V1(indicators_flags);

/* flags(note text) returns text[]: sorted distinct codes with an affirmed mention */
Datum
indicators_flags(PG_FUNCTION_ARGS)
{
	text	   *note = PG_GETARG_TEXT_PP(0);
	call_state *st = call_state_of(fcinfo);
	ind_text	in;
	size_t		i;

	memset(st->seen, 0, (size_t) st->lx->all->nindicators);
	ind_pg_text(note, &in);
	st->want = -1;
	if (any_mention(st, &in))
	{
		resolve(st, &in);
		for (i = 0; i < st->nev; i++)
			if (is_term(st->lex, &st->ev[i]) && (st->ctx[i].flags & IND_CTX_AFFIRMED))
				st->seen[st->lex->terms[st->ev[i].term].indicator] = 1;
	}
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
	call_state *st = call_state_of(fcinfo);
	ind_text	in;

	memset(st->seen, 0, (size_t) st->lx->all->nindicators);
	ind_pg_text(note, &in);
	st->lex = st->lx->terms;
	ind_scan(st->sc, st->lex, in.utf8, in.len, in.byte_positions, mark_seen, st);
	PG_RETURN_ARRAYTYPE_P(seen_codes(st));
}

PG_FUNCTION_INFO_V1(indicators_has);

/* has(note text, indicator text) returns boolean: an affirmed mention of it */
Datum
indicators_has(PG_FUNCTION_ARGS)
{
	text	   *note = PG_GETARG_TEXT_PP(0);
	char	   *code = text_to_cstring(PG_GETARG_TEXT_PP(1));
	call_state *st = call_state_of(fcinfo);
	ind_text	in;
	size_t		i;

	st->want = ind_lex_indicator_index(st->lx->terms, code);
	if (st->want < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown indicator code \"%s\"", code),
				 errhint("The codes are listed in indicators.indicator.")));
	ind_pg_text(note, &in);
	if (!any_mention(st, &in))
		PG_RETURN_BOOL(false);
	resolve(st, &in);
	for (i = 0; i < st->nev; i++)
		if (is_term(st->lex, &st->ev[i]) && (st->ctx[i].flags & IND_CTX_AFFIRMED) &&
			st->lex->terms[st->ev[i].term].indicator == st->want)
			PG_RETURN_BOOL(true);
	PG_RETURN_BOOL(false);
}

/* The words of the note an event covers, or NULL for none (-1). */
static Datum
event_text(call_state *st, const ind_text *in, int32_t e, bool *isnull)
{
	*isnull = e < 0;
	if (e < 0)
		return (Datum) 0;
	return PointerGetDatum(ind_pg_span(in, st->ev[e].start, st->ev[e].end,
									   st->ev[e].cstart, st->ev[e].cend));
}

/* term mentions of the last resolve(), pruned, in text order */
static size_t
term_mentions(call_state *st)
{
	size_t		n = 0,
				i;

	ind_arena_grow(&st->arena, (void **) &st->idx, &st->idxcap, st->nev + 1, sizeof(int32_t));
	for (i = 0; i < st->nev; i++)
		if (is_term(st->lex, &st->ev[i]))
			st->idx[n++] = (int32_t) i;
	return ind_mentions_prune(st->sc, st->lex, st->ev, st->idx, n);
}

#define MATCH_COLUMNS 18

PG_FUNCTION_INFO_V1(indicators_match);

/* match(note text) returns setof (indicator, term, pos, len, matched, context..., term_id) */
Datum
indicators_match(PG_FUNCTION_ARGS)
{
	text	   *note = PG_GETARG_TEXT_PP(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	call_state *st = call_state_of(fcinfo);
	ind_text	in;
	size_t		n,
				i;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	ind_pg_text(note, &in);
	resolve(st, &in);
	n = term_mentions(st);
	for (i = 0; i < n; i++)
	{
		int32_t		e = st->idx[i];
		const ind_mention *m = &st->ev[e];
		const ind_context *c = &st->ctx[e];
		const ind_term *t = &st->lex->terms[m->term];
		Datum		values[MATCH_COLUMNS];
		bool		nulls[MATCH_COLUMNS] = {false};
		int			k;

		values[0] = CStringGetTextDatum(st->lex->indicators[t->indicator]);
		values[1] = CStringGetTextDatum(ind_pg_from_utf8((const uint8_t *) t->text,
														 strlen(t->text)));
		values[2] = Int32GetDatum((int32) (m->cstart + 1));
		values[3] = Int32GetDatum((int32) (m->cend - m->cstart));
		values[4] = PointerGetDatum(ind_pg_span(&in, m->start, m->end, m->cstart, m->cend));
		values[5] = BoolGetDatum((c->flags & IND_CTX_AFFIRMED) != 0);
		for (k = 0; k < IND_NCATEGORIES; k++)
		{
			values[6 + k] = BoolGetDatum((c->flags & (1 << k)) != 0);
			values[11 + k] = event_text(st, &in, c->by[k], &nulls[11 + k]);
		}
		values[10] = BoolGetDatum(t->ambiguous);
		values[15] = event_text(st, &in, c->anchor, &nulls[15]);
		values[16] = event_text(st, &in, c->blocker, &nulls[16]);
		values[17] = Int64GetDatum(t->id);
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

/* explain(): a bracket put into the note's text */
typedef struct mark
{
	size_t		at;				/* byte offset in the UTF-8 text */
	int			order;			/* closing (0) before opening (1) at one offset */
	size_t		other;			/* the span's other end */
	char		c;
} mark;

/*
 * At one offset: closings first, the inner span (which started later)
 * first; then openings, the outer span (which ends later) first; so that
 * marks nest wherever the spans do.
 */
static int
cmp_mark(const void *x, const void *y)
{
	const mark *a = x,
			   *b = y;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if (a->order != b->order)
		return a->order - b->order;
	return (a->other < b->other) - (a->other > b->other);
}

static void
add_mark(mark **marks, size_t *n, size_t *cap, const ind_mention *e, char open, char close)
{
	if (*n + 2 > *cap)
	{
		*cap = *cap ? 2 * *cap : 64;
		*marks = repalloc_huge_or_palloc(*marks, *cap * sizeof(mark));
	}
	(*marks)[*n] = (mark) {e->start, 1, e->end, open};
	(*marks)[*n + 1] = (mark) {e->end, 0, e->start, close};
	*n += 2;
}

/* Appends the UTF-8 text of bytes [start, end), line breaks as spaces. */
static void
append_text(StringInfo buf, const uint8_t *s, size_t start, size_t end)
{
	size_t		i;

	for (i = start; i < end; i++)
		appendStringInfoChar(buf, (s[i] == '\n' || s[i] == '\r' || s[i] == '\t') ? ' ' : (char) s[i]);
}

static void
put_line(ReturnSetInfo *rsinfo, StringInfo buf)
{
	Datum		value = CStringGetTextDatum(ind_pg_from_utf8((const uint8_t *) buf->data,
															 (size_t) buf->len));
	bool		isnull = false;

	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &isnull);
	resetStringInfo(buf);
}

static void
append_event(StringInfo buf, call_state *st, const ind_text *in, int32_t e, char open, char close)
{
	appendStringInfoChar(buf, open);
	append_text(buf, in->utf8, st->ev[e].start, st->ev[e].end);
	appendStringInfoChar(buf, close);
}

/* the bytes of tokens first..last of the note, quoted, or a note that there are none */
static void
append_tokens(StringInfo buf, const ind_text *in, const size_t *tstart, const size_t *tend,
			  size_t ntok, int64_t first, int64_t last)
{
	if (first > last || first < 0 || last >= (int64_t) ntok)
	{
		appendStringInfoString(buf, "(no words)");
		return;
	}
	appendStringInfoChar(buf, '"');
	append_text(buf, in->utf8, tstart[first], tend[last]);
	appendStringInfoChar(buf, '"');
}

/* explain() shows a terminator only if it can end a scope in this note */
static bool
shown_rule(const ind_lexicon *lex, const ind_mention *e, uint32_t live)
{
	const ind_term *rule = &lex->terms[e->term];

	if (rule->kind != IND_TERMINATOR)
		return true;
	return ((rule->applies_to ? (uint32_t) rule->applies_to : IND_ALL_CATEGORIES) & live) != 0;
}

PG_FUNCTION_INFO_V1(indicators_explain);

/*
 * explain(note text) returns setof text: the note with its mentions
 * [marked], live triggers <marked> and the anchors or blockers that
 * decided something {marked}; then a line per mention, and per trigger
 * with the words its scope covers.
 */
Datum
indicators_explain(PG_FUNCTION_ARGS)
{
	static const char *const category[] = {
		"negation", "hypothetical", "historical", "other_person"
	};
	static const char *const why[] = {
		"negated by", "hypothetical:", "historical:", "about another person:"
	};
	text	   *note = PG_GETARG_TEXT_PP(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	call_state *st = call_state_of(fcinfo);
	ind_text	in;
	ind_tokenizer *t;
	ind_token	tok;
	size_t	   *tstart = NULL,
			   *tend = NULL,
				ntok = 0,
				tcap = 0,
				nmarks = 0,
				mcap = 0,
				n,
				i,
				at = 0;
	mark	   *marks = NULL;
	uint32_t	live = 0;
	ind_scope  *scope;
	bool	   *used;
	StringInfoData buf;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	t = tokenize_note(note, &in);
	resolve(st, &in);

	/* where each token is: the scan counts words, numbers and emoji */
	while (ind_tok_next(t, &tok))
	{
		if (tok.type != IND_TOK_WORD && tok.type != IND_TOK_NUMBER && tok.type != IND_TOK_EMOJI)
			continue;
		if (ntok == tcap)
		{
			tcap = tcap ? 2 * tcap : 256;
			tstart = repalloc_huge_or_palloc(tstart, tcap * sizeof(size_t));
			tend = repalloc_huge_or_palloc(tend, tcap * sizeof(size_t));
		}
		tstart[ntok] = tok.start;
		tend[ntok++] = tok.end;
	}
	scope = palloc(sizeof(ind_scope) * (st->nev + 1));
	ind_context_scopes(st->sc, st->lex, st->ev, st->nev, st->ctx, scope);
	n = term_mentions(st);

	/* categories some live trigger has: terminators of others are noise */
	for (i = 0; i < st->nev; i++)
	{
		const ind_mention *e = &st->ev[i];

		if (e->term >= 0 && st->ctx[i].rule == IND_RULE_LIVE &&
			st->lex->terms[e->term].kind >= IND_NEGATION &&
			st->lex->terms[e->term].kind <= IND_OTHER_PERSON)
			live |= IND_CATEGORY_BIT(st->lex->terms[e->term].kind);
	}

	/* marks: mentions, live rules, and the anchors and blockers that were used */
	used = palloc0(sizeof(bool) * (st->nev + 1));
	for (i = 0; i < n; i++)
	{
		const ind_context *c = &st->ctx[st->idx[i]];

		if (c->anchor >= 0 && !is_term(st->lex, &st->ev[c->anchor]))
			used[c->anchor] = true;
		if (c->blocker >= 0)
			used[c->blocker] = true;
	}
	for (i = 0; i < n; i++)
		add_mark(&marks, &nmarks, &mcap, &st->ev[st->idx[i]], '[', ']');
	for (i = 0; i < st->nev; i++)
	{
		const ind_mention *e = &st->ev[i];
		int			kind = e->term >= 0 ? st->lex->terms[e->term].kind : -1;

		if (used[i])
			add_mark(&marks, &nmarks, &mcap, e, '{', '}');
		else if (kind >= IND_NEGATION && kind <= IND_TERMINATOR &&
				 st->ctx[i].rule == IND_RULE_LIVE && shown_rule(st->lex, e, live))
			add_mark(&marks, &nmarks, &mcap, e, '<', '>');
	}
	if (nmarks > 1)
		qsort(marks, nmarks, sizeof(mark), cmp_mark);
	initStringInfo(&buf);
	for (i = 0; i < nmarks; i++)
	{
		append_text(&buf, in.utf8, at, marks[i].at);
		appendStringInfoChar(&buf, marks[i].c);
		at = marks[i].at;
	}
	append_text(&buf, in.utf8, at, in.len);
	put_line(rsinfo, &buf);

	/* a line per mention: does it count, and why */
	for (i = 0; i < n; i++)
	{
		int32_t		e = st->idx[i];
		const ind_context *c = &st->ctx[e];
		const ind_term *term = &st->lex->terms[st->ev[e].term];
		int			k;

		append_event(&buf, st, &in, e, '[', ']');
		appendStringInfo(&buf, " %s: %s", st->lex->indicators[term->indicator],
						 (c->flags & IND_CTX_AFFIRMED) ? "counts" : "does not count");
		for (k = 0; k < IND_NCATEGORIES; k++)
			if (c->by[k] >= 0)
			{
				appendStringInfo(&buf, "; %s ", why[k]);
				append_event(&buf, st, &in, c->by[k], '<', '>');
			}
		if (term->ambiguous)
		{
			appendStringInfoString(&buf, "; ambiguous term, ");
			if (c->blocker >= 0)
			{
				appendStringInfoString(&buf, "blocked by ");
				append_event(&buf, st, &in, c->blocker, '{', '}');
			}
			else if (c->anchor >= 0)
			{
				appendStringInfoString(&buf, "anchored by ");
				append_event(&buf, st, &in, c->anchor,
							 is_term(st->lex, &st->ev[c->anchor]) ? '[' : '{',
							 is_term(st->lex, &st->ev[c->anchor]) ? ']' : '}');
			}
			else
				appendStringInfoString(&buf, "no anchor nearby");
		}
		put_line(rsinfo, &buf);
	}

	/* a line per live rule: what it does, and over which words */
	for (i = 0; i < st->nev; i++)
	{
		const ind_mention *e = &st->ev[i];
		const ind_term *rule;

		if (e->term < 0 || st->ctx[i].rule != IND_RULE_LIVE ||
			!shown_rule(st->lex, e, live))
			continue;
		rule = &st->lex->terms[e->term];
		if (rule->kind >= IND_NEGATION && rule->kind <= IND_OTHER_PERSON)
		{
			append_event(&buf, st, &in, (int32_t) i, '<', '>');
			appendStringInfo(&buf, " %s", category[rule->kind - 1]);
			if (rule->direction & IND_BACKWARD)
			{
				appendStringInfoString(&buf, ", back over ");
				append_tokens(&buf, &in, tstart, tend, ntok, scope[i].first_bwd, scope[i].last_bwd);
			}
			if (rule->direction & IND_FORWARD)
			{
				appendStringInfoString(&buf, ", over ");
				append_tokens(&buf, &in, tstart, tend, ntok, scope[i].first_fwd, scope[i].last_fwd);
			}
		}
		else if (rule->kind == IND_PSEUDO)
		{
			append_event(&buf, st, &in, (int32_t) i, '<', '>');
			appendStringInfoString(&buf, " pseudo-trigger: the triggers inside it do not apply");
		}
		else if (rule->kind == IND_TERMINATOR)
		{
			int			k;

			append_event(&buf, st, &in, (int32_t) i, '<', '>');
			appendStringInfoString(&buf, " ends the scope of");
			if (rule->applies_to == 0)
				appendStringInfoString(&buf, " every trigger");
			for (k = 0; k < IND_NCATEGORIES; k++)
				if (rule->applies_to & (1 << k))
					appendStringInfo(&buf, " %s triggers", category[k]);
			appendStringInfoString(&buf, " before it");
		}
		else
			continue;
		put_line(rsinfo, &buf);
	}
	return (Datum) 0;
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
