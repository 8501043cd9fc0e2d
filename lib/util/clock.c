/* The current UTC time, overridable for tests with VITALS_NOW. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vitals/clock.h"

void vt_clock_now(char out[VT_TIMESTAMP_MAX])
{
	const char *fixed = getenv("VITALS_NOW");
	struct tm tm;
	time_t now;

	if (fixed && strlen(fixed) == VT_TIMESTAMP_MAX - 1) {
		memcpy(out, fixed, VT_TIMESTAMP_MAX);
		return;
	}
	now = time(NULL);
	if (!gmtime_r(&now, &tm)) {
		memcpy(out, "1970-01-01T00:00:00Z", VT_TIMESTAMP_MAX);
		return;
	}
	snprintf(out, VT_TIMESTAMP_MAX, "%04d-%02d-%02dT%02d:%02d:%02dZ",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec);
}

void vt_clock_today(char out[VT_DAY_MAX])
{
	char now[VT_TIMESTAMP_MAX];

	vt_clock_now(now);
	snprintf(out, VT_DAY_MAX, "%.10s", now);
}
