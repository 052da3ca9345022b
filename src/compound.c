/*-------------------------------------------------------------------------
 * compound.c
 *	  Email addresses, URLs and phone numbers: where one starting at a
 *	  given byte ends (see compound.h).
 *
 * Part of the pure core: no postgres.h.
 *
 * Phone numbers are read narrowly, so that dates, social security numbers,
 * ZIP codes and case numbers are not taken for them:
 *	 - North American: 3-3-4 digits ("555-123-4567", "555.123.4567",
 *	   "555 123 4567", "(555) 123-4567"), the same after a "1" ("1-555-123-
 *	   4567"), or 3-4 with a dash or a dot ("123-4567");
 *	 - international: "+", a country code of 1 to 3 digits, then at least
 *	   two groups of 1 to 4 digits, the first maybe in parentheses.
 * Groups are separated by one space, dash or dot; 7 to 15 digits in all;
 * no letter or digit may follow.  A number without separators is a plain
 * number token already, with the same digits as its lexeme.
 *-------------------------------------------------------------------------
 */
#include "compound.h"

#include <string.h>

#define MAX_GROUPS 8

static inline bool
is_digit(uint8_t c)
{
	return c >= '0' && c <= '9';
}

static inline bool
is_alnum(uint8_t c)
{
	return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* a character of an email address's local part (RFC 5322 atext, and '.') */
static inline bool
is_local(uint8_t c)
{
	switch (c)
	{
		case '!': case '#': case '$': case '%': case '&': case '\'':
		case '*': case '+': case '/': case '=': case '?': case '^':
		case '_': case '`': case '{': case '|': case '}': case '~':
		case '.': case '-':
			return true;
		default:
			return is_alnum(c);
	}
}

/* One DNS label at s[p]: returns its end, or p if there is none. */
static size_t
label_end(const uint8_t *s, size_t len, size_t p)
{
	size_t		q = p;

	if (q >= len || !is_alnum(s[q]))
		return p;
	while (q < len && (is_alnum(s[q]) || s[q] == '-') && q - p < 63)
		q++;
	while (q > p && s[q - 1] == '-')
		q--;
	return q;
}

/*
 * A host name of two or more labels at s[p], its last label letters:
 * returns its end, or 0.
 */
static size_t
host_end(const uint8_t *s, size_t len, size_t p)
{
	size_t		q = label_end(s, len, p),
				last = p,
				labels = 1,
				i;
	bool		letters = true;

	if (q == p)
		return 0;
	while (q + 1 < len && s[q] == '.')
	{
		size_t		r = label_end(s, len, q + 1);

		if (r == q + 1)
			break;
		last = q + 1;
		q = r;
		labels++;
	}
	for (i = last; i < q; i++)
		letters = letters && !is_digit(s[i]) && s[i] != '-';
	if (labels < 2 || !letters || q - last < 2)
		return 0;
	return q;
}

static size_t
email_end(const uint8_t *s, size_t len, size_t pos)
{
	size_t		p = pos,
				end;

	if (!is_alnum(s[p]))
		return 0;
	while (p < len && is_local(s[p]) && p - pos <= 64)
		p++;
	if (p >= len || s[p] != '@' || s[p - 1] == '.')
		return 0;
	end = host_end(s, len, p + 1);
	if (end == 0 || end - pos > 254)
		return 0;
	return end;
}

static bool
starts_with_ci(const uint8_t *s, size_t len, size_t p, const char *prefix)
{
	size_t		n = strlen(prefix),
				i;

	if (len - p < n)
		return false;
	for (i = 0; i < n; i++)
		if ((s[p + i] | (is_alnum(s[p + i]) ? 0x20 : 0)) != (uint8_t) prefix[i])
			return false;
	return true;
}

static size_t
url_end(const uint8_t *s, size_t len, size_t pos)
{
	size_t		p = pos,
				q;
	int			open = 0;

	if (starts_with_ci(s, len, p, "https://"))
		p += 8;
	else if (starts_with_ci(s, len, p, "http://"))
		p += 7;
	else if (!starts_with_ci(s, len, p, "www."))
		return 0;
	q = host_end(s, len, p);
	if (q == 0)
		return 0;
	/* port, path, query, fragment: up to white space or a quote */
	while (q < len && s[q] > ' ' && s[q] != 0x7F && strchr("<>\"`", s[q]) == NULL)
	{
		open += (s[q] == '(') - (s[q] == ')');
		q++;
	}
	/*
	 * punctuation that ends the sentence rather than the URL, and closing
	 * parentheses that close none the URL opened
	 */
	for (;;)
	{
		if (q > p && strchr(".,;:!?'*]", s[q - 1]) != NULL)
			q--;
		else if (q > p && s[q - 1] == ')' && open < 0)
		{
			q--;
			open++;
		}
		else
			break;
	}
	if (q - pos > IND_COMPOUND_MAX)
		return 0;
	return q;
}

/*
 * Reads digit groups at s[pos]; fills group sizes and the digits.  Returns
 * the end, or 0 when it is no phone number.
 */
static size_t
phone_end(const uint8_t *s, size_t len, size_t pos, char *digits, int *ndigits)
{
	int			group[MAX_GROUPS],
				ngroups = 0,
				total = 0;
	bool		plus = false,
				paren_seen = false,
				dash_or_dot = false;
	size_t		p = pos;

	if (s[p] == '+')
	{
		plus = true;
		p++;
	}
	for (;;)
	{
		bool		paren = false;
		int			n = 0;

		if (p < len && s[p] == '(' && !paren_seen && ngroups == (plus ? 1 : 0))
		{
			paren = paren_seen = true;
			p++;
		}
		while (p < len && is_digit(s[p]))
		{
			if (total + n < IND_PHONE_MAX_DIGITS + 2)
				digits[total + n] = (char) s[p];
			n++;
			p++;
		}
		if (n == 0 || n > 4 || ngroups == MAX_GROUPS)
			return 0;
		group[ngroups++] = n;
		total += n;
		if (paren)
		{
			if (p >= len || s[p] != ')')
				return 0;
			p++;
			/* "(555)123-4567": no separator needed after the parenthesis */
			if (p < len && is_digit(s[p]))
				continue;
		}
		if (p + 1 < len && (s[p] == ' ' || s[p] == '-' || s[p] == '.') &&
			(is_digit(s[p + 1]) || (s[p + 1] == '(' && !paren_seen)))
		{
			dash_or_dot = dash_or_dot || s[p] != ' ';
			p++;
			continue;
		}
		break;
	}
	if (p < len && is_alnum(s[p]))
		return 0;
	if (total < 7 || total > IND_PHONE_MAX_DIGITS || ngroups < 2)
		return 0;
	if (plus)
	{
		if (group[0] > 3 || ngroups < 3)
			return 0;
	}
	else if (ngroups == 4 && group[0] == 1 && digits[0] == '1' &&
			 group[1] == 3 && group[2] == 3 && group[3] == 4)
		;						/* 1-555-123-4567 */
	else if (ngroups == 3 && group[0] == 3 && group[1] == 3 && group[2] == 4)
		;						/* 555-123-4567 */
	else if (ngroups == 2 && group[0] == 3 && group[1] == 4 && dash_or_dot && !paren_seen)
		;						/* 123-4567 */
	else
		return 0;
	*ndigits = total;
	return p;
}

unsigned
ind_compounds_possible(const uint8_t *s, size_t len)
{
	unsigned	mask = 0;
	size_t		digits = 0,
				i;

	for (i = 0; i < len; i++)
	{
		if (s[i] == '@')
			mask |= IND_COMPOUND_BIT(IND_COMPOUND_EMAIL);
		else if (s[i] == '.' && i >= 3 && (s[i - 1] | 0x20) == 'w' &&
				 (s[i - 2] | 0x20) == 'w' && (s[i - 3] | 0x20) == 'w')
			mask |= IND_COMPOUND_BIT(IND_COMPOUND_URL);
		else if (s[i] == '/' && i >= 1 && s[i - 1] == ':')
			mask |= IND_COMPOUND_BIT(IND_COMPOUND_URL);
		else if (is_digit(s[i]) && ++digits == 7)
			mask |= IND_COMPOUND_BIT(IND_COMPOUND_PHONE);
	}
	return mask;
}

size_t
ind_compound_at(const uint8_t *s, size_t len, size_t pos, unsigned mask,
				ind_compound *kind)
{
	size_t		end = 0;
	char		digits[IND_PHONE_MAX_DIGITS + 2];
	int			n;
	uint8_t		c;

	*kind = IND_COMPOUND_NONE;
	if (pos >= len)
		return 0;
	c = s[pos];
	if ((mask & IND_COMPOUND_BIT(IND_COMPOUND_URL)) && ((c | 0x20) == 'h' || (c | 0x20) == 'w') &&
		(end = url_end(s, len, pos)) != 0)
		*kind = IND_COMPOUND_URL;
	else if ((mask & IND_COMPOUND_BIT(IND_COMPOUND_EMAIL)) && is_alnum(c) &&
			 (end = email_end(s, len, pos)) != 0)
		*kind = IND_COMPOUND_EMAIL;
	else if ((mask & IND_COMPOUND_BIT(IND_COMPOUND_PHONE)) &&
			 (is_digit(c) || c == '+' || c == '(') &&
			 (end = phone_end(s, len, pos, digits, &n)) != 0)
		*kind = IND_COMPOUND_PHONE;
	return end;
}

int
ind_phone_digits(const uint8_t *s, size_t len, char *out)
{
	char		digits[IND_PHONE_MAX_DIGITS + 2];
	int			n = 0,
				from = 0;

	if (len == 0 || phone_end(s, len, 0, digits, &n) != len)
		return 0;
	/* North America: "+1 555 ..." and "1-555-..." are "555..." */
	if (n == 11 && digits[0] == '1')
		from = 1;
	memcpy(out, digits + from, n - from);
	out[n - from] = '\0';
	return n - from;
}
