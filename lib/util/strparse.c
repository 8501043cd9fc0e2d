/* Strict parsers for numbers and calendar dates (whole string or nothing). */
#include "vitals/strparse.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

enum vt_err vt_parse_int64(const char *s, int64_t *out)
{
	const char *p;
	char *end;
	long long v;

	if (!s || !out)
		return VT_EINVAL;
	/*
	 * strtoll alone would accept leading space and '+', so check the
	 * shape first: an optional '-' and then only digits.
	 */
	p = s[0] == '-' ? s + 1 : s;
	if (!*p)
		return VT_EINVAL;
	for (; *p; p++)
		if (!is_digit(*p))
			return VT_EINVAL;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno == ERANGE || end == s || *end)
		return VT_EINVAL;
#if LLONG_MAX > INT64_MAX
	if (v > INT64_MAX || v < INT64_MIN)
		return VT_EINVAL;
#endif
	*out = (int64_t)v;
	return VT_OK;
}

/*
 * Decimal only: -?DIGITS[.DIGITS][(e|E)[+-]DIGITS], at least one digit
 * before the exponent.  Checking this first keeps strtod from taking
 * "inf", "nan", hex floats, leading space or '+'.
 */
static bool is_decimal_number(const char *p)
{
	int mantissa = 0;

	if (*p == '-')
		p++;
	for (; is_digit(*p); p++)
		mantissa++;
	if (*p == '.')
		for (p++; is_digit(*p); p++)
			mantissa++;
	if (!mantissa)
		return false;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!is_digit(*p))
			return false;
		while (is_digit(*p))
			p++;
	}
	return *p == '\0';
}

enum vt_err vt_parse_double(const char *s, double *out)
{
	char *end;
	double v;

	if (!s || !out || !is_decimal_number(s))
		return VT_EINVAL;
	/*
	 * The library never calls setlocale(), so strtod sees the C locale
	 * and '.' is the decimal point.
	 */
	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end)
		return VT_EINVAL;
	/* ERANGE also flags underflow; only overflow loses the value. */
	if (errno == ERANGE && (v == HUGE_VAL || v == -HUGE_VAL))
		return VT_EINVAL;
	if (!isfinite(v))
		return VT_EINVAL;
	*out = v;
	return VT_OK;
}

bool vt_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int vt_days_in_month(int year, int month)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && vt_is_leap_year(year))
		return 29;
	return days[month - 1];
}

/* 'n' digits at 's' as a number; the caller has checked they are digits. */
static int digits_value(const char *s, int n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

enum vt_err vt_parse_date(const char *s, struct vt_date *out)
{
	struct vt_date d;
	int i;

	if (!s || !out)
		return VT_EINVAL;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return VT_EINVAL;
		} else if (!is_digit(s[i])) {
			/* Also stops at the NUL of a short string. */
			return VT_EINVAL;
		}
	}
	if (s[10])
		return VT_EINVAL;

	d.year = digits_value(s, 4);
	d.month = digits_value(s + 5, 2);
	d.day = digits_value(s + 8, 2);
	if (d.year < 1900 || d.month < 1 || d.month > 12 || d.day < 1 ||
	    d.day > vt_days_in_month(d.year, d.month))
		return VT_EINVAL;
	*out = d;
	return VT_OK;
}

/*
 * Howard Hinnant's days_from_civil: counts in 400-year eras of 146097
 * days with years starting on 1 March, so the leap day is the last day
 * of its year.  719468 is the day number of 1970-01-01 from 0000-03-01.
 */
long vt_date_to_days(const struct vt_date *d)
{
	long y = (long)d->year - (d->month <= 2);
	long m = d->month;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d->day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

enum vt_err vt_days_between(const char *from, const char *to, long *out)
{
	struct vt_date a, b;

	if (!from || !to || vt_parse_date(from, &a) || vt_parse_date(to, &b))
		return VT_EINVAL;
	*out = vt_date_to_days(&b) - vt_date_to_days(&a);
	return VT_OK;
}

/*
 * Beyond about a million years either way the result could not be held
 * in an int year anyway; clamping keeps the arithmetic defined.
 */
#define VT_DAYS_LIMIT (365L * 1000000L)

/* Howard Hinnant's civil_from_days, the inverse of the above. */
void vt_date_from_days(long days, struct vt_date *out)
{
	long z, era, doe, yoe, y, doy, mp, m;

	if (days > VT_DAYS_LIMIT)
		days = VT_DAYS_LIMIT;
	if (days < -VT_DAYS_LIMIT)
		days = -VT_DAYS_LIMIT;
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	m = mp < 10 ? mp + 3 : mp - 9;

	out->year = (int)(y + (m <= 2));
	out->month = (int)m;
	out->day = (int)(doy - (153 * mp + 2) / 5 + 1);
}

int vt_date_weekday(const struct vt_date *d)
{
	/* Day 0 (1970-01-01) was a Thursday, weekday 4. */
	long r = vt_date_to_days(d) % 7;

	return (int)((r + 10) % 7) + 1;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void vt_date_format(const struct vt_date *d, char out[11])
{
	/* Clamped so the text is always exactly ten characters. */
	snprintf(out, 11, "%04d-%02d-%02d", clamp(d->year, 0, 9999),
		 clamp(d->month, 0, 99), clamp(d->day, 0, 99));
}

int vt_hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool vt_text_blank(const char *s)
{
	while (s && *s) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if ((unsigned char)s[0] == 0xc2 &&
			 (unsigned char)s[1] == 0xa0)
			s += 2;
		else
			return false;
	}
	return true;
}

void vt_column_letters(long col, char out[8])
{
	char tmp[8];
	int n = 0, i;

	while (col > 0 && n < 7) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

void vt_date_words(const char *s, char out[VT_DATE_WORDS_MAX])
{
	static const char *const months[12] = {
		"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November",
		"December" };
	char ymd[11];
	struct vt_date d;

	snprintf(ymd, sizeof(ymd), "%s", s ? s : "");
	if (vt_parse_date(ymd, &d)) {
		snprintf(out, VT_DATE_WORDS_MAX, "%s", s ? s : "");
		return;
	}
	snprintf(out, VT_DATE_WORDS_MAX, "%d %s %d", d.day,
		 months[d.month - 1], d.year);
}

void vt_time_words(const char *s, char out[VT_TIME_WORDS_MAX])
{
	char day[VT_DATE_WORDS_MAX];

	vt_date_words(s, day);
	snprintf(out, VT_TIME_WORDS_MAX, "%s%s%.5s", day,
		 s && strlen(s) >= 16 ? ", " : "",
		 s && strlen(s) >= 16 ? s + 11 : "");
}

/* The day of the month of the last Sunday of 'month' in 'year'. */
static int last_sunday(int year, int month)
{
	struct vt_date d = { year, month, vt_days_in_month(year, month) };

	return d.day - vt_date_weekday(&d) % 7;
}

enum vt_err vt_time_london(const char *s, struct vt_date *day, int *minute)
{
	char ymd[11];
	struct vt_date d;
	int hh, mm, m;
	long days;

	if (!s || strlen(s) < 16 || s[10] != 'T' || s[13] != ':')
		return VT_EINVAL;
	snprintf(ymd, sizeof(ymd), "%s", s);
	if (vt_parse_date(ymd, &d) || s[11] < '0' || s[11] > '2' ||
	    s[12] < '0' || s[12] > '9' || s[14] < '0' || s[14] > '5' ||
	    s[15] < '0' || s[15] > '9')
		return VT_EINVAL;
	hh = (s[11] - '0') * 10 + (s[12] - '0');
	mm = (s[14] - '0') * 10 + (s[15] - '0');
	if (hh > 23)
		return VT_EINVAL;
	/* Summer time by the UTC instant: both changes happen at 01:00
	   UTC, so the hour of the day decides it on the change days. */
	m = hh * 60 + mm;
	if ((d.month > 3 && d.month < 10) ||
	    (d.month == 3 && (d.day > last_sunday(d.year, 3) ||
			      (d.day == last_sunday(d.year, 3) && hh >= 1))) ||
	    (d.month == 10 && (d.day < last_sunday(d.year, 10) ||
			       (d.day == last_sunday(d.year, 10) && hh < 1))))
		m += 60;
	days = vt_date_to_days(&d);
	if (m >= 24 * 60) {
		m -= 24 * 60;
		days++;
	}
	vt_date_from_days(days, day);
	*minute = m;
	return VT_OK;
}

void vt_time_london_words(const char *s, char out[VT_TIME_WORDS_MAX])
{
	char ymd[11], day[VT_DATE_WORDS_MAX];
	struct vt_date d;
	int m, h;

	if (vt_time_london(s, &d, &m)) {
		vt_time_words(s, out);
		return;
	}
	vt_date_format(&d, ymd);
	vt_date_words(ymd, day);
	h = m / 60 % 12 ? m / 60 % 12 : 12;
	if (m == 0)
		snprintf(out, VT_TIME_WORDS_MAX, "%s at midnight", day);
	else if (m == 12 * 60)
		snprintf(out, VT_TIME_WORDS_MAX, "%s at midday", day);
	else if (m % 60)
		snprintf(out, VT_TIME_WORDS_MAX, "%s at %d:%02d%s", day, h,
			 m % 60, m < 12 * 60 ? "am" : "pm");
	else
		snprintf(out, VT_TIME_WORDS_MAX, "%s at %d%s", day, h,
			 m < 12 * 60 ? "am" : "pm");
}

bool vt_text_has(const char *hay, const char *needle)
{
	size_t i, n = strlen(needle);

	for (; hay && *hay; hay++) {
		for (i = 0; i < n && hay[i] &&
			    tolower((unsigned char)hay[i]) ==
			    tolower((unsigned char)needle[i]); i++)
			;
		if (i == n)
			return true;
	}
	return false;
}
