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

/* The lexicon compiled twice: its terms alone, and terms and context rules. */
typedef struct ind_lexicons
{
	const ind_lexicon *terms;	/* for a quick first look */
	const ind_lexicon *all;		/* terms first, same indexes, then rules */
	const char **categories;	/* per indicator: its category */
	int64		version;		/* indicators.lexicon_change's, as loaded */
	char		fingerprint[33];	/* MD5 of what was loaded: the same
									 * lexicon has the same one, in any
									 * database */
} ind_lexicons;

/* The current lexicons, compiled again if the tables changed. */
extern const ind_lexicons *ind_cache_lexicons(void);

#endif							/* INDICATORS_CACHE_H */
