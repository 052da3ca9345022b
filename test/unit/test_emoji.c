/*
 * test_emoji.c
 *	  Unicode's own emoji-test.txt (Debian package unicode-data): every
 *	  sequence in it, of every status, must come out as exactly one emoji
 *	  token covering all of it; every form of one emoji (qualified or not,
 *	  any skin tone) must have the same key.
 *
 * The file is read from $EMOJI_TEST_FILE, else from unicode-data's path.
 */
#include "unit.h"

#include <stdlib.h>

#define DEFAULT_PATH "/usr/share/unicode/emoji/emoji-test.txt"

typedef struct named_key
{
	char	   *name;
	char	   *key;
} named_key;

static size_t
encode_utf8(uint32_t c, char *out)
{
	if (c < 0x80)
	{
		out[0] = (char) c;
		return 1;
	}
	if (c < 0x800)
	{
		out[0] = (char) (0xC0 | (c >> 6));
		out[1] = (char) (0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000)
	{
		out[0] = (char) (0xE0 | (c >> 12));
		out[1] = (char) (0x80 | ((c >> 6) & 0x3F));
		out[2] = (char) (0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char) (0xF0 | (c >> 18));
	out[1] = (char) (0x80 | ((c >> 12) & 0x3F));
	out[2] = (char) (0x80 | ((c >> 6) & 0x3F));
	out[3] = (char) (0x80 | (c & 0x3F));
	return 4;
}

/*
 * "kiss: woman, man, light skin tone" -> "kiss: woman, man".  Names with two
 * tones are left alone: Unicode spells those with other base characters
 * (two-tone "handshake" is 🫱🏻‍🫲🏼, not 🤝), so they are emoji of their own.
 */
static void
strip_skin_tones(char *name)
{
	static const char *const tones[] = {
		"medium-light skin tone", "medium-dark skin tone", "light skin tone",
		"medium skin tone", "dark skin tone", NULL
	};
	const char *const *t;
	char	   *p;
	int			count = 0;

	for (p = name; (p = strstr(p, "skin tone")) != NULL; p++)
		count++;
	/* two tones, or a name that is only a tone (the modifiers themselves) */
	if (count != 1 || strchr(name, ':') == NULL)
		return;
	for (t = tones; *t; t++)
		while ((p = strstr(name, *t)) != NULL)
		{
			char	   *from = p;
			size_t		n = strlen(*t);

			/* take the ", " or ": " before it too */
			if (from >= name + 2 && (from[-2] == ',' || from[-2] == ':') && from[-1] == ' ')
				from -= 2;
			memmove(from, p + n, strlen(p + n) + 1);
		}
	/* "x: " left with nothing after it */
	p = name + strlen(name);
	while (p > name && (p[-1] == ' ' || p[-1] == ':' || p[-1] == ','))
		*--p = 0;
}

static int
cmp_named(const void *a, const void *b)
{
	return strcmp(((const named_key *) a)->name, ((const named_key *) b)->name);
}

static void
test_emoji_test_file(void)
{
	const char *path = getenv("EMOJI_TEST_FILE") ? getenv("EMOJI_TEST_FILE") : DEFAULT_PATH;
	FILE	   *f = fopen(path, "r");
	char		line[1024];
	named_key  *keys = NULL;
	size_t		nkeys = 0,
				cap = 0,
				sequences = 0,
				bad_token = 0,
				bad_key = 0,
				i;
	ind_tokenizer *t = malloc(sizeof(ind_tokenizer));
	char	   *all = NULL;
	size_t		alllen = 0,
				allcap = 0;

	if (f == NULL)
	{
		fprintf(stderr, "  cannot read %s (Debian package unicode-data)\n", path);
		CHECK(f != NULL);
		free(t);
		return;
	}
	while (fgets(line, sizeof(line), f))
	{
		char		seq[128];
		size_t		len = 0,
					ntok = 0;
		char	   *p = line,
				   *hash,
				   *name;
		ind_token	tok,
					first = {0};

		if (line[0] == '#' || strchr(line, ';') == NULL)
			continue;
		while (*p && *p != ';')
		{
			char	   *endp;
			unsigned long c = strtoul(p, &endp, 16);

			if (endp == p)
				break;
			len += encode_utf8((uint32_t) c, seq + len);
			p = endp;
			while (*p == ' ')
				p++;
		}
		sequences++;
		ind_tok_begin(t, &u_env, u_norm, (const uint8_t *) seq, len, false, false);
		while (ind_tok_next(t, &tok))
		{
			if (ntok++ == 0)
				first = tok;
		}
		if (ntok != 1 || first.type != IND_TOK_EMOJI || first.end != len || first.keylen == 0)
		{
			if (bad_token++ < 10)
				fprintf(stderr, "  not one emoji token (%zu tokens): %s", ntok, line);
			continue;
		}
		/* name: after "# <emoji> E<version> " */
		hash = strchr(line, '#');
		name = hash ? strchr(hash + 2, ' ') : NULL;
		name = name ? strchr(name + 1, ' ') : NULL;
		if (name == NULL)
			continue;
		name++;
		name[strcspn(name, "\n")] = 0;
		strip_skin_tones(name);
		if (nkeys == cap)
		{
			cap = cap ? cap * 2 : 4096;
			keys = realloc(keys, cap * sizeof(named_key));
		}
		keys[nkeys].name = strdup(name);
		keys[nkeys].key = strndup((const char *) first.key, first.keylen);
		nkeys++;

		/* also kept for the run of all sequences, space separated */
		if (alllen + len + 2 > allcap)
		{
			allcap = (alllen + len + 2) * 2;
			all = realloc(all, allcap);
		}
		memcpy(all + alllen, seq, len);
		alllen += len;
		all[alllen++] = ' ';
	}
	fclose(f);

	/* one emoji's forms share a key */
	qsort(keys, nkeys, sizeof(named_key), cmp_named);
	for (i = 1; i < nkeys; i++)
		if (strcmp(keys[i].name, keys[i - 1].name) == 0 &&
			strcmp(keys[i].key, keys[i - 1].key) != 0)
		{
			if (bad_key++ < 10)
				fprintf(stderr, "  two keys for \"%s\": %s %s\n", keys[i].name,
						keys[i - 1].key, keys[i].key);
		}

	/* all of them in one text: still one token each */
	{
		ind_token	tok;
		size_t		n = 0;

		ind_tok_begin(t, &u_env, u_norm, (const uint8_t *) all, alllen, false, false);
		while (ind_tok_next(t, &tok))
			n += tok.type == IND_TOK_EMOJI;
		CHECK_INT(n, nkeys);
	}

	printf("# emoji-test.txt: %zu sequences, %zu not one token, %zu emoji with two keys\n",
		   sequences, bad_token, bad_key);
	CHECK(sequences > 4000);
	CHECK_INT(bad_token, 0);
	CHECK_INT(bad_key, 0);
	for (i = 0; i < nkeys; i++)
	{
		free(keys[i].name);
		free(keys[i].key);
	}
	free(keys);
	free(all);
	free(t);
}

const unit_test emoji_tests[] = {
	{"emoji: every sequence of emoji-test.txt is one token", test_emoji_test_file},
	{NULL, NULL}
};
