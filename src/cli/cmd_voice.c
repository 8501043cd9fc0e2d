/* vitals voice: the register of voice reports (add, update, list, show) and the reports, participants and themes counted by quarter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/csv.h"
#include "vitals/voice.h"
#include "cli.h"

struct opts {
	const char *ref;
	struct vt_voice_edit e;
	const char *quarter;
	int json, csv;
	/* --theme, --priority and --action, each as often as needed */
	const char **themes, **priorities, **actions;
};

static int flag(int *f)
{
	if (*f)
		return -1;
	*f = 1;
	return 0;
}

/* Options in any order; each once but for the lists. */
static int parse(int argc, char **argv, struct opts *o)
{
	static const char *const valued[] = {
		"--title", "--source", "--date", "--method", "--participants",
		"--summary", "--changed", "--measure", "--quarter",
	};
	const char **slot[] = {
		&o->e.title, &o->e.source, &o->e.date, &o->e.method,
		&o->e.participants, &o->e.summary, &o->e.changed,
		&o->e.measure, &o->quarter,
	};
	size_t nvalued = sizeof(valued) / sizeof(valued[0]), k;
	int i;

	for (i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--json") || !strcmp(a, "--csv")) {
			if (flag(a[2] == 'j' ? &o->json : &o->csv))
				return -1;
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
		if (!strcmp(a, "--theme")) {
			o->themes[o->e.nthemes++] = argv[++i];
			o->e.set_themes = true;
			continue;
		}
		if (!strcmp(a, "--priority")) {
			o->priorities[o->e.npriorities++] = argv[++i];
			o->e.set_priorities = true;
			continue;
		}
		if (!strcmp(a, "--action")) {
			o->actions[o->e.nactions++] = argv[++i];
			o->e.set_actions = true;
			continue;
		}
		for (k = 0; k < nvalued; k++)
			if (!strcmp(a, valued[k]))
				break;
		if (k == nvalued || *slot[k])
			return -1;
		*slot[k] = argv[++i];
	}
	o->e.ref = o->ref;
	o->e.themes = o->themes;
	o->e.priorities = o->priorities;
	o->e.actions = o->actions;
	return o->json && o->csv ? -1 : 0;
}

static int change(struct cli *cli, const struct opts *o, bool adding)
{
	struct vt_store *store;
	char why[512];
	enum vt_err result;
	int status;

	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	result = adding ? vt_voice_add(store, &o->e, cli->who, why,
				       sizeof(why)) :
		 vt_voice_update(store, &o->e, cli->who, why, sizeof(why));
	if (result == VT_EINVAL || result == VT_ENOTFOUND ||
	    result == VT_ECONFLICT) {
		cli_error("%s; nothing was changed", why);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot change the voice register: %s",
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else {
		printf("voice report %s %s\n", o->ref,
		       adding ? "added" : "updated");
	}
	vt_store_close(store);
	return status;
}

/* ------------------------------------------------------------------ */
/* Reading */

/* Codes of a list joined by ';' for one CSV cell. */
static void joined(const void *items, size_t n, size_t size, char *out,
		   size_t outsize)
{
	size_t i, at = 0;

	out[0] = '\0';
	for (i = 0; i < n && at < outsize; i++)
		at += (size_t)snprintf(out + at, outsize - at, "%s%s",
				       i ? ";" : "", *(char *const *)
				       ((const char *)items + i * size));
}

static int fy_of(const struct vt_def *def)
{
	return vt_def_count(def, VT_KIND_PARTNERSHIP) ?
	       (int)((const struct vt_partnership *)vt_def_at(def,
				VT_KIND_PARTNERSHIP, 0))->fy_start_month : 4;
}

static int list(struct cli *cli, struct opts *o)
{
	static const char *const header[] = {
		"ref", "date", "quarter", "title", "source", "method",
		"participants", "themes", "priorities", "actions", "measure",
		"changed",
	};
	struct vt_store *store;
	struct vt_def def;
	char quarter[16];
	json_t *all = NULL;
	size_t i, shown = 0;
	int status;

	if (o->quarter) {
		status = cli_period(cli, &o->quarter, quarter);
		if (status)
			return status;
		if (!strchr(o->quarter, 'Q')) {
			cli_error("'%s' is not a quarter (2026Q2)", o->quarter);
			return EXIT_USAGE;
		}
	}
	status = cli_read_all(cli, &store, &def);
	if (status)
		return status;
	if (o->json && !(all = json_array()))
		status = EXIT_FAILURE_;
	if (o->csv && !status)
		status = cli_put_csv_row(header, sizeof(header) / sizeof(header[0]));
	for (i = 0; !status && i < vt_def_count(&def, VT_KIND_VOICE); i++) {
		const struct vt_voice *v = vt_def_at(&def, VT_KIND_VOICE, i);
		char q[VT_PERIOD_ID_MAX], n[24], th[512], pr[512], ac[512];

		if (vt_voice_quarter(v, q))
			q[0] = '\0';
		if (o->quarter && strcmp(q, o->quarter))
			continue;
		if (o->e.nthemes && !vt_voice_has_theme(v, o->e.themes[0]))
			continue;
		shown++;
		snprintf(n, sizeof(n), "%lld", (long long)v->participants);
		joined(v->themes, v->nthemes, sizeof(*v->themes), th,
		       sizeof(th));
		joined(v->priorities, v->npriorities, sizeof(*v->priorities),
		       pr, sizeof(pr));
		joined(v->actions, v->nactions, sizeof(*v->actions), ac,
		       sizeof(ac));
		if (all) {
			if (json_array_append_new(all, vt_voice_json(v)))
				status = EXIT_FAILURE_;
		} else if (o->csv) {
			const char *f[] = {
				v->ref, v->date, q, v->title, v->source,
				vt_voice_method_names[v->method], n, th, pr,
				ac, v->measure ? v->measure : "",
				v->changed ? v->changed : "",
			};

			status = cli_put_csv_row(f, sizeof(f) / sizeof(f[0]));
		} else {
			printf("%s  %s (%s): %s\n  %s, %s, %s taking part%s%s\n",
			       v->ref, v->date, q, v->title, v->source,
			       vt_voice_method_names[v->method], n,
			       v->nthemes ? "; themes " : "", th);
		}
	}
	if (!status && all)
		status = cli_put_json(all);
	else
		json_decref(all);
	if (!status && !o->json && !o->csv && !shown)
		printf("no voice reports\n");
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

static int show(struct cli *cli, const struct opts *o)
{
	struct vt_store *store;
	struct vt_def def;
	const struct vt_voice *v;
	char q[VT_PERIOD_ID_MAX], buf[512];
	int status = cli_read_all(cli, &store, &def);

	if (status)
		return status;
	v = vt_def_find(&def, VT_KIND_VOICE, o->ref);
	if (!v) {
		cli_error("there is no voice report '%s'", o->ref);
		status = EXIT_REFUSED;
	} else if (o->json) {
		status = cli_put_json(vt_voice_json(v));
	} else {
		if (vt_voice_quarter(v, q))
			q[0] = '\0';
		printf("%s  %s (%s): %s\n", v->ref, v->date, q, v->title);
		printf("  run by %s, %s, %lld taking part\n", v->source,
		       vt_voice_method_names[v->method],
		       (long long)v->participants);
		joined(v->themes, v->nthemes, sizeof(*v->themes), buf,
		       sizeof(buf));
		if (v->nthemes)
			printf("  themes: %s\n", buf);
		printf("  what they said: %s\n", v->summary);
		printf("  what changed: %s\n", v->changed ? v->changed :
		       "not yet known");
		if (v->measure)
			printf("  measure: %s\n", v->measure);
		joined(v->priorities, v->npriorities, sizeof(*v->priorities),
		       buf, sizeof(buf));
		if (v->npriorities)
			printf("  priorities: %s\n", buf);
		joined(v->actions, v->nactions, sizeof(*v->actions), buf,
		       sizeof(buf));
		if (v->nactions)
			printf("  actions: %s\n", buf);
	}
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

static int quarters(struct cli *cli, const struct opts *o)
{
	struct vt_store *store;
	struct vt_def def;
	struct vt_voice_quarters q;
	size_t i, t;
	int fy, status = cli_read_all(cli, &store, &def);

	if (status)
		return status;
	fy = fy_of(&def);
	if (vt_voice_quarters(&def, &q)) {
		cli_error("the voice reports cannot be counted: a date is not "
			  "one");
		status = EXIT_FAILURE_;
	} else {
		if (o->json)
			status = cli_put_json(vt_voice_quarters_json(&q, fy));
		else if (!q.nquarters)
			printf("no voice reports\n");
		for (i = 0; !o->json && i < q.nquarters; i++) {
			const struct vt_voice_quarter *x = &q.quarters[i];
			char label[VT_PERIOD_LABEL_MAX];

			printf("%s (%s): %zu report%s, %lld taking part\n",
			       x->period, vt_period_label_of(x->period, fy,
							     label),
			       x->reports, x->reports == 1 ? "" : "s",
			       (long long)x->participants);
			for (t = 0; t < q.nthemes; t++)
				if (x->by_theme[t])
					printf("  theme %s: %zu\n",
					       q.themes[t], x->by_theme[t]);
		}
		vt_voice_quarters_release(&q);
	}
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

static int run(struct cli *cli, int argc, char **argv, struct opts *o)
{
	const char *sub = argv[1];
	bool editing, reading;

	if (parse(argc, argv, o))
		return cli_usage("voice");
	editing = o->e.title || o->e.source || o->e.date || o->e.method ||
		  o->e.participants || o->e.summary || o->e.changed ||
		  o->e.measure || o->e.set_priorities || o->e.set_actions;
	reading = o->json || o->csv || o->quarter;
	if (!strcmp(sub, "add") && o->ref && !reading)
		return change(cli, o, true);
	if (!strcmp(sub, "update") && o->ref && !reading &&
	    (editing || o->e.set_themes))
		return change(cli, o, false);
	if (!strcmp(sub, "list") && !o->ref && !editing &&
	    o->e.nthemes <= 1)
		return list(cli, o);
	if (!strcmp(sub, "show") && o->ref && !editing &&
	    !o->e.set_themes && !o->csv && !o->quarter)
		return show(cli, o);
	if (!strcmp(sub, "quarters") && !o->ref && !editing &&
	    !o->e.set_themes && !o->csv && !o->quarter)
		return quarters(cli, o);
	return cli_usage("voice");
}

int cmd_voice(struct cli *cli, int argc, char **argv)
{
	struct opts o;
	int status;

	if (argc < 2)
		return cli_usage("voice");
	memset(&o, 0, sizeof(o));
	o.themes = calloc((size_t)argc, sizeof(*o.themes));
	o.priorities = calloc((size_t)argc, sizeof(*o.priorities));
	o.actions = calloc((size_t)argc, sizeof(*o.actions));
	if (!o.themes || !o.priorities || !o.actions) {
		cli_error("out of memory");
		status = EXIT_FAILURE_;
	} else {
		status = run(cli, argc, argv, &o);
	}
	free(o.themes);
	free(o.priorities);
	free(o.actions);
	return status;
}
