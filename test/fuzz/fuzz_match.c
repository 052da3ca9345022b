/*
 * fuzz_match.c
 *	  libFuzzer harness for the pure core: tokenizer (note and term modes,
 *	  character and byte positions), term parsing, and the matcher with a
 *	  fixed lexicon, and the email, URL and phone readers.  Besides the
 *	  sanitizers it checks invariants: tokens tile the input and count its
 *	  characters; mentions lie inside it; pruning keeps positions in order;
 *	  a compound lies inside the input, and a phone number found gives
 *	  7 to 15 digits.
 *
 *	  make fuzz FUZZ_SECONDS=60
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/compound.h"
#include "../../src/context.h"
#include "../../src/pattern.h"

typedef struct host
{
	jmp_buf    *on_fail;
} host;

static host fhost;

static void *
f_alloc(void *h, size_t size)
{
	void	   *p = malloc(size);

	(void) h;
	if (p == NULL)
		abort();
	return p;
}

static void
f_release(void *h, void *block)
{
	(void) h;
	free(block);
}

static IND_NORETURN void
f_fail(void *h, ind_failure kind, const char *message, const char *detail)
{
	host	   *fh = h;

	(void) message;
	(void) detail;
	/* only bad terms may fail; anything else is a bug */
	if (kind != IND_FAIL_INPUT || fh->on_fail == NULL)
		abort();
	longjmp(*fh->on_fail, 1);
}

static ind_env env = {f_alloc, f_release, f_fail, NULL, &fhost};
static ind_norm *norm;
static ind_lexicon *lex;
static ind_arena lex_arena;

static const char *const terms[] = {
	"hotel key card", "key card", "hotel", "the life", "in the life", "trick*",
	"🌹", "🌹🌹", "✈️", "👩‍👧", "🇺🇸", "#️⃣", "2nd phone", "won't let her talk",
	"bruis*", "skipthegames", "daddy", "out of pocket", "café", "ｔｈｅ ｇａｍｅ",
	"(punch~|cry~) her", "run~ away", "die~", "tattoo* ... (his|her) name", "crown ...2 inked",
	NULL
};

static const struct
{
	uint8_t		kind;
	const char *text;
	uint8_t		direction;
	int32_t		max_scope;
	int32_t		applies_to;
}			rules[] = {
	{IND_NEGATION, "no", IND_FORWARD, 0, 0},
	{IND_NEGATION, "denies", IND_FORWARD, 0, 0},
	{IND_NEGATION, "ruled out", IND_BACKWARD, 5, 0},
	{IND_HYPOTHETICAL, "if", IND_FORWARD | IND_BACKWARD, 0, 0},
	{IND_HISTORICAL, "history of", IND_FORWARD, 3, 0},
	{IND_OTHER_PERSON, "her brother", IND_FORWARD, 4, 0},
	{IND_PSEUDO, "not only", 0, 0, 0},
	{IND_PSEUDO, "no doubt", 0, 0, 0},
	{IND_TERMINATOR, "but", 0, 0, 0},
	{IND_TERMINATOR, "she", 0, 0, IND_CATEGORY_BIT(IND_OTHER_PERSON)},
	{IND_ANCHOR, "hotel", 0, 0, -1},
	{IND_ANCHOR, "money", 0, 0, 1},
	{IND_BLOCKER, "the life skills", 0, 0, -1},
	{0, NULL, 0, 0, 0}
};

static void
setup(void)
{
	int			i;

	norm = ind_norm_create(&env);
	ind_arena_init(&lex_arena, &env, 64 * 1024);
	lex = ind_lex_create(&env, norm, &lex_arena);
	ind_lex_add_indicator(lex, "a", 0);
	ind_lex_add_indicator(lex, "b", 0);
	for (i = 0; terms[i]; i++)
	{
		ind_term	e = {0};

		e.id = i + 1;
		e.indicator = i % 2;
		e.ambiguous = i % 3 == 0;
		ind_lex_add(lex, &e, terms[i], strlen(terms[i]));
	}
	for (i = 0; rules[i].text; i++)
	{
		ind_term	e = {0};

		e.id = 100 + i;
		e.kind = rules[i].kind;
		e.indicator = -1;
		e.direction = rules[i].direction;
		e.max_scope = rules[i].max_scope;
		e.applies_to = rules[i].applies_to;
		ind_lex_add(lex, &e, rules[i].text, strlen(rules[i].text));
	}
	ind_lex_build(lex);
}

/* characters in s as the tokenizer counts them */
static size_t
count_chars(const uint8_t *s, size_t len, bool bytes)
{
	size_t		i = 0,
				n = 0;

	if (bytes)
		return len;
	while (i < len)
	{
		uint32_t	cp;

		i += ind_utf8_decode(s + i, len - i, &cp);
		n++;
	}
	return n;
}

static void
check_tokens(const uint8_t *s, size_t len, bool bytes, bool term_mode)
{
	ind_tokenizer *t = malloc(sizeof(ind_tokenizer));
	ind_token	tok;
	size_t		at = 0,
				cat = 0;

	ind_tok_begin(t, &env, norm, s, len, bytes, term_mode);
	while (ind_tok_next(t, &tok))
	{
		if (tok.start != at || tok.cstart != cat || tok.end <= tok.start ||
			tok.cend <= tok.cstart || tok.end > len || tok.keylen > IND_KEY_MAX ||
			tok.type == IND_TOK_END || tok.type >= IND_TOK_NTYPES)
			abort();
		if ((tok.type == IND_TOK_WORD || tok.type == IND_TOK_NUMBER ||
			 tok.type == IND_TOK_EMOJI) && tok.keylen == 0)
			abort();
		at = tok.end;
		cat = tok.cend;
	}
	if (at != len || cat != count_chars(s, len, bytes))
		abort();
	free(t);
}

/* Every compound found ends inside the input; a phone number has its digits. */
static void
check_compounds(const uint8_t *s, size_t len)
{
	size_t		pos;
	unsigned	mask = ind_compounds_possible(s, len);

	for (pos = 0; pos < len && pos < 512; pos++)
	{
		ind_compound kind,
					kind_masked;
		size_t		end = ind_compound_at(s, len, pos, ~0u, &kind);
		char		digits[IND_PHONE_MAX_DIGITS + 1];
		int			n;

		/* the quick look at the whole text never rules out what is there */
		if (ind_compound_at(s, len, pos, mask, &kind_masked) != end || kind_masked != kind)
			abort();

		if (end == 0)
		{
			if (kind != IND_COMPOUND_NONE)
				abort();
			continue;
		}
		if (end <= pos || end > len || end - pos > IND_COMPOUND_MAX || kind == IND_COMPOUND_NONE)
			abort();
		if (kind == IND_COMPOUND_PHONE)
		{
			n = ind_phone_digits(s + pos, end - pos, digits);
			if (n < 7 || n > IND_PHONE_MAX_DIGITS || (int) strlen(digits) != n)
				abort();
		}
	}
}

typedef struct found
{
	ind_mention *m;
	size_t		n,
				cap;
	size_t		len;
} found;

static bool
collect(void *arg, const ind_mention *m)
{
	found	   *f = arg;

	if (m->start > m->end || m->end > f->len || m->cstart > m->cend ||
		m->term < IND_EVENT_MIN || m->term >= lex->nterms || m->tstart > m->tend)
		abort();
	if (m->term >= 0 && (m->start == m->end || m->cstart == m->cend))
		abort();
	if (f->n == f->cap)
	{
		f->cap = f->cap ? 2 * f->cap : 16;
		f->m = realloc(f->m, f->cap * sizeof(ind_mention));
	}
	f->m[f->n++] = *m;
	return true;
}

/* whether a term is "A ... B" */
static bool
has_near(const uint8_t *s, size_t n)
{
	size_t		i;

	for (i = 0; i + 2 < n; i++)
		if (s[i] == '.' && s[i + 1] == '.' && s[i + 2] == '.')
			return true;
	return false;
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ind_arena	arena;
	ind_scanner *sc;
	found		f = {NULL, 0, 0, size},
				slow = {NULL, 0, 0, size};
	size_t		i,
				n;
	jmp_buf		jb;

	if (norm == NULL)
		setup();

	check_tokens(data, size, false, false);
	check_tokens(data, size, true, false);
	check_tokens(data, size, false, true);
	check_compounds(data, size);

	ind_arena_init(&arena, &env, 4096);
	sc = ind_scanner_create(&env, norm, &arena);
	ind_scan(sc, lex, data, size, false, collect, &f);
	/* the ASCII fast path must find exactly what the tokenizer finds */
	sc->no_fast_path = true;
	ind_scan(sc, lex, data, size, false, collect, &slow);
	if (!ind_mentions_equal(slow.m, slow.n, f.m, f.n))
		abort();
	free(slow.m);

	/* the same with events, and their context */
	{
		found		ev = {NULL, 0, 0, size},
					evslow = {NULL, 0, 0, size};
		ind_context *ctx;

		sc->events = true;
		sc->no_fast_path = false;
		ind_scan(sc, lex, data, size, false, collect, &ev);
		sc->no_fast_path = true;
		ind_scan(sc, lex, data, size, false, collect, &evslow);
		if (!ind_mentions_equal(ev.m, ev.n, evslow.m, evslow.n))
			abort();
		ctx = malloc((ev.n + 1) * sizeof(ind_context));
		ind_context_resolve(sc, lex, ev.m, ev.n, ctx);
		{
			ind_scope  *scope = malloc((ev.n + 1) * sizeof(ind_scope));

			ind_context_scopes(sc, lex, ev.m, ev.n, ctx, sc->ntokens, scope);
			for (i = 0; i < ev.n; i++)
				if ((scope[i].first_fwd <= scope[i].last_fwd &&
					 (scope[i].first_fwd <= (int64_t) ev.m[i].tend ||
					  scope[i].last_fwd >= (int64_t) sc->ntokens)) ||
					(scope[i].first_bwd <= scope[i].last_bwd &&
					 (scope[i].last_bwd >= (int64_t) ev.m[i].tstart ||
					  scope[i].first_bwd < 0)))
					abort();	/* a scope never covers its own trigger, nor
								 * goes past the text */
			free(scope);
		}
		for (i = 0; i < ev.n; i++)
		{
			int			c;

			for (c = 0; c < IND_NCATEGORIES; c++)
				if (ctx[i].by[c] >= (int32_t) ev.n)
					abort();
			if (ctx[i].anchor >= (int32_t) ev.n || ctx[i].blocker >= (int32_t) ev.n)
				abort();
		}
		free(ctx);
		free(ev.m);
		free(evslow.m);
		sc->events = false;
	}
	{
		int32_t    *idx = malloc((f.n + 1) * sizeof(int32_t));
		size_t		nt = 0;

		for (i = 0; i < f.n; i++)
			if (lex->terms[f.m[i].term].kind == IND_TERM)
				idx[nt++] = (int32_t) i;
		uint8_t    *kept = calloc(f.n + 1, 1);
		size_t		j,
					k;

		n = ind_mentions_prune(sc, lex, f.m, idx, nt);
		for (i = 1; i < n; i++)
			if (f.m[idx[i]].cstart < f.m[idx[i - 1]].cstart)
				abort();
		/*
		 * What flags(), has(), the tsvector and match() all count: the
		 * pruned mentions.  A term mention left out lies inside a kept one
		 * of its indicator; no kept one lies inside another of its
		 * indicator.
		 */
		for (i = 0; i < n; i++)
			kept[idx[i]] = 1;
		for (j = 0; j < f.n; j++)
		{
			bool		inside = false;

			if (lex->terms[f.m[j].term].kind != IND_TERM)
				continue;
			for (k = 0; k < n && !inside; k++)
			{
				const ind_mention *o = &f.m[idx[k]];

				inside = (size_t) idx[k] != j &&
					lex->terms[o->term].indicator == lex->terms[f.m[j].term].indicator &&
					o->cstart <= f.m[j].cstart && f.m[j].cend <= o->cend;
			}
			if (kept[j] == inside)
				abort();
		}
		free(kept);
		free(idx);
	}

	/* the input as a lexicon term, a phrase or a pattern (groups, classes,
	 * "A ... B"): accepted or refused, never a crash; a phrase's key is the
	 * same either way */
	fhost.on_fail = &jb;
	if (setjmp(jb) == 0)
	{
		ind_tokenizer *t = ind_arena_alloc(&arena, sizeof(ind_tokenizer));
		size_t		keylen;
		const char *key = ind_pattern_key(&env, norm, t, &arena, data, size, &keylen);

		if (memchr(data, '(', size) == NULL && memchr(data, '[', size) == NULL &&
			memchr(data, '<', size) == NULL && !has_near(data, size))
		{
			ind_term_words w;
			size_t		plainlen;
			const char *plain;

			ind_term_parse(&env, norm, t, &arena, data, size, &w);
			plain = ind_term_key(&arena, &w, &plainlen);
			if (plainlen != keylen || memcmp(plain, key, keylen) != 0)
				abort();
		}
	}
	fhost.on_fail = NULL;

	ind_arena_release(&arena);
	free(f.m);
	return 0;
}
