/*-------------------------------------------------------------------------
 * tsparser.c
 *	  The text-search parser indicators.parser: the matcher's tokens, typed
 *	  for text search, with the words of mentions that do not count typed
 *	  apart.
 *
 * The tokens are the core tokenizer's, so to_tsvector() sees the words
 * flags() sees, in any database locale: words, numbers, and each emoji
 * sequence (modifiers, ZWJ and all) as one emoji token.  Runs of spaces
 * and punctuation come out as one blank token, as in the default parser.
 * Token ids that the default parser also has keep its numbers, because
 * ts_headline() goes through pg_catalog.prsd_headline, which knows the
 * default parser's ids for spaces.
 *
 * START reads the whole note with the scan and context rules of flags()
 * and keeps the mentions that count for the dictionary (textsearch.h).
 * The words of a mention that does not count (negated, hypothetical,
 * about another person, ambiguous with nothing to support it), and of no
 * mention that counts, are typed "uncounted", which the shipped
 * configurations send to the English stemmer alone: they stay searchable
 * as words and give no indicator.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "tsearch/ts_public.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"

#include "call.h"
#include "compound.h"
#include "textsearch.h"

/* token ids; 1, 2, 3, 12 and 22 are the default parser's */
#define TT_ASCIIWORD	1
#define TT_WORD			2
#define TT_NUMWORD		3
#define TT_BLANK		12
#define TT_NUMBER		22
#define TT_EMOJI		24
#define TT_UNCOUNTED	25
/*
 * Compounds come before their parts, as the default parser's hyphenated
 * words do; ts_headline must skip them, and skips these ids (5 is the
 * default parser's url, 15 and 16 its hyphenated words).
 */
#define TT_URL			5
#define TT_PHONE		15
#define TT_EMAIL		16

typedef struct byte_range
{
	size_t		start;
	size_t		end;
} byte_range;

typedef struct ts_parse
{
	ind_ts_note note;			/* what the dictionary reads */
	call_state *st;
	ind_text	in;				/* the note as the core reads it */
	ind_tokenizer tok;
	ind_token  *queue;			/* core tokens read, not yet handed out */
	size_t		qhead;
	size_t		qlen;
	size_t		qcap;
	bool		ended;			/* the tokenizer has no more */
	size_t		compound_from;	/* no compound starts before this byte */
	unsigned	compounds;		/* the kinds the note may hold */
	byte_range *counted;		/* UTF-8 spans of mentions that count */
	size_t		ncounted;
	size_t		counted_at;		/* the first of them not behind us */
	byte_range *uncounted;		/* ... of uncounted words, in order */
	size_t		nuncounted;
	size_t		at;
	MemoryContextCallback forget;
} ts_parse;

/* The parse under way: between START and END, while its memory lives. */
static ts_parse *current = NULL;

const ind_ts_note *
ind_ts_note_of(const char *token)
{
	if (current != NULL && token >= current->note.buf &&
		token < current->note.buf + current->note.len)
		return &current->note;
	return NULL;
}

static void
forget_parse(void *arg)
{
	if (current == arg)
		current = NULL;
}

static int
cmp_range(const void *x, const void *y)
{
	const byte_range *a = x,
			   *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (a->end > b->end) - (a->end < b->end);
}

static int
cmp_ts_mention(const void *x, const void *y)
{
	const ind_ts_mention *a = x,
			   *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (a->end > b->end) - (a->end < b->end);
}

/* Sorts r and merges the ranges that overlap or touch; returns how many. */
static size_t
merge_ranges(const ind_env *env, byte_range *r, size_t n)
{
	size_t		out = 0,
				i;

	ind_sort(env, r, n, sizeof(byte_range), cmp_range);
	for (i = 0; i < n; i++)
	{
		if (out > 0 && r[i].start <= r[out - 1].end)
			r[out - 1].end = Max(r[out - 1].end, r[i].end);
		else
			r[out++] = r[i];
	}
	return out;
}

/*
 * a[0..na) minus b[0..nb), both merged, into out (room for na + nb);
 * returns how many ranges are left.
 */
static size_t
subtract_ranges(const byte_range *a, size_t na, const byte_range *b, size_t nb,
				byte_range *out)
{
	size_t		n = 0,
				i,
				j = 0;

	for (i = 0; i < na; i++)
	{
		size_t		from = a[i].start;

		while (j < nb && b[j].end <= from)
			j++;
		while (j < nb && b[j].start < a[i].end)
		{
			if (b[j].start > from)
				out[n++] = (byte_range) {from, b[j].start};
			from = Max(from, b[j].end);
			if (b[j].end >= a[i].end)
				break;
			j++;
		}
		if (from < a[i].end)
			out[n++] = (byte_range) {from, a[i].end};
	}
	return n;
}

/* The mentions of a note as read_note gathers them. */
typedef struct ts_gather
{
	ts_parse   *p;
	const char **codes;			/* per indicator, copied once */
	size_t		mcap;
	byte_range *counted,
			   *other;
	size_t		ncounted,
				countedcap,
				nother,
				othercap;
} ts_gather;

static bool
gather_mention(call_state *st, int32_t e, void *arg)
{
	ts_gather  *g = arg;
	ts_parse   *p = g->p;
	const ind_mention *m = &st->ev[e];
	int32_t		ind;

	if (!(st->ctx[e].flags & IND_CTX_AFFIRMED))
	{
		ind_call_grow(CurrentMemoryContext, (void **) &g->other, &g->othercap,
					  g->nother + 1, sizeof(byte_range));
		g->other[g->nother++] = (byte_range) {m->start, m->end};
		return true;
	}
	ind_call_grow(CurrentMemoryContext, (void **) &g->counted, &g->countedcap,
				  g->ncounted + 1, sizeof(byte_range));
	g->counted[g->ncounted++] = (byte_range) {m->start, m->end};
	ind = st->lex->terms[m->term].indicator;
	if (g->codes[ind] == NULL)
		g->codes[ind] = pstrdup(st->lex->indicators[ind]);
	ind_call_grow(CurrentMemoryContext, (void **) &p->note.mentions, &g->mcap,
				  p->note.nmentions + 1, sizeof(ind_ts_mention));
	p->note.mentions[p->note.nmentions++] = (ind_ts_mention) {
		ind_pg_offset(&p->in, m->start, m->cstart),
		ind_pg_offset(&p->in, m->end, m->cend),
		g->codes[ind]
	};
	return true;
}

/*
 * Reads the whole note as flags() does: the mentions that count go to
 * p->note, the spans of the others (less those that count) to p->uncounted.
 */
static void
read_note(ts_parse *p)
{
	call_state *st = p->st;
	ts_gather	g = {0};

	st->want = -1;
	if (!ind_call_any_mention(st, &p->in))
		return;
	/* the mentions match() shows: a term inside a longer one is not one */
	g.p = p;
	g.codes = palloc0(sizeof(char *) * (st->lx->all->nindicators + 1));
	ind_call_mentions(st, &p->in, gather_mention, &g);
	ind_sort(st->env, p->note.mentions, p->note.nmentions, sizeof(ind_ts_mention), cmp_ts_mention);
	g.ncounted = merge_ranges(st->env, g.counted, g.ncounted);
	g.nother = merge_ranges(st->env, g.other, g.nother);
	p->uncounted = palloc(sizeof(byte_range) * (g.ncounted + g.nother + 1));
	p->nuncounted = subtract_ranges(g.other, g.nother, g.counted, g.ncounted, p->uncounted);
	p->counted = g.counted;
	p->ncounted = g.ncounted;
}

PG_FUNCTION_INFO_V1(indicators_ts_start);

/* START(internal buffer, int4 length) returns internal */
Datum
indicators_ts_start(PG_FUNCTION_ARGS)
{
	const char *buf = (const char *) PG_GETARG_POINTER(0);
	int			len = PG_GETARG_INT32(1);
	ts_parse   *p = palloc0(sizeof(ts_parse));
	char	   *copy = palloc((Size) len + 1);

	memcpy(copy, buf, len);
	copy[len] = '\0';
	p->note.buf = copy;
	p->note.len = (size_t) len;
	ind_pg_buf(copy, (size_t) len, &p->in);
	p->st = ind_call_state_create(CurrentMemoryContext);
	read_note(p);
	p->compounds = ind_compounds_possible(p->in.utf8, p->in.len);
	ind_tok_begin(&p->tok, p->st->env, ind_pg_norm(), p->in.utf8, p->in.len,
				  p->in.byte_positions, false);

	/* published until END, or until an error frees this memory */
	p->forget.func = forget_parse;
	p->forget.arg = p;
	MemoryContextRegisterResetCallback(CurrentMemoryContext, &p->forget);
	current = p;
	PG_RETURN_POINTER(p);
}

static bool
is_blank(uint8_t type)
{
	return type != IND_TOK_WORD && type != IND_TOK_NUMBER && type != IND_TOK_EMOJI;
}

/* Reads core tokens until the k-th not yet handed out is in the queue. */
static void
read_ahead(ts_parse *p, size_t k)
{
	while (p->qhead + k >= p->qlen && !p->ended)
	{
		ind_token	t;

		if (!ind_tok_next(&p->tok, &t))
		{
			p->ended = true;
			break;
		}
		t.key = NULL;			/* only valid until the next token */
		if (p->qlen == p->qcap)
		{
			if (p->qhead > 0)
			{
				memmove(p->queue, p->queue + p->qhead, sizeof(ind_token) * (p->qlen - p->qhead));
				p->qlen -= p->qhead;
				p->qhead = 0;
			}
			if (p->qlen == p->qcap)
			{
				p->qcap = p->qcap ? 2 * p->qcap : 16;
				p->queue = p->queue ? repalloc(p->queue, sizeof(ind_token) * p->qcap) :
					palloc(sizeof(ind_token) * p->qcap);
			}
		}
		p->queue[p->qlen++] = t;
	}
}

/* The k-th core token not yet handed out, or NULL after the last. */
static inline const ind_token *
peek(ts_parse *p, size_t k)
{
	if (IND_UNLIKELY(p->qhead + k >= p->qlen))
		read_ahead(p, k);
	return p->qhead + k < p->qlen ? &p->queue[p->qhead + k] : NULL;
}

static void
pop(ts_parse *p)
{
	if (++p->qhead == p->qlen)
		p->qhead = p->qlen = 0;
}

static int
word_type(ts_parse *p, const ind_token *tok)
{
	size_t		i;

	while (p->at < p->nuncounted && p->uncounted[p->at].end <= tok->start)
		p->at++;
	if (p->at < p->nuncounted && p->uncounted[p->at].start <= tok->start)
		return TT_UNCOUNTED;
	if (tok->type == IND_TOK_NUMBER)
		return TT_NUMBER;
	if (tok->type == IND_TOK_EMOJI)
		return TT_EMOJI;
	if (tok->flags & IND_TOKF_LEET)
		return TT_NUMWORD;
	for (i = tok->start; i < tok->end; i++)
		if (p->in.utf8[i] >= 0x80)
			return TT_WORD;
	return TT_ASCIIWORD;
}

/*
 * Whether an email address, URL or phone number starts with token t (the
 * next one): its type, and the token it ends with.  None starts inside a
 * mention that counts (the dictionary is reading that one as a phrase, and
 * a token of another type would cut it short), and none inside another.
 */
static int
compound_at(ts_parse *p, const ind_token *t, const ind_token **last)
{
	const uint8_t *s = p->in.utf8;
	size_t		start = t->start,
				end,
				k;
	ind_compound kind;

	/* t moves if the queue grows below: only its start is kept */
	if (p->compounds == 0 || start < p->compound_from)
		return 0;
	if (is_blank(t->type) && !(t->type == IND_TOK_PUNCT && (s[start] == '(' || s[start] == '+')))
		return 0;
	while (p->counted_at < p->ncounted && p->counted[p->counted_at].end <= start)
		p->counted_at++;
	if (p->counted_at < p->ncounted && p->counted[p->counted_at].start < start)
		return 0;
	end = ind_compound_at(s, p->in.len, start, p->compounds, &kind);
	if (end == 0)
		return 0;
	/* it must end where a token ends */
	for (k = 0;; k++)
	{
		const ind_token *u = peek(p, k);

		CHECK_FOR_INTERRUPTS();
		if (u == NULL || u->end > end)
			return 0;
		if (u->end == end)
		{
			*last = u;
			break;
		}
	}
	return kind == IND_COMPOUND_URL ? TT_URL : kind == IND_COMPOUND_EMAIL ? TT_EMAIL : TT_PHONE;
}

/* Hands out the original text of UTF-8 bytes [start, end) */
static Datum
hand_out(ts_parse *p, FunctionCallInfo fcinfo, int type, size_t start, size_t end,
		 size_t cstart, size_t cend)
{
	char	  **t = (char **) PG_GETARG_POINTER(1);
	int		   *tlen = (int *) PG_GETARG_POINTER(2);
	size_t		from = ind_pg_offset(&p->in, start, cstart);

	*t = (char *) p->note.buf + from;
	*tlen = (int) (ind_pg_offset(&p->in, end, cend) - from);
	PG_RETURN_INT32(type);
}

PG_FUNCTION_INFO_V1(indicators_ts_token);

/*
 * GETTOKEN(internal state, internal token, internal length) returns
 * internal: the next token's type (0 at the end), *token and *length.
 */
Datum
indicators_ts_token(PG_FUNCTION_ARGS)
{
	ts_parse   *p = (ts_parse *) PG_GETARG_POINTER(0);
	ind_token	tok;
	bool		blank = false;
	size_t		bstart = 0,
				bcstart = 0,
				bend = 0,
				bcend = 0;

	for (;;)
	{
		const ind_token *t = peek(p, 0);
		const ind_token *last;
		int			type;

		if (t == NULL)
		{
			if (blank)
				return hand_out(p, fcinfo, TT_BLANK, bstart, bend, bcstart, bcend);
			*(int *) PG_GETARG_POINTER(2) = 0;
			PG_RETURN_INT32(0);
		}
		if ((type = compound_at(p, t, &last)) != 0)
		{
			/* the blank before it first; it comes next time */
			if (blank)
				return hand_out(p, fcinfo, TT_BLANK, bstart, bend, bcstart, bcend);
			/* then its tokens, one by one, as usual (reading ahead moved t) */
			t = peek(p, 0);
			p->compound_from = last->end;
			return hand_out(p, fcinfo, type, t->start, last->end, t->cstart, last->cend);
		}
		t = peek(p, 0);
		if (is_blank(t->type))
		{
			if (!blank)
			{
				blank = true;
				bstart = t->start;
				bcstart = t->cstart;
			}
			bend = t->end;
			bcend = t->cend;
			pop(p);
			continue;
		}
		if (blank)
			return hand_out(p, fcinfo, TT_BLANK, bstart, bend, bcstart, bcend);
		tok = *t;
		pop(p);
		return hand_out(p, fcinfo, word_type(p, &tok), tok.start, tok.end, tok.cstart, tok.cend);
	}
}

PG_FUNCTION_INFO_V1(indicators_ts_end);

/* END(internal state) returns void */
Datum
indicators_ts_end(PG_FUNCTION_ARGS)
{
	forget_parse(PG_GETARG_POINTER(0));
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(indicators_ts_lextypes);

/* LEXTYPES(internal) returns internal: the token types, for ts_token_type() */
Datum
indicators_ts_lextypes(PG_FUNCTION_ARGS)
{
	static const struct
	{
		int			id;
		const char *alias;
		const char *descr;
	}			types[] = {
		{TT_ASCIIWORD, "asciiword", "Word, all ASCII letters"},
		{TT_WORD, "word", "Word, all letters"},
		{TT_NUMWORD, "numword", "Word, letters with digits, $ or @"},
		{TT_URL, "url", "URL (before its words)"},
		{TT_BLANK, "blank", "Space and punctuation"},
		{TT_PHONE, "phone", "Phone number (before its numbers)"},
		{TT_EMAIL, "email", "Email address (before its words)"},
		{TT_NUMBER, "number", "Number"},
		{TT_EMOJI, "emoji", "Emoji or emoji sequence"},
		{TT_UNCOUNTED, "uncounted",
		"Word of a mention that does not count (negated, hypothetical, about another person, or ambiguous and unsupported)"},
	};
	LexDescr   *d = palloc(sizeof(LexDescr) * (lengthof(types) + 1));
	int			i;

	for (i = 0; i < (int) lengthof(types); i++)
	{
		d[i].lexid = types[i].id;
		d[i].alias = pstrdup(types[i].alias);
		d[i].descr = pstrdup(types[i].descr);
	}
	d[i].lexid = 0;
	PG_RETURN_POINTER(d);
}

static inline bool
is_compound(int type)
{
	return type == TT_URL || type == TT_PHONE || type == TT_EMAIL;
}

/*
 * A compound is left out of a headline (its parts show its text): a query
 * item it matches goes to its parts, so that they are marked instead.
 */
static void
lend_compound_items(HeadlineParsedText *prs)
{
	int			i,
				j;

	for (i = 0; i < prs->curwords; i++)
	{
		HeadlineWordEntry *c = &prs->words[i];
		int			covered = 0;

		if (c->repeated || c->item == NULL || !is_compound(c->type))
			continue;
		for (j = i + 1; j < prs->curwords && covered < (int) c->len; j++)
		{
			if (prs->words[j].repeated)
				continue;
			covered += prs->words[j].len;
			if (prs->words[j].item == NULL)
				prs->words[j].item = c->item;
		}
	}
}

/*
 * Entries i and j of a headline carry the same query items: their own and
 * those of the nrep repeated entries after each.
 */
static bool
same_items(const HeadlineParsedText *prs, int i, int j, int nrep)
{
	int			r;

	if (j + nrep >= prs->curwords || prs->words[j].repeated ||
		is_compound(prs->words[j].type) || prs->words[j].item != prs->words[i].item)
		return false;
	for (r = 1; r <= nrep; r++)
		if (!prs->words[j + r].repeated || prs->words[j + r].item != prs->words[i + r].item)
			return false;
	return j + nrep + 1 >= prs->curwords || !prs->words[j + nrep + 1].repeated;
}

/*
 * Every token of a phrase the dictionary read as one (its words and the
 * blanks between them) matches the query items of the phrase's lexemes;
 * prsd_headline() would mark each token apart.  Runs of tokens with the
 * same items become one entry here, so a mention is marked as one:
 * <b>hotel key card</b>.
 */
static void
join_mentions(HeadlineParsedText *prs)
{
	int			out = 0,
				i = 0;

	while (i < prs->curwords)
	{
		int			nrep = 0,
					j,
					r;
		StringInfoData text;

		CHECK_FOR_INTERRUPTS();
		if (prs->words[i].repeated || prs->words[i].item == NULL ||
			is_compound(prs->words[i].type))
		{
			prs->words[out++] = prs->words[i++];
			continue;
		}
		while (i + nrep + 1 < prs->curwords && prs->words[i + nrep + 1].repeated)
			nrep++;
		j = i + nrep + 1;
		if (same_items(prs, i, j, nrep))
		{
			initStringInfo(&text);
			appendBinaryStringInfo(&text, prs->words[i].word, prs->words[i].len);
			while (same_items(prs, i, j, nrep) &&
				   text.len + prs->words[j].len <= PG_UINT16_MAX)
			{
				appendBinaryStringInfo(&text, prs->words[j].word, prs->words[j].len);
				j += nrep + 1;
			}
			prs->words[i].word = text.data;
			prs->words[i].len = (uint32) text.len;
		}
		for (r = 0; r <= nrep; r++)
			prs->words[out++] = prs->words[i + r];
		i = j;
	}
	prs->curwords = out;
}

PG_FUNCTION_INFO_V1(indicators_ts_headline);

/*
 * HEADLINE(internal parsed, internal options, tsquery) returns internal:
 * the default parser's headline, with each mention, email address, URL
 * and phone number marked as one.
 */
Datum
indicators_ts_headline(PG_FUNCTION_ARGS)
{
	lend_compound_items((HeadlineParsedText *) PG_GETARG_POINTER(0));
	join_mentions((HeadlineParsedText *) PG_GETARG_POINTER(0));
	return DirectFunctionCall3(prsd_headline, PG_GETARG_DATUM(0), PG_GETARG_DATUM(1),
							   PG_GETARG_DATUM(2));
}
