/*-------------------------------------------------------------------------
 * tsdict.c
 *	  The text-search dictionary template indicators.terms: lexicon terms,
 *	  phrases included, become their indicator codes as lexemes.
 *
 * Options:
 *	 Indicators = 'code, category, ...'	which codes the dictionary emits
 *										(default: all)
 *	 Dictionary = name					a dictionary for the words of a
 *										mention (english_stem), so that they
 *										stay searchable as words
 *
 * A mention is one or more tokens.  The first token of a mention makes the
 * dictionary ask for the next ones (DictSubState.getnext, the protocol of
 * the thesaurus dictionary) until the mention, and every mention that
 * overlaps it, has been read: that run of tokens is a window.  The window's
 * result puts each token's words (from the Dictionary option) at the
 * token's own position, so phrase searches on words keep their distances,
 * and the codes at the positions of tokens that have no word of their own
 * (stop words: "the" of "the life"), or else with the first token.
 *
 * Which tokens start a mention and how far it goes comes from one of two
 * places:
 *	 - the note the parser indicators.parser is reading (textsearch.h):
 *	   its mentions that count, context and all, as flags() sees them;
 *	 - otherwise (ts_lexize(), another parser) the dictionary matches the
 *	   tokens itself, with the same matcher and no context: it asks for
 *	   tokens while a phrase under way could still go on.
 *
 * The dictionary never returns a result while it still asks for tokens
 * (a tentative result, in ts_parse.c's words): the core would keep that
 * result past a window cut short by a token of another dictionary's type.
 * A window ends on its own last token instead, or, when nothing matched,
 * with no result, and the core reads its tokens again with the next
 * dictionaries.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "commands/defrem.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "nodes/pg_list.h"
#include "tsearch/ts_cache.h"
#include "tsearch/ts_public.h"
#include "tsearch/ts_utils.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/regproc.h"

#include "call.h"
#include "textsearch.h"

typedef struct terms_dict
{
	int			ncodes;			/* -1: every indicator */
	char	  **codes;
	Oid			subdict;		/* InvalidOid: none */
} terms_dict;

/* The tokens of a window, and the codes of its mentions. */
typedef struct window
{
	const ind_ts_note *note;	/* the parser's note, or NULL */
	size_t		end;			/* with a note: where the last token ends */
	int			ntok;
	int			tokcap;
	char	  **tok;
	int		   *len;
	int			ncodes;
	int			codecap;
	const char **codes;
} window;

PGDLLEXPORT Datum indicators_terms_lexize(PG_FUNCTION_ARGS);

/* Adds name's indicators (a code, or every code of a category) to d. */
static bool
add_named(terms_dict *d, const ind_lexicons *lx, const char *name)
{
	const ind_lexicon *lex = lx->terms;
	bool		found = false;
	int			i,
				k;

	for (i = 0; i < lex->nindicators; i++)
	{
		if (strcmp(lex->indicators[i], name) != 0 && strcmp(lx->categories[i], name) != 0)
			continue;
		found = true;
		for (k = 0; k < d->ncodes; k++)
			if (strcmp(d->codes[k], lex->indicators[i]) == 0)
				break;
		if (k == d->ncodes)
			d->codes[d->ncodes++] = pstrdup(lex->indicators[i]);
	}
	return found;
}

/* Reads the Indicators option: codes and categories, by commas or spaces. */
static void
read_indicators(terms_dict *d, const char *value)
{
	const ind_lexicons *lx = ind_cache_lexicons();
	char	   *list = pstrdup(value);
	char	   *name;
	char	   *save = NULL;

	d->ncodes = 0;
	d->codes = palloc(sizeof(char *) * (lx->terms->nindicators + 1));
	for (name = strtok_r(list, ", \t\n", &save); name != NULL;
		 name = strtok_r(NULL, ", \t\n", &save))
	{
		/* dump files turn checks off: a local code may come back later */
		if (!add_named(d, lx, name) && check_function_bodies)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("unknown indicator or category \"%s\"", ind_pg_shown(name)),
					 errhint("The codes and categories are in indicators.indicator.")));
	}
	if (d->ncodes == 0 && check_function_bodies)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the Indicators option names no indicator"),
				 errhint("Name codes or categories, separated by commas: Indicators = 'escort_ads, exploitation_slang'.")));
}

PG_FUNCTION_INFO_V1(indicators_terms_init);

/* INIT(internal options) returns internal */
Datum
indicators_terms_init(PG_FUNCTION_ARGS)
{
	List	   *options = (List *) PG_GETARG_POINTER(0);
	terms_dict *d = palloc0(sizeof(terms_dict));
	ListCell   *l;

	d->ncodes = -1;
	foreach(l, options)
	{
		DefElem    *def = (DefElem *) lfirst(l);

		if (pg_strcasecmp(def->defname, "indicators") == 0)
			read_indicators(d, defGetString(def));
		else if (pg_strcasecmp(def->defname, "dictionary") == 0)
		{
			TSDictionaryCacheEntry *sub;

			d->subdict = get_ts_dict_oid(stringToQualifiedNameList(defGetString(def)), false);
			sub = lookup_ts_dictionary_cache(d->subdict);
			if (sub->lexize.fn_addr == indicators_terms_lexize)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("the Dictionary option cannot name a dictionary of template indicators.terms"),
						 errhint("Name a dictionary for single words, such as english_stem or simple.")));
		}
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unrecognized indicators.terms parameter: \"%s\"", ind_pg_shown(def->defname)),
					 errhint("The parameters are Indicators and Dictionary.")));
	}
	PG_RETURN_POINTER(d);
}

static bool
wanted(const terms_dict *d, const char *code)
{
	int			i;

	if (d->ncodes < 0)
		return true;
	for (i = 0; i < d->ncodes; i++)
		if (strcmp(d->codes[i], code) == 0)
			return true;
	return false;
}

static void
add_code(window *w, const char *code)
{
	int			i;

	for (i = 0; i < w->ncodes; i++)
		if (strcmp(w->codes[i], code) == 0)
			return;
	if (w->ncodes == w->codecap)
	{
		w->codecap = w->codecap ? 2 * w->codecap : 4;
		w->codes = w->codes ? repalloc(w->codes, sizeof(char *) * w->codecap) :
			palloc(sizeof(char *) * w->codecap);
	}
	w->codes[w->ncodes++] = code;
}

static void
add_token(window *w, char *token, int len)
{
	if (w->ntok == w->tokcap)
	{
		w->tokcap = w->tokcap ? 2 * w->tokcap : 8;
		w->tok = w->tok ? repalloc(w->tok, sizeof(char *) * w->tokcap) :
			palloc(sizeof(char *) * w->tokcap);
		w->len = w->len ? repalloc(w->len, sizeof(int) * w->tokcap) :
			palloc(sizeof(int) * w->tokcap);
	}
	w->tok[w->ntok] = token;
	w->len[w->ntok++] = len;
}

static call_state *alone_state(void);

static int
count_lexemes(const TSLexeme *l)
{
	int			n = 0;

	while (l && l[n].lexeme)
		n++;
	return n;
}

/* What the Dictionary option's dictionary makes of one word. */
static TSLexeme *
sub_lexize(const terms_dict *d, const char *word, int len)
{
	TSDictionaryCacheEntry *sub = lookup_ts_dictionary_cache(d->subdict);
	DictSubState state = {false, false, NULL};

	return (TSLexeme *) DatumGetPointer(FunctionCall4(&sub->lexize,
													  PointerGetDatum(sub->dictData),
													  PointerGetDatum(word),
													  Int32GetDatum(len),
													  PointerGetDatum(&state)));
}

/*
 * The words of one token, from the Dictionary option (NULL: none).  A
 * token of the parser's note is one word; any other (ts_lexize('hotel key
 * card'), another parser's "key-card") is split into the matcher's words.
 */
static TSLexeme *
words_of(const terms_dict *d, const window *w, char *token, int len)
{
	ind_text	in;
	ind_tokenizer *t;
	ind_token	tok;
	TSLexeme   *all = NULL;
	int			n = 0;

	if (!OidIsValid(d->subdict))
		return NULL;
	if (w->note)
		return sub_lexize(d, token, len);
	ind_pg_buf(token, (size_t) len, &in);
	t = palloc(sizeof(ind_tokenizer));
	ind_tok_begin(t, alone_state()->env, ind_pg_norm(), in.utf8, in.len,
				  in.byte_positions, false);
	while (ind_tok_next(t, &tok))
	{
		size_t		from = ind_pg_offset(&in, tok.start, tok.cstart);
		TSLexeme   *l;
		int			k;

		if (tok.type != IND_TOK_WORD && tok.type != IND_TOK_NUMBER && tok.type != IND_TOK_EMOJI)
			continue;
		l = sub_lexize(d, token + from, (int) (ind_pg_offset(&in, tok.end, tok.cend) - from));
		k = count_lexemes(l);
		if (k == 0)
			continue;
		all = all ? repalloc(all, sizeof(TSLexeme) * (n + k + 1)) :
			palloc(sizeof(TSLexeme) * (k + 1));
		memcpy(all + n, l, sizeof(TSLexeme) * k);
		n += k;
		all[n].lexeme = NULL;
	}
	return all;
}

/*
 * Appends one lexeme; addpos moves it to the next position.  The lexeme
 * is the caller's, as out is (made in the context the dictionary was
 * called in: the caller frees them).
 */
static void
put_lexeme(TSLexeme *out, int *n, const char *lexeme, uint16 nvariant, uint16 flags)
{
	out[*n].lexeme = MemoryContextStrdup(GetMemoryChunkContext(out), lexeme);
	out[*n].nvariant = nvariant;
	out[*n].flags = flags;
	(*n)++;
}

/* The window's codes at one position (each its own variant). */
static void
put_codes(TSLexeme *out, int *n, const window *w, bool addpos)
{
	int			i;

	for (i = 0; i < w->ncodes; i++)
		put_lexeme(out, n, w->codes[i], (uint16) (i + 1),
				   (addpos && i == 0) ? TSL_ADDPOS : 0);
}

/*
 * What a window gives: see the head comment.  The words of its tokens are
 * found in a memory context of the backend's, emptied here: to_tsvector()
 * keeps whatever a dictionary leaves in its context until the whole note is
 * read.
 */
static TSLexeme *
window_result(const terms_dict *d, const window *w)
{
	static MemoryContext words_cxt = NULL;	/* the backend's, reset after each use */
	MemoryContext caller = CurrentMemoryContext;
	TSLexeme  **words;
	int		   *nwords;
	int			total = w->ncodes,
				silent = 0,
				n = 0,
				i,
				k;
	TSLexeme   *out;

	if (words_cxt == NULL)
		words_cxt = AllocSetContextCreate(TopMemoryContext, "indicators dictionary words",
										  ALLOCSET_SMALL_SIZES);
	/* (what an error left in it goes now) */
	MemoryContextReset(words_cxt);
	MemoryContextSwitchTo(words_cxt);
	words = palloc(sizeof(TSLexeme *) * w->ntok);
	nwords = palloc(sizeof(int) * w->ntok);
	for (i = 0; i < w->ntok; i++)
	{
		words[i] = words_of(d, w, w->tok[i], w->len[i]);
		nwords[i] = count_lexemes(words[i]);
		total += nwords[i] + w->ncodes;
		silent += nwords[i] == 0;
	}
	MemoryContextSwitchTo(caller);
	out = palloc0(sizeof(TSLexeme) * (total + 1));
	if (!OidIsValid(d->subdict))
	{
		put_codes(out, &n, w, false);
		MemoryContextReset(words_cxt);
		return out;
	}
	for (i = 0; i < w->ntok; i++)
	{
		bool		addpos = i > 0;

		if (nwords[i] == 0 || (i == 0 && silent == 0))
		{
			put_codes(out, &n, w, addpos);
			addpos = false;
		}
		for (k = 0; k < nwords[i]; k++)
		{
			put_lexeme(out, &n, words[i][k].lexeme,
					   (uint16) (w->ncodes + 1 + words[i][k].nvariant),
					   (words[i][k].flags & TSL_PREFIX) | ((addpos && k == 0) ? TSL_ADDPOS : 0));
		}
	}
	MemoryContextReset(words_cxt);
	return out;
}

/*
 * The window's lexemes (none if it has no codes); the window is freed (it
 * is never used again: the next token starts afresh).
 */
static Datum
finish_window(const terms_dict *d, window *w)
{
	TSLexeme   *out = w->ncodes ? window_result(d, w) : NULL;
	int			i;

	if (w->note == NULL)
	{
		for (i = 0; i < w->ntok; i++)
			pfree(w->tok[i]);
		for (i = 0; i < w->ncodes; i++)
			pfree(unconstify(char *, w->codes[i]));
	}
	if (w->tok)
		pfree(w->tok);
	if (w->len)
		pfree(w->len);
	if (w->codes)
		pfree(w->codes);
	pfree(w);
	return PointerGetDatum(out);
}

/*
 * With the parser's note: the mentions that count and start at this
 * token, and those that overlap them, make the window.
 */
static window *
window_from_note(const terms_dict *d, const ind_ts_note *note, size_t at)
{
	window	   *w = NULL;
	int			lo = 0,
				hi = note->nmentions,
				i;
	size_t		end = 0;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (note->mentions[mid].start < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < note->nmentions && note->mentions[i].start == at; i++)
	{
		if (!wanted(d, note->mentions[i].code))
			continue;
		if (w == NULL)
			w = palloc0(sizeof(window));
		add_code(w, note->mentions[i].code);
		end = Max(end, note->mentions[i].end);
	}
	if (w == NULL)
		return NULL;
	for (; i < note->nmentions && note->mentions[i].start < end; i++)
	{
		if (!wanted(d, note->mentions[i].code))
			continue;
		add_code(w, note->mentions[i].code);
		end = Max(end, note->mentions[i].end);
	}
	w->note = note;
	w->end = end;
	return w;
}

/* The backend's scanner for tokens that come with no note. */
static call_state *
alone_state(void)
{
	static call_state *st = NULL;

	if (st == NULL)
	{
		MemoryContext cxt = AllocSetContextCreate(TopMemoryContext,
												  "indicators dictionary",
												  ALLOCSET_SMALL_SIZES);

		st = ind_call_state_create(cxt);
	}
	else
		ind_call_refresh(st);
	return st;
}

typedef struct alone_scan
{
	const terms_dict *d;
	const ind_lexicon *lex;
	window	   *w;
} alone_scan;

static bool
alone_mention(void *arg, const ind_mention *m)
{
	alone_scan *a = arg;
	const char *code = a->lex->indicators[a->lex->terms[m->term].indicator];

	if (wanted(a->d, code))
		add_code(a->w, pstrdup(code));
	return true;
}

/*
 * Without a note: matches the window's tokens, joined by spaces; returns
 * whether a phrase under way could go on in the next token.
 */
static bool
match_alone(const terms_dict *d, window *w)
{
	call_state *st = alone_state();
	StringInfoData text;
	ind_text	in;
	alone_scan	a = {d, st->lx->terms, w};
	int			i;

	initStringInfo(&text);
	for (i = 0; i < w->ntok; i++)
	{
		if (i > 0)
			appendStringInfoChar(&text, ' ');
		appendBinaryStringInfo(&text, w->tok[i], w->len[i]);
	}
	ind_pg_buf(text.data, (size_t) text.len, &in);
	w->ncodes = 0;
	ind_scan(st->sc, a.lex, in.utf8, in.len, in.byte_positions, alone_mention, &a);
	pfree(text.data);
	return st->sc->open_at_end;
}

PG_FUNCTION_INFO_V1(indicators_terms_lexize);

/* LEXIZE(internal dict, internal token, internal length, internal state) */
Datum
indicators_terms_lexize(PG_FUNCTION_ARGS)
{
	terms_dict *d = (terms_dict *) PG_GETARG_POINTER(0);
	char	   *token = (char *) PG_GETARG_POINTER(1);
	int			len = PG_GETARG_INT32(2);
	DictSubState *ds = (DictSubState *) PG_GETARG_POINTER(3);
	window	   *w = ds ? (window *) ds->private_state : NULL;
	const ind_ts_note *note;

	if (ds)
		ds->getnext = false;

	/* a window under way */
	if (w != NULL)
	{
		if (ds->isend)
			return finish_window(d, w);
		if (w->note)
		{
			/* a token from elsewhere cannot be part of the note's window */
			if (ind_ts_note_of(token) != w->note)
				return finish_window(d, w);
			add_token(w, token, len);
			if ((size_t) (token - w->note->buf) + len < w->end)
			{
				ds->getnext = true;
				return (Datum) 0;
			}
			return finish_window(d, w);
		}
		add_token(w, pnstrdup(token, len), len);
		if (match_alone(d, w))
		{
			ds->getnext = true;
			return (Datum) 0;
		}
		return finish_window(d, w);
	}

	/* a token of the note the parser is reading: its mentions decide */
	note = ind_ts_note_of(token);
	if (note)
	{
		size_t		at = (size_t) (token - note->buf);

		w = window_from_note(d, note, at);
		if (w == NULL)
			return (Datum) 0;
		add_token(w, token, len);
		if (at + len >= w->end || ds == NULL)
			return finish_window(d, w);
		ds->getnext = true;
		ds->private_state = w;
		return (Datum) 0;
	}

	/* any other token: matched here, without context */
	w = palloc0(sizeof(window));
	add_token(w, pnstrdup(token, len), len);
	if (match_alone(d, w) && ds != NULL)
	{
		ds->getnext = true;
		ds->private_state = w;
		return (Datum) 0;
	}
	return finish_window(d, w);
}
