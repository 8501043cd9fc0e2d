/* vitals export: the partnership definition, as 'vitals load' reads it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* Write to FILE.tmp and rename, so a failed export never leaves half a file. */
static int write_file(const char *path, const char *text)
{
	size_t len = strlen(path) + 5;
	struct stat st;
	char *tmp;
	FILE *f;
	int ok;

	/* A device or a pipe is written to, never renamed over. */
	if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
		f = fopen(path, "wb");
		ok = f && fputs(text, f) >= 0;
		ok = f && fclose(f) == 0 && ok;
		return ok ? 0 : -1;
	}
	tmp = malloc(len);
	if (!tmp)
		return -1;
	snprintf(tmp, len, "%s.tmp", path);
	f = fopen(tmp, "wb");
	if (!f) {
		free(tmp);
		return -1;
	}
	ok = fputs(text, f) >= 0;
	ok = (fclose(f) == 0) && ok;
	if (ok)
		ok = rename(tmp, path) == 0;
	if (!ok)
		remove(tmp);
	free(tmp);
	return ok ? 0 : -1;
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	struct vt_store *store = NULL;
	struct vt_def def;
	char *text = NULL;
	enum vt_err result;
	int status;

	if (argc != 2)
		return cli_usage("export");
	vt_def_init(&def);
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	result = vt_store_read_def(store, &def);
	if (!result)
		result = vt_defjson_dump(&def, &text);
	if (result) {
		cli_error("cannot export '%s': %s", cli->db,
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else if (strcmp(argv[1], "-") == 0) {
		if (fputs(text, stdout) < 0 || fflush(stdout) != 0) {
			cli_error("cannot write to standard output");
			status = EXIT_FAILURE_;
		}
	} else if (write_file(argv[1], text) != 0) {
		cli_error("cannot write '%s': %s", argv[1], strerror(errno));
		status = EXIT_FAILURE_;
	}
	free(text);
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}
