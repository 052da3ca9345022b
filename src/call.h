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
	ind_scope  *scope;			/* explain(): each trigger's scope */
	size_t		scopecap;
	/* ind_call_read: the window of events (see call.c) */
	struct call_window *win;
	/* the note's first affirmed mention of an unambiguous term, which
	 * supports its unanchored ambiguous ones (IND_ANCHOR_NOTE) */
	bool		in_prepass;
	bool		kinds_seen[2];	/* unambiguous, ambiguous term mentions */
	const ind_text *kinds_of;	/* the note kinds_seen are known for */
	bool		has_note_anchor;
	ind_mention note_anchor;
} call_state;

/*
 * Receives a term mention or a rule mention (st->ev[e], its context
 * st->ctx[e], valid during the call); returns false to stop reading.
 */
typedef bool (*ind_call_fn) (call_state *st, int32_t e, void *arg);

/* What ind_call_read gives its caller. */
typedef struct ind_call_reader
{
	ind_call_fn mention;		/* each term mention, pruned, in text order */
	ind_call_fn rule;			/* each context rule mention, in scan order
								 * (NULL: none) */
	bool		scopes;			/* fill st->scope for rule */
	/* before st->ev[0 .. keep_from) are dropped (NULL: nothing) */
	void		(*dropping) (call_state *st, size_t keep_from, void *arg);
	void	   *arg;
} ind_call_reader;

/* The call site's state, made on first call; the lexicons of now. */
extern call_state *ind_call_state(FunctionCallInfo fcinfo);

/* A state in cxt, for one use (the text-search parser: one per note). */
extern call_state *ind_call_state_create(MemoryContext cxt);

/* Takes the lexicons of now (compiled again if the tables changed). */
extern void ind_call_refresh(call_state *st);

/* palloc for the first block, repalloc_huge after (tokens of a huge note) */
extern void *ind_call_alloc(void *p, size_t size);

/*
 * Room for need elements of elem_size bytes in *p (capacity *cap), doubling,
 * in cxt; repalloc gives the old block back.
 */
extern void ind_call_grow(MemoryContext cxt, void **p, size_t *cap, size_t need,
						  size_t elem_size);

/* Whether a scanned event is a mention of a lexicon term (not a rule). */
static inline bool
ind_call_is_term(const ind_lexicon *lex, const ind_mention *m)
{
	return m->term >= 0 && lex->terms[m->term].kind == IND_TERM;
}

/* The event an ind_context index names: st->ev[e], or the note's supporting
 * mention for IND_ANCHOR_NOTE; NULL for none (e < 0 otherwise). */
static inline const ind_mention *
ind_call_event(const call_state *st, int32_t e)
{
	return e == IND_ANCHOR_NOTE ? &st->note_anchor : e >= 0 ? &st->ev[e] : NULL;
}

/* Whether the note mentions a term (of st->want, if >= 0), context aside. */
extern bool ind_call_any_mention(call_state *st, const ind_text *in);

/*
 * Reads the note with terms and rules and gives r every term mention,
 * pruned (a term inside a longer one of its indicator is not one), with
 * its context, in text order, and every rule mention (triggers and the
 * rest) if it asks; read a window of sentences at a time, so that memory
 * does not grow with the note.  Returns false if r stopped it.
 */
extern bool ind_call_read(call_state *st, const ind_text *in, const ind_call_reader *r);

/* The same for the term mentions alone. */
extern bool ind_call_mentions(call_state *st, const ind_text *in,
							  ind_call_fn fn, void *arg);


/* A tokenizer over a note (in the current memory context). */
extern ind_tokenizer *ind_call_tokenize(text *note, ind_text *in);

#endif
