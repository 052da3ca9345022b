/*-------------------------------------------------------------------------
 * cache.c
 *	  The backend's compiled lexicon, and dropping it when the lexicon
 *	  tables change.
 *
 * The lexicon is compiled on first use in a backend and kept in its own
 * memory context under CacheMemoryContext.  Statement triggers on
 * indicators.term, indicators.context_rule, indicators.word_class and
 * indicators.indicator call
 * indicators_lexicon_changed(),
 * which queues a relcache invalidation of the table.  Every backend has a
 * relcache callback (registered once, in _PG_init) that only counts
 * invalidations of those tables, or of everything; a lookup that sees the
 * count moved compiles again.  So:
 *	 - this session sees its own change at its next statement (invalidation
 *	   messages are processed at each command boundary);
 *	 - other sessions see it after commit, at their next transaction start
 *	   or their next lock of a table they have not locked yet;
 *	 - after a rollback nobody does: the aborting backend processes the
 *	   messages again and compiles from the rolled-back state.
 *
 * The count is read before loading and the result is kept as valid only
 * if no invalidation arrived meanwhile, so an entry cannot be born stale.
 * Loading reads the tables through a fresh snapshot (GetLatestSnapshot),
 * not the transaction's, so a REPEATABLE READ transaction cannot leave an
 * old lexicon behind for later transactions.  Parallel workers cannot take
 * a new snapshot; what they compile is kept only for their transaction.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "common/cryptohash.h"
#include "common/md5.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "cache.h"
#include "host.h"
#include "restricted.h"
#include "versions.h"

static ind_lexicons *cached_lexicons = NULL;
static MemoryContext cached_cxt = NULL;
static uint64 cached_at = 0;	/* inval_count when its load started */
static LocalTransactionId cached_only_for = InvalidLocalTransactionId;

static uint64 inval_count = 1;
static Oid	term_relid = InvalidOid;
static Oid	indicator_relid = InvalidOid;
static Oid	rule_relid = InvalidOid;
static Oid	class_relid = InvalidOid;

static void
lexicon_inval_callback(Datum arg, Oid relid)
{
	(void) arg;
	/* no catalog access, no error, no allocation here */
	if (relid == InvalidOid || relid == term_relid || relid == indicator_relid ||
		relid == rule_relid || relid == class_relid || term_relid == InvalidOid)
		inval_count++;
}

void
ind_cache_init(void)
{
	CacheRegisterRelcacheCallback(lexicon_inval_callback, (Datum) 0);
}

PG_FUNCTION_INFO_V1(indicators_lexicon_changed);

/*
 * AFTER ... FOR EACH STATEMENT trigger on the lexicon tables: every backend
 * compiles the lexicon again, and the change is a new lexicon version.
 */
Datum
indicators_lexicon_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("indicators_lexicon_changed() must be called as a trigger")));
	CacheInvalidateRelcache(trigdata->tg_relation);
	ind_record_lexicon_change(trigdata);
	PG_RETURN_POINTER(NULL);
}

static Oid
lexicon_table(const char *name)
{
	Oid			nsp = get_namespace_oid("indicators", false);
	Oid			relid = get_relname_relid(name, nsp);

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table indicators.%s does not exist", name),
				 errhint("Reinstall the extension with DROP EXTENSION indicators; CREATE EXTENSION indicators;")));
	return relid;
}

/* Runs a read-only query through snapshot (InvalidSnapshot: the active one). */
static void
run_query(const char *sql, Snapshot snapshot)
{
	SPIPlanPtr	plan = SPI_prepare(sql, 0, NULL);
	int			rc;

	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql,
			 SPI_result_code_string(SPI_result));
	rc = SPI_execute_snapshot(plan, NULL, NULL, snapshot, InvalidSnapshot,
							  true, false, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed for \"%s\": %s", sql,
			 SPI_result_code_string(rc));
}

/* the SQL names of the kinds of context rule, by ind_kind (sql/categories.tsv) */
#define KIND_NAME(e, name, ...) [e] = name,
static const char *const kind_names[IND_NKINDS] = {
	IND_CATEGORY_LIST(KIND_NAME)
	IND_RULE_KIND_LIST(KIND_NAME)
};

static uint8_t
kind_of_category(const char *category)
{
	int			k;

	for (k = 1; k < IND_NKINDS; k++)
		if (strcmp(category, kind_names[k]) == 0)
			return (uint8_t) k;
	elog(ERROR, "unknown context rule category \"%s\"", category);
	pg_unreachable();
}

/*
 * The query for the indicators: code, category, and the bits of the
 * context categories their mentions ignore.
 */
static char *
indicators_query(void)
{
	StringInfoData q;
	int			k;

	initStringInfo(&q);
	appendStringInfoString(&q, "SELECT i.code, i.category, 0");
	for (k = 1; k <= IND_NCATEGORIES; k++)
		appendStringInfo(&q, " OPERATOR(pg_catalog.|) (CASE WHEN %s OPERATOR(pg_catalog.=) ANY (i.context_ignored)"
						 " THEN %u ELSE 0 END)", quote_literal_cstr(kind_names[k]), IND_CATEGORY_BIT(k));
	appendStringInfoString(&q, " FROM indicators.indicator i ORDER BY i.code COLLATE pg_catalog.\"C\"");
	return q.data;
}

static char *
nullable_text(HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

/*
 * The lexicon's fingerprint: an MD5 of every field load() reads, each
 * followed by a separator (NULL by another), so that the same lexicon has
 * the same fingerprint in any database, and after a pg_dump and restore.
 * The hash context is freed by its resource owner on error.
 */
static void
fp_field(pg_cryptohash_ctx *fp, const char *s, size_t len)
{
	static const uint8 field_end = 0x1f,
				null_field = 0x1e;

	if ((s != NULL && pg_cryptohash_update(fp, (const uint8 *) s, len) < 0) ||
		pg_cryptohash_update(fp, s != NULL ? &field_end : &null_field, 1) < 0)
		elog(ERROR, "computing the lexicon's fingerprint failed: %s", pg_cryptohash_error(fp));
}

static void
fp_text(pg_cryptohash_ctx *fp, const char *s)
{
	fp_field(fp, s, s ? strlen(s) : 0);
}

static void
fp_int(pg_cryptohash_ctx *fp, int64 v)
{
	char		buf[24];

	fp_field(fp, buf, (size_t) snprintf(buf, sizeof(buf), "%lld", (long long) v));
}

/* An entry that stands for no phrase with the word classes as they are. */
static void
left_out(const char *what, int64 id, const char *why)
{
	ereport(WARNING,
			(errmsg("%s %lld %s: it is left out", what, (long long) id, why),
			 errhint("See indicators.word_class, and the term's or rule's pattern.")));
}

/*
 * Compiles the lexicon tables into two lexicons in cxt: the terms alone,
 * and the terms followed by the enabled context rules (the terms have the
 * same indexes in both).
 */
static ind_lexicons *
load(MemoryContext cxt, Snapshot snapshot)
{
	ind_env    *env = ind_pg_env(cxt);
	ind_arena  *arena = MemoryContextAlloc(cxt, sizeof(ind_arena));
	ind_lexicons *lx = MemoryContextAlloc(cxt, sizeof(ind_lexicons));
	ind_lexicon *terms,
			   *all;
	uint64		i;
	pg_cryptohash_ctx *fp = pg_cryptohash_create(PG_MD5);
	uint8		digest[MD5_DIGEST_LENGTH];
	ind_restricted settings;

	if (pg_cryptohash_init(fp) < 0)
		elog(ERROR, "computing the lexicon's fingerprint failed: %s", pg_cryptohash_error(fp));
	ind_arena_init(arena, env, 64 * 1024);
	lx->terms = terms = ind_lex_create(env, ind_pg_norm(), arena);
	lx->all = all = ind_lex_create(env, ind_pg_norm(), arena);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* no operator or function of the caller's search_path */
	ind_restricted_begin(&settings, 0, InvalidOid);

	/* byte order of codes: the order flags() returns them in */
	run_query(indicators_query(), snapshot);
	lx->categories = MemoryContextAlloc(cxt, sizeof(char *) * (SPI_processed + 1));
	for (i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		char	   *code = nullable_text(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		uint8		ignore = (uint8) DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[i],
																	 SPI_tuptable->tupdesc, 3, &isnull));

		lx->categories[i] = MemoryContextStrdup(cxt, nullable_text(SPI_tuptable->vals[i],
																   SPI_tuptable->tupdesc, 2));
		fp_text(fp, code);
		fp_text(fp, lx->categories[i]);
		fp_int(fp, ignore);
		ind_lex_add_indicator(terms, code, ignore);
		ind_lex_add_indicator(all, code, ignore);
	}

	/* word classes, before the terms and rules that use them */
	run_query("SELECT c.class, c.word FROM indicators.word_class c"
			  " WHERE c.enabled ORDER BY c.class, c.id", snapshot);
	for (i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		char	   *name = nullable_text(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		ind_text	word;

		ind_pg_text(DatumGetTextPP(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc,
												 2, &isnull)), &word);
		fp_text(fp, name);
		fp_field(fp, (const char *) word.utf8, word.len);
		ind_lex_add_class_word(terms, name, strlen(name), (const char *) word.utf8, word.len);
		ind_lex_add_class_word(all, name, strlen(name), (const char *) word.utf8, word.len);
	}

	run_query("SELECT t.id, t.indicator, t.term, t.ambiguous FROM indicators.term t"
			  " WHERE t.enabled ORDER BY t.id", snapshot);
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		ind_term	e = {0};
		char	   *code = nullable_text(tup, desc, 2);
		ind_text	in;

		e.id = DatumGetInt64(SPI_getbinval(tup, desc, 1, &isnull));
		e.kind = IND_TERM;
		e.indicator = ind_lex_indicator_index(terms, code);
		e.ambiguous = DatumGetBool(SPI_getbinval(tup, desc, 4, &isnull));
		/* only the owner or a superuser can have made one (shipped_guard) */
		if (e.indicator < 0)
		{
			ereport(WARNING,
					(errmsg("term %lld names unknown indicator \"%s\": it is left out", (long long) e.id, code)));
			continue;
		}
		ind_pg_text(DatumGetTextPP(SPI_getbinval(tup, desc, 3, &isnull)), &in);
		fp_int(fp, e.id);
		fp_text(fp, code);
		fp_field(fp, (const char *) in.utf8, in.len);
		fp_int(fp, e.ambiguous);
		if (ind_lex_add(terms, &e, (const char *) in.utf8, in.len) < 0)
		{
			left_out("term", e.id, terms->left_out);
			continue;
		}
		ind_lex_add(all, &e, (const char *) in.utf8, in.len);
	}

	run_query("SELECT r.id, r.category, r.phrase, r.direction, r.max_scope, r.ends, r.indicator"
			  " FROM indicators.context_rule r WHERE r.enabled ORDER BY r.id", snapshot);
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull,
					no_scope;
		ind_term	e = {0};
		char	   *category = nullable_text(tup, desc, 2);
		char	   *direction = nullable_text(tup, desc, 4);
		char	   *ends = nullable_text(tup, desc, 6);
		char	   *indicator = nullable_text(tup, desc, 7);
		Datum		scope = SPI_getbinval(tup, desc, 5, &no_scope);
		ind_text	in;

		e.id = DatumGetInt64(SPI_getbinval(tup, desc, 1, &isnull));
		if (indicator && ind_lex_indicator_index(all, indicator) < 0)
		{
			ereport(WARNING,
					(errmsg("context rule %lld names unknown indicator \"%s\": it is left out",
							(long long) e.id, indicator)));
			continue;
		}
		e.kind = kind_of_category(category);
		e.indicator = -1;
		e.max_scope = no_scope ? 0 : DatumGetInt32(scope);
		if (direction)
			e.direction = strcmp(direction, "forward") == 0 ? IND_FORWARD :
				strcmp(direction, "backward") == 0 ? IND_BACKWARD : IND_FORWARD | IND_BACKWARD;
		if (e.kind == IND_TERMINATOR)
			e.applies_to = ends ? (int32) IND_CATEGORY_BIT(kind_of_category(ends)) : 0;
		else
			e.applies_to = indicator ? ind_lex_indicator_index(all, indicator) : -1;
		ind_pg_text(DatumGetTextPP(SPI_getbinval(tup, desc, 3, &isnull)), &in);
		fp_int(fp, e.id);
		fp_text(fp, category);
		fp_field(fp, (const char *) in.utf8, in.len);
		fp_text(fp, direction);
		if (no_scope)
			fp_text(fp, NULL);
		else
			fp_int(fp, e.max_scope);
		fp_text(fp, ends);
		fp_text(fp, indicator);
		if (ind_lex_add(all, &e, (const char *) in.utf8, in.len) < 0)
			left_out("context rule", e.id, all->left_out);
	}
	/* the version these rows are, read through the same snapshot */
	run_query("SELECT COALESCE(pg_catalog.max(c.version), 0) FROM indicators.lexicon_change c", snapshot);
	{
		bool		isnull;

		lx->version = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	}
	if (pg_cryptohash_final(fp, digest, sizeof(digest)) < 0)
		elog(ERROR, "computing the lexicon's fingerprint failed: %s", pg_cryptohash_error(fp));
	pg_cryptohash_free(fp);
	for (i = 0; i < MD5_DIGEST_LENGTH; i++)
		snprintf(lx->fingerprint + 2 * i, 3, "%02x", digest[i]);
	ind_restricted_end(&settings);
	SPI_finish();
	ind_lex_build(terms);
	ind_lex_build(all);
	return lx;
}

const ind_lexicons *
ind_cache_lexicons(void)
{
	uint64		started = inval_count;
	MemoryContext cxt;
	ind_lexicons *lx;
	bool		parallel = IsInParallelMode();

	if (cached_lexicons != NULL && cached_at == inval_count &&
		(cached_only_for == InvalidLocalTransactionId ||
		 cached_only_for == MyProc->lxid))
		return cached_lexicons;

	/* compiled under the current context; kept only if it completes */
	cxt = AllocSetContextCreate(CurrentMemoryContext, "indicators lexicon",
								ALLOCSET_DEFAULT_SIZES);
	lx = load(cxt, parallel ? InvalidSnapshot : GetLatestSnapshot());
	term_relid = lexicon_table("term");
	indicator_relid = lexicon_table("indicator");
	rule_relid = lexicon_table("context_rule");
	class_relid = lexicon_table("word_class");

	MemoryContextSetParent(cxt, CacheMemoryContext);
	if (cached_cxt)
		MemoryContextDelete(cached_cxt);
	cached_cxt = cxt;
	cached_lexicons = lx;
	cached_at = started;
	cached_only_for = parallel ? MyProc->lxid : InvalidLocalTransactionId;
	return lx;
}
