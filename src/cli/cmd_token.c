/* vitals token: personal API tokens (add prints the token once; list; revoke). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "vitals/auth.h"
#include "vitals/strparse.h"
#include "cli.h"

static void stamp(int64_t at, char out[32])
{
	time_t t = (time_t)at;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void print_token(void *arg, const struct vt_api_token_info *t)
{
	char created[32], expires[32], used[32];

	(void)arg;
	stamp(t->created, created);
	stamp(t->expires, expires);
	if (t->last_used)
		stamp(t->last_used, used);
	printf("%s  %s  created %s  expires %s  last used %s\n", t->name,
	       t->write ? "read and write" : "read only", created, expires,
	       t->last_used ? used : "never");
}

int cmd_token(struct cli *cli, int argc, char **argv)
{
	const char *email = NULL, *name = NULL, *days_text = NULL;
	int write = 0;
	const struct cli_option opts[] = {
		{ "--name", &name, NULL },
		{ "--write", NULL, &write },
		{ "--days", &days_text, NULL },
		{ NULL, NULL, NULL },
	};
	int64_t days = VT_TOKEN_DAYS;
	char token[VT_TOKEN_LEN + 1];
	struct vt_store *store;
	const char *sub = argc >= 2 ? argv[1] : "";
	enum vt_err result;
	int status;

	if (argc < 3 || cli_parse_options(argc, argv, 2, opts, &email) ||
	    !email || (strcmp(sub, "list") ? !name : name != NULL) ||
	    (strcmp(sub, "add") && strcmp(sub, "list") &&
	     strcmp(sub, "revoke")))
		return cli_usage("token");
	if ((write || days_text) && strcmp(sub, "add"))
		return cli_usage("token");
	if (days_text && (vt_parse_int64(days_text, &days) || days < 1 ||
			  days > 366)) {
		cli_error("--days '%s' is not a number of days from 1 to 366",
			  days_text);
		return EXIT_USAGE;
	}
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	if (!strcmp(sub, "add"))
		result = vt_api_token_add(store, email, name, write, days,
					  (int64_t)time(NULL), token);
	else if (!strcmp(sub, "revoke"))
		result = vt_api_token_revoke(store, email, name);
	else
		result = vt_api_token_list(store, email, print_token, NULL);
	if (result == VT_ENOTFOUND) {
		cli_error("there is no %s '%s'", strcmp(sub, "revoke") ?
			  "user" : "token", strcmp(sub, "revoke") ? email
								 : name);
		status = EXIT_REFUSED;
	} else if (result == VT_ECONFLICT) {
		cli_error("'%s' has a token called '%s' already", email, name);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot change the tokens: %s", result == VT_EDB ?
			  vt_store_errmsg(store) : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else if (!strcmp(sub, "add")) {
		/* The one time it is shown: only its hash is kept. */
		printf("%s\n", token);
	} else if (!strcmp(sub, "revoke")) {
		printf("token '%s' of '%s' revoked\n", name, email);
	}
	vt_store_close(store);
	return status;
}
