/* vitals measures status: every measure's reading for a period, as text, JSON or CSV. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/csv.h"
#include "vitals/status.h"
#include "cli.h"

/* A number for text and CSV: empty when absent. */
static const char *fmt(double v, char *buf, size_t size)
{
	if (isnan(v) || isinf(v))
		return "";
	snprintf(buf, size, "%.4g", v);
	return buf;
}

static int print_csv(const struct vt_measure_status *st, size_t n)
{
	static const char *const header[] = { "measure", "title", "value",
		"previous", "change", "reading", "variation", "assurance",
		"rate_per_10k", "england", "neighbours", "gap_england",
		"gap_neighbours", "red", "amber", "green", "blue",
		"contradiction" };
	enum { NCOLS = sizeof(header) / sizeof(header[0]) };
	enum vt_err result = VT_OK;
	char b[9][32], r[4][24];
	size_t i, j;

	for (j = 0; j < NCOLS && !result; j++)
		result = vt_csv_put(stdout, header[j], j + 1 < NCOLS ? ','
								     : '\n');
	for (i = 0; i < n && !result; i++) {
		const struct vt_measure_status *s = &st[i];
		const char *f[NCOLS];

		for (j = 0; j < 4; j++)
			snprintf(r[j], sizeof(r[j]), "%zu", s->actions[j]);
		f[0] = s->measure->code;
		f[1] = s->measure->title;
		f[2] = fmt(s->value, b[0], sizeof(b[0]));
		f[3] = fmt(s->previous, b[1], sizeof(b[1]));
		f[4] = fmt(s->change, b[2], sizeof(b[2]));
		f[5] = s->reading;
		f[6] = vt_spc_type_names[s->variation];
		f[7] = vt_assurance_names[s->assurance];
		f[8] = fmt(s->rate, b[3], sizeof(b[3]));
		f[9] = fmt(s->cmp.england, b[4], sizeof(b[4]));
		f[10] = fmt(s->cmp.neighbours, b[5], sizeof(b[5]));
		f[11] = fmt(s->gap_england, b[6], sizeof(b[6]));
		f[12] = fmt(s->gap_neighbours, b[7], sizeof(b[7]));
		f[13] = r[VT_RAG_RED];
		f[14] = r[VT_RAG_AMBER];
		f[15] = r[VT_RAG_GREEN];
		f[16] = r[VT_RAG_BLUE];
		f[17] = s->contradiction ? "yes" : "no";
		for (j = 0; j < NCOLS && !result; j++)
			result = vt_csv_put(stdout, f[j], j + 1 < NCOLS ? ','
									: '\n');
	}
	return result ? EXIT_FAILURE_ : EXIT_OK;
}

static const char *label_of(const struct vt_def *def, const char *id,
			    char out[VT_PERIOD_LABEL_MAX])
{
	return vt_period_label_of(id, vt_def_fy_start(def), out);
}

/* A multi-agency measure whose period is incomplete says whose part is
   missing. */
static void print_parts(const struct vt_def *def, const struct vt_measure *m,
			const char *period)
{
	struct vt_partnership_series ps;
	const struct vt_partnership_figure *f;
	size_t i;

	if (!m->ncontributors || vt_measure_partnership_def(def, m, &ps))
		return;
	f = vt_partnership_figure_of(&ps, period);
	if (!f || !f->complete) {
		printf("; INCOMPLETE: %zu of %zu parts in, missing ",
		       f ? f->parts : 0, m->ncontributors);
		for (i = 0; f && i < f->nmissing; i++)
			printf("%s%s", i ? ", " : "", f->missing[i]);
		for (i = 0; !f && i < m->ncontributors; i++)
			printf("%s%s", i ? ", " : "",
			       m->contributors[i].agency);
	}
	vt_partnership_series_release(&ps);
}

static void print_text(const struct vt_def *def,
		       const struct vt_measure_status *st, size_t n,
		       const char *period)
{
	size_t i, counts[3] = { 0, 0, 0 }, contradictions = 0;
	char a[32], l[VT_PERIOD_LABEL_MAX], words[400];

	for (i = 0; i < n; i++) {
		const struct vt_measure_status *s = &st[i];

		counts[!strncmp(s->reading, "improving", 9) ? 0 :
		       !strncmp(s->reading, "deteriorating", 13) ? 1 : 2]++;
		contradictions += s->contradiction;
		printf("%-12s %10s  ", s->measure->code,
		       isnan(s->value) ? "-" : fmt(s->value, a, sizeof(a)));
		/* A yearly figure in a quarter says which year it is. */
		if (!isnan(s->value) && strcmp(s->figure_period, period))
			printf("(%s) ", label_of(def, s->figure_period, l));
		printf("%s", s->reading);
		if (!isnan(s->change))
			printf(" (%s%s on %s)", s->change > 0 ? "+" : "",
			       fmt(s->change, a, sizeof(a)),
			       label_of(def, s->previous_period, l));
		vt_comparison_words(&s->cmp, s->ours, s->measure, words,
				    sizeof(words));
		if (words[0])
			printf("; %s", words);
		if (s->contradiction)
			printf("; CONTRADICTION: every linked action is "
			       "green or complete");
		print_parts(def, s->measure, period);
		printf("\n");
	}
	printf("\n%s: %zu measures: %zu improving, %zu deteriorating, %zu "
	       "with no significant change or no figure; %zu "
	       "contradiction%s\n", label_of(def, period, l), n, counts[0],
	       counts[1],
	       counts[2], contradictions, contradictions == 1 ? "" : "s");
}

int cmd_measures_status(struct cli *cli, int argc, char **argv)
{
	char period_id[16];
	const char *period = NULL, *extra = NULL;
	int json = 0, csv = 0, status;
	const struct cli_option opts[] = {
		{ "--period", &period, NULL },
		{ "--json", NULL, &json },
		{ "--csv", NULL, &csv },
		{ NULL, NULL, NULL },
	};
	struct vt_measure_status *st = NULL;
	struct vt_store *store;
	struct vt_def def;
	enum vt_err result;
	size_t n = 0;

	if (cli_parse_options(argc, argv, 2, opts, &extra) || extra ||
	    !period || (json && csv))
		return cli_usage("measures");
	if ((status = cli_period(cli, &period, period_id)))
		return status;
	status = cli_read_all(cli, &store, &def);
	if (status)
		return status;
	result = vt_measures_status(&def, period, &st, &n);
	if (result == VT_EINVAL) {
		cli_error("'%s' is not a period (2024, 2024Q3 or 2024-07)",
			  period);
		status = EXIT_USAGE;
	} else if (result) {
		cli_error("cannot assess the measures: %s",
			  vt_strerror(result));
		status = EXIT_FAILURE_;
	} else if (json) {
		json_t *root = vt_measures_status_json(&def, period, st, n);

		if (!root || json_dumpf(root, stdout, JSON_INDENT(2) |
					JSON_REAL_PRECISION(10)))
			status = EXIT_FAILURE_;
		else
			putchar('\n');
		json_decref(root);
	} else if (csv) {
		status = print_csv(st, n);
	} else {
		if (vt_def_illustrative(&def))
			printf("ILLUSTRATIVE FIGURES: demo data, not real "
			       "figures for any child or area\n\n");
		print_text(&def, st, n, period);
	}
	vt_measures_status_release(st, n);
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}
