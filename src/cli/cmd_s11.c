/* vitals s11: section 11 self-assessments (rate, submit, challenge, action, list, show), a cycle's heat map and the agencies that have not returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/csv.h"
#include "vitals/s11.h"
#include "cli.h"

#define MAX_CHANGES 32

struct opts {
	const char *agency, *cycle;	/* positional */
	const char *rating, *standard, *evidence, *action, *date, *outcome,
		   *note, *text, *due, *owner, *plan, *cycle_opt;
	/* a challenge's --standard S --rating R pairs, in turn */
	struct vt_s11_rerating changes[MAX_CHANGES];
	size_t nstandards, nratings;
	int json, csv;
};

/* Options in any order; --standard and --rating may repeat (a challenge
   pairs them in turn), the others each once. */
static int parse(int argc, char **argv, struct opts *o)
{
	static const char *const valued[] = {
		"--evidence", "--action", "--date", "--outcome", "--note",
		"--text", "--due", "--owner", "--plan", "--cycle",
	};
	const char **slot[] = {
		&o->evidence, &o->action, &o->date, &o->outcome, &o->note,
		&o->text, &o->due, &o->owner, &o->plan, &o->cycle_opt,
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
			if (o->cycle)
				return -1;
			if (o->agency)
				o->cycle = a;
			else
				o->agency = a;
			continue;
		}
		if (i + 1 >= argc)
			return -1;
		if (!strcmp(a, "--standard") || !strcmp(a, "--rating")) {
			bool std = a[2] == 's';
			size_t *n = std ? &o->nstandards : &o->nratings;

			if (*n >= MAX_CHANGES)
				return -1;
			if (std)
				o->changes[*n].standard = argv[++i];
			else
				o->changes[*n].rating = argv[++i];
			(*n)++;
			continue;
		}
		for (k = 0; k < nvalued; k++)
			if (!strcmp(a, valued[k]))
				break;
		if (k == nvalued || *slot[k])
			return -1;
		*slot[k] = argv[++i];
	}
	o->standard = o->nstandards ? o->changes[0].standard : NULL;
	o->rating = o->nratings ? o->changes[0].rating : NULL;
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
		cli_error("cannot change the section 11 self-assessments: %s",
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		return EXIT_FAILURE_;
	}
	return EXIT_OK;
}

enum change { RATE, SUBMIT, CHALLENGE, ACTION };

static int change(struct cli *cli, const struct opts *o, enum change what)
{
	struct vt_store *store;
	char why[1024], day[11], code[80] = "";
	enum vt_err result;
	int status;

	if (what == SUBMIT && cli_day(o->date, day))
		return EXIT_USAGE;
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	switch (what) {
	case RATE:
		result = vt_s11_rate(store, o->agency, o->cycle, o->standard,
				     o->rating, o->evidence, o->action,
				     cli->who, why, sizeof(why));
		break;
	case SUBMIT:
		result = vt_s11_submit(store, o->agency, o->cycle, day,
				       cli->who, why, sizeof(why));
		break;
	case CHALLENGE:
		result = vt_s11_challenge(store, o->agency, o->cycle, o->date,
					  o->outcome, o->changes,
					  o->nstandards, o->note, cli->who,
					  why, sizeof(why));
		break;
	default:
		result = vt_s11_action(store, o->agency, o->cycle,
				       o->standard, o->text, o->due, o->owner,
				       o->plan, code, sizeof(code), cli->who,
				       why, sizeof(why));
		break;
	}
	status = report(store, result, why);
	if (!status) {
		if (what == RATE)
			printf("s11 %s %s: %s rated %s\n", o->agency,
			       o->cycle, o->standard, o->rating);
		else if (what == SUBMIT)
			printf("s11 %s %s submitted on %s\n", o->agency,
			       o->cycle, day);
		else if (what == CHALLENGE)
			printf("s11 %s %s challenged on %s: %s\n", o->agency,
			       o->cycle, o->date, o->outcome);
		else
			printf("action %s made from s11 %s %s (%s)\n", code,
			       o->agency, o->cycle, o->standard);
	}
	vt_store_close(store);
	return status;
}

/* ------------------------------------------------------------------ */
/* Reading */

static const char *state_of(const struct vt_s11 *a)
{
	return a->challenged ? "challenged" : a->submitted ? "submitted"
	       : "draft";
}

static void count(const struct vt_s11 *a, size_t n[VT_S11__MAX])
{
	size_t i;

	memset(n, 0, VT_S11__MAX * sizeof(n[0]));
	for (i = 0; i < a->nratings; i++)
		n[a->ratings[i].rating]++;
}

/* The record as the definition writes it, with its state and the
   actions made from it. */
static json_t *s11_json(const struct vt_def *def, const struct vt_s11 *a)
{
	json_t *j = NULL, *acts = json_array();
	char key[160];
	size_t i;

	snprintf(key, sizeof(key), "%s/%s", a->agency, a->cycle);
	for (i = 0; acts && i < vt_def_count(def, VT_KIND_ACTION); i++) {
		const struct vt_action *ac = vt_def_at(def, VT_KIND_ACTION, i);

		if (ac->s11 && !strcmp(ac->s11, key) &&
		    json_array_append_new(acts, json_pack(
			    "{s:s, s:s, s:s}", "ref", ac->code, "title",
			    ac->title, "rag", vt_rag_names[ac->rag]))) {
			json_decref(acts);
			return NULL;
		}
	}
	if (!acts || vt_record_to_json(VT_KIND_S11, a, &j)) {
		json_decref(acts);
		return NULL;
	}
	if (json_object_set_new(j, "state", json_string(state_of(a))) ||
	    json_object_set_new(j, "actions", acts)) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static int list(struct cli *cli, const struct opts *o)
{
	static const char *const header[] = {
		"agency", "cycle", "state", "submitted", "met", "partly_met",
		"not_met", "challenged", "challenge_outcome",
	};
	struct vt_store *store;
	struct vt_def def;
	json_t *all = NULL;
	size_t i, shown = 0;
	int status = cli_read_all(cli, &store, &def);

	if (status)
		return status;
	if (o->json && !(all = json_array()))
		status = EXIT_FAILURE_;
	if (o->csv && !status)
		status = cli_put_csv_row(header, sizeof(header) / sizeof(header[0]));
	for (i = 0; !status && i < vt_def_count(&def, VT_KIND_S11); i++) {
		const struct vt_s11 *a = vt_def_at(&def, VT_KIND_S11, i);
		size_t n[VT_S11__MAX];
		char c[VT_S11__MAX][24];
		int k;

		if (o->cycle_opt && strcmp(a->cycle, o->cycle_opt))
			continue;
		shown++;
		count(a, n);
		for (k = 0; k < VT_S11__MAX; k++)
			snprintf(c[k], sizeof(c[k]), "%zu", n[k]);
		if (all) {
			if (json_array_append_new(all, s11_json(&def, a)))
				status = EXIT_FAILURE_;
		} else if (o->csv) {
			const char *f[] = {
				a->agency, a->cycle, state_of(a),
				a->submitted ? a->submitted : "",
				c[VT_S11_MET], c[VT_S11_PARTLY_MET],
				c[VT_S11_NOT_MET],
				a->challenged ? a->challenged : "",
				a->challenge_outcome ? a->challenge_outcome
						     : "",
			};

			status = cli_put_csv_row(f, sizeof(f) / sizeof(f[0]));
		} else {
			printf("%s %s  %s%s%s: %s met, %s partly met, %s not "
			       "met%s%s\n", a->agency, a->cycle, state_of(a),
			       a->submitted ? " " : "",
			       a->submitted ? a->submitted : "",
			       c[VT_S11_MET], c[VT_S11_PARTLY_MET],
			       c[VT_S11_NOT_MET],
			       a->challenge_outcome ? ", challenge: " : "",
			       a->challenge_outcome ? a->challenge_outcome
						    : "");
		}
	}
	if (!status && all)
		status = cli_put_json(all);
	else
		json_decref(all);
	if (!status && !o->json && !o->csv && !shown)
		printf("no section 11 self-assessments\n");
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

/* The actions in the tracker made from 'a'. */
static void show_actions(const struct vt_def *def, const struct vt_s11 *a)
{
	char key[160];
	size_t i;

	snprintf(key, sizeof(key), "%s/%s", a->agency, a->cycle);
	for (i = 0; i < vt_def_count(def, VT_KIND_ACTION); i++) {
		const struct vt_action *ac = vt_def_at(def, VT_KIND_ACTION, i);

		if (ac->s11 && !strcmp(ac->s11, key))
			printf("  action %s (%s): %s\n", ac->code,
			       vt_rag_names[ac->rag], ac->title);
	}
}

static int show(struct cli *cli, const struct opts *o)
{
	struct vt_store *store;
	struct vt_def def;
	const struct vt_s11 *a;
	const struct vt_partnership *p;
	size_t i;
	int status = cli_read_all(cli, &store, &def);

	if (status)
		return status;
	p = vt_def_count(&def, VT_KIND_PARTNERSHIP) ?
	    vt_def_at(&def, VT_KIND_PARTNERSHIP, 0) : NULL;
	a = vt_s11_find(&def, o->agency, o->cycle);
	if (!a) {
		cli_error("agency '%s' has no section 11 self-assessment for "
			  "cycle '%s'", o->agency, o->cycle);
		status = EXIT_REFUSED;
	} else if (o->json) {
		status = cli_put_json(s11_json(&def, a));
	} else {
		printf("%s %s: %s%s%s\n", a->agency, a->cycle, state_of(a),
		       a->submitted ? " on " : "",
		       a->submitted ? a->submitted : "");
		for (i = 1; i <= vt_s11_standard_count(p); i++) {
			const struct vt_s11_standard *st =
				vt_s11_standard_at(p, i);
			const struct vt_s11_rating *g =
				vt_s11_rating_of(a, st->code);

			printf("  %s %s: %s\n", st->code, g ?
			       vt_s11_grade_names[g->rating] : "not rated",
			       st->name);
			if (g && g->evidence)
				printf("      evidence: %s\n", g->evidence);
			if (g && g->action)
				printf("      action: %s\n", g->action);
		}
		if (a->challenged)
			printf("  challenged %s: %s%s%s\n", a->challenged,
			       a->challenge_outcome,
			       a->challenge_note ? ", " : "",
			       a->challenge_note ? a->challenge_note : "");
		for (i = 0; i < a->nchanges; i++)
			printf("    %s: %s -> %s\n", a->changes[i].standard,
			       vt_s11_grade_names[a->changes[i].from],
			       vt_s11_grade_names[a->changes[i].to]);
		show_actions(&def, a);
	}
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

static json_t *grade_json(int g)
{
	return g < 0 ? json_null() : json_string(vt_s11_grade_names[g]);
}

static json_t *heatmap_json(const struct vt_s11_heatmap *h)
{
	json_t *root = json_pack("{s:s, s:[], s:[]}", "cycle", h->cycle,
				 "standards", "agencies");
	json_t *stds = json_object_get(root, "standards");
	json_t *ags = json_object_get(root, "agencies");
	size_t i, k;
	int bad = !root;

	for (k = 0; !bad && k < h->nstandards; k++) {
		const struct vt_s11_standard *st =
			vt_s11_standard_at(h->partnership, k + 1);

		bad = json_array_append_new(stds, json_pack(
			"{s:s, s:s, s:I, s:I, s:I}", "code", st->code,
			"name", st->name,
			"met", (json_int_t)h->counts[k][VT_S11_MET],
			"partly_met",
			(json_int_t)h->counts[k][VT_S11_PARTLY_MET],
			"not_met", (json_int_t)h->counts[k][VT_S11_NOT_MET]));
	}
	for (i = 0; !bad && i < h->nrows; i++) {
		const struct vt_s11_row *r = &h->rows[i];
		json_t *cells = json_array();

		for (k = 0; cells && !bad && k < h->nstandards; k++) {
			const struct vt_s11_cell *c = &r->cells[k];

			bad = json_array_append_new(cells, json_pack(
				"{s:s, s:o, s:o, s:s?}", "standard",
				vt_s11_standard_at(h->partnership,
						   k + 1)->code,
				"rating", grade_json(c->rating),
				"previous", grade_json(c->previous),
				"change", c->rating < 0 ? NULL :
				vt_s11_trend_names[c->trend]));
		}
		bad = bad || !cells || json_array_append_new(ags, json_pack(
			"{s:s, s:s?, s:s?, s:o}", "agency", r->s11->agency,
			"submitted", r->s11->submitted,
			"previous_cycle", r->previous ? r->previous->cycle
			: NULL, "cells", cells));
	}
	if (bad) {
		json_decref(root);
		return NULL;
	}
	return root;
}

static int heatmap_csv(const struct vt_s11_heatmap *h)
{
	static const char *const header[] = {
		"agency", "cycle", "standard", "rating", "previous", "change",
	};
	size_t i, k;
	int status = cli_put_csv_row(header, 6);

	for (i = 0; !status && i < h->nrows; i++)
		for (k = 0; !status && k < h->nstandards; k++) {
			const struct vt_s11_cell *c = &h->rows[i].cells[k];
			const char *f[] = {
				h->rows[i].s11->agency, h->cycle,
				vt_s11_standard_at(h->partnership,
						   k + 1)->code,
				c->rating < 0 ? "" :
				vt_s11_grade_names[c->rating],
				c->previous < 0 ? "" :
				vt_s11_grade_names[c->previous],
				c->rating < 0 ? "" :
				vt_s11_trend_names[c->trend],
			};

			status = cli_put_csv_row(f, 6);
		}
	return status;
}

/* A grid for a terminal: a letter for the rating and a sign for the
   change since the agency's previous cycle. */
static void heatmap_text(const struct vt_s11_heatmap *h)
{
	static const char grade[] = { 'M', 'P', 'N' };
	static const char trend[] = { '*', '+', '=', '-' };
	size_t i, k, width = 6;
	int w;

	if (!h->nrows) {
		printf("no section 11 self-assessments for %s\n", h->cycle);
		return;
	}
	for (i = 0; i < h->nrows; i++)
		if (strlen(h->rows[i].s11->agency) > width)
			width = strlen(h->rows[i].s11->agency);
	w = (int)width;
	printf("%-*s", w, "agency");
	for (k = 0; k < h->nstandards; k++)
		printf(" %4.4s", vt_s11_standard_at(h->partnership,
						    k + 1)->code);
	putchar('\n');
	for (i = 0; i < h->nrows; i++) {
		const struct vt_s11_row *r = &h->rows[i];

		printf("%-*s", w, r->s11->agency);
		for (k = 0; k < h->nstandards; k++) {
			const struct vt_s11_cell *c = &r->cells[k];

			if (c->rating < 0)
				printf("    .");
			else
				printf("   %c%c", grade[c->rating],
				       trend[c->trend]);
		}
		printf("%s\n", r->s11->submitted ? "" : "  (draft)");
	}
	for (k = 0; k < h->nstandards; k++)
		printf("%s: %zu met, %zu partly met, %zu not met\n",
		       vt_s11_standard_at(h->partnership, k + 1)->code,
		       h->counts[k][VT_S11_MET],
		       h->counts[k][VT_S11_PARTLY_MET],
		       h->counts[k][VT_S11_NOT_MET]);
	printf("M met, P partly met, N not met, . not rated; since the "
	       "previous cycle: + better, = same, - worse, * new\n");
}

static int heatmap(struct cli *cli, const struct opts *o)
{
	struct vt_store *store;
	struct vt_def def;
	struct vt_s11_heatmap h;
	int status = cli_read_all(cli, &store, &def);

	if (status)
		return status;
	if (vt_s11_heatmap(&def, o->cycle_opt, &h)) {
		cli_error("the heat map cannot be made: out of memory");
		status = EXIT_FAILURE_;
	} else {
		if (o->json)
			status = cli_put_json(heatmap_json(&h));
		else if (o->csv)
			status = heatmap_csv(&h);
		else
			heatmap_text(&h);
		vt_s11_heatmap_release(&h);
	}
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

static int missing(struct cli *cli, const struct opts *o)
{
	struct vt_store *store;
	struct vt_def def;
	const struct vt_agency **v;
	json_t *all = NULL;
	size_t n, i;
	int status = cli_read_all(cli, &store, &def);

	if (status)
		return status;
	if (vt_s11_missing(&def, o->cycle_opt, &v, &n)) {
		cli_error("the agencies cannot be listed: out of memory");
		status = EXIT_FAILURE_;
	} else {
		if (o->json && !(all = json_array()))
			status = EXIT_FAILURE_;
		for (i = 0; !status && i < n; i++) {
			const struct vt_s11 *a = vt_s11_find(&def, v[i]->code,
							     o->cycle_opt);

			if (all)
				status = json_array_append_new(all, json_pack(
					"{s:s, s:s, s:s}", "agency",
					v[i]->code, "name", v[i]->name,
					"state", a ? "draft" : "none")) ?
					EXIT_FAILURE_ : EXIT_OK;
			else
				printf("%s  %s%s\n", v[i]->code, v[i]->name,
				       a ? " (a draft, not submitted)" : "");
		}
		if (!status && all)
			status = cli_put_json(all);
		else
			json_decref(all);
		if (!status && !o->json && !n)
			printf("every agency has returned its section 11 "
			       "self-assessment for %s\n", o->cycle_opt);
		free(v);
	}
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

int cmd_s11(struct cli *cli, int argc, char **argv)
{
	struct opts o;
	const char *sub = argc >= 2 ? argv[1] : "";
	bool key, rating, challenging, acting, reading;

	if (argc < 2 || parse(argc, argv, &o))
		return cli_usage("s11");
	key = o.agency && o.cycle;
	rating = o.evidence || o.action;
	challenging = o.outcome || o.note;
	acting = o.text || o.due || o.owner || o.plan;
	reading = o.json || o.csv || o.cycle_opt;
	if (!strcmp(sub, "rate") && key && o.nstandards == 1 &&
	    o.nratings == 1 && !o.date && !challenging && !acting &&
	    !reading)
		return change(cli, &o, RATE);
	if (!strcmp(sub, "submit") && key && !o.nstandards && !o.nratings &&
	    !rating && !challenging && !acting && !reading)
		return change(cli, &o, SUBMIT);
	if (!strcmp(sub, "challenge") && key && o.date && o.outcome &&
	    o.nstandards == o.nratings && !rating && !acting && !reading)
		return change(cli, &o, CHALLENGE);
	if (!strcmp(sub, "action") && key && o.nstandards == 1 &&
	    !o.nratings && o.text && o.due && !rating && !o.date &&
	    !challenging && !reading)
		return change(cli, &o, ACTION);
	if (!strcmp(sub, "list") && !o.agency && !o.nstandards &&
	    !o.nratings && !rating && !o.date && !challenging && !acting)
		return list(cli, &o);
	if (!strcmp(sub, "show") && key && !o.nstandards && !o.nratings &&
	    !rating && !o.date && !challenging && !acting && !o.csv &&
	    !o.cycle_opt)
		return show(cli, &o);
	if ((!strcmp(sub, "heatmap") || !strcmp(sub, "missing")) &&
	    o.cycle_opt && !o.agency && !o.nstandards && !o.nratings &&
	    !rating && !o.date && !challenging && !acting &&
	    (sub[0] == 'h' || !o.csv))
		return sub[0] == 'h' ? heatmap(cli, &o) : missing(cli, &o);
	return cli_usage("s11");
}
