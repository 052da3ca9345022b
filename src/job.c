/*-------------------------------------------------------------------------
 * job.c
 *	  What the nightly flagging procedure (indicators.run(), in SQL) needs
 *	  from C: whether it was called inside a transaction block, where it
 *	  could not commit between batches.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "fmgr.h"

PG_FUNCTION_INFO_V1(indicators_in_transaction_block);

Datum
indicators_in_transaction_block(PG_FUNCTION_ARGS)
{
	(void) fcinfo;
	PG_RETURN_BOOL(IsTransactionBlock());
}
