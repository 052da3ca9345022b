/*-------------------------------------------------------------------------
 * context.c
 *	  NegEx/ConText-style context for the mentions of one scan.
 *
 * Part of the pure core: no postgres.h.
 *
 * Input: the events of a scan made with sc->events set: mentions of terms
 * and of context rules (lexicon entries of other kinds: triggers, pseudo-
 * triggers, terminators, anchors, blockers), sentence breaks and money
 * amounts, each with its span in tokens.  The rules, in order:
 *
 *  1. A pseudo-trigger ("not only", "mother reports") cancels every
 *	   trigger or terminator that lies inside it; of two triggers, one
 *	   inside the other, the longer wins ("no evidence of" over "no").
 *  2. A trigger that lies inside a term mention ("no" in "no ID", "refused"
 *	   in "refused to answer") is part of the term's own words: it applies
 *	   to nothing, but still ends the scope of an earlier trigger of its
 *	   category, as a new trigger does in NegEx.  A terminator inside one
 *	   ("found" in "found at a motel") does nothing at all.
 *  3. A forward trigger applies to a term mention that starts after it
 *	   starts and ends after it ends ("no signs of" applies to "signs of
 *	   abuse"), a backward trigger likewise the other way round, within the
 *	   sentence, within max_scope tokens if it has one, and until a
 *	   terminator for its category or a later trigger of its category.  The
 *	   trigger closest to the mention wins; the forward one if both apply.
 *	   Categories an indicator or a term ignores do not apply to it.
 *  4. An ambiguous term's mention is blocked by a blocker that overlaps it,
 *	   and anchored by an anchor rule, a money amount, or an affirmed
 *	   mention of an unambiguous term, in the same sentence or within
 *	   IND_ANCHOR_WINDOW tokens, that does not overlap it; failing those,
 *	   by quotation marks around it in its sentence (see quoted_anchors);
 *	   failing all, by the note, if an affirmed mention of an unambiguous
 *	   term lies anywhere in it (sc->note_support, which call.c finds).
 *  5. Affirmed: not negated, hypothetical or about another person (past
 *	   mentions count) and, if ambiguous, anchored and not blocked.
 *
 * Scopes are found by two sweeps over points sorted by token position
 * (the backward one on mirrored positions), anchors and blockers by
 * sweeps that keep the nearest candidate, so the cost is a few sorts of
 * the events, whatever their number.
 *-------------------------------------------------------------------------
 */
#include "context.h"

#include <stdlib.h>
#include <string.h>

typedef struct point
{
	int64_t		key;
	int32_t		type;
	int32_t		ev;
} point;

/*
 * Point types.  In the scope sweeps a point's key is 4 x token + slot, so
 * that at one token things happen in this order: a mention that ends
 * there is evaluated (slot 0), a terminator that starts there ends scopes
 * (1), a trigger that ends there begins its scope (2), and a sentence break
 * after the token ends every scope (3).
 */
enum
{
	P_EVAL = 0,					/* a term mention asks what applies to it */
	P_KILL,						/* a break or terminator ends scopes */
	P_ACT,						/* a trigger's scope begins */
	P_END,						/* a trigger inside a mention ends scopes */
	P_CONTAINER = 0,			/* containment and nearest-candidate sweeps */
	P_QUERY = 1
};

#define SLOT(token, slot) (4 * (token) + (slot))

/* the state of a rule mention */
#define ST_LIVE			0
#define ST_CANCELLED	1		/* inside a pseudo-trigger, or a longer trigger */
#define ST_INSIDE		2		/* inside a term mention */

typedef struct ind_context_scratch
{
	point	   *pts;
	size_t		ptscap;
	uint8_t    *state;
	size_t		statecap;
	size_t	   *sent;
	size_t		sentcap;
	size_t	   *breaks;
	size_t		breakscap;
	int64_t    *bucket_end;
	size_t		bucket_endcap;
	int32_t    *bucket_ev;
	size_t		bucket_evcap;
	int64_t    *quote_close;	/* per opening quotation mark: where its pair closes */
	size_t		quote_closecap;
} ind_context_scratch;

#define NO_EVENT (-1)

static int
cmp_point(const void *x, const void *y)
{
	const point *a = x,
			   *b = y;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	return (a->ev > b->ev) - (a->ev < b->ev);
}

static void
sort_points(ind_scanner *sc, ind_context_scratch *cs, size_t np)
{
	ind_sort(sc->env, cs->pts, np, sizeof(point), cmp_point);
}

static inline int
kind_of(const ind_lexicon *lex, const ind_mention *e)
{
	return e->term >= 0 ? lex->terms[e->term].kind : -1;
}

static inline bool
is_trigger(int kind)
{
	return ind_is_category(kind);
}

static inline point *
add_point(ind_scanner *sc, size_t *np, int64_t key, int32_t type, int32_t ev)
{
	ind_context_scratch *cs = sc->ctx;

	if (*np == cs->ptscap)
		ind_arena_grow(sc->arena, (void **) &cs->pts, &cs->ptscap, *np + 1, sizeof(point));
	cs->pts[*np].key = key;
	cs->pts[*np].type = type;
	cs->pts[*np].ev = ev;
	return &cs->pts[(*np)++];
}

/* A sort key: by start, longest first. */
static inline int64_t
span_key(const ind_mention *e)
{
	return ((int64_t) e->tstart << 32) | (int64_t) (0xFFFFFFFFu - (uint32_t) e->tend);
}

/*
 * Marks with mark every live event of kind-set want_q that lies inside an
 * event of kind-set want_c (strictly inside, if strict: a longer span).
 * Kind sets are bit masks over kind + 1 (so that -1, events, is bit 0).
 */
static void
mark_contained(ind_scanner *sc, const ind_lexicon *lex, const ind_mention *ev,
			   size_t n, uint32_t want_c, uint32_t want_q, bool strict,
			   uint8_t mark)
{
	ind_context_scratch *cs = sc->ctx;
	size_t		np = 0,
				i;
	int32_t		best = NO_EVENT;

	for (i = 0; i < n; ind_poll(sc->env, ++i))
	{
		uint32_t	bit = 1u << (kind_of(lex, &ev[i]) + 1);

		if (cs->state[i] != ST_LIVE)
			continue;
		if (want_c & bit)
			add_point(sc, &np, span_key(&ev[i]), P_CONTAINER, (int32_t) i);
		if (want_q & bit)
			add_point(sc, &np, span_key(&ev[i]), P_QUERY, (int32_t) i);
	}
	sort_points(sc, cs, np);
	for (i = 0; i < np; ind_poll(sc->env, ++i))
	{
		const point *p = &cs->pts[i];
		const ind_mention *e = &ev[p->ev];

		if (p->type == P_CONTAINER)
		{
			if (best == NO_EVENT || e->tend > ev[best].tend)
				best = p->ev;
		}
		else if (best != NO_EVENT && best != p->ev && ev[best].tend >= e->tend &&
				 (!strict || ev[best].tstart < e->tstart || ev[best].tend > e->tend))
			cs->state[p->ev] = mark;
	}
}

/*
 * One scope sweep.  backward: positions are mirrored (token x is M - x),
 * so that a backward trigger looks like a forward one.
 */
static void
sweep_scopes(ind_scanner *sc, const ind_lexicon *lex, const ind_mention *ev,
			 size_t n, ind_context *ctx, bool backward, int64_t M)
{
	ind_context_scratch *cs = sc->ctx;
	size_t		np = 0,
				i;
	int32_t		active[IND_NCATEGORIES];
	uint8_t		dir = backward ? IND_BACKWARD : IND_FORWARD;

	for (i = 0; i < n; ind_poll(sc->env, ++i))
	{
		const ind_mention *e = &ev[i];
		int			kind = kind_of(lex, e);
		int64_t		s = backward ? M - (int64_t) e->tend : (int64_t) e->tstart;
		int64_t		t = backward ? M - (int64_t) e->tstart : (int64_t) e->tend;

		if (kind == IND_TERM)
			add_point(sc, &np, SLOT(t, 0), P_EVAL, (int32_t) i);
		else if (kind == IND_TERMINATOR && cs->state[i] == ST_LIVE)
			add_point(sc, &np, SLOT(s, 1), P_KILL, (int32_t) i);
		else if (is_trigger(kind) && (lex->terms[e->term].direction & dir) &&
				 cs->state[i] != ST_CANCELLED)
			add_point(sc, &np, SLOT(t, 2), cs->state[i] == ST_INSIDE ? P_END : P_ACT,
					  (int32_t) i);
		else if (e->term == IND_EVENT_BREAK)
		{
			/* a break before token k is after token k - 1 (mirrored: M - k) */
			int64_t		after = backward ? M - (int64_t) e->tstart : (int64_t) e->tstart - 1;

			add_point(sc, &np, SLOT(after, 3), P_KILL, (int32_t) i);
		}
	}
	sort_points(sc, cs, np);

	for (i = 0; i < IND_NCATEGORIES; i++)
		active[i] = NO_EVENT;
	for (i = 0; i < np; ind_poll(sc->env, ++i))
	{
		const point *p = &cs->pts[i];
		const ind_mention *e = &ev[p->ev];
		int			c;

		switch (p->type)
		{
			case P_ACT:
				active[lex->terms[e->term].kind - 1] = p->ev;
				break;
			case P_END:
				active[lex->terms[e->term].kind - 1] = NO_EVENT;
				break;
			case P_KILL:
				{
					uint32_t	mask = IND_ALL_CATEGORIES;

					if (e->term >= 0 && lex->terms[e->term].applies_to > 0)
						mask = (uint32_t) lex->terms[e->term].applies_to;
					for (c = 0; c < IND_NCATEGORIES; c++)
						if (mask & (1u << c))
							active[c] = NO_EVENT;
				}
				break;
			case P_EVAL:
				{
					const ind_term *term = &lex->terms[e->term];
					uint8_t		ignore = term->ignore | lex->indicator_ignore[term->indicator];

					for (c = 0; c < IND_NCATEGORIES; c++)
					{
						int32_t		tr = active[c];
						const ind_term *rule;
						int64_t		dist;

						if (tr == NO_EVENT || ctx[p->ev].by[c] != NO_EVENT ||
							(ignore & (1u << c)))
							continue;
						rule = &lex->terms[ev[tr].term];
						dist = backward ? (int64_t) ev[tr].tstart - (int64_t) e->tend :
							(int64_t) e->tstart - (int64_t) ev[tr].tend;
						if (rule->max_scope > 0 && dist > rule->max_scope)
							continue;
						ctx[p->ev].flags |= (uint16_t) (1u << c);
						ctx[p->ev].by[c] = tr;
					}
				}
				break;
		}
	}
}

/* An anchor or blocker's bucket: 0 for any indicator, 1 + its indicator. */
static inline size_t
bucket_of(const ind_lexicon *lex, const ind_mention *e)
{
	if (e->term < 0 || lex->terms[e->term].kind == IND_TERM ||
		lex->terms[e->term].applies_to < 0)
		return 0;
	return 1 + (size_t) lex->terms[e->term].applies_to;
}

static inline bool
is_anchor(const ind_lexicon *lex, const ind_mention *e, const ind_context *c)
{
	int			kind = kind_of(lex, e);

	if (e->term == IND_EVENT_MONEY || kind == IND_ANCHOR)
		return true;
	return kind == IND_TERM && !lex->terms[e->term].ambiguous &&
		!(c->flags & IND_CTX_NOT_COUNTED);
}

static void
reset_buckets(ind_scanner *sc, size_t nb)
{
	ind_context_scratch *cs = sc->ctx;
	size_t		i;

	ind_arena_grow(sc->arena, (void **) &cs->bucket_end, &cs->bucket_endcap, nb, sizeof(int64_t));
	ind_arena_grow(sc->arena, (void **) &cs->bucket_ev, &cs->bucket_evcap, nb, sizeof(int32_t));
	for (i = 0; i < nb; i++)
	{
		cs->bucket_end[i] = -1;
		cs->bucket_ev[i] = NO_EVENT;
	}
}

/*
 * How well candidate c (an event, or NO_EVENT) anchors mention m: 2 in the
 * same sentence, 1 within the window, 0 not at all.
 */
static inline int
anchor_rank(ind_scanner *sc, const ind_mention *ev, int32_t c, int32_t m)
{
	int64_t		gap;

	if (c == NO_EVENT)
		return 0;
	if (sc->ctx->sent[c] == sc->ctx->sent[m])
		return 2;
	gap = (int64_t) ev[c].tstart - (int64_t) ev[m].tend;
	if (gap < 0)
		gap = (int64_t) ev[m].tstart - (int64_t) ev[c].tend;
	return gap <= IND_ANCHOR_WINDOW ? 1 : 0;
}

/* Keeps in *best the better anchor of *best and c for mention m. */
static inline void
keep_better(ind_scanner *sc, const ind_mention *ev, int32_t *best, int32_t c, int32_t m)
{
	if (anchor_rank(sc, ev, c, m) > anchor_rank(sc, ev, *best, m))
		*best = c;
}

/*
 * Quotation marks pair up within a sentence, double and single each on
 * their own: the first mark opens, the next closes, and so on.  A mark that
 * touches the end of the sentence before it ("the life.\"") closes what
 * that sentence left open, and opens nothing.  An ambiguous term inside a
 * pair that nothing else anchors and no blocker overlaps is anchored by the
 * opening mark: the writer is quoting the youth, a message or a post, in
 * their own words.  Of the pairs opened by a mention's start, the one that
 * closes last holds it if any does (pairs of one kind do not overlap).
 */
static void
quoted_anchors(ind_scanner *sc, const ind_lexicon *lex, const ind_mention *ev,
			   size_t n, ind_context *ctx)
{
	ind_context_scratch *cs = sc->ctx;
	int32_t		open[2] = {NO_EVENT, NO_EVENT},
				left[2] = {NO_EVENT, NO_EVENT},
				best = NO_EVENT;
	size_t		np = 0,
				i;
	int			k;

	ind_arena_grow(sc->arena, (void **) &cs->quote_close, &cs->quote_closecap,
				   n + 1, sizeof(int64_t));
	for (i = 0; i < n; ind_poll(sc->env, ++i))
	{
		int32_t		t = ev[i].term;
		int32_t    *pair;

		if (t == IND_EVENT_BREAK)
		{
			for (k = 0; k < 2; k++)
			{
				left[k] = open[k];
				open[k] = NO_EVENT;
			}
			continue;
		}
		if (!ind_event_is_quote(t))
		{
			if (kind_of(lex, &ev[i]) == IND_TERM && lex->terms[t].ambiguous &&
				ctx[i].anchor == NO_EVENT && !(ctx[i].flags & IND_CTX_BLOCKED))
				add_point(sc, &np, 2 * (int64_t) ev[i].tstart + 1, P_QUERY, (int32_t) i);
			continue;
		}
		k = ind_quote_kind(t);
		pair = ind_quote_after_stop(t) ? &left[k] : &open[k];
		if (*pair != NO_EVENT)
		{
			cs->quote_close[*pair] = (int64_t) ev[i].tstart;
			add_point(sc, &np, 2 * (int64_t) ev[*pair].tstart, P_CONTAINER, *pair);
			*pair = NO_EVENT;
		}
		else if (!ind_quote_after_stop(t))
			*pair = (int32_t) i;
	}
	if (np == 0)
		return;
	sort_points(sc, cs, np);
	for (i = 0; i < np; ind_poll(sc->env, ++i))
	{
		const point *p = &cs->pts[i];

		if (p->type == P_CONTAINER)
		{
			if (best == NO_EVENT || cs->quote_close[p->ev] > cs->quote_close[best])
				best = p->ev;
		}
		else if (best != NO_EVENT && (int64_t) ev[p->ev].tend < cs->quote_close[best])
			ctx[p->ev].anchor = best;
	}
}

static void
resolve_ambiguity(ind_scanner *sc, const ind_lexicon *lex, const ind_mention *ev,
				  size_t n, ind_context *ctx)
{
	ind_context_scratch *cs = sc->ctx;
	size_t		nb = (size_t) lex->nindicators + 1;
	size_t		np = 0,
				i;
	int			pass;

	/* blockers: the one with the furthest end among those starting by the
	 * mention's end overlaps it if it ends at or after the mention's start */
	for (i = 0; i < n; ind_poll(sc->env, ++i))
	{
		int			kind = kind_of(lex, &ev[i]);

		if (kind == IND_BLOCKER)
			add_point(sc, &np, 2 * (int64_t) ev[i].tstart, P_CONTAINER, (int32_t) i);
		else if (kind == IND_TERM && lex->terms[ev[i].term].ambiguous)
			add_point(sc, &np, 2 * (int64_t) ev[i].tend, P_QUERY, (int32_t) i);
	}
	sort_points(sc, cs, np);
	reset_buckets(sc, nb);
	for (i = 0; i < np; ind_poll(sc->env, ++i))
	{
		const point *p = &cs->pts[i];
		const ind_mention *e = &ev[p->ev];

		if (p->type == P_CONTAINER)
		{
			size_t		b = bucket_of(lex, e);

			if ((int64_t) e->tend > cs->bucket_end[b])
			{
				cs->bucket_end[b] = (int64_t) e->tend;
				cs->bucket_ev[b] = p->ev;
			}
		}
		else
		{
			size_t		b2 = 1 + (size_t) lex->terms[e->term].indicator;

			ctx[p->ev].flags |= (uint16_t) IND_CTX_AMBIGUOUS;
			if (cs->bucket_end[0] >= (int64_t) e->tstart)
				ctx[p->ev].blocker = cs->bucket_ev[0];
			else if (cs->bucket_end[b2] >= (int64_t) e->tstart)
				ctx[p->ev].blocker = cs->bucket_ev[b2];
			if (ctx[p->ev].blocker != NO_EVENT)
				ctx[p->ev].flags |= (uint16_t) IND_CTX_BLOCKED;
		}
	}

	/*
	 * Anchors: pass 0 keeps, going right, the candidate that ends last among
	 * those ending before the mention starts; pass 1, going left, the one
	 * that starts first among those starting after it ends.  Those are the
	 * nearest on each side; a candidate that overlaps the mention is part of
	 * its own words ("money" in "keeps her money") and anchors nothing.
	 */
	for (pass = 0; pass < 2; pass++)
	{
		np = 0;
		for (i = 0; i < n; ind_poll(sc->env, ++i))
		{
			const ind_mention *e = &ev[i];

			if (kind_of(lex, e) == IND_TERM && lex->terms[e->term].ambiguous)
			{
				if (!(ctx[i].flags & IND_CTX_BLOCKED))
					add_point(sc, &np, pass == 0 ? 2 * (int64_t) e->tstart : -2 * (int64_t) e->tend,
							  P_QUERY, (int32_t) i);
			}
			else if (is_anchor(lex, e, &ctx[i]))
				add_point(sc, &np, pass == 0 ? 2 * (int64_t) e->tend + 1 : -2 * (int64_t) e->tstart + 1,
						  P_CONTAINER, (int32_t) i);
		}
		sort_points(sc, cs, np);
		reset_buckets(sc, nb);
		for (i = 0; i < np; ind_poll(sc->env, ++i))
		{
			const point *p = &cs->pts[i];
			const ind_mention *e = &ev[p->ev];

			if (p->type == P_CONTAINER)
			{
				size_t		b = bucket_of(lex, e);
				int64_t		reach = pass == 0 ? (int64_t) e->tend : -(int64_t) e->tstart;

				if (cs->bucket_ev[b] == NO_EVENT || reach > cs->bucket_end[b])
				{
					cs->bucket_end[b] = reach;
					cs->bucket_ev[b] = p->ev;
				}
			}
			else
			{
				size_t		b2 = 1 + (size_t) lex->terms[e->term].indicator;

				/* the nearest on this side, for any indicator or for its own */
				keep_better(sc, ev, &ctx[p->ev].anchor, cs->bucket_ev[0], p->ev);
				keep_better(sc, ev, &ctx[p->ev].anchor, cs->bucket_ev[b2], p->ev);
			}
		}
	}
	quoted_anchors(sc, lex, ev, n, ctx);
	/* the best of both sides: in the same sentence, else within the window;
	 * else the note */
	for (i = 0; i < n; ind_poll(sc->env, ++i))
	{
		if (sc->note_support && ctx[i].anchor == NO_EVENT && kind_of(lex, &ev[i]) == IND_TERM &&
			lex->terms[ev[i].term].ambiguous && !(ctx[i].flags & IND_CTX_BLOCKED))
			ctx[i].anchor = IND_ANCHOR_NOTE;
		if (ctx[i].anchor != NO_EVENT)
			ctx[i].flags |= (uint16_t) IND_CTX_ANCHORED;
	}
}

void
ind_context_resolve(ind_scanner *sc, const ind_lexicon *lex, const ind_mention *ev,
					size_t n, ind_context *ctx)
{
	ind_context_scratch *cs;
	size_t		nbreaks = 0,
				i;
	int64_t		M = 0;
	uint32_t	triggers = 0,
				term_bit = 1u << (IND_TERM + 1);
	int			k;

	if (sc->ctx == NULL)
		sc->ctx = ind_arena_alloc0(sc->arena, sizeof(ind_context_scratch));
	cs = sc->ctx;
	ind_arena_grow(sc->arena, (void **) &cs->state, &cs->statecap, n + 1, sizeof(uint8_t));
	ind_arena_grow(sc->arena, (void **) &cs->sent, &cs->sentcap, n + 1, sizeof(size_t));

	for (k = 1; k <= IND_NCATEGORIES; k++)
		triggers |= 1u << (k + 1);

	/* sentences: breaks come in text order */
	for (i = 0; i < n; ind_poll(sc->env, ++i))
	{
		ctx[i].flags = 0;
		for (k = 0; k < IND_NCATEGORIES; k++)
			ctx[i].by[k] = NO_EVENT;
		ctx[i].anchor = ctx[i].blocker = NO_EVENT;
		cs->state[i] = ST_LIVE;
		if ((int64_t) ev[i].tend + 1 > M)
			M = (int64_t) ev[i].tend + 1;
		if (ev[i].term == IND_EVENT_BREAK)
		{
			ind_arena_grow(sc->arena, (void **) &cs->breaks, &cs->breakscap,
						   nbreaks + 1, sizeof(size_t));
			cs->breaks[nbreaks++] = ev[i].tstart;
		}
	}
	for (i = 0; i < n; ind_poll(sc->env, ++i))
	{
		/* breaks at or before the event's first token */
		size_t		lo = 0,
					hi = nbreaks;

		while (lo < hi)
		{
			size_t		mid = (lo + hi) / 2;

			if (cs->breaks[mid] <= ev[i].tstart)
				lo = mid + 1;
			else
				hi = mid;
		}
		cs->sent[i] = lo;
	}

	/* 1. pseudo-triggers cancel what is inside them; longer triggers win */
	mark_contained(sc, lex, ev, n, 1u << (IND_PSEUDO + 1),
				   triggers | (1u << (IND_TERMINATOR + 1)), false, ST_CANCELLED);
	mark_contained(sc, lex, ev, n, triggers | (1u << (IND_TERMINATOR + 1)),
				   triggers | (1u << (IND_TERMINATOR + 1)), true, ST_CANCELLED);
	/* 2. triggers and terminators inside a term mention are its own words */
	mark_contained(sc, lex, ev, n, term_bit, triggers | (1u << (IND_TERMINATOR + 1)),
				   false, ST_INSIDE);

	/* 3. scopes, forward then backward */
	sweep_scopes(sc, lex, ev, n, ctx, false, M);
	sweep_scopes(sc, lex, ev, n, ctx, true, M);

	/* 4. ambiguous terms */
	resolve_ambiguity(sc, lex, ev, n, ctx);

	/* 5. what counts */
	for (i = 0; i < n; ind_poll(sc->env, ++i))
	{
		uint16_t	f = ctx[i].flags;

		ctx[i].rule = cs->state[i];
		if (kind_of(lex, &ev[i]) != IND_TERM)
			continue;
		if (!(f & IND_CTX_NOT_COUNTED) &&
			(!(f & IND_CTX_AMBIGUOUS) || ((f & IND_CTX_ANCHORED) && !(f & IND_CTX_BLOCKED))))
			ctx[i].flags |= (uint16_t) IND_CTX_AFFIRMED;
	}
}

/*
 * Scope ends, one direction: going against the direction of the scope
 * (right to left for forward scopes), keep the nearest break, terminator
 * and trigger start per category; a trigger's scope ends before the
 * nearest of them, at max_scope, or at the text's end.
 */
static void
scope_sweep(ind_scanner *sc, const ind_lexicon *lex, const ind_mention *ev,
			size_t n, const ind_context *ctx, ind_scope *scope, bool backward,
			int64_t M)
{
	ind_context_scratch *cs = sc->ctx;
	size_t		np = 0,
				i;
	int64_t		brk = M,
				term[IND_NCATEGORIES],
				trig[IND_NCATEGORIES];
	uint8_t		dir = backward ? IND_BACKWARD : IND_FORWARD;
	int64_t		R = M - 1;		/* mirrored, token x is R - x: still 0..M-1 */
	int			c;

	for (i = 0; i < n; ind_poll(sc->env, ++i))
	{
		const ind_mention *e = &ev[i];
		int			kind = kind_of(lex, e);
		int64_t		s = backward ? R - (int64_t) e->tend : (int64_t) e->tstart;
		int64_t		t = backward ? R - (int64_t) e->tstart : (int64_t) e->tend;

		/* negated keys: the sort then goes right to left */
		if (e->term == IND_EVENT_BREAK)
			add_point(sc, &np, -2 * (backward ? R - (int64_t) e->tstart + 1 : (int64_t) e->tstart),
					  P_KILL, (int32_t) i);
		else if (kind == IND_TERMINATOR && ctx[i].rule == IND_RULE_LIVE)
			add_point(sc, &np, -2 * s, P_KILL, (int32_t) i);
		else if (is_trigger(kind) && ctx[i].rule != IND_RULE_CANCELLED &&
				 (lex->terms[e->term].direction & dir))
		{
			add_point(sc, &np, -2 * s, P_END, (int32_t) i);
			if (ctx[i].rule == IND_RULE_LIVE)
				add_point(sc, &np, -2 * t - 1, P_EVAL, (int32_t) i);
		}
	}
	sort_points(sc, cs, np);
	for (c = 0; c < IND_NCATEGORIES; c++)
		term[c] = trig[c] = M;
	for (i = 0; i < np; ind_poll(sc->env, ++i))
	{
		const point *p = &cs->pts[i];
		const ind_mention *e = &ev[p->ev];
		int64_t		key = -p->key / 2;	/* the position the point is at */

		if (p->type == P_KILL && e->term == IND_EVENT_BREAK)
			brk = key;
		else if (p->type == P_KILL)
		{
			uint32_t	mask = lex->terms[e->term].applies_to > 0 ?
				(uint32_t) lex->terms[e->term].applies_to : IND_ALL_CATEGORIES;

			for (c = 0; c < IND_NCATEGORIES; c++)
				if (mask & (1u << c))
					term[c] = key;
		}
		else if (p->type == P_END)
			trig[lex->terms[e->term].kind - 1] = key;
		else
		{
			const ind_term *rule = &lex->terms[e->term];
			int64_t		first = (-p->key - 1) / 2 + 1;	/* the token after the trigger */
			int64_t		last = M - 1;

			c = rule->kind - 1;
			if (brk - 1 < last)
				last = brk - 1;
			if (term[c] - 1 < last)
				last = term[c] - 1;
			if (trig[c] - 1 < last)
				last = trig[c] - 1;
			if (rule->max_scope > 0 && first - 1 + rule->max_scope < last)
				last = first - 1 + rule->max_scope;
			if (backward)
			{
				scope[p->ev].first_bwd = R - last;
				scope[p->ev].last_bwd = R - first;
			}
			else
			{
				scope[p->ev].first_fwd = first;
				scope[p->ev].last_fwd = last;
			}
		}
	}
}

void
ind_context_scopes(ind_scanner *sc, const ind_lexicon *lex, const ind_mention *ev,
				   size_t n, const ind_context *ctx, size_t ntokens, ind_scope *scope)
{
	int64_t		M = (int64_t) ntokens;
	size_t		i;

	for (i = 0; i < n; ind_poll(sc->env, ++i))
	{
		scope[i].first_fwd = scope[i].first_bwd = 0;
		scope[i].last_fwd = scope[i].last_bwd = -1;
		/* a break or quotation mark at the very end is before no token */
		if (ev[i].term >= 0 && (int64_t) ev[i].tend + 1 > M)
			M = (int64_t) ev[i].tend + 1;
	}
	scope_sweep(sc, lex, ev, n, ctx, scope, false, M);
	scope_sweep(sc, lex, ev, n, ctx, scope, true, M);
}
