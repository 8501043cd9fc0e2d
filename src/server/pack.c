/* The vital-signs pack behind the dashboard, measure pages and report downloads: built for one period and one reader. */
#include <stdio.h>
#include <string.h>

#include "vitals/period.h"
#include "server/server.h"

/*
 * The latest quarter with a figure; with no quarterly figure at all (a
 * partnership whose measures are yearly), the quarter that ends when the
 * latest figure's period ends, so that its pack shows it.  "" when there
 * is no figure.
 */
static void latest_period(const struct vt_def *def, char out[16])
{
	struct vt_period best = { VT_PERIOD_QUARTER, 0, 0 }, p;
	int fy = vt_def_fy_start(def);
	long last = 0;
	size_t i;

	out[0] = '\0';
	for (i = 0; i < vt_def_count(def, VT_KIND_VALUE); i++) {
		const struct vt_value *v = vt_def_at(def, VT_KIND_VALUE, i);
		struct vt_date d;

		if (vt_period_parse(v->period, &p))
			continue;
		if (p.kind == VT_PERIOD_QUARTER &&
		    vt_period_compare(&p, &best) > 0) {
			best = p;
			vt_period_format(&p, out);
		}
		if (!vt_period_last_day(&p, fy, &d) &&
		    vt_date_to_days(&d) > last)
			last = vt_date_to_days(&d);
	}
	if (!out[0] && last) {
		struct vt_date d;

		vt_date_from_days(last, &d);
		best = (struct vt_period){ VT_PERIOD_QUARTER, d.year,
					   (d.month - 1) / 3 + 1 };
		vt_period_format(&best, out);
	}
}

unsigned pack_read(struct req *r, struct pack *pk)
{
	unsigned status = 0;

	memset(pk, 0, sizeof(*pk));
	return req_read_def(r, &pk->def, &status) ? 0 : status;
}

unsigned pack_build(struct req *r, const char *period, struct pack *pk)
{
	char today[11];
	struct vt_period p;

	if (period && *period) {
		/* As its id or as people see it: "2026-27 Q2". */
		if (vt_period_read_id(period, vt_def_fy_start(&pk->def),
				      pk->period)) {
			vt_def_release(&pk->def);
			return page_error(r, 400, "That is not a period: "
					  "write a quarter as 2026-27 Q2 or "
					  "2026Q3.");
		}
	} else {
		latest_period(&pk->def, pk->period);
	}
	if (!pk->period[0])
		return 0;	/* no figures yet: built stays false */
	if (vt_period_parse(pk->period, &p)) {
		vt_def_release(&pk->def);
		return page_error(r, 404, "That is not a period.");
	}
	server_today(today);
	if (vt_returns_status(r->store, pk->period, today, &pk->returns)) {
		vt_def_release(&pk->def);
		return page_error(r, 503, "The database does not answer.");
	}
	/* A viewer sees published outputs only. */
	if (vt_report_build(&pk->def, &pk->returns, pk->period, today,
			    r->who.role == VT_ROLE_VIEWER, &pk->rep)) {
		vt_status_report_release(&pk->returns);
		vt_def_release(&pk->def);
		return 500;
	}
	pk->built = true;
	r->illustrative = pk->rep.illustrative;
	return 0;
}

unsigned pack_open(struct req *r, const char *period, struct pack *pk)
{
	unsigned status = pack_read(r, pk);

	return status ? status : pack_build(r, period, pk);
}

void pack_close(struct pack *pk)
{
	if (pk->built) {
		vt_report_release(&pk->rep);
		vt_status_report_release(&pk->returns);
	}
	vt_def_release(&pk->def);
	memset(pk, 0, sizeof(*pk));
}
