/* vitals measures: what the partnership does about a measure. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/actions.h"
#include "vitals/compare.h"
#include "vitals/period.h"
#include "vitals/spc.h"
#include "cli.h"

/* The actions meant to move one measure, with their RAG and state. */
static int actions_of(struct cli *cli, const char *code)
{
	const struct vt_action **list = NULL;
	const struct vt_measure *m;
	struct vt_store *store;
	struct vt_def def;
	size_t i, n = 0;
	int status;

	status = cli_read_all(cli, &store, &def);
	if (status)
		return status;
	m = vt_def_find(&def, VT_KIND_MEASURE, code);
	if (!m) {
		cli_error("there is no measure '%s'", code);
		status = EXIT_REFUSED;
		goto out;
	}
	if (vt_actions_for_measure(&def, code, &list, &n)) {
		status = EXIT_FAILURE_;
		goto out;
	}
	printf("%s  %s (%s)\n", m->code, m->title, m->agency);
	if (!n)
		printf("no action is linked to this measure\n");
	for (i = 0; i < n; i++)
		printf("  %-12s %-6s %-10s due %-10s %s\n", list[i]->code,
		       vt_rag_names[list[i]->rag], list[i]->agency,
		       list[i]->due ? list[i]->due : "-", list[i]->title);
	if (vt_actions_all_green(&def, code))
		printf("every linked action is green or complete: if the "
		       "measure is getting worse, ask why\n");
	free(list);
out:
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

static void print_figure(const struct vt_def *def,
			 const struct vt_partnership_figure *f)
{
	char l[VT_PERIOD_LABEL_MAX], a[32] = "-";
	size_t i;

	if (!isnan(f->value))
		snprintf(a, sizeof(a), "%.4g", f->value);
	printf("  %-8s %-12s %10s  %s", f->period,
	       vt_period_label_of(f->period, vt_def_fy_start(def), l), a,
	       f->complete ? "complete" : "INCOMPLETE, missing ");
	for (i = 0; i < f->nmissing; i++)
		printf("%s%s", i ? ", " : "", f->missing[i]);
	printf("\n");
}

/*
 * One measure: its definition and, for a multi-agency measure, the
 * partnership figure of each period from its contributors' parts,
 * complete or not, and who is still missing.
 */
static int show(struct cli *cli, int argc, char **argv)
{
	char period_id[16];
	const char *period = NULL, *code = NULL;
	int json = 0, status;
	const struct cli_option opts[] = {
		{ "--period", &period, NULL },
		{ "--json", NULL, &json },
		{ NULL, NULL, NULL },
	};
	struct vt_partnership_series ps = { NULL, 0 };
	const struct vt_measure *m;
	struct vt_store *store;
	struct vt_def def;
	size_t i;

	if (cli_parse_options(argc, argv, 2, opts, &code) || !code)
		return cli_usage("measures");
	if (period && (status = cli_period(cli, &period, period_id)))
		return status;
	status = cli_read_all(cli, &store, &def);
	if (status)
		return status;
	m = vt_def_find(&def, VT_KIND_MEASURE, code);
	if (!m) {
		cli_error("there is no measure '%s'", code);
		status = EXIT_REFUSED;
		goto out;
	}
	if (m->ncontributors && vt_measure_partnership_def(&def, m, &ps)) {
		status = EXIT_FAILURE_;
		goto out;
	}
	if (json) {
		json_t *root = NULL, *figs = json_array();

		if (!vt_record_to_json(VT_KIND_MEASURE, m, &root) && figs &&
		    !json_object_set_new(root, "illustrative",
					 json_boolean(vt_def_illustrative(&def))) &&
		    m->ncontributors && period)
			json_object_set_new(root, "partnership",
					    vt_partnership_json(&def, m, period));
		for (i = 0; root && m->ncontributors && i < ps.n; i++)
			json_array_append_new(figs, vt_partnership_figure_json(
						    &ps.figures[i]));
		if (root && m->ncontributors)
			json_object_set(root, "figures", figs);
		json_decref(figs);
		if (!root || json_dumpf(root, stdout, JSON_INDENT(2) |
					JSON_REAL_PRECISION(10)))
			status = EXIT_FAILURE_;
		else
			putchar('\n');
		json_decref(root);
		goto out;
	}
	printf("%s  %s\nowner %s; %s, %s, %s\n", m->code, m->title, m->agency,
	       vt_unit_names[m->unit], vt_frequency_names[m->frequency],
	       vt_direction_names[m->direction]);
	if (!m->ncontributors)
		goto out;
	printf("contributors:");
	for (i = 0; i < m->ncontributors; i++)
		printf(" %s", m->contributors[i].agency);
	printf("\npartnership figure (%s of the parts):\n",
	       vt_measure_sums_ratio(m) ? "numerators over denominators"
					: "the sum");
	for (i = 0; i < ps.n; i++)
		if (!period || !strcmp(ps.figures[i].period, period))
			print_figure(&def, &ps.figures[i]);
	if (period && !vt_partnership_figure_of(&ps, period))
		printf("  %-8s no part is in yet\n", period);
out:
	vt_partnership_series_release(&ps);
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

int cmd_measures(struct cli *cli, int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "show"))
		return show(cli, argc, argv);
	if (argc == 3 && !strcmp(argv[1], "actions") && argv[2][0] != '-')
		return actions_of(cli, argv[2]);
	if (argc >= 2 && !strcmp(argv[1], "status"))
		return cmd_measures_status(cli, argc, argv);
	return cli_usage("measures");
}
