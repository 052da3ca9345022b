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

/*
 * The stems of recent words, a process-wide direct-mapped cache: a note's
 * words repeat, and libstemmer costs more than the rest of a word's
 * reading.  A stem depends on the word alone, so nothing invalidates it.
 */
#define STEM_CACHE_SIZE 4096	/* a power of two */
#define STEM_CACHE_KEY 30		/* longer words and stems are not kept */
typedef struct stem_entry
{
	uint8_t		keylen;			/* 0: empty */
	uint8_t		stemlen;
	uint8_t		key[STEM_CACHE_KEY];
	uint8_t		stem[STEM_CACHE_KEY];
} stem_entry;
static stem_entry stem_cache[STEM_CACHE_SIZE];

void
ind_stem(const ind_env *env, const uint8_t *key, size_t len,
		 const uint8_t **out, size_t *outlen)
{
	const sb_symbol *s;
	stem_entry *e = NULL;

	if (len > 0 && len <= STEM_CACHE_KEY)
	{
		uint32_t	h = 2166136261u;
		size_t		i;

		for (i = 0; i < len; i++)
			h = (h ^ key[i]) * 16777619u;
		e = &stem_cache[(h ^ (h >> 15)) & (STEM_CACHE_SIZE - 1)];
		if (e->keylen == len && memcmp(e->key, key, len) == 0)
		{
			*out = e->stem;
			*outlen = e->stemlen;
			return;
		}
	}
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
	if (e != NULL && *outlen <= STEM_CACHE_KEY)
	{
		e->keylen = (uint8_t) len;
		memcpy(e->key, key, len);
		e->stemlen = (uint8_t) *outlen;
		memcpy(e->stem, s, *outlen);
		*out = e->stem;
	}
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
