/*
 * core_bench.c
 *	  The matcher alone, outside PostgreSQL: compiles sql/lexicon.tsv and
 *	  scans a file of notes (one per line) the way flags() does, to profile
 *	  the core without the server around it.
 *
 *	  make test/bench/core_bench && test/bench/core_bench notes.txt [rounds]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../src/match.h"

static void *
b_alloc(void *h, size_t size)
{
	void	   *p = malloc(size);

	(void) h;
	if (!p)
		abort();
	return p;
}

static void
b_release(void *h, void *p)
{
	(void) h;
	free(p);
}

static IND_NORETURN void
b_fail(void *h, ind_failure kind, const char *message, const char *detail)
{
	(void) h;
	(void) kind;
	fprintf(stderr, "failed: %s %s\n", message, detail ? detail : "");
	exit(1);
}

static ind_env env = {b_alloc, b_release, b_fail, NULL, NULL};

static bool
mark(void *arg, const ind_mention *m)
{
	(void) m;
	(*(long *) arg)++;
	return true;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	ind_norm   *norm = ind_norm_create(&env);
	ind_arena	arena;
	ind_lexicon *lex;
	ind_scanner *sc;
	FILE	   *f;
	char	   *line = NULL,
			  **notes = NULL;
	size_t		cap = 0,
				n = 0,
				ncap = 0,
				bytes = 0,
				i;
	ssize_t		len;
	int			rounds = argc > 2 ? atoi(argv[2]) : 3,
				r;

	if (argc < 2)
	{
		fprintf(stderr, "usage: %s notes.txt [rounds]\n", argv[0]);
		return 2;
	}
	ind_arena_init(&arena, &env, 1 << 20);
	lex = ind_lex_create(&env, norm, &arena);
	f = fopen("sql/lexicon.tsv", "r");
	if (!f)
	{
		perror("sql/lexicon.tsv");
		return 1;
	}
	while ((len = getline(&line, &cap, f)) > 0)
	{
		char	   *id = strtok(line, "\t"),
				   *code = strtok(NULL, "\t"),
				   *term = strtok(NULL, "\t");
		int32_t		ind;

		if (!term || strcmp(id, "id") == 0)
			continue;
		if ((ind = ind_lex_indicator_index(lex, code)) < 0)
			ind = ind_lex_add_indicator(lex, code, 0);
		ind_lex_add_term(lex, atoll(id), ind, term, strlen(term));
	}
	fclose(f);
	ind_lex_build(lex);
	printf("lexicon: %d terms, %d words, %d + %d trie states x %d columns\n",
		   lex->nterms, lex->nwords, lex->words.nstates, lex->starters.nstates, lex->nsym);

	f = fopen(argv[1], "r");
	if (!f)
	{
		perror(argv[1]);
		return 1;
	}
	while ((len = getline(&line, &cap, f)) > 0)
	{
		if (n == ncap)
			notes = realloc(notes, (ncap = ncap ? 2 * ncap : 1024) * sizeof(char *));
		line[--len] = 0;
		notes[n++] = strdup(line);
		bytes += len;
	}
	fclose(f);

	sc = ind_scanner_create(&env, norm, &arena);
	for (r = 0; r < rounds; r++)
	{
		long		mentions = 0;
		double		t0 = now(),
					t;

		for (i = 0; i < n; i++)
			ind_scan(sc, lex, (const uint8_t *) notes[i], strlen(notes[i]), false, mark, &mentions);
		t = now() - t0;
		printf("round %d: %zu notes, %.1f MB in %.3f s: %.0f MB/s, %.2f ns/byte, %ld mentions\n",
			   r + 1, n, bytes / 1e6, t, bytes / 1e6 / t, t * 1e9 / bytes, mentions);
	}
	return 0;
}
