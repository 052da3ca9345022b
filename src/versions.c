/*-------------------------------------------------------------------------
 * versions.c
 *	  Lexicon versions, and the text-search indexes a lexicon change leaves
 *	  stale.
 *
 * to_tsvector() is immutable by PostgreSQL's convention, so an index made
 * with indicators.english keeps what the lexicon of its build gave, until
 * it is built again.  Every statement that changes indicators.term,
 * indicators.context_rule or indicators.indicator gets a row in
 * indicators.lexicon_change (a new version: who, when, which table), and
 * the file of every index on an indicators text-search configuration is
 * noted in indicators.index_lexicon.  An index whose file is still the
 * one noted has not been built since the change (REINDEX, VACUUM FULL,
 * CLUSTER and TRUNCATE give an index a new file): the view
 * indicators.text_search_index says it is stale.
 *
 * The rows are written as the extension's owner, as SECURITY DEFINER
 * would, so that whoever may edit the lexicon cannot write these tables;
 * but changed_by is the role that made the change, which SECURITY DEFINER
 * would hide.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/rel.h"

#include "versions.h"

void
ind_record_lexicon_change(TriggerData *trig)
{
	Oid			invoker = GetUserId();
	Oid			owner,
				saved_user;
	int			saved_context;
	bool		isnull;
	Oid			types[3] = {NAMEOID, OIDOID, TEXTOID};
	Datum		values[3];
	const char *operation;
	NameData	who;
	int			rc;

	if (!TRIGGER_FIRED_FOR_STATEMENT(trig->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("indicators.lexicon_changed() must be fired for each statement")));
	if (TRIGGER_FIRED_BY_INSERT(trig->tg_event))
		operation = "INSERT";
	else if (TRIGGER_FIRED_BY_UPDATE(trig->tg_event))
		operation = "UPDATE";
	else if (TRIGGER_FIRED_BY_DELETE(trig->tg_event))
		operation = "DELETE";
	else
		operation = "TRUNCATE";

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	rc = SPI_execute("SELECT e.extowner FROM pg_catalog.pg_extension e"
					 " WHERE e.extname OPERATOR(pg_catalog.=) 'indicators'", true, 1);
	if (rc != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "extension \"indicators\" is not installed");
	owner = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));

	namestrcpy(&who, GetUserNameFromId(invoker, false));
	values[0] = NameGetDatum(&who);
	values[1] = ObjectIdGetDatum(RelationGetRelid(trig->tg_relation));
	values[2] = CStringGetTextDatum(operation);

	/* an error on the way out of here aborts, and the abort restores the user */
	GetUserIdAndSecContext(&saved_user, &saved_context);
	SetUserIdAndSecContext(owner, saved_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);
	rc = SPI_execute_with_args(
							   "WITH v AS ("
							   "  INSERT INTO indicators.lexicon_change (changed_by, relation, operation)"
							   "  VALUES ($1, $2, $3) RETURNING version)"
							   " INSERT INTO indicators.index_lexicon AS x (index, filenode, version)"
							   " SELECT DISTINCT t.index, pg_catalog.pg_relation_filenode(t.index), v.version"
							   "   FROM indicators.text_search_index t, v"
							   "  WHERE pg_catalog.pg_relation_filenode(t.index) IS NOT NULL"
							   " ON CONFLICT (index) DO UPDATE"
							   "   SET filenode = excluded.filenode, version = excluded.version",
							   3, types, values, NULL, false, 0);
	SetUserIdAndSecContext(saved_user, saved_context);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "recording the lexicon change failed: %s", SPI_result_code_string(rc));
	SPI_finish();
}
