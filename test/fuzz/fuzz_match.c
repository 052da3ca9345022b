/*
 * fuzz_match.c
 *	  libFuzzer harness for the pure core: tokenizer (note and term modes,
 *	  character and byte positions), term parsing, and the matcher with a
 *	  fixed lexicon.  Besides the sanitizers it checks invariants:
 *	  tokens tile the input and count its characters; mentions lie inside
 *	  it; pruning keeps positions in order.
 *
 *	  make fuzz FUZZ_SECONDS=60
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/match.h"

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
	NULL
};

static void
setup(void)
{
	int			i;

	norm = ind_norm_create(&env);
	ind_arena_init(&lex_arena, &env, 64 * 1024);
	lex = ind_lex_create(&env, norm, &lex_arena);
	ind_lex_add_indicator(lex, "a");
	ind_lex_add_indicator(lex, "b");
	for (i = 0; terms[i]; i++)
		ind_lex_add_term(lex, i + 1, i % 2, terms[i], strlen(terms[i]));
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

	if (m->start >= m->end || m->end > f->len || m->cstart >= m->cend ||
		m->term < 0 || m->term >= lex->nterms)
		abort();
	if (f->n == f->cap)
	{
		f->cap = f->cap ? 2 * f->cap : 16;
		f->m = realloc(f->m, f->cap * sizeof(ind_mention));
	}
	f->m[f->n++] = *m;
	return true;
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

	ind_arena_init(&arena, &env, 4096);
	sc = ind_scanner_create(&env, norm, &arena);
	ind_scan(sc, lex, data, size, false, collect, &f);
	/* the ASCII fast path must find exactly what the tokenizer finds */
	sc->no_fast_path = true;
	ind_scan(sc, lex, data, size, false, collect, &slow);
	if (!ind_mentions_equal(slow.m, slow.n, f.m, f.n))
		abort();
	free(slow.m);
	n = ind_mentions_prune(sc, lex, f.m, f.n);
	for (i = 1; i < n; i++)
		if (f.m[i].cstart < f.m[i - 1].cstart)
			abort();

	/* the input as a lexicon term: accepted or refused, never a crash */
	fhost.on_fail = &jb;
	if (setjmp(jb) == 0)
	{
		ind_tokenizer *t = ind_arena_alloc(&arena, sizeof(ind_tokenizer));
		ind_term_words w;
		size_t		keylen;

		ind_term_parse(&env, norm, t, &arena, data, size, &w);
		(void) ind_term_key(&arena, &w, &keylen);
	}
	fhost.on_fail = NULL;

	ind_arena_release(&arena);
	free(f.m);
	return 0;
}
