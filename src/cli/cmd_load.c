/* vitals load: check a partnership definition and write it, all or nothing. */
#include <errno.h>
#include <string.h>

#include "cli.h"

int cmd_load(struct cli *cli, int argc, char **argv)
{
	const char *file = NULL;
	struct vt_defsrc src = { 0 };
	struct vt_store *store = NULL;
	struct vt_diagq dq;
	struct vt_def def;
	enum vt_err result;
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
	errno = 0;
	result = vt_defjson_read_file(file, &src, &def, &dq);
	if (result == VT_EIO) {
		cli_error("cannot read '%s': %s", file,
			  errno ? strerror(errno) : "read error");
		status = EXIT_FAILURE_;
	} else if (result == VT_ETOOBIG) {
		cli_error("'%s' is larger than %u bytes; refused", file,
			  VT_DEFJSON_MAX_BYTES);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot read '%s': %s", file, vt_strerror(result));
		status = EXIT_FAILURE_;
	} else {
		/* Even with problems already found: report them all at once. */
		status = cli_load_def(cli, store, &src, &def, &dq, dry_run);
	}
out:
	vt_store_close(store);
	vt_def_release(&def);
	vt_defsrc_release(&src);
	vt_diagq_release(&dq);
	return status;
}
