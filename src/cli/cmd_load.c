/* vitals load: check a partnership definition and write it, all or nothing. */
#include <string.h>

#include "cli.h"

int cmd_load(struct cli *cli, int argc, char **argv)
{
	const char *file = NULL;
	struct vt_defsrc src = { 0 };
	struct vt_store *store = NULL;
	struct vt_diagq dq;
	struct vt_def def;
	int dry_run = 0, status, i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0)
			dry_run = 1;
		else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage("load");
		else if (!file)
			file = argv[i];
		else
			return cli_usage("load");
	}
	if (!file)
		return cli_usage("load");
	vt_diagq_init(&dq);
	vt_def_init(&def);
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		goto out;
	status = cli_read_def_file(file, &src, &def, &dq);
	/* Even with problems already found: report them all at once. */
	if (!status)
		status = cli_load_def(cli, store, &src, &def, &dq, dry_run);
out:
	vt_store_close(store);
	vt_def_release(&def);
	vt_defsrc_release(&src);
	vt_diagq_release(&dq);
	return status;
}
