/*-------------------------------------------------------------------------
 * stem.c
 *	  English stems (see stem.h).
 *
 * Part of the pure core: no postgres.h.  One stemmer per process, made on
 * first use and kept (a backend runs one statement at a time; libstemmer
 * keeps its buffer in the stemmer, which grows to the longest word).
 *-------------------------------------------------------------------------
 */
#include "stem.h"

#include <libstemmer.h>
#include <string.h>

static struct sb_stemmer *stemmer;

void
ind_stem(const ind_env *env, const uint8_t *key, size_t len,
		 const uint8_t **out, size_t *outlen)
{
	const sb_symbol *s;

	if (stemmer == NULL)
		stemmer = sb_stemmer_new("english", "UTF_8");
	if (stemmer == NULL)
		env->fail(env->host, IND_FAIL_INTERNAL, "could not make the English stemmer", NULL);
	if (len > (size_t) 0x7FFFFFFF)
		env->fail(env->host, IND_FAIL_INPUT, "a word is too long to stem", NULL);
	s = sb_stemmer_stem(stemmer, key, (int) len);
	if (s == NULL)
		env->fail(env->host, IND_FAIL_INTERNAL, "out of memory while stemming a word", NULL);
	*out = s;
	*outlen = (size_t) sb_stemmer_length(stemmer);
}

/*
 * Porter2 rewrites at most the stem's last letter (y and ies to i, ing
 * dropped before a restored e, "bility" to "bl"), measured over the
 * 63,737 lower-case words of Debian's wamerican list: every word with the
 * stem starts with the stem without its last letter when that letter is e,
 * i, l or y, and with the whole stem otherwise; but for three irregular
 * forms (dying, lying, tying: "die", "lie", "tie").
 */
int
ind_stem_gates(const uint8_t *stem, size_t len, ind_stem_gate *gates)
{
	static const char *const irregular[][2] = {
		{"die", "dy"}, {"lie", "ly"}, {"tie", "ty"}
	};
	int			n = 0;
	size_t		i;

	gates[n].key = stem;
	gates[n].len = len;
	if (len > 1 && strchr("eily", stem[len - 1]))
		gates[n].len = len - 1;
	n++;
	for (i = 0; i < sizeof(irregular) / sizeof(irregular[0]); i++)
		if (len == 3 && memcmp(stem, irregular[i][0], 3) == 0)
		{
			gates[n].key = (const uint8_t *) irregular[i][1];
			gates[n].len = 2;
			n++;
		}
	return n;
}
