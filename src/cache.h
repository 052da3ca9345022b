/*-------------------------------------------------------------------------
 * cache.h
 *	  The backend's compiled lexicon (see cache.c).
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_CACHE_H
#define INDICATORS_CACHE_H

#include "lexicon.h"

/* Registers the invalidation callback; once per backend, from _PG_init. */
extern void ind_cache_init(void);

/* The current lexicon, compiled again if the tables changed. */
extern const ind_lexicon *ind_cache_lexicon(void);

#endif							/* INDICATORS_CACHE_H */
