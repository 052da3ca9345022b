/*-------------------------------------------------------------------------
 * lexicon.c
 *	  Parses terms and compiles them into the two tries match.c runs.
 *
 * Part of the pure core: no postgres.h.
 *
 * A term is read by the same tokenizer as the notes (term mode), so that a
 * term and the text it should match always get the same keys.  Its words,
 * numbers and emoji are its words; spaces and punctuation between them are
 * ignored; sentence punctuation is refused (matches never cross a sentence
 * break); a '*' right after a word makes that word a prefix.
 *
 * Words go into a byte trie (rows of nsym columns for states with many
 * ways on, edge lists for the rest, bytes mapped to columns by sym[]:
 * memory linear in the words' bytes); the state reached at the end of
 * a key carries the word id, and states along the way carry the ids of
 * prefix words.  The words terms start with go into a second, smaller
 * trie with the same ids: while no phrase is under way, those are the only
 * words that matter.  Terms go into a trie over word ids.
 *-------------------------------------------------------------------------
 */
#include "lexicon.h"
#include "map.h"
#include "pattern.h"
#include "stem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct bnode
{
	int32_t		first_child;
	int32_t		sibling;
	int32_t		label;			/* byte (word trie) or word id (phrase trie) */
	int32_t		a;				/* word trie: exact id; phrase trie: first term */
	int32_t		b;				/* word trie: prefix id */
} bnode;

typedef struct ind_lex_builder
{
	bnode	   *wnodes;			/* word trie, node 0 = root */
	size_t		nw,
				wcap;
	bnode	   *snodes;			/* starter trie (first words), node 0 = root */
	size_t		ns,
				scap;
	bnode	   *pnodes;			/* phrase trie, node 0 = root */
	size_t		np,
				pcap;
	/* a node's child by label, one map per trie: (node << 32 | label) */
	ind_map		wchild,
				schild,
				pchild;
	int32_t    *term_next;		/* next term at the same phrase node, -1 ends */
	size_t		tncap;
	ind_term   *terms;			/* the terms, copied into the lexicon's arena
								 * by ind_lex_build */
	ind_classes classes;		/* word classes, for patterns that use them */
	int32_t    *gates;			/* word ids of stem words' gates */
	size_t		ngates,
				gatescap;
	/* all of the above, and the keys of parsed terms: released once built */
	ind_arena	arena;
} ind_lex_builder;

static IND_NORETURN void
term_fail(const ind_env *env, ind_arena *arena, const uint8_t *term, size_t len,
		  const char *what, const char *detail)
{
	size_t		shown = len > 200 ? 200 : len;
	size_t		n = strlen(what) + shown + 32;
	char	   *msg = ind_arena_alloc(arena, n);

	/* cut at a character boundary */
	while (shown > 0 && shown < len && (term[shown] & 0xC0) == 0x80)
		shown--;
	snprintf(msg, n, "term \"%.*s%s\" %s", (int) shown, (const char *) term,
			 shown < len ? "..." : "", what);
	env->fail(env->host, IND_FAIL_INPUT, msg, detail);
}

void
ind_term_parse(const ind_env *env, ind_norm *norm, ind_tokenizer *t,
			   ind_arena *arena, const uint8_t *term, size_t len,
			   ind_term_words *out)
{
	ind_token	tok;

	out->nwords = 0;
	if (len > IND_TERM_MAX_BYTES)
		term_fail(env, arena, term, len, "is too long",
				  "A term may have at most 256 bytes of text (a phrase of up to 32 words, numbers or emoji).");
	ind_tok_begin(t, env, norm, term, len, false, true);
	while (ind_tok_next(t, &tok))
	{
		uint8_t    *key;

		switch (tok.type)
		{
			case IND_TOK_SPACE:
				continue;
			case IND_TOK_PUNCT:
				if (tok.end - tok.start == 1 && term[tok.start] == '*')
					term_fail(env, arena, term, len, "has a '*' that does not end a word",
							  "A '*' right after a word, with no space, matches every word that starts that way.");
				if (tok.end - tok.start == 1 && term[tok.start] == '~')
					term_fail(env, arena, term, len, "has a '~' that does not end a word",
							  "A '~' right after a word, with no space, matches every word with its English stem.");
				continue;
			case IND_TOK_STOP:
			case IND_TOK_PARA:
				term_fail(env, arena, term, len, "contains sentence punctuation",
						  "Matches never cross a sentence break (. ! ? ; or a blank line), so a term cannot contain one.");
			default:
				break;
		}
		if (tok.flags & IND_TOKF_TRUNCATED)
			term_fail(env, arena, term, len, "has a word that is too long", NULL);
		if ((tok.flags & IND_TOKF_STEM) &&
			(tok.type != IND_TOK_WORD || (tok.flags & IND_TOKF_LEET) || tok.keylen < 2))
			term_fail(env, arena, term, len, "has a stem word that is not a word of letters",
					  "A word ending in '~' matches every word with its English stem: it needs two letters or more, and only letters.");
		if ((tok.flags & IND_TOKF_PREFIX) &&
			(tok.type != IND_TOK_WORD || tok.keylen < IND_PREFIX_MIN))
			term_fail(env, arena, term, len, "has a prefix that is too short",
					  "A word ending in '*' needs at least 3 letters before the '*'.");
		if (out->nwords == IND_TERM_MAX_WORDS)
			term_fail(env, arena, term, len, "has too many words",
					  "A term may have at most 32 words, numbers or emoji.");
		if (tok.flags & IND_TOKF_STEM)
		{
			const uint8_t *stem;
			size_t		stemlen;

			ind_stem(env, tok.key, tok.keylen, &stem, &stemlen);
			key = ind_arena_alloc(arena, stemlen + 1);
			memcpy(key, stem, stemlen);
			key[stemlen] = 0;
			out->keylen[out->nwords] = stemlen;
		}
		else
		{
			key = ind_arena_alloc(arena, tok.keylen + 1);
			memcpy(key, tok.key, tok.keylen);
			key[tok.keylen] = 0;
			out->keylen[out->nwords] = tok.keylen;
		}
		out->key[out->nwords] = key;
		out->prefix[out->nwords] = (tok.flags & IND_TOKF_PREFIX) != 0;
		out->stem[out->nwords] = (tok.flags & IND_TOKF_STEM) != 0;
		out->nwords++;
	}
	if (out->nwords == 0)
	{
		size_t		i;

		for (i = 0; i < len; i++)
			if (term[i] != ' ' && term[i] != '\t' && term[i] != '\n' && term[i] != '\r')
				break;
		if (i == len)
			env->fail(env->host, IND_FAIL_INPUT, "term is empty",
					  "A term needs at least one word, number or emoji.");
		term_fail(env, arena, term, len, "has no words, numbers or emoji after normalization",
				  "Punctuation, symbols, combining marks and invisible characters alone cannot be matched.");
	}
}

char *
ind_term_key(ind_arena *arena, const ind_term_words *w, size_t *len)
{
	size_t		n = 0,
				i;
	char	   *s,
			   *p;

	for (i = 0; i < (size_t) w->nwords; i++)
		n += w->keylen[i] + 2;
	s = p = ind_arena_alloc(arena, n + 1);
	for (i = 0; i < (size_t) w->nwords; i++)
	{
		if (i > 0)
			*p++ = ' ';
		memcpy(p, w->key[i], w->keylen[i]);
		p += w->keylen[i];
		if (w->prefix[i])
			*p++ = '*';
		if (w->stem[i])
			*p++ = '~';
	}
	*p = 0;
	*len = (size_t) (p - s);
	return s;
}

ind_lexicon *
ind_lex_create(const ind_env *env, ind_norm *norm, ind_arena *arena)
{
	ind_lexicon *lex = ind_arena_alloc0(arena, sizeof(ind_lexicon));

	lex->env = env;
	lex->arena = arena;
	lex->norm = norm;
	lex->tok = ind_arena_alloc(arena, sizeof(ind_tokenizer));
	lex->b = ind_arena_alloc0(arena, sizeof(ind_lex_builder));
	ind_arena_init(&lex->b->arena, env, 64 * 1024);
	ind_arena_grow(&lex->b->arena, (void **) &lex->b->wnodes, &lex->b->wcap, 1, sizeof(bnode));
	ind_arena_grow(&lex->b->arena, (void **) &lex->b->snodes, &lex->b->scap, 1, sizeof(bnode));
	ind_arena_grow(&lex->b->arena, (void **) &lex->b->pnodes, &lex->b->pcap, 1, sizeof(bnode));
	lex->b->wnodes[0] = (bnode) {-1, -1, 0, 0, 0};
	lex->b->snodes[0] = (bnode) {-1, -1, 0, 0, 0};
	lex->b->pnodes[0] = (bnode) {-1, -1, 0, -1, 0};
	lex->b->nw = lex->b->ns = lex->b->np = 1;
	ind_map_init(&lex->b->wchild, env);
	ind_map_init(&lex->b->schild, env);
	ind_map_init(&lex->b->pchild, env);
	return lex;
}

int32_t
ind_lex_add_indicator(ind_lexicon *lex, const char *code, uint8_t ignore)
{
	size_t		n = strlen(code);
	char	   *copy = ind_arena_alloc(lex->arena, n + 1);
	size_t		cap = lex->indcap;

	memcpy(copy, code, n + 1);
	ind_arena_grow(lex->arena, (void **) &lex->indicators, &lex->indcap,
				   (size_t) lex->nindicators + 1, sizeof(char *));
	ind_arena_grow(lex->arena, (void **) &lex->indicator_ignore, &cap,
				   (size_t) lex->nindicators + 1, sizeof(uint8_t));
	lex->indicators[lex->nindicators] = copy;
	lex->indicator_ignore[lex->nindicators] = ignore;
	return lex->nindicators++;
}

int32_t
ind_lex_indicator_index(const ind_lexicon *lex, const char *code)
{
	int32_t		i;

	for (i = 0; i < lex->nindicators; i++)
		if (strcmp(lex->indicators[i], code) == 0)
			return i;
	return -1;
}

/* The child of node with this label, created if missing. */
static int32_t
child(ind_lexicon *lex, bnode **nodes, size_t *n, size_t *cap, ind_map *map,
	  int32_t node, int32_t label, int32_t init_a)
{
	bool		found;
	int32_t    *slot = ind_map_slot(map, (uint64_t) node << 32 | (uint32_t) label,
									(int32_t) *n, &found);
	int32_t		c;

	if (found)
		return *slot;
	ind_arena_grow(&lex->b->arena, (void **) nodes, cap, *n + 1, sizeof(bnode));
	c = (int32_t) (*n)++;
	(*nodes)[c] = (bnode) {-1, (*nodes)[node].first_child, label, init_a, 0};
	(*nodes)[node].first_child = c;
	return c;
}

/*
 * Puts a word in a word trie: its id is the one it already has there, else
 * wid, else a new one.  Returns the id.
 */
static int32_t
add_word(ind_lexicon *lex, bnode **nodes, size_t *n, size_t *cap, ind_map *map,
		 const uint8_t *key, size_t len, bool prefix, int32_t wid)
{
	int32_t		node = 0;
	int32_t    *id;
	size_t		i;

	for (i = 0; i < len; i++)
		node = child(lex, nodes, n, cap, map, node, key[i], 0);
	id = prefix ? &(*nodes)[node].b : &(*nodes)[node].a;
	if (*id == 0)
		*id = wid ? wid : ++lex->nwords;
	return *id;
}

/*
 * A stem word: the stem and IND_STEM_MARK, a key no word of a note has, as
 * a word of the word trie (match.c looks it up after stemming a word), and
 * its gates as prefix words marked in lex->gate, in the starter trie too
 * if a term starts with it.  Returns the stem word's id.
 */
static int32_t
add_stem_word(ind_lexicon *lex, const uint8_t *stem, size_t len, bool first)
{
	ind_lex_builder *b = lex->b;
	uint8_t    *key = ind_arena_alloc(&b->arena, len + 1);
	ind_stem_gate gates[IND_STEM_GATES];
	int			ngates = ind_stem_gates(stem, len, gates),
				g;
	int32_t		wid;

	memcpy(key, stem, len);
	key[len] = IND_STEM_MARK;
	wid = add_word(lex, &b->wnodes, &b->nw, &b->wcap, &b->wchild, key, len + 1, false, 0);
	for (g = 0; g < ngates; g++)
	{
		int32_t		gid = add_word(lex, &b->wnodes, &b->nw, &b->wcap, &b->wchild,
								   gates[g].key, gates[g].len, true, 0);

		if (first)
			(void) add_word(lex, &b->snodes, &b->ns, &b->scap, &b->schild,
							gates[g].key, gates[g].len, true, gid);
		ind_arena_grow(&b->arena, (void **) &b->gates, &b->gatescap,
					   b->ngates + 1, sizeof(int32_t));
		b->gates[b->ngates++] = gid;
	}
	return wid;
}

/* ind_lex_add: one phrase of an entry's pattern */
typedef struct add_form
{
	ind_lexicon *lex;
	const ind_term *e;
	const char *text;			/* the entry's text, as written (copied) */
	int32_t		first;			/* the index of its first phrase */
	int32_t		part_of;		/* "A ... B": the term, or -1 */
	int			part_side;
	int32_t		near;
	bool		ordered;
} add_form;

static void
add_phrase(void *arg, const ind_term_words *w)
{
	add_form   *a = arg;
	ind_lexicon *lex = a->lex;
	ind_lex_builder *b = lex->b;
	int32_t		node = 0,
				i;
	ind_term   *t;

	for (i = 0; i < w->nwords; i++)
	{
		int32_t		wid;

		if (w->stem[i])
			wid = add_stem_word(lex, w->key[i], w->keylen[i], i == 0);
		else
		{
			wid = add_word(lex, &b->wnodes, &b->nw, &b->wcap, &b->wchild,
						   w->key[i], w->keylen[i], w->prefix[i], 0);
			/* the first word goes in the starter trie too, with the same id */
			if (i == 0)
				(void) add_word(lex, &b->snodes, &b->ns, &b->scap, &b->schild,
								w->key[i], w->keylen[i], w->prefix[i], wid);
		}
		node = child(lex, &b->pnodes, &b->np, &b->pcap, &b->pchild, node, wid, -1);
	}
	if (w->nwords > lex->max_words)
		lex->max_words = w->nwords;

	ind_arena_grow(&b->arena, (void **) &b->terms, &lex->termcap,
				   (size_t) lex->nterms + 1, sizeof(ind_term));
	ind_arena_grow(&b->arena, (void **) &b->term_next, &b->tncap,
				   (size_t) lex->nterms + 1, sizeof(int32_t));
	lex->terms = b->terms;
	t = &lex->terms[lex->nterms];
	*t = *a->e;
	t->nwords = w->nwords;
	t->text = a->text;
	if (a->part_of >= 0)
	{
		t->kind = IND_PART;
		t->part_of = a->part_of;
		t->part_side = (uint8_t) a->part_side;
		t->part_ordered = a->ordered;
		t->max_scope = a->near;
	}
	b->term_next[lex->nterms] = b->pnodes[node].a;
	b->pnodes[node].a = lex->nterms;
	if (a->first < 0)
		a->first = lex->nterms;
	lex->nterms++;
}

int32_t
ind_lex_add(ind_lexicon *lex, const ind_term *e, const char *text, size_t len)
{
	add_form	a;
	ind_near	near;
	char	   *copy = ind_arena_alloc(lex->arena, len + 1);

	memcpy(copy, text, len);
	copy[len] = 0;
	a.lex = lex;
	a.e = e;
	a.text = copy;
	a.first = -1;
	a.part_of = -1;
	lex->left_out = NULL;
	if (ind_pattern_near(lex->env, &lex->b->arena, (const uint8_t *) text, len, &near))
	{
		ind_lex_builder *b = lex->b;
		int			side;
		int32_t		t;

		/* both parts stand for phrases with the classes as they are? */
		for (side = 0; side < 2; side++)
			if (ind_pattern_forms(lex->env, lex->norm, lex->tok, &b->arena,
								  (const uint8_t *) text + near.start[side], near.len[side],
								  &b->classes, &lex->left_out, NULL, NULL) == 0)
				return -1;
		/* the term itself, which no phrase leads to, then its parts */
		ind_arena_grow(&b->arena, (void **) &b->terms, &lex->termcap,
					   (size_t) lex->nterms + 1, sizeof(ind_term));
		ind_arena_grow(&b->arena, (void **) &b->term_next, &b->tncap,
					   (size_t) lex->nterms + 1, sizeof(int32_t));
		lex->terms = b->terms;
		t = lex->nterms++;
		lex->terms[t] = *e;
		lex->terms[t].nwords = 0;
		lex->terms[t].text = copy;
		b->term_next[t] = -1;
		a.part_of = t;
		a.near = near.distance;
		a.ordered = near.ordered;
		for (side = 0; side < 2; side++)
		{
			a.part_side = side;
			ind_pattern_forms(lex->env, lex->norm, lex->tok, &b->arena,
							  (const uint8_t *) text + near.start[side], near.len[side],
							  &b->classes, NULL, add_phrase, &a);
		}
		return t;
	}
	/* a pattern's phrases are entries alike, with its text */
	ind_pattern_forms(lex->env, lex->norm, lex->tok, &lex->b->arena,
					  (const uint8_t *) text, len, &lex->b->classes, &lex->left_out,
					  add_phrase, &a);
	return a.first;
}

void
ind_lex_add_class_word(ind_lexicon *lex, const char *name, size_t namelen,
					   const char *word, size_t len)
{
	ind_classes *cl = &lex->b->classes;
	ind_arena  *arena = &lex->b->arena;
	ind_word_class *wc = NULL;
	uint8_t    *copy;
	size_t		i;

	for (i = 0; i < cl->n; i++)
		if (cl->c[i].namelen == namelen && memcmp(cl->c[i].name, name, namelen) == 0)
			wc = &cl->c[i];
	if (wc == NULL)
	{
		char	   *nm = ind_arena_alloc(arena, namelen + 1);

		memcpy(nm, name, namelen);
		nm[namelen] = 0;
		ind_arena_grow(arena, (void **) &cl->c, &cl->cap, cl->n + 1, sizeof(ind_word_class));
		wc = &cl->c[cl->n++];
		memset(wc, 0, sizeof(*wc));
		wc->name = nm;
		wc->namelen = namelen;
	}
	if (len > IND_CLASS_WORD_MAX_BYTES)
		lex->env->fail(lex->env->host, IND_FAIL_INPUT, "a word class word is too long",
					   "A word of a word class has at most 64 bytes.");
	copy = ind_arena_alloc(arena, len + 1);
	memcpy(copy, word, len);
	copy[len] = 0;
	{
		size_t		cap = wc->cap;

		ind_arena_grow(arena, (void **) &wc->words, &wc->cap, wc->n + 1, sizeof(uint8_t *));
		ind_arena_grow(arena, (void **) &wc->lens, &cap, wc->n + 1, sizeof(size_t));
	}
	wc->words[wc->n] = copy;
	wc->lens[wc->n] = len;
	wc->n++;
}

int32_t
ind_lex_add_term(ind_lexicon *lex, int64_t id, int32_t indicator,
				 const char *text, size_t len)
{
	ind_term	e = {0};

	e.id = id;
	e.kind = IND_TERM;
	e.indicator = indicator;
	return ind_lex_add(lex, &e, text, len);
}

static int
cmp_label(const void *x, const void *y)
{
	int32_t		a = ((const int32_t *) x)[0],
				b = ((const int32_t *) y)[0];

	return (a > b) - (a < b);
}

/*
 * The tables of one builder trie (see ind_word_trie): a dense row for the
 * root, for states with at least nsym / 8 children, and for the shallowest
 * others while rows hold at most eight transitions per edge; those are
 * numbered first.  An edge list for the others.
 */
static void
build_trie(ind_lexicon *lex, const bnode *nodes, size_t n, ind_word_trie *w)
{
	int32_t		s,
				c,
				k,
				dense_from = lex->nsym / 8 > 2 ? lex->nsym / 8 : 2,
				ndense = 0,
				nsparse = 0;
	/* scratch, in the builder's arena: 9 bytes a node */
	int32_t    *nchildren = ind_arena_alloc(&lex->b->arena, ((size_t) n + 1) * sizeof(int32_t));
	int32_t    *state = ind_arena_alloc(&lex->b->arena, ((size_t) n + 1) * sizeof(int32_t));
	uint8_t    *dense = ind_arena_alloc0(&lex->b->arena, (size_t) n + 1);
	/*
	 * Which nodes get rows: the root, those with many children, and then
	 * the shallowest others, level by level, while the rows hold at most
	 * eight transitions per edge of the trie (so memory stays linear in
	 * the lexicon).  Walks begin at the root and most words of a note leave
	 * the trie within a few letters: the shallow states are the hot ones.
	 * Children come after their parent in nodes[], so one pass gives every
	 * node its level (kept in state[] for now).
	 */
	{
		size_t		budget = 0,
					used = 0;
		int32_t		level,
					maxlevel = 0;

		for (s = 0; s < (int32_t) n; s++)
			state[s] = 0;
		for (s = 0; s < (int32_t) n; s++)
		{
			nchildren[s] = 0;
			for (c = nodes[s].first_child; c >= 0; c = nodes[c].sibling)
			{
				nchildren[s]++;
				state[c] = state[s] + 1;
				if (state[c] > maxlevel)
					maxlevel = state[c];
			}
			budget += (size_t) nchildren[s] * 8;
			if (s == 0 || nchildren[s] >= dense_from)
			{
				dense[s] = 1;
				used += (size_t) lex->nsym;
			}
		}
		for (level = 1; level <= maxlevel && used + (size_t) lex->nsym <= budget; level++)
			for (s = 0; s < (int32_t) n && used + (size_t) lex->nsym <= budget; s++)
				if (state[s] == level && !dense[s] && nchildren[s] > 0)
				{
					dense[s] = 1;
					used += (size_t) lex->nsym;
				}
	}
	/* states: 0 dead, then the dense nodes (the root first, as 1), then the rest */
	for (s = 0; s < (int32_t) n; s++)
		if (dense[s])
			state[s] = ++ndense;
	for (s = 0; s < (int32_t) n; s++)
		if (!dense[s])
			state[s] = ndense + 1 + nsparse++;
	w->nstates = (int32_t) n + 1;
	w->last_dense = ndense;
	w->next = ind_arena_alloc0(lex->arena, ((size_t) ndense + 1) * (size_t) lex->nsym * sizeof(int32_t));
	w->edge_off = ind_arena_alloc(lex->arena, ((size_t) nsparse + 1) * sizeof(int32_t));
	w->nedges = 0;
	for (s = 0; s < (int32_t) n; s++)
		if (!dense[s])
			w->nedges += nchildren[s] + 1;
	w->edges = ind_arena_alloc0(lex->arena, ((size_t) w->nedges + 1) * sizeof(ind_trie_edge));
	w->exact = ind_arena_alloc0(lex->arena, (size_t) w->nstates * sizeof(int32_t));
	w->prefix = ind_arena_alloc0(lex->arena, (size_t) w->nstates * sizeof(int32_t));
	k = 0;
	for (s = 0; s < (int32_t) n; s++)
	{
		int32_t		st = state[s];

		w->exact[st] = nodes[s].a;
		w->prefix[st] = nodes[s].b;
		if (!dense[s])
			w->edge_off[st - ndense - 1] = k;
		for (c = nodes[s].first_child; c >= 0; c = nodes[c].sibling)
		{
			int32_t		v = state[c] * 2 + (nodes[c].b != 0);

			if (dense[s])
				w->next[(size_t) st * lex->nsym + lex->sym[nodes[c].label]] = v;
			else
				w->edges[k++] = (ind_trie_edge) {lex->sym[nodes[c].label], v};
		}
		if (!dense[s])
			k++;				/* the list's end: column 0 */
	}
}

static void
build_words(ind_lexicon *lex)
{
	ind_lex_builder *b = lex->b;
	int32_t		s,
				c;
	bool		used[256] = {false};

	/*
	 * Columns: only the bytes some word uses, letters first (they share a
	 * cache line at the start of each row).  Starters are among the words.
	 */
	for (s = 1; s < (int32_t) b->nw; s++)
		used[b->wnodes[s].label] = true;
	lex->nsym = 1;
	for (c = 'a'; c <= 'z'; c++)
		lex->sym[c] = used[c] ? (uint8_t) lex->nsym++ : 0;
	for (c = 0; c < 256; c++)
		if (used[c] && !(c >= 'a' && c <= 'z'))
			lex->sym[c] = (uint8_t) lex->nsym++;
	for (c = 0; c < 256; c++)
		lex->letter_col[c] = (c < 0x80 && ind_ascii_cc[c] == IND_CC_LETTER) ?
			lex->sym[ind_ascii_key[c]] : IND_NOT_LETTER;
	build_trie(lex, b->wnodes, b->nw, &lex->words);
	build_trie(lex, b->snodes, b->ns, &lex->starters);
}

static void
build_phrases(ind_lexicon *lex)
{
	ind_lex_builder *b = lex->b;
	int32_t		n,
				c,
				k,
				nchild = 0,
				nterm = 0;

	lex->nnodes = (int32_t) b->np;
	lex->root_child = ind_arena_alloc0(lex->arena, ((size_t) lex->nwords + 1) * sizeof(int32_t));
	lex->child_off = ind_arena_alloc(lex->arena, (size_t) lex->nnodes * sizeof(int32_t));
	lex->child_cnt = ind_arena_alloc0(lex->arena, (size_t) lex->nnodes * sizeof(int32_t));
	lex->child_word = ind_arena_alloc(lex->arena, ((size_t) lex->nnodes + 1) * sizeof(int32_t));
	lex->child_node = ind_arena_alloc(lex->arena, ((size_t) lex->nnodes + 1) * sizeof(int32_t));
	lex->term_off = ind_arena_alloc(lex->arena, (size_t) lex->nnodes * sizeof(int32_t));
	lex->term_cnt = ind_arena_alloc0(lex->arena, (size_t) lex->nnodes * sizeof(int32_t));
	lex->term_list = ind_arena_alloc(lex->arena, ((size_t) lex->nterms + 1) * sizeof(int32_t));

	for (n = 0; n < lex->nnodes; n++)
	{
		int32_t		first = nchild;

		lex->child_off[n] = nchild;
		for (c = b->pnodes[n].first_child; c >= 0; c = b->pnodes[c].sibling)
		{
			lex->child_word[nchild] = b->pnodes[c].label;
			lex->child_node[nchild] = c;
			if (n == 0)
				lex->root_child[b->pnodes[c].label] = c;
			nchild++;
		}
		lex->child_cnt[n] = nchild - first;
		/* sort this node's children by word id (pairs sorted together) */
		if (nchild - first > 1)
		{
			int32_t    *pairs = ind_arena_alloc(&b->arena, (size_t) (nchild - first) * 2 * sizeof(int32_t));

			for (k = 0; k < nchild - first; k++)
			{
				pairs[2 * k] = lex->child_word[first + k];
				pairs[2 * k + 1] = lex->child_node[first + k];
			}
			ind_sort(lex->env, pairs, (size_t) (nchild - first), 2 * sizeof(int32_t), cmp_label);
			for (k = 0; k < nchild - first; k++)
			{
				lex->child_word[first + k] = pairs[2 * k];
				lex->child_node[first + k] = pairs[2 * k + 1];
			}
		}
		lex->term_off[n] = nterm;
		for (k = b->pnodes[n].a; k >= 0; k = b->term_next[k])
			lex->term_list[nterm++] = k;
		lex->term_cnt[n] = nterm - lex->term_off[n];
	}
}

void
ind_lex_build(ind_lexicon *lex)
{
	ind_lex_builder *b = lex->b;

	/* every term is in: the child maps have done their work */
	ind_map_release(&b->wchild);
	ind_map_release(&b->schild);
	ind_map_release(&b->pchild);
	build_words(lex);
	build_phrases(lex);
	if (b->ngates > 0)
	{
		size_t		i;

		lex->gate = ind_arena_alloc0(lex->arena, (size_t) lex->nwords + 1);
		for (i = 0; i < b->ngates; i++)
			lex->gate[b->gates[i]] = 1;
	}
	/* the terms move out of the builder's arena, which is then given back */
	lex->terms = ind_arena_alloc(lex->arena, ((size_t) lex->nterms + 1) * sizeof(ind_term));
	if (lex->nterms > 0)
		memcpy(lex->terms, b->terms, (size_t) lex->nterms * sizeof(ind_term));
	lex->termcap = (size_t) lex->nterms;
	ind_arena_release(&b->arena);
	lex->b = NULL;
}
