/*-------------------------------------------------------------------------
 * match.c
 *	  Runs a compiled lexicon over a text.
 *
 * Part of the pure core: no postgres.h.
 *
 * Each token's key walks the word trie; most keys fall off it within a
 * byte or two.  A key that reaches words gives their ids (the exact word,
 * and every prefix word on the way).  If it reaches none and the token
 * mixes letters with digits or $ @, the walk is tried again reading those
 * as letters (0 o, 1 i l, 3 e, 4 a, 5 s, 7 t, 8 b, @ a, $ s).
 *
 * Phrases are followed with a set of partial matches (phrase trie nodes
 * and where they started): a token with word ids extends them and starts
 * new ones; a token with none, a sentence end or a paragraph break clears
 * the set; spaces and other punctuation leave it alone.  The set never
 * holds more than (longest phrase) x (ids per token) entries, so the scan
 * is linear in the text, and after the first text it allocates nothing.
 *
 * Most text is plain ASCII, and most of it is words no term starts with.
 * So before asking the tokenizer for a token, the scan tries a fast path
 * (fast_token): an ASCII word is looked up while it is read, in the trie
 * of starting words when no phrase is under way, and white space and
 * single punctuation marks are passed over in place.  It takes only what
 * the tokenizer would read as the same token; the unit tests and the
 * fuzzer check that a scan with it and one without it (no_fast_path)
 * report the same mentions.
 *-------------------------------------------------------------------------
 */
#include "match.h"
#include "stem.h"

#include <stdlib.h>
#include <string.h>

/* Tokens longer than this are not read as leetspeak. */
#define LEET_MAX_KEY 64
/* Trie steps one leetspeak token may take (its readings branch). */
#define LEET_BUDGET 512

ind_scanner *
ind_scanner_create(const ind_env *env, ind_norm *norm, ind_arena *arena)
{
	ind_scanner *sc = ind_arena_alloc0(arena, sizeof(ind_scanner));

	sc->env = env;
	sc->norm = norm;
	sc->arena = arena;
	return sc;
}

static inline void
add_id(ind_scanner *sc, size_t *n, int32_t id)
{
	if (*n == sc->idcap)
		ind_arena_grow(sc->arena, (void **) &sc->ids, &sc->idcap, *n + 1, sizeof(int32_t));
	sc->ids[(*n)++] = id;
}

/* Word ids of key: prefix words along the way, and the word it spells. */
static size_t
lookup(ind_scanner *sc, const ind_lexicon *lex, const uint8_t *key, size_t len,
	   bool truncated)
{
	int32_t		s = 1;
	size_t		n = 0,
				i;

	for (i = 0; i < len; i++)
	{
		int32_t		v = ind_lex_next(lex, &lex->words, s, key[i]);

		s = v >> 1;
		if (s == 0)
			return n;
		if (IND_UNLIKELY(v & 1))
			add_id(sc, &n, lex->words.prefix[s]);
	}
	if (!truncated && lex->words.exact[s])
		add_id(sc, &n, lex->words.exact[s]);
	return n;
}

static int
leet_readings(uint8_t b, uint8_t *out)
{
	int			n = 0;

	out[n++] = b;
	switch (b)
	{
		case '0':
			out[n++] = 'o';
			break;
		case '1':
			out[n++] = 'i';
			out[n++] = 'l';
			break;
		case '3':
			out[n++] = 'e';
			break;
		case '4':
		case '@':
			out[n++] = 'a';
			break;
		case '5':
		case '$':
			out[n++] = 's';
			break;
		case '7':
			out[n++] = 't';
			break;
		case '8':
			out[n++] = 'b';
			break;
	}
	return n;
}

static void
leet_walk(ind_scanner *sc, const ind_lexicon *lex, const uint8_t *key,
		  size_t len, size_t i, int32_t s, int *budget, size_t *n)
{
	uint8_t		alt[3];
	int			nalt,
				k;

	if (i == len)
	{
		if (lex->words.exact[s])
			add_id(sc, n, lex->words.exact[s]);
		return;
	}
	nalt = leet_readings(key[i], alt);
	for (k = 0; k < nalt; k++)
	{
		int32_t		v,
					s2;

		if (--(*budget) < 0)
			return;
		v = ind_lex_next(lex, &lex->words, s, alt[k]);
		s2 = v >> 1;
		if (s2 == 0)
			continue;
		if (v & 1)
			add_id(sc, n, lex->words.prefix[s2]);
		leet_walk(sc, lex, key, len, i + 1, s2, budget, n);
	}
}

/*
 * A word whose n ids (in sc->ids) include a stem word's gate is stemmed,
 * and the stem word of its stem, if any, added.  Returns the new count.
 */
static size_t
stem_ids(ind_scanner *sc, const ind_lexicon *lex, const uint8_t *key, size_t len,
		 size_t n)
{
	const uint8_t *stem;
	size_t		stemlen,
				i;
	int32_t		st = 1;

	for (i = 0; i < n; i++)
		if (lex->gate[sc->ids[i]])
			break;
	if (i == n)
		return n;
	ind_stem(sc->env, key, len, &stem, &stemlen);
	for (i = 0; i <= stemlen && st; i++)
		st = ind_lex_next(lex, &lex->words, st, i < stemlen ? stem[i] : IND_STEM_MARK) >> 1;
	if (st && lex->words.exact[st])
		add_id(sc, &n, lex->words.exact[st]);
	return n;
}

static size_t
token_ids(ind_scanner *sc, const ind_lexicon *lex, const ind_token *tok)
{
	size_t		n = lookup(sc, lex, tok->key, tok->keylen,
						   (tok->flags & IND_TOKF_TRUNCATED) != 0);

	if (IND_UNLIKELY(lex->gate != NULL) && n > 0 && !(tok->flags & IND_TOKF_TRUNCATED))
		n = stem_ids(sc, lex, tok->key, tok->keylen, n);

	if (n == 0 && (tok->flags & IND_TOKF_LEET) && tok->keylen <= LEET_MAX_KEY &&
		!(tok->flags & IND_TOKF_TRUNCATED))
	{
		int			budget = LEET_BUDGET;

		leet_walk(sc, lex, tok->key, tok->keylen, 0, 1, &budget, &n);
	}
	return n;
}

/* The child of phrase node under word id, or 0. */
static inline int32_t
phrase_child(const ind_lexicon *lex, int32_t node, int32_t wid)
{
	const int32_t *w = lex->child_word + lex->child_off[node];
	int32_t		lo = 0,
				hi = lex->child_cnt[node] - 1;

	while (lo <= hi)
	{
		int32_t		mid = (lo + hi) / 2;

		if (w[mid] == wid)
			return lex->child_node[lex->child_off[node] + mid];
		if (w[mid] < wid)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

static inline void
push(ind_scanner *sc, size_t *n, int32_t node, size_t start, size_t cstart,
	 size_t tstart)
{
	if (*n == sc->nextcap)
		ind_arena_grow(sc->arena, (void **) &sc->next, &sc->nextcap, *n + 1, sizeof(ind_active));
	sc->next[*n].node = node;
	sc->next[*n].start = start;
	sc->next[*n].cstart = cstart;
	sc->next[*n].tstart = tstart;
	(*n)++;
}

/* Reports an event (a break or money) spanning [start, end). */
static inline bool
report(ind_mention_fn fn, void *arg, int32_t what, size_t start, size_t end,
	   size_t cstart, size_t cend, size_t token)
{
	ind_mention m;

	m.term = what;
	m.start = start;
	m.end = end;
	m.cstart = cstart;
	m.cend = cend;
	m.tstart = m.tend = token;
	return fn(arg, &m);
}

/*
 * A part of an "A ... B" term ends here: reports the term wherever a part
 * of the other side lies within its distance before it (side A, if the
 * term is "A ...> B"), in this sentence
 * (sc->near: the parts since the sentence began that may still pair).
 * Returns false if fn stopped the scan.
 */
static bool
near_part(ind_scanner *sc, const ind_lexicon *lex, const ind_mention *m,
		  ind_mention_fn fn, void *arg)
{
	const ind_term *p = &lex->terms[m->term];
	size_t		i,
				kept = 0;

	for (i = 0; i < sc->nnear; i++)
	{
		const ind_mention *e = &sc->near[i];
		const ind_term *q = &lex->terms[e->term];

		/* nothing ending this far back can pair with a part ending later */
		if (e->tend + IND_NEAR_MAX + IND_TERM_MAX_WORDS < m->tend)
			continue;
		sc->near[kept++] = *e;
		if (q->part_of == p->part_of && q->part_side != p->part_side &&
			(!p->part_ordered || q->part_side == 0) &&
			e->tend < m->tstart && m->tstart - e->tend - 1 <= (size_t) p->max_scope)
		{
			ind_mention t = *m;

			t.term = p->part_of;
			t.start = e->start;
			t.cstart = e->cstart;
			t.tstart = e->tstart;
			if (!fn(arg, &t))
				return false;
		}
	}
	sc->nnear = kept;
	if (sc->nnear == sc->nearcap)
		ind_arena_grow(sc->arena, (void **) &sc->near, &sc->nearcap, sc->nnear + 1,
					   sizeof(ind_mention));
	sc->near[sc->nnear++] = *m;
	return true;
}

/*
 * One token with nids word ids (in sc->ids): extends the partial phrases in
 * sc->act and starts new ones, reporting every term that ends here.
 * Returns false if fn stopped the scan.
 */
static bool
step(ind_scanner *sc, const ind_lexicon *lex, size_t *nact, size_t nids,
	 size_t start, size_t end, size_t cstart, size_t cend, size_t token,
	 ind_mention_fn fn, void *arg)
{
	size_t		nnext = 0,
				a,
				i;
	ind_active *swap;
	size_t		swapcap;

	/* the common case: nothing in progress, and a word no phrase starts with */
	if (*nact == 0)
	{
		for (i = 0; i < nids; i++)
			if (lex->root_child[sc->ids[i]])
				break;
		if (i == nids)
			return true;
	}
	for (a = 0; a < *nact; a++)
		for (i = 0; i < nids; i++)
		{
			int32_t		c = phrase_child(lex, sc->act[a].node, sc->ids[i]);

			if (c)
				push(sc, &nnext, c, sc->act[a].start, sc->act[a].cstart,
					 sc->act[a].tstart);
		}
	for (i = 0; i < nids; i++)
	{
		int32_t		c = lex->root_child[sc->ids[i]];

		if (c)
			push(sc, &nnext, c, start, cstart, token);
	}
	for (a = 0; a < nnext; a++)
	{
		int32_t		node = sc->next[a].node;
		int32_t		k;

		for (k = 0; k < lex->term_cnt[node]; k++)
		{
			ind_mention m;

			m.term = lex->term_list[lex->term_off[node] + k];
			m.start = sc->next[a].start;
			m.cstart = sc->next[a].cstart;
			m.tstart = sc->next[a].tstart;
			m.end = end;
			m.cend = cend;
			m.tend = token;
			if (IND_UNLIKELY(lex->terms[m.term].kind == IND_PART))
			{
				if (!near_part(sc, lex, &m, fn, arg))
					return false;
			}
			else if (!fn(arg, &m))
				return false;
		}
	}
	/* the new set becomes the current one */
	swap = sc->act;
	swapcap = sc->actcap;
	sc->act = sc->next;
	sc->actcap = sc->nextcap;
	sc->next = swap;
	sc->nextcap = swapcap;
	*nact = nnext;
	return true;
}

static inline bool
ascii_alnum(uint8_t b)
{
	return b < 0x80 && (ind_ascii_cc[b] == IND_CC_LETTER || ind_ascii_cc[b] == IND_CC_DIGIT);
}

/*
 * The fast path for the common case, plain ASCII: at t->pos, reads a run
 * of white space, one punctuation mark, or a word of letters while walking
 * the word trie, without copying a key.  It takes only what the tokenizer
 * would read as the same single token and returns false for everything
 * else (digits, apostrophes, $ @, non-ASCII, a lone letter that might start
 * "t r i c k", a quotation mark when events are reported), which then goes
 * to the tokenizer.  *kind is 0 for a space
 * or punctuation mark that phrases pass over, 1 for a break, 2 for a word
 * (its ids in sc->ids, *nids of them, ending at *word_end; a single space
 * after it is read too).  With no phrase under way (nact == 0) it looks
 * words up among the starters only: step() would ignore the others.
 */
static inline bool
fast_token(ind_scanner *sc, const ind_lexicon *lex, size_t nact, int *kind,
		   size_t *nids, size_t *word_end)
{
	ind_tokenizer *t = &sc->tok;
	const uint8_t *s = t->s;
	size_t		len = t->len,
				p = t->pos,
				q = p;
	uint8_t		b = s[p],
				cc;

	if (b >= 0x80)
		return false;
	cc = ind_ascii_cc[b];
	if (cc == IND_CC_LETTER)
	{
		/* while no phrase is under way only words that start one matter */
		const ind_word_trie *w = nact ? &lex->words : &lex->starters;
		int32_t		st = 1;
		size_t		n = 0;

		const uint8_t *col = lex->letter_col;
		const int32_t *next = w->next;
		const int32_t last_dense = w->last_dense;
		size_t		nsym = (size_t) lex->nsym;
		uint8_t		c = col[b];

		/* walk the trie while the word is on it ... */
		do
		{
			int32_t		v = IND_LIKELY(st <= last_dense) ?
				next[(size_t) st * nsym + c] : ind_trie_edge_step(w, st, c);

			st = v >> 1;
			if (IND_UNLIKELY(v & 1))
				add_id(sc, &n, w->prefix[st]);
			q++;
		} while (st && q < len && (c = col[s[q]]) != IND_NOT_LETTER);
		/* ... then only the end of the word is left to find */
		while (q < len && col[s[q]] != IND_NOT_LETTER)
			q++;

		if (q - p > IND_KEY_MAX)
			return false;
		if (q < len)
		{
			uint8_t		e = s[q],
						ecc;

			if (e >= 0x80)
				return false;
			ecc = ind_ascii_cc[e];
			if (ecc == IND_CC_DIGIT || ecc == IND_CC_APOS || ecc == IND_CC_LEET)
				return false;
		}
		/* a lone letter is a word only if no spaced-out letter follows */
		if (q - p == 1)
		{
			size_t		sep = ind_tok_spacer_len(t, q);

			if (sep && q + sep < len && (s[q + sep] >= 0x80 || ascii_alnum(s[q + sep])) &&
				!(q + sep + 1 < len && ascii_alnum(s[q + sep]) && ascii_alnum(s[q + sep + 1])))
				return false;
		}
		/* the word itself, without a branch: written, counted if there */
		if (IND_UNLIKELY(n + 1 > sc->idcap))
			ind_arena_grow(sc->arena, (void **) &sc->ids, &sc->idcap, n + 1, sizeof(int32_t));
		sc->ids[n] = w->exact[st];
		n += w->exact[st] != 0;
		if (IND_UNLIKELY(lex->gate != NULL) && n > 0)
		{
			size_t		i;

			if (IND_UNLIKELY(q - p > sc->stemcap))
				ind_arena_grow(sc->arena, (void **) &sc->stembuf, &sc->stemcap, q - p, 1);
			for (i = p; i < q; i++)
				sc->stembuf[i - p] = ind_ascii_key[s[i]];
			n = stem_ids(sc, lex, sc->stembuf, q - p, n);
		}
		*nids = n;
		*kind = 2;
		*word_end = q;
		/* one space after a word is passed over here, not by another round */
		q += (q + 1 < len && s[q] == ' ' && s[q + 1] < 0x80 &&
			  ind_ascii_cc[s[q + 1]] != IND_CC_SPACE && ind_ascii_cc[s[q + 1]] != IND_CC_NEWLINE);
	}
	else if (cc == IND_CC_SPACE || cc == IND_CC_NEWLINE)
	{
		size_t		newlines = 0;

		while (q < len && s[q] < 0x80 &&
			   (ind_ascii_cc[s[q]] == IND_CC_SPACE || ind_ascii_cc[s[q]] == IND_CC_NEWLINE))
			newlines += s[q++] == '\n';
		/* white space that goes on past ASCII is the tokenizer's */
		if (q < len && s[q] >= 0x80)
			return false;
		*kind = newlines >= 2 ? 1 : 0;
	}
	else if (cc == IND_CC_OTHER && b != '#' && b != '*' && !(b == '"' && sc->events))
	{
		q++;
		*kind = 0;
	}
	else
		return false;
	t->cpos += q - p;
	t->pos = q;
	return true;
}

/*
 * Whether s[start..end) is a quotation mark: 1 double, 2 single (a token of
 * its own: an apostrophe inside a word is part of the word), 0 neither.
 */
static int
quote_at(const uint8_t *s, size_t start, size_t end)
{
	size_t		n = end - start;

	if (n == 1)
		return s[start] == '"' ? 1 : s[start] == '\'' ? 2 : 0;
	if (n == 2 && s[start] == 0xC2)		/* U+00AB U+00BB guillemets */
		return s[start + 1] == 0xAB || s[start + 1] == 0xBB ? 1 : 0;
	if (n == 3 && s[start] == 0xE2 && s[start + 1] == 0x80)
	{
		uint8_t		c = s[start + 2];

		if (c >= 0x9C && c <= 0x9F)		/* U+201C-U+201F “ ” „ ‟ */
			return 1;
		if ((c >= 0x98 && c <= 0x9B) || c == 0xB9 || c == 0xBA)	/* ‘ ’ ‚ ‛ ‹ › */
			return 2;
	}
	return 0;
}

/*
 * IND_SENTENCE_MAX tokens without a sentence end: one ends before token
 * (at byte start, character cstart), as a full stop would end it there.
 */
static bool
long_sentence(ind_scanner *sc, size_t *nact, size_t *sentence, size_t token,
			  size_t start, size_t cstart, ind_mention_fn fn, void *arg)
{
	*nact = 0;
	sc->nnear = 0;
	*sentence = token;
	return !sc->events || report(fn, arg, IND_EVENT_BREAK, start, start, cstart, cstart, token);
}

bool
ind_scan(ind_scanner *sc, const ind_lexicon *lex, const uint8_t *s, size_t len,
		 bool byte_positions, ind_mention_fn fn, void *arg)
{
	ind_tokenizer *t = &sc->tok;
	ind_token	tok;
	size_t		nact = 0;
	size_t		token = 0;		/* words, numbers and emoji read so far */
	size_t		sentence = 0;	/* the token the sentence began at */
	size_t		dollar = (size_t) -1;	/* where a "$" token ended */
	size_t		dollar_start = 0,
				dollar_cstart = 0;
	size_t		stop_end = (size_t) -1; /* where a sentence-end mark ended */

	sc->open_at_end = false;
	sc->nnear = 0;
	if (lex->nterms == 0 && !sc->events)
		return true;
	ind_tok_begin(t, sc->env, sc->norm, s, len, byte_positions, false);
	while (t->pos < len)
	{
		size_t		nids = 0,
					start = t->pos,
					cstart = t->cpos,
					word_end = 0;
		int			kind;

		ind_tok_poll(t, start);
		if (!sc->no_fast_path && fast_token(sc, lex, nact, &kind, &nids, &word_end))
		{
			if (kind == 0)
				continue;
			if (kind == 1)
			{
				nact = 0;
				sc->nnear = 0;
				sentence = token;
				if (sc->events &&
					!report(fn, arg, IND_EVENT_BREAK, start, t->pos, cstart, t->cpos, token))
					return false;
				continue;
			}
			if (IND_UNLIKELY(token - sentence >= IND_SENTENCE_MAX) &&
				!long_sentence(sc, &nact, &sentence, token, start, cstart, fn, arg))
				return false;
			token++;
			if (nids == 0)
			{
				nact = 0;
				continue;
			}
			/* ASCII: characters and bytes count alike */
			if (!step(sc, lex, &nact, nids, start, word_end, cstart,
					  cstart + (word_end - start), token - 1, fn, arg))
				return false;
			continue;
		}

		if (!ind_tok_next(t, &tok))
			break;
		if (IND_UNLIKELY(token - sentence >= IND_SENTENCE_MAX) &&
			(tok.type == IND_TOK_WORD || tok.type == IND_TOK_NUMBER ||
			 tok.type == IND_TOK_EMOJI) &&
			!long_sentence(sc, &nact, &sentence, token, tok.start, tok.cstart, fn, arg))
			return false;
		switch (tok.type)
		{
			case IND_TOK_SPACE:
				continue;
			case IND_TOK_PUNCT:
				if (tok.end - tok.start == 1 && s[tok.start] == '$')
				{
					dollar = tok.end;
					dollar_start = tok.start;
					dollar_cstart = tok.cstart;
				}
				else if (sc->events)
				{
					int			q = quote_at(s, tok.start, tok.end);

					if (q && !report(fn, arg, IND_EVENT_QUOTE(q == 2, tok.start == stop_end),
									 tok.start, tok.end, tok.cstart, tok.cend, token))
						return false;
					/* "life.\"\"" : both marks close what the sentence opened */
					if (q && tok.start == stop_end)
						stop_end = tok.end;
				}
				continue;
			case IND_TOK_STOP:
				stop_end = tok.end;
				/* FALLTHROUGH */
			case IND_TOK_PARA:
				nact = 0;
				sc->nnear = 0;
				sentence = token;
				if (sc->events &&
					!report(fn, arg, IND_EVENT_BREAK, tok.start, tok.end, tok.cstart, tok.cend, token))
					return false;
				continue;
			case IND_TOK_NUMBER:
				if (sc->events && tok.start == dollar &&
					!report(fn, arg, IND_EVENT_MONEY, dollar_start, tok.end,
							dollar_cstart, tok.cend, token))
					return false;
				break;
			default:
				break;
		}
		token++;
		nids = token_ids(sc, lex, &tok);
		if (nids == 0)
		{
			nact = 0;
			continue;
		}
		if (!step(sc, lex, &nact, nids, tok.start, tok.end, tok.cstart, tok.cend,
				  token - 1, fn, arg))
			return false;
	}
	sc->ntokens = token;
	for (sc->open_at_end = false; nact > 0 && !sc->open_at_end; nact--)
		sc->open_at_end = lex->child_cnt[sc->act[nact - 1].node] > 0;
	return true;
}

typedef struct prune_item
{
	size_t		cstart;
	size_t		cend;
	int32_t		term;
	int32_t		idx;
} prune_item;

static int
cmp_prune(const void *x, const void *y)
{
	const prune_item *a = x,
			   *b = y;

	if (a->cstart != b->cstart)
		return a->cstart < b->cstart ? -1 : 1;
	if (a->cend != b->cend)
		return a->cend > b->cend ? -1 : 1;
	return (a->term > b->term) - (a->term < b->term);
}

size_t
ind_mentions_prune(ind_scanner *sc, const ind_lexicon *lex, const ind_mention *m,
				   int32_t *idx, size_t n)
{
	prune_item *items;
	size_t		i,
				kept = 0;

	if (n == 0)
		return 0;
	ind_arena_grow(sc->arena, (void **) &sc->prune, &sc->prunecap, n, sizeof(prune_item));
	items = sc->prune;
	for (i = 0; i < n; ind_poll(sc->env, ++i))
	{
		items[i].cstart = m[idx[i]].cstart;
		items[i].cend = m[idx[i]].cend;
		items[i].term = m[idx[i]].term;
		items[i].idx = idx[i];
	}
	ind_sort(sc->env, items, n, sizeof(prune_item), cmp_prune);
	ind_arena_grow(sc->arena, (void **) &sc->maxend, &sc->maxendcap,
				   (size_t) lex->nindicators, sizeof(size_t));
	memset(sc->maxend, 0, (size_t) lex->nindicators * sizeof(size_t));
	/*
	 * Sorted by start, longest first: a mention lies inside an earlier one
	 * of its indicator exactly when one of those ends at or after its end.
	 */
	for (i = 0; i < n; ind_poll(sc->env, ++i))
	{
		int32_t		ind = lex->terms[items[i].term].indicator;

		if (sc->maxend[ind] >= items[i].cend && sc->maxend[ind] > 0)
			continue;
		sc->maxend[ind] = items[i].cend;
		idx[kept++] = items[i].idx;
	}
	return kept;
}
