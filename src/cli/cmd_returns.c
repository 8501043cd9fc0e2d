/* vitals returns: forms, import, status, approval and early opening of quarterly returns. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/buf.h"
#include "vitals/clock.h"
#include "vitals/returns.h"
#include "cli.h"

/* "--name VALUE" pairs and flags, in any order; NULL when not given. */
struct opts {
	const char *agency, *period, *output, *reason, *today, *file;
	const char *priority;
	const char *separator;
	int dry_run, json, history;
};

static int parse(int argc, char **argv, struct opts *o)
{
	const struct cli_option opts[] = {
		{ "--agency", &o->agency, NULL },
		{ "--period", &o->period, NULL },
		{ "-o", &o->output, NULL },
		{ "--priority", &o->priority, NULL },
		{ "--reason", &o->reason, NULL },
		{ "--today", &o->today, NULL },
		{ "--separator", &o->separator, NULL },
		{ "--dry-run", NULL, &o->dry_run },
		{ "--history", NULL, &o->history },
		{ "--json", NULL, &o->json },
		{ NULL, NULL, NULL },
	};

	memset(o, 0, sizeof(*o));
	return cli_parse_options(argc, argv, 2, opts, &o->file);
}

static int template(struct cli *cli, const struct opts *o)
{
	struct vt_store *store;
	char why[512] = "";
	enum vt_err result;
	int status;

	if (!o->agency || !o->period || !o->output || o->file)
		return cli_usage("returns");
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	result = vt_return_template(store, o->agency, o->period, o->output,
				    why, sizeof(why));
	if (result == VT_EINVAL) {
		cli_error("%s", why);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot write '%s': %s", o->output,
			  result == VT_EIO ? strerror(errno) :
			  vt_strerror(result));
		status = EXIT_FAILURE_;
	} else {
		printf("wrote the return form of '%s' for %s to '%s'\n",
		       o->agency, o->period, o->output);
	}
	vt_store_close(store);
	return status;
}

static void print_import(const struct vt_import_summary *sum, int dry_run)
{
	size_t i;

	if (dry_run)
		printf("dry run: nothing was written; an import would give:\n");
	for (i = 0; i < sum->nreturns; i++) {
		const struct vt_import_return *r = &sum->returns[i];

		printf("%s %s: %zu added, %zu changed, %zu unchanged, "
		       "%zu narrative%s\n", r->agency, r->period, r->added,
		       r->changed, r->unchanged, r->impact,
		       r->impact == 1 ? "" : "s");
	}
	for (i = 0; i < sum->nchanges; i++) {
		const struct vt_import_change *c = &sum->changes[i];

		printf("changed: %s %s%s%s %s: %s -> %s%s (the earlier figure "
		       "is kept as a version)\n", c->agency, c->measure,
		       c->breakdown[0] ? "/" : "", c->breakdown, c->period,
		       c->before, c->after, strcmp(c->before, c->after) ? "" :
		       ", a new note, numerator or denominator");
	}
	if (sum->changed > sum->nchanges)
		printf("changed: %zu more not listed\n",
		       sum->changed - sum->nchanges);
	printf("rows: %zu (%zu empty row%s skipped); %zu added, %zu changed, "
	       "%zu unchanged; %zu warning%s\n", sum->rows, sum->skipped,
	       sum->skipped == 1 ? "" : "s", sum->added, sum->changed,
	       sum->unchanged, sum->warnings, sum->warnings == 1 ? "" : "s");
}

static int import(struct cli *cli, const struct opts *o)
{
	struct vt_import_options opt = { 0 };
	struct vt_import_summary sum;
	struct vt_store *store;
	struct vt_diagq dq;
	enum vt_err result;
	int status;

	if (!o->file || o->agency || o->period || o->output)
		return cli_usage("returns");
	if (o->separator && strcmp(o->separator, ",") &&
	    strcmp(o->separator, ";")) {
		cli_error("--separator is ',' or ';', not '%s'", o->separator);
		return EXIT_USAGE;
	}
	opt.dry_run = o->dry_run;
	opt.history = o->history;
	opt.separator = o->separator ? o->separator[0] : ',';
	opt.who = cli->who;
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	vt_diagq_init(&dq);
	errno = 0;
	result = vt_returns_import(store, o->file, &opt, &dq, &sum);
	status = cli_import_outcome(store, o->file, result, &dq);
	if (!status)
		print_import(&sum, o->dry_run);
	vt_import_summary_release(&sum);
	vt_diagq_release(&dq);
	vt_store_close(store);
	return status;
}

static int print_status_json(const struct vt_status_report *r)
{
	json_t *root = vt_status_report_json(r, NULL);
	int ok = root && json_dumpf(root, stdout, JSON_INDENT(2)) == 0;

	if (ok)
		putchar('\n');
	json_decref(root);
	return ok ? EXIT_OK : EXIT_FAILURE_;
}

static void print_status_text(const struct vt_status_report *r)
{
	size_t i, j;

	printf("returns for %s (%s), due %s\n\n", r->label, r->period, r->due);
	printf("%-24s %-10s %9s  %-8s %s\n", "agency", "status", "received",
	       "timing", "missing");
	for (i = 0; i < r->nagencies; i++) {
		const struct vt_agency_status *a = &r->agencies[i];
		char got[32];

		snprintf(got, sizeof(got), "%zu/%zu", a->received,
			 a->expected);
		printf("%-24s %-10s %9s  %-8s", a->agency, vt_agency_state(a), got,
		       a->on_time ? "on time" : a->late ? "late" : "");
		for (j = 0; j < a->nmissing; j++)
			printf("%s%s", j ? ", " : " ", a->missing[j]);
		putchar('\n');
	}
}

static int status_cmd(struct cli *cli, const struct opts *o)
{
	struct vt_status_report rep;
	struct vt_store *store;
	char today[11];
	enum vt_err result;
	int status;

	if (!o->period || o->file || o->agency)
		return cli_usage("returns");
	if (cli_day(o->today, today))
		return EXIT_USAGE;
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	result = vt_returns_status(store, o->period, today, &rep);
	if (result == VT_EINVAL) {
		cli_error("'%s' is not a period (2024, 2024Q3 or 2024-07)",
			  o->period);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot read the returns: %s",
			  result == VT_EDB ? vt_store_errmsg(store) :
			  vt_strerror(result));
		status = EXIT_FAILURE_;
	} else {
		if (o->json)
			status = print_status_json(&rep);
		else
			print_status_text(&rep);
		vt_status_report_release(&rep);
	}
	vt_store_close(store);
	return status;
}

static int workflow(struct cli *cli, const struct opts *o, int reopen)
{
	struct vt_store *store;
	char why[512] = "";
	enum vt_err result;
	int status;

	if (!o->agency || !o->period || o->file || (reopen && !o->reason))
		return cli_usage("returns");
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	result = reopen ? vt_return_reopen(store, o->agency, o->period,
					   o->reason, cli->who, why,
					   sizeof(why))
			: vt_return_approve(store, o->agency, o->period,
					    cli->who, why, sizeof(why));
	if (result == VT_EINVAL || result == VT_ENOTFOUND) {
		cli_error("%s", why);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot change the return: %s",
			  result == VT_EDB ? vt_store_errmsg(store) :
			  vt_strerror(result));
		status = EXIT_FAILURE_;
	} else {
		printf("the return of '%s' for %s is %s\n", o->agency,
		       o->period, reopen ? "returned to the agency" :
		       "approved and locked");
	}
	vt_store_close(store);
	return status;
}

/* A return opened before its period ends, for one agency, with a reason. */
static int open_early(struct cli *cli, const struct opts *o)
{
	struct vt_store *store;
	char why[512] = "", today[11];
	bool already = false;
	enum vt_err result;
	int status;

	if (!o->agency || !o->period || o->file)
		return cli_usage("returns");
	if (!o->reason) {
		cli_error("returns open-early needs --reason: say why the "
			  "return opens before its period ends");
		return EXIT_USAGE;
	}
	if (cli_day(o->today, today))
		return EXIT_USAGE;
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	result = vt_return_open_early(store, o->agency, o->period, o->reason,
				      cli->who, today, &already, why,
				      sizeof(why));
	if (result == VT_EINVAL || result == VT_ENOTFOUND) {
		cli_error("%s; nothing was changed", why);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot open the return: %s",
			  result == VT_EDB ? vt_store_errmsg(store) :
			  vt_strerror(result));
		status = EXIT_FAILURE_;
	} else if (already) {
		printf("the return of '%s' for %s was opened early already; "
		       "nothing was changed\n", o->agency, o->period);
	} else {
		printf("the return of '%s' for %s is open early: the agency "
		       "can make it now\n", o->agency, o->period);
	}
	vt_store_close(store);
	return status;
}

/* A narrative from a Markdown file, kept as a new version. */
static int impact(struct cli *cli, const struct opts *o)
{
	struct vt_buf text = VT_BUF_INIT(64 * 1024);
	struct vt_store *store;
	struct vt_diagq dq;
	enum vt_err result;
	char chunk[4096];
	bool changed = false;
	size_t got;
	FILE *f;
	int status;

	if (!o->agency || !o->period || !o->priority || !o->file)
		return cli_usage("returns");
	f = fopen(o->file, "rb");
	if (!f) {
		cli_error("cannot read '%s': %s", o->file, strerror(errno));
		return EXIT_FAILURE_;
	}
	result = VT_OK;
	while (!result && (got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		result = vt_buf_add(&text, chunk, got);
	fclose(f);
	if (result) {
		cli_error("'%s' is larger than 64 KiB; a narrative is shorter",
			  o->file);
		vt_buf_release(&text);
		return EXIT_REFUSED;
	}
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status) {
		vt_buf_release(&text);
		return status;
	}
	vt_diagq_init(&dq);
	result = vt_impact_record(store, o->agency, o->period, o->priority,
				  vt_buf_str(&text), o->file, cli->who, &dq,
				  &changed);
	cli_print_diags(&dq);
	if (result == VT_EINVAL) {
		cli_error("'%s' refused; nothing was changed", o->file);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot record the narrative: %s",
			  result == VT_EDB ? vt_store_errmsg(store) :
			  vt_strerror(result));
		status = EXIT_FAILURE_;
	} else {
		printf("narrative of '%s' for %s, priority '%s': %s\n",
		       o->agency, o->period, o->priority,
		       changed ? "recorded as a new version" : "unchanged");
	}
	vt_diagq_release(&dq);
	vt_store_close(store);
	vt_buf_release(&text);
	return status;
}

int cmd_returns(struct cli *cli, int argc, char **argv)
{
	struct opts o;
	char period[16];
	int status;

	if (argc < 2 || parse(argc, argv, &o))
		return cli_usage("returns");
	if (o.period && (status = cli_period(cli, &o.period, period)))
		return status;
	if (!strcmp(argv[1], "template"))
		return template(cli, &o);
	if (!strcmp(argv[1], "import"))
		return import(cli, &o);
	if (!strcmp(argv[1], "impact"))
		return impact(cli, &o);
	if (!strcmp(argv[1], "status"))
		return status_cmd(cli, &o);
	if (!strcmp(argv[1], "approve"))
		return workflow(cli, &o, 0);
	if (!strcmp(argv[1], "reopen"))
		return workflow(cli, &o, 1);
	if (!strcmp(argv[1], "open-early"))
		return open_early(cli, &o);
	return cli_usage("returns");
}
