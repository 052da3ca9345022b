/*-------------------------------------------------------------------------
 * call.c
 *	  What the SQL functions share: the scanner each call site keeps, and
 *	  the scans it runs over a note (any mention? every mention in context).
 *
 * Each call site keeps a scanner in fn_extra (query lifetime), so scanning
 * row after row reuses the same buffers: nothing grows per row.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/memutils.h"

#include "call.h"

/* palloc for the first block, repalloc_huge after (tokens of a huge note) */
void *
ind_call_alloc(void *p, size_t size)
{
	return p ? repalloc_huge(p, size) : MemoryContextAllocHuge(CurrentMemoryContext, size);
}

call_state *
ind_call_state_create(MemoryContext cxt)
{
	call_state *st = MemoryContextAllocZero(cxt, sizeof(call_state));

	st->cxt = cxt;
	st->env = ind_pg_env(cxt);
	ind_arena_init(&st->arena, st->env, 16 * 1024);
	st->sc = ind_scanner_create(st->env, ind_pg_norm(), &st->arena);
	ind_call_refresh(st);
	return st;
}

void
ind_call_refresh(call_state *st)
{
	st->lx = ind_cache_lexicons();
	ind_arena_grow(&st->arena, (void **) &st->seen, &st->seencap,
				   (size_t) st->lx->all->nindicators + 1, 1);
}

call_state *
ind_call_state(FunctionCallInfo fcinfo)
{
	call_state *st = fcinfo->flinfo->fn_extra;

	if (st == NULL)
		fcinfo->flinfo->fn_extra = st = ind_call_state_create(fcinfo->flinfo->fn_mcxt);
	else
		ind_call_refresh(st);
	return st;
}

/*
 * Room for need elements in *p (capacity *cap), doubling, in st->cxt: a
 * repalloc gives the old block back, where growing in the arena would keep
 * every smaller copy until the query ends.
 */
static void
grow(call_state *st, void **p, size_t *cap, size_t need, size_t elem_size)
{
	size_t		newcap;

	if (need <= *cap)
		return;
	newcap = *cap ? *cap : 16;
	while (newcap < need)
	{
		if (newcap > MaxAllocHugeSize / 2 / elem_size)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("a note has too many mentions and context words to read")));
		newcap *= 2;
	}
	*p = *p ? repalloc_huge(*p, newcap * elem_size)
		: MemoryContextAllocHuge(st->cxt, newcap * elem_size);
	*cap = newcap;
}

/* first pass: stops at the first term mention (of st->want, if >= 0) */
static bool
stop_at_term(void *arg, const ind_mention *m)
{
	call_state *st = arg;

	return !(st->want < 0 || st->lex->terms[m->term].indicator == st->want);
}

/*
 * Whether the note mentions any term (of st->want, if >= 0), context
 * aside: a quick scan with the terms alone, which most notes end at.
 */
bool
ind_call_any_mention(call_state *st, const ind_text *in)
{
	st->lex = st->lx->terms;
	return !ind_scan(st->sc, st->lex, in->utf8, in->len, in->byte_positions,
					 stop_at_term, st);
}

static bool
collect_event(void *arg, const ind_mention *m)
{
	call_state *st = arg;

	/*
	 * Of a run of sentence breaks with nothing between them, the first and
	 * the last are all that matter (where scopes end on either side): a
	 * long note with few mentions has few events, however many sentences.
	 */
	if (m->term == IND_EVENT_BREAK && st->nev >= 2 &&
		st->ev[st->nev - 1].term == IND_EVENT_BREAK &&
		st->ev[st->nev - 2].term == IND_EVENT_BREAK)
	{
		st->ev[st->nev - 1] = *m;
		return true;
	}
	grow(st, (void **) &st->ev, &st->evcap, st->nev + 1, sizeof(ind_mention));
	st->ev[st->nev++] = *m;
	return true;
}

/* Scans the note with terms and rules, and resolves every mention's context. */
void
ind_call_resolve(call_state *st, const ind_text *in)
{
	st->lex = st->lx->all;
	st->nev = 0;
	st->sc->events = true;
	ind_scan(st->sc, st->lex, in->utf8, in->len, in->byte_positions, collect_event, st);
	st->sc->events = false;
	grow(st, (void **) &st->ctx, &st->ctxcap, st->nev + 1, sizeof(ind_context));
	ind_context_resolve(st->sc, st->lex, st->ev, st->nev, st->ctx);
}

/* term mentions of the last ind_call_resolve(), pruned, in text order */
size_t
ind_call_term_mentions(call_state *st)
{
	size_t		n = 0,
				i;

	grow(st, (void **) &st->idx, &st->idxcap, st->nev + 1, sizeof(int32_t));
	for (i = 0; i < st->nev; ind_poll(st->env, ++i))
		if (ind_call_is_term(st->lex, &st->ev[i]))
			st->idx[n++] = (int32_t) i;
	return ind_mentions_prune(st->sc, st->lex, st->ev, st->idx, n);
}

/* A tokenizer over a note (in the current memory context). */
ind_tokenizer *
ind_call_tokenize(text *note, ind_text *in)
{
	ind_tokenizer *t = palloc(sizeof(ind_tokenizer));

	ind_pg_text(note, in);
	ind_tok_begin(t, ind_pg_env(CurrentMemoryContext), ind_pg_norm(),
				  in->utf8, in->len, in->byte_positions, false);
	return t;
}
