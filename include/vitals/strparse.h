/* Strict parsers for numbers and calendar dates (no atoi, no locale). */
#ifndef VITALS_STRPARSE_H
#define VITALS_STRPARSE_H

#include <stdbool.h>
#include <stdint.h>

#include "vitals/error.h"

/*
 * Each parser accepts the whole string or nothing: no leading or trailing
 * space, no trailing garbage.  On failure it returns VT_EINVAL and leaves
 * '*out' untouched.
 */
VT_MUST_USE
enum vt_err vt_parse_int64(const char *s, int64_t *out);

/* The value of hex digit 'c' (0-9, a-f, A-F), or -1. */
int vt_hex_value(char c);

/* Whether 's' says nothing: NULL, empty, or only spaces, tabs, line
   breaks and no-break spaces (U+00A0, as spreadsheets paste them). */
bool vt_text_blank(const char *s);

/* A finite decimal number in the C locale ("12", "-3.5", "1e3"). */
VT_MUST_USE
enum vt_err vt_parse_double(const char *s, double *out);

struct vt_date {
	int year;	/* 1900..9999 */
	int month;	/* 1..12 */
	int day;	/* 1..31 */
};

/* "YYYY-MM-DD", a date that exists (2023-02-29 is refused). */
VT_MUST_USE
enum vt_err vt_parse_date(const char *s, struct vt_date *out);

/* A date as people read it, "5 December 2026", from text that begins
   "YYYY-MM-DD" (a timestamp too); the text itself when it does not. */
#define VT_DATE_WORDS_MAX 32
void vt_date_words(const char *s, char out[VT_DATE_WORDS_MAX]);

/* A timestamp as people read it, "23 November 2026, 10:00" (the time of
   day as the timestamp has it); a date alone as vt_date_words. */
#define VT_TIME_WORDS_MAX (VT_DATE_WORDS_MAX + 8)
void vt_time_words(const char *s, char out[VT_TIME_WORDS_MAX]);

/*
 * A UTC timestamp ("2026-12-05T14:05:00Z", as the clock writes them) as
 * the day and minute of the day in Europe/London: British Summer Time
 * from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October.  VT_EINVAL when 's' is not such a timestamp.
 */
VT_MUST_USE
enum vt_err vt_time_london(const char *s, struct vt_date *day, int *minute);

/* The same as GOV.UK writes it: "5 December 2026 at 2:05pm", "at
   midday", "at midnight"; the text itself when it is not a timestamp. */
void vt_time_london_words(const char *s, char out[VT_TIME_WORDS_MAX]);

int vt_days_in_month(int year, int month);
bool vt_is_leap_year(int year);

/* Days since 1970-01-01 (negative before) and back. */
long vt_date_to_days(const struct vt_date *d);
void vt_date_from_days(long days, struct vt_date *out);

/* Days from 'from' to 'to' (both YYYY-MM-DD); VT_EINVAL if either is not
   a date. */
VT_MUST_USE
enum vt_err vt_days_between(const char *from, const char *to, long *out);

/* 1 = Monday .. 7 = Sunday. */
int vt_date_weekday(const struct vt_date *d);

/* Writes "YYYY-MM-DD" and a NUL into 'out' (11 bytes). */
void vt_date_format(const struct vt_date *d, char out[11]);

/* A spreadsheet column's letters: "A", "Z", "AA" ... "XFD" for 1 ..
   16384; "" for 0 or less. */
void vt_column_letters(long col, char out[8]);

/* Whether 'needle' is in 'hay' (NULL: never), ignoring ASCII case: a
   search box's match (strcasestr is not portable). */
bool vt_text_has(const char *hay, const char *needle);

#endif
