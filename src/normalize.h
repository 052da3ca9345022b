/*-------------------------------------------------------------------------
 * normalize.h
 *	  Character classes and the folded form of every code point.
 *
 * Matching compares keys, not text.  A character's key is its NFKD
 * decomposition, case folded, with combining marks removed and look-alike
 * letters replaced by the ASCII letter they imitate (ICU's confusable
 * skeletons, and small capitals by their Unicode names).  ASCII takes a
 * fixed table; every other code point is computed with ICU the first time
 * it is seen, 256 code points at a time, and kept for the life of the
 * ind_norm (one per backend).
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_NORMALIZE_H
#define INDICATORS_NORMALIZE_H

#include "core.h"

typedef enum ind_cc
{
	IND_CC_OTHER = 0,			/* punctuation or symbol: a token of its own */
	IND_CC_LETTER,				/* key: the folded letters */
	IND_CC_DIGIT,				/* key: ASCII digits */
	IND_CC_SPACE,
	IND_CC_NEWLINE,
	IND_CC_STOP,				/* sentence terminal: . ! ? ; */
	IND_CC_APOS,				/* apostrophe: inside a word, not in its key */
	IND_CC_LEET,				/* $ @: part of a word when next to a letter */
	IND_CC_IGNORE,				/* combining mark, default-ignorable: no key */
	IND_CC_EMOJI,				/* Extended_Pictographic */
	IND_CC_REGIONAL,			/* regional indicator (flag halves) */
	IND_CC_EMOD,				/* skin tone modifier */
	IND_CC_ZWJ,					/* zero width joiner */
	IND_CC_VS,					/* variation selector */
	IND_CC_KEYCAP,				/* combining enclosing keycap */
	IND_CC_TAG					/* tag characters (subdivision flags) */
} ind_cc;

/* ASCII: class and key byte (0 when the byte adds nothing to a key) */
extern const uint8_t ind_ascii_cc[128];
extern const uint8_t ind_ascii_key[128];

typedef struct ind_fold_entry
{
	uint8_t		cc;				/* ind_cc */
	uint8_t		len;			/* bytes of key */
	uint16_t	off;			/* where the key starts in the page's pool */
} ind_fold_entry;

typedef struct ind_fold_page
{
	ind_fold_entry e[256];
	uint8_t		pool[];			/* UTF-8 keys */
} ind_fold_page;

#define IND_FOLD_PAGES (0x110000 >> 8)

typedef struct ind_norm ind_norm;

/* Opens the ICU objects; fails through env on an ICU error. */
extern ind_norm *ind_norm_create(const ind_env *env);
/* Closes the ICU objects; the memory stays until the arena goes. */
extern void ind_norm_close(ind_norm *norm);
/* Closes the ICU objects and gives back the memory. */
extern void ind_norm_destroy(ind_norm *norm);

extern ind_fold_page *ind_norm_fill_page(ind_norm *norm, uint32_t page);

/* The pages of a norm, for the inline lookup below. */
extern ind_fold_page **ind_norm_pages(ind_norm *norm);

/*
 * Class and key of code point cp (any value below 0x110000; ASCII too,
 * though callers use the tables for it).
 */
static inline const ind_fold_entry *
ind_norm_lookup(ind_norm *norm, ind_fold_page **pages, uint32_t cp,
				const uint8_t **key)
{
	ind_fold_page *page = pages[cp >> 8];

	if (IND_UNLIKELY(page == NULL))
		page = ind_norm_fill_page(norm, cp >> 8);
	*key = page->pool + page->e[cp & 0xFF].off;
	return &page->e[cp & 0xFF];
}

/*
 * Decodes one UTF-8 character at s (n > 0 bytes available).  Returns its
 * length and sets *cp; an invalid or truncated sequence counts as one byte
 * with *cp = 0xFFFD.
 */
static inline int
ind_utf8_decode(const uint8_t *s, size_t n, uint32_t *cp)
{
	uint8_t		b = s[0];

	if (b < 0x80)
	{
		*cp = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF)
	{
		if (n >= 2 && (s[1] & 0xC0) == 0x80)
		{
			*cp = ((uint32_t) (b & 0x1F) << 6) | (s[1] & 0x3F);
			return 2;
		}
	}
	else if (b >= 0xE0 && b <= 0xEF)
	{
		if (n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80)
		{
			uint32_t	c = ((uint32_t) (b & 0x0F) << 12) |
				((uint32_t) (s[1] & 0x3F) << 6) | (s[2] & 0x3F);

			if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF))
			{
				*cp = c;
				return 3;
			}
		}
	}
	else if (b >= 0xF0 && b <= 0xF4)
	{
		if (n >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
			(s[3] & 0xC0) == 0x80)
		{
			uint32_t	c = ((uint32_t) (b & 0x07) << 18) |
				((uint32_t) (s[1] & 0x3F) << 12) |
				((uint32_t) (s[2] & 0x3F) << 6) | (s[3] & 0x3F);

			if (c >= 0x10000 && c <= 0x10FFFF)
			{
				*cp = c;
				return 4;
			}
		}
	}
	*cp = 0xFFFD;
	return 1;
}

#endif							/* INDICATORS_NORMALIZE_H */
