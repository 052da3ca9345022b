/*-------------------------------------------------------------------------
 * core.h
 *	  What the pure core (normalization, tokenizer, lexicon, matcher) needs
 *	  from its host, and the arena it allocates from.
 *
 * The core never includes postgres.h.  The host (the PostgreSQL glue, the
 * unit tests, the fuzz harness) supplies an ind_env: memory comes from
 * env->alloc (palloc in the glue), a failure goes to env->fail (ereport in
 * the glue; it does not return), and long loops call env->interrupt
 * (CHECK_FOR_INTERRUPTS in the glue; it may not return either).  Because
 * fail and interrupt may longjmp, core code keeps every piece of state in
 * arena memory and holds no other resource across those calls.
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_CORE_H
#define INDICATORS_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define IND_NORETURN __attribute__((noreturn))
#define IND_LIKELY(x) __builtin_expect(!!(x), 1)
#define IND_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define IND_NORETURN
#define IND_LIKELY(x) (x)
#define IND_UNLIKELY(x) (x)
#endif

/* Kinds of failure the host turns into an error code. */
typedef enum ind_failure
{
	IND_FAIL_INPUT,				/* the user's input is not acceptable */
	IND_FAIL_INTERNAL			/* ICU or another library failed */
} ind_failure;

typedef struct ind_env
{
	/* Returns memory aligned for any type; never returns NULL. */
	void	   *(*alloc) (void *host, size_t size);
	/* Gives back a block from alloc; may be a no-op. */
	void		(*release) (void *host, void *block);
	/* Reports a failure; must not return. */
	IND_NORETURN void (*fail) (void *host, ind_failure kind,
							   const char *message, const char *detail);
	/* Called every few kilobytes of input; may not return. NULL: none. */
	void		(*interrupt) (void *host);
	void	   *host;
} ind_env;

/* How many input bytes the scanners read between two env->interrupt calls */
#define IND_INTERRUPT_BYTES (64 * 1024)

/*
 * A bump allocator over env->alloc.  Blocks are given back only all at
 * once, by ind_arena_release, or by the host freeing its own memory (the
 * glue's memory contexts).
 */
typedef struct ind_arena_block ind_arena_block;

typedef struct ind_arena
{
	const ind_env *env;
	ind_arena_block *blocks;
	char	   *next;
	size_t		left;
	size_t		block_size;
} ind_arena;

extern void ind_arena_init(ind_arena *arena, const ind_env *env,
						   size_t block_size);
extern void *ind_arena_alloc(ind_arena *arena, size_t size);
extern void *ind_arena_alloc0(ind_arena *arena, size_t size);
extern void ind_arena_release(ind_arena *arena);

/*
 * Grows *buf (of *cap elements of elem_size bytes) so that it holds at
 * least need elements, doubling; the old contents are copied.  The old
 * block stays in the arena until the arena is released, so growth costs at
 * most twice the final size.
 */
extern void ind_arena_grow(ind_arena *arena, void **buf, size_t *cap,
						   size_t need, size_t elem_size);

/* Fails with IND_FAIL_INPUT unless a + b fits in size_t. */
extern size_t ind_add_size(const ind_env *env, size_t a, size_t b);

/*
 * Calls env->interrupt (if any) once every 65,536 values of i: a loop over
 * a note's events reads "for (i = 0; i < n; ind_poll(env, ++i))".
 */
static inline void
ind_poll(const ind_env *env, size_t i)
{
	if ((i & 0xFFFF) == 0 && env->interrupt)
		env->interrupt(env->host);
}

/*
 * Sorts n elements of size bytes in place (introsort: quicksort, then
 * heapsort where it goes too deep, insertion sort for short runs), asking
 * env->interrupt every so often, so that a huge sort can be cancelled.
 * Nothing is allocated: an interrupt that does not return leaves nothing
 * behind.  Not stable.  See sort.c.
 */
extern void ind_sort(const ind_env *env, void *base, size_t n, size_t size,
					 int (*cmp) (const void *, const void *));

#endif							/* INDICATORS_CORE_H */
