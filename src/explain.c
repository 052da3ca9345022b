/*-------------------------------------------------------------------------
 * explain.c
 *	  explain(note): the note with its mentions and the context rules that
 *	  decided them marked, and a line per mention and per live rule.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "call.h"

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
		*marks = ind_call_alloc(*marks, *cap * sizeof(mark));
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
	call_state *st = ind_call_state(fcinfo);
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
	t = ind_call_tokenize(note, &in);
	ind_call_resolve(st, &in);

	/* where each token is: the scan counts words, numbers and emoji */
	while (ind_tok_next(t, &tok))
	{
		if (tok.type != IND_TOK_WORD && tok.type != IND_TOK_NUMBER && tok.type != IND_TOK_EMOJI)
			continue;
		if (ntok == tcap)
		{
			tcap = tcap ? 2 * tcap : 256;
			tstart = ind_call_alloc(tstart, tcap * sizeof(size_t));
			tend = ind_call_alloc(tend, tcap * sizeof(size_t));
		}
		tstart[ntok] = tok.start;
		tend[ntok++] = tok.end;
	}
	scope = palloc(sizeof(ind_scope) * (st->nev + 1));
	ind_context_scopes(st->sc, st->lex, st->ev, st->nev, st->ctx, scope);
	n = ind_call_term_mentions(st);

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

		if (c->anchor >= 0 && !ind_call_is_term(st->lex, &st->ev[c->anchor]))
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
	ind_sort(st->env, marks, nmarks, sizeof(mark), cmp_mark);
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
							 ind_call_is_term(st->lex, &st->ev[c->anchor]) ? '[' : '{',
							 ind_call_is_term(st->lex, &st->ev[c->anchor]) ? ']' : '}');
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
