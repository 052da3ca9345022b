/*
 * test_sort.c
 *	  ind_sort: the same order as the C library's qsort on every kind of
 *	  input (random, sorted, reversed, all equal, few values, organ pipe, a
 *	  median-of-three killer), in place, and it asks to be interrupted.
 */
#include <stdlib.h>

#include "unit.h"

typedef struct item
{
	int32_t		key;
	int32_t		pad[3];			/* a 16-byte element, as the context's points */
} item;

static int
cmp_item(const void *a, const void *b)
{
	int32_t		x = ((const item *) a)->key,
				y = ((const item *) b)->key;

	return (x > y) - (x < y);
}

static uint32_t rng = 12345;

static int32_t
next_random(void)
{
	rng = rng * 1103515245u + 12345u;
	return (int32_t) (rng >> 8);
}

static bool
sorts_like_qsort(item *a, size_t n)
{
	item	   *b = malloc((n + 1) * sizeof(item));
	size_t		i;
	bool		same = true;

	memcpy(b, a, n * sizeof(item));
	ind_sort(&u_env, a, n, sizeof(item), cmp_item);
	qsort(b, n, sizeof(item), cmp_item);
	for (i = 0; i < n; i++)
		if (a[i].key != b[i].key)
			same = false;
	free(b);
	return same;
}

static void
test_sort(void)
{
	static const size_t sizes[] = {0, 1, 2, 3, 15, 16, 17, 100, 1000, 70000, 300000};
	size_t		s;

	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
	{
		size_t		n = sizes[s],
					i;
		item	   *a = calloc(n + 1, sizeof(item));
		int			kind;

		for (kind = 0; kind < 7; kind++)
		{
			for (i = 0; i < n; i++)
				a[i].key = kind == 0 ? next_random() :
					kind == 1 ? (int32_t) i :
					kind == 2 ? (int32_t) (n - i) :
					kind == 3 ? 7 :
					kind == 4 ? next_random() % 3 :
					kind == 5 ? (int32_t) (i < n / 2 ? i : n - i) :
				/* median-of-three killer-ish: odd ascending, even descending */
					(int32_t) (i % 2 ? i : n - i);
			if (!sorts_like_qsort(a, n))
			{
				fprintf(stderr, "  sort differs from qsort: n %zu, kind %d\n", n, kind);
				CHECK(false);
			}
		}
		free(a);
	}
}

static void
test_sort_interrupts(void)
{
	size_t		n = 1 << 20,
				i;
	item	   *a = calloc(n, sizeof(item));
	long		before = u_host.interrupts;

	for (i = 0; i < n; i++)
		a[i].key = next_random();
	ind_sort(&u_env, a, n, sizeof(item), cmp_item);
	CHECK(u_host.interrupts - before >= 8);
	for (i = 1; i < n; i++)
		if (a[i - 1].key > a[i].key)
			break;
	CHECK_INT(i, n);
	free(a);
}

const unit_test sort_tests[] = {
	{"sort: the order qsort gives, on every kind of input", test_sort},
	{"sort: a long sort asks to be interrupted", test_sort_interrupts},
	{NULL, NULL}
};
