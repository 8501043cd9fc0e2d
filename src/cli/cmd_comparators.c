/* vitals comparators: DfE figures and statistical neighbours to compare measures with. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "vitals/compare.h"
#include "vitals/dfe.h"
#include "vitals/returns.h"
#include "cli.h"

struct opts {
	const char *file, *measure, *column, *la, *population, *filter, *name;
	const char *dictionary;
	int dry_run, json, own_history;
};

/* Comparators from a file; with --own-history, the partnership's own
   published figures into the measure, as history. */
static int import(struct cli *cli, const struct opts *o)
{
	struct vt_dfe_request req = { o->measure, o->column, o->la,
				      o->population, o->filter, o->dictionary,
				      0, 0 };
	struct vt_import_summary history;
	struct vt_load_summary sum;
	struct vt_store *store;
	struct vt_diagq dq;
	enum vt_err result;
	int status;

	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	vt_diagq_init(&dq);
	errno = 0;
	result = o->own_history
		? vt_comparators_own_history(store, o->file, &req, cli->who,
					     o->dry_run, &dq, &history)
		: vt_comparators_import(store, o->file, &req, cli->who,
					o->dry_run, &dq, &sum);
	status = cli_import_outcome(store, o->file, result, &dq);
	if (!status && o->dry_run)
		printf("dry run: nothing was written; an import would give:\n");
	if (!status && o->own_history)
		printf("history of '%s': %zu added, %zu changed, %zu "
		       "unchanged\n", o->measure, history.added,
		       history.changed, history.unchanged);
	else if (!status)
		cli_print_load_summary(&sum);
	if (o->own_history)
		vt_import_summary_release(&history);
	vt_diagq_release(&dq);
	vt_store_close(store);
	return status;
}

static int neighbours(struct cli *cli, const struct opts *o)
{
	struct vt_store *store;
	struct vt_diagq dq;
	char list[512];
	enum vt_err result;
	int status;

	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	vt_diagq_init(&dq);
	result = vt_neighbours_import(store, o->file, o->la, o->name,
				      cli->who, &dq, list, sizeof(list));
	cli_print_diags(&dq);
	if (result == VT_EINVAL || result == VT_ENOTFOUND) {
		cli_error("'%s' refused; nothing was changed", o->file);
		status = EXIT_REFUSED;
	} else if (result == VT_EIO) {
		cli_error("cannot read '%s'", o->file);
		status = EXIT_FAILURE_;
	} else if (result) {
		cli_error("cannot set the neighbours: %s", result == VT_EDB ?
			  vt_store_errmsg(store) : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else {
		printf("statistical neighbours (%s): %s\n", o->name ? o->name
		       : "named after the file", list);
	}
	vt_diagq_release(&dq);
	vt_store_close(store);
	return status;
}

static void print_number(double v)
{
	if (isnan(v))
		printf(" %10s", "-");
	else
		printf(" %10.1f", v);
}

static void print_series(const struct vt_def *def,
			 const struct vt_cmp_series *s)
{
	const struct vt_partnership *p = vt_def_count(def,
		VT_KIND_PARTNERSHIP) ? vt_def_at(def, VT_KIND_PARTNERSHIP, 0)
				     : NULL;
	size_t i;

	printf("%s: %s (%s)\n", s->measure->code, s->measure->title,
	       s->measure->unit == VT_UNIT_PERCENT ? "percentages"
	       : "per 10,000 children");
	if (p && p->nneighbours) {
		printf("statistical neighbours (%s):",
		       p->neighbour_set ? p->neighbour_set : "unnamed");
		for (i = 0; i < p->nneighbours; i++)
			printf("%s%s", i ? ", " : " ", p->neighbours[i].la);
		putchar('\n');
	}
	printf("\n%-12s %10s %10s %10s %10s %10s  %s\n", "period", "ours",
	       "England", "region", "neighbours", "withheld", "rank");
	for (i = 0; i < s->n; i++) {
		const struct vt_cmp_point *pt = &s->points[i];

		printf("%-12s", pt->label);
		print_number(pt->ours);
		print_number(pt->cmp.england);
		print_number(pt->cmp.region);
		print_number(pt->cmp.neighbours);
		printf(" %10zu", pt->cmp.neighbours_withheld);
		if (pt->cmp.rank)
			printf("  %zu of %zu", pt->cmp.rank, pt->cmp.of);
		putchar('\n');
	}
}

static int series(struct cli *cli, const struct opts *o)
{
	const struct vt_measure *m;
	struct vt_cmp_series s;
	struct vt_store *store;
	struct vt_def def;
	int status = cli_read_all(cli, &store, &def);

	if (status)
		return status;
	if (!(m = vt_def_find(&def, VT_KIND_MEASURE, o->file))) {
		cli_error("there is no measure '%s'", o->file);
		status = EXIT_REFUSED;
	} else if (vt_cmp_series(&def, m, NULL, &s)) {
		cli_error("cannot read the comparators: %s",
			  vt_strerror(VT_ENOMEM));
		status = EXIT_FAILURE_;
	} else {
		if (o->json) {
			json_t *root = vt_cmp_series_json(&def, &s);

			if (!root || json_dumpf(root, stdout, JSON_INDENT(2) |
						JSON_REAL_PRECISION(10)))
				status = EXIT_FAILURE_;
			else
				putchar('\n');
			json_decref(root);
		} else {
			print_series(&def, &s);
		}
		vt_cmp_series_release(&s);
	}
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

int cmd_comparators(struct cli *cli, int argc, char **argv)
{
	struct opts o;
	const struct cli_option opts[] = {
		{ "--measure", &o.measure, NULL },
		{ "--column", &o.column, NULL },
		{ "--la-code", &o.la, NULL },
		{ "--population", &o.population, NULL },
		{ "--filter", &o.filter, NULL },
		{ "--name", &o.name, NULL },
		{ "--dictionary", &o.dictionary, NULL },
		{ "--dry-run", NULL, &o.dry_run },
		{ "--json", NULL, &o.json },
		{ "--own-history", NULL, &o.own_history },
		{ NULL, NULL, NULL },
	};

	memset(&o, 0, sizeof(o));
	if (argc < 3 || cli_parse_options(argc, argv, 2, opts, &o.file) ||
	    !o.file)
		return cli_usage("comparators");
	if (!strcmp(argv[1], "import") && o.measure && o.column && !o.name &&
	    !o.json)
		return import(cli, &o);
	if (o.own_history)
		return cli_usage("comparators");
	if (!strcmp(argv[1], "neighbours") && !o.measure && !o.column &&
	    !o.population && !o.filter && !o.dry_run && !o.json &&
	    !o.dictionary)
		return neighbours(cli, &o);
	if (!strcmp(argv[1], "series") && !o.measure && !o.column &&
	    !o.population && !o.filter && !o.dry_run && !o.la && !o.name &&
	    !o.dictionary)
		return series(cli, &o);
	return cli_usage("comparators");
}
