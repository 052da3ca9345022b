/*-------------------------------------------------------------------------
 * stem.h
 *	  English stems, by Snowball's English (Porter2) stemmer: the algorithm
 *	  of PostgreSQL's english_stem, from libstemmer.
 *
 * A term word written with a final '~' ("beat~") matches every word with
 * its stem (beat, beats, beating).  Stems are nearly always the word's
 * beginning: the exceptions change its last letter (cry, cries: "cri";
 * ability: "abl"), or are Porter2's irregular forms (dying: "die").  So a
 * stem word puts a gate in the word trie, the stem's beginning where every
 * word with that stem passes (ind_stem_gates), and only words that pass a
 * gate are stemmed while a note is read.
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_STEM_H
#define INDICATORS_STEM_H

#include "core.h"

/* The byte after a stem in its word trie key: in no word of a note. */
#define IND_STEM_MARK '~'

/*
 * The stem of a folded word key[0..len): *out is valid until the next call.
 * Fails through env (IND_FAIL_INTERNAL) if the stemmer cannot be made.
 */
extern void ind_stem(const ind_env *env, const uint8_t *key, size_t len,
					 const uint8_t **out, size_t *outlen);

/*
 * The gates of a stem (at most IND_STEM_GATES): lengths of its beginnings,
 * or for an irregular form another string in extra (NUL-terminated), that
 * every word with the stem starts with.  Returns how many.
 */
#define IND_STEM_GATES 2
typedef struct ind_stem_gate
{
	const uint8_t *key;
	size_t		len;
} ind_stem_gate;
extern int	ind_stem_gates(const uint8_t *stem, size_t len, ind_stem_gate *gates);

#endif							/* INDICATORS_STEM_H */
