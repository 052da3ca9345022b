/*-------------------------------------------------------------------------
 * pattern.c
 *	  Patterns in the lexicon: a term or rule written with groups of
 *	  alternatives, as the plain phrases it stands for (see pattern.h).
 *
 * Part of the pure core: no postgres.h.
 *
 * A pattern is compiled by writing out its phrases, which then go into
 * the same tries as any phrase: matching stays one pass, spans stay
 * exact, and the phrases of one pattern are one term (its text and id).
 * What that costs is stated by the bound on phrases a pattern may stand
 * for.  The syntax is read byte by byte: the brackets and the bar are
 * ASCII, and no byte of a multi-byte UTF-8 character is ASCII.
 *-------------------------------------------------------------------------
 */
#include "pattern.h"

#include <stdio.h>
#include <string.h>

/* A segment: literal words, or a group of alternatives (pieces of text). */
typedef struct segment
{
	bool		group;
	bool		optional;		/* [...] */
	size_t		first;			/* its pieces: piece[first .. first + n) */
	size_t		n;
} segment;

typedef struct piece
{
	size_t		start;
	size_t		len;
} piece;

typedef struct parsed
{
	segment    *seg;
	size_t		nseg;
	piece	   *piece;
	size_t		npiece;
} parsed;

#define NOWHERE ((size_t) -1)

static IND_NORETURN void
pattern_fail(const ind_env *env, ind_arena *arena, const uint8_t *text, size_t len,
			 size_t at, const char *what, const char *detail)
{
	size_t		shown = len > 200 ? 200 : len;
	size_t		n = strlen(what) + shown + 64;
	char	   *msg = ind_arena_alloc(arena, n);

	while (shown > 0 && shown < len && (text[shown] & 0xC0) == 0x80)
		shown--;
	if (at == NOWHERE)
		snprintf(msg, n, "term \"%.*s%s\" %s", (int) shown, (const char *) text,
				 shown < len ? "..." : "", what);
	else
		snprintf(msg, n, "term \"%.*s%s\" %s at byte %zu", (int) shown, (const char *) text,
				 shown < len ? "..." : "", what, at + 1);
	env->fail(env->host, IND_FAIL_INPUT, msg, detail);
}

static bool
blank(const uint8_t *s, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

static void
add_piece(ind_arena *arena, parsed *p, size_t *cap, size_t start, size_t len)
{
	ind_arena_grow(arena, (void **) &p->piece, cap, p->npiece + 1, sizeof(piece));
	p->piece[p->npiece].start = start;
	p->piece[p->npiece].len = len;
	p->npiece++;
}

static segment *
add_segment(ind_arena *arena, parsed *p, size_t *cap, bool group, bool optional)
{
	segment    *s;

	ind_arena_grow(arena, (void **) &p->seg, cap, p->nseg + 1, sizeof(segment));
	s = &p->seg[p->nseg++];
	s->group = group;
	s->optional = optional;
	s->first = p->npiece;
	s->n = 0;
	return s;
}

static const char nest_detail[] =
	"Write alternatives in a group, (found|located) or [a|the] (which may be left out); groups do not nest.";

/* Splits text into literal words and groups; fails on bad syntax. */
static void
parse(const ind_env *env, ind_arena *arena, const uint8_t *text, size_t len, parsed *p)
{
	size_t		segcap = 0,
				piececap = 0,
				from = 0,		/* the literal or alternative under way */
				i;
	segment    *open = NULL;
	uint8_t		closer = 0;

	memset(p, 0, sizeof(parsed));
	for (i = 0; i <= len; i++)
	{
		uint8_t		c = i < len ? text[i] : 0;

		if (c == '(' || c == '[')
		{
			if (open)
				pattern_fail(env, arena, text, len, i, "has a group inside a group", nest_detail);
			if (!blank(text + from, i - from))
			{
				add_segment(arena, p, &segcap, false, false)->n = 1;
				add_piece(arena, p, &piececap, from, i - from);
			}
			open = add_segment(arena, p, &segcap, true, c == '[');
			closer = c == '(' ? ')' : ']';
			from = i + 1;
		}
		else if (c == '|' || c == ')' || c == ']')
		{
			if (!open)
				pattern_fail(env, arena, text, len, i,
							 c == '|' ? "has a '|' outside a group" : "closes a group that was not opened",
							 nest_detail);
			if (c != '|' && c != closer)
				pattern_fail(env, arena, text, len, i, "closes a group with the other bracket",
							 "A group opened with ( closes with ), one opened with [ closes with ].");
			if (blank(text + from, i - from))
				pattern_fail(env, arena, text, len, i, "has an empty alternative",
							 "Every alternative has a word; to let a group be left out, write it in [...].");
			add_piece(arena, p, &piececap, from, i - from);
			p->seg[p->nseg - 1].n++;
			from = i + 1;
			if (c != '|')
				open = NULL;
		}
		else if (i == len)
		{
			if (open)
				pattern_fail(env, arena, text, len, i - 1, "has a group that is not closed", nest_detail);
			if (!blank(text + from, i - from))
			{
				add_segment(arena, p, &segcap, false, false)->n = 1;
				add_piece(arena, p, &piececap, from, i - from);
			}
		}
	}
}

size_t
ind_pattern_forms(const ind_env *env, ind_norm *norm, ind_tokenizer *t, ind_arena *arena,
				  const uint8_t *text, size_t len, ind_form_fn fn, void *arg)
{
	parsed		p;
	size_t		forms = 1,
				given = 0,
				f,
				s;
	size_t	   *choice;
	uint8_t    *buf;
	char	  **keys;

	if (len > IND_TERM_MAX_BYTES)
	{
		ind_term_words w;

		/* the phrase parser says so, with its message */
		ind_term_parse(env, norm, t, arena, text, len, &w);
	}
	parse(env, arena, text, len, &p);
	for (s = 0; s < p.nseg; s++)
	{
		forms *= p.seg[s].n + (p.seg[s].optional ? 1 : 0);
		if (forms > IND_PATTERN_MAX_FORMS)
		{
			char		detail[160];

			snprintf(detail, sizeof(detail),
					 "A pattern may stand for at most %d phrases (the product of its groups' sizes).",
					 IND_PATTERN_MAX_FORMS);
			pattern_fail(env, arena, text, len, NOWHERE, "stands for too many phrases", detail);
		}
	}
	choice = ind_arena_alloc0(arena, (p.nseg + 1) * sizeof(size_t));
	buf = ind_arena_alloc(arena, len + 1);
	keys = ind_arena_alloc(arena, forms * sizeof(char *));
	for (f = 0; f < forms; f++)
	{
		size_t		blen = 0,
					keylen,
					k;
		ind_term_words w;
		char	   *key;

		/* the phrase of this choice of alternatives */
		for (s = 0; s < p.nseg; s++)
		{
			const segment *g = &p.seg[s];
			const piece *pc;

			if (choice[s] == g->n)
				continue;		/* an optional group left out */
			pc = &p.piece[g->first + choice[s]];
			if (blen > 0)
				buf[blen++] = ' ';
			memcpy(buf + blen, text + pc->start, pc->len);
			blen += pc->len;
		}
		if (p.nseg > 0 && blank(buf, blen))
			pattern_fail(env, arena, text, len, NOWHERE, "can stand for no words at all",
						 "Every phrase a pattern stands for needs a word: not every part of it may be a [...] group.");
		ind_term_parse(env, norm, t, arena, buf, blen, &w);
		key = ind_term_key(arena, &w, &keylen);
		for (k = 0; k < given; k++)
			if (strcmp(keys[k], key) == 0)
				break;
		if (k == given)
		{
			keys[given++] = key;
			fn(arg, &w);
		}
		/* the next choice: an odometer over the groups */
		for (s = p.nseg; s-- > 0;)
		{
			size_t		top = p.seg[s].n + (p.seg[s].optional ? 1 : 0);

			if (++choice[s] < top)
				break;
			choice[s] = 0;
		}
	}
	return given;
}

static void
no_form(void *arg, const ind_term_words *w)
{
	(void) arg, (void) w;
}

char *
ind_pattern_key(const ind_env *env, ind_norm *norm, ind_tokenizer *t, ind_arena *arena,
				const uint8_t *text, size_t len, size_t *keylen)
{
	parsed		p;
	size_t		s,
				n = 0,
				cap = 0;
	char	   *out = NULL;

	(void) ind_pattern_forms(env, norm, t, arena, text, len, no_form, NULL);
	parse(env, arena, text, len, &p);
	for (s = 0; s < p.nseg; s++)
	{
		const segment *g = &p.seg[s];
		size_t		a;

		for (a = 0; a < g->n; a++)
		{
			const piece *pc = &p.piece[g->first + a];
			ind_term_words w;
			size_t		wl;
			const char *wk;
			const char *before = a > 0 ? "|" : !g->group ? "" : g->optional ? "[" : "(";

			ind_term_parse(env, norm, t, arena, text + pc->start, pc->len, &w);
			wk = ind_term_key(arena, &w, &wl);
			ind_arena_grow(arena, (void **) &out, &cap, n + wl + 4, 1);
			if (s > 0 && a == 0)
				out[n++] = ' ';
			memcpy(out + n, before, strlen(before));
			n += strlen(before);
			memcpy(out + n, wk, wl);
			n += wl;
		}
		if (g->group)
			out[n++] = g->optional ? ']' : ')';
	}
	ind_arena_grow(arena, (void **) &out, &cap, n + 1, 1);
	out[n] = 0;
	*keylen = n;
	return out;
}
