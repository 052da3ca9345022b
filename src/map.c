/*-------------------------------------------------------------------------
 * map.c
 *	  An open-addressing hash map, linear probing, grown at half full.
 *
 * Part of the pure core: no postgres.h.
 *-------------------------------------------------------------------------
 */
#include "map.h"

#include <string.h>

void
ind_map_init(ind_map *map, const ind_env *env)
{
	memset(map, 0, sizeof(*map));
	ind_arena_init(&map->arena, env, 1024);
}

void
ind_map_release(ind_map *map)
{
	ind_arena_release(&map->arena);
	map->keys = NULL;
	map->vals = NULL;
	map->cap = map->n = 0;
}

/* A 64-bit mix (the finalizer of MurmurHash3), so that nearby keys spread. */
static inline size_t
mix(uint64_t k, size_t mask)
{
	k ^= k >> 33;
	k *= UINT64_C(0xff51afd7ed558ccd);
	k ^= k >> 33;
	k *= UINT64_C(0xc4ceb9fe1a85ec53);
	k ^= k >> 33;
	return (size_t) k & mask;
}

static void
grow(ind_map *map)
{
	size_t		cap = map->cap ? map->cap * 2 : 64,
				i;
	/* the new arrays in an arena of their own: the old one goes after the copy */
	ind_arena	fresh;
	uint64_t   *keys;
	int32_t    *vals;

	ind_arena_init(&fresh, map->arena.env, 1024);
	keys = ind_arena_alloc(&fresh, ind_add_size(fresh.env, cap * sizeof(uint64_t),
												cap * sizeof(int32_t)));
	vals = (int32_t *) (keys + cap);

	memset(keys, 0xFF, cap * sizeof(uint64_t));
	for (i = 0; i < map->cap; i++)
		if (map->keys[i] != IND_MAP_EMPTY)
		{
			size_t		j = mix(map->keys[i], cap - 1);

			while (keys[j] != IND_MAP_EMPTY)
				j = (j + 1) & (cap - 1);
			keys[j] = map->keys[i];
			vals[j] = map->vals[i];
		}
	ind_arena_release(&map->arena);
	map->arena = fresh;
	map->keys = keys;
	map->vals = vals;
	map->cap = cap;
}

int32_t *
ind_map_slot(ind_map *map, uint64_t key, int32_t init, bool *found)
{
	size_t		j;

	if (2 * (map->n + 1) > map->cap)
		grow(map);
	for (j = mix(key, map->cap - 1); map->keys[j] != IND_MAP_EMPTY; j = (j + 1) & (map->cap - 1))
		if (map->keys[j] == key)
		{
			*found = true;
			return &map->vals[j];
		}
	map->keys[j] = key;
	map->vals[j] = init;
	map->n++;
	*found = false;
	return &map->vals[j];
}

uint64_t
ind_map_hash(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint64_t	h = UINT64_C(0xcbf29ce484222325);
	size_t		i;

	for (i = 0; i < len; i++)
	{
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	/* never the empty marker */
	return h == IND_MAP_EMPTY ? 0 : h;
}
