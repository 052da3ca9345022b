/*
 * test_stem.c
 *	  Stem words against a word list nobody here wrote: Debian's wamerican
 *	  (/usr/share/dict/words, or $WORDS_FILE).  Every lower-case word must
 *	  pass a gate of its stem (stem.h: only words that pass one are stemmed
 *	  while a note is read), and a lexicon of stem words must match every
 *	  word with one of their stems, by the fast path and the tokenizer's.
 */
#include "unit.h"

#include "../../src/stem.h"

#include <stdlib.h>

#define DEFAULT_PATH "/usr/share/dict/words"

/* stems whose words change the stem's last letter, or are irregular */
static const char *const probes[] = {"cri", "abl", "die", "happi", "relat", "possibl", "hit", NULL};

static void
test_dictionary(void)
{
	const char *path = getenv("WORDS_FILE") ? getenv("WORDS_FILE") : DEFAULT_PATH;
	FILE	   *f = fopen(path, "r");
	char		line[512];
	size_t		words = 0,
				outside = 0,
				probed = 0,
				missed = 0;
	const char *lines[16];
	char		buf[16][64];
	ind_arena	arena;
	ind_lexicon *lex;
	int			i;

	if (f == NULL)
	{
		u_checks_failed++;
		fprintf(stderr, "  cannot open %s (package wamerican)\n", path);
		return;
	}
	for (i = 0; probes[i]; i++)
	{
		snprintf(buf[i], sizeof(buf[i]), "abuse_signs\t%s~", probes[i]);
		lines[i] = buf[i];
	}
	lines[i] = NULL;
	ind_arena_init(&arena, &u_env, 64 * 1024);
	lex = u_lexicon(&arena, lines);

	while (fgets(line, sizeof(line), f))
	{
		size_t		len = strcspn(line, "\n"),
					k;
		const uint8_t *stem;
		size_t		stemlen;
		ind_stem_gate gates[IND_STEM_GATES];
		int			n,
					g;
		bool		passed = false;

		line[len] = 0;
		for (k = 0; k < len; k++)
			if (line[k] < 'a' || line[k] > 'z')
				break;
		if (k < len || len < 2)
			continue;
		words++;
		ind_stem(&u_env, (const uint8_t *) line, len, &stem, &stemlen);
		n = ind_stem_gates(stem, stemlen, gates);
		for (g = 0; g < n; g++)
			passed |= gates[g].len <= len && memcmp(gates[g].key, line, gates[g].len) == 0;
		outside += !passed;
		if (!passed)
			fprintf(stderr, "  \"%s\" (stem \"%.*s\") passes no gate\n", line, (int) stemlen, stem);
		/* a word with a probed stem is matched (u_mentions checks both paths) */
		for (i = 0; probes[i]; i++)
			if (strlen(probes[i]) == stemlen && memcmp(probes[i], stem, stemlen) == 0)
			{
				char		want[80];

				snprintf(want, sizeof(want), "%s~@1+%zu", probes[i], len);
				probed++;
				if (strcmp(u_mentions(lex, line), want) != 0)
				{
					missed++;
					fprintf(stderr, "  \"%s\" not matched by %s~\n", line, probes[i]);
				}
			}
	}
	fclose(f);
	printf("# %s: %zu words, %zu pass no gate of their stem; %zu with a probed stem, %zu missed\n",
		   path, words, outside, probed, missed);
	if (words < 10000 || probed < 20)
	{
		u_checks_failed++;
		fprintf(stderr, "  too few words read from %s\n", path);
	}
	u_checks_failed += (int) (outside + missed);
	ind_arena_release(&arena);
}

const unit_test stem_tests[] = {
	{"stems: every word of a word list passes a gate of its stem", test_dictionary},
	{NULL, NULL}
};
