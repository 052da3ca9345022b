/*-------------------------------------------------------------------------
 * pattern.h
 *	  A lexicon entry's text as a pattern: words, and groups of
 *	  alternatives, which stand for the plain phrases the matcher reads.
 *
 *	  found at (a|the) (motel|roadside inn)	one of each group
 *	  [her] new (phone|cell)					[...]: one of them, or none
 *
 *	  (found|located) at <lodging>			<name>: one of a word class's words
 *
 * A group holds one or more alternatives separated by '|', each one or
 * more words; groups do not nest.  A word class is a group whose
 * alternatives are data (indicators.word_class): phrases of at most
 * IND_CLASS_WORD_MAX_WORDS words and IND_CLASS_WORD_MAX_BYTES bytes, so
 * that a pattern checked without its classes at hand (term_key) is within
 * a phrase's bounds whatever they hold.  A pattern stands for at most
 * IND_PATTERN_MAX_FORMS phrases; each one follows the rules of a phrase
 * (ind_term_parse: at most 32 words, prefixes, no sentence punctuation).
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_PATTERN_H
#define INDICATORS_PATTERN_H

#include "lexicon.h"

#define IND_PATTERN_MAX_FORMS 1024
#define IND_PATTERN_MAX_CLASSES 4

/* Receives each phrase of a pattern, parsed, once per distinct key. */
typedef void (*ind_form_fn) (void *arg, const ind_term_words *w);

/*
 * Parses the pattern text[0..len) and gives fn each phrase it stands for;
 * fails through env (IND_FAIL_INPUT) on a bad pattern, with a message
 * saying what is wrong and where.  Returns how many phrases it gave.
 * Word classes are read from classes; with none (NULL), each stands for a
 * class word as long as one may be.  With problem set, what depends on
 * the classes' words (a class with none, too many phrases) is not an
 * error: *problem says what, and no phrase is given.  fn NULL: only checks
 * and counts.  Scratch and keys go to arena.
 */
extern size_t ind_pattern_forms(const ind_env *env, ind_norm *norm, ind_tokenizer *t,
								ind_arena *arena, const uint8_t *text, size_t len,
								const ind_classes *classes, const char **problem,
								ind_form_fn fn, void *arg);

/*
 * A term "A ... B" (or "A ...N B"): its two parts, as byte ranges of the
 * text, and the distance (lexicon.h).  Returns false for any other term;
 * fails through env on a bad one (no part on a side, a second "...", a
 * distance out of range).
 */
typedef struct ind_near
{
	size_t		start[2];
	size_t		len[2];
	int32_t		distance;
	bool		ordered;		/* "A ...> B": A before B */
} ind_near;
extern bool ind_pattern_near(const ind_env *env, ind_arena *arena, const uint8_t *text,
							 size_t len, ind_near *near);

/*
 * The canonical key of a pattern (after checking every phrase it stands
 * for, word classes as their longest words): the keys of its words, its
 * groups and classes as written ("found at (a|the) <lodging>"); for a
 * plain phrase, ind_term_key's.
 */
extern char *ind_pattern_key(const ind_env *env, ind_norm *norm, ind_tokenizer *t,
							 ind_arena *arena, const uint8_t *text, size_t len,
							 size_t *keylen);

#endif							/* INDICATORS_PATTERN_H */
