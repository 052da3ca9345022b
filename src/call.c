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

void
ind_call_grow(MemoryContext cxt, void **p, size_t *cap, size_t need, size_t elem_size)
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
		: MemoryContextAllocHuge(cxt, newcap * elem_size);
	*cap = newcap;
}

/*
 * The per-event arrays grow in st->cxt, not in the arena: growing in the
 * arena would keep every smaller copy until the query ends.
 */
static inline void
grow(call_state *st, void **p, size_t *cap, size_t need, size_t elem_size)
{
	ind_call_grow(st->cxt, p, cap, need, elem_size);
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
static bool stop_at_both(void *arg, const ind_mention *m);

bool
ind_call_any_mention(call_state *st, const ind_text *in)
{
	st->lex = st->lx->terms;
	if (st->want >= 0)
		return !ind_scan(st->sc, st->lex, in->utf8, in->len, in->byte_positions,
						 stop_at_term, st);
	/* any term: read on until both kinds are seen, which ind_call_read needs */
	st->kinds_seen[0] = st->kinds_seen[1] = false;
	(void) ind_scan(st->sc, st->lex, in->utf8, in->len, in->byte_positions, stop_at_both, st);
	/* for the ind_call_read of this note that follows a true answer */
	st->kinds_of = st->kinds_seen[0] || st->kinds_seen[1] ? in : NULL;
	return st->kinds_of != NULL;
}

/*
 * Reading a note a window at a time (ind_call_read).
 *
 * What decides a term mention's context lies in its own sentence (scopes,
 * pseudo-triggers, a trigger inside it, blockers, an anchor there) or
 * within IND_ANCHOR_WINDOW tokens of it (an anchor in the next or the
 * previous sentence, whose own context lies in its sentence); no term or
 * rule spans a sentence end, and no sentence is longer than
 * IND_SENTENCE_MAX tokens.  So the events are gathered sentence by
 * sentence, and once there are enough of them, at a sentence end (the
 * break before token pk, which is in the window too), they are resolved: a
 * mention that ends more than the window before pk, and begins more than
 * the window after the first sentence kept (p0), and does not lie in the
 * window's last sentence (whose pair of quotation marks may close just
 * after pk), has all it depends on there, and has its final context.  Those are given to the caller in text
 * order (the order ind_mentions_prune sorts them in) up to the first one
 * that is not yet final; a rule mention is final once its sentence has
 * ended (before pk).  Then the sentences that nothing undecided depends on
 * are dropped.  Nothing is given twice: a term mention is new when it
 * comes after the last one given, in that order; a rule mention when it
 * ends after the last pk.
 *
 * A window holds the events of the sentences from p0: those within the
 * anchor window before the first undecided mention, and those after; it is
 * resolved again only when it has doubled, so the work stays linear, and
 * its size depends on how dense the note is, not on how long.
 */
#define WINDOW_EVENTS 4096

typedef struct call_window
{
	const ind_call_reader *r;
	bool		stopped;		/* the reader said stop */
	bool		dropped;		/* events before token p0 are gone */
	size_t		p0;
	size_t		next_flush;		/* resolve again at a break with this many */
	size_t		rules_below;	/* rule mentions that end before this token
								 * were given */
	bool		given;			/* the last term mention given: */
	size_t		last_cstart;
	size_t		last_cend;
	int32_t		last_term;
} call_window;

/* whether mention m comes after the last one given, in ind_mentions_prune's order */
static inline bool
after_last(const call_window *w, const ind_mention *m)
{
	if (!w->given)
		return true;
	if (m->cstart != w->last_cstart)
		return m->cstart > w->last_cstart;
	if (m->cend != w->last_cend)
		return m->cend < w->last_cend;
	return m->term > w->last_term;
}

/* term mentions of the window, pruned, in text order, into st->idx */
static size_t
term_mentions(call_state *st)
{
	size_t		n = 0,
				i;

	grow(st, (void **) &st->idx, &st->idxcap, st->nev + 1, sizeof(int32_t));
	for (i = 0; i < st->nev; ind_poll(st->env, ++i))
		if (ind_call_is_term(st->lex, &st->ev[i]))
			st->idx[n++] = (int32_t) i;
	return ind_mentions_prune(st->sc, st->lex, st->ev, st->idx, n);
}

/*
 * Resolves the window and gives the reader its final mentions (all of
 * them if last); then drops the sentences no undecided mention depends on.
 * pk: the token the next sentence begins at.  Returns false if the reader
 * said stop.
 */
static bool
flush(call_state *st, size_t pk, bool last)
{
	call_window *w = st->win;
	const ind_call_reader *r = w->r;
	size_t		frontier = pk,
				keep_from = 0,
				last_sentence = w->p0,
				n,
				i;

	grow(st, (void **) &st->ctx, &st->ctxcap, st->nev + 1, sizeof(ind_context));
	ind_context_resolve(st->sc, st->lex, st->ev, st->nev, st->ctx);
	if (r->scopes)
	{
		grow(st, (void **) &st->scope, &st->scopecap, st->nev + 1, sizeof(ind_scope));
		/* the scan has ended if last; else the break at pk ends the window */
		ind_context_scopes(st->sc, st->lex, st->ev, st->nev, st->ctx,
						   last ? st->sc->ntokens : pk + 1, st->scope);
	}
	/* where the window's last sentence began: a quotation mark after the
	 * break at pk may still close a pair there ("the life.\"") */
	for (i = st->nev - 1; !last && i-- > 0;)
		if (st->ev[i].term == IND_EVENT_BREAK)
		{
			last_sentence = st->ev[i].tstart;
			break;
		}
	n = term_mentions(st);
	for (i = 0; i < n; ind_poll(st->env, ++i))
	{
		int32_t		e = st->idx[i];
		const ind_mention *m = &st->ev[e];

		if (!after_last(w, m))
			continue;
		/* undecided: something after pk may still change it (see above;
		 * by then, no mention kept begins within the window after p0) */
		if (!last && (m->tend + IND_ANCHOR_WINDOW >= pk || m->tstart >= last_sentence))
		{
			frontier = m->tstart;
			break;
		}
		w->given = true;
		w->last_cstart = m->cstart;
		w->last_cend = m->cend;
		w->last_term = m->term;
		if (!r->mention(st, e, r->arg))
		{
			w->stopped = true;
			return false;
		}
	}
	for (i = 0; r->rule && i < st->nev; ind_poll(st->env, ++i))
	{
		const ind_mention *m = &st->ev[i];

		if (m->term < 0 || ind_call_is_term(st->lex, m) || m->tend < w->rules_below ||
			(!last && m->tend >= pk))
			continue;
		if (!r->rule(st, (int32_t) i, r->arg))
		{
			w->stopped = true;
			return false;
		}
	}
	w->rules_below = pk;
	if (last)
		return true;

	/* keep from the last sentence that begins at least the window before
	 * the frontier: every event from there is kept, none before */
	for (i = 0; i < st->nev; ind_poll(st->env, ++i))
	{
		const ind_mention *m = &st->ev[i];

		if (m->tstart + IND_ANCHOR_WINDOW > frontier)
			break;
		if (m->term == IND_EVENT_BREAK && (m->tstart > w->p0 || !w->dropped))
			keep_from = i;
	}
	if (keep_from > 0)
	{
		if (r->dropping)
			r->dropping(st, keep_from, r->arg);
		w->p0 = st->ev[keep_from].tstart;
		w->dropped = true;
		st->nev -= keep_from;
		memmove(st->ev, st->ev + keep_from, st->nev * sizeof(ind_mention));
	}
	w->next_flush = Max((size_t) WINDOW_EVENTS, 2 * st->nev);
	return true;
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
	/* a sentence ends: time to resolve the window? */
	if (m->term == IND_EVENT_BREAK && st->nev > st->win->next_flush)
		return flush(st, m->tstart, false);
	return true;
}

/* quick scan: stops once the note has shown an ambiguous and an unambiguous term */
static bool
stop_at_both(void *arg, const ind_mention *m)
{
	call_state *st = arg;

	st->kinds_seen[st->lex->terms[m->term].ambiguous ? 1 : 0] = true;
	return !(st->kinds_seen[0] && st->kinds_seen[1]);
}

/* the silent first read: stops at the first affirmed unambiguous mention */
static bool
find_support(call_state *st, int32_t e, void *arg)
{
	(void) arg;
	if ((st->ctx[e].flags & IND_CTX_AFFIRMED) && !st->lex->terms[st->ev[e].term].ambiguous)
	{
		st->has_note_anchor = true;
		st->note_anchor = st->ev[e];
		return false;
	}
	return true;
}

static bool read_window(call_state *st, const ind_text *in, const ind_call_reader *r);

/*
 * An ambiguous term that nothing near anchors counts if an affirmed
 * mention of an unambiguous term lies anywhere in the note.  Whether one
 * does is known only once the note is read, and mentions are given out as
 * they are settled: so a note with an ambiguous and an unambiguous term
 * mention is read once first, silently, up to its first affirmed
 * unambiguous mention.  (Those mentions never depend on note support:
 * ambiguous terms anchor nothing.)  Other notes are read once.
 */
bool
ind_call_read(call_state *st, const ind_text *in, const ind_call_reader *r)
{
	st->sc->note_support = false;
	st->has_note_anchor = false;
	if (!st->in_prepass)
	{
		if (st->kinds_of != in)
		{
			st->lex = st->lx->terms;
			st->kinds_seen[0] = st->kinds_seen[1] = false;
			(void) ind_scan(st->sc, st->lex, in->utf8, in->len, in->byte_positions, stop_at_both, st);
		}
		st->kinds_of = NULL;
		if (st->kinds_seen[0] && st->kinds_seen[1])
		{
			ind_call_reader pre = {0};

			pre.mention = find_support;
			st->in_prepass = true;
			PG_TRY();
			{
				(void) read_window(st, in, &pre);
			}
			PG_FINALLY();
			{
				st->in_prepass = false;
			}
			PG_END_TRY();
			st->sc->note_support = st->has_note_anchor;
		}
	}
	return read_window(st, in, r);
}

static bool
read_window(call_state *st, const ind_text *in, const ind_call_reader *r)
{
	call_window *w;

	if (st->win == NULL)
		st->win = MemoryContextAlloc(st->cxt, sizeof(call_window));
	w = st->win;
	memset(w, 0, sizeof(call_window));
	w->r = r;
	w->next_flush = WINDOW_EVENTS;
	st->lex = st->lx->all;
	st->nev = 0;
	st->sc->events = true;
	ind_scan(st->sc, st->lex, in->utf8, in->len, in->byte_positions, collect_event, st);
	st->sc->events = false;
	return !w->stopped && flush(st, 0, true);
}

bool
ind_call_mentions(call_state *st, const ind_text *in, ind_call_fn fn, void *arg)
{
	ind_call_reader r = {0};

	r.mention = fn;
	r.arg = arg;
	return ind_call_read(st, in, &r);
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
