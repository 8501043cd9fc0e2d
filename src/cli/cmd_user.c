/* vitals user: add a user who can sign in, set a user's password (from standard input), or disable one. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "vitals/auth.h"
#include "cli.h"

/* One line from standard input, without its line end; -1 when none. */
static int read_password(char *buf, size_t size)
{
	size_t len;

	if (!fgets(buf, (int)size, stdin))
		return -1;
	len = strlen(buf);
	if (len == size - 1 && buf[len - 1] != '\n')
		return -1;	/* longer than any password we take */
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	return 0;
}

/* The user, checked like any record of the definition. */
static int add_record(struct cli *cli, struct vt_store *store,
		      const char *email, const char *name, const char *role,
		      const char *agency)
{
	struct vt_diagq dq;
	enum vt_err result;
	int status = EXIT_OK;

	vt_diagq_init(&dq);
	result = vt_user_add(store, email, name, role, agency, cli->who, &dq);
	if (result == VT_ECONFLICT) {
		cli_error("user '%s' exists already: 'vitals user password %s' "
			  "sets a new password", email, email);
		status = EXIT_REFUSED;
	} else if (result == VT_EINVAL) {
		cli_print_diags(&dq);
		cli_error("user '%s' refused; nothing was changed", email);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot add the user: %s", vt_strerror(result));
		status = EXIT_FAILURE_;
	}
	vt_diagq_release(&dq);
	return status;
}

/* Disable: no password, no session, no token; the records stay. */
static int disable(struct cli *cli, const char *email)
{
	struct vt_store *store;
	enum vt_err result;
	int status = cli_open_store(cli, VT_OPEN_EXISTING, &store);

	if (status)
		return status;
	result = vt_user_disable(store, email);
	if (result == VT_ENOTFOUND) {
		cli_error("there is no user '%s'", email);
		status = EXIT_REFUSED;
	} else if (result == VT_ECONFLICT) {
		cli_error("cannot disable '%s': it is the only administrator "
			  "who can sign in; make another user an administrator "
			  "first", email);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot disable the user: %s", result == VT_EDB ?
			  vt_store_errmsg(store) : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else {
		printf("user '%s' is disabled: signed out everywhere, tokens "
		       "revoked; 'vitals user password %s' enables it again\n",
		       email, email);
	}
	vt_store_close(store);
	return status;
}

int cmd_user(struct cli *cli, int argc, char **argv)
{
	const char *email = NULL, *name = NULL, *role = NULL, *agency = NULL;
	int one_time = 0;
	const struct cli_option opts[] = {
		{ "--name", &name, NULL },
		{ "--role", &role, NULL },
		{ "--agency", &agency, NULL },
		{ "--one-time", NULL, &one_time },
		{ NULL, NULL, NULL },
	};
	char password[VT_PASSWORD_MAX + 2];
	struct vt_store *store;
	bool add = argc >= 2 && !strcmp(argv[1], "add");
	enum vt_err result;
	int status;

	if (argc == 3 && !strcmp(argv[1], "disable"))
		return disable(cli, argv[2]);
	if (argc < 3 || cli_parse_options(argc, argv, 2, opts, &email) ||
	    !email || (add && (!name || !role)) ||
	    (!add && (strcmp(argv[1], "password") || name || role || agency)))
		return cli_usage("user");
	if (read_password(password, sizeof(password))) {
		cli_error("give the password on standard input (one line, "
			  "%d to %d characters)", VT_PASSWORD_MIN,
			  VT_PASSWORD_MAX);
		return EXIT_USAGE;
	}
	/* Checked before anything is written: a user is never added
	   without a password. */
	if (vt_password_problem(password)) {
		cli_error("%s; nothing was changed",
			  vt_password_problem(password));
		sodium_memzero(password, sizeof(password));
		return EXIT_REFUSED;
	}
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	if (add)
		status = add_record(cli, store, email, name, role, agency);
	if (!status) {
		/* A password given to someone is theirs to replace. */
		result = one_time ? vt_password_set_one_time(store, email,
							     password)
				  : vt_password_set(store, email, password);
		if (result == VT_ENOTFOUND) {
			cli_error("there is no user '%s'", email);
			status = EXIT_REFUSED;
		} else if (result) {
			cli_error("cannot set the password: %s",
				  result == VT_EDB ? vt_store_errmsg(store)
						   : vt_strerror(result));
			status = EXIT_FAILURE_;
		} else {
			printf("%s '%s' can sign in%s\n", add ? "user" :
			       "the new password of", email, one_time ?
			       ", and must choose a new password first" : "");
		}
	}
	sodium_memzero(password, sizeof(password));
	vt_store_close(store);
	return status;
}
