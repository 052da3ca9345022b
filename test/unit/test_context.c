/*
 * test_context.c
 *	  The context rules of context.c, one at a time, on a small lexicon.
 *
 * u_context() renders each term mention as
 *	  text{flags} with flags N (negated), H (hypothetical), P (past),
 *	  O (other person), G (general text), ? (ambiguous, unanchored), B (blocked), + (affirmed),
 *	  and after a colon what set them: N=denies, A=hotel ...
 */
#include "unit.h"

#include "../../src/context.h"

#include <stdlib.h>

typedef struct rule
{
	int			kind;
	const char *text;
	uint8_t		direction;
	int32_t		max_scope;
	int32_t		applies_to;		/* terminator: category bits; anchor/blocker: indicator or -1 */
} rule;

#define F IND_FORWARD
#define B IND_BACKWARD

static const rule rules[] = {
	{IND_NEGATION, "denies", F, 0, 0},
	{IND_NEGATION, "no", F, 0, 0},
	{IND_NEGATION, "no signs of", F, 0, 0},
	{IND_NEGATION, "not", F, 0, 0},
	{IND_NEGATION, "ruled out", B, 5, 0},
	{IND_NEGATION, "none", B, 3, 0},
	{IND_HYPOTHETICAL, "if", F, 0, 0},
	{IND_HYPOTHETICAL, "in case", F, 0, 0},
	{IND_HISTORICAL, "history of", F, 0, 0},
	{IND_HISTORICAL, "prior", F, 2, 0},
	{IND_OTHER_PERSON, "her brother", F, 4, 0},
	{IND_OTHER_PERSON, "mother", F, 4, 0},
	{IND_GENERIC, "warning signs", F | B, 0, 0},
	{IND_GENERIC, "victims often", F, 0, 0},
	{IND_PSEUDO, "not only", 0, 0, 0},
	{IND_PSEUDO, "mother reports", 0, 0, 0},
	{IND_PSEUDO, "did not deny", 0, 0, 0},
	{IND_TERMINATOR, "but", 0, 0, 0},
	{IND_TERMINATOR, "youth", 0, 0, IND_CATEGORY_BIT(IND_OTHER_PERSON)},
	{IND_ANCHOR, "for money", 0, 0, -1},
	{IND_ANCHOR, "money", 0, 0, -1},
	{IND_ANCHOR, "hotel", 0, 0, -1},
	{IND_ANCHOR, "high", 0, 0, 1},		/* drug_use only */
	{IND_BLOCKER, "track practice", 0, 0, -1},
	{IND_BLOCKER, "date of birth", 0, 0, -1},
	{IND_BLOCKER, "the life skills", 0, 0, -1},
	{0, NULL, 0, 0, 0}
};

typedef struct term
{
	int32_t		indicator;
	const char *text;
	bool		ambiguous;
} term;

/* indicators: 0 slang (ignores nothing), 1 drug_use, 2 phones, 3 adult (ignores other_person) */
static const term terms[] = {
	{2, "second phone", false},
	{0, "pimp", false},
	{0, "daddy", true},
	{0, "date", true},
	{0, "track", true},
	{0, "the life", true},
	{1, "molly", true},
	{3, "holds her id", false},
	{4, "no id", false},
	{4, "signs of abuse", false},
	{4, "refused to answer", false},
	{5, "ran away", false},
	{0, "keeps her money", true},
	{0, NULL, false}
};

static ind_arena ctx_arena;

static ind_lexicon *
context_lexicon(void)
{
	ind_lexicon *lex;
	const char *codes[] = {"slang", "drug", "phones", "adult", "id", "runs"};
	int			i;

	ind_arena_init(&ctx_arena, &u_env, 64 * 1024);
	lex = ind_lex_create(&u_env, u_norm, &ctx_arena);
	for (i = 0; i < 6; i++)
		ind_lex_add_indicator(lex, codes[i],
							  i == 3 ? IND_CATEGORY_BIT(IND_OTHER_PERSON) : 0);
	for (i = 0; terms[i].text; i++)
	{
		ind_term	e = {0};

		e.id = i + 1;
		e.kind = IND_TERM;
		e.indicator = terms[i].indicator;
		e.ambiguous = terms[i].ambiguous;
		ind_lex_add(lex, &e, terms[i].text, strlen(terms[i].text));
	}
	for (i = 0; rules[i].text; i++)
	{
		ind_term	e = {0};

		e.id = 1000 + i;
		e.kind = (uint8_t) rules[i].kind;
		e.indicator = -1;
		e.direction = rules[i].direction;
		e.max_scope = rules[i].max_scope;
		e.applies_to = rules[i].applies_to;
		ind_lex_add(lex, &e, rules[i].text, strlen(rules[i].text));
	}
	ind_lex_build(lex);
	return lex;
}

typedef struct events
{
	ind_mention *m;
	size_t		n,
				cap;
} events;

static bool
collect_event(void *arg, const ind_mention *m)
{
	events	   *e = arg;

	if (e->n == e->cap)
	{
		e->cap = e->cap ? 2 * e->cap : 64;
		e->m = realloc(e->m, e->cap * sizeof(ind_mention));
	}
	e->m[e->n++] = *m;
	return true;
}

static char out[4096];

/* the context of every term mention of s, rendered as above */
static const char *
u_context(ind_lexicon *lex, const char *s)
{
	ind_arena	arena;
	ind_scanner *sc;
	events		ev = {0};
	ind_context *ctx;
	size_t		i,
				len = 0;

	ind_arena_init(&arena, &u_env, 16 * 1024);
	sc = ind_scanner_create(&u_env, u_norm, &arena);
	sc->events = true;
	ind_scan(sc, lex, (const uint8_t *) s, strlen(s), false, collect_event, &ev);
	ctx = malloc((ev.n + 1) * sizeof(ind_context));
	ind_context_resolve(sc, lex, ev.m, ev.n, ctx);
	out[0] = 0;
	for (i = 0; i < ev.n; i++)
	{
		const ind_mention *m = &ev.m[i];
		uint16_t	f = ctx[i].flags;
		int			c;
		static const char *const cat = "NHPOG";	/* a letter per category */

		_Static_assert(IND_NCATEGORIES == 5, "u_context() needs a letter for each category");

		if (m->term < 0 || lex->terms[m->term].kind != IND_TERM)
			continue;
		len += snprintf(out + len, sizeof(out) - len, "%s%.*s{", len ? " " : "",
						(int) (m->end - m->start), s + m->start);
		for (c = 0; c < IND_NCATEGORIES; c++)
			if (f & (1 << c))
				len += snprintf(out + len, sizeof(out) - len, "%c", cat[c]);
		if ((f & IND_CTX_AMBIGUOUS) && !(f & IND_CTX_ANCHORED) && !(f & IND_CTX_BLOCKED))
			len += snprintf(out + len, sizeof(out) - len, "?");
		if (f & IND_CTX_BLOCKED)
			len += snprintf(out + len, sizeof(out) - len, "B");
		if (f & IND_CTX_AFFIRMED)
			len += snprintf(out + len, sizeof(out) - len, "+");
		for (c = 0; c < IND_NCATEGORIES; c++)
			if (ctx[i].by[c] >= 0)
			{
				const ind_mention *t = &ev.m[ctx[i].by[c]];

				len += snprintf(out + len, sizeof(out) - len, ":%c=%.*s", cat[c],
								(int) (t->end - t->start), s + t->start);
			}
		if (ctx[i].anchor >= 0)
		{
			const ind_mention *a = &ev.m[ctx[i].anchor];

			len += snprintf(out + len, sizeof(out) - len, ":A=%.*s",
							(int) (a->end - a->start), s + a->start);
		}
		if (ctx[i].blocker >= 0)
		{
			const ind_mention *b = &ev.m[ctx[i].blocker];

			len += snprintf(out + len, sizeof(out) - len, ":B=%.*s",
							(int) (b->end - b->start), s + b->start);
		}
		len += snprintf(out + len, sizeof(out) - len, "}");
	}
	free(ev.m);
	free(ctx);
	ind_arena_release(&arena);
	return out;
}

static void
test_negation_scope(void)
{
	ind_lexicon *lex = context_lexicon();

	CHECK_STR(u_context(lex, "Youth denies having a second phone."),
			  "second phone{N:N=denies}");
	CHECK_STR(u_context(lex, "She has a second phone."), "second phone{+}");
	/* the sentence ends the scope */
	CHECK_STR(u_context(lex, "Youth denies drugs. She has a second phone."),
			  "second phone{+}");
	/* a terminator ends it */
	CHECK_STR(u_context(lex, "Youth denies drugs but has a second phone."),
			  "second phone{+}");
	/* backward triggers, with their scope */
	CHECK_STR(u_context(lex, "A second phone was ruled out."),
			  "second phone{N:N=ruled out}");
	CHECK_STR(u_context(lex, "Second phone: none."), "Second phone{N:N=none}");
	CHECK_STR(u_context(lex, "Second phone in the car with her cousin and aunt, none."),
			  "Second phone{+}");
	/* two mentions, a trigger between them */
	CHECK_STR(u_context(lex, "She ran away and denies a second phone."),
			  "ran away{+} second phone{N:N=denies}");
	ind_arena_release(&ctx_arena);
}

static void
test_longest_and_pseudo(void)
{
	ind_lexicon *lex = context_lexicon();

	/* "no signs of" wins over "no", and applies to "signs of abuse" */
	CHECK_STR(u_context(lex, "No signs of abuse were observed."),
			  "signs of abuse{N:N=No signs of}");
	/* pseudo-triggers cancel the triggers inside them */
	CHECK_STR(u_context(lex, "Not only a second phone but also a pimp."),
			  "second phone{+} pimp{+}");
	CHECK_STR(u_context(lex, "She did not deny the second phone."),
			  "second phone{+}");
	ind_arena_release(&ctx_arena);
}

static void
test_negative_wording(void)
{
	ind_lexicon *lex = context_lexicon();

	/* a trigger inside the term is the term's own word */
	CHECK_STR(u_context(lex, "Youth has no ID."), "no ID{+}");
	CHECK_STR(u_context(lex, "She refused to answer."), "refused to answer{+}");
	/* and still ends an earlier negation's scope */
	CHECK_STR(u_context(lex, "No bruises, no ID."), "no ID{+}");
	/* and so an earlier negation does not reach past it: as in NegEx, a
	 * scope ends at the next trigger of its category ("No phone, no ID" is
	 * far commoner in notes than a double negative) */
	CHECK_STR(u_context(lex, "Youth denies that she has no ID."), "no ID{+}");
	ind_arena_release(&ctx_arena);
}

static void
test_other_categories(void)
{
	ind_lexicon *lex = context_lexicon();

	CHECK_STR(u_context(lex, "If she ran away again, call."), "ran away{H:H=If}");
	CHECK_STR(u_context(lex, "Safety planned in case she ran away."),
			  "ran away{H:H=in case}");
	CHECK_STR(u_context(lex, "History of ran away from placement."),
			  "ran away{P+:P=History of}");
	/* max_scope: "prior" reaches two tokens */
	CHECK_STR(u_context(lex, "Prior pimp noted."), "pimp{P+:P=Prior}");
	CHECK_STR(u_context(lex, "Prior to that the worker met a pimp."), "pimp{+}");
	CHECK_STR(u_context(lex, "Her brother has a second phone."),
			  "second phone{O:O=Her brother}");
	/* experiencer scope: short, ended by the subject word for that category */
	CHECK_STR(u_context(lex, "Her brother left and youth has a second phone."),
			  "second phone{+}");
	/* a reporting family member is the source, not the experiencer */
	CHECK_STR(u_context(lex, "Mother reports a second phone."), "second phone{+}");
	/* an indicator that ignores other_person */
	CHECK_STR(u_context(lex, "Her brother holds her ID."), "holds her ID{+}");
	/* general text: not about this child, in either direction */
	CHECK_STR(u_context(lex, "Warning signs include a second phone and a pimp."),
			  "second phone{G:G=Warning signs} pimp{G:G=Warning signs}");
	CHECK_STR(u_context(lex, "A second phone is one of the warning signs. Y has a pimp."),
			  "second phone{G:G=warning signs} pimp{+}");
	CHECK_STR(u_context(lex, "Victims often ran away."), "ran away{G:G=Victims often}");
	/* negation inside a hypothetical */
	CHECK_STR(u_context(lex, "If she has no second phone, fine."),
			  "second phone{NH:N=no:H=If}");
	ind_arena_release(&ctx_arena);
}

static void
test_ambiguous_terms(void)
{
	ind_lexicon *lex = context_lexicon();

	CHECK_STR(u_context(lex, "Her daddy called."), "daddy{?}");
	/* anchored by an anchor rule, a money amount, or an unambiguous term */
	CHECK_STR(u_context(lex, "She works for daddy for money."), "daddy{+:A=for money}");
	CHECK_STR(u_context(lex, "A date for $200 tonight."), "date{+:A=$200}");
	CHECK_STR(u_context(lex, "Her pimp is called daddy."), "pimp{+} daddy{+:A=pimp}");
	/* in the next sentence but within the window */
	CHECK_STR(u_context(lex, "She met daddy. At the hotel."), "daddy{+:A=hotel}");
	/* too far, in another sentence */
	CHECK_STR(u_context(lex, "She met daddy. Then the worker drove to school and home and back to the office before the hotel."),
			  "daddy{?}");
	/* a negated term is no anchor */
	CHECK_STR(u_context(lex, "She denies a pimp. Daddy called."),
			  "pimp{N:N=denies} Daddy{?}");
	/* blocked */
	CHECK_STR(u_context(lex, "Her date of birth was checked at the hotel."),
			  "date{B:B=date of birth}");
	CHECK_STR(u_context(lex, "She went to track practice near the hotel."),
			  "track{B:B=track practice}");
	CHECK_STR(u_context(lex, "She took the life skills class at the hotel."),
			  "the life{B:B=the life skills}");
	/* an anchor inside the term's own words anchors nothing */
	CHECK_STR(u_context(lex, "She keeps her money."), "keeps her money{?}");
	CHECK_STR(u_context(lex, "She keeps her money for money."),
			  "keeps her money{+:A=for money}");
	/* an anchor for one indicator only */
	CHECK_STR(u_context(lex, "She was high on molly."), "molly{+:A=high}");
	CHECK_STR(u_context(lex, "She was high and met daddy."), "daddy{?}");
	ind_arena_release(&ctx_arena);
}

static void
test_quoted(void)
{
	/* an ambiguous term in quotation marks: the writer quotes her own words */
	ind_lexicon *lex = context_lexicon();

	CHECK_STR(u_context(lex, "She said she works for \"daddy\" now."), "daddy{+:A=\"}");
	CHECK_STR(u_context(lex, "She said \u201cI'm in the life now\u201d and left."),
			  "the life{+:A=\u201c}");
	CHECK_STR(u_context(lex, "Y called him 'daddy' twice."), "daddy{+:A='}");
	/* the closing mark after the sentence's end still closes the pair */
	CHECK_STR(u_context(lex, "She said \"I do it for daddy.\" Then she left."),
			  "daddy{+:A=\"}");
	CHECK_STR(u_context(lex, "She said \"I do it for daddy.\u201d\" Then she left."),
			  "daddy{+:A=\"}");
	/* ... but a mark after a space opens a new pair */
	CHECK_STR(u_context(lex, "She said \"no. \"daddy is nice.\" ok"), "daddy{+:A=\"}");
	CHECK_STR(u_context(lex, "She said \"no.\" daddy is nice. \"ok\""), "daddy{?}");
	/* a pair does not go on across a sentence end */
	CHECK_STR(u_context(lex, "She said \"no. Her daddy called\" twice."), "daddy{?}");
	/* outside the marks, after them, or a mark with no pair */
	CHECK_STR(u_context(lex, "She said \"ok\" to daddy."), "daddy{?}");
	CHECK_STR(u_context(lex, "\"Hi,\" she said, \"daddy"), "daddy{?}");
	/* the kinds pair on their own: the apostrophe in kids' opens no pair */
	CHECK_STR(u_context(lex, "The kids' \"daddy\" called."), "daddy{+:A=\"}");
	CHECK_STR(u_context(lex, "The kids' daddy said \"hi\"."), "daddy{?}");
	/* nested kinds: the outer pair holds it too */
	CHECK_STR(u_context(lex, "She wrote \"he said 'go' to daddy\" today."), "daddy{+:A=\"}");
	/* a blocker still wins, another anchor is kept, negation still applies */
	CHECK_STR(u_context(lex, "Her \"date of birth\" is wrong."), "date{B:B=date of birth}");
	CHECK_STR(u_context(lex, "She has a \"daddy\" for money."), "daddy{+:A=for money}");
	CHECK_STR(u_context(lex, "She denies having a \"daddy\"."), "daddy{N:N=denies:A=\"}");
	ind_arena_release(&ctx_arena);
}

static void
test_linear(void)
{
	/* thousands of triggers and mentions in long sentences: sweeps, not pairs */
	ind_lexicon *lex = context_lexicon();
	size_t		reps = 20000,
				i;
	char	   *s = malloc(reps * 16 + 1);
	ind_arena	arena;
	ind_scanner *sc;
	events		ev = {0};
	ind_context *ctx;
	size_t		affirmed = 0,
				negated = 0;

	/* 200 sentences of 350 tokens (a sentence is at most IND_SENTENCE_MAX) */
	for (i = 0; i < reps; i++)
		memcpy(s + i * 16, i % 100 == 99 ? "but no pimp.    " :
			   i % 2 ? "but no pimp and " : "a pimp, denies  ", 16);
	s[reps * 16] = 0;
	ind_arena_init(&arena, &u_env, 16 * 1024);
	sc = ind_scanner_create(&u_env, u_norm, &arena);
	sc->events = true;
	ind_scan(sc, lex, (const uint8_t *) s, strlen(s), false, collect_event, &ev);
	ctx = malloc((ev.n + 1) * sizeof(ind_context));
	ind_context_resolve(sc, lex, ev.m, ev.n, ctx);
	for (i = 0; i < ev.n; i++)
		if (ev.m[i].term >= 0 && lex->terms[ev.m[i].term].kind == IND_TERM)
		{
			affirmed += (ctx[i].flags & IND_CTX_AFFIRMED) != 0;
			negated += (ctx[i].flags & IND_CATEGORY_BIT(IND_NEGATION)) != 0;
		}
	/* "a pimp, denies but no pimp and a pimp, denies but ... no pimp.": the
	 * first pimp of each sentence is affirmed, every "no pimp" negated,
	 * every "and a pimp" negated by the "no" before it (no terminator
	 * between) */
	CHECK_INT(affirmed + negated, reps);
	CHECK_INT(affirmed, reps / 100);
	free(ev.m);
	free(ctx);
	free(s);
	ind_arena_release(&arena);
	ind_arena_release(&ctx_arena);
}

static void
test_long_sentence(void)
{
	/* IND_SENTENCE_MAX tokens without a sentence end: a sentence ends there */
	ind_lexicon *lex = context_lexicon();
	size_t		fill;
	char	   *s = malloc(3 * IND_SENTENCE_MAX + 64);

	for (fill = IND_SENTENCE_MAX - 3; fill <= IND_SENTENCE_MAX; fill++)
	{
		size_t		i,
					len = 0;
		const char *want;

		/* "no xy xy ... xy pimp": pimp is token fill + 1 */
		len += (size_t) sprintf(s + len, "no ");
		for (i = 0; i < fill; i++)
			len += (size_t) sprintf(s + len, "xy ");
		sprintf(s + len, "pimp");
		want = fill + 1 < IND_SENTENCE_MAX ? "pimp{N:N=no}" : "pimp{+}";
		CHECK_STR(u_context(lex, s), want);

		/* a phrase does not go on across the end: "second" is token fill;
		 * at fill 1000 the sentence ended before it */
		len = 0;
		for (i = 0; i < fill; i++)
			len += (size_t) sprintf(s + len, "xy ");
		sprintf(s + len, "second phone");
		want = fill + 1 == IND_SENTENCE_MAX ? "" : "second phone{+}";
		CHECK_STR(u_context(lex, s), want);
	}
	free(s);
	ind_arena_release(&ctx_arena);
}

const unit_test context_tests[] = {
	{"context: negation and its scope", test_negation_scope},
	{"context: longest trigger, pseudo-triggers", test_longest_and_pseudo},
	{"context: negative wording stays affirmed", test_negative_wording},
	{"context: hypothetical, historical, other person, general text", test_other_categories},
	{"context: ambiguous terms, anchors and blockers", test_ambiguous_terms},
	{"context: ambiguous terms in quotation marks", test_quoted},
	{"context: many triggers and mentions in long sentences", test_linear},
	{"context: a sentence ends after IND_SENTENCE_MAX tokens", test_long_sentence},
	{NULL, NULL}
};
