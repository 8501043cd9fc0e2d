/* A group's meetings read: quorum, decisions' state on a day, the reporting line, attendance by agency over a financial year, and their JSON forms. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/meetings.h"
#include "vitals/strparse.h"

const char *const vt_decision_state_names[] = {
	"open", "overdue", "done", NULL
};

enum vt_decision_state vt_decision_state(const struct vt_meeting_decision *d,
					 const char *today)
{
	if (d->done)
		return VT_DECISION_DONE;
	if (d->due && today && strcmp(d->due, today) < 0)
		return VT_DECISION_OVERDUE;
	return VT_DECISION_OPEN;
}

static bool is_member(const struct vt_group *g, const char *agency)
{
	size_t i;

	for (i = 0; i < g->nmembers; i++)
		if (!strcmp(g->members[i].agency, agency))
			return true;
	return false;
}

size_t vt_meeting_present(const struct vt_group *g,
			  const struct vt_meeting *m)
{
	size_t i, n = 0;

	for (i = 0; i < m->nattendance; i++)
		if (m->attendance[i].attended == VT_ATTENDED_PRESENT &&
		    (!g || !g->nmembers ||
		     is_member(g, m->attendance[i].agency)))
			n++;
	return n;
}

int vt_meeting_quorate(const struct vt_group *g, const struct vt_meeting *m)
{
	if (!g || g->quorum <= 0 || m->status != VT_MEETING_HELD)
		return -1;
	return vt_meeting_present(g, m) >= (size_t)g->quorum;
}

static int by_date(const void *a, const void *b)
{
	const struct vt_meeting *x = *(const struct vt_meeting *const *)a;
	const struct vt_meeting *y = *(const struct vt_meeting *const *)b;
	int c = strcmp(x->date, y->date);

	return c ? c : strcmp(x->ref, y->ref);
}

enum vt_err vt_group_meetings(const struct vt_def *def, const char *group,
			      const struct vt_meeting ***out, size_t *n)
{
	size_t total = vt_def_count(def, VT_KIND_MEETING), i, k = 0;
	const struct vt_meeting **all = calloc(total ? total : 1,
					       sizeof(*all));

	if (!all)
		return VT_ENOMEM;
	for (i = 0; i < total; i++) {
		const struct vt_meeting *m = vt_def_at(def, VT_KIND_MEETING,
						       i);

		if (!group || !strcmp(m->group, group))
			all[k++] = m;
	}
	qsort(all, k, sizeof(*all), by_date);
	*out = all;
	*n = k;
	return VT_OK;
}

size_t vt_group_line(const struct vt_def *def, const struct vt_group *g,
		     const struct vt_group **line, size_t max)
{
	size_t n = 0, i;

	while (g && n < max) {
		for (i = 0; i < n; i++)
			if (line[i] == g)
				return n;
		line[n++] = g;
		g = g->reports_to ? vt_def_find(def, VT_KIND_GROUP,
						g->reports_to) : NULL;
	}
	return n;
}

/* "2025-26" to 2025, or 0. */
static int year_first(const char *y)
{
	int first, second;
	size_t i;

	for (i = 0; i < 7; i++)
		if (i == 4 ? y[i] != '-' : (y[i] < '0' || y[i] > '9'))
			return 0;
	if (y[7])
		return 0;
	first = (y[0] - '0') * 1000 + (y[1] - '0') * 100 +
		(y[2] - '0') * 10 + (y[3] - '0');
	second = (y[5] - '0') * 10 + (y[6] - '0');
	return first >= 1900 && second == (first + 1) % 100 ? first : 0;
}

const char *vt_meeting_year_of(const char *date, int fy_start_month,
			       char *out)
{
	struct vt_date d;
	int first;

	if (!date || vt_parse_date(date, &d))
		return NULL;
	first = d.month >= fy_start_month ? d.year : d.year - 1;
	snprintf(out, 8, "%04d-%02d", first % 10000, (first + 1) % 100);
	return out;
}

static struct vt_attendance_row *row_of(struct vt_attendance_year *a,
					const char *agency)
{
	size_t i;

	for (i = 0; i < a->nrows; i++)
		if (!strcmp(a->rows[i].agency, agency))
			return &a->rows[i];
	return NULL;
}

static enum vt_err add_row(struct vt_attendance_year *a, const char *agency,
			   bool member)
{
	struct vt_attendance_row *rows = realloc(a->rows, (a->nrows + 1) *
						 sizeof(*rows));

	if (!rows)
		return VT_ENOMEM;
	a->rows = rows;
	memset(&rows[a->nrows], 0, sizeof(rows[0]));
	rows[a->nrows].agency = agency;
	rows[a->nrows].member = member;
	a->nrows++;
	return VT_OK;
}

enum vt_err vt_attendance_year(const struct vt_def *def,
			       const struct vt_group *g, const char *year,
			       int fy_start_month,
			       struct vt_attendance_year *out)
{
	struct vt_attendance_year a;
	int first = year ? year_first(year) : 0;
	size_t i, j;
	enum vt_err result = VT_OK;

	if (!first || fy_start_month < 1 || fy_start_month > 12)
		return VT_EINVAL;
	memset(&a, 0, sizeof(a));
	snprintf(a.year, sizeof(a.year), "%s", year);
	snprintf(a.from, sizeof(a.from), "%04d-%02d-01", first,
		 fy_start_month);
	/* The day before the next year's first: month before, last day. */
	{
		int y = fy_start_month == 1 ? first : first + 1;
		int mth = fy_start_month == 1 ? 12 : fy_start_month - 1;
		static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31,
					    30, 31, 30, 31 };
		int last = days[mth - 1];

		if (mth == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0))
			last = 29;
		snprintf(a.to, sizeof(a.to), "%04d-%02d-%02d", y, mth, last);
	}
	for (i = 0; i < g->nmembers && !result; i++)
		result = add_row(&a, g->members[i].agency, true);
	for (i = 0; i < vt_def_count(def, VT_KIND_MEETING) && !result; i++) {
		const struct vt_meeting *m = vt_def_at(def, VT_KIND_MEETING,
						       i);
		int q;

		if (strcmp(m->group, g->code) || m->status != VT_MEETING_HELD ||
		    strcmp(m->date, a.from) < 0 || strcmp(m->date, a.to) > 0)
			continue;
		a.held++;
		q = vt_meeting_quorate(g, m);
		if (q == 1)
			a.quorate++;
		else if (q == 0)
			a.inquorate++;
		for (j = 0; j < m->nattendance && !result; j++) {
			const struct vt_meeting_attendance *at =
				&m->attendance[j];
			struct vt_attendance_row *r = row_of(&a, at->agency);

			if (!r) {
				result = add_row(&a, at->agency, false);
				if (result)
					break;
				r = &a.rows[a.nrows - 1];
			}
			if (at->attended == VT_ATTENDED_PRESENT)
				r->present++;
			else if (at->attended == VT_ATTENDED_APOLOGIES)
				r->apologies++;
			else
				r->absent++;
		}
	}
	for (i = 0; i < a.nrows; i++) {
		struct vt_attendance_row *r = &a.rows[i];

		r->held = a.held;
		r->unrecorded = a.held - r->present - r->apologies - r->absent;
		r->rate = a.held ? 100.0 * (double)r->present /
				   (double)a.held : NAN;
	}
	if (result) {
		vt_attendance_year_release(&a);
		return result;
	}
	*out = a;
	return VT_OK;
}

void vt_attendance_year_release(struct vt_attendance_year *a)
{
	free(a->rows);
	a->rows = NULL;
	a->nrows = 0;
}

/* A new reference, or NULL: 'j' is released when setting fails. */
static json_t *set(json_t *j, const char *key, json_t *v)
{
	if (!j) {
		json_decref(v);
		return NULL;
	}
	if (json_object_set_new(j, key, v ? v : json_null())) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *vt_attendance_year_json(const struct vt_attendance_year *a)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I}", "year",
			      a->year, "from", a->from, "to", a->to, "held",
			      (json_int_t)a->held, "quorate",
			      (json_int_t)a->quorate, "inquorate",
			      (json_int_t)a->inquorate);
	json_t *rows = json_array();
	size_t i;

	if (!j || !rows) {
		json_decref(j);
		json_decref(rows);
		return NULL;
	}
	for (i = 0; i < a->nrows; i++) {
		const struct vt_attendance_row *r = &a->rows[i];
		json_t *o = json_pack("{s:s, s:b, s:I, s:I, s:I, s:I, s:I}",
				      "agency", r->agency, "member",
				      r->member, "held", (json_int_t)r->held,
				      "present", (json_int_t)r->present,
				      "apologies", (json_int_t)r->apologies,
				      "absent", (json_int_t)r->absent,
				      "unrecorded",
				      (json_int_t)r->unrecorded);

		o = set(o, "rate", isnan(r->rate) ? json_null() :
			json_real(round(r->rate * 10) / 10));
		if (!o || json_array_append_new(rows, o)) {
			json_decref(rows);
			json_decref(j);
			return NULL;
		}
	}
	return set(j, "agencies", rows);
}

json_t *vt_meeting_json(const struct vt_group *g, const struct vt_meeting *m,
			const char *today)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s}", "ref", m->ref, "group",
			      m->group, "date", m->date, "status",
			      vt_meeting_status_names[m->status]);
	json_t *items = json_array(), *att = json_array(),
	       *dec = json_array(), *rec = json_array();
	int q = g ? vt_meeting_quorate(g, m) : -1;
	size_t i;
	bool failed = !items || !att || !dec || !rec;

	for (i = 0; !failed && i < m->nitems; i++)
		failed = json_array_append_new(items,
					       json_string(m->items[i].text));
	for (i = 0; !failed && i < m->nattendance; i++)
		failed = json_array_append_new(att, json_pack("{s:s, s:s}",
			"agency", m->attendance[i].agency, "attended",
			vt_attended_names[m->attendance[i].attended]));
	for (i = 0; !failed && i < m->ndecisions; i++) {
		const struct vt_meeting_decision *d = &m->decisions[i];
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s}", "number",
				      (json_int_t)d->number, "text", d->text,
				      "owner", d->owner, "agency", d->agency,
				      "state", vt_decision_state_names[
				      vt_decision_state(d, today)]);

		o = set(set(o, "due", str_or_null(d->due)), "done",
			str_or_null(d->done));
		failed = !o || json_array_append_new(dec, o);
	}
	for (i = 0; !failed && i < m->nreceived; i++)
		failed = json_array_append_new(rec, json_pack("{s:s, s:o}",
			"subject", m->received[i].subject, "note",
			str_or_null(m->received[i].note)));
	if (failed) {
		json_decref(j);
		json_decref(items);
		json_decref(att);
		json_decref(dec);
		json_decref(rec);
		return NULL;
	}
	j = set(j, "quorum", json_integer(g ? (json_int_t)g->quorum : 0));
	j = set(j, "present", json_integer((json_int_t)
					   vt_meeting_present(g, m)));
	j = set(j, "quorate", q < 0 ? json_null() : json_boolean(q));
	j = set(j, "items", items);
	j = set(j, "attendance", att);
	j = set(j, "decisions", dec);
	return set(j, "received", rec);
}
