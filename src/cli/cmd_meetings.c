/* vitals groups and vitals meetings: the groups with their terms and reporting line, their meetings (add, attend, decide, done, receive, cancel, list, show) and attendance by agency over a year. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/meetings.h"
#include "cli.h"

#define MAX_REPEAT 64

struct opts {
	const char *ref;
	const char *group, *date, *text, *owner, *agency, *due, *decision,
		   *report, *note, *year, *today;
	const char *items[MAX_REPEAT];
	size_t nitems;
	/* --present/--apologies/--absent, each a comma-separated list */
	const char *present[MAX_REPEAT], *apologies[MAX_REPEAT],
		   *absent[MAX_REPEAT];
	size_t npresent, napologies, nabsent;
	int json, csv;
};

static int repeat(const char **list, size_t *n, const char *v)
{
	if (*n >= MAX_REPEAT)
		return -1;
	list[(*n)++] = v;
	return 0;
}

/* Options in any order; --item, --present, --apologies and --absent may
   be given more than once, the others once. */
static int parse(int argc, char **argv, struct opts *o)
{
	static const char *const valued[] = {
		"--group", "--date", "--text", "--owner", "--agency", "--due",
		"--decision", "--report", "--note", "--year", "--today",
	};
	const char **slot[] = {
		&o->group, &o->date, &o->text, &o->owner, &o->agency, &o->due,
		&o->decision, &o->report, &o->note, &o->year, &o->today,
	};
	size_t nvalued = sizeof(valued) / sizeof(valued[0]), k;
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--json") || !strcmp(a, "--csv")) {
			int *flag = a[2] == 'j' ? &o->json : &o->csv;

			if (*flag)
				return -1;
			*flag = 1;
			continue;
		}
		if (a[0] != '-') {
			if (o->ref)
				return -1;
			o->ref = a;
			continue;
		}
		if (i + 1 >= argc)
			return -1;
		if (!strcmp(a, "--item")) {
			if (repeat(o->items, &o->nitems, argv[++i]))
				return -1;
			continue;
		}
		if (!strcmp(a, "--present") || !strcmp(a, "--apologies") ||
		    !strcmp(a, "--absent")) {
			int r = a[3] == 'r' ? repeat(o->present, &o->npresent,
						     argv[i + 1]) :
				a[3] == 'p' ? repeat(o->apologies,
						     &o->napologies,
						     argv[i + 1]) :
				repeat(o->absent, &o->nabsent, argv[i + 1]);

			i++;
			if (r)
				return -1;
			continue;
		}
		for (k = 0; k < nvalued; k++)
			if (!strcmp(a, valued[k]))
				break;
		if (k == nvalued || *slot[k])
			return -1;
		*slot[k] = argv[++i];
	}
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
		cli_error("cannot change the meetings: %s",
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		return EXIT_FAILURE_;
	}
	return EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* Changes */

/* Split each comma-separated list of 'lists' into entries of 'attended';
   -1 when there are too many. */
static int entries_of(char **copies, size_t *ncopies, const char *const *lists,
		      size_t nlists, const char *attended,
		      struct vt_attendance_entry *e, size_t *n)
{
	size_t i;

	for (i = 0; i < nlists; i++) {
		char *s = strdup(lists[i]), *p, *comma;

		if (!s || *ncopies >= MAX_REPEAT * 3) {
			free(s);
			return -1;
		}
		copies[(*ncopies)++] = s;
		for (p = s; p; p = comma ? comma + 1 : NULL) {
			comma = strchr(p, ',');
			if (comma)
				*comma = '\0';
			if (!*p)
				continue;
			if (*n >= MAX_REPEAT * 4)
				return -1;
			e[*n].agency = p;
			e[*n].attended = attended;
			(*n)++;
		}
	}
	return 0;
}

static int attend(struct vt_store *store, struct cli *cli,
		  const struct opts *o, char *why, size_t whysize,
		  enum vt_err *result)
{
	struct vt_attendance_entry e[MAX_REPEAT * 4];
	char *copies[MAX_REPEAT * 3], today[11];
	size_t n = 0, ncopies = 0, i;
	int status = cli_day(o->today, today);

	if (status)
		return status;
	if (entries_of(copies, &ncopies, o->present, o->npresent, "present",
		       e, &n) ||
	    entries_of(copies, &ncopies, o->apologies, o->napologies,
		       "apologies", e, &n) ||
	    entries_of(copies, &ncopies, o->absent, o->nabsent, "absent", e,
		       &n))
		status = cli_usage("meetings");
	else
		*result = vt_meeting_attend(store, o->ref, e, n, today,
					    cli->who, why, whysize);
	for (i = 0; i < ncopies; i++)
		free(copies[i]);
	return status;
}

enum change { ADD, CANCEL, ATTEND, DECIDE, DONE, RECEIVE };

static int change(struct cli *cli, const struct opts *o, enum change what)
{
	static const char *const said[] = {
		"added", "cancelled", "attendance recorded", "decision added",
		"decision done", "report received",
	};
	struct vt_store *store;
	char why[768], *end;
	enum vt_err result = VT_OK;
	long long number = 0;
	int status;

	if (what == DONE) {
		number = strtoll(o->decision, &end, 10);
		if (*end || end == o->decision || number < 1)
			return cli_usage("meetings");
	}
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	switch (what) {
	case ADD:
		result = vt_meeting_add(store, o->ref, o->group, o->date,
					o->items, o->nitems, cli->who, why,
					sizeof(why));
		break;
	case CANCEL:
		result = vt_meeting_cancel(store, o->ref, cli->who, why,
					   sizeof(why));
		break;
	case ATTEND:
		status = attend(store, cli, o, why, sizeof(why), &result);
		break;
	case DECIDE:
		result = vt_meeting_decide(store, o->ref, o->text, o->owner,
					   o->agency, o->due, cli->who, why,
					   sizeof(why));
		break;
	case DONE:
		result = vt_meeting_done(store, o->ref, number, o->date,
					 cli->who, why, sizeof(why));
		break;
	default:
		result = vt_meeting_receive(store, o->ref, o->report, o->note,
					    cli->who, why, sizeof(why));
		break;
	}
	if (!status)
		status = report(store, result, why);
	if (!status)
		printf("meeting %s: %s\n", o->ref, said[what]);
	vt_store_close(store);
	return status;
}

/* ------------------------------------------------------------------ */
/* Reading */

struct view {
	struct vt_store *store;
	struct vt_def def;
	int fy;
	char today[11];
};

static int open_view(struct cli *cli, const struct opts *o, struct view *v)
{
	const struct vt_partnership *p;
	int status;

	if (cli_day(o->today, v->today))
		return EXIT_USAGE;
	status = cli_read_all(cli, &v->store, &v->def);
	if (status)
		return status;
	p = vt_def_count(&v->def, VT_KIND_PARTNERSHIP) ?
	    vt_def_at(&v->def, VT_KIND_PARTNERSHIP, 0) : NULL;
	v->fy = p ? (int)p->fy_start_month : 4;
	return EXIT_OK;
}

static void close_view(struct view *v)
{
	vt_def_release(&v->def);
	vt_store_close(v->store);
}

static const struct vt_group *group_of(const struct view *v,
				       const struct vt_meeting *m)
{
	return vt_def_find(&v->def, VT_KIND_GROUP, m->group);
}

static const char *quorate_word(int q)
{
	return q < 0 ? "no quorum rule" : q ? "quorate" : "not quorate";
}

/* What a group has to do: its decisions not done, overdue among them. */
static void open_decisions(const struct vt_meeting *const *ms, size_t n,
			   const char *today, size_t *open, size_t *overdue,
			   size_t *done)
{
	size_t i, j;

	*open = *overdue = *done = 0;
	for (i = 0; i < n; i++)
		for (j = 0; j < ms[i]->ndecisions; j++) {
			enum vt_decision_state st = vt_decision_state(
				&ms[i]->decisions[j], today);

			if (st == VT_DECISION_DONE)
				(*done)++;
			else if (st == VT_DECISION_OVERDUE)
				(*overdue)++, (*open)++;
			else
				(*open)++;
		}
}

static const struct vt_meeting *next_meeting(const struct vt_meeting *const *ms,
					     size_t n, const char *today)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ms[i]->status == VT_MEETING_PLANNED &&
		    strcmp(ms[i]->date, today) >= 0)
			return ms[i];
	return NULL;
}

static json_t *group_json(const struct view *v, const struct vt_group *g,
			  const struct vt_meeting *const *ms, size_t n,
			  bool full)
{
	const struct vt_meeting *next = next_meeting(ms, n, v->today);
	size_t open, overdue, done, i;
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:o, s:I, s:o, s:I, "
			      "s:I, s:I, s:I}", "code", g->code, "name",
			      g->name, "chair", g->chair, "cadence",
			      vt_cadence_names[g->cadence], "reports_to",
			      g->reports_to ? json_string(g->reports_to)
					    : json_null(),
			      "quorum", (json_int_t)g->quorum,
			      "next_meeting", next ? json_string(next->date)
						   : json_null(),
			      "meetings", (json_int_t)n,
			      "open_decisions", (json_int_t)0,
			      "overdue_decisions", (json_int_t)0,
			      "done_decisions", (json_int_t)0);
	json_t *a;

	open_decisions(ms, n, v->today, &open, &overdue, &done);
	if (!j || json_object_set_new(j, "open_decisions",
				      json_integer((json_int_t)open)) ||
	    json_object_set_new(j, "overdue_decisions",
				json_integer((json_int_t)overdue)) ||
	    json_object_set_new(j, "done_decisions",
				json_integer((json_int_t)done)))
		goto fail;
	if (!full)
		return j;
	{
		const struct vt_group *line[32];
		size_t nl = vt_group_line(&v->def, g, line, 32);

		a = json_array();
		if (!a || json_object_set_new(j, "line", a))
			goto fail;
		for (i = 1; i < nl; i++)
			if (json_array_append_new(a, json_string(line[i]->code)))
				goto fail;
	}
	if (json_object_set_new(j, "terms", g->terms ? json_string(g->terms)
						     : json_null()) ||
	    json_object_set_new(j, "outcomes", g->outcomes ?
				json_string(g->outcomes) : json_null()))
		goto fail;
	a = json_array();
	if (!a || json_object_set_new(j, "members", a))
		goto fail;
	for (i = 0; i < g->nmembers; i++)
		if (json_array_append_new(a, json_pack("{s:s, s:s}", "agency",
				g->members[i].agency, "role",
				g->members[i].role)))
			goto fail;
	a = json_array();
	if (!a || json_object_set_new(j, "forward_plan", a))
		goto fail;
	for (i = 0; i < n; i++)
		if (ms[i]->status == VT_MEETING_PLANNED &&
		    strcmp(ms[i]->date, v->today) >= 0 &&
		    json_array_append_new(a, json_string(ms[i]->ref)))
			goto fail;
	a = json_array();
	if (!a || json_object_set_new(j, "meeting_list", a))
		goto fail;
	for (i = 0; i < n; i++)
		if (json_array_append_new(a, vt_meeting_json(g, ms[i],
							     v->today)))
			goto fail;
	return j;
fail:
	json_decref(j);
	return NULL;
}

static int groups_list(struct cli *cli, const struct opts *o)
{
	struct view v;
	json_t *all = NULL;
	size_t i;
	int status = open_view(cli, o, &v);

	if (status)
		return status;
	if (o->json && !(all = json_array()))
		status = EXIT_FAILURE_;
	for (i = 0; !status && i < vt_def_count(&v.def, VT_KIND_GROUP); i++) {
		const struct vt_group *g = vt_def_at(&v.def, VT_KIND_GROUP, i);
		const struct vt_meeting **ms;
		const struct vt_meeting *next;
		size_t n, open, overdue, done;

		if (vt_group_meetings(&v.def, g->code, &ms, &n)) {
			status = EXIT_FAILURE_;
			break;
		}
		if (all) {
			if (json_array_append_new(all, group_json(&v, g, ms, n,
								  false)))
				status = EXIT_FAILURE_;
		} else {
			next = next_meeting(ms, n, v.today);
			open_decisions(ms, n, v.today, &open, &overdue, &done);
			printf("%s  %s\n  chair: %s; %s; reports to %s\n"
			       "  next meeting %s; %zu decision%s open (%zu "
			       "overdue)\n", g->code, g->name, g->chair,
			       vt_cadence_names[g->cadence],
			       g->reports_to ? g->reports_to : "no one",
			       next ? next->date : "not planned", open,
			       open == 1 ? "" : "s", overdue);
		}
		free(ms);
	}
	if (!status && all)
		status = cli_put_json(all);
	else
		json_decref(all);
	close_view(&v);
	return status;
}

static void print_meeting(const struct view *v, const struct vt_meeting *m,
			  const char *indent)
{
	const struct vt_group *g = group_of(v, m);
	size_t i;

	printf("%s%s  %s, %s", indent, m->ref, m->date,
	       vt_meeting_status_names[m->status]);
	if (m->status == VT_MEETING_HELD)
		printf(": %zu present, %s", vt_meeting_present(g, m),
		       quorate_word(vt_meeting_quorate(g, m)));
	printf("\n");
	for (i = 0; i < m->nitems; i++)
		printf("%s  item: %s\n", indent, m->items[i].text);
	for (i = 0; i < m->nattendance; i++)
		printf("%s  %s: %s\n", indent, m->attendance[i].agency,
		       vt_attended_names[m->attendance[i].attended]);
	for (i = 0; i < m->ndecisions; i++) {
		const struct vt_meeting_decision *d = &m->decisions[i];

		printf("%s  decision %lld: %s (%s, %s)%s%s: %s%s%s\n",
		       indent, (long long)d->number, d->text, d->owner,
		       d->agency, d->due ? " due " : "", d->due ? d->due : "",
		       vt_decision_state_names[vt_decision_state(d,
							v->today)],
		       d->done ? " on " : "", d->done ? d->done : "");
	}
	for (i = 0; i < m->nreceived; i++)
		printf("%s  received %s%s%s\n", indent,
		       m->received[i].subject, m->received[i].note ? ": " : "",
		       m->received[i].note ? m->received[i].note : "");
}

static int groups_show(struct cli *cli, const struct opts *o)
{
	struct view v;
	const struct vt_group *g, *line[32];
	const struct vt_meeting **ms = NULL;
	size_t n = 0, i, nl;
	int status = open_view(cli, o, &v);

	if (status)
		return status;
	g = vt_def_find(&v.def, VT_KIND_GROUP, o->ref);
	if (!g) {
		cli_error("there is no group '%s'", o->ref);
		status = EXIT_REFUSED;
	} else if (vt_group_meetings(&v.def, g->code, &ms, &n)) {
		status = EXIT_FAILURE_;
	} else if (o->json) {
		status = cli_put_json(group_json(&v, g, ms, n, true));
	} else {
		printf("%s  %s\n  chair: %s; meets %s\n", g->code, g->name,
		       g->chair, vt_cadence_names[g->cadence]);
		nl = vt_group_line(&v.def, g, line, 32);
		printf("  reporting line:");
		for (i = 0; i < nl; i++)
			printf("%s%s", i ? " -> " : " ", line[i]->code);
		printf("\n");
		if (g->quorum)
			printf("  quorum: %lld member agencies\n",
			       (long long)g->quorum);
		if (g->terms)
			printf("  terms of reference:\n%s\n", g->terms);
		if (g->outcomes)
			printf("  desired outcomes:\n%s\n", g->outcomes);
		for (i = 0; i < g->nmembers; i++)
			printf("  member: %s (%s)\n", g->members[i].agency,
			       g->members[i].role);
		printf("  forward plan:");
		for (i = 0, nl = 0; i < n; i++)
			if (ms[i]->status == VT_MEETING_PLANNED &&
			    strcmp(ms[i]->date, v.today) >= 0)
				printf("%s%s", nl++ ? ", " : " ", ms[i]->date);
		printf("%s\n", nl ? "" : " none planned");
		if (!n)
			printf("  no meetings\n");
		for (i = 0; i < n; i++)
			print_meeting(&v, ms[i], "  ");
	}
	free(ms);
	close_view(&v);
	return status;
}

static int meetings_show(struct cli *cli, const struct opts *o)
{
	struct view v;
	const struct vt_meeting *m;
	int status = open_view(cli, o, &v);

	if (status)
		return status;
	m = vt_def_find(&v.def, VT_KIND_MEETING, o->ref);
	if (!m) {
		cli_error("there is no meeting '%s'", o->ref);
		status = EXIT_REFUSED;
	} else if (o->json) {
		status = cli_put_json(vt_meeting_json(group_of(&v, m), m,
						      v.today));
	} else {
		printf("group %s\n", m->group);
		print_meeting(&v, m, "");
	}
	close_view(&v);
	return status;
}

static int meetings_list(struct cli *cli, const struct opts *o)
{
	static const char *const header[] = {
		"ref", "group", "date", "status", "present", "quorate",
		"decisions", "open_decisions", "received",
	};
	struct view v;
	const struct vt_meeting **ms = NULL;
	json_t *all = NULL;
	size_t n = 0, i, shown = 0;
	int status = open_view(cli, o, &v);

	if (status)
		return status;
	if (o->group && !vt_def_find(&v.def, VT_KIND_GROUP, o->group)) {
		cli_error("there is no group '%s'", o->group);
		close_view(&v);
		return EXIT_REFUSED;
	}
	if (vt_group_meetings(&v.def, o->group, &ms, &n) ||
	    (o->json && !(all = json_array())))
		status = EXIT_FAILURE_;
	if (o->csv && !status)
		status = cli_put_csv_row(header, sizeof(header) /
					 sizeof(header[0]));
	for (i = 0; !status && i < n; i++) {
		const struct vt_meeting *m = ms[i];
		const struct vt_group *g = group_of(&v, m);
		char year[8], present[24], ndec[24], nopen[24], nrec[24];
		size_t j, open = 0;
		int q = vt_meeting_quorate(g, m);

		if (o->year && (!vt_meeting_year_of(m->date, v.fy, year) ||
				strcmp(year, o->year)))
			continue;
		shown++;
		for (j = 0; j < m->ndecisions; j++)
			if (!m->decisions[j].done)
				open++;
		if (all) {
			if (json_array_append_new(all, vt_meeting_json(g, m,
								v.today)))
				status = EXIT_FAILURE_;
		} else if (o->csv) {
			const char *f[9] = { m->ref, m->group, m->date,
				vt_meeting_status_names[m->status], present,
				q < 0 ? "" : q ? "yes" : "no", ndec, nopen,
				nrec };

			snprintf(present, sizeof(present), "%zu",
				 vt_meeting_present(g, m));
			snprintf(ndec, sizeof(ndec), "%zu", m->ndecisions);
			snprintf(nopen, sizeof(nopen), "%zu", open);
			snprintf(nrec, sizeof(nrec), "%zu", m->nreceived);
			status = cli_put_csv_row(f, 9);
		} else {
			printf("%s  %s %s, %s", m->ref, m->group, m->date,
			       vt_meeting_status_names[m->status]);
			if (m->status == VT_MEETING_HELD)
				printf(": %zu present, %s; %zu decision%s "
				       "(%zu open), %zu report%s received",
				       vt_meeting_present(g, m),
				       quorate_word(q), m->ndecisions,
				       m->ndecisions == 1 ? "" : "s", open,
				       m->nreceived,
				       m->nreceived == 1 ? "" : "s");
			printf("\n");
		}
	}
	if (!status && all)
		status = cli_put_json(all);
	else
		json_decref(all);
	if (!status && !o->json && !o->csv && !shown)
		printf("no meetings\n");
	free(ms);
	close_view(&v);
	return status;
}

static int attendance(struct cli *cli, const struct opts *o)
{
	static const char *const header[] = {
		"agency", "member", "held", "present", "apologies", "absent",
		"unrecorded", "rate",
	};
	struct view v;
	const struct vt_group *g;
	struct vt_attendance_year a;
	size_t i;
	int status = open_view(cli, o, &v);

	if (status)
		return status;
	g = vt_def_find(&v.def, VT_KIND_GROUP, o->ref);
	if (!g) {
		cli_error("there is no group '%s'", o->ref);
		close_view(&v);
		return EXIT_REFUSED;
	}
	if (vt_attendance_year(&v.def, g, o->year, v.fy, &a)) {
		cli_error("year '%s' is not a financial year (2025-26)",
			  o->year);
		close_view(&v);
		return EXIT_USAGE;
	}
	if (o->json) {
		status = cli_put_json(vt_attendance_year_json(&a));
	} else if (o->csv) {
		status = cli_put_csv_row(header, 8);
		for (i = 0; !status && i < a.nrows; i++) {
			const struct vt_attendance_row *r = &a.rows[i];
			char n[5][24], rate[24];
			const char *f[8] = { r->agency, r->member ? "yes" :
					     "no", n[0], n[1], n[2], n[3],
					     n[4], rate };

			snprintf(n[0], 24, "%zu", r->held);
			snprintf(n[1], 24, "%zu", r->present);
			snprintf(n[2], 24, "%zu", r->apologies);
			snprintf(n[3], 24, "%zu", r->absent);
			snprintf(n[4], 24, "%zu", r->unrecorded);
			if (isnan(r->rate))
				rate[0] = '\0';
			else
				snprintf(rate, sizeof(rate), "%.1f", r->rate);
			status = cli_put_csv_row(f, 8);
		}
	} else {
		printf("%s %s (%s to %s): %zu meeting%s held, %zu quorate, "
		       "%zu not quorate\n", g->code, a.year, a.from, a.to,
		       a.held, a.held == 1 ? "" : "s", a.quorate,
		       a.inquorate);
		for (i = 0; i < a.nrows; i++) {
			const struct vt_attendance_row *r = &a.rows[i];

			printf("  %s%s: %zu present, %zu apologies, %zu "
			       "absent, %zu not recorded", r->agency,
			       r->member || !g->nmembers ? "" :
			       " (not a member)", r->present,
			       r->apologies, r->absent, r->unrecorded);
			if (!isnan(r->rate))
				printf(" (%.1f%%)", r->rate);
			printf("\n");
		}
	}
	vt_attendance_year_release(&a);
	close_view(&v);
	return status;
}

int cmd_groups(struct cli *cli, int argc, char **argv)
{
	struct opts o;
	const char *sub = argc >= 2 ? argv[1] : "";

	if (argc < 2 || parse(argc, argv, &o) || o.csv || o.group ||
	    o.date || o.text || o.owner || o.agency || o.due || o.decision ||
	    o.report || o.note || o.year || o.nitems || o.npresent ||
	    o.napologies || o.nabsent)
		return cli_usage("groups");
	if (!strcmp(sub, "list") && !o.ref)
		return groups_list(cli, &o);
	if (!strcmp(sub, "show") && o.ref)
		return groups_show(cli, &o);
	return cli_usage("groups");
}

int cmd_meetings(struct cli *cli, int argc, char **argv)
{
	struct opts o;
	const char *sub = argc >= 2 ? argv[1] : "";
	bool adding, attending, deciding, doing, receiving, reading;

	if (argc < 2 || parse(argc, argv, &o))
		return cli_usage("meetings");
	adding = o.group || o.nitems;
	attending = o.npresent || o.napologies || o.nabsent;
	deciding = o.text || o.owner || o.agency || o.due;
	doing = o.decision != NULL;
	receiving = o.report || o.note;
	reading = o.json || o.csv || o.year;
	if (!strcmp(sub, "add") && o.ref && o.group && o.date &&
	    !attending && !deciding && !doing && !receiving && !reading &&
	    !o.today)
		return change(cli, &o, ADD);
	if (!strcmp(sub, "cancel") && o.ref && !adding && !o.date &&
	    !attending && !deciding && !doing && !receiving && !reading &&
	    !o.today)
		return change(cli, &o, CANCEL);
	if (!strcmp(sub, "attend") && o.ref && attending && !adding &&
	    !o.date && !deciding && !doing && !receiving && !reading)
		return change(cli, &o, ATTEND);
	if (!strcmp(sub, "decide") && o.ref && o.text && o.owner &&
	    o.agency && !adding && !o.date && !attending && !doing &&
	    !receiving && !reading && !o.today)
		return change(cli, &o, DECIDE);
	if (!strcmp(sub, "done") && o.ref && o.decision && o.date &&
	    !adding && !attending && !deciding && !receiving && !reading &&
	    !o.today)
		return change(cli, &o, DONE);
	if (!strcmp(sub, "receive") && o.ref && o.report && !adding &&
	    !o.date && !attending && !deciding && !doing && !reading &&
	    !o.today)
		return change(cli, &o, RECEIVE);
	if (!strcmp(sub, "list") && !o.ref && !o.nitems && !o.date &&
	    !attending && !deciding && !doing && !receiving)
		return meetings_list(cli, &o);
	if (!strcmp(sub, "show") && o.ref && !adding && !o.date &&
	    !attending && !deciding && !doing && !receiving && !o.csv &&
	    !o.year)
		return meetings_show(cli, &o);
	if (!strcmp(sub, "attendance") && o.ref && o.year && !adding &&
	    !o.date && !attending && !deciding && !doing && !receiving)
		return attendance(cli, &o);
	return cli_usage("meetings");
}
