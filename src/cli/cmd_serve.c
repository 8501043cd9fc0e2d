/* vitals serve: the web application; vitals roles-audit: who reaches which route. */
#include <stdio.h>
#include <string.h>

#include "server/server.h"
#include "cli.h"

int cmd_serve(struct cli *cli, int argc, char **argv)
{
	struct server_config cfg = { cli->db, "127.0.0.1:8080", false, 4 };
	const char *extra = NULL;
	int secure = 0, status;
	const struct cli_option opts[] = {
		{ "--listen", &cfg.listen, NULL },
		{ "--secure-cookies", NULL, &secure },
		{ NULL, NULL, NULL },
	};
	struct vt_store *store;

	if (cli_parse_options(argc, argv, 1, opts, &extra) || extra)
		return cli_usage("serve");
	cfg.secure_cookies = secure;
	/* Refuse at once a database that cannot serve (missing, older). */
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	vt_store_close(store);
	return server_run(&cfg);
}

int cmd_roles_audit(struct cli *cli, int argc, char **argv)
{
	size_t i;
	int k;

	(void)cli;
	(void)argv;
	if (argc != 1)
		return cli_usage("roles-audit");
	printf("%-6s %-10s", "method", "path");
	for (k = 0; k < VT_ROLE__MAX; k++)
		printf(" %-11s", vt_role_names[k]);
	printf(" checks\n");
	for (i = 0; i < nroutes; i++) {
		const struct route *rt = &routes[i];

		printf("%-6s %-10s", rt->method, rt->path);
		for (k = 0; k < VT_ROLE__MAX; k++)
			printf(" %-11s", rt->flags & F_PUBLIC ? "anyone" :
			       rt->roles & (1u << k) ? "yes" : "no");
		printf(" %s%s\n", rt->flags & F_PUBLIC ? "" : "sign-in ",
		       rt->flags & F_CSRF ? "csrf" : "");
	}
	return EXIT_OK;
}
