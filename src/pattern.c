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
#include "map.h"

#include <stdio.h>
#include <string.h>

/* pattern forms are told apart in a table of twice as many uint16 slots */
_Static_assert((IND_PATTERN_MAX_FORMS & (IND_PATTERN_MAX_FORMS - 1)) == 0 &&
			   2 * IND_PATTERN_MAX_FORMS <= 65535, "IND_PATTERN_MAX_FORMS: a power of two below 32768");

/*
 * A segment: literal words, or a group of alternatives (pieces of text), or
 * a word class (<name>: its words are the alternatives).
 */
typedef struct segment
{
	bool		group;
	bool		optional;		/* [...] */
	bool		word_class;		/* <name>: the name is its one piece */
	size_t		first;			/* its pieces: piece[first .. first + n) */
	size_t		n;
} segment;

typedef struct piece
{
	const uint8_t *base;		/* the pattern's text, or a class word */
	size_t		start;
	size_t		len;
} piece;

typedef struct parsed
{
	segment    *seg;
	size_t		nseg;
	piece	   *piece;
	size_t		npiece;
	size_t		nclasses;
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
add_piece(ind_arena *arena, parsed *p, size_t *cap, const uint8_t *base, size_t start,
		  size_t len)
{
	ind_arena_grow(arena, (void **) &p->piece, cap, p->npiece + 1, sizeof(piece));
	p->piece[p->npiece].base = base;
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
	s->word_class = false;
	s->first = p->npiece;
	s->n = 0;
	return s;
}

static const char nest_detail[] =
	"Write alternatives in a group, (found|located) or [a|the] (which may be left out); groups do not nest.";
static const char class_detail[] =
	"A word class is written <name>, the name in lower-case letters, digits and _ (indicators.word_class), as a group of its own.";

static inline bool
class_name_char(uint8_t c, bool first)
{
	return (c >= 'a' && c <= 'z') || (!first && ((c >= '0' && c <= '9') || c == '_'));
}

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

		if (c == '<' || c == '>')
		{
			size_t		j;
			segment    *g;

			if (c == '>')
				pattern_fail(env, arena, text, len, i, "closes a word class that was not opened",
							 class_detail);
			if (open)
				pattern_fail(env, arena, text, len, i, "has a word class inside a group", class_detail);
			for (j = i + 1; j < len && class_name_char(text[j], j == i + 1); j++)
				;
			if (j == len || text[j] != '>' || j == i + 1 || j - i - 1 > IND_CLASS_NAME_MAX)
				pattern_fail(env, arena, text, len, i, "has a word class name that is not one",
							 class_detail);
			if (!blank(text + from, i - from))
			{
				add_segment(arena, p, &segcap, false, false)->n = 1;
				add_piece(arena, p, &piececap, text, from, i - from);
			}
			g = add_segment(arena, p, &segcap, true, false);
			g->word_class = true;
			g->n = 1;
			add_piece(arena, p, &piececap, text, i + 1, j - i - 1);
			if (++p->nclasses > IND_PATTERN_MAX_CLASSES)
				pattern_fail(env, arena, text, len, i, "has too many word classes",
							 "A pattern may use at most 4 word classes.");
			i = j;
			from = j + 1;
		}
		else if (c == '(' || c == '[')
		{
			if (open)
				pattern_fail(env, arena, text, len, i, "has a group inside a group", nest_detail);
			if (!blank(text + from, i - from))
			{
				add_segment(arena, p, &segcap, false, false)->n = 1;
				add_piece(arena, p, &piececap, text, from, i - from);
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
			add_piece(arena, p, &piececap, text, from, i - from);
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
				add_piece(arena, p, &piececap, text, from, i - from);
			}
		}
	}
}

/*
 * A class word that stands for any: the longest a class word may be, so
 * that a pattern checked with it (no classes at hand: term_key) is within
 * the bounds of a phrase whatever its classes hold.
 */
static const char any_class_word[] =
	"xxxxxxxxxxxxxxx xxxxxxxxxxxxxxx xxxxxxxxxxxxxxx xxxxxxxxxxxxxxxx";
_Static_assert(sizeof(any_class_word) - 1 == IND_CLASS_WORD_MAX_BYTES,
			   "any_class_word is as long as a class word may be");

/*
 * Puts each word class segment's words in place of its name (from
 * classes, or any_class_word without).  Returns NULL, or what is wrong.
 */
static const char *
fill_classes(ind_arena *arena, parsed *p, const ind_classes *classes, char **name)
{
	piece	   *old = p->piece;
	size_t		cap = 0,
				s;

	if (p->nclasses == 0)
		return NULL;
	p->piece = NULL;
	p->npiece = 0;
	for (s = 0; s < p->nseg; s++)
	{
		segment    *g = &p->seg[s];
		size_t		first = p->npiece,
					k;

		if (!g->word_class)
		{
			for (k = 0; k < g->n; k++)
				add_piece(arena, p, &cap, old[g->first + k].base, old[g->first + k].start,
						  old[g->first + k].len);
		}
		else if (classes == NULL)
			add_piece(arena, p, &cap, (const uint8_t *) any_class_word, 0,
					  sizeof(any_class_word) - 1);
		else
		{
			const piece *nm = &old[g->first];
			const ind_word_class *wc = NULL;

			for (k = 0; k < classes->n; k++)
				if (classes->c[k].namelen == nm->len &&
					memcmp(classes->c[k].name, nm->base + nm->start, nm->len) == 0)
					wc = &classes->c[k];
			*name = ind_arena_alloc(arena, nm->len + 1);
			memcpy(*name, nm->base + nm->start, nm->len);
			(*name)[nm->len] = 0;
			if (wc == NULL || wc->n == 0)
				return "uses a word class that has no enabled words";
			for (k = 0; k < wc->n; k++)
				add_piece(arena, p, &cap, wc->words[k], 0, wc->lens[k]);
		}
		g->first = first;
		g->n = p->npiece - first;
	}
	return NULL;
}

/*
 * What makes a pattern stand for no phrase in the lexicon as it is now (a
 * word class, its size): with problem, said there (the pattern is left
 * out); without, an error.  Returns 0 phrases.
 */
static size_t
left_out(const ind_env *env, ind_arena *arena, const uint8_t *text, size_t len,
		 const char *what, const char *class_name, const char **problem)
{
	char		detail[200];

	if (class_name)
		snprintf(detail, sizeof(detail), "The word class is <%s>: add words to indicators.word_class.",
				 class_name);
	else
		snprintf(detail, sizeof(detail),
				 "A pattern may stand for at most %d phrases (the product of its groups' and word classes' sizes).",
				 IND_PATTERN_MAX_FORMS);
	if (problem == NULL)
		pattern_fail(env, arena, text, len, NOWHERE, what, detail);
	*problem = what;
	return 0;
}

size_t
ind_pattern_forms(const ind_env *env, ind_norm *norm, ind_tokenizer *t, ind_arena *arena,
				  const uint8_t *text, size_t len, const ind_classes *classes,
				  const char **problem, ind_form_fn fn, void *arg)
{
	parsed		p;
	size_t		forms = 1,
				given = 0,
				f,
				s,
				buflen = len + 1;
	size_t	   *choice;
	uint8_t    *buf;
	char	  **keys;
	uint16_t	seen[2 * IND_PATTERN_MAX_FORMS];	/* open addressing over keys */
	size_t		slot;
	char	   *class_name = NULL;
	const char *wrong;

	if (len > IND_TERM_MAX_BYTES)
	{
		ind_term_words w;

		/* the phrase parser says so, with its message */
		ind_term_parse(env, norm, t, arena, text, len, &w);
	}
	parse(env, arena, text, len, &p);
	wrong = fill_classes(arena, &p, classes, &class_name);
	if (wrong)
		return left_out(env, arena, text, len, wrong, class_name, problem);
	for (s = 0; s < p.nseg; s++)
	{
		size_t		longest = 0,
					k;

		forms *= p.seg[s].n + (p.seg[s].optional ? 1 : 0);
		if (forms > IND_PATTERN_MAX_FORMS)
			return left_out(env, arena, text, len, "stands for too many phrases", NULL, problem);
		for (k = 0; k < p.seg[s].n; k++)
			if (p.piece[p.seg[s].first + k].len > longest)
				longest = p.piece[p.seg[s].first + k].len;
		buflen += longest + 1;
	}
	choice = ind_arena_alloc0(arena, (p.nseg + 1) * sizeof(size_t));
	buf = ind_arena_alloc(arena, buflen);
	keys = ind_arena_alloc(arena, forms * sizeof(char *));
	memset(seen, 0, sizeof(seen));
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
			memcpy(buf + blen, pc->base + pc->start, pc->len);
			blen += pc->len;
		}
		if (p.nseg > 0 && blank(buf, blen))
			pattern_fail(env, arena, text, len, NOWHERE, "can stand for no words at all",
						 "Every phrase a pattern stands for needs a word: not every part of it may be a [...] group.");
		ind_term_parse(env, norm, t, arena, buf, blen, &w);
		key = ind_term_key(arena, &w, &keylen);
		/* a phrase two choices make alike counts once (seen: index + 1 of its key) */
		for (k = ind_map_hash(key, keylen) & (2 * IND_PATTERN_MAX_FORMS - 1);
			 seen[k] != 0 && strcmp(keys[seen[k] - 1], key) != 0;
			 k = (k + 1) & (2 * IND_PATTERN_MAX_FORMS - 1))
			;
		slot = k;
		k = seen[slot] != 0 ? (size_t) seen[slot] - 1 : given;
		if (k == given)
		{
			seen[slot] = (uint16_t) (given + 1);
			keys[given++] = key;
			if (fn)
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

bool
ind_pattern_near(const ind_env *env, ind_arena *arena, const uint8_t *text, size_t len,
				 ind_near *near)
{
	size_t		i,
				at = NOWHERE,
				after = 0;
	bool		in_group = false;
	static const char detail[] =
		"A term \"A ... B\" is found where A and B lie within 4 tokens of each other in a sentence, in either order; \"A ...3 B\": within 3 (1 to 16); \"A ...> B\": A before B.";

	for (i = 0; i < len; i++)
	{
		uint8_t		c = text[i];

		if (c == '(' || c == '[' || c == '<')
			in_group = true;
		else if (c == ')' || c == ']' || c == '>')
			in_group = false;
		else if (!in_group && c == '.' && i + 2 < len && text[i + 1] == '.' && text[i + 2] == '.')
		{
			if (at != NOWHERE)
				pattern_fail(env, arena, text, len, i, "has a second \"...\"", detail);
			at = i;
			for (after = i + 3; after < len && text[after] == '.'; after++)
				;
			i = after - 1;
		}
	}
	if (at == NOWHERE)
		return false;
	near->distance = IND_NEAR_DEFAULT;
	near->ordered = after < len && text[after] == '>';
	if (near->ordered)
		after++;
	if (after < len && text[after] >= '0' && text[after] <= '9')
	{
		int			d = 0;

		while (after < len && text[after] >= '0' && text[after] <= '9' && d <= IND_NEAR_MAX)
			d = d * 10 + (text[after++] - '0');
		if (d < 1 || d > IND_NEAR_MAX)
			pattern_fail(env, arena, text, len, at, "has a distance out of range after \"...\"", detail);
		near->distance = d;
	}
	near->start[0] = 0;
	near->len[0] = at;
	near->start[1] = after;
	near->len[1] = len - after;
	if (blank(text, at) || blank(text + after, len - after))
		pattern_fail(env, arena, text, len, at, "has no words on one side of \"...\"", detail);
	return true;
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

	{
		ind_near	near;

		if (ind_pattern_near(env, arena, text, len, &near))
		{
			size_t		ka,
						kb;
			char	   *a = ind_pattern_key(env, norm, t, arena, text + near.start[0], near.len[0], &ka);
			char	   *b = ind_pattern_key(env, norm, t, arena, text + near.start[1], near.len[1], &kb);

			out = ind_arena_alloc(arena, ka + kb + 16);
			n = (size_t) snprintf(out, ka + kb + 16, "%s ...%s%.0d %s", a, near.ordered ? ">" : "",
								  near.distance == IND_NEAR_DEFAULT ? 0 : (int) near.distance, b);
			*keylen = n;
			return out;
		}
	}
	(void) ind_pattern_forms(env, norm, t, arena, text, len, NULL, NULL, NULL, NULL);
	parse(env, arena, text, len, &p);
	for (s = 0; s < p.nseg; s++)
	{
		const segment *g = &p.seg[s];
		size_t		a;

		if (g->word_class)
		{
			const piece *nm = &p.piece[g->first];

			ind_arena_grow(arena, (void **) &out, &cap, n + nm->len + 4, 1);
			if (s > 0)
				out[n++] = ' ';
			out[n++] = '<';
			memcpy(out + n, text + nm->start, nm->len);
			n += nm->len;
			out[n++] = '>';
			continue;
		}

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
