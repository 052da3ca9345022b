/*-------------------------------------------------------------------------
 * normalize.c
 *	  The folded key and class of every code point, computed with ICU.
 *
 * Part of the pure core: no postgres.h.  See normalize.h for what a key is.
 *
 * The fold of one code point c is:
 *	 1. emoji parts, spaces, apostrophes, sentence terminals and ignorable
 *		characters are classified first and get no key of their own (emoji
 *		keys are built by the tokenizer from the code points themselves);
 *	 2. NFKD, full case folding, NFKD again, and every combining mark or
 *		default-ignorable character dropped: "Ｔ" -> "t", "é" -> "e",
 *		"𝐭" -> "t", "ß" -> "ss", "ﬁ" -> "fi";
 *	 3. each non-ASCII letter left is replaced by an ASCII letter when it is
 *		a small capital ("ɢ" -> "g", by its Unicode name) or when its
 *		confusable skeleton (UTS #39, ICU uspoof) is that of an ASCII
 *		letter ("а" Cyrillic -> "a", "ο" Greek -> "o", "ø" -> "o");
 *	 4. non-ASCII decimal digits become ASCII digits.
 * A character whose fold is all letters and digits is a LETTER (or DIGIT);
 * one whose fold is a single ASCII character takes that character's class
 * (fullwidth "＄" is "$"); anything else is OTHER.
 *
 * Doing this per code point, not per string, is what lets the scanner read
 * each byte once: it is the same as folding the string for everything but
 * the order of combining marks, which are dropped anyway.
 *-------------------------------------------------------------------------
 */
#include "normalize.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

/* Unicode bounds the longest fold: 18 code points of NFKD, x3 by folding. */
#define FOLD_MAX_UCHARS 128
#define FOLD_MAX_BYTES 255

struct ind_norm
{
	const ind_env *env;
	ind_arena	arena;
	const UNormalizer2 *nfkd;	/* owned by ICU, never closed */
	USpoofChecker *spoof;		/* ours: closed by ind_norm_destroy */
	UChar		ascii_skeleton[62][8];	/* skeletons of a-z, 0-9, A-Z */
	int32_t		ascii_skeleton_len[62];
	uint8_t    *scratch;		/* 256 folds while a page is built */
	ind_fold_page *pages[IND_FOLD_PAGES];
};

#define O IND_CC_OTHER
#define L IND_CC_LETTER
#define D IND_CC_DIGIT
#define S IND_CC_SPACE
#define N IND_CC_NEWLINE
#define T IND_CC_STOP
#define A IND_CC_APOS
#define E IND_CC_LEET

/* ASCII classes; control characters are OTHER, NUL included */
const uint8_t ind_ascii_cc[128] = {
	O, O, O, O, O, O, O, O, O, S, N, S, S, S, O, O,	/* 0x00 */
	O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,	/* 0x10 */
	S, T, O, O, E, O, O, A, O, O, O, O, O, O, T, O,	/* 0x20  !"#$%&'()*+,-./ */
	D, D, D, D, D, D, D, D, D, D, O, T, O, O, O, T,	/* 0x30 0-9:;<=>? */
	E, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,	/* 0x40 @A-O */
	L, L, L, L, L, L, L, L, L, L, L, O, O, O, O, O,	/* 0x50 P-Z[\]^_ */
	O, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,	/* 0x60 `a-o */
	L, L, L, L, L, L, L, L, L, L, L, O, O, O, O, O	/* 0x70 p-z{|}~DEL */
};

#undef O
#undef L
#undef D
#undef S
#undef N
#undef T
#undef A
#undef E

const uint8_t ind_ascii_key[128] = {
	['0'] = '0',['1'] = '1',['2'] = '2',['3'] = '3',['4'] = '4',
	['5'] = '5',['6'] = '6',['7'] = '7',['8'] = '8',['9'] = '9',
	['$'] = '$',['@'] = '@',
	['A'] = 'a',['B'] = 'b',['C'] = 'c',['D'] = 'd',['E'] = 'e',['F'] = 'f',
	['G'] = 'g',['H'] = 'h',['I'] = 'i',['J'] = 'j',['K'] = 'k',['L'] = 'l',
	['M'] = 'm',['N'] = 'n',['O'] = 'o',['P'] = 'p',['Q'] = 'q',['R'] = 'r',
	['S'] = 's',['T'] = 't',['U'] = 'u',['V'] = 'v',['W'] = 'w',['X'] = 'x',
	['Y'] = 'y',['Z'] = 'z',
	['a'] = 'a',['b'] = 'b',['c'] = 'c',['d'] = 'd',['e'] = 'e',['f'] = 'f',
	['g'] = 'g',['h'] = 'h',['i'] = 'i',['j'] = 'j',['k'] = 'k',['l'] = 'l',
	['m'] = 'm',['n'] = 'n',['o'] = 'o',['p'] = 'p',['q'] = 'q',['r'] = 'r',
	['s'] = 's',['t'] = 't',['u'] = 'u',['v'] = 'v',['w'] = 'w',['x'] = 'x',
	['y'] = 'y',['z'] = 'z'
};

/* a-z, then 0-9, then A-Z: lower case first, so that "l" beats "I" */
static char
ascii_alnum(int i)
{
	return i < 26 ? (char) ('a' + i) : i < 36 ? (char) ('0' + i - 26) : (char) ('A' + i - 36);
}

static IND_NORETURN void
icu_fail(ind_norm *norm, const char *what, UErrorCode status)
{
	norm->env->fail(norm->env->host, IND_FAIL_INTERNAL, what, u_errorName(status));
}

ind_norm *
ind_norm_create(const ind_env *env)
{
	ind_arena	arena;
	ind_norm   *norm;
	UErrorCode	status = U_ZERO_ERROR;
	int			i;

	ind_arena_init(&arena, env, 256 * 1024);
	norm = ind_arena_alloc0(&arena, sizeof(ind_norm));
	norm->env = env;
	norm->arena = arena;
	norm->scratch = ind_arena_alloc(&norm->arena, 256 * FOLD_MAX_BYTES);

	norm->nfkd = unorm2_getNFKDInstance(&status);
	if (U_FAILURE(status))
		icu_fail(norm, "could not open the ICU NFKD normalizer", status);
	norm->spoof = uspoof_open(&status);
	if (U_FAILURE(status))
		icu_fail(norm, "could not open the ICU spoof checker", status);

	for (i = 0; i < 62; i++)
	{
		UChar		c = (UChar) ascii_alnum(i);

		norm->ascii_skeleton_len[i] =
			uspoof_getSkeleton(norm->spoof, 0, &c, 1,
							   norm->ascii_skeleton[i], 8, &status);
		if (U_FAILURE(status))
		{
			uspoof_close(norm->spoof);
			norm->spoof = NULL;
			icu_fail(norm, "could not compute an ICU confusable skeleton", status);
		}
	}
	return norm;
}

void
ind_norm_close(ind_norm *norm)
{
	if (norm->spoof)
		uspoof_close(norm->spoof);
	norm->spoof = NULL;
}

void
ind_norm_destroy(ind_norm *norm)
{
	ind_arena	arena;

	if (norm == NULL)
		return;
	ind_norm_close(norm);
	arena = norm->arena;
	ind_arena_release(&arena);
}

ind_fold_page **
ind_norm_pages(ind_norm *norm)
{
	return norm->pages;
}

static bool
is_dropped(UChar32 c)
{
	int8_t		gc = u_charType(c);

	return gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK ||
		gc == U_FORMAT_CHAR ||
		u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

/* NFKD of in, with marks and ignorables dropped, into out; returns length */
static int32_t
decompose_bare(ind_norm *norm, const UChar *in, int32_t inlen, UChar *out)
{
	UChar		tmp[FOLD_MAX_UCHARS];
	UErrorCode	status = U_ZERO_ERROR;
	int32_t		n,
				i = 0,
				m = 0;

	n = unorm2_normalize(norm->nfkd, in, inlen, tmp, FOLD_MAX_UCHARS, &status);
	if (U_FAILURE(status))
		return -1;
	while (i < n)
	{
		UChar32		c;

		U16_NEXT(tmp, i, n, c);
		if (!is_dropped(c))
			U16_APPEND_UNSAFE(out, m, c);
	}
	return m;
}

/* "LATIN LETTER SMALL CAPITAL G" -> 'g'; 0 when c is no such letter */
static char
small_capital(UChar32 c)
{
	static const char prefix[] = "LATIN LETTER SMALL CAPITAL ";
	char		name[128];
	UErrorCode	status = U_ZERO_ERROR;
	int32_t		n;

	n = u_charName(c, U_UNICODE_CHAR_NAME, name, sizeof(name), &status);
	if (U_FAILURE(status) || n != (int32_t) sizeof(prefix) ||
		strncmp(name, prefix, sizeof(prefix) - 1) != 0)
		return 0;
	if (name[n - 1] < 'A' || name[n - 1] > 'Z')
		return 0;
	return (char) (name[n - 1] - 'A' + 'a');
}

/*
 * The ASCII letter or digit whose skeleton c has (lower case), or 0.
 * "rn" is the skeleton of "m"; "l" that of "l", "I" and "1".
 */
static char
lookalike(ind_norm *norm, UChar32 c)
{
	UChar		in[2],
				sk[FOLD_MAX_UCHARS];
	int32_t		inlen = 0,
				sklen,
				i;
	UErrorCode	status = U_ZERO_ERROR;

	U16_APPEND_UNSAFE(in, inlen, c);
	sklen = uspoof_getSkeleton(norm->spoof, 0, in, inlen, sk, FOLD_MAX_UCHARS, &status);
	if (U_FAILURE(status))
		return 0;
	for (i = 0; i < 62; i++)
		if (norm->ascii_skeleton_len[i] == sklen &&
			memcmp(norm->ascii_skeleton[i], sk, sklen * sizeof(UChar)) == 0)
		{
			char		a = ascii_alnum(i);

			return (a >= 'A' && a <= 'Z') ? (char) (a - 'A' + 'a') : a;
		}
	return 0;
}

/*
 * The ASCII stand-in for non-ASCII letter c (already folded), written to
 * out (at most 8 bytes); returns its length, or 0 to keep c as it is.
 */
static int
asciify(ind_norm *norm, UChar32 c, char *out)
{
	UChar		in[2],
				sk[FOLD_MAX_UCHARS],
				bare[FOLD_MAX_UCHARS];
	int32_t		inlen = 0,
				sklen,
				barelen,
				i;
	UErrorCode	status = U_ZERO_ERROR;
	char		a;

	if ((a = small_capital(c)) != 0 || (a = lookalike(norm, c)) != 0)
	{
		out[0] = a;
		return 1;
	}
	U16_APPEND_UNSAFE(in, inlen, c);
	sklen = uspoof_getSkeleton(norm->spoof, 0, in, inlen, sk, FOLD_MAX_UCHARS, &status);
	if (U_FAILURE(status))
		return 0;
	barelen = decompose_bare(norm, sk, sklen, bare);
	if (barelen <= 0 || barelen > 8)
		return 0;
	if (barelen == 1 && (a = lookalike(norm, bare[0])) != 0)
	{
		out[0] = a;				/* "ø" is "o" with a stroke mark */
		return 1;
	}
	/* otherwise only a run of ASCII letters ("ae" for "æ") */
	for (i = 0; i < barelen; i++)
	{
		UChar		u = bare[i];

		if (u >= 'A' && u <= 'Z')
			u = (UChar) (u - 'A' + 'a');
		if (u < 'a' || u > 'z')
			return 0;
		out[i] = (char) u;
	}
	return barelen;
}

/*
 * Class and key of one non-emoji, non-space code point: steps 2-4 of the
 * header comment.  Writes the key to out and its length to *outlen.
 */
static uint8_t
fold_letter_like(ind_norm *norm, UChar32 cp, uint8_t *out, int *outlen)
{
	UChar		in[2],
				folded[FOLD_MAX_UCHARS],
				bare[FOLD_MAX_UCHARS];
	int32_t		inlen = 0,
				n,
				i = 0,
				len = 0;
	UErrorCode	status = U_ZERO_ERROR;
	bool		all_digits = true;

	*outlen = 0;
	U16_APPEND_UNSAFE(in, inlen, cp);
	n = decompose_bare(norm, in, inlen, bare);
	if (n < 0)
		return IND_CC_OTHER;
	n = u_strFoldCase(folded, FOLD_MAX_UCHARS, bare, n, U_FOLD_CASE_DEFAULT, &status);
	if (U_FAILURE(status))
		return IND_CC_OTHER;
	n = decompose_bare(norm, folded, n, bare);
	if (n < 0)
		return IND_CC_OTHER;
	if (n == 0)
		return IND_CC_IGNORE;

	/* a single ASCII character takes its ASCII class: fullwidth "＄" */
	if (n == 1 && bare[0] < 0x80)
	{
		uint8_t		cc = ind_ascii_cc[bare[0]];

		if (ind_ascii_key[bare[0]])
		{
			out[0] = ind_ascii_key[bare[0]];
			*outlen = 1;
		}
		return cc;
	}

	/*
	 * A letter (or a non-decimal number sign such as Old Italic "𐌠") that
	 * folds to one non-ASCII character: its own look-alike first,
	 * before folding hid it (capital Cyrillic "Т" looks like "T", small "т"
	 * like nothing ASCII).
	 */
	if ((U_GET_GC_MASK(cp) & (U_GC_L_MASK | U_GC_NL_MASK | U_GC_NO_MASK)) &&
		(n == 1 || (n == 2 && U16_IS_LEAD(bare[0]))) && bare[0] >= 0x80)
	{
		char		a = lookalike(norm, cp);

		if (a)
		{
			out[0] = (uint8_t) a;
			*outlen = 1;
			return IND_CC_LETTER;
		}
	}

	while (i < n)
	{
		UChar32		c;

		U16_NEXT(bare, i, n, c);
		if (c < 0x80)
		{
			if (!ind_ascii_key[c] || c == '$' || c == '@')
				return IND_CC_OTHER;	/* "(a)", "a.m.", "1/2" */
			out[len++] = ind_ascii_key[c];
			if (c > '9')
				all_digits = false;
		}
		else if (u_isdigit(c))
		{
			out[len++] = (uint8_t) ('0' + u_charDigitValue(c));
		}
		else if (u_isalnum(c))
		{
			char		a[8];
			int			alen = asciify(norm, c, a);

			all_digits = false;
			if (alen > 0)
			{
				memcpy(out + len, a, alen);
				len += alen;
			}
			else
			{
				UBool		err = false;

				U8_APPEND(out, len, FOLD_MAX_BYTES, c, err);
				if (err)
					return IND_CC_OTHER;
			}
		}
		else
			return IND_CC_OTHER;
		if (len > FOLD_MAX_BYTES - 8)
			return IND_CC_OTHER;
	}
	*outlen = len;
	return all_digits ? IND_CC_DIGIT : IND_CC_LETTER;
}

static uint8_t
classify(ind_norm *norm, UChar32 c, uint8_t *out, int *outlen)
{
	*outlen = 0;
	if (c < 0x80)
	{
		if (ind_ascii_key[c])
		{
			out[0] = ind_ascii_key[c];
			*outlen = 1;
		}
		return ind_ascii_cc[c];
	}
	if (U_IS_SURROGATE(c))
		return IND_CC_OTHER;
	if (c >= 0x1F3FB && c <= 0x1F3FF)
		return IND_CC_EMOD;
	if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC))
		return IND_CC_EMOJI;
	if (u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR))
		return IND_CC_REGIONAL;
	if (c == 0x200D)
		return IND_CC_ZWJ;
	if (u_hasBinaryProperty(c, UCHAR_VARIATION_SELECTOR))
		return IND_CC_VS;
	if (c == 0x20E3)
		return IND_CC_KEYCAP;
	if (c >= 0xE0020 && c <= 0xE007F)
		return IND_CC_TAG;
	if (c == 0x2019 || c == 0x02BC)
		return IND_CC_APOS;
	if (u_isUWhiteSpace(c))
		return (c == 0x85 || c == 0x2028 || c == 0x2029) ?
			IND_CC_NEWLINE : IND_CC_SPACE;
	if (is_dropped(c))
		return IND_CC_IGNORE;
	if (u_hasBinaryProperty(c, UCHAR_S_TERM))
		return IND_CC_STOP;
	return fold_letter_like(norm, c, out, outlen);
}

ind_fold_page *
ind_norm_fill_page(ind_norm *norm, uint32_t pageno)
{
	ind_fold_entry entries[256];
	size_t		pool = 0;
	ind_fold_page *page;
	uint32_t	i;

	if (pageno >= IND_FOLD_PAGES)
		norm->env->fail(norm->env->host, IND_FAIL_INTERNAL,
						"code point out of range", NULL);
	for (i = 0; i < 256; i++)
	{
		int			len;

		entries[i].cc = classify(norm, (UChar32) ((pageno << 8) | i),
								 norm->scratch + pool, &len);
		entries[i].len = (uint8_t) len;
		entries[i].off = (uint16_t) pool;
		pool += len;
	}
	page = ind_arena_alloc(&norm->arena, sizeof(ind_fold_page) + pool);
	memcpy(page->e, entries, sizeof(entries));
	memcpy(page->pool, norm->scratch, pool);
	/* publish only when complete: a failure above leaves no half page */
	norm->pages[pageno] = page;
	return page;
}
