/*-------------------------------------------------------------------------
 * match.h
 *	  Finds every lexicon term in a text: one pass over its tokens.
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_MATCH_H
#define INDICATORS_MATCH_H

#include "lexicon.h"

typedef struct ind_mention
{
	int32_t		term;			/* index into lex->terms, or an IND_EVENT_ */
	size_t		start;			/* bytes, as in ind_token */
	size_t		end;
	size_t		cstart;			/* characters, 0-based */
	size_t		cend;
	size_t		tstart;			/* first and last token, counting words,  */
	size_t		tend;			/* numbers and emoji from 0 */
} ind_mention;

/*
 * With scanner->events set, the scan also reports these, as mentions:
 * a sentence break (. ! ? ; or a blank line) before token tstart (== tend),
 * a money amount ("$" then a number; the number is token tstart), and a
 * quotation mark before token tstart (== tend): double (" “ ” „ « ») or
 * single (' ‘ ’ ‹ › standing alone, not an apostrophe inside a word), and
 * whether it touches the end of a sentence before it ("the life.\"").
 */
#define IND_EVENT_BREAK (-1)
#define IND_EVENT_MONEY (-2)
#define IND_EVENT_QUOTE(single, after_stop) (-3 - (single) - 2 * (after_stop))
#define IND_EVENT_MIN IND_EVENT_QUOTE(1, 1)

static inline bool
ind_event_is_quote(int32_t term)
{
	return term <= IND_EVENT_QUOTE(0, 0) && term >= IND_EVENT_MIN;
}

/* of a quotation mark event: 0 double, 1 single */
static inline int
ind_quote_kind(int32_t term)
{
	return (IND_EVENT_QUOTE(0, 0) - term) & 1;
}

/* of a quotation mark event: whether it touches a sentence end before it */
static inline bool
ind_quote_after_stop(int32_t term)
{
	return IND_EVENT_QUOTE(0, 0) - term >= 2;
}

/*
 * A sentence is at most this many tokens: after that many words, numbers
 * and emoji without a sentence end, one ends before the next (an empty
 * break is reported there, and no phrase goes on across it).  Context then
 * never reaches further than this, so that a huge note is read a window of
 * sentences at a time (call.c) whatever its punctuation.
 */
#define IND_SENTENCE_MAX 1000

/* Receives each mention as it is found; returns false to stop the scan. */
typedef bool (*ind_mention_fn) (void *arg, const ind_mention *m);

typedef struct ind_active
{
	int32_t		node;			/* phrase trie node reached */
	size_t		start;
	size_t		cstart;
	size_t		tstart;
} ind_active;

/* Scratch space for scans; make one and reuse it for every text. */
typedef struct ind_scanner
{
	const ind_env *env;
	ind_norm   *norm;
	ind_arena  *arena;
	ind_tokenizer tok;
	int32_t    *ids;			/* word ids of the current token */
	size_t		idcap;
	ind_active *act;			/* partial phrases alive before this token */
	size_t		actcap;
	ind_active *next;			/* ... and after it */
	size_t		nextcap;
	size_t	   *maxend;			/* per indicator, for ind_mentions_prune */
	size_t		maxendcap;
	uint8_t    *stembuf;		/* the fast path's key of a word to stem */
	size_t		stemcap;
	ind_mention *near;			/* parts of "A ... B" terms seen in this
								 * sentence, not yet too far back */
	size_t		nnear,
				nearcap;
	struct prune_item *prune;	/* ind_mentions_prune's sort buffer */
	size_t		prunecap;
	bool		no_fast_path;	/* tests: every token through the tokenizer */
	bool		events;			/* report breaks and money too */
	bool		note_support;	/* context: an affirmed unambiguous mention
								 * lies somewhere in the note (call.c) */
	bool		open_at_end;	/* after a scan: a phrase under way at the end
								 * of the text could go on in more words */
	size_t		ntokens;		/* after a scan: the tokens it counted */
	struct ind_context_scratch *ctx;	/* context.c's reusable buffers */
} ind_scanner;

extern ind_scanner *ind_scanner_create(const ind_env *env, ind_norm *norm,
									   ind_arena *arena);

/*
 * Reports every mention of every term of lex in s[0..len) to fn, in the
 * order their last token ends.  Returns false if fn stopped the scan.
 * Sets sc->open_at_end (the text-search dictionary reads a phrase a word
 * at a time, and asks for more while it is set).
 */
extern bool ind_scan(ind_scanner *sc, const ind_lexicon *lex,
					 const uint8_t *s, size_t len, bool byte_positions,
					 ind_mention_fn fn, void *arg);

/*
 * idx[0..n) are indexes of term mentions in m: sorts them by position and
 * drops each one that lies inside another mention of the same indicator
 * ("key card" inside "hotel key card").  Returns how many are left.
 */
extern size_t ind_mentions_prune(ind_scanner *sc, const ind_lexicon *lex,
								 const ind_mention *m, int32_t *idx, size_t n);

/* Whether two lists of mentions are the same, in the same order. */
static inline bool
ind_mentions_equal(const ind_mention *a, size_t na, const ind_mention *b, size_t nb)
{
	size_t		i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (a[i].term != b[i].term || a[i].start != b[i].start || a[i].end != b[i].end ||
			a[i].cstart != b[i].cstart || a[i].cend != b[i].cend)
			return false;
	return true;
}

#endif							/* INDICATORS_MATCH_H */
