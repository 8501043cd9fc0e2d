/* Working days in England and Wales: bank holidays by rule and by table. */
#include <stddef.h>

#include "vitals/workdays.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The holidays every year has, each at the date it is observed (after any
 * substitute day).  The one-off table moves a holiday by naming its slot,
 * so a wrong date in the table cannot silently leave the rule date in
 * place as well.
 */
enum slot {
	NEW_YEAR,
	GOOD_FRIDAY,
	EASTER_MONDAY,
	EARLY_MAY,
	SPRING,
	SUMMER,
	CHRISTMAS,
	BOXING_DAY,
	SLOT__MAX
};

/* An entry with slot SLOT__MAX is an extra day rather than a move. */
struct oneoff {
	int year;
	enum slot slot;
	int month, day;
};

/*
 * Proclaimed changes since 1995.  Earlier ones (1977, 1981) are not
 * listed, and the rules are those in force since 1978, applied to every
 * year: dates before 1995 are only approximately right.
 */
static const struct oneoff oneoffs[] = {
	{ 1995, EARLY_MAY, 5, 8 },	/* 50th anniversary of VE day */
	{ 1999, SLOT__MAX, 12, 31 },	/* millennium */
	{ 2002, SPRING, 6, 4 },
	{ 2002, SLOT__MAX, 6, 3 },	/* golden jubilee */
	{ 2011, SLOT__MAX, 4, 29 },	/* royal wedding */
	{ 2012, SPRING, 6, 4 },
	{ 2012, SLOT__MAX, 6, 5 },	/* diamond jubilee */
	{ 2020, EARLY_MAY, 5, 8 },	/* 75th anniversary of VE day */
	{ 2022, SPRING, 6, 2 },
	{ 2022, SLOT__MAX, 6, 3 },	/* platinum jubilee */
	{ 2022, SLOT__MAX, 9, 19 },	/* state funeral of Elizabeth II */
	{ 2023, SLOT__MAX, 5, 8 },	/* coronation of Charles III */
};

/* Room for the most extras any year has (2022: two); more are dropped. */
#define EXTRA_MAX 4

/* One year's holidays, all of which fall inside that year. */
struct year_holidays {
	int year;
	int n;
	struct {
		int month, day;
	} day[SLOT__MAX + EXTRA_MAX];
};

static int weekday(int year, int month, int day)
{
	struct vt_date d = { year, month, day };

	return vt_date_weekday(&d);
}

/* Day of the month of the last Monday in 'month'. */
static int last_monday(int year, int month)
{
	int last = vt_days_in_month(year, month);

	return last - (weekday(year, month, last) - 1);
}

/* Day of the month of the first Monday in 'month'. */
static int first_monday(int year, int month)
{
	return 1 + (8 - weekday(year, month, 1)) % 7;
}

/*
 * Easter Sunday by the anonymous Gregorian algorithm (Meeus, Jones,
 * Butcher).  Every remainder is of a non-negative number for the years a
 * vt_date holds, so C's truncating '%' gives the textbook values.
 */
static void easter_sunday(int year, struct vt_date *out)
{
	int a = year % 19;
	int b = year / 100;
	int c = year % 100;
	int d = b / 4;
	int e = b % 4;
	int f = (b + 8) / 25;
	int g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4;
	int k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int n = h + l - 7 * m + 114;

	out->year = year;
	out->month = n / 31;
	out->day = n % 31 + 1;
}

static void set_slot(struct year_holidays *yh, enum slot s, int month,
		     int day)
{
	yh->day[s].month = month;
	yh->day[s].day = day;
}

/* The date 'offset' days from Easter Sunday, into slot 's'. */
static void set_from_easter(struct year_holidays *yh, enum slot s,
			    const struct vt_date *easter, int offset)
{
	struct vt_date d;

	vt_date_from_days(vt_date_to_days(easter) + offset, &d);
	set_slot(yh, s, d.month, d.day);
}

static void year_holidays_compute(int year, struct year_holidays *yh)
{
	struct vt_date easter;
	int wd;
	size_t i;

	yh->year = year;
	yh->n = SLOT__MAX;

	/* A New Year's Day at a weekend moves to the Monday after. */
	wd = weekday(year, 1, 1);
	set_slot(yh, NEW_YEAR, 1, wd == 6 ? 3 : wd == 7 ? 2 : 1);

	easter_sunday(year, &easter);
	set_from_easter(yh, GOOD_FRIDAY, &easter, -2);
	set_from_easter(yh, EASTER_MONDAY, &easter, 1);

	set_slot(yh, EARLY_MAY, 5, first_monday(year, 5));
	set_slot(yh, SPRING, 5, last_monday(year, 5));
	set_slot(yh, SUMMER, 8, last_monday(year, 8));

	/*
	 * The two Christmas holidays take the first two weekdays from the
	 * 25th on, except that a Boxing Day on Monday keeps the 26th and
	 * Christmas takes the Tuesday.
	 */
	switch (weekday(year, 12, 25)) {
	case 5:		/* Boxing Day on Saturday */
		set_slot(yh, CHRISTMAS, 12, 25);
		set_slot(yh, BOXING_DAY, 12, 28);
		break;
	case 6:
		set_slot(yh, CHRISTMAS, 12, 27);
		set_slot(yh, BOXING_DAY, 12, 28);
		break;
	case 7:
		set_slot(yh, CHRISTMAS, 12, 27);
		set_slot(yh, BOXING_DAY, 12, 26);
		break;
	default:
		set_slot(yh, CHRISTMAS, 12, 25);
		set_slot(yh, BOXING_DAY, 12, 26);
		break;
	}

	for (i = 0; i < COUNT(oneoffs); i++) {
		const struct oneoff *o = &oneoffs[i];

		if (o->year != year)
			continue;
		if (o->slot != SLOT__MAX) {
			set_slot(yh, o->slot, o->month, o->day);
		} else if (yh->n < (int)COUNT(yh->day)) {
			yh->day[yh->n].month = o->month;
			yh->day[yh->n].day = o->day;
			yh->n++;
		}
	}
}

static bool year_holidays_has(const struct year_holidays *yh, int month,
			      int day)
{
	int i;

	for (i = 0; i < yh->n; i++)
		if (yh->day[i].month == month && yh->day[i].day == day)
			return true;
	return false;
}

/* Refused rather than normalised: 2024-02-30 is no holiday. */
static bool date_valid(const struct vt_date *d)
{
	return d && d->month >= 1 && d->month <= 12 && d->day >= 1 &&
	       d->day <= vt_days_in_month(d->year, d->month);
}

bool vt_is_bank_holiday(const struct vt_date *d)
{
	struct year_holidays yh;

	if (!date_valid(d))
		return false;
	year_holidays_compute(d->year, &yh);
	return year_holidays_has(&yh, d->month, d->day);
}

bool vt_is_working_day(const struct vt_date *d)
{
	if (!date_valid(d) || vt_date_weekday(d) >= 6)
		return false;
	return !vt_is_bank_holiday(d);
}

/*
 * Steps one day at a time, so the cost is linear in 'n' (at most four
 * days in a row are not working days), and the year's holidays are
 * computed once per year crossed rather than once per day.  A negative
 * 'n' is outside the contract and treated as 0.
 */
void vt_add_working_days(const struct vt_date *from, int n,
			 struct vt_date *out)
{
	struct year_holidays yh;
	struct vt_date d;
	long days;
	long wd;

	if (!from || !out)
		return;
	if (n <= 0) {
		*out = *from;
		return;
	}
	days = vt_date_to_days(from);
	yh.year = 0;
	yh.n = 0;
	while (n > 0) {
		days++;
		vt_date_from_days(days, &d);
		/* Day 0 was a Thursday; 0 = Monday here. */
		wd = (days % 7 + 10) % 7;
		if (wd >= 5)
			continue;
		/*
		 * Far beyond any real calendar the conversion clamps and
		 * repeats one date; skipping the holiday test there keeps
		 * the loop finite.
		 */
		if (vt_date_to_days(&d) == days) {
			if (yh.n == 0 || d.year != yh.year)
				year_holidays_compute(d.year, &yh);
			if (year_holidays_has(&yh, d.month, d.day))
				continue;
		}
		n--;
	}
	*out = d;
}

long vt_working_days_between(const struct vt_date *from,
			     const struct vt_date *to)
{
	long a = vt_date_to_days(from), b = vt_date_to_days(to);
	long lo = a < b ? a : b, hi = a < b ? b : a, n = 0;
	struct vt_date d;

	/* Dates a few years apart at most: a day at a time is enough. */
	for (lo++; lo <= hi && lo - a < 4000 && a - lo < 4000; lo++) {
		vt_date_from_days(lo, &d);
		n += vt_is_working_day(&d);
	}
	return a <= b ? n : -n;
}
