/*-------------------------------------------------------------------------
 * restricted.c
 *	  Running the extension's own SQL under settings it chooses, and as
 *	  another role inside a security-restricted operation.
 *
 * Every SPI query of the extension runs with search_path = pg_catalog,
 * pg_temp, so that no function or operator a role created elsewhere is
 * picked up by an unqualified name (the lexicon loader runs in whoever
 * calls flags(), superusers included).  Reading a source, the job also
 * fixes how values become text (keys are kept as text between batches and
 * must read the same whatever the caller's TimeZone or extra_float_digits)
 * and turns row_security off, so that rows hidden from the reader are an
 * error, never taken for deleted ones.
 *
 * The settings are a GUC nest level of their own, undone at the end, or
 * by the abort of the (sub)transaction an error ends, as for a function's
 * SET clause.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/guc.h"

#include "restricted.h"

static void
fix(const char *name, const char *value)
{
	(void) set_config_option(name, value, PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
}

void
ind_restricted_begin(ind_restricted *r, int what, Oid as_user)
{
	r->guc_level = NewGUCNestLevel();
	fix("search_path", "pg_catalog, pg_temp");
	if (what & IND_FIX_OUTPUT)
	{
		fix("TimeZone", "UTC");
		fix("DateStyle", "ISO, YMD");
		fix("IntervalStyle", "postgres");
		fix("extra_float_digits", "1");
		fix("bytea_output", "hex");
		fix("lc_monetary", "C");
	}
	if (what & IND_FIX_NO_RLS)
		fix("row_security", "off");
	r->switched = OidIsValid(as_user);
	GetUserIdAndSecContext(&r->saved_user, &r->saved_context);
	if (r->switched)
		SetUserIdAndSecContext(as_user, r->saved_context | SECURITY_LOCAL_USERID_CHANGE |
							   SECURITY_RESTRICTED_OPERATION);
}

void
ind_restricted_end(ind_restricted *r)
{
	if (r->switched)
		SetUserIdAndSecContext(r->saved_user, r->saved_context);
	AtEOXact_GUC(true, r->guc_level);
}
