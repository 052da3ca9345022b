/*-------------------------------------------------------------------------
 * explain.c
 *	  explain(note): the note with its mentions and the context rules that
 *	  decided them marked, and a line per mention and per live rule.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "executor/tuptable.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "call.h"

/* explain(): a bracket put into the note's text */
typedef struct mark
{
	size_t		at;				/* byte offset in the UTF-8 text */
	int			order;			/* closing (0) before opening (1) at one offset */
	size_t		other;			/* the span's other end */
	int32_t		term;			/* whose (an anchor used twice is marked once) */
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
	if (a->other != b->other)
		return (a->other < b->other) - (a->other > b->other);
	if (a->c != b->c)
		return a->c < b->c ? -1 : 1;
	return (a->term > b->term) - (a->term < b->term);
}

/* per context category (sql/categories.tsv): its name, and what set it */
#define CATEGORY_NAME(e, name, counts, flag, shown) [e - 1] = name,
#define CATEGORY_SHOWN(e, name, counts, flag, shown) [e - 1] = shown,
static const char *const category[IND_NCATEGORIES] = {IND_CATEGORY_LIST(CATEGORY_NAME)};
static const char *const why[IND_NCATEGORIES] = {IND_CATEGORY_LIST(CATEGORY_SHOWN)};

/*
 * What explain() keeps while it reads the note a window at a time: the
 * marks not yet written into the note's text, that text so far, the lines
 * so far (in tuplestores, which go to disk beyond work_mem), and where the
 * words of the window are (for the scopes of triggers).
 */
typedef struct explain_state
{
	const ind_text *in;
	uint32_t	live;			/* categories some live trigger has */
	mark	   *marks;
	size_t		nmarks,
				mcap;
	StringInfoData note;		/* the first line, written up to byte at */
	size_t		at;
	StringInfoData buf;			/* the line being made */
	Tuplestorestate *mention_lines,
			   *rule_lines;
	TupleDesc	desc;
	MemoryContext line_cxt;		/* a line's copies, until it is stored */
	ind_tokenizer *tok;			/* reads the words of the note ... */
	size_t		ntok_read;		/* ... so many so far */
	size_t		tok_base;		/* positions of tokens from tok_base on: */
	size_t	   *tstart,
			   *tend;
	size_t		ntok,
				tcap;
} explain_state;

static void
add_mark(explain_state *x, const ind_mention *e, char open, char close)
{
	ind_call_grow(CurrentMemoryContext, (void **) &x->marks, &x->mcap, x->nmarks + 2,
				  sizeof(mark));
	x->marks[x->nmarks++] = (mark) {e->start, 1, e->end, e->term, open};
	x->marks[x->nmarks++] = (mark) {e->end, 0, e->start, e->term, close};
}

/* Appends the UTF-8 text of bytes [start, end), line breaks as spaces. */
static void
append_text(StringInfo buf, const uint8_t *s, size_t start, size_t end)
{
	size_t		i;

	enlargeStringInfo(buf, (int) (end - start));
	for (i = start; i < end; i++)
		buf->data[buf->len++] = (s[i] == '\n' || s[i] == '\r' || s[i] == '\t') ? ' ' : (char) s[i];
	buf->data[buf->len] = '\0';
}

/*
 * Writes into the note's line the marks before byte upto (all of them if
 * upto is the note's length): no mark still to come lies before it.
 */
static void
write_marks(call_state *st, explain_state *x, size_t upto)
{
	size_t		i,
				done = 0;

	ind_sort(st->env, x->marks, x->nmarks, sizeof(mark), cmp_mark);
	for (i = 0; i < x->nmarks && x->marks[i].at < upto; ind_poll(st->env, ++i))
	{
		if (i > 0 && cmp_mark(&x->marks[i], &x->marks[i - 1]) == 0)
			continue;
		append_text(&x->note, x->in->utf8, x->at, x->marks[i].at);
		appendStringInfoChar(&x->note, x->marks[i].c);
		x->at = x->marks[i].at;
	}
	done = i;
	x->nmarks -= done;
	memmove(x->marks, x->marks + done, x->nmarks * sizeof(mark));
}

/* Stores the line in buf (its copies are made in cxt, and freed). */
static void
put_line(Tuplestorestate *ts, TupleDesc desc, StringInfo buf, MemoryContext cxt)
{
	MemoryContext old = MemoryContextSwitchTo(cxt);
	Datum		value = CStringGetTextDatum(ind_pg_from_utf8((const uint8_t *) buf->data,
															 (size_t) buf->len));
	bool		isnull = false;

	MemoryContextSwitchTo(old);
	tuplestore_putvalues(ts, desc, &value, &isnull);
	MemoryContextReset(cxt);
	resetStringInfo(buf);
}

static void
append_event(StringInfo buf, call_state *st, const ind_text *in, int32_t e, char open, char close)
{
	const ind_mention *m = ind_call_event(st, e);

	appendStringInfoChar(buf, open);
	append_text(buf, in->utf8, m->start, m->end);
	appendStringInfoChar(buf, close);
}

/* the bytes of tokens first..last of the note, quoted, or a note that there are none */
static void
append_tokens(explain_state *x, int64_t first, int64_t last)
{
	ind_token	tok;

	/* read the words up to last, keeping where those from tok_base are */
	while (last >= 0 && (int64_t) x->ntok_read <= last && ind_tok_next(x->tok, &tok))
	{
		if (tok.type != IND_TOK_WORD && tok.type != IND_TOK_NUMBER && tok.type != IND_TOK_EMOJI)
			continue;
		if (x->ntok_read++ < x->tok_base)
			continue;
		if (x->ntok == x->tcap)
		{
			x->tcap *= 2;
			x->tstart = repalloc_huge(x->tstart, x->tcap * sizeof(size_t));
			x->tend = repalloc_huge(x->tend, x->tcap * sizeof(size_t));
		}
		x->tstart[x->ntok] = tok.start;
		x->tend[x->ntok++] = tok.end;
	}
	if (first > last || first < (int64_t) x->tok_base || last >= (int64_t) x->ntok_read)
	{
		appendStringInfoString(&x->buf, "(no words)");
		return;
	}
	appendStringInfoChar(&x->buf, '"');
	append_text(&x->buf, x->in->utf8, x->tstart[first - x->tok_base],
				x->tend[last - x->tok_base]);
	appendStringInfoChar(&x->buf, '"');
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

/* the first reading: which categories some live trigger has */
static bool
note_live(call_state *st, int32_t e, void *arg)
{
	explain_state *x = arg;
	int			kind = st->lex->terms[st->ev[e].term].kind;

	if (st->ctx[e].rule == IND_RULE_LIVE && ind_is_category(kind))
		x->live |= IND_CATEGORY_BIT(kind);
	return true;
}

static bool
no_mention(call_state *st, int32_t e, void *arg)
{
	(void) st, (void) e, (void) arg;
	return true;
}

/* a mention: its marks, and a line saying whether it counts, and why */
static bool
explain_mention(call_state *st, int32_t e, void *arg)
{
	explain_state *x = arg;
	StringInfo	buf = &x->buf;
	const ind_context *c = &st->ctx[e];
	const ind_term *term = &st->lex->terms[st->ev[e].term];
	int			k;

	add_mark(x, &st->ev[e], '[', ']');
	if (c->anchor >= 0 && !ind_call_is_term(st->lex, &st->ev[c->anchor]) &&
		!ind_event_is_quote(st->ev[c->anchor].term))
		add_mark(x, &st->ev[c->anchor], '{', '}');
	if (c->blocker >= 0)
		add_mark(x, &st->ev[c->blocker], '{', '}');

	append_event(buf, st, x->in, e, '[', ']');
	appendStringInfo(buf, " %s: %s", st->lex->indicators[term->indicator],
					 (c->flags & IND_CTX_AFFIRMED) ? "counts" : "does not count");
	for (k = 0; k < IND_NCATEGORIES; k++)
		if (c->by[k] >= 0)
		{
			appendStringInfo(buf, "; %s ", why[k]);
			append_event(buf, st, x->in, c->by[k], '<', '>');
		}
	if (term->ambiguous)
	{
		appendStringInfoString(buf, "; ambiguous term, ");
		if (c->blocker >= 0)
		{
			appendStringInfoString(buf, "blocked by ");
			append_event(buf, st, x->in, c->blocker, '{', '}');
		}
		else if (c->anchor >= 0 && ind_event_is_quote(st->ev[c->anchor].term))
			appendStringInfoString(buf, "in quotation marks");
		else if (c->anchor == IND_ANCHOR_NOTE)
		{
			appendStringInfoString(buf, "anchored by ");
			append_event(buf, st, x->in, c->anchor, '[', ']');
			appendStringInfoString(buf, " elsewhere in the note");
		}
		else if (c->anchor >= 0)
		{
			bool		is_term = ind_call_is_term(st->lex, &st->ev[c->anchor]);

			appendStringInfoString(buf, "anchored by ");
			append_event(buf, st, x->in, c->anchor, is_term ? '[' : '{', is_term ? ']' : '}');
		}
		else
			appendStringInfoString(buf, "no anchor nearby");
	}
	put_line(x->mention_lines, x->desc, buf, x->line_cxt);
	return true;
}

/* a live rule: its mark, and a line saying what it does, over which words */
static bool
explain_rule(call_state *st, int32_t i, void *arg)
{
	explain_state *x = arg;
	StringInfo	buf = &x->buf;
	const ind_mention *e = &st->ev[i];
	const ind_term *rule = &st->lex->terms[e->term];
	const ind_scope *scope = &st->scope[i];

	if (st->ctx[i].rule != IND_RULE_LIVE ||
		!(ind_is_category(rule->kind) || rule->kind == IND_PSEUDO || rule->kind == IND_TERMINATOR) ||
		!shown_rule(st->lex, e, x->live))
		return true;
	add_mark(x, e, '<', '>');
	append_event(buf, st, x->in, i, '<', '>');
	if (ind_is_category(rule->kind))
	{
		appendStringInfo(buf, " %s", category[rule->kind - 1]);
		if (rule->direction & IND_BACKWARD)
		{
			appendStringInfoString(buf, ", back over ");
			append_tokens(x, scope->first_bwd, scope->last_bwd);
		}
		if (rule->direction & IND_FORWARD)
		{
			appendStringInfoString(buf, ", over ");
			append_tokens(x, scope->first_fwd, scope->last_fwd);
		}
	}
	else if (rule->kind == IND_PSEUDO)
		appendStringInfoString(buf, " pseudo-trigger: the triggers inside it do not apply");
	else
	{
		int			k;

		appendStringInfoString(buf, " ends the scope of");
		if (rule->applies_to == 0)
			appendStringInfoString(buf, " every trigger");
		for (k = 0; k < IND_NCATEGORIES; k++)
			if (rule->applies_to & (1 << k))
				appendStringInfo(buf, " %s triggers", category[k]);
		appendStringInfoString(buf, " before it");
	}
	put_line(x->rule_lines, x->desc, buf, x->line_cxt);
	return true;
}

/* the window moves on: what lies before it is written, its words forgotten */
static void
explain_dropping(call_state *st, size_t keep_from, void *arg)
{
	explain_state *x = arg;
	size_t		p0 = st->ev[keep_from].tstart;

	write_marks(st, x, st->ev[keep_from].start);
	if (p0 > x->tok_base)
	{
		size_t		gone = Min(p0 - x->tok_base, x->ntok);

		x->ntok -= gone;
		memmove(x->tstart, x->tstart + gone, x->ntok * sizeof(size_t));
		memmove(x->tend, x->tend + gone, x->ntok * sizeof(size_t));
		x->tok_base = p0;
	}
}

static void
copy_lines(ReturnSetInfo *rsinfo, Tuplestorestate *from, TupleDesc desc)
{
	TupleTableSlot *slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);

	tuplestore_rescan(from);
	while (tuplestore_gettupleslot(from, true, false, slot))
	{
		CHECK_FOR_INTERRUPTS();
		tuplestore_puttupleslot(rsinfo->setResult, slot);
	}
	ExecDropSingleTupleTableSlot(slot);
	tuplestore_end(from);
}

PG_FUNCTION_INFO_V1(indicators_explain);

/*
 * explain(note text) returns setof text: the note with its mentions
 * [marked], live triggers <marked> and the anchors or blockers that
 * decided something {marked}; then a line per mention, and per trigger
 * with the words its scope covers.  The note is read twice, a window at a
 * time: first for the categories of its live triggers (a terminator is
 * shown only where it can end a scope), then for the marks and lines.
 */
Datum
indicators_explain(PG_FUNCTION_ARGS)
{
	text	   *note = PG_GETARG_TEXT_PP(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	call_state *st = ind_call_state(fcinfo);
	ind_text	in;
	explain_state x = {0};
	ind_call_reader r = {0};

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	x.tok = ind_call_tokenize(note, &in);
	x.in = &in;
	x.desc = rsinfo->setDesc;
	x.line_cxt = AllocSetContextCreate(CurrentMemoryContext, "indicators explain line",
									   ALLOCSET_DEFAULT_SIZES);
	x.tcap = 256;
	x.tstart = palloc(x.tcap * sizeof(size_t));
	x.tend = palloc(x.tcap * sizeof(size_t));

	r.mention = no_mention;
	r.rule = note_live;
	r.arg = &x;
	ind_call_read(st, &in, &r);

	initStringInfo(&x.note);
	initStringInfo(&x.buf);
	x.mention_lines = tuplestore_begin_heap(false, false, work_mem);
	x.rule_lines = tuplestore_begin_heap(false, false, work_mem);
	r.mention = explain_mention;
	r.rule = explain_rule;
	r.scopes = true;
	r.dropping = explain_dropping;
	ind_call_read(st, &in, &r);

	write_marks(st, &x, in.len + 1);
	append_text(&x.note, in.utf8, x.at, in.len);
	put_line(rsinfo->setResult, x.desc, &x.note, x.line_cxt);
	pfree(x.note.data);
	copy_lines(rsinfo, x.mention_lines, x.desc);
	copy_lines(rsinfo, x.rule_lines, x.desc);
	MemoryContextDelete(x.line_cxt);
	return (Datum) 0;
}
