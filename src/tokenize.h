/*-------------------------------------------------------------------------
 * tokenize.h
 *	  Splits UTF-8 text into words, numbers, emoji sequences, spaces and
 *	  punctuation, each with its span in the original and its folded key.
 *
 * One tokenizer serves the matcher, lexicon compilation (term mode) and
 * the text-search parser, so that all three see the same tokens.
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_TOKENIZE_H
#define INDICATORS_TOKENIZE_H

#include "normalize.h"

typedef enum ind_tok_type
{
	IND_TOK_END = 0,
	IND_TOK_WORD,				/* letters, maybe with digits, $ @ ' */
	IND_TOK_NUMBER,				/* digits only */
	IND_TOK_EMOJI,				/* one emoji sequence, modifiers and all */
	IND_TOK_SPACE,				/* white space with at most one line break */
	IND_TOK_PARA,				/* white space with two or more line breaks */
	IND_TOK_STOP,				/* sentence-terminal punctuation */
	IND_TOK_PUNCT				/* any other punctuation or symbol */
} ind_tok_type;

#define IND_TOK_NTYPES (IND_TOK_PUNCT + 1)

/* token flags */
#define IND_TOKF_LEET		0x01	/* letters mixed with digits or $ @ */
#define IND_TOKF_SPACED		0x02	/* single letters spaced or dotted apart */
#define IND_TOKF_PREFIX		0x04	/* term mode: the word ends with '*' */
#define IND_TOKF_TRUNCATED	0x08	/* key longer than IND_KEY_MAX, cut */
#define IND_TOKF_STEM		0x10	/* term mode: the word ends with '~' */

/*
 * Keys longer than this are cut (the token itself stays whole).  No term
 * word may be this long, so a cut key can match only a prefix term.
 */
#define IND_KEY_MAX 1024

typedef struct ind_token
{
	uint8_t		type;			/* ind_tok_type */
	uint8_t		flags;
	size_t		start;			/* byte offset of the first byte */
	size_t		end;			/* byte offset just past the last byte */
	size_t		cstart;			/* character offset, 0-based */
	size_t		cend;
	const uint8_t *key;			/* folded key; valid until the next token */
	size_t		keylen;
} ind_token;

typedef struct ind_tokenizer
{
	const ind_env *env;
	ind_norm   *norm;
	ind_fold_page **pages;
	const uint8_t *s;
	size_t		len;
	size_t		pos;			/* next byte to read */
	size_t		cpos;			/* characters before pos */
	size_t		next_interrupt;
	bool		byte_positions; /* count bytes, not characters */
	bool		term_mode;		/* lexicon terms: '*' ends a prefix word */
	uint8_t		key[IND_KEY_MAX + 8];
} ind_tokenizer;

/*
 * Starts reading s[0..len).  byte_positions makes every byte count as one
 * character (databases in SQL_ASCII, where PostgreSQL counts bytes).
 */
extern void ind_tok_begin(ind_tokenizer *t, const ind_env *env, ind_norm *norm,
						  const uint8_t *s, size_t len, bool byte_positions,
						  bool term_mode);

/* Reads the next token; returns false (type END) at the end of the text. */
extern bool ind_tok_next(ind_tokenizer *t, ind_token *tok);

/*
 * Gives the host a chance to cancel (env->interrupt) once every
 * IND_INTERRUPT_BYTES of input; every loop over the input calls it.
 */
static inline void
ind_tok_poll(ind_tokenizer *t, size_t pos)
{
	if (IND_UNLIKELY(pos >= t->next_interrupt))
	{
		t->next_interrupt = pos + IND_INTERRUPT_BYTES;
		if (t->env->interrupt)
			t->env->interrupt(t->env->host);
	}
}

/*
 * Length of the separator at pos that may split spaced-out letters
 * ("t r i c k", "t. r. i"), or 0.  The matcher's fast path uses it to
 * know when a one-letter word cannot start such a run.
 */
extern size_t ind_tok_spacer_len(const ind_tokenizer *t, size_t pos);

/* A stable lower-case name for a token type ("word", "emoji", ...). */
extern const char *ind_tok_type_name(int type);

#endif							/* INDICATORS_TOKENIZE_H */
