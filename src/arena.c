/*-------------------------------------------------------------------------
 * arena.c
 *	  Bump allocator the core takes all its memory from.
 *
 * Part of the pure core: no postgres.h.  See core.h.
 *-------------------------------------------------------------------------
 */
#include "core.h"

#include <string.h>

struct ind_arena_block
{
	ind_arena_block *prev;
	/* payload follows, aligned like max_align_t */
};

#define IND_ALIGN 16
#define ALIGN_UP(n) (((n) + (IND_ALIGN - 1)) & ~((size_t) (IND_ALIGN - 1)))
#define HEADER_SIZE ALIGN_UP(sizeof(ind_arena_block))

void
ind_arena_init(ind_arena *arena, const ind_env *env, size_t block_size)
{
	arena->env = env;
	arena->blocks = NULL;
	arena->next = NULL;
	arena->left = 0;
	arena->block_size = block_size < 1024 ? 1024 : block_size;
}

size_t
ind_add_size(const ind_env *env, size_t a, size_t b)
{
	if (a > SIZE_MAX - b)
		env->fail(env->host, IND_FAIL_INPUT, "requested memory size overflows", NULL);
	return a + b;
}

void *
ind_arena_alloc(ind_arena *arena, size_t size)
{
	char	   *p;

	(void) ind_add_size(arena->env, size, IND_ALIGN - 1);
	size = ALIGN_UP(size);
	if (size > arena->left)
	{
		size_t		payload = size > arena->block_size ? size : arena->block_size;
		ind_arena_block *b;

		b = arena->env->alloc(arena->env->host,
							  ind_add_size(arena->env, payload, HEADER_SIZE));
		b->prev = arena->blocks;
		arena->blocks = b;
		arena->next = (char *) b + HEADER_SIZE;
		arena->left = payload;
		/* later blocks get bigger, so a growing arena needs few of them */
		if (arena->block_size < (size_t) 8 * 1024 * 1024)
			arena->block_size *= 2;
	}
	p = arena->next;
	arena->next += size;
	arena->left -= size;
	return p;
}

void *
ind_arena_alloc0(ind_arena *arena, size_t size)
{
	void	   *p = ind_arena_alloc(arena, size);

	memset(p, 0, size);
	return p;
}

void
ind_arena_grow(ind_arena *arena, void **buf, size_t *cap, size_t need,
			   size_t elem_size)
{
	size_t		newcap;
	void	   *nb;

	if (need <= *cap)
		return;
	newcap = *cap ? *cap : 16;
	while (newcap < need)
	{
		if (newcap > SIZE_MAX / 2 / elem_size)
			arena->env->fail(arena->env->host, IND_FAIL_INPUT,
							 "requested memory size overflows", NULL);
		newcap *= 2;
	}
	nb = ind_arena_alloc(arena, newcap * elem_size);
	if (*cap)
		memcpy(nb, *buf, *cap * elem_size);
	*buf = nb;
	*cap = newcap;
}

void
ind_arena_release(ind_arena *arena)
{
	ind_arena_block *b = arena->blocks;

	while (b)
	{
		ind_arena_block *prev = b->prev;

		if (arena->env->release)
			arena->env->release(arena->env->host, b);
		b = prev;
	}
	arena->blocks = NULL;
	arena->next = NULL;
	arena->left = 0;
}
