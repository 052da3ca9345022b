/*
 * unit.c
 *	  The unit-test runner: a malloc-backed environment for the core, the
 *	  shared helpers, and main(), which runs every test and prints one line
 *	  "N passed, N failed".
 */
#include "unit.h"

#include <stdlib.h>

unit_host	u_host;
int			u_checks_failed;
ind_norm   *u_norm;

static void *
u_alloc(void *host, size_t size)
{
	void	   *p = malloc(size);

	if (p == NULL)
	{
		fprintf(stderr, "out of memory\n");
		abort();
	}
	((unit_host *) host)->blocks++;
	return p;
}

static void
u_release(void *host, void *block)
{
	((unit_host *) host)->blocks--;
	free(block);
}

static IND_NORETURN void
u_fail(void *host, ind_failure kind, const char *message, const char *detail)
{
	unit_host  *h = host;

	h->kind = kind;
	snprintf(h->message, sizeof(h->message), "%s", message);
	snprintf(h->detail, sizeof(h->detail), "%s", detail ? detail : "");
	if (h->on_fail)
		longjmp(*h->on_fail, 1);
	fprintf(stderr, "unexpected failure: %s (%s)\n", message, h->detail);
	abort();
}

static void
u_interrupt(void *host)
{
	((unit_host *) host)->interrupts++;
}

ind_env		u_env = {u_alloc, u_release, u_fail, u_interrupt, &u_host};

/* Strings the helpers return live until the test ends. */
static ind_arena u_scratch;

static char *
u_strdup_n(const char *s, size_t n)
{
	char	   *p = ind_arena_alloc(&u_scratch, n + 1);

	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

typedef struct strbuf
{
	char	   *s;
	size_t		len,
				cap;
} strbuf;

static void
sb_add(strbuf *b, const char *s, size_t n)
{
	ind_arena_grow(&u_scratch, (void **) &b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

static const char *
sb_done(strbuf *b)
{
	return b->s ? b->s : "";
}

const char *
u_tokens(const char *s)
{
	ind_tokenizer *t = ind_arena_alloc(&u_scratch, sizeof(ind_tokenizer));
	ind_token	tok;
	strbuf		b = {0};

	ind_tok_begin(t, &u_env, u_norm, (const uint8_t *) s, strlen(s), false, false);
	while (ind_tok_next(t, &tok))
	{
		if (tok.type == IND_TOK_SPACE)
			continue;
		if (b.len)
			sb_add(&b, " ", 1);
		sb_add(&b, ind_tok_type_name(tok.type), strlen(ind_tok_type_name(tok.type)));
		sb_add(&b, ":", 1);
		if (tok.keylen)
			sb_add(&b, (const char *) tok.key, tok.keylen);
		else
			sb_add(&b, s + tok.start, tok.end - tok.start);
	}
	return sb_done(&b);
}

const char *
u_keys(const char *s)
{
	ind_tokenizer *t = ind_arena_alloc(&u_scratch, sizeof(ind_tokenizer));
	ind_token	tok;
	strbuf		b = {0};

	ind_tok_begin(t, &u_env, u_norm, (const uint8_t *) s, strlen(s), false, false);
	while (ind_tok_next(t, &tok))
	{
		if (tok.type != IND_TOK_WORD && tok.type != IND_TOK_NUMBER &&
			tok.type != IND_TOK_EMOJI)
			continue;
		if (b.len)
			sb_add(&b, " ", 1);
		sb_add(&b, (const char *) tok.key, tok.keylen);
	}
	return sb_done(&b);
}

ind_lexicon *
u_lexicon(ind_arena *arena, const char *const *lines)
{
	ind_lexicon *lex = ind_lex_create(&u_env, u_norm, arena);
	int64_t		id = 1;

	for (; *lines; lines++)
	{
		const char *tab = strchr(*lines, '\t');
		char	   *code = u_strdup_n(*lines, (size_t) (tab - *lines));
		int32_t		ind = ind_lex_indicator_index(lex, code);

		if (ind < 0)
			ind = ind_lex_add_indicator(lex, code, 0);
		ind_lex_add_term(lex, id++, ind, tab + 1, strlen(tab + 1));
	}
	ind_lex_build(lex);
	return lex;
}

typedef struct collect
{
	ind_mention *m;
	size_t		n,
				cap;
} collect;

static bool
collect_one(void *arg, const ind_mention *m)
{
	collect    *c = arg;

	ind_arena_grow(&u_scratch, (void **) &c->m, &c->cap, c->n + 1, sizeof(ind_mention));
	c->m[c->n++] = *m;
	return true;
}

const char *
u_mentions(const ind_lexicon *lex, const char *s)
{
	ind_scanner *sc = ind_scanner_create(&u_env, u_norm, &u_scratch);
	collect		c = {0},
				slow = {0};
	strbuf		b = {0};
	size_t		i,
				n;

	ind_scan(sc, lex, (const uint8_t *) s, strlen(s), false, collect_one, &c);
	/* the matcher's ASCII fast path finds exactly what the tokenizer does */
	sc->no_fast_path = true;
	ind_scan(sc, lex, (const uint8_t *) s, strlen(s), false, collect_one, &slow);
	if (!ind_mentions_equal(slow.m, slow.n, c.m, c.n))
	{
		u_checks_failed++;
		fprintf(stderr, "  fast and slow paths differ on \"%s\"\n", s);
	}
	{
		int32_t    *idx = ind_arena_alloc(&u_scratch, (c.n + 1) * sizeof(int32_t));

		for (i = 0; i < c.n; i++)
			idx[i] = (int32_t) i;
		n = ind_mentions_prune(sc, lex, c.m, idx, c.n);
		for (i = 0; i < n; i++)
		{
			char		num[64];
			const ind_mention *m = &c.m[idx[i]];
			const ind_term *t = &lex->terms[m->term];

			if (b.len)
				sb_add(&b, " ", 1);
			sb_add(&b, t->text, strlen(t->text));
			snprintf(num, sizeof(num), "@%zu+%zu", m->cstart + 1, m->cend - m->cstart);
			sb_add(&b, num, strlen(num));
		}
	}
	return sb_done(&b);
}

bool
u_fails(void (*fn) (void *), void *arg)
{
	jmp_buf		jb;
	jmp_buf    *saved = u_host.on_fail;
	volatile bool failed = false;

	u_host.message[0] = 0;
	u_host.on_fail = &jb;
	if (setjmp(jb) == 0)
		fn(arg);
	else
		failed = true;
	u_host.on_fail = saved;
	return failed;
}

extern const unit_test normalize_tests[];
extern const unit_test tokenize_tests[];
extern const unit_test match_tests[];
extern const unit_test emoji_tests[];
extern const unit_test confusable_tests[];
extern const unit_test context_tests[];
extern const unit_test compound_tests[];
extern const unit_test sort_tests[];
extern const unit_test pattern_tests[];
extern const unit_test stem_tests[];

int
main(int argc, char **argv)
{
	const unit_test *const suites[] = {
		normalize_tests, tokenize_tests, match_tests, context_tests, compound_tests,
		sort_tests, pattern_tests, emoji_tests, confusable_tests, stem_tests, NULL
	};
	int			passed = 0,
				failed = 0,
				s;
	const char *only = argc > 1 ? argv[1] : NULL;

	u_norm = ind_norm_create(&u_env);
	for (s = 0; suites[s]; s++)
	{
		const unit_test *t;

		for (t = suites[s]; t->name; t++)
		{
			if (only && strstr(t->name, only) == NULL)
				continue;
			ind_arena_init(&u_scratch, &u_env, 64 * 1024);
			u_checks_failed = 0;
			t->fn();
			ind_arena_release(&u_scratch);
			if (u_checks_failed)
			{
				printf("not ok - %s (%d checks failed)\n", t->name, u_checks_failed);
				failed++;
			}
			else
			{
				printf("ok - %s\n", t->name);
				passed++;
			}
		}
	}
	ind_norm_destroy(u_norm);
	if (u_host.blocks != 0)
	{
		printf("not ok - memory: %ld blocks not released\n", u_host.blocks);
		failed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
