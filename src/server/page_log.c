/* The change log: the latest entries, newest first, filtered as the API filters them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/logview.h"
#include "vitals/strparse.h"
#include "server/server.h"


static void log_filter_form(struct req *r, const struct vt_log_filter *f)
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
	page_text_input(r, "key", "key", "Which (a record's key, as pol-m1)",
			f->key, "govuk-input--width-20");
	page_button(r, "Show", true);
	vt_html_literal(&r->html, "</form>");
}

unsigned page_log(struct req *r)
{
	static const char *const columns[] = {
		"Entry", "At (UTC)", "Who", "What", "Which", NULL };
	struct vt_query q = req_query_fields(r);
	struct vt_log_filter f;
	struct vt_log_list list;
	struct vt_diagq dq;
	char id[24], at[VT_TIME_WORDS_MAX];
	size_t i;

	/* The API reads the same filters the same way. */
	vt_diagq_init(&dq);
	if (vt_log_filter_read(&q, &f, &dq)) {
		page_begin(r, "Change log");
		page_problem(r, "There is a problem", dq.items[0].message,
			     dq.items[0].field ? dq.items[0].field : "entity");
		log_filter_form(r, &f);
		page_end(r);
		vt_diagq_release(&dq);
		return 400;
	}
	vt_diagq_release(&dq);
	if (vt_log_latest(r->store, &f, LOG_SHOWN, &list))
		return page_error(r, 503, "The change log could not be read.");
	page_begin(r, "Change log");
	log_filter_form(r, &f);
	vt_html_open(&r->html, "p", "class", "govuk-body", "id", "counts",
		     NULL);
	if (list.matched > list.n)
		vt_html_textf(&r->html, "The latest %zu of %zu changes, newest "
			      "first. Choose what changed to see older ones.",
			      list.n, list.matched);
	else
		vt_html_textf(&r->html, "%zu change%s, newest first.", list.n,
			      list.n == 1 ? "" : "s");
	vt_html_close(&r->html, "p");
	page_table_begin(r, NULL, "Changes", columns);
	for (i = 0; i < list.n; i++) {
		const struct vt_log_entry *e = &list.entries[i];

		snprintf(id, sizeof(id), "%lld", (long long)e->id);
		vt_html_literal(&r->html, "<tr class=\"govuk-table__row\">");
		vt_html_element(&r->html, "td", id, "class",
				"govuk-table__cell", "data-entry", id, NULL);
		/* The time of day as the timestamp has it (UTC). */
		vt_time_words(e->at, at);
		page_cell(r, at);
		page_cell(r, e->who);
		page_cell(r, e->entity);
		page_cell(r, e->key);
		vt_html_literal(&r->html, "</tr>");
	}
	page_table_end(r);
	page_end(r);
	vt_log_list_release(&list);
	return 200;
}

