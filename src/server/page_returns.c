/* Returns status for a period: who has returned, who is missing or late, each a link to its return. */
#include <stdio.h>
#include <string.h>

#include "vitals/period.h"
#include "vitals/returns.h"
#include "server/server.h"

/* The quarter before today's: the one whose returns are being made. */
static void default_period(char out[VT_PERIOD_ID_MAX])
{
	char today[11], id[8];
	struct vt_period p;
	int month;

	server_today(today);
	month = (today[5] - '0') * 10 + (today[6] - '0');
	snprintf(id, sizeof(id), "%.4sQ%d", today, (month - 1) / 3 + 1);
	if (vt_period_parse(id, &p)) {
		snprintf(out, VT_PERIOD_ID_MAX, "%s", id);
		return;
	}
	p = vt_period_prev(&p);
	vt_period_format(&p, out);
}

unsigned page_returns(struct req *r)
{
	struct vt_html *h = &r->html;
	struct vt_status_report rep;
	struct vt_period per;
	const char *asked = req_query(r, "period");
	char period[VT_PERIOD_ID_MAX], today[11], title[96], href[200];
	size_t i;

	if (asked && *asked)
		snprintf(period, sizeof(period), "%s", asked);
	else
		default_period(period);
	if (vt_period_parse(period, &per))
		return page_error(r, 404, "That is not a period (2024Q3).");
	server_today(today);
	if (vt_returns_status(r->store, period, today, &rep))
		return page_error(r, 503, "The database does not answer.");
	snprintf(title, sizeof(title), "Returns for %s", rep.label);
	page_begin(r, title);
	vt_html_literal(h, "<form method=\"get\" action=\"/returns\" class=\""
			   "govuk-!-margin-bottom-6\"><div class=\"govuk-form-"
			   "group\"><label class=\"govuk-label\" for=\"period"
			   "\">Period (as 2024Q3)</label>");
	vt_html_open(h, "input", "class", "govuk-input govuk-input--width-10",
		     "id", "period", "name", "period", "type", "text", "value",
		     period, NULL);
	vt_html_literal(h, "</div><button type=\"submit\" class=\"govuk-button"
			   " govuk-button--secondary\">Show</button></form>");
	if (rep.due) {
		vt_html_open(h, "p", "class", "govuk-body", NULL);
		vt_html_textf(h, "Due %s.", rep.due);
		vt_html_close(h, "p");
	}
	{
		static const char *const columns[] = {
			"Agency", "Status", "Figures", "On time", NULL };

		page_table_begin(r, NULL, "Agencies", columns);
	}
	for (i = 0; i < rep.nagencies; i++) {
		const struct vt_agency_status *a = &rep.agencies[i];
		struct vt_return state = { .status = a->status };

		vt_html_literal(h, "<tr class=\"govuk-table__row\"><th scope="
				   "\"row\" class=\"govuk-table__header\">");
		/* Links only where the reader may open the return. */
		if (may_read_return(r, a->agency, &state)) {
			snprintf(href, sizeof(href), "/returns/%s/%s",
				 a->agency, period);
			vt_html_element(h, "a", a->agency_name, "class",
					"govuk-link", "href", href, NULL);
		} else {
			vt_html_text(h, a->agency_name);
		}
		vt_html_literal(h, "</th>");
		vt_html_element(h, "td", vt_return_status_names[a->status],
				"class", "govuk-table__cell", NULL);
		vt_html_open(h, "td", "class", "govuk-table__cell", NULL);
		vt_html_textf(h, "%zu of %zu", a->received, a->expected);
		vt_html_close(h, "td");
		vt_html_element(h, "td", a->late ? "late" : a->on_time ?
				"on time" : "not yet due", "class",
				"govuk-table__cell", NULL);
		vt_html_literal(h, "</tr>");
	}
	page_table_end(r);
	page_end(r);
	vt_status_report_release(&rep);
	return 200;
}
