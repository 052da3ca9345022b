/*-------------------------------------------------------------------------
 * restricted.h
 *	  Running the extension's own SQL under settings it chooses, and as
 *	  another role inside a security-restricted operation (see
 *	  restricted.c).
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_RESTRICTED_H
#define INDICATORS_RESTRICTED_H

#include "postgres.h"

/* What to fix, besides search_path (always pg_catalog, pg_temp). */
#define IND_FIX_OUTPUT	0x01	/* values as text the same in every session:
								 * TimeZone UTC, DateStyle ISO, ... */
#define IND_FIX_NO_RLS	0x02	/* row_security off: a query that row-level
								 * security would filter fails instead */

typedef struct ind_restricted
{
	int			guc_level;
	Oid			saved_user;
	int			saved_context;
	bool		switched;
} ind_restricted;

/*
 * From here to ind_restricted_end(): the settings fixed, and, if as_user
 * is valid, the current user as_user in a security-restricted operation
 * (as VACUUM and REFRESH MATERIALIZED VIEW run a table owner's code).  An
 * error in between needs no clean-up: the (sub)transaction's abort puts
 * back the user and the settings.
 */
extern void ind_restricted_begin(ind_restricted *r, int fix, Oid as_user);
extern void ind_restricted_end(ind_restricted *r);

#endif							/* INDICATORS_RESTRICTED_H */
