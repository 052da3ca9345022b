/*-------------------------------------------------------------------------
 * context.h
 *	  The context of each mention: negated, hypothetical, historical, about
 *	  another person; for ambiguous terms, anchored or blocked; and whether
 *	  it is affirmed, which is what flags() counts.
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_CONTEXT_H
#define INDICATORS_CONTEXT_H

#include "match.h"

/*
 * ind_context.flags: IND_CATEGORY_BIT(kind) for each context category that
 * applies to the mention, then these
 */
#define IND_CTX_AMBIGUOUS	(1u << IND_NCATEGORIES)	/* the term needs an anchor */
#define IND_CTX_ANCHORED	(1u << (IND_NCATEGORIES + 1))
#define IND_CTX_BLOCKED		(1u << (IND_NCATEGORIES + 2))
#define IND_CTX_AFFIRMED	(1u << (IND_NCATEGORIES + 3))	/* counts: see ind_context_resolve */
_Static_assert(IND_NCATEGORIES + 4 <= 16, "ind_context.flags is 16 bits");

/* the categories a mention does not count in (all but historical) */
#define IND_CTX_NOT_COUNTED_BIT(e, name, counts, ...) | ((counts) ? 0u : IND_CATEGORY_BIT(e))
#define IND_CTX_NOT_COUNTED (0u IND_CATEGORY_LIST(IND_CTX_NOT_COUNTED_BIT))

/*
 * ind_context.anchor of an ambiguous term that nothing near anchors, in a
 * note with an affirmed mention of an unambiguous term elsewhere
 * (sc->note_support): the note supports it.
 */
#define IND_ANCHOR_NOTE (-2)

/* Window around an ambiguous term in which an anchor counts (tokens). */
#define IND_ANCHOR_WINDOW 8

/* ind_context.rule: what became of a rule mention */
#define IND_RULE_LIVE		0
#define IND_RULE_CANCELLED	1	/* inside a pseudo-trigger or a longer trigger */
#define IND_RULE_INSIDE		2	/* inside a term mention: the term's own words */

typedef struct ind_context
{
	uint16_t	flags;
	uint8_t		rule;			/* rule mentions: IND_RULE_* */
	int32_t		by[IND_NCATEGORIES];	/* the trigger (an event index) that set
										 * each category, or -1 */
	int32_t		anchor;			/* the event that anchored it, or -1 */
	int32_t		blocker;		/* the blocker, or -1 */
} ind_context;

/*
 * Resolves the context of every term mention among the events of one scan
 * made with sc->events set (term and rule mentions, breaks, money, in the
 * order the scan reported them).  ctx[i] is filled for every event; only
 * those of term mentions mean anything.
 *
 * A term mention is affirmed when no trigger of a category in
 * IND_CTX_NOT_COUNTED applies to it (historical ones may: they still
 * count), and, if
 * the term is ambiguous, an anchor supports it and no blocker overlaps it.
 *
 * Work is a few sorts and linear sweeps over the events: linear in the
 * text up to a logarithm, however many triggers and mentions it has.
 */
extern void ind_context_resolve(ind_scanner *sc, const ind_lexicon *lex,
								const ind_mention *ev, size_t n,
								ind_context *ctx);

/*
 * After ind_context_resolve on the same events: for each live trigger, the
 * tokens its scope covers, forward (first_fwd..last_fwd) and backward
 * (first_bwd..last_bwd); an empty range (first > last) where it has none.
 * A scope may end at the end of the text: ntokens is how many tokens the
 * text has (sc->ntokens after the scan), or, for a part of a text, a
 * number past its last token.  For explain(); linear like the rest.
 */
typedef struct ind_scope
{
	int64_t		first_fwd,
				last_fwd,
				first_bwd,
				last_bwd;
} ind_scope;

extern void ind_context_scopes(ind_scanner *sc, const ind_lexicon *lex,
							   const ind_mention *ev, size_t n,
							   const ind_context *ctx, size_t ntokens,
							   ind_scope *scope);

#endif							/* INDICATORS_CONTEXT_H */
