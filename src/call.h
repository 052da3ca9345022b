/*-------------------------------------------------------------------------
 * call.h
 *	  The state an SQL function keeps per call site, and the scans over a
 *	  note that flags(), has(), match() and explain() share.
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_CALL_H
#define INDICATORS_CALL_H

#include "postgres.h"

#include "fmgr.h"

#include "cache.h"
#include "context.h"
#include "host.h"
#include "match.h"

typedef struct call_state
{
	MemoryContext cxt;			/* where it and its event arrays live */
	ind_env    *env;
	ind_arena	arena;
	ind_scanner *sc;
	const ind_lexicons *lx;
	const ind_lexicon *lex;		/* the one being scanned */
	uint8_t    *seen;			/* per indicator */
	size_t		seencap;
	int32_t		want;			/* has(): the indicator asked for, or -1 */
	/* the per-event arrays grow by repalloc, not in the arena: a huge
	 * note's arrays are not kept twice */
	ind_mention *ev;			/* events of a full scan */
	size_t		nev;
	size_t		evcap;
	ind_context *ctx;			/* their context */
	size_t		ctxcap;
	int32_t    *idx;			/* match(): term mentions, pruned */
	size_t		idxcap;
} call_state;

/* The call site's state, made on first call; the lexicons of now. */
extern call_state *ind_call_state(FunctionCallInfo fcinfo);

/* A state in cxt, for one use (the text-search parser: one per note). */
extern call_state *ind_call_state_create(MemoryContext cxt);

/* Takes the lexicons of now (compiled again if the tables changed). */
extern void ind_call_refresh(call_state *st);

/* palloc for the first block, repalloc_huge after (tokens of a huge note) */
extern void *ind_call_alloc(void *p, size_t size);

/* Whether a scanned event is a mention of a lexicon term (not a rule). */
static inline bool
ind_call_is_term(const ind_lexicon *lex, const ind_mention *m)
{
	return m->term >= 0 && lex->terms[m->term].kind == IND_TERM;
}

/* Whether the note mentions a term (of st->want, if >= 0), context aside. */
extern bool ind_call_any_mention(call_state *st, const ind_text *in);

/* Scans with terms and rules into st->ev and resolves context into st->ctx. */
extern void ind_call_resolve(call_state *st, const ind_text *in);

/* Into st->idx: the term mentions of the last resolve, pruned; their count. */
extern size_t ind_call_term_mentions(call_state *st);

/* A tokenizer over a note (in the current memory context). */
extern ind_tokenizer *ind_call_tokenize(text *note, ind_text *in);

#endif
