/*-------------------------------------------------------------------------
 * tsphone.c
 *	  The text-search dictionary template indicators.phone: a phone number
 *	  as the parser hands it out ("(555) 123-4567") becomes its digits
 *	  ("5551234567"), so that one search finds it in every format.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "tsearch/ts_public.h"

#include "compound.h"
#include "host.h"

PG_FUNCTION_INFO_V1(indicators_phone_lexize);

/*
 * LEXIZE(internal dict, internal token, internal length, internal state):
 * the digits, or NULL (the next dictionary's turn) for a token that is no
 * phone number.
 */
Datum
indicators_phone_lexize(PG_FUNCTION_ARGS)
{
	const char *token = (const char *) PG_GETARG_POINTER(1);
	int			len = PG_GETARG_INT32(2);
	char		digits[IND_PHONE_MAX_DIGITS + 1];
	ind_text	in;
	TSLexeme   *res;

	ind_pg_buf(token, (size_t) len, &in);
	if (ind_phone_digits(in.utf8, in.len, digits) == 0)
		PG_RETURN_POINTER(NULL);
	res = palloc0(sizeof(TSLexeme) * 2);
	res[0].lexeme = pstrdup(digits);
	PG_RETURN_POINTER(res);
}
