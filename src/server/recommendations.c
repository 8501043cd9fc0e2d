/* The recommendations of a case review or an audit, each an action of the tracker with its agency, due date and latest rating, and the form that makes one. */
#include <stdio.h>
#include <string.h>

#include "vitals/actions.h"
#include "vitals/strparse.h"
#include "server/server.h"

/* The rating of a recommendation in words, with its colour: never
   colour alone.  Before its first update it has none. */
static void rating_tag(struct vt_html *h, const struct vt_action *a)
{
	static const char *const cls[VT_RAG__MAX] = {
		"govuk-tag govuk-tag--red", "govuk-tag govuk-tag--orange",
		"govuk-tag govuk-tag--green", "govuk-tag govuk-tag--blue" };
	static const char *const words[VT_RAG__MAX] = {
		"Red", "Amber", "Green", "Complete" };
	const struct vt_action_update *u = vt_action_latest(a);

	if (!u || u->rag < 0 || u->rag >= VT_RAG__MAX) {
		vt_html_element(h, "strong", "Not yet rated", "class",
				"govuk-tag govuk-tag--grey", NULL);
		return;
	}
	vt_html_element(h, "strong", words[u->rag], "class", cls[u->rag],
			NULL);
}

void page_recommend_form(struct req *r, const struct vt_def *def,
			 const char *action, const struct page_problem *p)
{
	struct vt_html *h = &r->html;
	const char *error;
	const char *text = page_problem_typed(r, p, "rec-text");
	const char *agency = page_problem_typed(r, p, "rec-agency");
	size_t i, n = vt_def_count(def, VT_KIND_AGENCY);

	vt_html_element(h, "h3", "Make a recommendation", "class",
			"govuk-heading-s", NULL);
	vt_html_element(h, "p", "It becomes an action of the tracker, owned "
			"by the agency and rated each month like any other.",
			"class", "govuk-body", NULL);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	page_field_textarea(r, "rec-text", "Recommendation", "What the "
			    "agency is to do. Never a person's name.", text,
			    page_problem_at(p, "rec-text"));
	error = page_problem_at(p, "rec-agency");
	page_field_begin(r, "rec-agency", "Agency that owns it", NULL, error);
	vt_html_open(h, "select", "class", error ? "govuk-select govuk-select"
		     "--error" : "govuk-select", "id", "rec-agency", "name",
		     "rec-agency", "aria-describedby", error ?
		     "rec-agency-error" : NULL, NULL);
	vt_html_element(h, "option", "Choose an agency", "value", "", NULL);
	for (i = 0; i < n; i++) {
		const struct vt_agency *ag = vt_def_at(def, VT_KIND_AGENCY, i);

		vt_html_element(h, "option", ag->name, "value", ag->code,
				"selected", agency && !strcmp(agency,
				ag->code) ? "selected" : NULL, NULL);
	}
	vt_html_literal(h, "</select></div>");
	page_field_text(r, "rec-due", "Due", "Year, month and day, for "
			"example 2027-03-31", page_problem_typed(r, p,
			"rec-due"), "govuk-input--width-10",
			page_problem_at(p, "rec-due"));
	page_field_text(r, "rec-owner", "Owner's role (optional)", "A role "
			"title, for example head of service. Never a person's "
			"name.", page_problem_typed(r, p, "rec-owner"), NULL,
			page_problem_at(p, "rec-owner"));
	page_button(r, "Make recommendation", false);
	vt_html_literal(h, "</form>");
}

/* Whether action 'a' came from the record 'ref' of 'kind'. */
static bool came_from(const struct vt_action *a, enum vt_kind kind,
		      const char *ref)
{
	const char *from = kind == VT_KIND_AUDIT ? a->audit : a->review;

	return from && !strcmp(from, ref);
}

void page_recommendations(struct req *r, const struct vt_def *def,
			  enum vt_kind kind, const char *ref,
			  const char *noun)
{
	static const char *const columns[] = { "Recommendation", "Agency",
					       "Due", "Rating", NULL };
	struct vt_html *h = &r->html;
	size_t i, n = vt_def_count(def, VT_KIND_ACTION), shown = 0;
	char today[11], none[120];

	server_today(today);
	vt_html_element(h, "h2", "Recommendations", "class",
			"govuk-heading-m", "id", "recommendations", NULL);
	for (i = 0; i < n; i++) {
		const struct vt_action *a = vt_def_at(def, VT_KIND_ACTION, i);
		const struct vt_agency *ag;
		char href[200], words[VT_DATE_WORDS_MAX];

		if (!came_from(a, kind, ref))
			continue;
		if (!shown++)
			page_table_begin(r, "recommendations-table",
					 "Each one's agency, due date and "
					 "latest rating", columns);
		ag = vt_def_find(def, VT_KIND_AGENCY, a->agency);
		snprintf(href, sizeof(href), "/actions/%s", a->code);
		vt_html_literal(h, "<tr class=\"govuk-table__row\"><td class="
				   "\"govuk-table__cell\">");
		vt_html_element(h, "a", a->title, "class", "govuk-link", "href",
				href, NULL);
		vt_html_element(h, "span", a->code, "class",
				"govuk-hint vt-hint", NULL);
		vt_html_literal(h, "</td>");
		page_cell(r, ag ? ag->name : a->agency);
		vt_html_open(h, "td", "class", "govuk-table__cell", NULL);
		if (a->due) {
			vt_date_words(a->due, words);
			vt_html_text(h, words);
			if (a->rag != VT_RAG_BLUE && strcmp(a->due, today) < 0) {
				vt_html_literal(h, " ");
				vt_html_element(h, "strong", "Overdue", "class",
					"govuk-tag govuk-tag--orange", NULL);
			}
		} else {
			vt_html_text(h, "No date set");
		}
		vt_html_close(h, "td");
		vt_html_open(h, "td", "class", "govuk-table__cell", NULL);
		rating_tag(h, a);
		vt_html_close(h, "td");
		vt_html_literal(h, "</tr>");
	}
	if (shown) {
		page_table_end(r);
		return;
	}
	snprintf(none, sizeof(none), "No recommendations are recorded for "
		 "this %s.", noun);
	vt_html_element(h, "p", none, "class", "govuk-body", "id",
			"no-recommendations", NULL);
}

void page_recommend_problem(struct page_problem *p, const char *why,
			    const char *label)
{
	static const char *const fields[] = { "text", "agency", "due",
					      "owner", NULL };
	size_t i;

	page_problem_read(p, why, label, NULL, "rec-text");
	for (i = 0; fields[i]; i++)
		if (!strncmp(why, fields[i], strlen(fields[i])) &&
		    why[strlen(fields[i])] == ':')
			snprintf(p->field, sizeof(p->field), "rec-%s",
				 fields[i]);
}
