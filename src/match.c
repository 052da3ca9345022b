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
 *-------------------------------------------------------------------------
 */
#include "match.h"

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
	const int32_t *next = lex->next;
	int32_t		nsym = lex->nsym;
	int32_t		s = 1;
	size_t		n = 0,
				i;

	for (i = 0; i < len; i++)
	{
		s = next[(size_t) s * nsym + lex->sym[key[i]]];
		if (s == 0)
			return n;
		if (IND_UNLIKELY(lex->prefix[s]))
			add_id(sc, &n, lex->prefix[s]);
	}
	if (!truncated && lex->exact[s])
		add_id(sc, &n, lex->exact[s]);
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
		if (lex->exact[s])
			add_id(sc, n, lex->exact[s]);
		return;
	}
	nalt = leet_readings(key[i], alt);
	for (k = 0; k < nalt; k++)
	{
		int32_t		s2;

		if (--(*budget) < 0)
			return;
		s2 = lex->next[(size_t) s * lex->nsym + lex->sym[alt[k]]];
		if (s2 == 0)
			continue;
		if (lex->prefix[s2])
			add_id(sc, n, lex->prefix[s2]);
		leet_walk(sc, lex, key, len, i + 1, s2, budget, n);
	}
}

static size_t
token_ids(ind_scanner *sc, const ind_lexicon *lex, const ind_token *tok)
{
	size_t		n = lookup(sc, lex, tok->key, tok->keylen,
						   (tok->flags & IND_TOKF_TRUNCATED) != 0);

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
push(ind_scanner *sc, size_t *n, int32_t node, size_t start, size_t cstart)
{
	if (*n == sc->nextcap)
		ind_arena_grow(sc->arena, (void **) &sc->next, &sc->nextcap, *n + 1, sizeof(ind_active));
	sc->next[*n].node = node;
	sc->next[*n].start = start;
	sc->next[*n].cstart = cstart;
	(*n)++;
}

bool
ind_scan(ind_scanner *sc, const ind_lexicon *lex, const uint8_t *s, size_t len,
		 bool byte_positions, ind_mention_fn fn, void *arg)
{
	ind_tokenizer *t = &sc->tok;
	ind_token	tok;
	size_t		nact = 0;

	if (lex->nterms == 0)
		return true;
	ind_tok_begin(t, sc->env, sc->norm, s, len, byte_positions, false);
	while (ind_tok_next(t, &tok))
	{
		size_t		nids,
					nnext = 0,
					a,
					i;
		ind_active *swap;
		size_t		swapcap;

		switch (tok.type)
		{
			case IND_TOK_SPACE:
			case IND_TOK_PUNCT:
				continue;
			case IND_TOK_STOP:
			case IND_TOK_PARA:
				nact = 0;
				continue;
			default:
				break;
		}
		nids = token_ids(sc, lex, &tok);
		if (nids == 0)
		{
			nact = 0;
			continue;
		}
		for (a = 0; a < nact; a++)
			for (i = 0; i < nids; i++)
			{
				int32_t		c = phrase_child(lex, sc->act[a].node, sc->ids[i]);

				if (c)
					push(sc, &nnext, c, sc->act[a].start, sc->act[a].cstart);
			}
		for (i = 0; i < nids; i++)
		{
			int32_t		c = lex->root_child[sc->ids[i]];

			if (c)
				push(sc, &nnext, c, tok.start, tok.cstart);
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
				m.end = tok.end;
				m.cend = tok.cend;
				if (!fn(arg, &m))
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
		nact = nnext;
	}
	return true;
}

static int
cmp_mention(const void *x, const void *y)
{
	const ind_mention *a = x,
			   *b = y;

	if (a->cstart != b->cstart)
		return a->cstart < b->cstart ? -1 : 1;
	if (a->cend != b->cend)
		return a->cend > b->cend ? -1 : 1;
	return (a->term > b->term) - (a->term < b->term);
}

size_t
ind_mentions_prune(ind_scanner *sc, const ind_lexicon *lex, ind_mention *m, size_t n)
{
	size_t		i,
				kept = 0;

	if (n == 0)
		return 0;
	qsort(m, n, sizeof(ind_mention), cmp_mention);
	ind_arena_grow(sc->arena, (void **) &sc->maxend, &sc->maxendcap,
				   (size_t) lex->nindicators, sizeof(size_t));
	memset(sc->maxend, 0, (size_t) lex->nindicators * sizeof(size_t));
	/*
	 * Sorted by start, longest first: a mention lies inside an earlier one
	 * of its indicator exactly when one of those ends at or after its end.
	 */
	for (i = 0; i < n; i++)
	{
		int32_t		ind = lex->terms[m[i].term].indicator;

		if (sc->maxend[ind] >= m[i].cend && sc->maxend[ind] > 0)
			continue;
		sc->maxend[ind] = m[i].cend;
		m[kept++] = m[i];
	}
	return kept;
}
