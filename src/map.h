/*-------------------------------------------------------------------------
 * map.h
 *	  A hash map from 64-bit keys to int32 values, for the lexicon's
 *	  builder: a trie node's child by label.  Lookups and inserts cost O(1) on average, so building
 *	  stays linear in the lexicon (a list of siblings made it quadratic
 *	  in the number of words phrases start with).
 *
 * Part of the pure core: no postgres.h.
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_MAP_H
#define INDICATORS_MAP_H

#include "core.h"

typedef struct ind_map
{
	ind_arena	arena;			/* its own: the arrays of the last growth only */
	uint64_t   *keys;			/* IND_MAP_EMPTY where no entry */
	int32_t    *vals;
	size_t		cap;			/* a power of two, or 0 */
	size_t		n;
} ind_map;

#define IND_MAP_EMPTY UINT64_MAX

/* A map of its own memory, given back by ind_map_release. */
extern void ind_map_init(ind_map *map, const ind_env *env);
extern void ind_map_release(ind_map *map);

/*
 * The value of key (not IND_MAP_EMPTY), inserted as init if missing
 * (*found says which).  The pointer is good until the next insert.
 */
extern int32_t *ind_map_slot(ind_map *map, uint64_t key, int32_t init, bool *found);

/* FNV-1a over len bytes: a key for a string. */
extern uint64_t ind_map_hash(const void *data, size_t len);

#endif							/* INDICATORS_MAP_H */
