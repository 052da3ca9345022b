/*
 * test_confusables.c
 *	  ICU's confusables data (UTS #39, uspoof) as the judge of look-alike
 *	  folding: every letter or digit in Unicode whose skeleton is the
 *	  skeleton of an ASCII letter or digit must get a key that is one of
 *	  the ASCII characters with that skeleton ("Ι", "ǀ" and "1" all look
 *	  like "l": any of i, l, 1 passes).
 *
 * The check walks all of Unicode; it is the slowest unit test (~1 s).
 */
#include "unit.h"

#include <stdlib.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/utf16.h>

typedef struct ascii_class
{
	UChar		skel[8];
	int32_t		len;
	char		accept[64];		/* ASCII keys that count as right */
} ascii_class;

static int32_t
skeleton_of(USpoofChecker *sc, UChar32 c, UChar *out)
{
	UChar		in[2];
	int32_t		n = 0;
	UErrorCode	status = U_ZERO_ERROR;
	int32_t		m;

	U16_APPEND_UNSAFE(in, n, c);
	m = uspoof_getSkeleton(sc, 0, in, n, out, 8, &status);
	return U_FAILURE(status) ? -1 : m;
}

static void
test_confusable_letters(void)
{
	UErrorCode	status = U_ZERO_ERROR;
	USpoofChecker *sc = uspoof_open(&status);
	ascii_class classes[62];
	int			nclasses = 0,
				i;
	UChar32		c;
	long		checked = 0,
				wrong = 0;
	ind_tokenizer *t = malloc(sizeof(ind_tokenizer));

	const UNormalizer2 *nfkc_cf = unorm2_getNFKCCasefoldInstance(&status);

	CHECK(U_SUCCESS(status));
	/* the classes of a-z, A-Z, 0-9 */
	for (i = 0; i < 62; i++)
	{
		char		x = i < 26 ? (char) ('a' + i) : i < 52 ? (char) ('A' + i - 26) : (char) ('0' + i - 52);
		char		key = (x >= 'A' && x <= 'Z') ? (char) (x - 'A' + 'a') : x;
		UChar		sk[8];
		int32_t		n = skeleton_of(sc, x, sk),
					k;

		for (k = 0; k < nclasses; k++)
			if (classes[k].len == n && memcmp(classes[k].skel, sk, n * sizeof(UChar)) == 0)
				break;
		if (k == nclasses)
		{
			memcpy(classes[k].skel, sk, sizeof(sk));
			classes[k].len = n;
			classes[k].accept[0] = 0;
			nclasses++;
		}
		if (strchr(classes[k].accept, key) == NULL)
		{
			size_t		l = strlen(classes[k].accept);

			classes[k].accept[l] = key;
			classes[k].accept[l + 1] = 0;
		}
	}

	for (c = 0x80; c <= 0x10FFFF; c++)
	{
		int8_t		gc;
		UChar		sk[8];
		int32_t		n;
		int			k;
		char		text[5];
		int32_t		tl = 0;
		UBool		err = false;
		ind_token	tok;
		char		accept_nfkc = 0;

		if (U_IS_SURROGATE(c))
			continue;
		gc = u_charType(c);
		if (!(U_MASK(gc) & (U_GC_L_MASK | U_GC_N_MASK)) ||
			u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC))
			continue;
		n = skeleton_of(sc, c, sk);
		if (n <= 0)
			continue;
		for (k = 0; k < nclasses; k++)
			if (classes[k].len == n && memcmp(classes[k].skel, sk, n * sizeof(UChar)) == 0)
				break;
		if (k == nclasses)
			continue;
		/* a decimal digit of another script is its value ("٥" is 5) */
		if (u_isdigit(c))
			accept_nfkc = (char) ('0' + u_charDigitValue(c));
		/* NFKC comes first: a character NFKC makes ASCII keeps that ("ſ" is s) */
		{
			UChar		in[2],
						out[16];
			int32_t		il = 0,
						ol;
			UErrorCode	st = U_ZERO_ERROR;

			U16_APPEND_UNSAFE(in, il, c);
			ol = unorm2_normalize(nfkc_cf, in, il, out, 16, &st);
			if (U_FAILURE(st) || ol != 1 || !u_isalnum(out[0]) ||
				U16_IS_SURROGATE(out[0]))
			{
				/* folds to several characters, or to none: no one answer */
				if (U_FAILURE(st) || ol == 0 || ol > 2 || (ol == 2 && !U16_IS_LEAD(out[0])))
					continue;
			}
			else if (out[0] < 0x80)
			{
				accept_nfkc = (char) out[0];
			}
		}
		checked++;
		U8_APPEND((uint8_t *) text, tl, 4, c, err);
		ind_tok_begin(t, &u_env, u_norm, (const uint8_t *) text, (size_t) tl, false, false);
		if (!ind_tok_next(t, &tok) || tok.keylen != 1 ||
			(strchr(classes[k].accept, tok.key[0]) == NULL && tok.key[0] != accept_nfkc))
		{
			if (wrong++ < 15)
				fprintf(stderr, "  U+%04X %s: key \"%.*s\", want one of \"%s\"\n",
						(unsigned) c, text, (int) tok.keylen, (const char *) tok.key,
						classes[k].accept);
		}
	}
	printf("# confusables: %ld look-alikes of ASCII letters and digits, %ld folded wrongly\n",
		   checked, wrong);
	CHECK(checked > 500);
	CHECK_INT(wrong, 0);
	uspoof_close(sc);
	free(t);
}

const unit_test confusable_tests[] = {
	{"confusables: look-alikes of ASCII letters fold to them", test_confusable_letters},
	{NULL, NULL}
};
