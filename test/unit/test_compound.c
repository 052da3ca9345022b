/*
 * test_compound.c
 *	  Email addresses, URLs and phone numbers found whole; look-alikes
 *	  (dates, social security numbers, ZIP codes) not taken for them.
 */
#include "unit.h"

#include "../../src/compound.h"

/* "kind:text" of the compound at the start of s, or "none" */
static const char *
at_start(const char *s)
{
	static char out[512];
	static const char *const names[] = {"none", "email", "url", "phone"};
	ind_compound kind,
				kind_unmasked;
	unsigned	mask = ind_compounds_possible((const uint8_t *) s, strlen(s));
	size_t		end = ind_compound_at((const uint8_t *) s, strlen(s), 0, mask, &kind);

	/* the quick look never rules out what is there */
	if (ind_compound_at((const uint8_t *) s, strlen(s), 0, ~0u, &kind_unmasked) != end ||
		kind_unmasked != kind)
		return "quick look missed it";

	if (end == 0)
		return "none";
	snprintf(out, sizeof(out), "%s:%.*s", names[kind], (int) end, s);
	return out;
}

static const char *
digits(const char *s)
{
	static char out[32];

	if (ind_phone_digits((const uint8_t *) s, strlen(s), out) == 0)
		return "none";
	return out;
}

static void
test_emails(void)
{
	CHECK_STR(at_start("abc.def@x-y.com, then"), "email:abc.def@x-y.com");
	CHECK_STR(at_start("Youth.Name+ads@Mail.Example.ORG."), "email:Youth.Name+ads@Mail.Example.ORG");
	CHECK_STR(at_start("name@localhost"), "none");
	CHECK_STR(at_start("name@1.2.3.4"), "none");
	CHECK_STR(at_start("name.@example.com"), "none");
	CHECK_STR(at_start("@example.com"), "none");
	CHECK_STR(at_start("a@b.c"), "none");			/* a one-letter top-level domain */
}

static void
test_urls(void)
{
	CHECK_STR(at_start("http://ex.com/a?b=1 and"), "url:http://ex.com/a?b=1");
	CHECK_STR(at_start("HTTPS://Example.com/path."), "url:HTTPS://Example.com/path");
	CHECK_STR(at_start("www.example.com, see"), "url:www.example.com");
	/* a parenthesis the URL opened is its own; one it did not, is not */
	CHECK_STR(at_start("https://en.wikipedia.org/wiki/Rose_(color))."),
			  "url:https://en.wikipedia.org/wiki/Rose_(color)");
	CHECK_STR(at_start("(see https://a.example/x)"), "none");	/* not at the start */
	CHECK_STR(at_start("https://a.example/x)"), "url:https://a.example/x");
	CHECK_STR(at_start("http://"), "none");
	CHECK_STR(at_start("http://localhost/x"), "none");
	CHECK_STR(at_start("example.com"), "none");		/* no scheme, no www. */
}

static void
test_phones(void)
{
	CHECK_STR(at_start("555-123-4567 today"), "phone:555-123-4567");
	CHECK_STR(at_start("555.123.4567."), "phone:555.123.4567");
	CHECK_STR(at_start("555 123 4567"), "phone:555 123 4567");
	CHECK_STR(at_start("(555) 123-4567"), "phone:(555) 123-4567");
	CHECK_STR(at_start("(555)123-4567"), "phone:(555)123-4567");
	CHECK_STR(at_start("1-555-123-4567"), "phone:1-555-123-4567");
	CHECK_STR(at_start("+1 (555) 123-4567"), "phone:+1 (555) 123-4567");
	CHECK_STR(at_start("+44 20 7946 0958"), "phone:+44 20 7946 0958");
	CHECK_STR(at_start("123-4567"), "phone:123-4567");
	/* look-alikes */
	CHECK_STR(at_start("123 4567"), "none");			/* two groups need a dash or dot */
	CHECK_STR(at_start("2024-11-25"), "none");		/* a date */
	CHECK_STR(at_start("11-25-2024"), "none");
	CHECK_STR(at_start("123-45-6789"), "none");		/* a social security number */
	CHECK_STR(at_start("12345-6789"), "none");		/* ZIP+4 */
	CHECK_STR(at_start("5551234567"), "none");		/* a plain number: no separators */
	CHECK_STR(at_start("555-123-4567x"), "none");
	CHECK_STR(at_start("555-123-45678"), "none");
	CHECK_STR(at_start("+1234 55 66"), "none");		/* a country code of 4 digits */
	/* the digits it is found by, in any format */
	CHECK_STR(digits("(555) 123-4567"), "5551234567");
	CHECK_STR(digits("+1 555 123 4567"), "5551234567");
	CHECK_STR(digits("1-555-123-4567"), "5551234567");
	CHECK_STR(digits("+44 20 7946 0958"), "442079460958");
	CHECK_STR(digits("555-123-4567 and more"), "none");	/* not one whole number */
	CHECK_STR(digits("hello"), "none");
}

const unit_test compound_tests[] = {
	{"compound: email addresses", test_emails},
	{"compound: URLs", test_urls},
	{"compound: phone numbers, and what is not one", test_phones},
	{NULL, NULL}
};
