/*
 * test_tokenize.c
 *	  Token boundaries, types, spans and flags.
 */
#include "unit.h"

#include <stdlib.h>

static void
test_words_and_punctuation(void)
{
	CHECK_STR(u_tokens("Found a hotel key-card."),
			  "word:found word:a word:hotel word:key punct:- word:card stop:.");
	CHECK_STR(u_tokens("$800 cash"), "punct:$ number:800 word:cash");
	CHECK_STR(u_tokens("Wait... what?!"), "word:wait punct:... word:what stop:?!");
	CHECK_STR(u_tokens("a;b"), "word:a stop:; word:b");
}

static void
test_paragraphs(void)
{
	CHECK_STR(u_tokens("one\ntwo"), "word:one word:two");
	CHECK_STR(u_tokens("one\r\n\r\ntwo"), "word:one paragraph:\r\n\r\n word:two");
}

static void
test_leet_words(void)
{
	ind_tokenizer t;
	ind_token	tok;

	CHECK_STR(u_tokens("ca$h l1fe $ugar e@sy"), "word:ca$h word:l1fe word:$ugar word:e@sy");
	/* $ and @ away from letters are punctuation */
	CHECK_STR(u_tokens("$ 5 @ 9"), "punct:$ number:5 punct:@ number:9");

	ind_tok_begin(&t, &u_env, u_norm, (const uint8_t *) "l1fe 4th 800", 12, false, false);
	CHECK(ind_tok_next(&t, &tok));
	CHECK(tok.flags & IND_TOKF_LEET);
	CHECK(ind_tok_next(&t, &tok));
	CHECK(ind_tok_next(&t, &tok));
	CHECK(tok.flags & IND_TOKF_LEET);	/* 4th: letters and digits */
	CHECK(ind_tok_next(&t, &tok));
	CHECK(ind_tok_next(&t, &tok));
	CHECK_INT(tok.type, IND_TOK_NUMBER);
	CHECK(!(tok.flags & IND_TOKF_LEET));
}

static void
test_spaced_letters(void)
{
	CHECK_STR(u_tokens("t r i c k"), "word:trick");
	CHECK_STR(u_tokens("T R I C K S now"), "word:tricks word:now");
	CHECK_STR(u_tokens("t.r.i.c.k"), "word:trick");
	CHECK_STR(u_tokens("t. r. i. c. k."), "word:trick stop:.");
	CHECK_STR(u_tokens("T-R-I-C-K"), "word:trick");
	CHECK_STR(u_tokens("t_r_1_c_k"), "word:tr1ck");
	/* two letters are not enough; mixed separators do not join */
	CHECK_STR(u_tokens("a b cab"), "word:a word:b word:cab");
	CHECK_STR(u_tokens("t r.i c"), "word:t word:r stop:. word:i word:c");
}

static void
test_emoji_tokens(void)
{
	CHECK_STR(u_tokens("ok👍🏽 🌹🌹"), "word:ok emoji:👍 emoji:🌹 emoji:🌹");
	CHECK_STR(u_tokens("✈️✈"), "emoji:✈ emoji:✈");
	CHECK_STR(u_tokens("#️⃣ 5⃣"), "emoji:#⃣ emoji:5⃣");
	CHECK_STR(u_tokens("🇺🇸🇨🇦"), "emoji:🇺🇸 emoji:🇨🇦");
	CHECK_STR(u_tokens("👨‍👩‍👧 family"), "emoji:👨👩👧 word:family");
	CHECK_STR(u_tokens("🏳️‍🌈"), "emoji:🏳🌈");
	/* a digit followed by a keycap mark is an emoji, the rest a number */
	CHECK_STR(u_tokens("12⃣"), "number:1 emoji:2⃣");
}

static void
test_spans(void)
{
	const char *s = "🌹 José's 4th";
	ind_tokenizer t;
	ind_token	tok;

	ind_tok_begin(&t, &u_env, u_norm, (const uint8_t *) s, strlen(s), false, false);
	CHECK(ind_tok_next(&t, &tok));
	CHECK_INT(tok.cstart, 0);
	CHECK_INT(tok.cend, 1);
	CHECK_INT(tok.end, 4);
	CHECK(ind_tok_next(&t, &tok));	/* space */
	CHECK(ind_tok_next(&t, &tok));
	CHECK_INT(tok.cstart, 2);
	CHECK_INT(tok.cend, 8);		/* José's: 6 characters */
	CHECK_INT(tok.start, 5);
	CHECK_INT(tok.end, 12);
	CHECK_INT(tok.keylen, 4);	/* "jose" */
	CHECK(ind_tok_next(&t, &tok));
	CHECK(ind_tok_next(&t, &tok));
	CHECK_INT(tok.cstart, 9);
	CHECK_INT(tok.cend, 12);
	CHECK(!ind_tok_next(&t, &tok));

	/* byte positions (SQL_ASCII): every byte counts */
	ind_tok_begin(&t, &u_env, u_norm, (const uint8_t *) s, strlen(s), true, false);
	CHECK(ind_tok_next(&t, &tok));
	CHECK_INT(tok.cend, 4);
	CHECK(ind_tok_next(&t, &tok));
	CHECK(ind_tok_next(&t, &tok));
	CHECK_INT(tok.cstart, 5);
	CHECK_INT(tok.cend, 12);
}

static void
test_bad_bytes(void)
{
	/* invalid UTF-8: one punctuation token per byte, nothing lost */
	CHECK_STR(u_tokens("a\xff\xfe" "b"), "word:a punct:\xff punct:\xfe word:b");
	CHECK_STR(u_tokens("\xe2\x82"), "punct:\xe2 punct:\x82");	/* truncated */
	CHECK_STR(u_tokens("\xed\xa0\x80"), "punct:\xed punct:\xa0 punct:\x80");	/* surrogate */
	CHECK_STR(u_tokens("\x01\x02x"), "punct:\x01 punct:\x02 word:x");
	/* marks with nothing to attach to */
	CHECK_STR(u_tokens("\xcc\x81\xcc\x81"), "punct:\xcc\x81\xcc\x81");
}

static void
test_coverage(void)
{
	/* tokens tile the text: each starts where the last ended */
	const char *s = "She said 'the l i f e' 🌹🌹 $200. ca$h!! \xff ok\xe2\x80\x8d";
	ind_tokenizer t;
	ind_token	tok;
	size_t		at = 0,
				cat = 0;

	ind_tok_begin(&t, &u_env, u_norm, (const uint8_t *) s, strlen(s), false, false);
	while (ind_tok_next(&t, &tok))
	{
		CHECK_INT(tok.start, at);
		CHECK_INT(tok.cstart, cat);
		CHECK(tok.end > tok.start);
		at = tok.end;
		cat = tok.cend;
	}
	CHECK_INT(at, strlen(s));
}

static void
test_interrupts(void)
{
	/* a long run of letters still gives the host a chance to cancel */
	size_t		n = 10 * IND_INTERRUPT_BYTES;
	char	   *s = malloc(n);
	ind_tokenizer t;
	ind_token	tok;
	long		before = u_host.interrupts;

	memset(s, 'a', n);
	ind_tok_begin(&t, &u_env, u_norm, (const uint8_t *) s, n, false, false);
	CHECK(ind_tok_next(&t, &tok));
	CHECK_INT(tok.end, n);
	CHECK(tok.flags & IND_TOKF_TRUNCATED);
	CHECK_INT(tok.keylen, IND_KEY_MAX);
	CHECK(u_host.interrupts - before >= 9);
	/* "a a a a ...": one spaced-out word, polled as it is joined */
	for (size_t i = 0; i < n; i++)
		s[i] = (i % 2) ? ' ' : 'a';
	before = u_host.interrupts;
	ind_tok_begin(&t, &u_env, u_norm, (const uint8_t *) s, n - 1, false, false);
	CHECK(ind_tok_next(&t, &tok));
	CHECK(tok.flags & IND_TOKF_SPACED);
	CHECK_INT(tok.end, n - 1);
	CHECK(u_host.interrupts - before >= 9);
	memset(s, ' ', n);
	before = u_host.interrupts;
	ind_tok_begin(&t, &u_env, u_norm, (const uint8_t *) s, n, false, false);
	CHECK(ind_tok_next(&t, &tok));
	CHECK(u_host.interrupts - before >= 9);
	free(s);
}

const unit_test tokenize_tests[] = {
	{"tokenize: words and punctuation", test_words_and_punctuation},
	{"tokenize: paragraphs", test_paragraphs},
	{"tokenize: leetspeak words", test_leet_words},
	{"tokenize: spaced-out letters", test_spaced_letters},
	{"tokenize: emoji sequences", test_emoji_tokens},
	{"tokenize: byte and character spans", test_spans},
	{"tokenize: invalid and control bytes", test_bad_bytes},
	{"tokenize: tokens cover the text", test_coverage},
	{"tokenize: long input polls for interrupts", test_interrupts},
	{NULL, NULL}
};
