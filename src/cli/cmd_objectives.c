/* vitals objectives: each objective of a plan's priorities with the measures and actions that serve it, and linking or unlinking one. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/objectives.h"
#include "vitals/period.h"
#include "vitals/status.h"
#include "cli.h"

struct opts {
	const char *objective, *plan, *priority, *period, *measure, *action;
	int json;
};

/* The latest quarter with a figure: what a list reads by default. */
static void latest_quarter(const struct vt_def *def, char out[16])
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < vt_def_count(def, VT_KIND_VALUE); i++) {
		const struct vt_value *v = vt_def_at(def, VT_KIND_VALUE, i);

		if (strlen(v->period) == 6 && v->period[4] == 'Q' &&
		    strcmp(v->period, out) > 0)
			snprintf(out, 16, "%s", v->period);
	}
}

static json_t *item_json(const struct vt_def *def,
			 const struct vt_objective_item *it,
			 const struct vt_measure_status *st, size_t nst)
{
	json_t *j, *ms = json_array(), *as = json_array();
	size_t i;

	j = json_pack("{s:s, s:s, s:s?, s:s, s:s, s:o, s:o, s:b}",
		      "objective", it->objective->code,
		      "priority", it->objective->priority,
		      "plan", it->priority ? it->priority->plan : NULL,
		      "number", it->objective->number,
		      "text", it->objective->text,
		      "measures", ms ? ms : json_null(),
		      "actions", as ? as : json_null(),
		      "linked", it->nmeasures || it->nactions);
	if (!j || !ms || !as) {
		json_decref(j);
		return NULL;
	}
	for (i = 0; i < it->nmeasures; i++) {
		const struct vt_measure *m =
			vt_def_at(def, VT_KIND_MEASURE, it->measures[i]);
		const struct vt_measure_status *s =
			it->measures[i] < nst ? &st[it->measures[i]] : NULL;
		json_t *e = json_pack("{s:s, s:s, s:s?, s:o, s:s?}",
				      "measure", m->code, "title", m->title,
				      "period", s ? s->figure_period : NULL,
				      "value", s && !isnan(s->value) ?
				      json_real(s->value) : json_null(),
				      "reading", s ? s->reading : NULL);

		if (json_array_append_new(ms, e)) {
			json_decref(j);
			return NULL;
		}
	}
	for (i = 0; i < it->nactions; i++) {
		const struct vt_action *a = it->actions[i];

		if (json_array_append_new(as, json_pack("{s:s, s:s, s:s}",
				"action", a->code, "title", a->title,
				"rag", vt_rag_names[a->rag]))) {
			json_decref(j);
			return NULL;
		}
	}
	return j;
}

static void item_text(const struct vt_def *def,
		      const struct vt_objective_item *it,
		      const struct vt_measure_status *st, size_t nst)
{
	size_t i;

	printf("%s  %s %s\n", it->objective->code, it->objective->number,
	       it->objective->text);
	if (!it->nmeasures && !it->nactions)
		printf("  %s\n", VT_OBJECTIVE_NONE);
	for (i = 0; i < it->nmeasures; i++) {
		const struct vt_measure *m =
			vt_def_at(def, VT_KIND_MEASURE, it->measures[i]);
		const struct vt_measure_status *s =
			it->measures[i] < nst ? &st[it->measures[i]] : NULL;

		printf("  measure %s: %s\n", m->code, m->title);
		if (s && !isnan(s->value))
			printf("    %s: %g, %s\n", s->figure_period, s->value,
			       s->reading);
		else if (s)
			printf("    %s\n", s->reading);
	}
	for (i = 0; i < it->nactions; i++)
		printf("  action %s [%s]: %s\n", it->actions[i]->code,
		       vt_rag_names[it->actions[i]->rag],
		       it->actions[i]->title);
}

static int list(struct cli *cli, struct opts *o)
{
	struct vt_objective_item *items = NULL;
	struct vt_measure_status *st = NULL;
	struct vt_store *store;
	struct vt_def def;
	char period_id[16];
	const char *period = o->period;
	size_t n = 0, nst = 0, i, unlinked = 0;
	json_t *root = NULL, *arr;
	int status;

	if (period && (status = cli_period(cli, &period, period_id)))
		return status;
	status = cli_read_all(cli, &store, &def);
	if (status)
		return status;
	if (o->plan && !vt_def_find(&def, VT_KIND_PLAN, o->plan)) {
		cli_error("plan: there is no plan '%s'", o->plan);
		status = EXIT_REFUSED;
		goto out;
	}
	if (o->priority && !vt_def_find(&def, VT_KIND_PRIORITY,
					o->priority)) {
		cli_error("priority: there is no priority '%s'", o->priority);
		status = EXIT_REFUSED;
		goto out;
	}
	if (!period) {
		latest_quarter(&def, period_id);
		period = period_id[0] ? period_id : NULL;
	}
	if ((period && vt_measures_status(&def, period, &st, &nst)) ||
	    vt_objective_items(&def, o->plan, o->priority, &items, &n)) {
		status = EXIT_FAILURE_;
		goto out;
	}
	for (i = 0; i < n; i++)
		unlinked += !items[i].nmeasures && !items[i].nactions;
	if (o->json) {
		root = json_pack("{s:s?, s:[], s:I, s:I}", "period", period,
				 "objectives", "count", (json_int_t)n,
				 "unlinked", (json_int_t)unlinked);
		arr = json_object_get(root, "objectives");
		for (i = 0; root && i < n; i++)
			if (json_array_append_new(arr, item_json(&def,
					&items[i], st, nst))) {
				json_decref(root);
				root = NULL;
			}
		status = cli_put_json(root);
		goto out;
	}
	if (vt_def_illustrative(&def))
		printf("ILLUSTRATIVE FIGURES: demo data, not real figures for "
		       "any child or area\n\n");
	if (period)
		printf("readings for %s\n", period);
	for (i = 0; i < n; i++)
		item_text(&def, &items[i], st, nst);
	printf("%zu objective%s, %zu with no measure or action linked\n", n,
	       n == 1 ? "" : "s", unlinked);
out:
	vt_objective_items_free(items, n);
	if (st)
		vt_measures_status_release(st, nst);
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

static int link(struct cli *cli, const struct opts *o, bool on)
{
	enum vt_kind kind = o->measure ? VT_KIND_MEASURE : VT_KIND_ACTION;
	const char *code = o->measure ? o->measure : o->action;
	struct vt_store *store;
	char why[768];
	enum vt_err result;
	int status;

	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	result = vt_objective_link(store, o->objective, kind, code, on,
				   cli->who, why, sizeof(why));
	if (result == VT_EINVAL || result == VT_ENOTFOUND ||
	    result == VT_ECONFLICT) {
		cli_error("%s; nothing was changed", why);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot link the objective: %s",
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else {
		printf("objective %s %s %s %s\n", o->objective,
		       on ? "linked to" : "unlinked from",
		       vt_entity_of(kind)->name, code);
	}
	vt_store_close(store);
	return status;
}

int cmd_objectives(struct cli *cli, int argc, char **argv)
{
	struct opts o;
	const struct cli_option opts[] = {
		{ "--plan", &o.plan, NULL },
		{ "--priority", &o.priority, NULL },
		{ "--period", &o.period, NULL },
		{ "--measure", &o.measure, NULL },
		{ "--action", &o.action, NULL },
		{ "--json", NULL, &o.json },
		{ NULL, NULL, NULL },
	};
	const char *sub = argc >= 2 ? argv[1] : "";
	bool target;

	memset(&o, 0, sizeof(o));
	if (argc < 2 ||
	    cli_parse_options(argc, argv, 2, opts, &o.objective))
		return cli_usage("objectives");
	target = o.measure || o.action;
	if (!strcmp(sub, "list") && !o.objective && !target)
		return list(cli, &o);
	if ((!strcmp(sub, "link") || !strcmp(sub, "unlink")) &&
	    o.objective && target && !(o.measure && o.action) && !o.plan &&
	    !o.priority && !o.period && !o.json)
		return link(cli, &o, sub[0] == 'l');
	return cli_usage("objectives");
}
