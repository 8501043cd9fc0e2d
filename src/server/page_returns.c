/* Returns status for a period: who has returned, who is missing or late, each a link to its return. */
#include <stdio.h>
#include <string.h>

#include "vitals/returns.h"
#include "vitals/strparse.h"
#include "server/server.h"

static void filter_form(struct req *r, const struct vt_returns_filter *f,
			const char *asked_period)
{
	vt_html_literal(&r->html, "<form method=\"get\" action=\"/returns\" "
			"class=\"govuk-!-margin-bottom-6\">");
	page_text_input(r, "period", "period", "Period (as 2026-27 Q2)",
			f->period[0] ? f->period : asked_period,
			"govuk-input--width-10");
	page_select(r, "state", "State", vt_agency_state_names, NULL,
		    f->state, "any");
	page_checkboxes_begin(r);
	page_checkbox(r, "late", "late", "Late only", f->late_only);
	page_checkboxes_end(r);
	page_button(r, "Show", true);
	vt_html_literal(&r->html, "</form>");
}

static void agency_row(struct req *r, const struct vt_agency_status *a,
		       const char *period)
{
	struct vt_html *h = &r->html;
	struct vt_return state = { .status = a->status };
	char href[200], figures[48];

	vt_html_literal(h, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
			   "class=\"govuk-table__header\">");
	/* Links only where the reader may open the return. */
	if (may_read_return(r, a->agency, &state)) {
		snprintf(href, sizeof(href), "/returns/%s/%s", a->agency,
			 period);
		vt_html_element(h, "a", a->agency_name, "class", "govuk-link",
				"href", href, "data-agency", a->agency, NULL);
	} else {
		vt_html_element(h, "span", a->agency_name, "data-agency",
				a->agency, NULL);
	}
	vt_html_literal(h, "</th>");
	page_cell(r, vt_agency_state(a));
	snprintf(figures, sizeof(figures), "%zu of %zu", a->received,
		 a->expected);
	page_cell(r, figures);
	page_cell(r, a->late ? "late" : a->on_time ? "on time"
						   : "not yet due");
	vt_html_literal(h, "</tr>");
}

unsigned page_returns(struct req *r)
{
	static const char *const columns[] = {
		"Agency", "State", "Figures", "On time", NULL };
	struct vt_html *h = &r->html;
	struct vt_query q = req_query_fields(r);
	struct vt_returns_filter f;
	struct vt_status_report rep;
	struct vt_diagq dq;
	char today[11], title[96];
	size_t i, shown = 0;

	server_today(today);
	/* The API reads the same filters the same way. */
	vt_diagq_init(&dq);
	if (vt_returns_filter_read(&q, today, &f, &dq)) {
		page_begin(r, "Returns");
		page_problem(r, "There is a problem", dq.items[0].message,
			     dq.items[0].field ? dq.items[0].field : "period");
		filter_form(r, &f, vt_query_text(&q, "period"));
		page_end(r);
		vt_diagq_release(&dq);
		return 400;
	}
	vt_diagq_release(&dq);
	if (vt_returns_status(r->store, f.period, today, &rep))
		return page_error(r, 503, "The database does not answer.");
	snprintf(title, sizeof(title), "Returns for %s", rep.label);
	page_begin(r, title);
	filter_form(r, &f, NULL);
	if (rep.due) {
		char due[VT_DATE_WORDS_MAX];

		vt_date_words(rep.due, due);
		vt_html_open(h, "p", "class", "govuk-body", NULL);
		vt_html_textf(h, "Due %s.", due);
		vt_html_close(h, "p");
	}
	page_table_begin(r, NULL, "Agencies", columns);
	for (i = 0; i < rep.nagencies; i++)
		if (vt_returns_filter_match(&f, &rep.agencies[i])) {
			agency_row(r, &rep.agencies[i], f.period);
			shown++;
		}
	page_table_end(r);
	if (!shown)
		vt_html_element(h, "p", "No agency is in that state.", "class",
				"govuk-body", NULL);
	page_end(r);
	vt_status_report_release(&rep);
	return 200;
}
