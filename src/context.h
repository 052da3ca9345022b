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

/* ind_context.flags; the first four are IND_CATEGORY_BIT(kind) */
#define IND_CTX_NEGATED			0x01
#define IND_CTX_HYPOTHETICAL	0x02
#define IND_CTX_HISTORICAL		0x04
#define IND_CTX_OTHER_PERSON	0x08
#define IND_CTX_AMBIGUOUS		0x10	/* the term needs an anchor */
#define IND_CTX_ANCHORED		0x20
#define IND_CTX_BLOCKED			0x40
#define IND_CTX_AFFIRMED		0x80	/* counts: see ind_context_resolve */

/* Window around an ambiguous term in which an anchor counts (tokens). */
#define IND_ANCHOR_WINDOW 8

/* ind_context.rule: what became of a rule mention */
#define IND_RULE_LIVE		0
#define IND_RULE_CANCELLED	1	/* inside a pseudo-trigger or a longer trigger */
#define IND_RULE_INSIDE		2	/* inside a term mention: the term's own words */

typedef struct ind_context
{
	uint8_t		flags;
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
 * A term mention is affirmed when no negation, hypothetical or other-person
 * trigger applies to it (historical ones may: they still count), and, if
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
