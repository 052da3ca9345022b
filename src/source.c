/*-------------------------------------------------------------------------
 * source.c
 *	  Reading a registered source for the nightly job: as the relation's
 *	  owner, in a security-restricted operation, under fixed settings.
 *
 * indicators.source_read(source, mode, after_key, batch_size, keys) is the
 * only way the job reads a source; the job's SECURITY DEFINER functions
 * call it as the extension owner.  It first checks that the relation
 * still exists, is not temporary, and that the role that called the job
 * (the outer user, whatever SECURITY DEFINER functions are in between) may
 * read every registered column of every row (column privileges; no
 * row-level security filtering it).  Then it reads as the relation's
 * owner inside a security-restricted operation, as VACUUM and REFRESH
 * MATERIALIZED VIEW do: whatever a view, or a function in it, runs, it
 * runs with the owner's rights, never with the job's (which may be a
 * superuser's).  row_security is off, so that rows hidden from the owner
 * make the read fail rather than look deleted.
 *
 * Keys travel between batches as text, made under fixed settings
 * (restricted.c) so that the same key is the same text in every session;
 * every key read is checked to come back to the same value from its text,
 * and to be unique and not null, so that "after this key" always moves on.
 *
 * Modes:
 *	 batch	rows after after_key (all if NULL), in key order, at most
 *			batch_size: row_key, case_key, note_hash, noted_at
 *	 text	the rows whose keys are in keys: row_key, note
 *	 keys	every row: row_key
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/nbtree.h"
#include "access/stratnum.h"
#include "catalog/pg_am.h"
#include "catalog/pg_class.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_type.h"
#include "commands/defrem.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rls.h"
#include "utils/syscache.h"

#include "restricted.h"

/* The registered columns: key, text, case, changed-at. */
enum
{
	COL_KEY, COL_TEXT, COL_CASE, COL_CHANGED, N_COLS
};

static const char *const col_what[N_COLS] = {"key", "text", "case", "changed_at"};

typedef struct source_def
{
	int32		id;
	Oid			relid;
	char	   *relname;		/* qualified and quoted */
	char	   *col[N_COLS];	/* NULL where not registered */
	AttrNumber	attnum[N_COLS];
	Oid			type[N_COLS];	/* domains as their base type */
	Oid			keytype;		/* the key column's own type */
	int32		keytypmod;
	Oid			keycoll;
	Oid			owner;
} source_def;

/* The registered row of indicators.note_source (SPI connected). */
static void
load_source(source_def *s)
{
	Oid			argtypes[1] = {INT4OID};
	Datum		args[1];
	int			rc;
	int			i;

	args[0] = Int32GetDatum(s->id);
	rc = SPI_execute_with_args("SELECT s.relation::pg_catalog.oid, s.key_column, s.text_column,"
							   " s.case_column, s.changed_at_column"
							   " FROM indicators.note_source s WHERE s.id OPERATOR(pg_catalog.=) $1",
							   1, argtypes, args, NULL, true, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "reading indicators.note_source failed: %s", SPI_result_code_string(rc));
	if (SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("source %d is not registered", s->id),
				 errhint("See indicators.note_source.")));
	{
		HeapTuple	tup = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;

		s->relid = DatumGetObjectId(SPI_getbinval(tup, desc, 1, &isnull));
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("source %d is unregistered", s->id),
					 errhint("See indicators.note_source.")));
		for (i = 0; i < N_COLS; i++)
		{
			char	   *v = SPI_getvalue(tup, desc, i + 2);

			s->col[i] = v ? pstrdup(v) : NULL;
		}
	}
}

/*
 * Checks, as the caller, that the source can be read, and looks up what
 * the queries need.
 */
static void
check_source(source_def *s)
{
	HeapTuple	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(s->relid));
	Form_pg_class rel;
	/* the role that called indicators.run(), outside its SECURITY DEFINER parts */
	Oid			user = GetOuterUserId();
	int			i;

	if (!HeapTupleIsValid(tup))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("the relation of source %d no longer exists", s->id),
				 errdetail("It was the relation with OID %u.", s->relid),
				 errhint("Unregister it: SELECT indicators.unregister_source(%d);", s->id)));
	rel = (Form_pg_class) GETSTRUCT(tup);
	s->owner = rel->relowner;
	s->relname = quote_qualified_identifier(get_namespace_name(rel->relnamespace),
											NameStr(rel->relname));
	if (rel->relpersistence == RELPERSISTENCE_TEMP)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("source %d (%s) is a temporary relation", s->id, s->relname),
				 errdetail("A temporary relation belongs to one session; the job cannot read it.")));
	ReleaseSysCache(tup);

	for (i = 0; i < N_COLS; i++)
	{
		s->attnum[i] = InvalidAttrNumber;
		if (s->col[i] == NULL)
			continue;
		s->attnum[i] = get_attnum(s->relid, s->col[i]);
		if (s->attnum[i] <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("%s column \"%s\" of source %d (%s) does not exist",
							col_what[i], s->col[i], s->id, s->relname)));
		/* the column's own grants count only besides the table's */
		if (pg_class_aclcheck(s->relid, user, ACL_SELECT) != ACLCHECK_OK &&
			pg_attribute_aclcheck(s->relid, s->attnum[i], user, ACL_SELECT) != ACLCHECK_OK)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("permission denied to read column \"%s\" of %s", s->col[i], s->relname),
					 errdetail("indicators.run() reads the registered columns of every row of a source."),
					 errhint("GRANT SELECT (%s) ON %s TO %s;", quote_identifier(s->col[i]),
							 s->relname, quote_identifier(GetUserNameFromId(user, false)))));
		if (i == COL_KEY)
		{
			get_atttypetypmodcoll(s->relid, s->attnum[i], &s->keytype, &s->keytypmod, &s->keycoll);
			s->type[i] = getBaseType(s->keytype);
		}
		else
			s->type[i] = getBaseType(get_atttype(s->relid, s->attnum[i]));
	}
	if (check_enable_rls(s->relid, user, true) == RLS_ENABLED)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("row-level security hides rows of %s from role %s", s->relname,
						GetUserNameFromId(user, false)),
				 errdetail("indicators.run() must see every row of a source, or it would take hidden rows for deleted ones."),
				 errhint("Run it as a role with BYPASSRLS, or as the table's owner.")));
}

/*
 * "OPERATOR(schema.op)" for a btree strategy of the key's default opclass,
 * and its comparison function in cmp.
 */
static char *
key_operator(const source_def *s, int16 strategy, FmgrInfo *cmp)
{
	Oid			opclass = GetDefaultOpClass(s->type[COL_KEY], BTREE_AM_OID);
	Oid			family,
				intype,
				opno;
	HeapTuple	tup;
	Form_pg_operator op;
	char	   *result;

	if (!OidIsValid(opclass))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("key column \"%s\" of %s is of type %s, which cannot be ordered",
						s->col[COL_KEY], s->relname, format_type_be(s->keytype))));
	family = get_opclass_family(opclass);
	intype = get_opclass_input_type(opclass);
	opno = get_opfamily_member(family, intype, intype, strategy);
	fmgr_info(get_opfamily_proc(family, intype, intype, BTORDER_PROC), cmp);
	tup = SearchSysCache1(OPEROID, ObjectIdGetDatum(opno));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for operator %u", opno);
	op = (Form_pg_operator) GETSTRUCT(tup);
	result = psprintf("OPERATOR(%s.%s)", quote_identifier(get_namespace_name(op->oprnamespace)),
					  NameStr(op->oprname));
	ReleaseSysCache(tup);
	return result;
}

/* The column of x as text, or NULL::text. */
static char *
col_text(const source_def *s, int i)
{
	return s->col[i] ? psprintf("x.%s::pg_catalog.text", quote_identifier(s->col[i]))
		: "NULL::pg_catalog.text";
}

/* The changed-at column as timestamptz; timestamps and dates in zone $3. */
static char *
col_noted(const source_def *s)
{
	const char *c;

	if (s->col[COL_CHANGED] == NULL)
		return "NULL::pg_catalog.timestamptz";
	c = quote_identifier(s->col[COL_CHANGED]);
	switch (s->type[COL_CHANGED])
	{
		case TIMESTAMPTZOID:
			return psprintf("x.%s", c);
		case TIMESTAMPOID:
			return psprintf("pg_catalog.timezone($3, x.%s)", c);
		case DATEOID:
			return psprintf("pg_catalog.timezone($3, x.%s::pg_catalog.timestamp)", c);
		default:
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("changed_at column \"%s\" of %s is of type %s, not a timestamp",
							s->col[COL_CHANGED], s->relname, format_type_be(s->type[COL_CHANGED]))));
	}
	return NULL;				/* not reached */
}

typedef enum read_mode
{
	MODE_BATCH, MODE_TEXT, MODE_KEYS
} read_mode;

static char *
build_query(const source_def *s, read_mode mode, bool from_start, FmgrInfo *cmp)
{
	const char *key = quote_identifier(s->col[COL_KEY]);
	char	   *keytype = format_type_be_qualified(s->keytype);
	char	   *op = key_operator(s, mode == MODE_BATCH ? BTGreaterStrategyNumber :
								  BTEqualStrategyNumber, cmp);

	switch (mode)
	{
		case MODE_BATCH:
			return psprintf("SELECT %s, %s,"
							" COALESCE(pg_catalog.md5(x.%s::pg_catalog.text)::pg_catalog.uuid,"
							" '00000000-0000-0000-0000-000000000000'::pg_catalog.uuid), %s, x.%s"
							" FROM %s x %s ORDER BY x.%s LIMIT $2",
							col_text(s, COL_KEY), col_text(s, COL_CASE),
							quote_identifier(s->col[COL_TEXT]), col_noted(s), key, s->relname,
							from_start ? "" :
							psprintf("WHERE x.%s %s $1::%s", key, op, keytype),
							key);
		case MODE_TEXT:
			return psprintf("SELECT %s, %s, x.%s FROM %s x WHERE x.%s %s ANY ($1::%s[])",
							col_text(s, COL_KEY), col_text(s, COL_TEXT), key, s->relname, key,
							op, keytype);
		case MODE_KEYS:
			return psprintf("SELECT %s, x.%s FROM %s x", col_text(s, COL_KEY), key, s->relname);
	}
	return NULL;
}

/* Output columns of indicators.source_read(). */
enum
{
	OUT_ROW_KEY, OUT_CASE_KEY, OUT_NOTE_HASH, OUT_NOTED_AT, OUT_NOTE, N_OUT
};

PG_FUNCTION_INFO_V1(indicators_source_read);

Datum
indicators_source_read(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	source_def	s = {0};
	read_mode	mode;
	char	   *mode_name;
	char	   *zone;
	char	   *sql;
	ind_restricted settings,
				as_owner;
	Oid			argtypes[3] = {TEXTOID, INT8OID, TEXTOID};
	Datum		args[3] = {0, 0, 0};
	char		argnulls[3] = {'n', 'n', 'n'};
	int64		limit = -1;
	int64		returned = 0;
	int			key_col;		/* the typed key in the query's output */
	FmgrInfo	cmp;
	Oid			typinput,
				typioparam;
	int16		typlen;
	bool		typbyval;
	MemoryContext keycxt;
	Datum		prev_key = (Datum) 0;
	bool		have_prev = false;
	bool		done = false;
	Portal		portal;
	SPIPlanPtr	plan;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("source and mode must not be null")));
	s.id = PG_GETARG_INT32(0);
	mode_name = text_to_cstring(PG_GETARG_TEXT_PP(1));
	if (strcmp(mode_name, "batch") == 0)
		mode = MODE_BATCH;
	else if (strcmp(mode_name, "text") == 0)
		mode = MODE_TEXT;
	else if (strcmp(mode_name, "keys") == 0)
		mode = MODE_KEYS;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown mode \"%s\"", mode_name),
				 errhint("The modes are batch, text and keys.")));
	if (mode == MODE_BATCH)
	{
		if (PG_ARGISNULL(3) || PG_GETARG_INT32(3) < 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("batch_size must be a positive number of rows")));
		limit = PG_GETARG_INT32(3);
		/* one row more: a key repeated across the batch's end shows */
		args[1] = Int64GetDatum(limit + 1);
		argnulls[1] = ' ';
		if (!PG_ARGISNULL(2))
		{
			args[0] = PG_GETARG_DATUM(2);
			argnulls[0] = ' ';
		}
	}
	else if (mode == MODE_TEXT)
	{
		if (PG_ARGISNULL(4))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("keys must not be null in mode text")));
		argtypes[0] = TEXTARRAYOID;
		args[0] = PG_GETARG_DATUM(4);
		argnulls[0] = ' ';
	}
	/* the caller's time zone, for timestamps without one */
	zone = pstrdup(GetConfigOption("TimeZone", false, false));
	args[2] = CStringGetTextDatum(zone);
	argnulls[2] = ' ';

	InitMaterializedSRF(fcinfo, 0);
	if (mode == MODE_TEXT && ArrayGetNItems(ARR_NDIM(DatumGetArrayTypeP(args[0])),
											ARR_DIMS(DatumGetArrayTypeP(args[0]))) == 0)
		return (Datum) 0;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ind_restricted_begin(&settings, IND_FIX_OUTPUT | IND_FIX_NO_RLS, InvalidOid);
	load_source(&s);
	check_source(&s);
	sql = build_query(&s, mode, argnulls[0] == 'n', &cmp);
	key_col = mode == MODE_BATCH ? 5 : mode == MODE_TEXT ? 3 : 2;
	getTypeInputInfo(s.keytype, &typinput, &typioparam);
	get_typlenbyval(s.keytype, &typlen, &typbyval);
	keycxt = AllocSetContextCreate(CurrentMemoryContext, "indicators source key",
								   ALLOCSET_SMALL_SIZES);

	plan = SPI_prepare(sql, 3, argtypes);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql, SPI_result_code_string(SPI_result));

	/* the read itself, as the owner */
	ind_restricted_begin(&as_owner, 0, s.owner);
	portal = SPI_cursor_open(NULL, plan, args, argnulls, true);
	for (;;)
	{
		uint64		i;

		SPI_cursor_fetch(portal, true, 1000);
		if (SPI_processed == 0)
			break;
		for (i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			Datum		values[N_OUT] = {0};
			bool		nulls[N_OUT] = {true, true, true, true, true};
			bool		isnull;
			Datum		k = SPI_getbinval(tup, desc, key_col, &isnull);
			char	   *key_text;

			CHECK_FOR_INTERRUPTS();
			if (isnull)
				ereport(ERROR,
						(errcode(ERRCODE_NOT_NULL_VIOLATION),
						 errmsg("key column \"%s\" of %s is null in a row", s.col[COL_KEY], s.relname),
						 errdetail("indicators.run() keeps what it found per key: every row needs one."),
						 errhint("Make the column NOT NULL, or register a view that leaves such rows out.")));
			key_text = SPI_getvalue(tup, desc, 1);
			/* the key's text must give the key back, exactly */
			if (DatumGetInt32(FunctionCall2Coll(&cmp, s.keycoll, k,
												OidInputFunctionCall(typinput, key_text, typioparam,
																	 s.keytypmod))) != 0)
				ereport(ERROR,
						(errcode(ERRCODE_DATATYPE_MISMATCH),
						 errmsg("key column \"%s\" of %s does not keep its value as text", s.col[COL_KEY],
								s.relname),
						 errdetail("The key read as %s is another value when that text is read back.", key_text),
						 errhint("Register a key of a type that converts to text exactly (integers, text, uuid, timestamps).")));
			if (mode == MODE_BATCH && have_prev &&
				DatumGetInt32(FunctionCall2Coll(&cmp, s.keycoll, prev_key, k)) == 0)
				ereport(ERROR,
						(errcode(ERRCODE_UNIQUE_VIOLATION),
						 errmsg("key column \"%s\" of %s is not unique", s.col[COL_KEY], s.relname),
						 errdetail("The key %s appears more than once.", key_text),
						 errhint("A view is a source only with a column that is unique and never null, such as the primary key of the table it reads.")));
			if (mode == MODE_BATCH)
			{
				MemoryContextReset(keycxt);
				prev_key = datumCopy(k, typbyval, typlen);
				have_prev = true;
				if (returned == limit)
				{
					done = true;	/* the extra row: only looked at */
					break;
				}
			}
			values[OUT_ROW_KEY] = CStringGetTextDatum(key_text);
			nulls[OUT_ROW_KEY] = false;
			if (mode == MODE_BATCH)
			{
				values[OUT_CASE_KEY] = SPI_getbinval(tup, desc, 2, &nulls[OUT_CASE_KEY]);
				values[OUT_NOTE_HASH] = SPI_getbinval(tup, desc, 3, &nulls[OUT_NOTE_HASH]);
				values[OUT_NOTED_AT] = SPI_getbinval(tup, desc, 4, &nulls[OUT_NOTED_AT]);
			}
			else if (mode == MODE_TEXT)
				values[OUT_NOTE] = SPI_getbinval(tup, desc, 2, &nulls[OUT_NOTE]);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			returned++;
			pfree(DatumGetPointer(values[OUT_ROW_KEY]));
			pfree(key_text);
		}
		SPI_freetuptable(SPI_tuptable);
		if (done)
			break;
	}
	SPI_cursor_close(portal);
	ind_restricted_end(&as_owner);
	ind_restricted_end(&settings);
	SPI_finish();
	return (Datum) 0;
}
