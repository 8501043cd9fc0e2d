/* What every command of the vitals tool shares. */
#ifndef VT_CLI_H
#define VT_CLI_H

#include <jansson.h>

#include "vitals/defjson.h"
#include "vitals/diag.h"
#include "vitals/error.h"
#include "vitals/store.h"

/* Exit statuses: the contract scripts rely on (docs/cli.md). */
enum {
	EXIT_OK = 0,
	EXIT_REFUSED = 1,	/* the input was refused; nothing changed */
	EXIT_USAGE = 2,
	EXIT_FAILURE_ = 3,	/* internal or I/O failure */
};

/* Settings from the global options, for every command. */
struct cli {
	const char *db;		/* --db, $VITALS_DB, ./vitals.db */
	const char *who;	/* --as, $VITALS_USER, cli:$USER */
	char who_buf[128];
};

struct command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *usage;	/* after "vitals NAME " */
	const char *summary;
	const char *help;	/* longer text for 'vitals NAME --help' */
};

/* Print "vitals NAME: usage: ..." and return EXIT_USAGE. */
int cli_usage(const char *name);

/* True when argv holds -h or --help; prints the command's help. */
int cli_wants_help(const char *name, int argc, char **argv);

/* "vitals: error: ..." on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Every diagnostic, one line each, on stderr. */
void cli_print_diags(const struct vt_diagq *dq);

/*
 * Open the database for a command; on failure print why (naming the
 * database and what to do) and return the exit status, else 0.
 */
int cli_open_store(struct cli *cli, enum vt_open_mode mode,
		   struct vt_store **out);

/*
 * A period given on the command line, as its id ("2024Q4") or as people
 * see it in the partnership's financial year ("2024-25 Q3"), into 'out'
 * as its id; '*text' then points at 'out'.  On failure prints why and
 * returns the exit status (EXIT_USAGE for what is not a period).
 */
int cli_period(struct cli *cli, const char **text, char out[16]);

/*
 * An option of a command's subcommands: "--name VALUE" sets '*value';
 * a flag ('value' NULL) sets '*flag' to 1.
 */
struct cli_option {
	const char *name;
	const char **value;
	int *flag;
};

/*
 * argv[first..] against 'opts' (ended by a NULL name), in any order, and
 * at most one other argument into '*positional' ("-" is one; any other
 * word starting with '-' is refused).  -1 for anything else, 0 when all
 * was taken.
 */
int cli_parse_options(int argc, char **argv, int first,
		      const struct cli_option *opts, const char **positional);

/* 'given' (a --today option), else today (UTC; $VITALS_NOW in tests);
   EXIT_USAGE, said, for a given day that is not one. */
int cli_day(const char *given, char out[11]);

/* Show control characters on standard error, and on standard output when
   'with_stdout' (not for JSON, CSV or an export going to a file or a
   pipe, which are data), as text rather than sending them to the
   terminal (src/cli/textout.c). */
void cli_escape_output(bool with_stdout);

/*
 * Open the database and read everything it holds into 'def'; on failure
 * print why and return the exit status (nothing left open), else 0.
 */
int cli_read_all(struct cli *cli, struct vt_store **store,
		 struct vt_def *def);

/*
 * After importing 'file' (errno cleared before it): print the problems
 * found and, when it failed, why; returns the exit status (EXIT_OK when
 * 'result' is VT_OK, the caller then reports what was imported).
 */
int cli_import_outcome(struct vt_store *store, const char *file,
		       enum vt_err result, const struct vt_diagq *dq);

/* The exit status for a library error. */
int cli_status(enum vt_err err);

/* 'root' on one line of standard output, then released: EXIT_OK, or
   EXIT_FAILURE_ when it is NULL (out of memory) or cannot be written. */
int cli_put_json(json_t *root);
/* One CSV row of 'n' fields on standard output, quoted as needed. */
int cli_put_csv_row(const char *const *f, size_t n);

/* "agencies: 3 added, 1 changed, 40 unchanged", one line per kind. */
void cli_print_load_summary(const struct vt_load_summary *sum);

/*
 * Read the definition file 'file' into 'src' and 'def' (problems found
 * while reading go to 'dq').  0 when it was read, else the exit status
 * after saying why it could not be (unreadable, too large).
 */
int cli_read_def_file(const char *file, struct vt_defsrc *src,
		      struct vt_def *def, struct vt_diagq *dq);

/*
 * Check and write a definition already read into 'def' from 'src', with
 * the problems found while reading it in 'dq'; prints every problem or
 * the summary and returns the exit status.
 */
int cli_load_def(struct cli *cli, struct vt_store *store,
		 struct vt_defsrc *src, struct vt_def *def,
		 struct vt_diagq *dq, int dry_run);

int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_load(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_log(struct cli *cli, int argc, char **argv);
int cmd_returns(struct cli *cli, int argc, char **argv);
int cmd_actions(struct cli *cli, int argc, char **argv);
int cmd_measures(struct cli *cli, int argc, char **argv);
int cmd_measures_status(struct cli *cli, int argc, char **argv);
int cmd_challenge(struct cli *cli, int argc, char **argv);
int cmd_reviews(struct cli *cli, int argc, char **argv);
int cmd_escalations(struct cli *cli, int argc, char **argv);
int cmd_extract(struct cli *cli, int argc, char **argv);
int cmd_objectives(struct cli *cli, int argc, char **argv);
int cmd_audits(struct cli *cli, int argc, char **argv);
int cmd_voice(struct cli *cli, int argc, char **argv);
int cmd_scrutiny(struct cli *cli, int argc, char **argv);
int cmd_funding(struct cli *cli, int argc, char **argv);
int cmd_groups(struct cli *cli, int argc, char **argv);
int cmd_meetings(struct cli *cli, int argc, char **argv);
int cmd_spc(struct cli *cli, int argc, char **argv);
int cmd_s11(struct cli *cli, int argc, char **argv);
int cmd_comparators(struct cli *cli, int argc, char **argv);
int cmd_data(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_user(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);
int cmd_roles_audit(struct cli *cli, int argc, char **argv);
int cmd_token(struct cli *cli, int argc, char **argv);
int cmd_backup(struct cli *cli, int argc, char **argv);
int cmd_restore(struct cli *cli, int argc, char **argv);

#endif
