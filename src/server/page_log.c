/* The change log as an audit trail: what happened in words, who, when, each field before and after, a link to the record; filtered and paged as the API is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/logview.h"
#include "vitals/strparse.h"
#include "server/server.h"

/* People as the filter offers them: each account, then the two that are
   not a person's. */
static void who_select(struct req *r, const struct vt_def *names,
		       const char *chosen)
{
	size_t n = vt_def_count(names, VT_KIND_USER), i, k = 0;
	const char **codes = calloc(n + 3, sizeof(*codes));
	char **labels = calloc(n + 3, sizeof(*labels));

	for (i = 0; codes && labels && i < n; i++) {
		const struct vt_user *u = vt_def_at(names, VT_KIND_USER, i);

		codes[k] = u->email;
		if ((labels[k] = vt_log_who_words(names, u->email)))
			k++;
	}
	if (codes && labels) {
		codes[k] = "command-line";
		labels[k++] = strdup("Command line");
		codes[k] = "system";
		labels[k++] = strdup("System");
		codes[k] = NULL;
	}
	if (codes && labels && labels[k - 1] && labels[k - 2])
		page_select(r, "who", "Who", codes, (const char **)labels,
			    chosen, "anyone");
	else
		page_text_input(r, "who", "who", "Who (an e-mail address)",
				chosen, "govuk-input--width-20");
	for (i = 0; labels && i < k; i++)
		free(labels[i]);
	free(codes);
	free(labels);
}

static void log_filter_form(struct req *r, const struct vt_def *names,
			    const struct vt_log_filter *f)
{
	const char *entities[64];
	size_t n = 0;

	while (n + 1 < sizeof(entities) / sizeof(entities[0]) &&
	       (entities[n] = vt_log_entity_name(n)))
		n++;
	entities[n] = NULL;
	vt_html_literal(&r->html, "<form method=\"get\" action=\"/log\" "
			"class=\"govuk-!-margin-bottom-6\">");
	page_select(r, "entity", "What changed", entities, NULL, f->entity,
		    "anything");
	page_record_select(r, names, VT_KIND_AGENCY, "agency", "Agency",
			   f->agency, "any agency");
	who_select(r, names, f->who);
	page_text_input(r, "from", "from", "From (a date, as 2026-11-01)",
			f->from, "govuk-input--width-10");
	page_text_input(r, "to", "to", "To (a date, as 2026-11-30)", f->to,
			"govuk-input--width-10");
	page_text_input(r, "key", "key", "Which (a record's key, as pol-m1)",
			f->key, "govuk-input--width-20");
	page_button(r, "Show", true);
	vt_html_literal(&r->html, "</form>");
}

/* '&name=value' percent-encoded onto 'out'. */
/* The list's address with its filters, for its pages' links. */
static void list_href(const struct vt_log_filter *f, char *out, size_t size)
{
	char query[1024] = "";

	page_query_add(query, sizeof(query), "entity", f->entity);
	page_query_add(query, sizeof(query), "agency", f->agency);
	page_query_add(query, sizeof(query), "who", f->who);
	page_query_add(query, sizeof(query), "from", f->from);
	page_query_add(query, sizeof(query), "to", f->to);
	page_query_add(query, sizeof(query), "key", f->key);
	snprintf(out, size, "/log?%s", query);
}

/* What happened, linked to the record, then each field that changed. */
static void what_cell(struct req *r, const struct vt_log_entry *e,
		      const struct vt_log_words *w)
{
	struct vt_html *h = &r->html;
	size_t i;

	vt_html_literal(h, "<td class=\"govuk-table__cell\">");
	if (*w->link)
		vt_html_element(h, "a", w->summary, "class", "govuk-link",
				"href", w->link, NULL);
	else
		vt_html_text(h, w->summary);
	/* A record added has every field new: the words say so, the API
	   gives the record. */
	if (e->before && e->after && w->nchanges) {
		vt_html_literal(h, "<dl class=\"govuk-summary-list "
			"govuk-summary-list--no-border govuk-!-font-size-16 "
			"govuk-!-margin-top-2 govuk-!-margin-bottom-0\">");
		for (i = 0; i < w->nchanges; i++) {
			vt_html_literal(h, "<div class=\"govuk-summary-list__"
					"row\">");
			vt_html_element(h, "dt", w->changes[i].field, "class",
					"govuk-summary-list__key", NULL);
			vt_html_open(h, "dd", "class",
				     "govuk-summary-list__value", NULL);
			vt_html_element(h, "span", w->changes[i].before,
					"data-before", "", NULL);
			vt_html_literal(h, " &rarr; ");
			vt_html_element(h, "span", w->changes[i].after,
					"data-after", "", NULL);
			vt_html_literal(h, "</dd></div>");
		}
		vt_html_literal(h, "</dl>");
	}
	if (w->nwarned) {
		vt_html_literal(h, "<ul class=\"govuk-list govuk-list--bullet "
				"govuk-!-font-size-16 govuk-!-margin-top-2 "
				"vt-warned\">");
		for (i = 0; i < w->nwarned; i++)
			vt_html_element(h, "li", w->warned[i], NULL);
		if (w->warnings > w->nwarned) {
			char more[48];

			snprintf(more, sizeof(more), "and %zu more",
				 w->warnings - w->nwarned);
			vt_html_element(h, "li", more, NULL);
		}
		vt_html_literal(h, "</ul>");
	}
	vt_html_literal(h, "</td>");
}

unsigned page_log(struct req *r)
{
	static const char *const columns[] = {
		"When", "Who", "What happened", NULL };
	struct vt_query q = req_query_fields(r);
	struct vt_reader rd = req_reader(r);
	struct vt_log_filter f;
	struct vt_log_list list;
	struct vt_diagq dq;
	struct vt_def names;
	char id[24];
	size_t i;

	vt_def_init(&names);
	if (vt_store_read_def(r->store, &names)) {
		vt_def_release(&names);
		return page_error(r, 503, "The change log could not be read.");
	}
	/* The API reads the same filters the same way. */
	vt_diagq_init(&dq);
	if (vt_log_filter_read(&q, &f, &dq)) {
		page_begin(r, "Change log");
		/* The page number has no field of its own: the list's
		   first filter stands for it. */
		page_problem(r, "There is a problem", dq.items[0].message,
			     dq.items[0].field &&
			     strcmp(dq.items[0].field, "page")
			     ? dq.items[0].field : "entity");
		log_filter_form(r, &names, &f);
		page_end(r);
		vt_diagq_release(&dq);
		vt_def_release(&names);
		return 400;
	}
	vt_diagq_release(&dq);
	/* Another agency's drafts stay its own here as everywhere. */
	f.reader = &rd;
	if (vt_log_page(r->store, &names, &f, &list)) {
		vt_def_release(&names);
		return page_error(r, 503, "The change log could not be read.");
	}
	page_begin(r, "Change log");
	log_filter_form(r, &names, &f);
	vt_html_open(&r->html, "p", "class", "govuk-body", "id", "counts",
		     NULL);
	if (!list.matched)
		vt_html_text(&r->html, "No changes match these filters.");
	else if (!list.n)
		vt_html_textf(&r->html, "There is no page %ld: %zu change%s "
			      "match, on %ld page%s.", list.page, list.matched,
			      list.matched == 1 ? "" : "s", list.pages,
			      list.pages == 1 ? "" : "s");
	else
		vt_html_textf(&r->html, "Changes %zu to %zu of %zu, newest "
			      "first (page %ld of %ld).", list.first,
			      list.first + list.n - 1, list.matched,
			      list.page, list.pages);
	vt_html_close(&r->html, "p");
	if (list.n) {
		page_table_begin(r, "changes", "Changes", columns);
		for (i = 0; i < list.n; i++) {
			const struct vt_log_entry *e = &list.entries[i];
			const struct vt_log_words *w = &list.words[i];

			snprintf(id, sizeof(id), "%lld", (long long)e->id);
			vt_html_open(&r->html, "tr", "class",
				     "govuk-table__row", "data-entry", id,
				     NULL);
			page_cell(r, w->when);
			page_cell(r, w->who);
			what_cell(r, e, w);
			vt_html_close(&r->html, "tr");
		}
		page_table_end(r);
	}
	{
		char base[1200];

		list_href(&f, base, sizeof(base));
		page_pagination(r, "Pages of the change log", base, list.page,
				list.pages);
	}
	page_end(r);
	vt_log_list_release(&list);
	vt_def_release(&names);
	return 200;
}
