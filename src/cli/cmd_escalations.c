/* vitals escalations: the escalations and disputes register (add, escalate, resolve, list, show) with stage clocks, and the causes by quarter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/csv.h"
#include "vitals/escalations.h"
#include "cli.h"

struct opts {
	const char *ref;
	const char *raised_by, *role, *about, *theme, *date, *summary, *note,
		   *outcome, *resolution, *agency, *today;
	int open, json, csv;
};

/* Options in any order, each once. */
static int parse(int argc, char **argv, struct opts *o)
{
	static const char *const valued[] = {
		"--raised-by", "--role", "--about", "--theme", "--date",
		"--summary", "--note", "--outcome", "--resolution",
		"--agency", "--today",
	};
	const char **slot[] = {
		&o->raised_by, &o->role, &o->about, &o->theme, &o->date,
		&o->summary, &o->note, &o->outcome, &o->resolution,
		&o->agency, &o->today,
	};
	size_t nvalued = sizeof(valued) / sizeof(valued[0]), k;
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--open") || !strcmp(a, "--json") ||
		    !strcmp(a, "--csv")) {
			int *flag = a[2] == 'o' ? &o->open :
				    a[2] == 'j' ? &o->json : &o->csv;

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
		for (k = 0; k < nvalued; k++)
			if (!strcmp(a, valued[k]))
				break;
		if (k == nvalued || i + 1 >= argc || *slot[k])
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
		cli_error("cannot change the escalations register: %s",
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		return EXIT_FAILURE_;
	}
	return EXIT_OK;
}

enum change { ADD, ESCALATE, RESOLVE };

static int change(struct cli *cli, const struct opts *o, enum change what)
{
	struct vt_store *store;
	char why[512];
	enum vt_err result;
	int status;

	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	if (what == ADD)
		result = vt_escalation_add(store, o->ref, o->date,
					   o->raised_by, o->role, o->about,
					   o->theme, o->summary, cli->who,
					   why, sizeof(why));
	else if (what == ESCALATE)
		result = vt_escalation_escalate(store, o->ref, o->date,
						o->note, cli->who, why,
						sizeof(why));
	else
		result = vt_escalation_resolve(store, o->ref, o->date,
					       o->outcome, o->resolution,
					       cli->who, why, sizeof(why));
	status = report(store, result, why);
	if (!status)
		printf("escalation %s %s on %s\n", o->ref,
		       what == ADD ? "raised" : what == ESCALATE ?
		       "escalated" : "resolved", o->date);
	vt_store_close(store);
	return status;
}

/* ------------------------------------------------------------------ */
/* Reading */

struct register_view {
	struct vt_store *store;
	struct vt_def def;
	const struct vt_partnership *p;
	char today[11];
};

static int open_view(struct cli *cli, const struct opts *o,
		     struct register_view *v)
{
	int status;

	if (cli_day(o->today, v->today))
		return EXIT_USAGE;
	status = cli_read_all(cli, &v->store, &v->def);
	if (status)
		return status;
	v->p = vt_def_count(&v->def, VT_KIND_PARTNERSHIP) ?
	       vt_def_at(&v->def, VT_KIND_PARTNERSHIP, 0) : NULL;
	return EXIT_OK;
}

static void close_view(struct register_view *v)
{
	vt_def_release(&v->def);
	vt_store_close(v->store);
}

static int judge(const struct register_view *v, const struct vt_escalation *e,
		 struct vt_escalation_state *st)
{
	if (vt_escalation_judge(e, v->p, v->today, st)) {
		cli_error("escalation %s: its dates or stages cannot be "
			  "judged on %s", e->ref, v->today);
		return EXIT_FAILURE_;
	}
	return EXIT_OK;
}

static int show(struct cli *cli, const struct opts *o)
{
	struct register_view v;
	struct vt_escalation_state st;
	const struct vt_escalation *e;
	size_t i;
	int status = open_view(cli, o, &v);

	if (status)
		return status;
	e = vt_def_find(&v.def, VT_KIND_ESCALATION, o->ref);
	if (!e) {
		cli_error("there is no escalation '%s'", o->ref);
		status = EXIT_REFUSED;
	} else if (!(status = judge(&v, e, &st)) && o->json) {
		status = cli_put_json(vt_escalation_json(&st));
	} else if (!status) {
		printf("%s  raised %s by %s (%s) about %s: %s\n", e->ref,
		       e->raised, e->raised_by, e->raised_role, e->about,
		       e->theme);
		if (e->summary)
			printf("  %s\n", e->summary);
		for (i = 0; i < st.nsteps; i++) {
			const struct vt_escalation_stage_state *s =
				&st.steps[i];

			printf("  stage %d, %s: from %s, due %s, %s\n",
			       s->stage, s->name, s->clock.start,
			       s->clock.due,
			       vt_deadline_state_names[s->clock.state]);
		}
		if (e->resolved)
			printf("  resolved %s: %s%s%s\n", e->resolved,
			       e->outcome, e->resolution ? ", " : "",
			       e->resolution ? e->resolution : "");
		else if (st.past_timescale)
			printf("  past its stage's timescale\n");
	}
	close_view(&v);
	return status;
}

static int list(struct cli *cli, const struct opts *o)
{
	static const char *const header[] = {
		"ref", "raised", "raised_by", "about", "theme", "stage",
		"stage_name", "due", "state", "past_timescale", "outcome",
		"resolved",
	};
	struct register_view v;
	json_t *all = NULL;
	size_t i, shown = 0;
	int status = open_view(cli, o, &v);

	if (status)
		return status;
	if (o->json && !(all = json_array()))
		status = EXIT_FAILURE_;
	if (o->csv && !status)
		status = cli_put_csv_row(header, sizeof(header) / sizeof(header[0]));
	for (i = 0; !status &&
		    i < vt_def_count(&v.def, VT_KIND_ESCALATION); i++) {
		const struct vt_escalation *e =
			vt_def_at(&v.def, VT_KIND_ESCALATION, i);
		struct vt_escalation_state st;
		const struct vt_deadline *d;
		char stage[16];

		if (o->open && !vt_escalation_open(e))
			continue;
		if (o->agency && !vt_escalation_visible(e, o->agency))
			continue;
		status = judge(&v, e, &st);
		if (status)
			break;
		d = &st.steps[st.nsteps - 1].clock;
		snprintf(stage, sizeof(stage), "%d", st.stage);
		shown++;
		if (all) {
			if (json_array_append_new(all,
						  vt_escalation_json(&st)))
				status = EXIT_FAILURE_;
		} else if (o->csv) {
			const char *f[] = {
				e->ref, e->raised, e->raised_by, e->about,
				e->theme, stage, st.steps[st.nsteps - 1].name,
				d->due, st.open ? "open" : "resolved",
				st.past_timescale ? "yes" : "no",
				e->outcome ? e->outcome : "",
				e->resolved ? e->resolved : "",
			};

			status = cli_put_csv_row(f, sizeof(f) / sizeof(f[0]));
		} else if (st.open) {
			printf("%s  %s about %s: %s\n  stage %s, %s: due %s, "
			       "%s%s\n", e->ref, e->raised_by, e->about,
			       e->theme, stage, st.steps[st.nsteps - 1].name,
			       d->due, vt_deadline_state_names[d->state],
			       st.past_timescale ?
			       " (past its stage's timescale)" : "");
		} else {
			printf("%s  %s about %s: %s\n  resolved %s at stage "
			       "%s: %s\n", e->ref, e->raised_by, e->about,
			       e->theme, e->resolved, stage, e->outcome);
		}
	}
	if (!status && all)
		status = cli_put_json(all);
	else
		json_decref(all);
	if (!status && !o->json && !o->csv && !shown)
		printf("no escalations%s\n", o->open ? " open" : "");
	close_view(&v);
	return status;
}

/* One line per quarter and count: period, label, what is counted, which
   one, how many. */
static int causes_csv(const struct vt_escalation_causes *c, int fy)
{
	static const char *const header[] = {
		"period", "label", "by", "key", "count",
	};
	size_t q, i;
	int status = cli_put_csv_row(header, 5);

	for (q = 0; !status && q < c->nquarters; q++) {
		const struct vt_escalation_quarter *x = &c->quarters[q];
		char label[VT_PERIOD_LABEL_MAX], n[24], key[16];
		const char *f[5] = { x->period,
			vt_period_label_of(x->period, fy, label) };

		f[4] = n;
		snprintf(n, sizeof(n), "%zu", x->total);
		f[2] = "total", f[3] = "";
		status = cli_put_csv_row(f, 5);
		for (i = 0; !status && i < c->nthemes; i++) {
			snprintf(n, sizeof(n), "%zu", x->by_theme[i]);
			f[2] = "theme", f[3] = c->themes[i];
			status = cli_put_csv_row(f, 5);
		}
		for (i = 0; !status && i < c->nagencies; i++) {
			snprintf(n, sizeof(n), "%zu", x->by_about[i]);
			f[2] = "about", f[3] = c->agencies[i];
			status = cli_put_csv_row(f, 5);
		}
		for (i = 0; !status && i < c->nstages; i++) {
			snprintf(n, sizeof(n), "%zu", x->by_stage[i]);
			snprintf(key, sizeof(key), "%zu", i + 1);
			f[2] = "stage_reached", f[3] = key;
			status = cli_put_csv_row(f, 5);
		}
	}
	return status;
}

static void causes_text(const struct vt_escalation_causes *c, int fy)
{
	size_t q, i;

	if (!c->nquarters) {
		printf("no escalations\n");
		return;
	}
	for (q = 0; q < c->nquarters; q++) {
		const struct vt_escalation_quarter *x = &c->quarters[q];
		char label[VT_PERIOD_LABEL_MAX];

		printf("%s: %zu raised\n", vt_period_label_of(x->period, fy,
							      label),
		       x->total);
		for (i = 0; i < c->nthemes; i++)
			if (x->by_theme[i])
				printf("  theme %s: %zu\n", c->themes[i],
				       x->by_theme[i]);
		for (i = 0; i < c->nagencies; i++)
			if (x->by_about[i])
				printf("  about %s: %zu\n", c->agencies[i],
				       x->by_about[i]);
		for (i = 0; i < c->nstages; i++)
			if (x->by_stage[i])
				printf("  reached stage %zu: %zu\n", i + 1,
				       x->by_stage[i]);
	}
	if (!c->has_trend)
		printf("trend: %zu quarter%s, too few for limits (%d "
		       "needed)\n", c->nquarters, c->nquarters == 1 ? "" : "s",
		       VT_ESCALATION_SPC_MIN);
	else
		printf("trend over %zu quarters: %s variation\n",
		       c->nquarters, vt_spc_type_names[c->trend.variation]);
}

static int causes(struct cli *cli, const struct opts *o)
{
	struct register_view v;
	struct vt_escalation_causes c;
	int fy, status = open_view(cli, o, &v);

	if (status)
		return status;
	fy = v.p ? (int)v.p->fy_start_month : 4;
	if (vt_escalation_causes(&v.def, o->agency, &c)) {
		cli_error("the escalations cannot be counted: a date is not "
			  "one");
		status = EXIT_FAILURE_;
	} else {
		if (o->json)
			status = cli_put_json(vt_escalation_causes_json(&c, fy));
		else if (o->csv)
			status = causes_csv(&c, fy);
		else
			causes_text(&c, fy);
		vt_escalation_causes_release(&c);
	}
	close_view(&v);
	return status;
}

int cmd_escalations(struct cli *cli, int argc, char **argv)
{
	struct opts o;
	const char *sub = argc >= 2 ? argv[1] : "";
	bool raising, escalating, resolving, reading;

	if (argc < 2 || parse(argc, argv, &o))
		return cli_usage("escalations");
	raising = o.raised_by || o.role || o.about || o.theme || o.summary;
	escalating = o.note != NULL;
	resolving = o.outcome || o.resolution;
	reading = o.open || o.json || o.csv || o.agency || o.today;
	if (!strcmp(sub, "add") && o.ref && o.date && o.raised_by &&
	    o.role && o.about && o.theme && !escalating && !resolving &&
	    !reading)
		return change(cli, &o, ADD);
	if (!strcmp(sub, "escalate") && o.ref && o.date && !raising &&
	    !resolving && !reading)
		return change(cli, &o, ESCALATE);
	if (!strcmp(sub, "resolve") && o.ref && o.date && o.outcome &&
	    !raising && !escalating && !reading)
		return change(cli, &o, RESOLVE);
	if (!strcmp(sub, "list") && !o.ref && !o.date && !raising &&
	    !escalating && !resolving)
		return list(cli, &o);
	if (!strcmp(sub, "show") && o.ref && !o.date && !raising &&
	    !escalating && !resolving && !o.open && !o.csv && !o.agency)
		return show(cli, &o);
	if (!strcmp(sub, "causes") && !o.ref && !o.date && !raising &&
	    !escalating && !resolving && !o.open && !o.today)
		return causes(cli, &o);
	return cli_usage("escalations");
}
