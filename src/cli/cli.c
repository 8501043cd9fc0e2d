/* Helpers shared by the commands: opening the store, reporting problems, writing JSON and CSV. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/buf.h"
#include "vitals/clock.h"
#include "vitals/csv.h"
#include "vitals/strparse.h"
#include "vitals/period.h"
#include "cli.h"

/* Diagnostics in file order; problems found in one pass keep their order. */
/* The library names the setting a problem is about ("la_code"); on the
   command line it is the option of that name (" (--la-code)"). */
static enum vt_err option_hint(const char *field, struct vt_buf *line)
{
	char flag[64];
	size_t i;

	for (i = 0; field[i] && i < sizeof(flag) - 1; i++)
		flag[i] = field[i] == '_' ? '-' : field[i];
	flag[i] = '\0';
	return vt_buf_addf(line, " (--%s)", flag);
}

static int diag_order(const void *a, const void *b)
{
	const struct vt_diag *x = *(const struct vt_diag *const *)a;
	const struct vt_diag *y = *(const struct vt_diag *const *)b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x < y ? -1 : x > y;
}

void cli_print_diags(const struct vt_diagq *dq)
{
	struct vt_buf line = VT_BUF_INIT(8192);
	const struct vt_diag **order = calloc(dq->n + 1, sizeof(*order));
	size_t i;

	bool all_lines = true;

	for (i = 0; order && i < dq->n; i++) {
		order[i] = &dq->items[i];
		all_lines = all_lines && dq->items[i].row > 0;
	}
	/*
	 * Checks made in more than one pass (a definition's fields, then
	 * the rules between records) are put back in file order.  Problems
	 * placed by name only ("q3.xlsx:Return!D14") were found in file
	 * order already.
	 */
	if (order && all_lines)
		qsort(order, dq->n, sizeof(*order), diag_order);
	for (i = 0; i < dq->n; i++) {
		vt_buf_reset(&line);
		const struct vt_diag *d = order ? order[i] : &dq->items[i];

		if (vt_diag_format(d, &line) == VT_OK &&
		    (!d->field || option_hint(d->field, &line) == VT_OK))
			fprintf(stderr, "%s\n", vt_buf_str(&line));
	}
	free(order);
	if (dq->dropped)
		fprintf(stderr, "vitals: %zu more problems not shown\n",
			dq->dropped);
	vt_buf_release(&line);
}

int cli_status(enum vt_err err)
{
	switch (err) {
	case VT_OK:
		return EXIT_OK;
	case VT_EINVAL:
	case VT_ECONFLICT:
	case VT_ETOOBIG:
		return EXIT_REFUSED;
	default:
		return EXIT_FAILURE_;
	}
}

int cli_put_json(json_t *root)
{
	int ok = root && json_dumpf(root, stdout, JSON_COMPACT) == 0;

	if (ok)
		putchar('\n');
	json_decref(root);
	return ok ? EXIT_OK : EXIT_FAILURE_;
}

int cli_put_csv_row(const char *const *f, size_t n)
{
	size_t j;

	for (j = 0; j < n; j++)
		if (vt_csv_put(stdout, f[j], j + 1 < n ? ',' : '\n'))
			return EXIT_FAILURE_;
	return EXIT_OK;
}

int cli_period(struct cli *cli, const char **text, char out[16])
{
	struct vt_store *store;
	int fy, status;

	/* An id needs no database; a label needs the financial year. */
	if (!vt_period_read_id(*text, 1, out) &&
	    strspn(*text, "0123456789Q-") == strlen(*text)) {
		*text = out;
		return EXIT_OK;
	}
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	fy = vt_store_fy_start(store);
	vt_store_close(store);
	if (vt_period_read_id(*text, fy, out)) {
		cli_error("'%s' is not a period: write a quarter as %s or "
			  "2024Q4, a year as %s or 2024, a month as July 2024 "
			  "or 2024-07", *text, fy == 1 ? "2024 Q4" :
			  "2024-25 Q3", fy == 1 ? "2024" : "2024-25");
		return EXIT_USAGE;
	}
	*text = out;
	return EXIT_OK;
}

int cli_open_store(struct cli *cli, enum vt_open_mode mode,
		   struct vt_store **out)
{
	enum vt_err result = vt_store_open(cli->db, mode, out);

	switch (result) {
	case VT_OK:
		return EXIT_OK;
	case VT_ENOTFOUND:
		if (vt_store_is_postgres(cli->db))
			cli_error("cannot connect to PostgreSQL at '%s': %s; is "
				  "the server running, does the database exist, "
				  "and may this role log in to it? (the database "
				  "itself is made by its owner; 'vitals init' "
				  "then creates the schema)", cli->db,
				  vt_store_open_errmsg());
		else
			cli_error("database '%s' does not exist; create it "
				  "with 'vitals --db %s init'", cli->db,
				  cli->db);
		return EXIT_FAILURE_;
	case VT_ESCHEMA:
		cli_error("database '%s' needs 'vitals --db %s init' to bring "
			  "its schema up to date", cli->db, cli->db);
		return EXIT_FAILURE_;
	default:
		/* The engine's own words say which file problem it is:
		   unreadable, not a database, damaged. */
		cli_error("cannot open database '%s': %s", cli->db,
			  *vt_store_open_errmsg() ? vt_store_open_errmsg()
						  : vt_strerror(result));
		return EXIT_FAILURE_;
	}
}

void cli_print_load_summary(const struct vt_load_summary *sum)
{
	size_t k;

	for (k = 0; k < VT_KIND_TOPLEVEL; k++) {
		if (!sum->added[k] && !sum->changed[k] && !sum->unchanged[k])
			continue;
		printf("%s: %zu added, %zu changed, %zu unchanged\n",
		       vt_entity_of(k)->plural, sum->added[k],
		       sum->changed[k], sum->unchanged[k]);
	}
	for (k = 0; k < sum->nkept; k++) {
		bool same = k && sum->kept_kind[k] == sum->kept_kind[k - 1];

		printf("%s%s%s%s%s", k ? "" : "kept as stored (the file does "
		       "not give them): ", same ? "" :
		       vt_entity_of(sum->kept_kind[k])->name, same ? "" : " ",
		       sum->kept[k], k + 1 < sum->nkept ? ", " : "\n");
	}
}

int cli_read_def_file(const char *file, struct vt_defsrc *src,
		      struct vt_def *def, struct vt_diagq *dq)
{
	enum vt_err result;

	errno = 0;
	result = vt_defjson_read_file(file, src, def, dq);
	if (result == VT_EIO) {
		cli_error("cannot read '%s': %s", file,
			  errno ? strerror(errno) : "read error");
		return EXIT_FAILURE_;
	}
	if (result == VT_ETOOBIG) {
		cli_error("'%s' is larger than %u bytes; refused", file,
			  VT_DEFJSON_MAX_BYTES);
		return EXIT_REFUSED;
	}
	if (result) {
		cli_error("cannot read '%s': %s", file, vt_strerror(result));
		return EXIT_FAILURE_;
	}
	return EXIT_OK;
}

int cli_import_outcome(struct vt_store *store, const char *file,
		       enum vt_err result, const struct vt_diagq *dq)
{
	const char *tmp = getenv("TMPDIR");

	cli_print_diags(dq);
	switch (result) {
	case VT_OK:
		return EXIT_OK;
	case VT_EINVAL:
	case VT_ENOTFOUND:
		cli_error("'%s' refused: %zu problem%s; nothing was changed",
			  file, dq->errors, dq->errors == 1 ? "" : "s");
		return EXIT_REFUSED;
	case VT_EIO:
		cli_error("cannot read '%s': %s", file,
			  errno ? strerror(errno) : "read error");
		return EXIT_FAILURE_;
	case VT_ETEMP:
		cli_error("cannot import '%s': cannot write its sort files in "
			  "'%s' (set TMPDIR to a writable directory with room "
			  "for about 100 bytes a row)", file,
			  tmp && *tmp ? tmp : "/tmp");
		return EXIT_FAILURE_;
	default:
		cli_error("cannot import '%s': %s", file, result == VT_EDB ?
			  vt_store_errmsg(store) : vt_strerror(result));
		return EXIT_FAILURE_;
	}
}

int cli_load_def(struct cli *cli, struct vt_store *store,
		 struct vt_defsrc *src, struct vt_def *def,
		 struct vt_diagq *dq, int dry_run)
{
	struct vt_load_summary sum;
	struct vt_check ck;
	enum vt_err result;
	int status;

	vt_defsrc_check(src, dq, &ck);
	result = vt_store_load_def(store, def, &ck, cli->who, dry_run, &sum);
	if (result == VT_EINVAL) {
		cli_print_diags(dq);
		cli_error("'%s' refused: %zu problem%s; nothing was changed",
			  src->name, dq->errors, dq->errors == 1 ? "" : "s");
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot load '%s' into '%s': %s", src->name, cli->db,
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		status = cli_status(result);
		if (status == EXIT_REFUSED)
			status = EXIT_FAILURE_;
	} else {
		if (dry_run)
			printf("dry run: nothing was written; a load would "
			       "give:\n");
		cli_print_load_summary(&sum);
		status = EXIT_OK;
	}
	return status;
}

int cli_day(const char *given, char out[11])
{
	struct vt_date d;

	if (given) {
		/* A day of the calendar: 2026-02-31 is none. */
		if (vt_parse_date(given, &d)) {
			cli_error("--today: '%s' is not a date of the calendar "
				  "(YYYY-MM-DD)", given);
			return EXIT_USAGE;
		}
		snprintf(out, 11, "%s", given);
		return 0;
	}
	vt_clock_today(out);
	return 0;
}

int cli_read_all(struct cli *cli, struct vt_store **store,
		 struct vt_def *def)
{
	enum vt_err result;
	int status;

	vt_def_init(def);
	status = cli_open_store(cli, VT_OPEN_EXISTING, store);
	if (status)
		return status;
	result = vt_store_read_def(*store, def);
	if (!result)
		return 0;
	cli_error("cannot read '%s': %s", cli->db, result == VT_EDB ?
		  vt_store_errmsg(*store) : vt_strerror(result));
	vt_def_release(def);
	vt_store_close(*store);
	*store = NULL;
	return EXIT_FAILURE_;
}

int cli_parse_options(int argc, char **argv, int first,
		      const struct cli_option *opts, const char **positional)
{
	const struct cli_option *o;
	int i;

	for (i = first; i < argc; i++) {
		for (o = opts; o->name && strcmp(o->name, argv[i]); o++)
			;
		if (o->name && o->value) {
			if (i + 1 >= argc)
				return -1;
			*o->value = argv[++i];
		} else if (o->name) {
			*o->flag = 1;
		} else if ((argv[i][0] == '-' && argv[i][1]) || *positional) {
			return -1;
		} else {
			*positional = argv[i];
		}
	}
	return 0;
}
