/* vitals init: create the database or bring its schema up to date. */
#include <stdio.h>

#include "cli.h"

int cmd_init(struct cli *cli, int argc, char **argv)
{
	struct vt_store *store;
	int status, from = 0, to = 0;
	enum vt_err result;

	(void)argv;
	if (argc != 1)
		return cli_usage("init");
	status = cli_open_store(cli, VT_OPEN_CREATE, &store);
	if (status)
		return status;
	result = vt_store_migrate(store, &from, &to);
	if (result) {
		cli_error("cannot migrate '%s': %s", cli->db,
			  vt_store_errmsg(store));
		vt_store_close(store);
		/* Another application's database is refused, untouched. */
		return result == VT_ESCHEMA ? EXIT_REFUSED : EXIT_FAILURE_;
	}
	if (from == to)
		printf("database '%s' is up to date (schema %d)\n", cli->db,
		       to);
	else
		printf("database '%s' migrated from schema %d to %d\n",
		       cli->db, from, to);
	vt_store_close(store);
	return EXIT_OK;
}
