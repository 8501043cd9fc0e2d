/* vitals serve: the web application; vitals roles-audit: who reaches which route. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

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

/* The table as JSON, for tests and scripts that check it. */
static int audit_json(void)
{
	json_t *arr = json_array(), *roles;
	size_t i;
	int k, ok;

	for (i = 0; arr && i < nroutes; i++) {
		const struct route *rt = &routes[i];

		roles = json_object();
		for (k = 0; roles && k < VT_ROLE__MAX; k++)
			json_object_set_new(roles, vt_role_names[k],
				json_boolean((rt->flags & F_PUBLIC) ||
					     (rt->roles & (1u << k))));
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b, s:b, "
			"s:b, s:o}", "method", rt->method, "path", rt->path,
			"public", (rt->flags & F_PUBLIC) != 0, "csrf",
			(rt->flags & F_CSRF) != 0, "json",
			(rt->flags & F_JSON) != 0, "roles", roles));
	}
	ok = arr && json_dumpf(arr, stdout, JSON_INDENT(2)) == 0;
	json_decref(arr);
	if (ok)
		putchar('\n');
	return ok ? EXIT_OK : EXIT_FAILURE_;
}

int cmd_roles_audit(struct cli *cli, int argc, char **argv)
{
	size_t i;
	int k;

	(void)cli;
	if (argc == 2 && !strcmp(argv[1], "--json"))
		return audit_json();
	if (argc != 1)
		return cli_usage("roles-audit");
	printf("%-6s %-26s", "method", "path");
	for (k = 0; k < VT_ROLE__MAX; k++)
		printf(" %-11s", vt_role_names[k]);
	printf(" checks\n");
	for (i = 0; i < nroutes; i++) {
		const struct route *rt = &routes[i];

		printf("%-6s %-26s", rt->method, rt->path);
		for (k = 0; k < VT_ROLE__MAX; k++)
			printf(" %-11s", rt->flags & F_PUBLIC ? "anyone" :
			       rt->roles & (1u << k) ? "yes" : "no");
		printf(" %s%s\n", rt->flags & F_PUBLIC ? "" : "sign-in ",
		       rt->flags & F_CSRF ? "csrf" : "");
	}
	return EXIT_OK;
}
