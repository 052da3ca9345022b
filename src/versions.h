/*-------------------------------------------------------------------------
 * versions.h
 *	  Recording a lexicon change: a new lexicon version, and the
 *	  text-search indexes it leaves stale (see versions.c).
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_VERSIONS_H
#define INDICATORS_VERSIONS_H

#include "postgres.h"

#include "commands/trigger.h"

/* From the lexicon tables' statement trigger: records the change. */
extern void ind_record_lexicon_change(TriggerData *trig);

#endif							/* INDICATORS_VERSIONS_H */
