/*
 * test_normalize.c
 *	  Every normalization rule, checked through the keys the tokenizer gives.
 */
#include "unit.h"

static void
test_case_and_width(void)
{
	CHECK_STR(u_keys("The LIFE"), "the life");
	CHECK_STR(u_keys("ｔｈｅ ｌｉｆｅ"), "the life");	/* fullwidth */
	CHECK_STR(u_keys("Ｔｒｉｃｋ"), "trick");
	CHECK_STR(u_keys("STRAßE"), "strasse");	/* full case folding */
	CHECK_STR(u_keys("ﬁve"), "five");	/* ligature */
	CHECK_STR(u_keys("ⓣⓡⓘⓒⓚ"), "trick");	/* circled letters */
}

static void
test_styled_letters(void)
{
	CHECK_STR(u_keys("𝐭𝐫𝐢𝐜𝐤"), "trick");	/* mathematical bold */
	CHECK_STR(u_keys("𝓽𝓻𝓲𝓬𝓴"), "trick");	/* bold script */
	CHECK_STR(u_keys("𝚝𝚑𝚎 𝚐𝚊𝚖𝚎"), "the game");	/* monospace */
	CHECK_STR(u_keys("ɢᴀᴍᴇ"), "game");	/* small capitals */
	CHECK_STR(u_keys("ᴛʀɪᴄᴋ"), "trick");
}

static void
test_diacritics(void)
{
	CHECK_STR(u_keys("café"), "cafe");	/* precomposed */
	CHECK_STR(u_keys("cafe\xcc\x81"), "cafe");	/* e + combining acute */
	CHECK_STR(u_keys("t̶r̶i̶c̶k̶"), "trick");	/* strike-through marks */
	CHECK_STR(u_keys("bløck"), "block");	/* o with stroke: no decomposition */
	CHECK_STR(u_keys("Ångström"), "angstrom");
}

static void
test_lookalikes(void)
{
	/* Cyrillic о and е, Greek ο: look like o, e */
	CHECK_STR(u_keys("h\xd0\xbet\xd0\xb5l"), "hotel");
	CHECK_STR(u_keys("m\xce\xbftel"), "motel");
	/* Cyrillic А, Т (capitals) fold first, then look like a, t */
	CHECK_STR(u_keys("\xd0\x90\xd0\xa2M"), "atm");
}

static void
test_invisible_characters(void)
{
	CHECK_STR(u_keys("tr\xe2\x80\x8bick"), "trick");	/* zero width space */
	CHECK_STR(u_keys("tr\xc2\xadick"), "trick");	/* soft hyphen */
	CHECK_STR(u_keys("tr\xe2\x81\xa0ick"), "trick");	/* word joiner */
	CHECK_STR(u_keys("\xef\xbb\xbftrick"), "trick");	/* BOM before */
}

static void
test_apostrophes(void)
{
	CHECK_STR(u_keys("DADDY'S car"), "daddy car");
	CHECK_STR(u_keys("won’t talk"), "wont talk");	/* right single quote */
	CHECK_STR(u_keys("didn't"), "didnt");
	CHECK_STR(u_keys("'quoted'"), "quoted");
}

static void
test_digits(void)
{
	CHECK_STR(u_keys("٣ phones"), "3 phones");	/* Arabic-Indic digit */
	CHECK_STR(u_keys("𝟐nd phone"), "2nd phone");	/* mathematical digit */
	CHECK_STR(u_keys("1,000 and 3.5"), "1000 and 3.5");
}

static void
test_other_scripts_kept(void)
{
	/* letters with no ASCII look-alike keep their folded form */
	CHECK_STR(u_keys("Ж"), "ж");
	CHECK_STR(u_keys("東京"), "東京");
}

const unit_test normalize_tests[] = {
	{"normalize: case and width", test_case_and_width},
	{"normalize: styled letters", test_styled_letters},
	{"normalize: diacritics", test_diacritics},
	{"normalize: look-alike letters", test_lookalikes},
	{"normalize: invisible characters", test_invisible_characters},
	{"normalize: apostrophes", test_apostrophes},
	{"normalize: digits", test_digits},
	{"normalize: other scripts kept", test_other_scripts_kept},
	{NULL, NULL}
};
