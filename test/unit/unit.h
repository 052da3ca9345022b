/*
 * unit.h
 *	  A small test harness for the pure core: a malloc-backed ind_env whose
 *	  failures jump back to the test, and CHECK macros that count.
 */
#ifndef INDICATORS_UNIT_H
#define INDICATORS_UNIT_H

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "../../src/match.h"

typedef struct unit_host
{
	jmp_buf    *on_fail;		/* where env->fail jumps, or NULL: abort */
	char		message[512];
	char		detail[512];
	ind_failure kind;
	long		blocks;			/* blocks allocated and not released */
	long		interrupts;		/* env->interrupt calls */
} unit_host;

extern unit_host u_host;
extern ind_env u_env;
extern ind_norm *u_norm;		/* one for the whole run, as in a backend */

/* Checks count toward the current test; a test fails if any check fails. */
extern int	u_checks_failed;
#define CHECK(cond) \
	do { if (!(cond)) { u_checks_failed++; \
		fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define CHECK_STR(got, want) \
	do { const char *g_ = (got), *w_ = (want); if (strcmp(g_, w_) != 0) { u_checks_failed++; \
		fprintf(stderr, "  %s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, g_, w_); } } while (0)
#define CHECK_INT(got, want) \
	do { long long g_ = (long long) (got), w_ = (long long) (want); if (g_ != w_) { u_checks_failed++; \
		fprintf(stderr, "  %s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); } } while (0)

typedef void (*unit_fn) (void);
typedef struct unit_test
{
	const char *name;
	unit_fn		fn;
} unit_test;

/* helpers shared by the test files */

/* The tokens of s as "type:key" joined by spaces, spaces and ends left out. */
extern const char *u_tokens(const char *s);
/* The normalized keys of s: word, number and emoji keys joined by spaces. */
extern const char *u_keys(const char *s);
/* A lexicon of lines "indicator<TAB>term" (indicators added as met). */
extern ind_lexicon *u_lexicon(ind_arena *arena, const char *const *lines);
/* Mentions of lex in s as "term@cstart+clen" joined by spaces, pruned. */
extern const char *u_mentions(const ind_lexicon *lex, const char *s);
/* Runs fn; returns true if it failed through env->fail (message in u_host). */
extern bool u_fails(void (*fn) (void *), void *arg);

#endif
