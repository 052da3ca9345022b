/*
 * test_pattern.c
 *	  Patterns in the lexicon (pattern.c): the phrases a pattern stands for,
 *	  its key, every refusal, and matching with them.
 */
#include "unit.h"

#include "../../src/pattern.h"

#include <stdlib.h>

typedef struct forms_arg
{
	const char *text;
	char		out[8192];
	size_t		len;
} forms_arg;

static ind_arena p_arena;

static void
one_form(void *arg, const ind_term_words *w)
{
	forms_arg  *f = arg;
	size_t		keylen;
	const char *key = ind_term_key(&p_arena, w, &keylen);

	if (f->len < sizeof(f->out))
		f->len += (size_t) snprintf(f->out + f->len, sizeof(f->out) - f->len, "%s%s",
									f->len ? " / " : "", key);
}

static void
run_forms(void *arg)
{
	forms_arg  *f = arg;
	ind_tokenizer t;

	ind_pattern_forms(&u_env, u_norm, &t, &p_arena, (const uint8_t *) f->text,
					  strlen(f->text), NULL, NULL, one_form, f);
}

/* fn over text: what it wrote in out, or "ERROR: message" */
static const char *
run(const char *text, void (*fn) (void *))
{
	static forms_arg f;

	memset(&f, 0, sizeof(f));
	f.text = text;
	ind_arena_init(&p_arena, &u_env, 4096);
	if (u_fails(fn, &f))
		snprintf(f.out, sizeof(f.out), "ERROR: %s", u_host.message);
	ind_arena_release(&p_arena);
	return f.out;
}

static void
run_key(void *arg)
{
	forms_arg  *f = arg;
	ind_tokenizer t;
	size_t		len;

	snprintf(f->out, sizeof(f->out), "%s",
			 ind_pattern_key(&u_env, u_norm, &t, &p_arena, (const uint8_t *) f->text,
							 strlen(f->text), &len));
}

/* the phrases of a pattern, keys joined by " / " */
static const char *
forms(const char *text)
{
	return run(text, run_forms);
}

/* the key of a pattern */
static const char *
key(const char *text)
{
	return run(text, run_key);
}

static void
test_forms(void)
{
	CHECK_STR(forms("hotel key card"), "hotel key card");
	CHECK_STR(forms("(found|located) at a motel"), "found at a motel / located at a motel");
	CHECK_STR(forms("found at [a|the] motel"), "found at a motel / found at the motel / found at motel");
	CHECK_STR(forms("(Motel|MOTEL|motel)"), "motel");	/* one phrase per key */
	CHECK_STR(forms("[her] (new|second) phone*"),
			  "her new phone* / her second phone* / new phone* / second phone*");
	CHECK_STR(forms("(roadside inn|truck stop)"), "roadside inn / truck stop");
	CHECK_STR(forms("(a|b)(c|d)"), "a c / a d / b c / b d");
	/* 4 x 4 x 4 x 4 x 4 = 1024 phrases: the most a pattern may stand for */
	CHECK(strstr(forms("(a|b|c|d) (e|f|g|h) (i|j|k|l) (m|n|o|p) (q|r|s|t)"), "ERROR") == NULL);
}

static void
test_keys(void)
{
	CHECK_STR(key("Found at (A|the) [cheap|Roadside] (Motel|inn)"),
			  "found at (a|the) [cheap|roadside] (motel|inn)");
	CHECK_STR(key("Hotel Key-Card"), "hotel key card");	/* a phrase: as before */
	CHECK_STR(key("(key-card|room key)"), "(key card|room key)");
	CHECK_STR(key("[won't] (let|allow) her"), "[wont] (let|allow) her");
	CHECK_STR(key("(Found|located) AT <lodging_2>"), "(found|located) at <lodging_2>");
	/* checked with a class word as long as one may be: 4 words, 64 bytes */
	CHECK_STR(forms("at <lodging>"),
			  "at xxxxxxxxxxxxxxx xxxxxxxxxxxxxxx xxxxxxxxxxxxxxx xxxxxxxxxxxxxxxx");
}

static void
test_bad_patterns(void)
{
	CHECK_STR(forms("found (at|in"),
			  "ERROR: term \"found (at|in\" has a group that is not closed at byte 12");
	CHECK_STR(forms("found | at"), "ERROR: term \"found | at\" has a '|' outside a group at byte 7");
	CHECK_STR(forms("found at) a"), "ERROR: term \"found at) a\" closes a group that was not opened at byte 9");
	CHECK_STR(forms("(a|b (c|d))"), "ERROR: term \"(a|b (c|d))\" has a group inside a group at byte 6");
	CHECK_STR(forms("(a] c"), "ERROR: term \"(a] c\" closes a group with the other bracket at byte 3");
	CHECK_STR(forms("(a||b) c"), "ERROR: term \"(a||b) c\" has an empty alternative at byte 4");
	CHECK_STR(forms("( ) c"), "ERROR: term \"( ) c\" has an empty alternative at byte 3");
	CHECK_STR(forms("[a|the]"), "ERROR: term \"[a|the]\" can stand for no words at all");
	CHECK_STR(forms("[a] [the]"), "ERROR: term \"[a] [the]\" can stand for no words at all");
	CHECK_STR(forms("(a|b|c|d) (e|f|g|h) (i|j|k|l) (m|n|o|p) (q|r|s|t) (u|v)"),
			  "ERROR: term \"(a|b|c|d) (e|f|g|h) (i|j|k|l) (m|n|o|p) (q|r|s|t) (u|v)\" stands for too many phrases");
	CHECK(strstr(u_host.detail, "at most 1024 phrases") != NULL);
	/* word classes: <name>, a group of its own */
	CHECK_STR(forms("at <Lodging>"), "ERROR: term \"at <Lodging>\" has a word class name that is not one at byte 4");
	CHECK_STR(forms("at <lodging"), "ERROR: term \"at <lodging\" has a word class name that is not one at byte 4");
	CHECK_STR(forms("at <>"), "ERROR: term \"at <>\" has a word class name that is not one at byte 4");
	CHECK_STR(forms("at lodging>"), "ERROR: term \"at lodging>\" closes a word class that was not opened at byte 11");
	CHECK_STR(forms("(at|in <lodging>)"), "ERROR: term \"(at|in <lodging>)\" has a word class inside a group at byte 8");
	CHECK_STR(forms("<a> <b> <c> <d> <e>"), "ERROR: term \"<a> <b> <c> <d> <e>\" has too many word classes at byte 17");
	CHECK(u_host.kind == IND_FAIL_INPUT);
	/* each phrase follows the rules of a phrase */
	CHECK_STR(forms("(hotel|motel). key"),
			  "ERROR: term \"hotel . key\" contains sentence punctuation");
	CHECK_STR(forms("(ab*|motel)"), "ERROR: term \"ab*\" has a prefix that is too short");
	CHECK_STR(forms(""), "ERROR: term is empty");
	{
		/* 257 bytes: too long, as a phrase would be */
		char		longterm[258];

		memset(longterm, 'a', 257);
		longterm[0] = '(';
		longterm[2] = '|';
		longterm[4] = ')';
		longterm[257] = 0;
		CHECK(strstr(forms(longterm), "is too long") != NULL);
	}
}

static void
test_pattern_matching(void)
{
	/* a pattern's phrases are one term: its text, its spans exact */
	static const char *const lines[] = {
		"trafficking_location\t(found|located|recovered) at (a|the) [cheap] (motel|roadside inn)",
		"secret_phones\t[a] (second|burner) (phone|cell)",
		NULL
	};
	ind_arena	arena;
	ind_lexicon *lex;

	ind_arena_init(&arena, &u_env, 16 * 1024);
	lex = u_lexicon(&arena, lines);
	CHECK_STR(u_mentions(lex, "Y was located at a roadside inn, then recovered at the cheap motel."),
			  "(found|located|recovered) at (a|the) [cheap] (motel|roadside inn)@7+25 "
			  "(found|located|recovered) at (a|the) [cheap] (motel|roadside inn)@39+28");
	CHECK_STR(u_mentions(lex, "found at motel"), "");	/* no article: not a phrase of it */
	/* the longer phrase of the same term is the mention ("a second phone", not "second phone") */
	CHECK_STR(u_mentions(lex, "She had a second phone and a burner cell."),
			  "[a] (second|burner) (phone|cell)@9+14 [a] (second|burner) (phone|cell)@28+13");
	ind_arena_release(&arena);
}

static void
test_word_classes(void)
{
	ind_arena	arena;
	ind_lexicon *lex;
	int32_t		ind,
				got;

	ind_arena_init(&arena, &u_env, 16 * 1024);
	lex = ind_lex_create(&u_env, u_norm, &arena);
	ind = ind_lex_add_indicator(lex, "trafficking_location", 0);
	ind_lex_add_class_word(lex, "lodging", 7, "motel", 5);
	ind_lex_add_class_word(lex, "lodging", 7, "truck stop", 10);
	ind_lex_add_class_word(lex, "lodging", 7, "inn*", 4);
	ind_lex_add_class_word(lex, "big", 3, "a", 1);
	ind_lex_add_class_word(lex, "big", 3, "b", 1);
	ind_lex_add_class_word(lex, "big", 3, "c", 1);
	ind_lex_add_class_word(lex, "big", 3, "d", 1);
	ind_lex_add_term(lex, 1, ind, "(found|located) at (a|the) <lodging>", 36);
	/* a class with no words, too many phrases: left out, saying why */
	got = ind_lex_add_term(lex, 2, ind, "at a <none>", 11);
	CHECK(got == -1);
	CHECK_STR(lex->left_out, "uses a word class that has no enabled words");
	got = ind_lex_add_term(lex, 3, ind, "<big> <big> <big> <big> (e|f|g|h|i)", 35);
	CHECK(got == -1);
	CHECK_STR(lex->left_out, "stands for too many phrases");
	ind_lex_build(lex);
	CHECK_STR(u_mentions(lex, "Found at a truck stop, located at the Innsbrook, found at motel."),
			  "(found|located) at (a|the) <lodging>@1+21 (found|located) at (a|the) <lodging>@24+24");
	CHECK(lex->nterms == 2 * 2 * 3);
	ind_arena_release(&arena);
}

static void
test_near(void)
{
	static const char *const lines[] = {
		"tattoo_branding\t(tattoo*|inked|branded) ... (his|the pimp's|her pimp's) (name|initials)",
		"tattoo_branding\tcrown ...2 (tattoo*|inked)",
		"trafficking_location\t(found|located) ...> (a|the) motel",
		"runs_away\tran away",
		NULL
	};
	ind_arena	arena;
	ind_lexicon *lex;

	ind_arena_init(&arena, &u_env, 16 * 1024);
	lex = u_lexicon(&arena, lines);
	/* either order, within 4 tokens, the span from one part to the other */
	CHECK_STR(u_mentions(lex, "A tattoo of his initials."),
			  "(tattoo*|inked|branded) ... (his|the pimp's|her pimp's) (name|initials)@3+22");
	CHECK_STR(u_mentions(lex, "His initials are tattooed on her neck."),
			  "(tattoo*|inked|branded) ... (his|the pimp's|her pimp's) (name|initials)@1+25");
	CHECK_STR(u_mentions(lex, "Tattoo on her wrist of his name."),
			  "(tattoo*|inked|branded) ... (his|the pimp's|her pimp's) (name|initials)@1+31");
	/* too far apart, or in another sentence */
	CHECK_STR(u_mentions(lex, "A tattoo on her left wrist and his name."), "");
	CHECK_STR(u_mentions(lex, "She has a tattoo. His name is Dre."), "");
	/* ...2: at most 2 tokens between */
	CHECK_STR(u_mentions(lex, "A crown was inked. A crown on her was inked. Crown freshly inked."),
			  "crown ...2 (tattoo*|inked)@3+15 crown ...2 (tattoo*|inked)@46+19");
	/* ...>: A before B only */
	CHECK_STR(u_mentions(lex, "Found at a motel. A motel key was found."), "(found|located) ...> (a|the) motel@1+16");
	/* the parts alone are no mention; other terms between are */
	CHECK_STR(u_mentions(lex, "tattoo, ran away, initials"), "ran away@9+8");
	CHECK_STR(u_mentions(lex, "tattoo ran away his initials"),
			  "(tattoo*|inked|branded) ... (his|the pimp's|her pimp's) (name|initials)@1+28 ran away@8+8");
	ind_arena_release(&arena);
}

static void
test_bad_near(void)
{
	CHECK_STR(key("Tattoo ... (His|the) Name"), "tattoo ... (his|the) name");
	CHECK_STR(key("crown ...2 tattoo"), "crown ...2 tattoo");
	CHECK_STR(key("crown ...4 tattoo"), "crown ... tattoo");
	CHECK_STR(key("found ...>3 motel"), "found ...>3 motel");
	CHECK_STR(key("found ...>4 motel"), "found ...> motel");
	CHECK_STR(key("a ... b ... c"), "ERROR: term \"a ... b ... c\" has a second \"...\" at byte 9");
	CHECK_STR(key("... b"), "ERROR: term \"... b\" has no words on one side of \"...\" at byte 1");
	CHECK_STR(key("a ...17 b"), "ERROR: term \"a ...17 b\" has a distance out of range after \"...\" at byte 3");
	CHECK_STR(key("a ...0 b"), "ERROR: term \"a ...0 b\" has a distance out of range after \"...\" at byte 3");
}

const unit_test pattern_tests[] = {
	{"patterns: the phrases a pattern stands for", test_forms},
	{"patterns: keys", test_keys},
	{"patterns: every refusal, with where", test_bad_patterns},
	{"patterns: matching, one term per pattern, exact spans", test_pattern_matching},
	{"patterns: word classes, and what they leave out", test_word_classes},
	{"patterns: two parts near each other (A ... B)", test_near},
	{"patterns: keys and refusals of A ... B", test_bad_near},
	{NULL, NULL}
};
