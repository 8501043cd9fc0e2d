/* The action tracker's derived states: overdue, stale, counts by RAG, the red list. */
#include "vitals/actions.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vitals/planlife.h"
#include "vitals/strparse.h"

enum vt_err vt_action_date(const char *in, char out[11])
{
	struct vt_date d;
	char iso[11];
	int day, month, year, used = 0;

	if (in && strlen(in) == 10 &&
	    sscanf(in, "%2d/%2d/%4d%n", &day, &month, &year, &used) == 3 &&
	    used == 10) {
		snprintf(iso, sizeof(iso), "%04d-%02d-%02d", year, month, day);
		in = iso;
	}
	if (!in || vt_parse_date(in, &d))
		return VT_EINVAL;
	vt_date_format(&d, out);
	return VT_OK;
}

/* A date as a day number, or -1 when it is not one. */
static long day_number(const char *s)
{
	struct vt_date d;

	if (!s || vt_parse_date(s, &d))
		return -1;
	return vt_date_to_days(&d);
}

int vt_rag_parse(const char *s)
{
	int i;

	for (i = 0; s && *s && i < VT_RAG__MAX; i++)
		if (!strcasecmp(s, vt_rag_names[i]) ||
		    (!s[1] && tolower((unsigned char)s[0]) ==
			      vt_rag_names[i][0]))
			return i;
	return -1;
}

const struct vt_action_update *vt_action_latest(const struct vt_action *a)
{
	const struct vt_action_update *best = NULL;
	size_t i;

	for (i = 0; a && i < a->nupdates; i++)
		if (!best || strcmp(a->updates[i].date, best->date) >= 0)
			best = &a->updates[i];
	return best;
}

/* A priority named by its code, or by its number as the plan gives it. */
static bool under_priority(const struct vt_def *def, const char *wanted,
			   const struct vt_action *a)
{
	const struct vt_priority *p;

	if (!a->priority)
		return false;
	if (!strcmp(wanted, a->priority))
		return true;
	p = vt_def_find(def, VT_KIND_PRIORITY, a->priority);
	return p && p->number && !strcmp(wanted, p->number);
}

static bool passes(const struct vt_def *def,
		   const struct vt_action_filter *f, const struct vt_action *a)
{
	if (!f)
		return true;
	if (f->agency && strcmp(f->agency, a->agency) != 0)
		return false;
	if (f->plan && strcmp(f->plan, a->plan) != 0)
		return false;
	if (f->priority && !under_priority(def, f->priority, a))
		return false;
	if (f->search && *f->search && !vt_text_has(a->code, f->search) &&
	    !vt_text_has(a->title, f->search) && !vt_text_has(a->owner, f->search))
		return false;
	return f->rag < 0 || f->as_at || f->rag == a->rag;
}

long vt_action_stale_after(int cadence, long stale_days)
{
	return cadence == VT_ACTION_QUARTERLY ? stale_days + 61 : stale_days;
}

/* The latest update of 'a' dated on or before 'day', or NULL. */
static const struct vt_action_update *
latest_by(const struct vt_action *a, const char *day)
{
	const struct vt_action_update *best = NULL;
	size_t i;

	for (i = 0; i < a->nupdates; i++)
		if (strcmp(a->updates[i].date, day) <= 0 &&
		    (!best || strcmp(a->updates[i].date, best->date) >= 0))
			best = &a->updates[i];
	return best;
}

enum vt_err vt_actions_report(const struct vt_def *def,
			      const struct vt_action_filter *filter,
			      const char *today, long stale_days,
			      struct vt_action_report *out)
{
	size_t i, n = vt_def_count(def, VT_KIND_ACTION);
	long now = day_number(today);
	bool as_at = filter && filter->as_at;

	memset(out, 0, sizeof(*out));
	if (now < 0 || stale_days < 0)
		return VT_EINVAL;
	out->stale_days = stale_days;
	out->rows = calloc(n + 1, sizeof(*out->rows));
	if (!out->rows)
		return VT_ENOMEM;
	for (i = 0; i < n; i++) {
		const struct vt_action *a = vt_def_at(def, VT_KIND_ACTION, i);
		struct vt_action_row row;
		bool done;
		long due, updated, after;

		if (!passes(def, filter, a))
			continue;
		/* A plan asked for by name is shown whole, closed or not:
		   its history is what was asked for. */
		if (filter && filter->in_force && !filter->plan &&
		    !vt_plan_in_force(def, a->plan, a->priority, today))
			continue;
		if (filter && filter->from && filter->to &&
		    !vt_plan_covers(def, a->plan, a->priority, filter->from,
				    filter->to))
			continue;
		memset(&row, 0, sizeof(row));
		row.action = a;
		row.last = as_at ? latest_by(a, today) : vt_action_latest(a);
		/* Not yet begun on the day: no rating to show for it. */
		if (as_at && !row.last)
			continue;
		row.rag = as_at ? row.last->rag : a->rag;
		if (as_at && filter->rag >= 0 && filter->rag != row.rag)
			continue;
		done = row.rag == VT_RAG_BLUE;
		row.discharged = a->discharged &&
				 strcmp(a->discharged, today) <= 0;
		due = day_number(a->due);
		updated = row.last ? day_number(row.last->date) : -1;
		after = vt_action_stale_after(a->cadence, stale_days);
		row.days_since_update = updated < 0 ? -1 : now - updated;
		row.overdue = !done && !row.discharged && due >= 0 &&
			      due < now;
		row.stale = !done && !row.discharged &&
			    (updated < 0 || now - updated > after);
		if (filter && ((filter->overdue_only && !row.overdue) ||
			       (filter->stale_only && !row.stale)))
			continue;
		if ((unsigned)row.rag < VT_RAG__MAX)
			out->by_rag[row.rag]++;
		out->overdue += row.overdue;
		out->stale += row.stale;
		out->discharged += row.discharged;
		out->open += !done && !row.discharged;
		out->rows[out->nrows++] = row;
	}
	return VT_OK;
}

const char *const vt_action_sort_names[VT_ACTION_SORT__MAX] = {
	"", "ref", "title", "agency", "rag", "due", "updated" };

/* The key of 'row' for the column 'by', NULL when it has none. */
static const char *sort_key(const struct vt_action_row *row,
			    enum vt_action_sort by)
{
	const struct vt_action *a = row->action;

	switch (by) {
	case VT_ACTION_SORT_REF:	return a->code;
	case VT_ACTION_SORT_TITLE:	return a->title;
	case VT_ACTION_SORT_AGENCY:	return a->agency;
	case VT_ACTION_SORT_DUE:	return a->due;
	case VT_ACTION_SORT_UPDATED:	return row->last ? row->last->date
							 : NULL;
	default:			return NULL;
	}
}

/* Whether 'x' goes after 'y'; equal rows keep their places. */
static bool goes_after(const struct vt_action_row *x,
		       const struct vt_action_row *y, enum vt_action_sort by,
		       bool down)
{
	const char *kx, *ky;
	int c;

	if (by == VT_ACTION_SORT_RAG) {
		c = (x->rag > y->rag) - (x->rag < y->rag);
		return down ? c < 0 : c > 0;
	}
	kx = sort_key(x, by);
	ky = sort_key(y, by);
	/* Missing last either way: a blank is not the earliest date. */
	if (!kx || !*kx || !ky || !*ky)
		return (!kx || !*kx) && ky && *ky;
	c = strcasecmp(kx, ky);
	if (!c)
		c = strcmp(kx, ky);
	return down ? c < 0 : c > 0;
}

void vt_actions_sort(struct vt_action_report *r, enum vt_action_sort sort,
		     bool descending)
{
	struct vt_action_row *tmp;
	size_t width, i, n = r->nrows;

	if (sort <= VT_ACTION_SORT_NONE || sort >= VT_ACTION_SORT__MAX ||
	    n < 2)
		return;
	/* A merge sort, which is stable (qsort is not) and needs no state
	   outside its call (the server sorts on several threads). */
	tmp = malloc(n * sizeof(*tmp));
	if (!tmp)
		return;
	for (width = 1; width < n; width *= 2) {
		for (i = 0; i < n; i += 2 * width) {
			size_t lo = i, mid = i + width < n ? i + width : n;
			size_t hi = i + 2 * width < n ? i + 2 * width : n;
			size_t a = lo, b = mid, k = lo;

			while (a < mid && b < hi)
				tmp[k++] = goes_after(&r->rows[a], &r->rows[b],
						      sort, descending)
					   ? r->rows[b++] : r->rows[a++];
			while (a < mid)
				tmp[k++] = r->rows[a++];
			while (b < hi)
				tmp[k++] = r->rows[b++];
		}
		memcpy(r->rows, tmp, n * sizeof(*tmp));
	}
	free(tmp);
}

enum vt_err vt_action_order_read(const struct vt_query *q,
				 enum vt_action_sort *sort, bool *descending,
				 struct vt_diagq *dq)
{
	const char *name = vt_query_text(q, "sort");
	const char *dir = vt_query_text(q, "dir");
	size_t errors = dq->errors;
	int i;

	*sort = VT_ACTION_SORT_NONE;
	*descending = dir && !strcmp(dir, "desc");
	for (i = 1; name && i < VT_ACTION_SORT__MAX; i++)
		if (!strcmp(name, vt_action_sort_names[i]))
			*sort = (enum vt_action_sort)i;
	if (name && *sort == VT_ACTION_SORT_NONE)
		vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, "sort",
				  "actions sort by ref, title, agency, rag, "
				  "due or updated, not '%.40s'", name);
	if (dir && strcmp(dir, "asc") && strcmp(dir, "desc"))
		vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, "dir",
				  "the order is asc or desc, not '%.40s'",
				  dir);
	return dq->errors > errors ? VT_EINVAL : VT_OK;
}

long vt_actions_stale_days(const struct vt_def *def)
{
	const struct vt_partnership *p;

	if (!vt_def_count(def, VT_KIND_PARTNERSHIP))
		return VT_ACTION_STALE_DAYS;
	p = vt_def_at(def, VT_KIND_PARTNERSHIP, 0);
	return p->action_update_days > 0 ? (long)p->action_update_days
					 : VT_ACTION_STALE_DAYS;
}

void vt_action_report_release(struct vt_action_report *r)
{
	free(r->rows);
	memset(r, 0, sizeof(*r));
}

static bool moves(const struct vt_action *a, const char *measure)
{
	size_t i;

	for (i = 0; i < a->nmeasures; i++)
		if (!strcmp(a->measures[i].measure, measure))
			return true;
	return false;
}

enum vt_err vt_actions_for_measure(const struct vt_def *def,
				   const char *measure,
				   const struct vt_action ***out, size_t *n)
{
	size_t i, count = vt_def_count(def, VT_KIND_ACTION), found = 0;

	/* Counted first: a report asks this of every measure, and an array
	   as long as all the actions each time is most of its cost. */
	for (i = 0; i < count; i++)
		found += moves(vt_def_at(def, VT_KIND_ACTION, i), measure);
	*n = 0;
	*out = calloc(found + 1, sizeof(**out));
	if (!*out)
		return VT_ENOMEM;
	for (i = 0; i < count && *n < found; i++) {
		const struct vt_action *a = vt_def_at(def, VT_KIND_ACTION, i);

		if (moves(a, measure))
			(*out)[(*n)++] = a;
	}
	return VT_OK;
}

bool vt_actions_all_green(const struct vt_def *def, const char *measure)
{
	size_t i, linked = 0;

	for (i = 0; i < vt_def_count(def, VT_KIND_ACTION); i++) {
		const struct vt_action *a = vt_def_at(def, VT_KIND_ACTION, i);

		if (!moves(a, measure))
			continue;
		if (a->rag != VT_RAG_GREEN && a->rag != VT_RAG_BLUE)
			return false;
		linked++;
	}
	return linked > 0;
}

void vt_actions_mark_slipped(struct vt_action_report *r,
			     const struct vt_action_slip *slips, size_t n)
{
	size_t i, j;

	r->slipped = 0;
	for (i = 0; i < r->nrows; i++) {
		r->rows[i].slips = 0;
		for (j = 0; j < n; j++)
			if (!strcmp(slips[j].ref, r->rows[i].action->code))
				r->rows[i].slips++;
		r->slipped += r->rows[i].slips > 0;
	}
}

/* ------------------------------------------------------------------ */
/* JSON */

json_t *vt_action_row_json(const struct vt_action_row *r)
{
	const struct vt_action *a = r->action;
	const char *note = r->last && r->last->note ? r->last->note : NULL;

	return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s, s:s?, s:s?, "
			 "s:b, s:b, s:I, s:s?, s:s?, s:s?, s:b, s:b, s:s, s:s?}", "ref",
			 a->code, "plan",
			 a->plan, "agency", a->agency, "title", a->title,
			 "owner", a->owner, "due", a->due,
			 "rag", vt_rag_names[r->rag],
			 "updated", r->last ? r->last->date : NULL,
			 "last_note", note, "overdue", r->overdue,
			 "stale", r->stale, "slips", (json_int_t)r->slips,
			 "review", a->review, "audit", a->audit, "s11", a->s11,
			 "illustrative", a->illustrative,
			 "last_note_illustrative",
			 r->last && r->last->illustrative,
			 "cadence", vt_action_cadence_names[a->cadence],
			 "discharged", r->discharged ? a->discharged : NULL);
}

/* The action's field naming a record of 'source' (review, audit). */
static const char *source_of(const struct vt_action *a, enum vt_kind source)
{
	const struct vt_entity *e = vt_entity_of(VT_KIND_ACTION);
	size_t i;

	for (i = 0; i < e->nfields; i++)
		if (e->fields[i].type == VT_FT_REF &&
		    e->fields[i].ref == source)
			return *(char *const *)((const char *)a +
						e->fields[i].offset);
	return NULL;
}

json_t *vt_recommendations_json(const struct vt_def *def,
				enum vt_kind source, const char *ref)
{
	json_t *arr = json_array();
	size_t i, n = def ? vt_def_count(def, VT_KIND_ACTION) : 0;

	for (i = 0; arr && i < n; i++) {
		const struct vt_action *ac = vt_def_at(def, VT_KIND_ACTION, i);
		const char *from = source_of(ac, source);
		const struct vt_action_update *u;

		if (!from || strcmp(from, ref))
			continue;
		u = vt_action_latest(ac);
		if (json_array_append_new(arr, json_pack("{s:s, s:o}",
			"action", ac->code, "rag",
			u ? json_string(vt_rag_names[u->rag]) : json_null()))) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

json_t *vt_actions_summary_json(const struct vt_action_report *rep)
{
	json_t *reds = json_array();
	size_t i;

	for (i = 0; reds && i < rep->nrows; i++)
		if (rep->rows[i].rag == VT_RAG_RED &&
		    json_array_append_new(reds,
					  vt_action_row_json(&rep->rows[i]))) {
			json_decref(reds);
			return NULL;
		}
	return json_pack("{s:I, s:{s:I, s:I, s:I, s:I}, s:I, s:I, s:o, s:I, "
			 "s:I}",
		"total", (json_int_t)rep->nrows, "by_rag",
		"red", (json_int_t)rep->by_rag[VT_RAG_RED],
		"amber", (json_int_t)rep->by_rag[VT_RAG_AMBER],
		"green", (json_int_t)rep->by_rag[VT_RAG_GREEN],
		"blue", (json_int_t)rep->by_rag[VT_RAG_BLUE],
		"overdue", (json_int_t)rep->overdue,
		"stale", (json_int_t)rep->stale, "red_list", reds,
		"open", (json_int_t)rep->open,
		"discharged", (json_int_t)rep->discharged);
}

enum vt_err vt_action_filter_read(const struct vt_def *def,
				  const struct vt_query *q,
				  struct vt_action_filter *f,
				  struct vt_diagq *dq)
{
	const char *rag = vt_query_text(q, "rag");
	size_t errors = dq->errors;

	f->agency = vt_query_text(q, "agency");
	f->plan = vt_query_text(q, "plan");
	f->priority = NULL;
	f->search = vt_query_text(q, "q");
	f->rag = rag ? vt_rag_parse(rag) : -1;
	if (rag && f->rag < 0)
		vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, "rag",
				  "a RAG rating is red, amber, green or blue, "
				  "not '%.40s'", rag);
	if (f->agency && !vt_def_find(def, VT_KIND_AGENCY, f->agency))
		vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, "agency",
				  "there is no agency '%.40s'", f->agency);
	if (f->plan && !vt_def_find(def, VT_KIND_PLAN, f->plan))
		vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, "plan",
				  "there is no plan '%.40s'", f->plan);
	f->overdue_only = vt_query_flag(q, "overdue", dq);
	f->stale_only = vt_query_flag(q, "stale", dq);
	/* Closed and past plans' actions only when asked for. */
	f->in_force = !vt_query_flag(q, "closed", dq);
	f->as_at = false;
	f->from = f->to = NULL;
	return dq->errors > errors ? VT_EINVAL : VT_OK;
}
