/*-------------------------------------------------------------------------
 * versions.c
 *	  Lexicon versions, and the text-search indexes a lexicon change leaves
 *	  stale.
 *
 * to_tsvector() is immutable by PostgreSQL's convention, so an index made
 * with indicators.english keeps what the lexicon of its build gave, until
 * it is built again.  Every statement that changes indicators.term,
 * indicators.context_rule, indicators.word_class or indicators.indicator gets a row in
 * indicators.lexicon_change (a new version: who, when, which table), and
 * the file of every index on an indicators text-search configuration is
 * noted in indicators.index_lexicon.  An index whose file is still the
 * one noted has not been built since the change (REINDEX, VACUUM FULL,
 * CLUSTER and TRUNCATE give an index a new file): the view
 * indicators.text_search_index says it is stale.
 *
 * Every row changed in those tables gets a row in
 * indicators.lexicon_history: who, when, the old and the new row.
 *
 * The rows are written as the extension's owner, as SECURITY DEFINER
 * would, so that whoever may edit the lexicon cannot write these tables;
 * but changed_by is the role that made the change, which SECURITY DEFINER
 * would hide.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "access/htup_details.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/rel.h"

#include "restricted.h"
#include "versions.h"

/* The extension's owner (SPI connected). */
static Oid
extension_owner(void)
{
	bool		isnull;
	int			rc;

	rc = SPI_execute("SELECT e.extowner FROM pg_catalog.pg_extension e"
					 " WHERE e.extname OPERATOR(pg_catalog.=) 'indicators'", true, 1);
	if (rc != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "extension \"indicators\" is not installed");
	return DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
}

/*
 * Runs one statement that writes the extension's records as the
 * extension's owner (SPI connected).  An error on the way aborts, and the
 * abort restores the user.
 */
static void
execute_as_owner(const char *sql, int nargs, Oid *types, Datum *values,
				 const char *nulls, int expected, const char *what)
{
	ind_restricted as_owner;
	int			rc;

	ind_restricted_begin(&as_owner, 0, extension_owner());
	rc = SPI_execute_with_args(sql, nargs, types, values, nulls, false, 0);
	ind_restricted_end(&as_owner);
	if (rc != expected)
		elog(ERROR, "recording %s failed: %s", what, SPI_result_code_string(rc));
}

/* Who changed which table how: the first three arguments of both records. */
static void
change_values(TriggerData *trig, NameData *who, Datum *values)
{
	TriggerEvent ev = trig->tg_event;
	const char *operation = TRIGGER_FIRED_BY_INSERT(ev) ? "INSERT" :
		TRIGGER_FIRED_BY_UPDATE(ev) ? "UPDATE" :
		TRIGGER_FIRED_BY_DELETE(ev) ? "DELETE" : "TRUNCATE";

	namestrcpy(who, GetUserNameFromId(GetUserId(), false));
	values[0] = NameGetDatum(who);
	values[1] = ObjectIdGetDatum(RelationGetRelid(trig->tg_relation));
	values[2] = CStringGetTextDatum(operation);
}

void
ind_record_lexicon_change(TriggerData *trig)
{
	Oid			types[3] = {NAMEOID, OIDOID, TEXTOID};
	Datum		values[3];
	NameData	who;

	if (!TRIGGER_FIRED_FOR_STATEMENT(trig->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("indicators.lexicon_changed() must be fired for each statement")));
	change_values(trig, &who, values);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	execute_as_owner("WITH v AS ("
					 "  INSERT INTO indicators.lexicon_change (changed_by, relation, operation)"
					 "  VALUES ($1, $2, $3) RETURNING version)"
					 " INSERT INTO indicators.index_lexicon AS x (index, filenode, version)"
					 " SELECT DISTINCT t.index, pg_catalog.pg_relation_filenode(t.index), v.version"
					 "   FROM indicators.text_search_index t, v"
					 "  WHERE pg_catalog.pg_relation_filenode(t.index) IS NOT NULL"
					 " ON CONFLICT (index) DO UPDATE"
					 "   SET filenode = excluded.filenode, version = excluded.version",
					 3, types, values, NULL, SPI_OK_INSERT, "the lexicon change");
	SPI_finish();
}

PG_FUNCTION_INFO_V1(indicators_lexicon_row_changed);

/*
 * AFTER ... FOR EACH ROW trigger on the lexicon tables: the row's history
 * (indicators.lexicon_history), old and new row as jsonb, written as the
 * extension's owner but naming the role that made the change.
 */
Datum
indicators_lexicon_row_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trig = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	Oid			rowtype;
	Oid			types[5];
	Datum		values[5];
	char		nulls[5] = {' ', ' ', ' ', 'n', 'n'};
	NameData	who;
	HeapTuple	old_row = NULL,
				new_row = NULL;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_FOR_ROW(trig->tg_event) ||
		!TRIGGER_FIRED_AFTER(trig->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("indicators.lexicon_row_changed() must be fired after each row")));
	if (TRIGGER_FIRED_BY_INSERT(trig->tg_event))
		new_row = trig->tg_trigtuple;
	else if (TRIGGER_FIRED_BY_UPDATE(trig->tg_event))
	{
		old_row = trig->tg_trigtuple;
		new_row = trig->tg_newtuple;
	}
	else
		old_row = trig->tg_trigtuple;

	desc = RelationGetDescr(trig->tg_relation);
	rowtype = desc->tdtypeid;
	types[0] = NAMEOID;
	types[1] = OIDOID;
	types[2] = TEXTOID;
	types[3] = rowtype;
	types[4] = rowtype;
	change_values(trig, &who, values);
	values[3] = values[4] = (Datum) 0;
	if (old_row)
	{
		values[3] = heap_copy_tuple_as_datum(old_row, desc);
		nulls[3] = ' ';
	}
	if (new_row)
	{
		values[4] = heap_copy_tuple_as_datum(new_row, desc);
		nulls[4] = ' ';
	}

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	execute_as_owner("INSERT INTO indicators.lexicon_history"
					 " (changed_by, relation, operation, old_row, new_row)"
					 " VALUES ($1, $2, $3, pg_catalog.to_jsonb($4), pg_catalog.to_jsonb($5))",
					 5, types, values, nulls, SPI_OK_INSERT, "the lexicon's history");
	SPI_finish();
	PG_RETURN_POINTER(NULL);
}
