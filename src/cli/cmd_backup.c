/* vitals backup and vitals restore: a consistent copy, and a database from one. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "vitals/backup.h"
#include "cli.h"

/* Whether 'a' and 'b' name the same existing file. */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int cmd_backup(struct cli *cli, int argc, char **argv)
{
	const char *file = NULL;
	struct vt_store *store = NULL;
	enum vt_err result;
	size_t bytes = 0;
	int portable = 0, status, i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--portable") == 0)
			portable = 1;
		else if (argv[i][0] == '-')
			return cli_usage("backup");
		else if (!file)
			file = argv[i];
		else
			return cli_usage("backup");
	}
	if (!file)
		return cli_usage("backup");
	if (!vt_store_is_postgres(cli->db) && same_file(cli->db, file)) {
		cli_error("'%s' is the database itself; write the backup to "
			  "another file", file);
		return EXIT_REFUSED;
	}
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	/* PostgreSQL keeps no file to copy: its backup is the dump. */
	if (!vt_store_can_copy(store))
		portable = 1;
	errno = 0;
	result = portable ? vt_store_backup_portable(store, file, &bytes)
			  : vt_store_backup(store, file);
	switch (result) {
	case VT_OK:
		if (portable)
			printf("portable dump of '%s' (%s) written to '%s': "
			       "%zu bytes; it restores into either engine\n",
			       cli->db, vt_store_engine(store), file, bytes);
		else
			printf("backup of '%s' written to '%s': a SQLite "
			       "database, one consistent snapshot, integrity "
			       "checked\n", cli->db, file);
		break;
	case VT_ECONFLICT:
		cli_error("a -wal or -journal file lies beside '%s': it "
			  "belongs to a database in use; write the backup to "
			  "another file", file);
		status = EXIT_REFUSED;
		break;
	case VT_ETOOBIG:
		cli_error("the portable dump of '%s' would be larger than %u "
			  "bytes, more than 'vitals restore' reads; nothing "
			  "was written%s", cli->db, VT_DEFJSON_MAX_BYTES,
			  vt_store_can_copy(store) ? " (a backup without "
			  "--portable has no such limit)" : "");
		status = EXIT_FAILURE_;
		break;
	case VT_EIO:
		cli_error("cannot write '%s': %s", file,
			  errno ? strerror(errno) : "write error");
		status = EXIT_FAILURE_;
		break;
	default:
		cli_error("cannot back up '%s': %s", cli->db,
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		status = EXIT_FAILURE_;
		break;
	}
	vt_store_close(store);
	return status;
}

/* A SQLite backup becomes a new SQLite database. */
static int restore_copy(struct cli *cli, const char *file)
{
	struct vt_restore_summary sum;
	struct vt_diagq dq;
	enum vt_err result;
	int status = EXIT_OK;

	vt_diagq_init(&dq);
	result = vt_store_restore_copy(file, cli->db, &dq, &sum);
	if (result) {
		cli_print_diags(&dq);
		cli_error("'%s' was not restored into '%s'; nothing was "
			  "changed", file, cli->db);
		status = result == VT_EINVAL ? EXIT_REFUSED : EXIT_FAILURE_;
	} else {
		printf("restored '%s' into '%s' (sqlite)\n", file, cli->db);
		if (sum.schema_from != sum.schema_to)
			printf("schema: version %d migrated to %d\n",
			       sum.schema_from, sum.schema_to);
		printf("change log: %zu entries, hash chain intact "
		       "(carried over)\n", sum.log_entries);
	}
	vt_diagq_release(&dq);
	return status;
}

/* A portable dump goes into an empty database of either engine. */
static int restore_dump(struct cli *cli, const char *file)
{
	struct vt_defsrc src = { 0 };
	struct vt_store *store = NULL;
	struct vt_load_summary sum;
	struct vt_diagq dq;
	struct vt_def def;
	enum vt_err result;
	size_t entries = 0;
	int64_t first_bad = 0;
	int status;

	vt_diagq_init(&dq);
	vt_def_init(&def);
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		goto out;
	status = cli_read_def_file(file, &src, &def, &dq);
	if (status)
		goto out;
	/* Even with problems already found: report them all at once. */
	result = vt_store_restore_dump(store, &src, &def, &dq, cli->who,
				       &sum);
	if (result == VT_ECONFLICT) {
		cli_error("database '%s' is not empty; a dump is restored "
			  "only into a new database ('vitals --db NEW init'); "
			  "nothing was changed", cli->db);
		status = EXIT_REFUSED;
	} else if (result == VT_EINVAL) {
		cli_print_diags(&dq);
		cli_error("'%s' refused: %zu problem%s; nothing was changed",
			  src.name, dq.errors, dq.errors == 1 ? "" : "s");
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot restore '%s' into '%s': %s", file, cli->db,
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else {
		printf("restored '%s' into '%s' (%s)\n", file, cli->db,
		       vt_store_engine(store));
		cli_print_load_summary(&sum);
		result = vt_store_log_verify(store, &entries, &first_bad);
		if (result || first_bad) {
			cli_error("the change log of '%s' does not verify "
				  "after the restore", cli->db);
			status = EXIT_FAILURE_;
		} else {
			printf("change log: %zu entries, hash chain intact (a "
			       "new log: its first entry records the "
			       "restore)\n", entries);
		}
	}
out:
	vt_store_close(store);
	vt_def_release(&def);
	vt_defsrc_release(&src);
	vt_diagq_release(&dq);
	return status;
}

int cmd_restore(struct cli *cli, int argc, char **argv)
{
	enum vt_backup_form form;
	enum vt_err result;

	if (argc != 2 || (argv[1][0] == '-' && argv[1][1]))
		return cli_usage("restore");
	errno = 0;
	result = vt_backup_form_of(argv[1], &form);
	if (result == VT_EIO) {
		cli_error("cannot read '%s': %s", argv[1],
			  errno ? strerror(errno) : "read error");
		return EXIT_FAILURE_;
	}
	if (result) {
		cli_error("'%s' is neither a SQLite backup nor a portable dump "
			  "(the JSON of 'vitals backup --portable'); nothing "
			  "was changed", argv[1]);
		return EXIT_REFUSED;
	}
	return form == VT_BACKUP_COPY ? restore_copy(cli, argv[1])
				      : restore_dump(cli, argv[1]);
}
