/*-------------------------------------------------------------------------
 * job.c
 *	  What the nightly flagging procedure (indicators.run(), in SQL) needs
 *	  from C: whether it was called inside a transaction block, where it
 *	  could not commit between batches; and the version and fingerprint of
 *	  the lexicon the matcher uses right now, which is what a batch's rows
 *	  are stamped with (a lexicon change can reach the matcher in the
 *	  middle of a statement: the job checks before and after a batch); and
 *	  the role that called, for the owner-rights functions' own checks.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "cache.h"

PG_FUNCTION_INFO_V1(indicators_in_transaction_block);

Datum
indicators_in_transaction_block(PG_FUNCTION_ARGS)
{
	(void) fcinfo;
	PG_RETURN_BOOL(IsTransactionBlock());
}

PG_FUNCTION_INFO_V1(indicators_lexicon_in_use);

/* The compiled lexicon's version and fingerprint (compiled first if stale). */
Datum
indicators_lexicon_in_use(PG_FUNCTION_ARGS)
{
	const ind_lexicons *lx = ind_cache_lexicons();
	TupleDesc	desc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("indicators.lexicon_in_use() must return a record")));
	desc = BlessTupleDesc(desc);
	values[0] = Int64GetDatum(lx->version);
	values[1] = CStringGetTextDatum(lx->fingerprint);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

PG_FUNCTION_INFO_V1(indicators_outer_role);

/*
 * The role that called, outside any SECURITY DEFINER function: the session
 * user, or the role SET ROLE chose.  An owner-rights function uses it to
 * check the caller's own privileges.
 */
Datum
indicators_outer_role(PG_FUNCTION_ARGS)
{
	(void) fcinfo;
	PG_RETURN_OID(GetOuterUserId());
}
