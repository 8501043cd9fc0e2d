/* vitals data: the whole dataset, one tidy row per figure, for an analyst's own tools. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "vitals/report.h"
#include "cli.h"

int cmd_data(struct cli *cli, int argc, char **argv)
{
	const struct cli_option opts[] = { { NULL, NULL, NULL } };
	const char *file = NULL;
	struct vt_store *store;
	struct vt_def def;
	enum vt_err result;
	int status;

	if (argc < 3 || strcmp(argv[1], "export") ||
	    cli_parse_options(argc, argv, 2, opts, &file) || !file)
		return cli_usage("data");
	status = cli_read_all(cli, &store, &def);
	if (status)
		return status;
	errno = 0;
	result = vt_tidy_write(&def, file);
	if (result == VT_EINVAL) {
		cli_error("'%s': the dataset is written as FILE.csv or "
			  "FILE.xlsx", file);
		status = EXIT_USAGE;
	} else if (result) {
		cli_error("cannot write '%s': %s", file, errno ?
			  strerror(errno) : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else {
		printf("the dataset written to '%s'\n", file);
	}
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}
