/* vitals comparators: DfE figures and statistical neighbours to compare measures with. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "vitals/dfe.h"
#include "cli.h"

struct opts {
	const char *file, *measure, *column, *la, *population, *filter;
	int dry_run;
};

static int import(struct cli *cli, const struct opts *o)
{
	struct vt_dfe_request req = { o->measure, o->column, o->la, NULL, 0,
				      o->population, o->filter, 0 };
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
	result = vt_comparators_import(store, o->file, &req, cli->who,
				       o->dry_run, &dq, &sum);
	status = cli_import_outcome(store, o->file, result, &dq);
	if (!status) {
		if (o->dry_run)
			printf("dry run: nothing was written; an import would "
			       "give:\n");
		cli_print_load_summary(&sum);
	}
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
	result = vt_neighbours_import(store, o->file, o->la, cli->who, &dq,
				      list, sizeof(list));
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
		printf("statistical neighbours: %s\n", list);
	}
	vt_diagq_release(&dq);
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
		{ "--dry-run", NULL, &o.dry_run },
		{ NULL, NULL, NULL },
	};

	memset(&o, 0, sizeof(o));
	if (argc < 3 || cli_parse_options(argc, argv, 2, opts, &o.file) ||
	    !o.file)
		return cli_usage("comparators");
	if (!strcmp(argv[1], "import") && o.measure && o.column)
		return import(cli, &o);
	if (!strcmp(argv[1], "neighbours") && !o.measure && !o.column &&
	    !o.population && !o.filter && !o.dry_run)
		return neighbours(cli, &o);
	return cli_usage("comparators");
}
