/*-------------------------------------------------------------------------
 * tokenize.c
 *	  The one tokenizer: words, numbers, emoji sequences, spaces, punctuation.
 *
 * Part of the pure core: no postgres.h.
 *
 * Rules, in the order they are tried at each position:
 *	 - white space is one token; two or more line breaks in it make it a
 *	   paragraph break (PARA);
 *	 - an emoji sequence is one token: a pictographic base with variation
 *	   selectors, skin tones, tags and ZWJ-joined further pictographs; a
 *	   pair of regional indicators (a flag); a keycap ([0-9#*] FE0F? 20E3).
 *	   Its key is its pictographs without selectors, skin tones or joiners,
 *	   so every form of an emoji has the same key;
 *	 - a word is a run of letters and digits, with combining marks and
 *	   other ignorable characters inside it, apostrophes between letters,
 *	   and $ or @ next to a letter ("ca$h").  Its key is the folded letters
 *	   and digits; apostrophes are dropped and so is a final 's ("daddy's"
 *	   is "daddy").  Digits and $ @ mixed with letters set IND_TOKF_LEET so
 *	   the matcher can try to read them as letters ("l1fe");
 *	 - three or more single letters split by the same separator (space . -
 *	   _ * ~ +, maybe followed by a space) are one word: "t r i c k",
 *	   "t.r.i.c.k", "T-R-I-C-K";
 *	 - digits with . or , between them are one number ("1,000", "3.5");
 *	 - runs of sentence terminals are a STOP, except "..." (PUNCT);
 *	 - anything else is PUNCT, one character at a time.
 *-------------------------------------------------------------------------
 */
#include "tokenize.h"

#include <string.h>

typedef struct unit
{
	uint32_t	cp;
	uint8_t		cc;
	uint8_t		nbytes;
	uint8_t		keylen;
	const uint8_t *key;
} unit;

static inline void
unit_at(ind_tokenizer *t, size_t pos, unit *u)
{
	uint8_t		b = t->s[pos];

	if (b < 0x80)
	{
		u->cp = b;
		u->cc = ind_ascii_cc[b];
		u->nbytes = 1;
		u->key = &ind_ascii_key[b];
		u->keylen = ind_ascii_key[b] != 0;
	}
	else
	{
		const ind_fold_entry *e;

		u->nbytes = (uint8_t) ind_utf8_decode(t->s + pos, t->len - pos, &u->cp);
		e = ind_norm_lookup(t->norm, t->pages, u->cp, &u->key);
		u->cc = e->cc;
		u->keylen = e->len;
	}
}

/* class of the unit at pos, or 0xFF past the end */
static inline uint8_t
cc_at(ind_tokenizer *t, size_t pos)
{
	unit		u;

	if (pos >= t->len)
		return 0xFF;
	unit_at(t, pos, &u);
	return u.cc;
}

static inline size_t
width(ind_tokenizer *t, const unit *u)
{
	return t->byte_positions ? u->nbytes : 1;
}

#define poll ind_tok_poll

typedef struct keybuf
{
	uint8_t    *buf;
	size_t		len;
	bool		truncated;
} keybuf;

static inline void
key_add(keybuf *k, const uint8_t *bytes, size_t n)
{
	if (k->len + n > IND_KEY_MAX)
	{
		k->truncated = true;
		return;
	}
	memcpy(k->buf + k->len, bytes, n);
	k->len += n;
}

void
ind_tok_begin(ind_tokenizer *t, const ind_env *env, ind_norm *norm,
			  const uint8_t *s, size_t len, bool byte_positions, bool term_mode)
{
	t->env = env;
	t->norm = norm;
	t->pages = ind_norm_pages(norm);
	t->s = s;
	t->len = len;
	t->pos = 0;
	t->cpos = 0;
	t->next_interrupt = IND_INTERRUPT_BYTES;
	t->byte_positions = byte_positions;
	t->term_mode = term_mode;
}

const char *
ind_tok_type_name(int type)
{
	switch (type)
	{
		case IND_TOK_WORD:
			return "word";
		case IND_TOK_NUMBER:
			return "number";
		case IND_TOK_EMOJI:
			return "emoji";
		case IND_TOK_SPACE:
			return "space";
		case IND_TOK_PARA:
			return "paragraph";
		case IND_TOK_STOP:
			return "stop";
		case IND_TOK_PUNCT:
			return "punct";
	}
	return "end";
}

/* Length in bytes of a keycap sequence at pos ([0-9#*] FE0F? 20E3), or 0. */
static size_t
keycap_len(ind_tokenizer *t, size_t pos)
{
	uint8_t		b = t->s[pos];
	size_t		p = pos + 1;
	unit		u;

	if (!((b >= '0' && b <= '9') || b == '#' || b == '*'))
		return 0;
	if (p >= t->len || t->s[p] < 0x80)
		return 0;
	unit_at(t, p, &u);
	if (u.cc == IND_CC_VS)
	{
		p += u.nbytes;
		if (p >= t->len)
			return 0;
		unit_at(t, p, &u);
	}
	if (u.cc != IND_CC_KEYCAP)
		return 0;
	return p + u.nbytes - pos;
}

size_t
ind_tok_spacer_len(const ind_tokenizer *t, size_t pos)
{
	uint8_t		b;

	if (pos >= t->len)
		return 0;
	b = t->s[pos];
	if (b == ' ')
		return 1;
	if (b == '.' || b == '-' || b == '_' || b == '*' || b == '~' || b == '+')
		return (pos + 1 < t->len && t->s[pos + 1] == ' ') ? 2 : 1;
	return 0;
}

/* A single-unit letter or digit at pos not followed by another one. */
static bool
single_alnum_at(ind_tokenizer *t, size_t pos, unit *u)
{
	uint8_t		next;

	if (pos >= t->len)
		return false;
	unit_at(t, pos, u);
	if (u->cc != IND_CC_LETTER && u->cc != IND_CC_DIGIT)
		return false;
	next = cc_at(t, pos + u->nbytes);
	return !(next == IND_CC_LETTER || next == IND_CC_DIGIT ||
			 next == IND_CC_IGNORE || next == IND_CC_APOS);
}

/*
 * At pos starts a single letter (already read as a one-unit word ending at
 * t->pos): joins "t r i c k" into one word if three or more letters are
 * spaced out by the same separator.  Returns true and fills tok if so.
 */
static bool
try_spaced(ind_tokenizer *t, ind_token *tok, const unit *first, keybuf *k)
{
	size_t		sep = ind_tok_spacer_len(t, t->pos);
	size_t		p = t->pos,
				cp = t->cpos,
				n = 1,
				end = t->pos,
				cend = t->cpos;
	bool		leet = first->cc == IND_CC_DIGIT;
	keybuf		kk = {k->buf, 0, false};
	unit		u;

	if (sep == 0)
		return false;
	key_add(&kk, first->key, first->keylen);
	for (;;)
	{
		size_t		s = ind_tok_spacer_len(t, p);

		poll(t, p);
		if (s != sep || memcmp(t->s + p, t->s + t->pos, sep) != 0)
			break;
		if (!single_alnum_at(t, p + s, &u))
			break;
		cp += s;				/* separators are ASCII */
		p += s + u.nbytes;
		cp += width(t, &u);
		key_add(&kk, u.key, u.keylen);
		leet |= u.cc == IND_CC_DIGIT;
		n++;
		end = p;
		cend = cp;
	}
	if (n < 3)
		return false;
	t->pos = end;
	t->cpos = cend;
	tok->type = IND_TOK_WORD;
	tok->flags = IND_TOKF_SPACED | (leet ? IND_TOKF_LEET : 0) |
		(kk.truncated ? IND_TOKF_TRUNCATED : 0);
	tok->end = end;
	tok->cend = cend;
	k->len = kk.len;
	k->truncated = kk.truncated;
	return true;
}

static void
scan_word(ind_tokenizer *t, ind_token *tok, keybuf *k)
{
	const uint8_t *s = t->s;
	size_t		len = t->len;
	size_t		pos = t->pos,
				cpos = t->cpos;
	uint8_t		prev = 0;		/* class of the last counted unit */
	bool		has_letter = false,
				has_digit = false,
				has_leet = false;
	size_t		apos_key = (size_t) -1; /* key length at the last apostrophe */
	size_t		units = 0;
	unit		u,
				first;

	while (pos < len)
	{
		uint8_t		b = s[pos];

		/* fast path: ASCII letters */
		if (b < 0x80 && ind_ascii_cc[b] == IND_CC_LETTER)
		{
			poll(t, pos);
			if (IND_LIKELY(k->len < IND_KEY_MAX))
				k->buf[k->len++] = ind_ascii_key[b];
			else
				k->truncated = true;
			pos++;
			cpos++;
			prev = IND_CC_LETTER;
			has_letter = true;
			units++;
			continue;
		}
		poll(t, pos);
		unit_at(t, pos, &u);
		switch (u.cc)
		{
			case IND_CC_LETTER:
				has_letter = true;
				break;
			case IND_CC_DIGIT:
				if (b < 0x80 && keycap_len(t, pos))
					goto done;
				has_digit = true;
				break;
			case IND_CC_IGNORE:
			case IND_CC_VS:
				if (units == 0)
					goto done;
				pos += u.nbytes;
				cpos += width(t, &u);
				continue;		/* inside a word, adds nothing */
			case IND_CC_LEET:
				if (prev != IND_CC_LETTER && cc_at(t, pos + u.nbytes) != IND_CC_LETTER)
					goto done;
				has_leet = true;
				break;
			case IND_CC_APOS:
				if (prev != IND_CC_LETTER && prev != IND_CC_DIGIT)
					goto done;
				{
					uint8_t		next = cc_at(t, pos + u.nbytes);

					if (next != IND_CC_LETTER && next != IND_CC_DIGIT)
						goto done;
				}
				apos_key = k->len;
				pos += u.nbytes;
				cpos += width(t, &u);
				prev = IND_CC_APOS;
				continue;
			case IND_CC_STOP:
			case IND_CC_OTHER:
				/* "1,000" and "3.5": a separator between digits */
				if (prev == IND_CC_DIGIT && !has_letter && (b == '.' || b == ',') &&
					pos + 1 < len && s[pos + 1] >= '0' && s[pos + 1] <= '9')
				{
					if (b == '.')
						key_add(k, &b, 1);
					pos++;
					cpos++;
					prev = IND_CC_OTHER;
					continue;
				}
				goto done;
			default:
				goto done;
		}
		units++;
		key_add(k, u.key, u.keylen);
		pos += u.nbytes;
		cpos += width(t, &u);
		prev = u.cc;
	}
done:
	/* a final 's is a possessive or a contraction: "daddy's" is "daddy" */
	if (apos_key != (size_t) -1 && apos_key + 1 == k->len && !k->truncated &&
		k->buf[apos_key] == 's')
		k->len--;

	t->pos = pos;
	t->cpos = cpos;
	tok->type = has_letter ? IND_TOK_WORD : IND_TOK_NUMBER;
	tok->flags = (has_letter && (has_digit || has_leet)) ? IND_TOKF_LEET : 0;
	if (k->truncated)
		tok->flags |= IND_TOKF_TRUNCATED;
	tok->end = pos;
	tok->cend = cpos;

	if (t->term_mode)
	{
		if (pos < len && (s[pos] == '*' || s[pos] == '~'))
		{
			tok->flags |= s[pos] == '*' ? IND_TOKF_PREFIX : IND_TOKF_STEM;
			t->pos++;
			t->cpos++;
			tok->end++;
			tok->cend++;
		}
	}
	else if (units == 1)
	{
		unit_at(t, tok->start, &first);
		if (first.cc == IND_CC_LETTER || first.cc == IND_CC_DIGIT)
			(void) try_spaced(t, tok, &first, k);
	}
}

static void
scan_emoji(ind_tokenizer *t, ind_token *tok, keybuf *k, const unit *u0)
{
	size_t		pos = t->pos,
				cpos = t->cpos;
	size_t		kc = keycap_len(t, pos);
	unit		u = *u0;

	tok->type = IND_TOK_EMOJI;
	if (kc)
	{
		/* keycap: the base character and U+20E3 */
		static const uint8_t keycap[] = {0xE2, 0x83, 0xA3};

		key_add(k, &t->s[pos], 1);
		key_add(k, keycap, sizeof(keycap));
		cpos += t->byte_positions ? kc : (kc == 4 ? 2 : 3);
		pos += kc;
	}
	else if (u.cc == IND_CC_REGIONAL)
	{
		/* a flag is a pair of regional indicators */
		key_add(k, t->s + pos, u.nbytes);
		pos += u.nbytes;
		cpos += width(t, &u);
		if (pos < t->len)
		{
			unit_at(t, pos, &u);
			if (u.cc == IND_CC_REGIONAL)
			{
				key_add(k, t->s + pos, u.nbytes);
				pos += u.nbytes;
				cpos += width(t, &u);
			}
		}
	}
	else
	{
		for (;;)
		{
			/* the pictograph (a lone skin tone is its own key) */
			if (u.cc == IND_CC_EMOJI || k->len == 0)
				key_add(k, t->s + pos, u.nbytes);
			pos += u.nbytes;
			cpos += width(t, &u);

			/* its selectors, skin tone, keycap mark, tags */
			while (pos < t->len)
			{
				poll(t, pos);
				unit_at(t, pos, &u);
				if (u.cc == IND_CC_TAG || u.cc == IND_CC_KEYCAP)
					key_add(k, t->s + pos, u.nbytes);
				else if (u.cc != IND_CC_VS && u.cc != IND_CC_EMOD)
					break;
				pos += u.nbytes;
				cpos += width(t, &u);
			}
			/* a joiner and the next pictograph */
			if (pos >= t->len)
				break;
			unit_at(t, pos, &u);
			if (u.cc != IND_CC_ZWJ)
				break;
			pos += u.nbytes;
			cpos += width(t, &u);
			if (pos >= t->len)
				break;
			unit_at(t, pos, &u);
			if (u.cc != IND_CC_EMOJI && u.cc != IND_CC_EMOD)
				break;
		}
	}
	t->pos = pos;
	t->cpos = cpos;
	tok->end = pos;
	tok->cend = cpos;
	if (k->truncated)
		tok->flags |= IND_TOKF_TRUNCATED;
}

/* A run of units whose classes are in mask; returns newlines counted. */
static size_t
scan_run(ind_tokenizer *t, uint32_t mask, size_t *count)
{
	size_t		newlines = 0;
	unit		u;

	*count = 0;
	while (t->pos < t->len)
	{
		uint8_t		b = t->s[t->pos];

		if (b < 0x80)
		{
			uint8_t		cc = ind_ascii_cc[b];

			if (!(mask & (1u << cc)))
				break;
			poll(t, t->pos);
			newlines += cc == IND_CC_NEWLINE;
			t->pos++;
			t->cpos++;
			(*count)++;
			continue;
		}
		poll(t, t->pos);
		unit_at(t, t->pos, &u);
		if (!(mask & (1u << u.cc)))
			break;
		newlines += u.cc == IND_CC_NEWLINE;
		t->pos += u.nbytes;
		t->cpos += width(t, &u);
		(*count)++;
	}
	return newlines;
}

#define BIT(cc) (1u << (cc))

bool
ind_tok_next(ind_tokenizer *t, ind_token *tok)
{
	keybuf		k = {t->key, 0, false};
	unit		u;
	size_t		count;

	tok->flags = 0;
	tok->start = t->pos;
	tok->cstart = t->cpos;
	if (t->pos >= t->len)
	{
		tok->type = IND_TOK_END;
		tok->end = t->pos;
		tok->cend = t->cpos;
		tok->key = t->key;
		tok->keylen = 0;
		return false;
	}
	poll(t, t->pos);
	unit_at(t, t->pos, &u);
	switch (u.cc)
	{
		case IND_CC_LETTER:
			scan_word(t, tok, &k);
			break;
		case IND_CC_DIGIT:
			if (u.cp < 0x80 && keycap_len(t, t->pos))
				scan_emoji(t, tok, &k, &u);
			else
				scan_word(t, tok, &k);
			break;
		case IND_CC_LEET:
			if (cc_at(t, t->pos + u.nbytes) == IND_CC_LETTER)
			{
				scan_word(t, tok, &k);
				break;
			}
			goto single;
		case IND_CC_EMOJI:
		case IND_CC_EMOD:
		case IND_CC_REGIONAL:
			scan_emoji(t, tok, &k, &u);
			break;
		case IND_CC_SPACE:
		case IND_CC_NEWLINE:
			tok->type = scan_run(t, BIT(IND_CC_SPACE) | BIT(IND_CC_NEWLINE), &count) >= 2 ?
				IND_TOK_PARA : IND_TOK_SPACE;
			break;
		case IND_CC_STOP:
			{
				bool		dots = u.cp == '.';
				size_t		p = t->pos;

				(void) scan_run(t, BIT(IND_CC_STOP), &count);
				while (dots && p < t->pos)
					dots = t->s[p++] == '.';
				tok->type = (dots && count >= 2) ? IND_TOK_PUNCT : IND_TOK_STOP;
			}
			break;
		case IND_CC_IGNORE:
		case IND_CC_VS:
		case IND_CC_ZWJ:
		case IND_CC_KEYCAP:
		case IND_CC_TAG:
			/* stray marks, joiners and selectors: one token, no key */
			(void) scan_run(t, BIT(IND_CC_IGNORE) | BIT(IND_CC_VS) | BIT(IND_CC_ZWJ) |
							BIT(IND_CC_KEYCAP) | BIT(IND_CC_TAG), &count);
			tok->type = IND_TOK_PUNCT;
			break;
		default:
			if (u.cp == '#' || u.cp == '*')
			{
				if (keycap_len(t, t->pos))
				{
					scan_emoji(t, tok, &k, &u);
					break;
				}
			}
	single:
			tok->type = IND_TOK_PUNCT;
			t->pos += u.nbytes;
			t->cpos += width(t, &u);
			break;
	}
	tok->end = t->pos;
	tok->cend = t->cpos;
	tok->key = t->key;
	tok->keylen = k.len;
	return true;
}
