/* When a return opens: the day after its period ends, or earlier when an analyst opens it for one agency. */
#include <string.h>

#include "vitals/model.h"
#include "vitals/period.h"
#include "vitals/strparse.h"

bool vt_return_open(const struct vt_return *r, int fy_start_month,
		    const char *period, const char *today, char opens[11])
{
	struct vt_period per;
	struct vt_date last;
	char last_day[11];

	if (r && r->opened_early_at)
		return true;
	if (vt_period_parse(period, &per) ||
	    vt_period_last_day(&per, fy_start_month, &last))
		return true;	/* not a period: refused elsewhere */
	/* YYYY-MM-DD sorts as text: no need to read 'today'. */
	vt_date_format(&last, last_day);
	if (strcmp(last_day, today) < 0)
		return true;
	vt_date_from_days(vt_date_to_days(&last) + 1, &last);
	vt_date_format(&last, opens);
	return false;
}
