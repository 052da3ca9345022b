/*-------------------------------------------------------------------------
 * compound.h
 *	  Email addresses, URLs and phone numbers: where one starting at a
 *	  given byte ends.
 *
 * The tokenizer splits them into words, numbers and punctuation (the
 * matcher wants "skipthegames" out of "skipthegames.com/..."); the
 * text-search parser also hands them out whole, so that one can be found
 * by its exact text, and a phone number by its digits in any format.
 *
 * Part of the pure core: no postgres.h.
 *-------------------------------------------------------------------------
 */
#ifndef INDICATORS_COMPOUND_H
#define INDICATORS_COMPOUND_H

#include "core.h"

typedef enum ind_compound
{
	IND_COMPOUND_NONE = 0,
	IND_COMPOUND_EMAIL,			/* name@example.org */
	IND_COMPOUND_URL,			/* http://..., https://..., www.... */
	IND_COMPOUND_PHONE			/* (555) 123-4567, +44 20 7946 0958 */
} ind_compound;

/* Longest compound read (MAXSTRLEN of a lexeme is 2047 bytes). */
#define IND_COMPOUND_MAX 2000

/* Most digits of a phone number (E.164), and its normalized form's size. */
#define IND_PHONE_MAX_DIGITS 15

/* Which kinds a text may hold (a quick look at it), as a mask of bits. */
#define IND_COMPOUND_BIT(kind) (1u << (kind))
extern unsigned ind_compounds_possible(const uint8_t *s, size_t len);

/*
 * If an email address, URL or phone number (of the kinds in mask) starts
 * at s[pos], returns the offset just past its end and sets *kind;
 * otherwise returns 0.  ASCII only, except that a URL's path may hold any
 * bytes but spaces and controls.
 */
extern size_t ind_compound_at(const uint8_t *s, size_t len, size_t pos,
							  unsigned mask, ind_compound *kind);

/*
 * The digits by which a phone number is found, whatever its format, into
 * out (room for IND_PHONE_MAX_DIGITS + 1, NUL-terminated): its digits,
 * without the North American "1" before a ten-digit number.  Returns how
 * many, or 0 if s[0..len) is not one whole phone number.
 */
extern int	ind_phone_digits(const uint8_t *s, size_t len, char *out);

#endif							/* INDICATORS_COMPOUND_H */
