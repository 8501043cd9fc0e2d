/* The JSON API's lists: measures, a measure's figures, actions, challenges, returns, the period's status. */
#include <stdio.h>
#include <string.h>

#include "vitals/actions.h"
#include "vitals/challenges.h"
#include "vitals/logview.h"
#include "vitals/returns.h"
#include "vitals/status.h"
#include "server/server.h"

static bool read_def(struct req *r, struct vt_def *def)
{
	return req_read_visible_def(r, def);
}

/* A list's filters refused: the 400 answered, 'dq' and 'def' released. */
static unsigned filter_refused(struct req *r, struct vt_diagq *dq,
			       struct vt_def *def)
{
	unsigned status = api_query_error(r, dq);

	vt_diagq_release(dq);
	vt_def_release(def);
	return status;
}

/* A measure's reading for the period in 'st', or NULL. */
static const char *reading_of(const struct vt_measure_status *st, size_t n,
			      const struct vt_measure *m)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (st[i].measure == m)
			return st[i].reading;
	return NULL;
}

/* Every measure's definition the filters let through (?plan=,
   ?priority=, ?agency=), with its reading when ?period= is asked. */
unsigned api_measures(struct req *r)
{
	struct vt_query q = req_query_fields(r);
	struct vt_measure_filter f;
	struct vt_measure_status *st = NULL;
	struct vt_diagq dq;
	struct vt_def def;
	json_t *arr;
	size_t i, n = 0;

	if (!read_def(r, &def))
		return api_error(r, 503, "the database does not answer");
	vt_diagq_init(&dq);
	if (vt_measure_filter_read(&def, &q, &f, &dq))
		return filter_refused(r, &dq, &def);
	vt_diagq_release(&dq);
	if (f.period[0] && vt_measures_status(&def, f.period, &st, &n)) {
		vt_def_release(&def);
		return api_error(r, 500, "the measures could not be read");
	}
	arr = json_array();
	for (i = 0; arr && i < vt_def_count(&def, VT_KIND_MEASURE); i++) {
		const struct vt_measure *m = vt_def_at(&def, VT_KIND_MEASURE, i);
		const char *reading = reading_of(st, n, m);
		json_t *j = NULL;

		if (!vt_measure_filter_match(&def, &f, m))
			continue;
		if (vt_record_to_json(VT_KIND_MEASURE, m, &j) ||
		    (reading && json_object_set_new(j, "reading",
						    json_string(reading))) ||
		    json_array_append_new(arr, j)) {
			json_decref(arr);
			arr = NULL;
		}
	}
	vt_measures_status_release(st, n);
	vt_def_release(&def);
	return req_json(r, 200, arr);
}

/* Every version of the measure's figures the reader may see (the
   definition is read through the visibility rule). */
unsigned api_measure_values(struct req *r)
{
	const struct vt_measure *m;
	struct vt_def def;
	json_t *arr;
	size_t i;

	if (!read_def(r, &def))
		return api_error(r, 503, "the database does not answer");
	arr = json_array();
	m = vt_def_find(&def, VT_KIND_MEASURE, r->params[0]);
	for (i = 0; m && arr && i < vt_def_count(&def, VT_KIND_VALUE); i++) {
		const struct vt_value *v = vt_def_at(&def, VT_KIND_VALUE, i);

		if (strcmp(v->measure, m->code))
			continue;
		if (json_array_append_new(arr, json_pack("{s:s, s:s?, s:I, "
				"s:o, s:s?, s:o, s:o, s:s?, s:s, s:b, s:s?, "
				"s:s?, s:s?}", "period", v->period, "breakdown",
				v->breakdown, "version", (json_int_t)v->version,
				"value", vt_json_number(v->value), "suppressed",
				v->suppressed, "numerator",
				vt_json_number(v->numerator), "denominator",
				vt_json_number(v->denominator), "note", v->note,
				"status", vt_status_names[v->status],
				"illustrative", v->illustrative, "by", v->by,
				"at", v->at, "derived", v->derived))) {
			json_decref(arr);
			arr = NULL;
		}
	}
	vt_def_release(&def);
	if (!m) {
		json_decref(arr);
		return api_error(r, 404, "there is no such measure");
	}
	return req_json(r, 200, arr);
}

/* The rows of 'vitals actions list --json', filtered the same way,
   sorted as the tracker sorts (?sort=&dir=), and a page of them (?page=). */
unsigned api_actions(struct req *r)
{
	struct vt_action_filter f;
	struct vt_query q = req_query_fields(r);
	struct vt_action_report rep;
	struct vt_action_slip *slips;
	enum vt_action_sort sort;
	struct vt_diagq dq;
	struct vt_def def;
	json_t *arr;
	char day[11], why[80];
	bool descending;
	long page = 0, pages;
	size_t i, n, first = 0, last;

	server_today(day);
	if (!read_def(r, &def))
		return api_error(r, 503, "the database does not answer");
	vt_diagq_init(&dq);
	if (vt_action_filter_read(&def, &q, &f, &dq) ||
	    vt_action_order_read(&q, &sort, &descending, &dq))
		return filter_refused(r, &dq, &def);
	vt_diagq_release(&dq);
	if (vt_actions_report(&def, &f, day, vt_actions_stale_days(&def),
			      &rep)) {
		vt_def_release(&def);
		return api_error(r, 503, "the database does not answer");
	}
	arr = json_array();
	if (!vt_action_slips(r->store, &slips, &n)) {
		vt_actions_mark_slipped(&rep, slips, n);
		vt_action_slips_release(slips, n);
	}
	vt_actions_sort(&rep, sort, descending);
	/* Every row, unless a page is asked for: the tracker's 25. */
	last = rep.nrows;
	if (req_query(r, "page") && *req_query(r, "page")) {
		if (!page_number_read(r, rep.nrows, ACTIONS_PER_PAGE, &page,
				      &pages, why, sizeof(why))) {
			json_decref(arr);
			vt_action_report_release(&rep);
			vt_def_release(&def);
			return req_json(r, 400, json_pack("{s:s, s:s}", "error",
							  why, "field", "page"));
		}
		first = (size_t)(page - 1) * ACTIONS_PER_PAGE;
		if (last > first + ACTIONS_PER_PAGE)
			last = first + ACTIONS_PER_PAGE;
	}
	for (i = first; arr && i < last; i++)
		if (json_array_append_new(arr, vt_action_row_json(&rep.rows[i]))) {
			json_decref(arr);
			arr = NULL;
		}
	vt_action_report_release(&rep);
	vt_def_release(&def);
	return req_json(r, 200, arr);
}

/* The JSON of 'vitals challenge list --json' (?open=1 for open only). */
unsigned api_challenges(struct req *r)
{
	struct vt_challenge_filter f;
	struct vt_query q = req_query_fields(r);
	struct vt_challenge_report rep;
	struct vt_diagq dq;
	struct vt_def def;
	char day[11];
	unsigned status;

	server_today(day);
	if (!read_def(r, &def))
		return api_error(r, 503, "the database does not answer");
	vt_diagq_init(&dq);
	if (vt_challenge_filter_read(&def, &q, &f, &dq))
		return filter_refused(r, &dq, &def);
	vt_diagq_release(&dq);
	if (vt_challenges_report(&def, &f, day, &rep)) {
		vt_def_release(&def);
		return api_error(r, 503, "the database does not answer");
	}
	status = req_json(r, 200, vt_challenges_json(&rep));
	vt_challenge_report_release(&rep);
	vt_def_release(&def);
	return status;
}

/* The JSON of 'vitals measures status --period P --json'. */
unsigned api_status(struct req *r)
{
	struct vt_measure_status *st = NULL;
	struct vt_def def;
	size_t n = 0;
	unsigned status;
	enum vt_err result;

	if (!read_def(r, &def))
		return api_error(r, 503, "the database does not answer");
	result = vt_measures_status(&def, r->params[0], &st, &n);
	if (result == VT_EINVAL)
		status = api_error(r, 404, "that is not a period (2024Q3)");
	else if (result)
		status = api_error(r, 500, vt_strerror(result));
	else
		status = req_json(r, 200, vt_measures_status_json(&def,
						r->params[0], st, n));
	vt_measures_status_release(st, n);
	vt_def_release(&def);
	return status;
}

/* The JSON of 'vitals returns status --json', filtered as the returns
   page is (?period=, ?state=, ?late=1). */
unsigned api_returns(struct req *r)
{
	struct vt_query q = req_query_fields(r);
	struct vt_returns_filter f;
	struct vt_status_report rep;
	struct vt_diagq dq;
	char today[11];
	unsigned status;

	server_today(today);
	vt_diagq_init(&dq);
	if (vt_returns_filter_read(&q, today, &f, &dq)) {
		status = api_query_error(r, &dq);
		vt_diagq_release(&dq);
		return status;
	}
	vt_diagq_release(&dq);
	if (vt_returns_status(r->store, f.period, today, &rep))
		return api_error(r, 503, "the database does not answer");
	status = req_json(r, 200, vt_status_report_json(&rep, &f));
	vt_status_report_release(&rep);
	return status;
}

/* A page of the latest changes, newest first, as the change log page
   lists them (?entity=&key=&agency=&who=&from=&to=&page=), each with its
   record before and after and the same in words. */
unsigned api_log(struct req *r)
{
	struct vt_query q = req_query_fields(r);
	struct vt_reader rd = req_reader(r);
	struct vt_log_filter f;
	struct vt_log_list list;
	struct vt_diagq dq;
	struct vt_def names;
	json_t *arr;
	size_t i;
	enum vt_err result;

	vt_diagq_init(&dq);
	if (vt_log_filter_read(&q, &f, &dq)) {
		unsigned status = api_query_error(r, &dq);

		vt_diagq_release(&dq);
		return status;
	}
	vt_diagq_release(&dq);
	f.reader = &rd;
	vt_def_init(&names);
	result = vt_store_read_def(r->store, &names);
	if (!result)
		result = vt_log_page(r->store, &names, &f, &list);
	vt_def_release(&names);
	if (result)
		return api_error(r, 503, "the database does not answer");
	arr = json_array();
	for (i = 0; arr && i < list.n; i++)
		if (json_array_append_new(arr, vt_log_entry_json(
				&list.entries[i], &list.words[i]))) {
			json_decref(arr);
			arr = NULL;
		}
	vt_log_list_release(&list);
	return req_json(r, 200, arr);
}
