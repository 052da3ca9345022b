/*-------------------------------------------------------------------------
 * lexicon.h
 *	  The lexicon compiled for matching: a byte trie that maps a token's key
 *	  to word ids, and a trie of word-id sequences that maps phrases to terms.
 *
 * Compiled once per backend from the lexicon tables (see cache.c) and then
 * only read, by match.c.
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_LEXICON_H
#define INDICATORS_LEXICON_H

#include "categories.h"
#include "tokenize.h"

/* letter_col[] of a byte that is no ASCII letter */
#define IND_NOT_LETTER 0xFF

/* Most words a term may have, and most bytes of its text as written. */
#define IND_TERM_MAX_WORDS 32
#define IND_TERM_MAX_BYTES 256
/* Shortest prefix before a '*'. */
#define IND_PREFIX_MIN 3

/*
 * What a lexicon entry is: a term (an indicator's words), or one of the
 * kinds of context rule of sql/categories.tsv (src/categories.h is made
 * from it).  The trigger kinds come first and double as context
 * categories: bit (kind - 1) of an ignore or applies_to mask.
 */
#define IND_KIND_ENUM(e, ...) e,
#define IND_KIND_COUNT(e, ...) + 1

typedef enum ind_kind
{
	IND_TERM = 0,
	IND_CATEGORY_LIST(IND_KIND_ENUM)
	IND_RULE_KIND_LIST(IND_KIND_ENUM)
	IND_NKINDS
} ind_kind;

/* the trigger kinds, which are the context categories */
#define IND_NCATEGORIES (0 IND_CATEGORY_LIST(IND_KIND_COUNT))
#define IND_CATEGORY_BIT(kind) (1u << ((kind) - 1))
#define IND_ALL_CATEGORIES ((1u << IND_NCATEGORIES) - 1)
_Static_assert(IND_NCATEGORIES <= 8, "ignore masks are a byte");

static inline bool
ind_is_category(int kind)
{
	return kind >= 1 && kind <= IND_NCATEGORIES;
}

/* directions of a trigger */
#define IND_FORWARD		0x01
#define IND_BACKWARD	0x02

/* An entry of the lexicon: a term or a context rule. */
typedef struct ind_term
{
	int64_t		id;				/* the caller's id (indicators.term.id, ...) */
	int32_t		nwords;
	const char *text;			/* as written */
	uint8_t		kind;			/* ind_kind */
	bool		ambiguous;		/* terms: counts only with an anchor */
	uint8_t		direction;		/* triggers: IND_FORWARD | IND_BACKWARD */
	uint8_t		ignore;			/* terms: categories that do not apply to it */
	int32_t		indicator;		/* terms: index into indicators; rules: -1 */
	int32_t		max_scope;		/* triggers: tokens reached, 0 = no limit */
	int32_t		applies_to;		/* terminators: categories ended (0 = all);
								 * anchors, blockers: an indicator, or -1 */
	int32_t		part_of;		/* parts: the term of "A ... B" they are of */
	uint8_t		part_side;		/* parts: 0 for A, 1 for B */
	bool		part_ordered;	/* parts: "A ...> B", A before B only */
} ind_term;

/*
 * A term "A ... B" is found where a phrase of A and one of B lie within
 * IND_NEAR_DEFAULT tokens of each other ("A ...3 B": 3) in one sentence,
 * in either order ("A ...> B": A first).  It is an entry of its own that no phrase leads to
 * (nwords 0), and its parts are entries of kind IND_PART that the scan
 * pairs up (match.c) and does not report; a part's max_scope is the
 * distance.
 */
#define IND_PART IND_NKINDS
#define IND_NEAR_DEFAULT 4
#define IND_NEAR_MAX 16

/*
 * A byte trie of words (state 0 is dead, 1 the root).  A transition is the
 * next state times two, plus one when a prefix word ends in that state, so
 * a walk reads prefix[] only where there is something to read (see
 * ind_lex_next).
 *
 * The root, any state with at least nsym / 8 ways on, and the shallowest
 * others (where walks begin, and most words of a note leave the trie), as
 * long as the rows hold at most eight transitions per edge, have a dense
 * row of nsym transitions; every other state a short list of its edges,
 * ended by column 0 (a byte in no word).  So the trie takes memory linear
 * in the lexicon, where rows for every state would take nsym transitions
 * per byte of every word.
 */
typedef struct ind_trie_edge
{
	int32_t		col;			/* 0 ends a state's list */
	int32_t		next;			/* the transition, as in a row */
} ind_trie_edge;

typedef struct ind_word_trie
{
	int32_t		nstates;
	int32_t		last_dense;		/* states 0..last_dense have rows (0: the
								 * dead state's, all zero), the others
								 * edge lists */
	int32_t    *next;			/* the dense rows, nsym transitions each */
	int32_t    *edge_off;		/* per state after last_dense: its first edge */
	ind_trie_edge *edges;		/* lists of edges, each ended by column 0 */
	int32_t		nedges;
	int32_t    *exact;			/* per state: id of the word ending here */
	int32_t    *prefix;			/* per state: id of the prefix word ending here */
} ind_word_trie;

/* The transition from a state after last_dense on column col (0: none). */
static inline int32_t
ind_trie_edge_step(const ind_word_trie *w, int32_t st, int32_t col)
{
	const ind_trie_edge *e;

	for (e = w->edges + w->edge_off[st - w->last_dense - 1]; e->col; e++)
		if (e->col == col)
			return e->next;
	return 0;
}

/* The transition from state st on column col (0 for none). */
static inline int32_t
ind_trie_step(const ind_word_trie *w, int32_t nsym, int32_t st, int32_t col)
{
	if (st <= w->last_dense)
		return w->next[(size_t) st * (size_t) nsym + (size_t) col];
	return ind_trie_edge_step(w, st, col);
}

typedef struct ind_lexicon
{
	const ind_env *env;
	ind_arena  *arena;
	ind_norm   *norm;

	/* indicators, in the order the caller added them */
	int32_t		nindicators;
	size_t		indcap;
	const char **indicators;
	uint8_t    *indicator_ignore;	/* per indicator: categories that do not
									 * apply to its terms */

	/* terms */
	int32_t		nterms;
	size_t		termcap;
	ind_term   *terms;

	/* words: ids 1..nwords, in two tries over the same columns */
	uint8_t		sym[256];		/* byte -> column; 0: byte in no word */
	int32_t		nsym;
	/* for the ASCII fast path: the column of a letter (either case), and
	 * IND_NOT_LETTER for every byte that is not an ASCII letter */
	uint8_t		letter_col[256];
	int32_t		nwords;
	ind_word_trie words;		/* every word of every term */
	ind_word_trie starters;		/* only words a term starts with */
	/* stem words ("beat~"): in words as the stem and IND_STEM_MARK, with
	 * gates, prefix words that a word must pass to be stemmed (stem.h) */
	uint8_t    *gate;			/* per word id: 1 if a gate, NULL if none */

	/* phrases: a trie over word ids; node 0 is the root */
	int32_t		nnodes;
	int32_t    *root_child;		/* word id -> node, 0 when none */
	int32_t    *child_off;		/* per node: first child in child_word/child_node */
	int32_t    *child_cnt;
	int32_t    *child_word;		/* sorted by word id within a node */
	int32_t    *child_node;
	int32_t    *term_off;		/* per node: first term in term_list */
	int32_t    *term_cnt;
	int32_t    *term_list;		/* term indexes */
	int32_t		max_words;		/* longest phrase */

	ind_tokenizer *tok;			/* scratch for parsing terms */

	/* the builder's working state, NULL once built */
	struct ind_lex_builder *b;
	/* after ind_lex_add gave -1: why the entry stands for no phrase */
	const char *left_out;
} ind_lexicon;

/*
 * The transition from state st on byte b: the next state is the result
 * shifted right by one (0: no word goes on so), and the low bit says that
 * a prefix word (lex->prefix[next]) ends there.
 */
static inline int32_t
ind_lex_next(const ind_lexicon *lex, const ind_word_trie *w, int32_t st, uint8_t b)
{
	return ind_trie_step(w, lex->nsym, st, lex->sym[b]);
}

/* Word classes (pattern.h): names and words as indicators.word_class has them. */
#define IND_CLASS_NAME_MAX 63
#define IND_CLASS_WORD_MAX_WORDS 4
#define IND_CLASS_WORD_MAX_BYTES 64

/* The word classes a lexicon has: for each, its enabled words. */
typedef struct ind_word_class
{
	const char *name;
	size_t		namelen;
	const uint8_t **words;
	size_t	   *lens;
	size_t		n,
				cap;
} ind_word_class;

typedef struct ind_classes
{
	ind_word_class *c;
	size_t		n,
				cap;
} ind_classes;

/* A term parsed into words (for the key of indicators.term and for build). */
typedef struct ind_term_words
{
	int32_t		nwords;
	const uint8_t *key[IND_TERM_MAX_WORDS];
	size_t		keylen[IND_TERM_MAX_WORDS];
	bool		prefix[IND_TERM_MAX_WORDS];
	bool		stem[IND_TERM_MAX_WORDS];	/* key is the word's stem */
} ind_term_words;

/*
 * Parses a term; on a bad term fails through env with IND_FAIL_INPUT and a
 * message naming the problem.  t is scratch space for the tokenizer; keys
 * are copied into arena.
 */
extern void ind_term_parse(const ind_env *env, ind_norm *norm, ind_tokenizer *t,
						   ind_arena *arena, const uint8_t *term, size_t len,
						   ind_term_words *out);

/* The canonical key of a parsed term: its words' keys joined by spaces. */
extern char *ind_term_key(ind_arena *arena, const ind_term_words *w, size_t *len);

/* Builds a lexicon in arena: add indicators, add terms, then build. */
extern ind_lexicon *ind_lex_create(const ind_env *env, ind_norm *norm,
								   ind_arena *arena);
extern int32_t ind_lex_add_indicator(ind_lexicon *lex, const char *code,
									 uint8_t ignore);
extern int32_t ind_lex_indicator_index(const ind_lexicon *lex, const char *code);
/*
 * Adds a word to a word class, before the entries that use it; a class
 * word is a phrase of at most IND_CLASS_WORD_MAX_WORDS words and
 * IND_CLASS_WORD_MAX_BYTES bytes (indicators.word_class checks it).
 */
extern void ind_lex_add_class_word(ind_lexicon *lex, const char *name, size_t namelen,
								   const char *word, size_t len);
/*
 * Adds an entry like e (its text and nwords are filled in): one for each
 * phrase its text stands for, if it is a pattern (pattern.h), with
 * consecutive indexes; returns the first.  An entry that stands for no
 * phrase with the word classes as they are (a class with no words, too
 * many phrases) is left out: -1, and lex->left_out says why.
 */
extern int32_t ind_lex_add(ind_lexicon *lex, const ind_term *e,
						   const char *text, size_t len);
/* A plain, unambiguous term. */
extern int32_t ind_lex_add_term(ind_lexicon *lex, int64_t id, int32_t indicator,
								const char *text, size_t len);
extern void ind_lex_build(ind_lexicon *lex);

#endif							/* INDICATORS_LEXICON_H */
