/* Statutory deadlines: due dates in working days or calendar months, judged open, met or missed on a day. */
#include <stdio.h>
#include <string.h>

#include "vitals/deadlines.h"
#include "vitals/strparse.h"
#include "vitals/workdays.h"

const char *const vt_deadline_unit_names[VT_DEADLINE_UNIT__MAX] = {
	[VT_DEADLINE_WORKING_DAYS] = "working-days",
	[VT_DEADLINE_MONTHS] = "months",
};

const char *const vt_deadline_state_names[VT_DEADLINE_STATE__MAX] = {
	[VT_DEADLINE_OPEN] = "open",
	[VT_DEADLINE_MET] = "met",
	[VT_DEADLINE_MISSED] = "missed",
};

/* The n-th working day before 'from' (n > 0; 'from' does not count). */
static void working_days_back(const struct vt_date *from, int n,
			      struct vt_date *out)
{
	long day = vt_date_to_days(from);

	while (n > 0) {
		vt_date_from_days(--day, out);
		if (vt_is_working_day(out))
			n--;
	}
}

/* The same day of the month 'n' months on (or back), clamped to the
   month's last day. */
static void months_on(const struct vt_date *from, int n, struct vt_date *out)
{
	long month = (long)from->year * 12 + (from->month - 1) + n;
	int last;

	out->year = (int)(month / 12);
	out->month = (int)(month % 12) + 1;
	last = vt_days_in_month(out->year, out->month);
	out->day = from->day < last ? from->day : last;
}

enum vt_err vt_deadline_due(const char *start, enum vt_deadline_unit unit,
			    int amount, char due[11])
{
	struct vt_date from, to;

	if (!start || vt_parse_date(start, &from))
		return VT_EINVAL;
	switch (unit) {
	case VT_DEADLINE_WORKING_DAYS:
		if (amount >= 0)
			vt_add_working_days(&from, amount, &to);
		else
			working_days_back(&from, -amount, &to);
		break;
	case VT_DEADLINE_MONTHS:
		months_on(&from, amount, &to);
		break;
	default:
		return VT_EINVAL;
	}
	vt_date_format(&to, due);
	return VT_OK;
}

enum vt_err vt_deadline_judge(const char *start, enum vt_deadline_unit unit,
			      int amount, const char *done, const char *today,
			      struct vt_deadline *out)
{
	struct vt_date due, on, now;
	enum vt_err result;

	memset(out, 0, sizeof(*out));
	result = vt_deadline_due(start, unit, amount, out->due);
	if (result)
		return result;
	snprintf(out->start, sizeof(out->start), "%s", start);
	if (vt_parse_date(out->due, &due) || !today ||
	    vt_parse_date(today, &now))
		return VT_EINVAL;
	if (done && *done) {
		if (vt_parse_date(done, &on))
			return VT_EINVAL;
		vt_date_format(&on, out->done);
		out->state = vt_date_to_days(&on) <= vt_date_to_days(&due)
			     ? VT_DEADLINE_MET : VT_DEADLINE_MISSED;
		return VT_OK;
	}
	/* Due today is still open: the whole of the due date is allowed. */
	out->state = vt_date_to_days(&now) <= vt_date_to_days(&due)
		     ? VT_DEADLINE_OPEN : VT_DEADLINE_MISSED;
	out->has_left = true;
	out->working_days_left = vt_working_days_between(&now, &due);
	return VT_OK;
}

bool vt_deadline_at_risk(const struct vt_deadline *d)
{
	return d->state == VT_DEADLINE_OPEN && d->has_left &&
	       d->working_days_left <= VT_DEADLINE_AT_RISK_DAYS;
}
