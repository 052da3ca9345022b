/*-------------------------------------------------------------------------
 * job.c
 *	  What the nightly flagging procedure (indicators.run(), in SQL) needs
 *	  from C: whether it was called inside a transaction block, where it
 *	  could not commit between batches; and the version of the lexicon the
 *	  matcher uses right now, which is what a batch's mentions are stamped
 *	  with (a lexicon change can reach the matcher in the middle of a
 *	  statement: the job checks the version before and after a batch).
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "fmgr.h"

#include "cache.h"

PG_FUNCTION_INFO_V1(indicators_in_transaction_block);

Datum
indicators_in_transaction_block(PG_FUNCTION_ARGS)
{
	(void) fcinfo;
	PG_RETURN_BOOL(IsTransactionBlock());
}

PG_FUNCTION_INFO_V1(indicators_lexicon_version_in_use);

Datum
indicators_lexicon_version_in_use(PG_FUNCTION_ARGS)
{
	(void) fcinfo;
	PG_RETURN_INT64(ind_cache_lexicons()->version);
}
