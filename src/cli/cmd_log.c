/* vitals log verify: recompute the change log's hash chain. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_log(struct cli *cli, int argc, char **argv)
{
	struct vt_store *store;
	size_t entries = 0;
	int64_t first_bad = 0;
	enum vt_err result;
	int status;

	if (argc != 2 || strcmp(argv[1], "verify") != 0)
		return cli_usage("log");
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	result = vt_store_log_verify(store, &entries, &first_bad);
	if (result) {
		cli_error("cannot read the change log of '%s': %s", cli->db,
			  vt_store_errmsg(store));
		status = EXIT_FAILURE_;
	} else if (first_bad) {
		cli_error("change log entry %" PRId64 " does not match the "
			  "hash chain: it or an entry before it was altered "
			  "or removed", first_bad);
		status = EXIT_REFUSED;
	} else {
		printf("change log: %zu entries, hash chain intact\n", entries);
	}
	vt_store_close(store);
	return status;
}
