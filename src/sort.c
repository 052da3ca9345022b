/*-------------------------------------------------------------------------
 * sort.c
 *	  An in-place sort that can be interrupted (see ind_sort in core.h).
 *
 * Part of the pure core: no postgres.h.
 *
 * The C library's qsort may allocate a buffer as large as the array (glibc
 * sorts by merging) and cannot be interrupted; a note of 100 MB has tens of
 * millions of events to sort.  This is an introsort: quicksort with the
 * median of three as pivot, heapsort for a range once it has been split
 * too often (so no input makes it quadratic), insertion sort for short
 * ranges; env->interrupt is asked before each range of 65,536 elements or
 * more is split, so the work between two asks is linear in that range.
 *-------------------------------------------------------------------------
 */
#include "core.h"

#include <string.h>

#define SHORT_RANGE 16

typedef struct sorter
{
	const ind_env *env;
	char	   *base;
	size_t		size;
	int			(*cmp) (const void *, const void *);
	char	   *tmp;			/* one element */
} sorter;

static inline char *
at(const sorter *s, size_t i)
{
	return s->base + i * s->size;
}

static inline void
swap(const sorter *s, size_t i, size_t j)
{
	char	   *a = at(s, i),
			   *b = at(s, j);
	size_t		k;

	for (k = 0; k < s->size; k++)
	{
		char		t = a[k];

		a[k] = b[k];
		b[k] = t;
	}
}

static void
insertion(const sorter *s, size_t lo, size_t hi)
{
	size_t		i,
				j;

	for (i = lo + 1; i < hi; i++)
	{
		if (s->cmp(at(s, i - 1), at(s, i)) <= 0)
			continue;
		memcpy(s->tmp, at(s, i), s->size);
		for (j = i; j > lo && s->cmp(at(s, j - 1), s->tmp) > 0; j--)
			memcpy(at(s, j), at(s, j - 1), s->size);
		memcpy(at(s, j), s->tmp, s->size);
	}
}

/* heapsort of [lo, hi) */
static void
sift(const sorter *s, size_t lo, size_t root, size_t n)
{
	for (;;)
	{
		size_t		child = 2 * root + 1,
					big = root;

		if (child < n && s->cmp(at(s, lo + big), at(s, lo + child)) < 0)
			big = child;
		if (child + 1 < n && s->cmp(at(s, lo + big), at(s, lo + child + 1)) < 0)
			big = child + 1;
		if (big == root)
			return;
		swap(s, lo + root, lo + big);
		root = big;
	}
}

static void
heapsort_range(const sorter *s, size_t lo, size_t hi)
{
	size_t		n = hi - lo,
				i;

	for (i = n / 2; i-- > 0;)
	{
		ind_poll(s->env, i);
		sift(s, lo, i, n);
	}
	for (i = n; i-- > 1;)
	{
		ind_poll(s->env, i);
		swap(s, lo, lo + i);
		sift(s, lo, 0, i);
	}
}

static void
introsort(const sorter *s, size_t lo, size_t hi, int depth)
{
	while (hi - lo > SHORT_RANGE)
	{
		size_t		mid = lo + (hi - lo) / 2,
					i,
					j;

		if (hi - lo >= 0x10000 && s->env->interrupt)
			s->env->interrupt(s->env->host);
		if (depth-- == 0)
		{
			heapsort_range(s, lo, hi);
			return;
		}
		/* the median of lo, mid, hi - 1 to lo, as pivot */
		if (s->cmp(at(s, mid), at(s, lo)) < 0)
			swap(s, mid, lo);
		if (s->cmp(at(s, hi - 1), at(s, lo)) < 0)
			swap(s, hi - 1, lo);
		if (s->cmp(at(s, hi - 1), at(s, mid)) < 0)
			swap(s, hi - 1, mid);
		swap(s, lo, mid);
		/* Hoare partition around the pivot at lo */
		i = lo;
		j = hi;
		for (;;)
		{
			do
				i++;
			while (i < hi && s->cmp(at(s, i), at(s, lo)) < 0);
			do
				j--;
			while (s->cmp(at(s, j), at(s, lo)) > 0);
			if (i >= j)
				break;
			swap(s, i, j);
		}
		swap(s, lo, j);
		/* the smaller side first, by recursion; the larger by the loop */
		if (j - lo < hi - (j + 1))
		{
			introsort(s, lo, j, depth);
			lo = j + 1;
		}
		else
		{
			introsort(s, j + 1, hi, depth);
			hi = j;
		}
	}
	insertion(s, lo, hi);
}

void
ind_sort(const ind_env *env, void *base, size_t n, size_t size,
		 int (*cmp) (const void *, const void *))
{
	sorter		s;
	char		tmp[256];
	int			depth = 0;
	size_t		m;

	if (n < 2)
		return;
	if (size > sizeof(tmp))
		env->fail(env->host, IND_FAIL_INTERNAL, "ind_sort: element too large", NULL);
	for (m = n; m > 0; m >>= 1)
		depth += 2;
	s.env = env;
	s.base = base;
	s.size = size;
	s.cmp = cmp;
	s.tmp = tmp;
	introsort(&s, 0, n, depth);
}
