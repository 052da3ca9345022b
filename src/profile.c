/*-------------------------------------------------------------------------
 * profile.c
 *	  The state of the per-case aggregates indicators.profile(note,
 *	  seen_at) and indicators.profile(mention, seen_at): the profile items
 *	  of a group, gathered in the aggregate's memory.
 *
 * What an item is, and what a profile says, is SQL (sql/indicators-
 * cases.sql): the items of one note (profile_note_items) or of one
 * mention (profile_mention_item), and the profile of all of a group's
 * items (profile_final).  This file only gathers the items, so that a
 * group of n rows costs n steps: a PL/pgSQL transition function would copy
 * its growing array at every row.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "nodes/value.h"
#include "parser/parse_func.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

typedef struct profile_state
{
	ArrayBuildState *items;
	Oid			item_type;
	FmgrInfo	items_of;		/* items of one row */
	int64		notes;			/* rows, over notes; 0 over mentions */
} profile_state;

static Oid
indicators_type(const char *name)
{
	Oid			oid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum(name),
									  ObjectIdGetDatum(get_namespace_oid("indicators", false)));

	if (!OidIsValid(oid))
		elog(ERROR, "type indicators.%s does not exist", name);
	return oid;
}

static Oid
indicators_function(const char *name, int nargs, const Oid *argtypes)
{
	return LookupFuncName(list_make2(makeString("indicators"), makeString(pstrdup(name))),
						  nargs, argtypes, false);
}

/* The group's state, made in the aggregate's context at its first row. */
static profile_state *
state_of(FunctionCallInfo fcinfo, const char *items_of, int nargs, const Oid *argtypes)
{
	MemoryContext aggcxt,
				old;
	profile_state *st;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("indicators.profile() state functions can only be called by the aggregate")));
	if (!PG_ARGISNULL(0))
		return (profile_state *) PG_GETARG_POINTER(0);
	old = MemoryContextSwitchTo(aggcxt);
	st = palloc0(sizeof(profile_state));
	st->item_type = indicators_type("profile_item");
	st->items = initArrayResult(st->item_type, aggcxt, false);
	fmgr_info_cxt(indicators_function(items_of, nargs, argtypes), &st->items_of, aggcxt);
	MemoryContextSwitchTo(old);
	return st;
}

/*
 * Calls the state's items function with this call's arguments after the
 * state (the row, seen_at) and, as a third, extra (the note's key).
 */
static Datum
items_of(FunctionCallInfo fcinfo, profile_state *st, int nargs, Datum extra, bool *isnull)
{
	LOCAL_FCINFO(call, 3);
	Datum		result;
	int			i;

	InitFunctionCallInfoData(*call, &st->items_of, nargs, fcinfo->fncollation, NULL, NULL);
	for (i = 0; i < nargs; i++)
	{
		bool		last_is_extra = (i == 2);

		call->args[i].value = last_is_extra ? extra : PG_GETARG_DATUM(i + 1);
		call->args[i].isnull = last_is_extra ? false : PG_ARGISNULL(i + 1);
	}
	result = FunctionCallInvoke(call);
	*isnull = call->isnull;
	return result;
}

static void
add_item(profile_state *st, Datum item)
{
	MemoryContext aggcxt = st->items->mcontext;

	/* accumArrayResult copies the item into the aggregate's context */
	accumArrayResult(st->items, item, false, st->item_type, aggcxt);
}

PG_FUNCTION_INFO_V1(indicators_profile_note_step);

/* profile_note_step(internal, note text, seen_at timestamptz) */
Datum
indicators_profile_note_step(PG_FUNCTION_ARGS)
{
	static const Oid args[3] = {TEXTOID, TIMESTAMPTZOID, TEXTOID};
	profile_state *st = state_of(fcinfo, "profile_note_items", 3, args);
	char		key[24];
	bool		isnull;
	Datum		items;

	st->notes++;
	if (!PG_ARGISNULL(1))
	{
		ArrayType  *a;
		Datum	   *elems;
		bool	   *nulls;
		int			n,
					i;
		int16		typlen;
		bool		typbyval;
		char		typalign;

		snprintf(key, sizeof(key), INT64_FORMAT, st->notes);
		items = items_of(fcinfo, st, 3, CStringGetTextDatum(key), &isnull);
		if (!isnull)
		{
			a = DatumGetArrayTypeP(items);
			get_typlenbyvalalign(st->item_type, &typlen, &typbyval, &typalign);
			deconstruct_array(a, st->item_type, typlen, typbyval, typalign, &elems, &nulls, &n);
			for (i = 0; i < n; i++)
				if (!nulls[i])
					add_item(st, elems[i]);
		}
	}
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(indicators_profile_mention_step);

/* profile_mention_step(internal, m indicators.mention, seen_at timestamptz) */
Datum
indicators_profile_mention_step(PG_FUNCTION_ARGS)
{
	Oid			args[2] = {get_fn_expr_argtype(fcinfo->flinfo, 1), TIMESTAMPTZOID};
	profile_state *st = state_of(fcinfo, "profile_mention_item", 2, args);
	bool		isnull;
	Datum		item;

	if (!PG_ARGISNULL(1))
	{
		item = items_of(fcinfo, st, 2, (Datum) 0, &isnull);
		if (!isnull)
			add_item(st, item);
	}
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(indicators_profile_finish);

/* profile_finish(internal) returns jsonb: profile_final(items, notes) */
Datum
indicators_profile_finish(PG_FUNCTION_ARGS)
{
	FmgrInfo   *final = fcinfo->flinfo->fn_extra;
	profile_state *st = PG_ARGISNULL(0) ? NULL : (profile_state *) PG_GETARG_POINTER(0);
	Oid			item_type = st ? st->item_type : indicators_type("profile_item");
	Datum		items;
	int			dims[1],
				lbs[1] = {1};

	LOCAL_FCINFO(call, 2);

	if (final == NULL)
	{
		Oid			args[2] = {get_array_type(item_type), INT8OID};

		final = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(FmgrInfo));
		fmgr_info_cxt(indicators_function("profile_final", 2, args), final, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = final;
	}
	if (st == NULL || st->items->nelems == 0)
		items = PointerGetDatum(construct_empty_array(item_type));
	else
	{
		dims[0] = st->items->nelems;
		/* not released: a window aggregate may finish the same state again */
		items = makeMdArrayResult(st->items, 1, dims, lbs, CurrentMemoryContext, false);
	}
	InitFunctionCallInfoData(*call, final, 2, fcinfo->fncollation, NULL, NULL);
	call->args[0].value = items;
	call->args[0].isnull = false;
	call->args[1].value = Int64GetDatum(st ? st->notes : 0);
	call->args[1].isnull = (st == NULL || st->notes == 0);
	items = FunctionCallInvoke(call);
	fcinfo->isnull = call->isnull;
	return items;
}
