/* vitals actions: the action tracker's summary, list and monthly updates. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "vitals/actions.h"
#include "vitals/csv.h"
#include "cli.h"

struct opts {
	const char *agency, *plan, *priority, *rag, *today;
	const char *ref, *note, *evidence, *date;
	const char *cadence, *discharged;
	int json, csv, overdue, stale, slipped, dry_run, closed;
};

static int parse(int argc, char **argv, struct opts *o)
{
	const struct cli_option opts[] = {
		{ "--agency", &o->agency, NULL },
		{ "--plan", &o->plan, NULL },
		{ "--priority", &o->priority, NULL },
		{ "--rag", &o->rag, NULL },
		{ "--today", &o->today, NULL },
		{ "--note", &o->note, NULL },
		{ "--evidence", &o->evidence, NULL },
		{ "--date", &o->date, NULL },
		{ "--json", NULL, &o->json },
		{ "--csv", NULL, &o->csv },
		{ "--overdue", NULL, &o->overdue },
		{ "--stale", NULL, &o->stale },
		{ "--slipped", NULL, &o->slipped },
		{ "--dry-run", NULL, &o->dry_run },
		{ "--cadence", &o->cadence, NULL },
		{ "--discharged", &o->discharged, NULL },
		{ "--closed", NULL, &o->closed },
		{ NULL, NULL, NULL },
	};

	memset(o, 0, sizeof(*o));
	if (cli_parse_options(argc, argv, 2, opts, &o->ref))
		return -1;
	return o->json && o->csv ? -1 : 0;
}

/* The --rag option as a rating; a usage error when it is not one. */
static int rag_option(const char *text, int *rag)
{
	*rag = vt_rag_parse(text);
	if (*rag >= 0)
		return 0;
	cli_error("'%s' is not a RAG rating (red, amber, green, blue or R, "
		  "A, G, B)", text);
	return EXIT_USAGE;
}

static int print_json(json_t *root)
{
	int ok = root && json_dumpf(root, stdout, JSON_INDENT(2)) == 0;

	if (ok)
		putchar('\n');
	json_decref(root);
	return ok ? EXIT_OK : EXIT_FAILURE_;
}

static const char *last_note(const struct vt_action_row *r)
{
	return r->last && r->last->note ? r->last->note : NULL;
}

/* "71 actions: 29 green, 32 amber, 10 red", as the trackers say it. */
static void summary_text(const struct vt_action_report *rep)
{
	size_t i;

	printf("%zu action%s: %zu green, %zu amber, %zu red, %zu blue "
	       "(complete)\n", rep->nrows, rep->nrows == 1 ? "" : "s",
	       rep->by_rag[VT_RAG_GREEN], rep->by_rag[VT_RAG_AMBER],
	       rep->by_rag[VT_RAG_RED], rep->by_rag[VT_RAG_BLUE]);
	printf("%zu overdue, %zu without an update in %ld days, %zu with a "
	       "due date moved later\n", rep->overdue, rep->stale,
	       rep->stale_days, rep->slipped);
	if (rep->discharged)
		printf("%zu discharged (kept in their rating, neither open, "
		       "overdue nor stale)\n", rep->discharged);
	if (!rep->by_rag[VT_RAG_RED])
		return;
	printf("\nred list:\n");
	for (i = 0; i < rep->nrows; i++) {
		const struct vt_action_row *r = &rep->rows[i];
		const struct vt_action *a = r->action;

		if (r->rag != VT_RAG_RED)
			continue;
		printf("%s  %s (%s; %s; due %s)\n", a->code, a->title,
		       a->agency, a->owner ? a->owner : "no owner",
		       a->due ? a->due : "none");
		if (last_note(r))
			printf("    last note (%s): %s\n", r->last->date,
			       last_note(r));
	}
}

static int list_csv(const struct vt_action_report *rep)
{
	static const char *const header[] = { "ref", "plan", "agency",
		"title", "owner", "due", "rag", "updated", "overdue", "stale",
		"slips", "last_note", "illustrative",
		"last_note_illustrative" };
	enum vt_err result = VT_OK;
	size_t i, j;

	for (j = 0; j < 14 && !result; j++)
		result = vt_csv_put(stdout, header[j], j < 13 ? ',' : '\n');
	for (i = 0; i < rep->nrows && !result; i++) {
		const struct vt_action_row *r = &rep->rows[i];
		const struct vt_action *a = r->action;
		char slips[24];
		const char *f[14] = { a->code, a->plan, a->agency, a->title,
			a->owner, a->due, vt_rag_names[r->rag],
			r->last ? r->last->date : NULL,
			r->overdue ? "yes" : "no", r->stale ? "yes" : "no",
			slips, last_note(r), a->illustrative ? "yes" : "no",
			r->last && r->last->illustrative ? "yes" : "no" };

		snprintf(slips, sizeof(slips), "%zu", r->slips);
		for (j = 0; j < 14 && !result; j++)
			result = vt_csv_put(stdout, f[j], j < 13 ? ',' : '\n');
	}
	return result ? EXIT_FAILURE_ : EXIT_OK;
}

static void list_text(const struct vt_action_report *rep)
{
	size_t i;

	for (i = 0; i < rep->nrows; i++) {
		const struct vt_action_row *r = &rep->rows[i];
		const struct vt_action *a = r->action;

		printf("%-12s %-6s %-10s due %-10s %s%s%s%s%s", a->code,
		       vt_rag_names[r->rag], a->agency, a->due ? a->due : "-",
		       r->overdue ? "OVERDUE " : "", r->stale ? "STALE " : "",
		       r->slips ? "SLIPPED " : "",
		       a->illustrative ? "[Illustrative] " : "", a->title);
		if (r->discharged)
			printf(" (discharged on %s)", a->discharged);
		putchar('\n');
	}
}

/* --slipped: only the actions whose due date moved later, recounted. */
static void keep_slipped(struct vt_action_report *rep)
{
	size_t i, kept = 0;

	memset(rep->by_rag, 0, sizeof(rep->by_rag));
	rep->overdue = rep->stale = 0;
	for (i = 0; i < rep->nrows; i++) {
		const struct vt_action_row *r = &rep->rows[i];

		if (!r->slips)
			continue;
		if ((unsigned)r->rag < VT_RAG__MAX)
			rep->by_rag[r->rag]++;
		rep->overdue += r->overdue;
		rep->stale += r->stale;
		rep->rows[kept++] = *r;
	}
	rep->nrows = kept;
}

enum view { SUMMARY, LIST, WORKBOOK };

static int run(struct cli *cli, const struct opts *o, enum view view)
{
	struct vt_action_filter f = { o->agency, o->plan, o->priority, -1,
				      o->overdue, o->stale, NULL, false,
				      !o->closed, NULL, NULL };
	struct vt_action_report rep;
	struct vt_store *store;
	struct vt_def def;
	char today[11];
	enum vt_err result;
	int status;

	if (o->rag && (status = rag_option(o->rag, &f.rag)))
		return status;
	if (cli_day(o->today, today))
		return EXIT_USAGE;
	status = cli_read_all(cli, &store, &def);
	if (status)
		return status;
	result = vt_actions_report(&def, &f, today,
				   vt_actions_stale_days(&def), &rep);
	if (!result) {
		struct vt_action_slip *slips;
		size_t nslips;

		result = vt_action_slips(store, &slips, &nslips);
		if (!result) {
			vt_actions_mark_slipped(&rep, slips, nslips);
			vt_action_slips_release(slips, nslips);
			if (o->slipped)
				keep_slipped(&rep);
		} else {
			vt_action_report_release(&rep);
		}
	}
	if (result == VT_EINVAL) {
		cli_error("'%s' is not a date (YYYY-MM-DD)", today);
		status = EXIT_USAGE;
	} else if (result) {
		cli_error("cannot list the actions: %s", result == VT_EDB ?
			  vt_store_errmsg(store) : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else {
		if (view == WORKBOOK && vt_actions_xlsx(o->ref, &def, &rep)) {
			cli_error("cannot write '%s'", o->ref);
			status = EXIT_FAILURE_;
		} else if (view == WORKBOOK)
			printf("%zu actions written to '%s'\n", rep.nrows,
			       o->ref);
		else if (view == SUMMARY && o->json)
			status = print_json(vt_actions_summary_json(&rep));
		else if (view == SUMMARY)
			summary_text(&rep);
		else if (o->csv)
			status = list_csv(&rep);
		else if (o->json) {
			json_t *arr = json_array();
			size_t i;

			for (i = 0; arr && i < rep.nrows; i++)
				if (json_array_append_new(arr,
						vt_action_row_json(&rep.rows[i])))
					break;
			status = print_json(arr);
		} else
			list_text(&rep);
		vt_action_report_release(&rep);
	}
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

/* One monthly update: the rules are the library's; a refusal says why. */
static int update(struct cli *cli, const struct opts *o)
{
	struct vt_action_change c = { -1, o->note, o->evidence, o->date,
				      false, 0 };
	struct vt_store *store;
	char today[11], why[512];
	enum vt_err result;
	int status;

	if (!o->ref || !o->rag || o->json || o->csv || o->agency || o->plan)
		return cli_usage("actions");
	status = rag_option(o->rag, &c.rag);
	if (status)
		return status;
	if (cli_day(o->today, today))
		return EXIT_USAGE;
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	result = vt_action_record(store, o->ref, &c, today, cli->who, why,
				  sizeof(why));
	if (result == VT_EINVAL || result == VT_ENOTFOUND) {
		cli_error("%s; nothing was changed", why);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot record the update: %s", result == VT_EDB ?
			  vt_store_errmsg(store) : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else {
		printf("action '%s' is now %s; the update is recorded\n",
		       o->ref, vt_rag_names[c.rag]);
	}
	vt_store_close(store);
	return status;
}

/* How often an action is reviewed, and when it was discharged. */
static int set_life(struct cli *cli, const struct opts *o)
{
	struct vt_store *store;
	char today[11], why[512];
	enum vt_err result;
	int status;

	if (!o->ref || (!o->cadence && !o->discharged) || o->rag || o->json ||
	    o->csv || o->note || o->agency || o->plan)
		return cli_usage("actions");
	if (cli_day(o->today, today))
		return EXIT_USAGE;
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	result = vt_action_set_life(store, o->ref, o->cadence, o->discharged,
				    today, cli->who, why, sizeof(why));
	if (result == VT_EINVAL || result == VT_ENOTFOUND) {
		cli_error("%s; nothing was changed", why);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot change the action: %s", result == VT_EDB ?
			  vt_store_errmsg(store) : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else {
		printf("action '%s' is recorded\n", o->ref);
	}
	vt_store_close(store);
	return status;
}

/* A tracker from CSV: all or nothing, every problem at its cell. */
static int import(struct cli *cli, const struct opts *o)
{
	struct vt_load_summary sum;
	struct vt_store *store;
	struct vt_diagq dq;
	char today[11];
	enum vt_err result;
	int status;

	if (!o->ref || o->rag || o->json || o->csv || o->note || o->agency)
		return cli_usage("actions");
	if (cli_day(o->today, today))
		return EXIT_USAGE;
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	vt_diagq_init(&dq);
	errno = 0;
	result = vt_actions_import(store, o->ref, today, cli->who, o->dry_run,
				   &dq, &sum);
	status = cli_import_outcome(store, o->ref, result, &dq);
	if (!status) {
		if (o->dry_run)
			printf("dry run: nothing was written; an import would "
			       "give:\n");
		cli_print_load_summary(&sum);
		if (!sum.added[VT_KIND_ACTION] && !sum.changed[VT_KIND_ACTION]
		    && !sum.unchanged[VT_KIND_ACTION])
			printf("actions: none in the file\n");
	}
	vt_diagq_release(&dq);
	vt_store_close(store);
	return status;
}

int cmd_actions(struct cli *cli, int argc, char **argv)
{
	struct opts o;

	if (argc < 2 || parse(argc, argv, &o))
		return cli_usage("actions");
	if (!strcmp(argv[1], "update"))
		return update(cli, &o);
	if (!strcmp(argv[1], "import"))
		return import(cli, &o);
	if (!strcmp(argv[1], "set"))
		return set_life(cli, &o);
	if (o.note || o.evidence || o.date || o.dry_run || o.cadence ||
	    o.discharged)
		return cli_usage("actions");
	if (!strcmp(argv[1], "export") && o.ref && !o.json && !o.csv)
		return run(cli, &o, WORKBOOK);
	if (o.ref)
		return cli_usage("actions");
	if (!strcmp(argv[1], "summary") && !o.csv && !o.rag)
		return run(cli, &o, SUMMARY);
	if (!strcmp(argv[1], "list"))
		return run(cli, &o, LIST);
	return cli_usage("actions");
}
