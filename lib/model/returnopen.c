/* When a return opens: the day after its period ends, or earlier when an analyst opens it for one agency. */
#include <string.h>

#include "vitals/model.h"
#include "vitals/period.h"
#include "vitals/strparse.h"

/*
 * YYYY-MM-DD as the number YYYYMMDD, or -1 when it is not that shape:
 * every row of an import asks, so no date is formatted to compare.
 */
static long day_number(const char *s)
{
	static const int digit_at[] = { 0, 1, 2, 3, 5, 6, 8, 9 };
	long n = 0;
	size_t i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < sizeof(digit_at) / sizeof(*digit_at); i++) {
		char c = s[digit_at[i]];

		if (c < '0' || c > '9')
			return -1;
		n = n * 10 + (c - '0');
	}
	return n;
}

bool vt_return_open(const struct vt_return *r, int fy_start_month,
		    const char *period, const char *today, char opens[11])
{
	struct vt_period per;
	struct vt_date last;
	char last_day[11];
	long day = day_number(today);

	if (r && r->opened_early_at)
		return true;
	if (vt_period_parse(period, &per) ||
	    vt_period_last_day(&per, fy_start_month, &last))
		return true;	/* not a period: refused elsewhere */
	if (day >= 0 &&
	    last.year * 10000L + last.month * 100L + last.day < day)
		return true;
	/* YYYY-MM-DD sorts as text. */
	vt_date_format(&last, last_day);
	if (day < 0 && strcmp(last_day, today) < 0)
		return true;
	vt_date_from_days(vt_date_to_days(&last) + 1, &last);
	vt_date_format(&last, opens);
	return false;
}
