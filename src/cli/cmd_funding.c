/* vitals funding: the partnership's pooled budget (contribute, spend, remove, list, show), its shares and spending against budget. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/funding.h"
#include "vitals/report.h"
#include "cli.h"

struct opts {
	const char *pos[3];
	int npos;
	const char *note, *budgeted, *actual, *agency, *heading;
	int json, csv, markdown;
};

/* A word starting '-' then a digit is a (refused) sum, not an option. */
static int parse(int argc, char **argv, struct opts *o)
{
	static const char *const valued[] = {
		"--note", "--budgeted", "--actual", "--agency", "--heading",
	};
	const char **slot[] = {
		&o->note, &o->budgeted, &o->actual, &o->agency, &o->heading,
	};
	size_t nvalued = sizeof(valued) / sizeof(valued[0]), k;
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--json") || !strcmp(a, "--csv") ||
		    !strcmp(a, "--markdown")) {
			int *flag = a[2] == 'j' ? &o->json : a[2] == 'c' ?
				    &o->csv : &o->markdown;

			if (*flag)
				return -1;
			*flag = 1;
			continue;
		}
		if (a[0] != '-' || (a[1] >= '0' && a[1] <= '9')) {
			if (o->npos == 3)
				return -1;
			o->pos[o->npos++] = a;
			continue;
		}
		for (k = 0; k < nvalued; k++)
			if (!strcmp(a, valued[k]))
				break;
		if (k == nvalued || i + 1 >= argc || *slot[k])
			return -1;
		*slot[k] = argv[++i];
	}
	return o->json + o->csv + o->markdown > 1 ? -1 : 0;
}

static void money(double v, char *out, size_t size)
{
	if (isnan(v))
		snprintf(out, size, "-");
	else
		vt_money_text(v, out, size);
}

enum change { CONTRIBUTE, SPEND, REMOVE };

static int change(struct cli *cli, const struct opts *o, enum change what)
{
	struct vt_store *store;
	char why[512];
	enum vt_err result;
	int status = cli_open_store(cli, VT_OPEN_EXISTING, &store);

	if (status)
		return status;
	if (what == CONTRIBUTE)
		result = vt_funding_contribute(store, o->pos[0], o->pos[1],
					       o->pos[2], o->note, cli->who,
					       why, sizeof(why));
	else if (what == SPEND)
		result = vt_funding_spend(store, o->pos[0], o->pos[1],
					  o->budgeted, o->actual, cli->who,
					  why, sizeof(why));
	else
		result = vt_funding_remove(store, o->pos[0], o->agency,
					   o->heading, cli->who, why,
					   sizeof(why));
	if (result == VT_EINVAL || result == VT_ENOTFOUND ||
	    result == VT_ECONFLICT) {
		cli_error("%s; nothing was changed", why);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot change the budget: %s",
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else if (what == CONTRIBUTE) {
		double v = 0;
		char m[48];

		if (vt_money_parse(o->pos[2], &v))
			v = NAN;
		money(v, m, sizeof(m));
		printf("budget %s: %s contributes %s\n", o->pos[0], o->pos[1],
		       m);
	} else if (what == SPEND) {
		printf("budget %s: heading '%s' set\n", o->pos[0], o->pos[1]);
	} else {
		printf("budget %s: %s '%s' taken away\n", o->pos[0],
		       o->agency ? "agency" : "heading",
		       o->agency ? o->agency : o->heading);
	}
	vt_store_close(store);
	return status;
}

/* ------------------------------------------------------------------ */
/* Reading */

static int list(struct cli *cli, const struct opts *o)
{
	struct vt_store *store;
	struct vt_def def;
	json_t *all = NULL;
	size_t i;
	int status = cli_read_all(cli, &store, &def);

	if (status)
		return status;
	if (o->json && !(all = json_array()))
		status = EXIT_FAILURE_;
	for (i = 0; !status && i < vt_def_count(&def, VT_KIND_BUDGET); i++) {
		const struct vt_budget *b = vt_def_at(&def, VT_KIND_BUDGET, i);
		struct vt_funding f;
		char total[48], budgeted[48], actual[48];

		if (vt_funding_of(&def, b->year, &f)) {
			status = EXIT_FAILURE_;
			break;
		}
		if (all) {
			if (json_array_append_new(all, vt_funding_json(&f)))
				status = EXIT_FAILURE_;
		} else {
			money(f.total, total, sizeof(total));
			money(f.budgeted, budgeted, sizeof(budgeted));
			money(f.actual, actual, sizeof(actual));
			printf("%s  %s from %zu partner%s; %s budgeted under "
			       "%zu heading%s; %s spent\n", f.year, total,
			       f.nshares, f.nshares == 1 ? "" : "s", budgeted,
			       f.nheadings, f.nheadings == 1 ? "" : "s",
			       f.nknown ? actual : "nothing yet");
		}
		vt_funding_release(&f);
	}
	if (!status && all)
		status = cli_put_json(all);
	else
		json_decref(all);
	if (!status && !o->json && !vt_def_count(&def, VT_KIND_BUDGET))
		printf("no budgets\n");
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

static int show_csv(const struct vt_funding *f)
{
	static const char *const header[] = {
		"kind", "name", "amount", "share", "budgeted", "actual",
		"variance",
	};
	char a[48], b[48], c[48], d[48];
	size_t i;
	int status = cli_put_csv_row(header, 7);

	for (i = 0; !status && i < f->nshares; i++) {
		const struct vt_funding_share *s = &f->shares[i];
		const char *row[] = { "contribution", s->agency, a, b, "", "",
				      "" };

		snprintf(a, sizeof(a), "%.2f", s->amount);
		snprintf(b, sizeof(b), "%.1f", isnan(s->share) ? 0 : s->share);
		status = cli_put_csv_row(row, 7);
	}
	for (i = 0; !status && i < f->nheadings; i++) {
		const struct vt_funding_heading *h = &f->headings[i];
		const char *row[] = { "heading", h->heading, "", "", b, c, d };

		snprintf(b, sizeof(b), "%.2f", h->budgeted);
		/* Not yet known: an empty cell. */
		c[0] = d[0] = '\0';
		if (!isnan(h->actual))
			snprintf(c, sizeof(c), "%.2f", h->actual);
		if (!isnan(h->variance))
			snprintf(d, sizeof(d), "%.2f", h->variance);
		status = cli_put_csv_row(row, 7);
	}
	return status;
}

static void show_text(const struct vt_funding *f)
{
	char a[48], b[48], c[48], words[96], sentence[1024];
	size_t i;

	money(f->total, a, sizeof(a));
	printf("budget %s: %s\n", f->year, a);
	if (f->note)
		printf("  note: %s\n", f->note);
	printf("  contributions:\n");
	for (i = 0; i < f->nshares; i++) {
		const struct vt_funding_share *s = &f->shares[i];

		money(s->amount, a, sizeof(a));
		printf("    %-24s %14s  %5.1f%%", s->agency, a,
		       isnan(s->share) ? 0.0 : s->share);
		if (s->note)
			printf("  (%s)", s->note);
		putchar('\n');
	}
	printf("  spend (budgeted, actual, variance):\n");
	for (i = 0; i < f->nheadings; i++) {
		const struct vt_funding_heading *h = &f->headings[i];

		money(h->budgeted, a, sizeof(a));
		money(h->actual, b, sizeof(b));
		vt_funding_variance_text(h->variance, words, sizeof(words));
		printf("    %-32s %14s %14s  %s\n", h->heading, a, b, words);
	}
	money(f->unallocated, c, sizeof(c));
	printf("  not allocated: %s\n", c);
	vt_funding_sentence(f, sentence, sizeof(sentence));
	printf("%s\n", sentence);
}

static int show(struct cli *cli, const struct opts *o)
{
	struct vt_store *store;
	struct vt_def def;
	struct vt_funding f;
	enum vt_err result;
	int status = cli_read_all(cli, &store, &def);

	if (status)
		return status;
	result = vt_funding_of(&def, o->pos[0], &f);
	if (result == VT_ENOTFOUND) {
		cli_error("year: there is no budget for '%s'", o->pos[0]);
		status = EXIT_REFUSED;
	} else if (result) {
		status = EXIT_FAILURE_;
	} else {
		if (o->markdown)
			status = vt_report_funding_markdown(&def, o->pos[0],
							    stdout) ?
				 EXIT_FAILURE_ : 0;
		else if (o->json)
			status = cli_put_json(vt_funding_json(&f));
		else if (o->csv)
			status = show_csv(&f);
		else
			show_text(&f);
		vt_funding_release(&f);
	}
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

int cmd_funding(struct cli *cli, int argc, char **argv)
{
	struct opts o;
	const char *sub = argc >= 2 ? argv[1] : "";
	bool reading, spending, removing;

	if (argc < 2 || parse(argc, argv, &o))
		return cli_usage("funding");
	reading = o.json || o.csv || o.markdown;
	spending = o.budgeted || o.actual;
	removing = o.agency || o.heading;
	if (!strcmp(sub, "contribute") && o.npos == 3 && !reading &&
	    !spending && !removing)
		return change(cli, &o, CONTRIBUTE);
	if (!strcmp(sub, "spend") && o.npos == 2 && spending && !o.note &&
	    !reading && !removing)
		return change(cli, &o, SPEND);
	if (!strcmp(sub, "remove") && o.npos == 1 && removing && !o.note &&
	    !spending && !reading)
		return change(cli, &o, REMOVE);
	if (!strcmp(sub, "list") && !o.npos && !o.note && !spending &&
	    !removing && !o.csv && !o.markdown)
		return list(cli, &o);
	if (!strcmp(sub, "show") && o.npos == 1 && !o.note && !spending &&
	    !removing)
		return show(cli, &o);
	return cli_usage("funding");
}
