/* vitals audits: the multi-agency audit programme (add, grade, complete, recommend, list, show), grades by agency or theme, and the programme's completion. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/actions.h"
#include "vitals/audits.h"
#include "vitals/csv.h"
#include "cli.h"

#define MAX_AGENCIES 32

struct opts {
	const char *ref;
	const char *theme, *planned, *lead, *agencies, *sample, *reaudit_of;
	const char *case_ref, *agency, *grade, *findings;
	const char *date, *summary;
	const char *text, *due, *owner, *plan;
	const char *state, *by, *year, *from, *to, *today;
	int json, csv;
};

static int parse(int argc, char **argv, struct opts *o)
{
	const struct cli_option options[] = {
		{ "--theme", &o->theme, NULL },
		{ "--planned", &o->planned, NULL },
		{ "--lead", &o->lead, NULL },
		{ "--agencies", &o->agencies, NULL },
		{ "--sample", &o->sample, NULL },
		{ "--reaudit-of", &o->reaudit_of, NULL },
		{ "--case", &o->case_ref, NULL },
		{ "--agency", &o->agency, NULL },
		{ "--grade", &o->grade, NULL },
		{ "--findings", &o->findings, NULL },
		{ "--date", &o->date, NULL },
		{ "--summary", &o->summary, NULL },
		{ "--text", &o->text, NULL },
		{ "--due", &o->due, NULL },
		{ "--owner", &o->owner, NULL },
		{ "--plan", &o->plan, NULL },
		{ "--state", &o->state, NULL },
		{ "--by", &o->by, NULL },
		{ "--year", &o->year, NULL },
		{ "--from", &o->from, NULL },
		{ "--to", &o->to, NULL },
		{ "--today", &o->today, NULL },
		{ "--json", NULL, &o->json },
		{ "--csv", NULL, &o->csv },
		{ NULL, NULL, NULL },
	};

	memset(o, 0, sizeof(*o));
	if (cli_parse_options(argc, argv, 2, options, &o->ref))
		return -1;
	return o->json && o->csv ? -1 : 0;
}

static int report(struct vt_store *store, enum vt_err result,
		  const char *why)
{
	if (result == VT_EINVAL || result == VT_ENOTFOUND ||
	    result == VT_ECONFLICT) {
		cli_error("%s; nothing was changed", why);
		return EXIT_REFUSED;
	}
	if (result) {
		cli_error("cannot change the audit programme: %s",
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		return EXIT_FAILURE_;
	}
	return EXIT_OK;
}

enum change { ADD, GRADE, COMPLETE, RECOMMEND };

/* "police,health" into 'out' (pointing into 'buf'); -1 when too many. */
static int split(const char *list, char *buf, size_t size,
		 const char **out, size_t *n)
{
	char *p, *comma;

	*n = 0;
	if (!list)
		return 0;
	if (strlen(list) >= size)
		return -1;
	memcpy(buf, list, strlen(list) + 1);
	for (p = buf; p; p = comma) {
		comma = strchr(p, ',');
		if (comma)
			*comma++ = '\0';
		while (*p == ' ')
			p++;
		if (!*p)
			continue;
		if (*n == MAX_AGENCIES)
			return -1;
		out[(*n)++] = p;
	}
	return 0;
}

static int change(struct cli *cli, const struct opts *o, enum change what)
{
	const char *agencies[MAX_AGENCIES];
	char buf[1024], why[512], code[128];
	struct vt_store *store;
	enum vt_err result;
	bool replaced = false;
	size_t n;
	int status;

	if (split(o->agencies, buf, sizeof(buf), agencies, &n)) {
		cli_error("agencies: at most %d agencies take part",
			  MAX_AGENCIES);
		return EXIT_USAGE;
	}
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	switch (what) {
	case ADD:
		result = vt_audit_add(store, o->ref, o->theme, o->planned,
				      o->lead, agencies, n, o->sample,
				      o->reaudit_of, cli->who, why,
				      sizeof(why));
		break;
	case GRADE:
		result = vt_audit_grade(store, o->ref, o->case_ref, o->agency,
					o->grade, o->findings, &replaced,
					cli->who, why, sizeof(why));
		break;
	case COMPLETE:
		result = vt_audit_complete(store, o->ref, o->date, o->summary,
					   cli->who, why, sizeof(why));
		break;
	default:
		result = vt_audit_recommend(store, o->ref, o->text, o->agency,
					    o->due, o->owner, o->plan, code,
					    sizeof(code), cli->who, why,
					    sizeof(why));
		break;
	}
	status = report(store, result, why);
	if (!status && what == ADD)
		printf("audit %s added\n", o->ref);
	else if (!status && what == GRADE)
		printf("audit %s: case %s %s by %s as %s\n", o->ref,
		       o->case_ref, replaced ? "regraded" : "graded",
		       o->agency, o->grade);
	else if (!status && what == COMPLETE)
		printf("audit %s completed on %s\n", o->ref, o->date);
	else if (!status)
		printf("audit %s: recommendation %s added to the action "
		       "tracker\n", o->ref, code);
	vt_store_close(store);
	return status;
}

/* ------------------------------------------------------------------ */
/* Reading */

struct view {
	struct vt_store *store;
	struct vt_def def;
	const struct vt_partnership *p;
	int fy;
	char today[11];
};

static int open_view(struct cli *cli, const struct opts *o, struct view *v)
{
	int status;

	if (cli_day(o->today, v->today))
		return EXIT_USAGE;
	status = cli_read_all(cli, &v->store, &v->def);
	if (status)
		return status;
	v->p = vt_def_count(&v->def, VT_KIND_PARTNERSHIP) ?
	       vt_def_at(&v->def, VT_KIND_PARTNERSHIP, 0) : NULL;
	v->fy = v->p && vt_fy_start_month_valid((int)v->p->fy_start_month) ?
		(int)v->p->fy_start_month : 4;
	return EXIT_OK;
}

static void close_view(struct view *v)
{
	vt_def_release(&v->def);
	vt_store_close(v->store);
}

static int state_of(const struct view *v, const struct vt_audit *a,
		    enum vt_audit_state *st)
{
	if (vt_audit_state_on(a, v->today, st)) {
		cli_error("audit %s: its planned quarter '%s' is not one",
			  a->ref, a->planned);
		return EXIT_FAILURE_;
	}
	return EXIT_OK;
}

static bool takes_part(const struct vt_audit *a, const char *agency)
{
	size_t i;

	for (i = 0; i < a->nagencies; i++)
		if (!strcmp(a->agencies[i].agency, agency))
			return true;
	return false;
}

static int show(struct cli *cli, const struct opts *o)
{
	struct view v;
	const struct vt_audit *a;
	enum vt_audit_state st;
	char label[VT_PERIOD_LABEL_MAX];
	json_t *recs;
	size_t i;
	int status = open_view(cli, o, &v);

	if (status)
		return status;
	a = vt_def_find(&v.def, VT_KIND_AUDIT, o->ref);
	if (!a) {
		cli_error("there is no audit '%s'", o->ref);
		status = EXIT_REFUSED;
	} else if (!(status = state_of(&v, a, &st)) && o->json) {
		status = cli_put_json(vt_audit_json(a, st, &v.def));
	} else if (!status) {
		printf("%s  %s, planned %s, led by %s: %s\n", a->ref,
		       a->theme, vt_period_label_of(a->planned, v.fy, label),
		       a->lead, vt_audit_state_names[st]);
		printf("  taking part:");
		for (i = 0; i < a->nagencies; i++)
			printf(" %s", a->agencies[i].agency);
		printf("\n  cases: %zu of %lld planned graded\n",
		       vt_audit_cases(a), (long long)a->sample);
		if (a->reaudit_of)
			printf("  re-audit of %s\n", a->reaudit_of);
		for (i = 0; i < a->ngrades; i++)
			printf("  case %s, %s: %s%s%s\n", a->grades[i].case_,
			       a->grades[i].agency, a->grades[i].grade,
			       a->grades[i].findings ? ": " : "",
			       a->grades[i].findings ? a->grades[i].findings
						     : "");
		if (a->done)
			printf("  completed %s%s%s\n", a->done,
			       a->summary ? ": " : "",
			       a->summary ? a->summary : "");
		recs = vt_recommendations_json(&v.def, VT_KIND_AUDIT, a->ref);
		for (i = 0; recs && i < json_array_size(recs); i++) {
			json_t *r = json_array_get(recs, i);
			const char *rag = json_string_value(
				json_object_get(r, "rag"));

			printf("  recommendation %s: %s\n",
			       json_string_value(json_object_get(r, "action")),
			       rag ? rag : "not yet rated");
		}
		json_decref(recs);
	}
	close_view(&v);
	return status;
}

static int list(struct cli *cli, const struct opts *o)
{
	static const char *const header[] = {
		"ref", "theme", "planned", "lead", "agencies", "sample",
		"cases", "state", "done", "reaudit_of",
	};
	struct view v;
	json_t *all = NULL;
	size_t i, j, shown = 0;
	int want = -1, status;

	for (j = 0; o->state && vt_audit_state_names[j]; j++)
		if (!strcmp(o->state, vt_audit_state_names[j]))
			want = (int)j;
	if (o->state && want < 0) {
		cli_error("state: '%s' is not one (planned, done or late)",
			  o->state);
		return EXIT_USAGE;
	}
	status = open_view(cli, o, &v);
	if (status)
		return status;
	if (o->json && !(all = json_array()))
		status = EXIT_FAILURE_;
	if (o->csv && !status)
		status = cli_put_csv_row(header, sizeof(header) / sizeof(header[0]));
	for (i = 0; !status && i < vt_def_count(&v.def, VT_KIND_AUDIT); i++) {
		const struct vt_audit *a = vt_def_at(&v.def, VT_KIND_AUDIT, i);
		enum vt_audit_state st;
		char sample[24], cases[24], label[VT_PERIOD_LABEL_MAX],
		     agencies[512] = "";
		size_t len = 0;

		if ((status = state_of(&v, a, &st)))
			break;
		if ((want >= 0 && (int)st != want) ||
		    (o->theme && strcmp(a->theme, o->theme)) ||
		    (o->agency && !takes_part(a, o->agency)))
			continue;
		shown++;
		snprintf(sample, sizeof(sample), "%lld", (long long)a->sample);
		snprintf(cases, sizeof(cases), "%zu", vt_audit_cases(a));
		for (j = 0; j < a->nagencies && len < sizeof(agencies); j++) {
			int w = snprintf(agencies + len, sizeof(agencies) - len,
					 "%s%s", j ? ";" : "",
					 a->agencies[j].agency);

			if (w < 0)
				break;
			len += (size_t)w;
		}
		if (all) {
			if (json_array_append_new(all,
						  vt_audit_json(a, st, &v.def)))
				status = EXIT_FAILURE_;
		} else if (o->csv) {
			const char *f[] = {
				a->ref, a->theme, a->planned, a->lead,
				agencies, sample, cases,
				vt_audit_state_names[st],
				a->done ? a->done : "",
				a->reaudit_of ? a->reaudit_of : "",
			};

			status = cli_put_csv_row(f, sizeof(f) / sizeof(f[0]));
		} else {
			printf("%s  %s, planned %s, led by %s: %s%s%s\n"
			       "  %s of %s cases graded%s%s\n", a->ref,
			       a->theme,
			       vt_period_label_of(a->planned, v.fy, label),
			       a->lead, vt_audit_state_names[st],
			       a->done ? " " : "", a->done ? a->done : "",
			       cases, sample,
			       a->reaudit_of ? "; re-audit of " : "",
			       a->reaudit_of ? a->reaudit_of : "");
		}
	}
	if (!status && all)
		status = cli_put_json(all);
	else
		json_decref(all);
	if (!status && !o->json && !o->csv && !shown)
		printf("no audits\n");
	close_view(&v);
	return status;
}

/* ------------------------------------------------------------------ */
/* Grades and the programme */

static json_t *grades_json(const struct vt_audit_grades *g,
			   enum vt_audit_by by)
{
	json_t *rows = json_array(), *scale = json_array();
	size_t i, k;

	for (k = 0; scale && k < g->ngrades; k++)
		if (json_array_append_new(scale, json_string(g->grades[k])))
			goto fail;
	for (i = 0; rows && i < g->nrows; i++) {
		const struct vt_audit_tally *t = &g->rows[i];
		json_t *counts = json_object();

		for (k = 0; counts && k < g->ngrades; k++)
			if (json_object_set_new(counts, g->grades[k],
					json_integer((json_int_t)t->counts[k])))
				break;
		if (!counts || k < g->ngrades ||
		    json_array_append_new(rows, json_pack(
			"{s:s, s:o, s:o, s:I}", vt_audit_by_names[by], t->key,
			"quarter", t->quarter[0] ? json_string(t->quarter)
						 : json_null(),
			"counts", counts, "total", (json_int_t)t->total))) {
			json_decref(counts);
			goto fail;
		}
	}
	if (!rows || !scale)
		goto fail;
	return json_pack("{s:s, s:o, s:o}", "by", vt_audit_by_names[by],
			 "grades", scale, "rows", rows);
fail:
	json_decref(rows);
	json_decref(scale);
	return NULL;
}

static int grades(struct cli *cli, const struct opts *o)
{
	struct vt_audit_grades g;
	enum vt_audit_by by = VT_AUDIT_BY_AGENCY;
	struct view v;
	size_t i, k;
	int status;

	if (o->by && !strcmp(o->by, "theme"))
		by = VT_AUDIT_BY_THEME;
	else if (o->by && strcmp(o->by, "agency")) {
		cli_error("by: '%s' is not agency or theme", o->by);
		return EXIT_USAGE;
	}
	status = open_view(cli, o, &v);
	if (status)
		return status;
	if (vt_audit_grades_count(&v.def, by, &g)) {
		close_view(&v);
		return EXIT_FAILURE_;
	}
	if (o->json) {
		status = cli_put_json(grades_json(&g, by));
	} else if (o->csv) {
		const char *f[5] = { vt_audit_by_names[by], "quarter",
				     "grade", "count", NULL };

		status = cli_put_csv_row(f, 4);
		for (i = 0; !status && i < g.nrows; i++)
			for (k = 0; !status && k < g.ngrades; k++) {
				char n[24];

				snprintf(n, sizeof(n), "%zu",
					 g.rows[i].counts[k]);
				f[0] = g.rows[i].key;
				f[1] = g.rows[i].quarter;
				f[2] = g.grades[k];
				f[3] = n;
				status = cli_put_csv_row(f, 4);
			}
	} else if (!g.nrows) {
		printf("no grades\n");
	} else {
		for (i = 0; i < g.nrows; i++) {
			char label[VT_PERIOD_LABEL_MAX];

			printf("%s, %s: %zu graded", g.rows[i].key,
			       g.rows[i].quarter[0] ?
			       vt_period_label_of(g.rows[i].quarter, v.fy,
						  label) : "not yet done",
			       g.rows[i].total);
			for (k = 0; k < g.ngrades; k++)
				if (g.rows[i].counts[k])
					printf(", %s %zu", g.grades[k],
					       g.rows[i].counts[k]);
			printf("\n");
		}
	}
	vt_audit_grades_release(&g);
	close_view(&v);
	return status;
}

/* The quarters of financial year 'year' ("2026": 2026-27 from April). */
static int year_quarters(const char *year, int fy, char from[16],
			 char to[16])
{
	struct vt_period y, q;
	struct vt_date d;

	if (vt_period_parse(year, &y) || y.kind != VT_PERIOD_YEAR ||
	    vt_period_first_day(&y, fy, &d))
		return -1;
	q.kind = VT_PERIOD_QUARTER;
	q.year = d.year;
	q.index = (d.month - 1) / 3 + 1;
	vt_period_format(&q, from);
	if (vt_period_last_day(&y, fy, &d))
		return -1;
	q.year = d.year;
	q.index = (d.month - 1) / 3 + 1;
	vt_period_format(&q, to);
	return 0;
}

/* A quarter bounding the programme ("2026Q2" or "2026-27 Q1") into
   'out'; "" when not given.  -1, said, when it is not a quarter. */
static int quarter_bound(const char *given, const char *name, int fy,
			 char out[16])
{
	out[0] = '\0';
	if (!given)
		return 0;
	if (vt_period_read_id(given, fy, out) || out[4] != 'Q') {
		cli_error("%s: '%s' is not a quarter (2026Q2 or 2026-27 Q1)",
			  name, given);
		return -1;
	}
	return 0;
}

static int programme(struct cli *cli, const struct opts *o)
{
	struct vt_audit_programme p;
	char from[16], to[16], label[VT_PERIOD_LABEL_MAX];
	struct view v;
	json_t *rows;
	size_t i;
	int status = open_view(cli, o, &v);

	from[0] = to[0] = '\0';
	if (status)
		return status;
	if (o->year && year_quarters(o->year, v.fy, from, to)) {
		cli_error("year: '%s' is not a year (2026 for 2026-27)",
			  o->year);
		close_view(&v);
		return EXIT_USAGE;
	}
	if (!o->year && (quarter_bound(o->from, "from", v.fy, from) ||
			 quarter_bound(o->to, "to", v.fy, to))) {
		close_view(&v);
		return EXIT_USAGE;
	}
	if (vt_audit_programme_count(&v.def, from[0] ? from : NULL,
				     to[0] ? to : NULL, v.today, &p)) {
		cli_error("the programme cannot be counted: a planned "
			  "quarter is not one");
		close_view(&v);
		return EXIT_FAILURE_;
	}
	rows = json_array();
	for (i = 0; rows && i < vt_def_count(&v.def, VT_KIND_AUDIT); i++) {
		const struct vt_audit *a = vt_def_at(&v.def, VT_KIND_AUDIT, i);
		enum vt_audit_state st;

		if ((from[0] && strcmp(a->planned, from) < 0) ||
		    (to[0] && strcmp(a->planned, to) > 0) ||
		    state_of(&v, a, &st))
			continue;
		if (o->json) {
			if (json_array_append_new(rows, json_pack(
				"{s:s, s:s, s:s, s:s, s:o}", "ref", a->ref,
				"theme", a->theme, "planned", a->planned,
				"state", vt_audit_state_names[st], "done",
				a->done ? json_string(a->done)
					: json_null()))) {
				json_decref(rows);
				rows = NULL;
			}
		} else {
			printf("%s  %s, planned %s: %s%s%s\n", a->ref,
			       a->theme,
			       vt_period_label_of(a->planned, v.fy, label),
			       vt_audit_state_names[st],
			       a->done ? " " : "", a->done ? a->done : "");
		}
	}
	if (!rows) {
		status = EXIT_FAILURE_;
	} else if (o->json) {
		status = cli_put_json(json_pack(
			"{s:o, s:o, s:s, s:I, s:I, s:I, s:I, s:o}",
			"from", p.from[0] ? json_string(p.from) : json_null(),
			"to", p.to[0] ? json_string(p.to) : json_null(),
			"today", v.today, "planned", (json_int_t)p.planned,
			"done", (json_int_t)p.counts[VT_AUDIT_DONE],
			"late", (json_int_t)p.counts[VT_AUDIT_LATE],
			"to_come", (json_int_t)p.counts[VT_AUDIT_PLANNED],
			"audits", rows));
		rows = NULL;
	} else {
		printf("%s%s%s%s%s%s: %zu planned, %zu done, %zu late, %zu "
		       "to come (on %s)\n",
		       o->year ? "year " : "the programme",
		       o->year ? o->year : "",
		       !o->year && from[0] ? " from " : "",
		       !o->year ? from : "",
		       !o->year && to[0] ? " to " : "",
		       !o->year ? to : "", p.planned,
		       p.counts[VT_AUDIT_DONE], p.counts[VT_AUDIT_LATE],
		       p.counts[VT_AUDIT_PLANNED], v.today);
	}
	json_decref(rows);
	close_view(&v);
	return status;
}

int cmd_audits(struct cli *cli, int argc, char **argv)
{
	struct opts o;
	const char *sub = argc >= 2 ? argv[1] : "";
	bool adding, grading, completing, recommending, filtering;

	if (argc < 2 || parse(argc, argv, &o))
		return cli_usage("audits");
	adding = o.planned || o.lead || o.agencies || o.sample ||
		 o.reaudit_of;
	grading = o.case_ref || o.grade || o.findings;
	completing = o.date || o.summary;
	recommending = o.text || o.due || o.owner || o.plan;
	filtering = o.state || o.by || o.year || o.from || o.to || o.today ||
		    o.json || o.csv;
	if (!strcmp(sub, "add") && o.ref && !o.agency && !grading &&
	    !completing && !recommending && !filtering)
		return change(cli, &o, ADD);
	if (!strcmp(sub, "grade") && o.ref && !o.theme && !adding &&
	    !completing && !recommending && !filtering)
		return change(cli, &o, GRADE);
	if (!strcmp(sub, "complete") && o.ref && !o.theme && !o.agency &&
	    !adding && !grading && !recommending && !filtering)
		return change(cli, &o, COMPLETE);
	if (!strcmp(sub, "recommend") && o.ref && !o.theme && !adding &&
	    !grading && !completing && !filtering)
		return change(cli, &o, RECOMMEND);
	if (!strcmp(sub, "list") && !o.ref && !adding && !grading &&
	    !completing && !recommending && !o.by && !o.year && !o.from &&
	    !o.to)
		return list(cli, &o);
	if (!strcmp(sub, "show") && o.ref && !o.theme && !o.agency &&
	    !adding && !grading && !completing && !recommending &&
	    !o.state && !o.by && !o.year && !o.from && !o.to && !o.csv)
		return show(cli, &o);
	if (!strcmp(sub, "grades") && !o.ref && !o.theme && !o.agency &&
	    !adding && !grading && !completing && !recommending &&
	    !o.state && !o.year && !o.from && !o.to)
		return grades(cli, &o);
	if (!strcmp(sub, "programme") && !o.ref && !o.theme && !o.agency &&
	    !adding && !grading && !completing && !recommending &&
	    !o.state && !o.by && !o.csv && !(o.year && (o.from || o.to)))
		return programme(cli, &o);
	return cli_usage("audits");
}
