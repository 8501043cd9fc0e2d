/* The vital-signs dashboard: the summary of the latest period's pack. */
#include <string.h>
#include <time.h>

#include "vitals/period.h"
#include "vitals/report.h"
#include "vitals/strparse.h"
#include "server/server.h"

/* The latest quarter with a figure, "" when there is none. */
static void latest_period(const struct vt_def *def, char out[16])
{
	struct vt_period best = { VT_PERIOD_QUARTER, 0, 0 }, p;
	size_t i;

	out[0] = '\0';
	for (i = 0; i < vt_def_count(def, VT_KIND_VALUE); i++) {
		const struct vt_value *v = vt_def_at(def, VT_KIND_VALUE, i);

		if (!vt_period_parse(v->period, &p) &&
		    p.kind == VT_PERIOD_QUARTER &&
		    vt_period_compare(&p, &best) > 0) {
			best = p;
			vt_period_format(&p, out);
		}
	}
}

unsigned page_dashboard(struct req *r)
{
	struct vt_status_report returns;
	struct vt_report rep;
	struct vt_def def;
	char period[16], today[11], title[96];
	unsigned status = 200;

	server_today(today);
	vt_def_init(&def);
	if (vt_store_read_def(r->store, &def)) {
		vt_def_release(&def);
		return page_error(r, 503, "The database does not answer.");
	}
	latest_period(&def, period);
	if (!period[0]) {
		page_begin(r, "Vital signs");
		vt_html_element(&r->html, "p", "No figures yet.", NULL);
		page_end(r);
	} else if (vt_returns_status(r->store, period, today, &returns)) {
		status = page_error(r, 503, "The database does not answer.");
	} else {
		/* A viewer sees published outputs only. */
		if (!vt_report_build(&def, &returns, period, today,
				     r->who.role == VT_ROLE_VIEWER, &rep)) {
			snprintf(title, sizeof(title), "Vital signs, %s",
				 rep.label);
			page_begin(r, title);
			if (rep.illustrative)
				vt_html_element(&r->html, "p", "Illustrative "
					"figures: demo data, not real figures "
					"for any child or area.", NULL);
			vt_report_html_summary(&r->html, &rep);
			page_end(r);
			vt_report_release(&rep);
		} else {
			status = 500;
		}
		vt_status_report_release(&returns);
	}
	vt_def_release(&def);
	return status;
}
