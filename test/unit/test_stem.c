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

#include <libstemmer.h>
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

/*
 * ind_stem keeps recent stems in a cache: every word, asked for again after
 * others (a hit, or an entry another word took), has libstemmer's stem.
 */
static void
test_cache(void)
{
	const char *path = getenv("WORDS_FILE") ? getenv("WORDS_FILE") : DEFAULT_PATH;
	FILE	   *f = fopen(path, "r");
	struct sb_stemmer *ref = sb_stemmer_new("english", "UTF_8");
	char	  **words = NULL;
	size_t		n = 0,
				cap = 0,
				i,
				wrong = 0;
	char		line[512];

	if (f == NULL || ref == NULL)
	{
		u_checks_failed++;
		fprintf(stderr, "  cannot open %s or make a stemmer\n", path);
		if (f)
			fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f))
	{
		line[strcspn(line, "\n")] = 0;
		if (line[0] == 0)
			continue;
		if (n == cap)
			words = realloc(words, (cap = cap ? cap * 2 : 1024) * sizeof(char *));
		words[n++] = strdup(line);
	}
	fclose(f);
	for (i = 0; i < n; i++)
	{
		size_t		probe[3] = {i, i / 2, i},
					k;

		for (k = 0; k < 3; k++)
		{
			const char *w = words[probe[k]];
			const uint8_t *stem;
			size_t		stemlen;
			const sb_symbol *want = sb_stemmer_stem(ref, (const sb_symbol *) w, (int) strlen(w));

			ind_stem(&u_env, (const uint8_t *) w, strlen(w), &stem, &stemlen);
			if (stemlen != (size_t) sb_stemmer_length(ref) || memcmp(stem, want, stemlen) != 0)
			{
				if (wrong++ < 5)
					fprintf(stderr, "  \"%s\": cached stem \"%.*s\", libstemmer \"%s\"\n",
							w, (int) stemlen, stem, want);
			}
		}
	}
	printf("# %zu words stemmed three times each, %zu stems differ from libstemmer's\n", n, wrong);
	u_checks_failed += (int) wrong + (n < 10000);
	for (i = 0; i < n; i++)
		free(words[i]);
	free(words);
	sb_stemmer_delete(ref);
}

const unit_test stem_tests[] = {
	{"stems: every word of a word list passes a gate of its stem", test_dictionary},
	{"stems: the cache gives libstemmer's stem, hit or missed", test_cache},
	{NULL, NULL}
};
