/*-------------------------------------------------------------------------
 * pattern.h
 *	  A lexicon entry's text as a pattern: words, and groups of
 *	  alternatives, which stand for the plain phrases the matcher reads.
 *
 *	  found at (a|the) (motel|roadside inn)	one of each group
 *	  [her] new (phone|cell)					[...]: one of them, or none
 *
 * A group holds one or more alternatives separated by '|', each one or
 * more words; groups do not nest.  A pattern stands for at most
 * IND_PATTERN_MAX_FORMS phrases; each one follows the rules of a phrase
 * (ind_term_parse: at most 32 words, prefixes, no sentence punctuation).
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_PATTERN_H
#define INDICATORS_PATTERN_H

#include "lexicon.h"

#define IND_PATTERN_MAX_FORMS 256

/* Receives each phrase of a pattern, parsed, once per distinct key. */
typedef void (*ind_form_fn) (void *arg, const ind_term_words *w);

/*
 * Parses the pattern text[0..len) and gives fn each phrase it stands for;
 * fails through env (IND_FAIL_INPUT) on a bad pattern, with a message
 * saying what is wrong and where.  Returns how many phrases it gave.
 * Scratch and keys go to arena.
 */
extern size_t ind_pattern_forms(const ind_env *env, ind_norm *norm, ind_tokenizer *t,
								ind_arena *arena, const uint8_t *text, size_t len,
								ind_form_fn fn, void *arg);

/*
 * The canonical key of a pattern (after checking every phrase it stands
 * for): the keys of its words, its groups as written ("found at (a|the)
 * motel"); for a plain phrase, ind_term_key's.
 */
extern char *ind_pattern_key(const ind_env *env, ind_norm *norm, ind_tokenizer *t,
							 ind_arena *arena, const uint8_t *text, size_t len,
							 size_t *keylen);

#endif							/* INDICATORS_PATTERN_H */
