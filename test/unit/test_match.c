/*
 * test_match.c
 *	  Terms, phrases, prefixes, leetspeak and positions through the matcher.
 */
#include "unit.h"

static const char *const lines[] = {
	"unexplained_cash\thotel key card",
	"unexplained_cash\tkey card",
	"trafficking_location\thotel",
	"exploitation_slang\tthe life",
	"exploitation_slang\ttrick*",
	"exploitation_slang\t🌹",
	"exploitation_slang\t✈️",
	"abuse_signs\tbruis*",
	"secret_phones\t2nd phone",
	"escort_ads\tskipthegames",
	"controlling_adult\twon't let her talk",
	"controlling_adult\tdaddy",
	NULL
};

static ind_lexicon *
lexicon(void)
{
	static ind_arena arena;

	ind_arena_init(&arena, &u_env, 64 * 1024);
	return u_lexicon(&arena, lines);
}

static void
release(ind_lexicon *lex)
{
	ind_arena_release(lex->arena);
}

static void
test_phrases(void)
{
	ind_lexicon *lex = lexicon();

	/* the contained "key card" of the same indicator is dropped */
	CHECK_STR(u_mentions(lex, "Found a hotel key card"),
			  "hotel key card@9+14 hotel@9+5");
	CHECK_STR(u_mentions(lex, "a key card"), "key card@3+8");
	/* punctuation and one line break between words do not matter */
	CHECK_STR(u_mentions(lex, "hotel key-card"), "hotel key card@1+14 hotel@1+5");
	CHECK_STR(u_mentions(lex, "in \"the\nlife\""), "the life@5+8");
	/* a sentence end or a blank line does */
	CHECK_STR(u_mentions(lex, "the hotel. Key card"), "hotel@5+5 key card@12+8");
	CHECK_STR(u_mentions(lex, "the\n\nlife"), "");
	/* an unknown word between breaks the phrase */
	CHECK_STR(u_mentions(lex, "hotel room key card"), "hotel@1+5 key card@12+8");
	CHECK_STR(u_mentions(lex, "He won't let her talk"), "won't let her talk@4+18");
	release(lex);
}

static void
test_prefixes(void)
{
	ind_lexicon *lex = lexicon();

	CHECK_STR(u_mentions(lex, "bruising on arms"), "bruis*@1+8");
	CHECK_STR(u_mentions(lex, "Bruises."), "bruis*@1+7");
	CHECK_STR(u_mentions(lex, "bru"), "");
	CHECK_STR(u_mentions(lex, "tricks and trick"), "trick*@1+6 trick*@12+5");
	release(lex);
}

static void
test_stems(void)
{
	static const char *const stem_lines[] = {
		"abuse_signs\t(punch~|kick~) her",
		"abuse_signs\tcry~",
		"abuse_signs\tdie~",
		"runs_away\trun~ away",
		"runs_away\trun* off",
		NULL
	};
	ind_arena	arena;
	ind_lexicon *lex;

	ind_arena_init(&arena, &u_env, 64 * 1024);
	lex = u_lexicon(&arena, stem_lines);
	CHECK_STR(u_mentions(lex, "He punched her, punches her, PUNCHING HER."),
			  "(punch~|kick~) her@4+11 (punch~|kick~) her@17+11 (punch~|kick~) her@30+12");
	/* a stem word, not a prefix: "punchy" has the stem "punchi" */
	CHECK_STR(u_mentions(lex, "punchy her, kickoff her, punch-her"), "(punch~|kick~) her@26+9");
	/* the stem's last letter rewritten (y to i), an irregular form */
	CHECK_STR(u_mentions(lex, "cry cries cried crying crier"),
			  "cry~@1+3 cry~@5+5 cry~@11+5 cry~@17+6");
	CHECK_STR(u_mentions(lex, "dying dies died dyed"), "die~@1+5 die~@7+4 die~@12+4");
	/* a stem word with a prefix word on the same letters */
	CHECK_STR(u_mentions(lex, "runs away, running off, ran away"),
			  "run~ away@1+9 run* off@12+11");
	/* non-ASCII words go through the tokenizer, folded first */
	CHECK_STR(u_mentions(lex, "Crïes, ＣＲＹＩＮＧ"), "cry~@1+5 cry~@8+6");
	ind_arena_release(&arena);
}

static void
test_obfuscation(void)
{
	ind_lexicon *lex = lexicon();

	CHECK_STR(u_mentions(lex, "in the l i f e now"), "the life@4+11");
	CHECK_STR(u_mentions(lex, "T.H.E L.I.F.E"), "the life@1+13");
	CHECK_STR(u_mentions(lex, "the l1fe"), "the life@1+8");
	CHECK_STR(u_mentions(lex, "tr1ck$"), "trick*@1+6");
	CHECK_STR(u_mentions(lex, "ｔｈｅ ｌｉｆｅ"), "the life@1+8");
	CHECK_STR(u_mentions(lex, "h\xd0\xbet\xd0\xb5l"), "hotel@1+5");
	CHECK_STR(u_mentions(lex, "sk1pth3gam3s"), "skipthegames@1+12");
	/* a word with digits is looked up as written before any leet reading */
	CHECK_STR(u_mentions(lex, "a 2nd phone"), "2nd phone@3+9");
	release(lex);
}

static void
test_emoji(void)
{
	ind_lexicon *lex = lexicon();

	CHECK_STR(u_mentions(lex, "💵 🌹🌹 for an hour"), "🌹@3+1 🌹@4+1");
	/* with and without the variation selector, either way round */
	CHECK_STR(u_mentions(lex, "✈ ✈️"), "✈️@1+1 ✈️@3+2");
	/* glued to a word */
	CHECK_STR(u_mentions(lex, "roses🌹"), "🌹@6+1");
	release(lex);
}

static void
test_positions_after_multibyte(void)
{
	ind_lexicon *lex = lexicon();

	CHECK_STR(u_mentions(lex, "José found a hotel"), "hotel@14+5");
	CHECK_STR(u_mentions(lex, "👩‍👧 🇺🇸 hotel"), "hotel@8+5");
	CHECK_STR(u_mentions(lex, "東京 daddy's"), "daddy@4+7");
	release(lex);
}

static void
test_possessive(void)
{
	ind_lexicon *lex = lexicon();

	CHECK_STR(u_mentions(lex, "Daddy's rules"), "daddy@1+7");
	CHECK_STR(u_mentions(lex, "daddys"), "");
	release(lex);
}

typedef struct parse_arg
{
	const char *term;
	const char *key;
} parse_arg;

/* outside parse(), so that it can be released after a failure jumps out */
static ind_arena parse_arena;

static void
parse(void *arg)
{
	parse_arg  *p = arg;
	ind_tokenizer t;
	ind_term_words w;
	size_t		len;

	ind_term_parse(&u_env, u_norm, &t, &parse_arena, (const uint8_t *) p->term,
				   strlen(p->term), &w);
	snprintf(u_host.message, sizeof(u_host.message), "%s",
			 ind_term_key(&parse_arena, &w, &len));
}

static const char *
term_key(const char *term)
{
	static char buf[512];
	parse_arg	p = {term, NULL};

	ind_arena_init(&parse_arena, &u_env, 4096);
	if (u_fails(parse, &p))
		snprintf(buf, sizeof(buf), "ERROR: %s", u_host.message);
	else
		snprintf(buf, sizeof(buf), "%s", u_host.message);
	ind_arena_release(&parse_arena);
	return buf;
}

static void
test_term_keys(void)
{
	CHECK_STR(term_key("Hotel Key-Card"), "hotel key card");
	CHECK_STR(term_key("  bruis*  "), "bruis*");
	CHECK_STR(term_key("✈️"), "✈");
	CHECK_STR(term_key("won't let her talk"), "wont let her talk");
	CHECK_STR(term_key("🌹 🌹"), "🌹 🌹");
}

static void
test_bad_terms(void)
{
	CHECK_STR(term_key(""), "ERROR: term is empty");
	CHECK_STR(term_key(" \t "), "ERROR: term is empty");
	CHECK_STR(term_key("..."), "ERROR: term \"...\" has no words, numbers or emoji after normalization");
	CHECK_STR(term_key("\xcc\x81\xcc\x81"), "ERROR: term \"\xcc\x81\xcc\x81\" has no words, numbers or emoji after normalization");
	CHECK_STR(term_key("\xe2\x80\x8b"), "ERROR: term \"\xe2\x80\x8b\" has no words, numbers or emoji after normalization");
	CHECK_STR(term_key("hotel. key"), "ERROR: term \"hotel. key\" contains sentence punctuation");
	CHECK_STR(term_key("ab*"), "ERROR: term \"ab*\" has a prefix that is too short");
	CHECK_STR(term_key("* abc"), "ERROR: term \"* abc\" has a '*' that does not end a word");
	CHECK_STR(term_key("a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g"),
			  "ERROR: term \"a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g\" has too many words");
	CHECK(u_host.kind == IND_FAIL_INPUT);
	{
		/* 257 bytes: too long, whatever its words (the message shows 200) */
		char		longterm[258],
					want[300];

		memset(longterm, 'a', 257);
		longterm[257] = 0;
		snprintf(want, sizeof(want), "ERROR: term \"%.200s...\" is too long", longterm);
		CHECK_STR(term_key(longterm), want);
		longterm[256] = 0;		/* 256 bytes: taken */
		CHECK_STR(term_key(longterm), longterm);
	}
}

typedef struct stop_arg
{
	int			seen;
} stop_arg;

static bool
stop_at_first(void *arg, const ind_mention *m)
{
	(void) m;
	((stop_arg *) arg)->seen++;
	return false;
}

static void
test_early_stop(void)
{
	ind_lexicon *lex = lexicon();
	ind_scanner *sc = ind_scanner_create(&u_env, u_norm, lex->arena);
	stop_arg	a = {0};
	const char *s = "hotel hotel hotel";

	CHECK(!ind_scan(sc, lex, (const uint8_t *) s, strlen(s), false, stop_at_first, &a));
	CHECK_INT(a.seen, 1);
	release(lex);
}

static void
test_empty_lexicon(void)
{
	static const char *const none[] = {NULL};
	ind_arena	arena;
	ind_lexicon *lex;

	ind_arena_init(&arena, &u_env, 4096);
	lex = u_lexicon(&arena, none);
	CHECK_STR(u_mentions(lex, "hotel key card"), "");
	ind_arena_release(&arena);
}

const unit_test match_tests[] = {
	{"match: phrases", test_phrases},
	{"match: prefixes", test_prefixes},
	{"match: stem words", test_stems},
	{"match: obfuscated spellings", test_obfuscation},
	{"match: emoji", test_emoji},
	{"match: positions after multi-byte text", test_positions_after_multibyte},
	{"match: possessive 's", test_possessive},
	{"match: term keys", test_term_keys},
	{"match: bad terms are refused", test_bad_terms},
	{"match: the callback can stop a scan", test_early_stop},
	{"match: empty lexicon", test_empty_lexicon},
	{NULL, NULL}
};
