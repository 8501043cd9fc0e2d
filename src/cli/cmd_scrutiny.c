/* vitals scrutiny: the independent scrutineer's annual plan (add, update, report, finding, list, show), each finding made a challenge or an action. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/csv.h"
#include "vitals/scrutiny.h"
#include "cli.h"

struct opts {
	const char *ref;
	struct vt_scrutiny_edit e;
	const char *date, *summary, *text, *by, *agency, *due, *owner, *plan;
	int challenge, action, json, csv;
};

/* Options in any order, each once. */
static int parse(int argc, char **argv, struct opts *o)
{
	static const char *const valued[] = {
		"--year", "--theme", "--method", "--planned", "--status",
		"--date", "--summary", "--text", "--by", "--agency", "--due",
		"--owner", "--plan",
	};
	const char **slot[] = {
		&o->e.year, &o->e.theme, &o->e.method, &o->e.planned,
		&o->e.status, &o->date, &o->summary, &o->text, &o->by,
		&o->agency, &o->due, &o->owner, &o->plan,
	};
	static const char *const flags[] = {
		"--challenge", "--action", "--json", "--csv",
	};
	int *flag[] = { &o->challenge, &o->action, &o->json, &o->csv };
	size_t nvalued = sizeof(valued) / sizeof(valued[0]), k;
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];

		for (k = 0; k < 4; k++)
			if (!strcmp(a, flags[k]))
				break;
		if (k < 4) {
			if (*flag[k])
				return -1;
			*flag[k] = 1;
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
	o->e.ref = o->ref;
	return o->json && o->csv ? -1 : 0;
}

enum change { ADD, UPDATE, REPORT, FINDING };

static int change(struct cli *cli, const struct opts *o, enum change what)
{
	struct vt_scrutiny_finding_new f = {
		o->ref, o->text, o->challenge ? VT_FINDING_CHALLENGE :
		VT_FINDING_ACTION, o->by ? o->by : "independent scrutineer",
		NULL, o->agency, o->due, o->owner, o->plan,
	};
	struct vt_store *store;
	char why[512], made[96], today[11];
	enum vt_err result;
	int status;

	if (what == FINDING) {
		if (cli_day(o->date, today))
			return EXIT_USAGE;
		f.date = today;
	}
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	if (what == ADD)
		result = vt_scrutiny_add(store, &o->e, cli->who, why,
					 sizeof(why));
	else if (what == UPDATE)
		result = vt_scrutiny_update(store, &o->e, cli->who, why,
					    sizeof(why));
	else if (what == REPORT)
		result = vt_scrutiny_report(store, o->ref, o->date,
					    o->summary, cli->who, why,
					    sizeof(why));
	else
		result = vt_scrutiny_find(store, &f, made, sizeof(made),
					  cli->who, why, sizeof(why));
	if (result == VT_EINVAL || result == VT_ENOTFOUND ||
	    result == VT_ECONFLICT) {
		cli_error("%s; nothing was changed", why);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot change the scrutiny plan: %s",
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else if (what == FINDING) {
		printf("finding of %s made %s %s\n", o->ref, o->challenge ?
		       "challenge" : "action", made);
	} else {
		printf("scrutiny item %s %s\n", o->ref, what == ADD ? "added" :
		       what == UPDATE ? "updated" : "reported");
	}
	vt_store_close(store);
	return status;
}

/* ------------------------------------------------------------------ */
/* Reading */

static int list(struct cli *cli, const struct opts *o)
{
	static const char *const header[] = {
		"ref", "year", "theme", "method", "planned", "status",
		"reported", "findings", "challenges", "actions",
	};
	struct vt_store *store;
	struct vt_def def;
	json_t *all = NULL;
	size_t i, j, shown = 0;
	int status = cli_read_all(cli, &store, &def);

	if (status)
		return status;
	if (o->json && !(all = json_array()))
		status = EXIT_FAILURE_;
	if (o->csv && !status)
		status = cli_put_csv_row(header, sizeof(header) / sizeof(header[0]));
	for (i = 0; !status && i < vt_def_count(&def, VT_KIND_SCRUTINY);
	     i++) {
		const struct vt_scrutiny *sc =
			vt_def_at(&def, VT_KIND_SCRUTINY, i);
		char nf[24], nc[24], na[24];
		size_t c = 0;

		if (o->e.year && strcmp(sc->year, o->e.year))
			continue;
		shown++;
		for (j = 0; j < sc->nfindings; j++)
			c += sc->findings[j].becomes == VT_FINDING_CHALLENGE;
		snprintf(nf, sizeof(nf), "%zu", sc->nfindings);
		snprintf(nc, sizeof(nc), "%zu", c);
		snprintf(na, sizeof(na), "%zu", sc->nfindings - c);
		if (all) {
			if (json_array_append_new(all, vt_scrutiny_json(sc)))
				status = EXIT_FAILURE_;
		} else if (o->csv) {
			const char *f[] = {
				sc->ref, sc->year, sc->theme,
				vt_scrutiny_method_names[sc->method],
				sc->planned,
				vt_scrutiny_status_names[sc->status],
				sc->reported ? sc->reported : "", nf, nc, na,
			};

			status = cli_put_csv_row(f, sizeof(f) / sizeof(f[0]));
		} else {
			printf("%s  %s: %s by %s, planned %s: %s", sc->ref,
			       sc->year, sc->theme,
			       vt_scrutiny_method_names[sc->method],
			       sc->planned,
			       vt_scrutiny_status_names[sc->status]);
			if (sc->reported)
				printf(" %s, %zu finding%s", sc->reported,
				       sc->nfindings,
				       sc->nfindings == 1 ? "" : "s");
			putchar('\n');
		}
	}
	if (!status && all)
		status = cli_put_json(all);
	else
		json_decref(all);
	if (!status && !o->json && !o->csv && !shown)
		printf("no scrutiny items\n");
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

static int show(struct cli *cli, const struct opts *o)
{
	struct vt_store *store;
	struct vt_def def;
	const struct vt_scrutiny *sc;
	size_t i;
	int status = cli_read_all(cli, &store, &def);

	if (status)
		return status;
	sc = vt_def_find(&def, VT_KIND_SCRUTINY, o->ref);
	if (!sc) {
		cli_error("there is no scrutiny item '%s'", o->ref);
		status = EXIT_REFUSED;
	} else if (o->json) {
		status = cli_put_json(vt_scrutiny_json(sc));
	} else {
		printf("%s  %s: %s by %s, planned %s: %s\n", sc->ref, sc->year,
		       sc->theme, vt_scrutiny_method_names[sc->method],
		       sc->planned, vt_scrutiny_status_names[sc->status]);
		if (sc->reported)
			printf("  reported %s: %s\n", sc->reported,
			       sc->summary);
		for (i = 0; i < sc->nfindings; i++) {
			const struct vt_scrutiny_finding *f = &sc->findings[i];

			printf("  finding %zu: %s\n    became %s %s\n", i + 1,
			       f->text, vt_finding_becomes_names[f->becomes],
			       f->challenge ? f->challenge : f->action);
		}
	}
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

int cmd_scrutiny(struct cli *cli, int argc, char **argv)
{
	struct opts o;
	const char *sub = argc >= 2 ? argv[1] : "";
	bool planning, reporting, finding, acting, reading;

	if (argc < 2 || parse(argc, argv, &o))
		return cli_usage("scrutiny");
	planning = o.e.theme || o.e.method || o.e.planned || o.e.status;
	reporting = o.summary != NULL;
	acting = o.agency || o.due || o.owner || o.plan;
	finding = o.text || o.by || o.challenge || o.action || acting;
	reading = o.json || o.csv;
	if (!strcmp(sub, "add") && o.ref && !o.date && !reporting &&
	    !finding && !reading)
		return change(cli, &o, ADD);
	if (!strcmp(sub, "update") && o.ref && (planning || o.e.year) &&
	    !o.date && !reporting && !finding && !reading)
		return change(cli, &o, UPDATE);
	if (!strcmp(sub, "report") && o.ref && o.date && o.summary &&
	    !planning && !o.e.year && !finding && !reading)
		return change(cli, &o, REPORT);
	if (!strcmp(sub, "finding") && o.ref && o.text &&
	    o.challenge + o.action == 1 && !(o.challenge && acting) &&
	    !(o.action && (o.by || o.date)) && !planning && !o.e.year &&
	    !reporting && !reading)
		return change(cli, &o, FINDING);
	if (!strcmp(sub, "list") && !o.ref && !planning && !o.date &&
	    !reporting && !finding)
		return list(cli, &o);
	if (!strcmp(sub, "show") && o.ref && !planning && !o.e.year &&
	    !o.date && !reporting && !finding && !o.csv)
		return show(cli, &o);
	return cli_usage("scrutiny");
}
