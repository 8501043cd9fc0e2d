/* vitals spc: a measure's XmR chart as text or JSON. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/spc.h"
#include "cli.h"

#define MAX_REBASELINE 16

/* A number from the chart as text: '-' when there is none. */
static const char *num(json_t *j, char *buf, size_t size)
{
	if (!json_is_number(j))
		return "-";
	snprintf(buf, size, "%.4g", json_number_value(j));
	return buf;
}

static const char *reading(const char *variation)
{
	if (!strcmp(variation, "improvement"))
		return "special cause of improvement";
	if (!strcmp(variation, "concern"))
		return "special cause of concern";
	if (!strcmp(variation, "expected"))
		return "special cause of concern, inside the expected-rise "
		       "window";
	if (!strcmp(variation, "neutral"))
		return "special cause (the measure has no direction)";
	return "common cause variation: no significant change";
}

static void print_text(json_t *c)
{
	const char *s = json_string_value(json_object_get(c, "breakdown"));
	json_t *points = json_object_get(c, "points"), *p, *rule;
	char a[32], b[32], d[32];
	size_t i, j;

	printf("%s%s%s: %s (%s)\n",
	       json_string_value(json_object_get(c, "measure")), s ? " / " : "",
	       s ? s : "", json_string_value(json_object_get(c, "title")),
	       json_string_value(json_object_get(c, "direction")));
	printf("mean %s, process limits %s to %s; %zu point%s\n",
	       num(json_object_get(c, "mean"), a, sizeof(a)),
	       num(json_object_get(c, "lcl"), b, sizeof(b)),
	       num(json_object_get(c, "ucl"), d, sizeof(d)),
	       json_array_size(points),
	       json_array_size(points) == 1 ? "" : "s");
	printf("latest: %s\n", reading(json_string_value(
		json_object_get(c, "variation"))));
	if (json_is_number(json_object_get(c, "target")))
		printf("target %s: assurance %s\n",
		       num(json_object_get(c, "target"), a, sizeof(a)),
		       json_string_value(json_object_get(c, "assurance")));
	if (json_is_string(json_object_get(c, "warning")))
		printf("warning: %s\n", json_string_value(
			json_object_get(c, "warning")));
	json_array_foreach(points, i, p) {
		printf("%-8s %10s  %s", json_string_value(
			       json_object_get(p, "period")),
		       num(json_object_get(p, "value"), a, sizeof(a)),
		       json_string_value(json_object_get(p, "type")));
		json_array_foreach(json_object_get(p, "rules"), j, rule)
			printf("%s%s", j ? ", " : " (",
			       json_string_value(rule));
		printf("%s\n", j ? ")" : "");
	}
}

/* "2025Q1,2026Q1" into at most MAX_REBASELINE periods (in 'buf'). */
static size_t split(char *buf, const char **out)
{
	size_t n = 0;
	char *save = NULL, *tok;

	for (tok = strtok_r(buf, ",", &save); tok && n < MAX_REBASELINE;
	     tok = strtok_r(NULL, ",", &save))
		out[n++] = tok;
	return tok ? MAX_REBASELINE + 1 : n;
}

int cmd_spc(struct cli *cli, int argc, char **argv)
{
	const char *measure = NULL, *baseline = NULL, *rebaseline = NULL;
	const char *periods[MAX_REBASELINE];
	struct vt_spc_request req = { NULL, 0, periods, 0, false };
	int json = 0, no_screen = 0, status;
	const struct cli_option opts[] = {
		{ "--breakdown", &req.breakdown, NULL },
		{ "--baseline", &baseline, NULL },
		{ "--rebaseline", &rebaseline, NULL },
		{ "--no-screen", NULL, &no_screen },
		{ "--json", NULL, &json },
		{ NULL, NULL, NULL },
	};
	char rebuf[512], why[512], *end, ids[MAX_REBASELINE][16];
	struct vt_store *store;
	struct vt_def def;
	enum vt_err result;
	json_t *chart;

	if (cli_parse_options(argc, argv, 1, opts, &measure) || !measure)
		return cli_usage("spc");
	req.no_screen = no_screen;
	if (baseline) {
		unsigned long n = strtoul(baseline, &end, 10);

		if (*end || !*baseline || n < 2 || n > 1000) {
			cli_error("--baseline '%s' is not a number of points "
				  "(2 to 1000)", baseline);
			return EXIT_USAGE;
		}
		req.baseline = n;
	}
	if (rebaseline) {
		snprintf(rebuf, sizeof(rebuf), "%s", rebaseline);
		req.nrebaseline = split(rebuf, periods);
		if (req.nrebaseline > MAX_REBASELINE) {
			cli_error("--rebaseline takes at most %d periods",
				  MAX_REBASELINE);
			return EXIT_USAGE;
		}
		for (size_t i = 0; i < req.nrebaseline; i++)
			if ((status = cli_period(cli, &periods[i], ids[i])))
				return status;
	}
	status = cli_read_all(cli, &store, &def);
	if (status)
		return status;
	result = vt_spc_measure_json(&def, measure, &req, &chart, why,
				     sizeof(why));
	if (result == VT_ENOTFOUND || result == VT_EINVAL) {
		cli_error("%s", why);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot chart '%s': %s", measure,
			  vt_strerror(result));
		status = EXIT_FAILURE_;
	} else if (json) {
		if (json_dumpf(chart, stdout, JSON_INDENT(2) |
			       JSON_REAL_PRECISION(10)))
			status = EXIT_FAILURE_;
		else
			putchar('\n');
	} else {
		print_text(chart);
	}
	json_decref(chart);
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}
