/* vitals demo: build the demo partnership into a fresh database, summarise it. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "vitals/auth.h"
#include "vitals/demoextract.h"
#include "vitals/extractcompute.h"
#include "vitals/extractkey.h"
#include "vitals/period.h"
#include "cli.h"

/* data/demo/partnership.json, compiled in by cmake/embed_file.cmake. */
extern const unsigned char vt_demo_partnership_json[];
extern const size_t vt_demo_partnership_json_len;

static void print_actions(const char *label, const struct vt_def *def,
			  const char *plan)
{
	size_t rag[VT_RAG__MAX] = { 0 }, total = 0, i;

	for (i = 0; i < vt_def_count(def, VT_KIND_ACTION); i++) {
		const struct vt_action *a = vt_def_at(def, VT_KIND_ACTION, i);

		if (plan && strcmp(a->plan, plan) != 0)
			continue;
		rag[a->rag]++;
		total++;
	}
	printf("  %s: %zu actions: %zu green, %zu amber, %zu red", label,
	       total, rag[VT_RAG_GREEN], rag[VT_RAG_AMBER], rag[VT_RAG_RED]);
	if (rag[VT_RAG_BLUE])
		printf(", %zu blue (complete)", rag[VT_RAG_BLUE]);
	putchar('\n');
}

static size_t count_where(const struct vt_def *def, enum vt_kind kind,
			  const char *plan)
{
	size_t i, n = 0;

	for (i = 0; i < vt_def_count(def, kind); i++) {
		const void *rec = vt_def_at(def, kind, i);
		const char *p = kind == VT_KIND_MEASURE ?
			((const struct vt_measure *)rec)->plan :
			((const struct vt_action *)rec)->plan;

		n += strcmp(p, plan) == 0;
	}
	return n;
}

/* A period by its code and its label: "2023Q1 (2022-23 Q4)". */
static void period_words(const char *id, int fy_start, char *out, size_t n)
{
	char label[VT_PERIOD_LABEL_MAX];
	struct vt_period p;

	if (!id)
		snprintf(out, n, "-");
	else if (vt_period_parse(id, &p) || vt_period_label(&p, fy_start,
							    label))
		snprintf(out, n, "%s", id);	/* a code alone */
	else
		snprintf(out, n, "%s (%s)", id, label);
}

/*
 * The values, illustrative and published apart: the demo's made-up series,
 * and the figures the seed documents themselves give, kept as history.
 */
static void print_values(const struct vt_def *def, int fy_start)
{
	const char *first[2] = { NULL, NULL }, *last[2] = { NULL, NULL };
	size_t i, count[2] = { 0, 0 }, n = vt_def_count(def, VT_KIND_VALUE);
	char from[2][64], to[2][64];
	int k;

	for (i = 0; i < n; i++) {
		const struct vt_value *v = vt_def_at(def, VT_KIND_VALUE, i);

		k = v->illustrative ? 0 : 1;
		count[k]++;
		/* Quarter ids sort as text. */
		if (!first[k] || strcmp(v->period, first[k]) < 0)
			first[k] = v->period;
		if (!last[k] || strcmp(v->period, last[k]) > 0)
			last[k] = v->period;
	}
	for (k = 0; k < 2; k++) {
		period_words(first[k], fy_start, from[k], sizeof(from[k]));
		period_words(last[k], fy_start, to[k], sizeof(to[k]));
	}
	printf("values: %zu (%zu illustrative), %s to %s\n", n, count[0],
	       from[0], to[0]);
	if (count[1])
		printf("published figures from the seed documents: %zu, "
		       "%s to %s, kept as history\n", count[1], from[1],
		       to[1]);
}

/* How many action titles and update notes are made up for the demo. */
static void print_illustrative_actions(const struct vt_def *def)
{
	size_t i, j, titles = 0, notes = 0, nupdates = 0;
	size_t n = vt_def_count(def, VT_KIND_ACTION);

	for (i = 0; i < n; i++) {
		const struct vt_action *a = vt_def_at(def, VT_KIND_ACTION, i);

		titles += a->illustrative;
		for (j = 0; j < a->nupdates; j++)
			notes += a->updates[j].illustrative;
		nupdates += a->nupdates;
	}
	printf("illustrative: %zu of %zu action titles, %zu of %zu update "
	       "notes\n", titles, n, notes, nupdates);
}

static void print_summary(const struct cli *cli, const struct vt_def *def)
{
	const struct vt_partnership *p =
		vt_def_at(def, VT_KIND_PARTNERSHIP, 0);
	size_t i, statutory = 0, n = vt_def_count(def, VT_KIND_AGENCY);

	printf("\nVitals demo: %s\n", p ? p->name : "(no partnership)");
	printf("All figures are illustrative, not real data, except the "
	       "seed documents' own\npublished figures, kept as history; "
	       "people are role titles.\n");
	printf("database: %s\n\n", cli->db);
	for (i = 0; i < n; i++)
		statutory += ((const struct vt_agency *)vt_def_at(def,
			VT_KIND_AGENCY, i))->kind ==
			VT_AGENCY_STATUTORY_PARTNER;
	printf("agencies: %zu (%zu statutory partners, %zu relevant "
	       "agencies)\n", n, statutory, n - statutory);
	printf("groups: %zu\n", vt_def_count(def, VT_KIND_GROUP));
	printf("plans: %zu, priorities: %zu, objectives: %zu\n",
	       vt_def_count(def, VT_KIND_PLAN),
	       vt_def_count(def, VT_KIND_PRIORITY),
	       vt_def_count(def, VT_KIND_OBJECTIVE));
	printf("measures: %zu\n", vt_def_count(def, VT_KIND_MEASURE));
	print_values(def, p ? (int)p->fy_start_month : 4);
	printf("users: %zu (role titles only)\n\n",
	       vt_def_count(def, VT_KIND_USER));
	printf("actions by plan:\n");
	for (i = 0; i < vt_def_count(def, VT_KIND_PLAN); i++) {
		const struct vt_plan *plan = vt_def_at(def, VT_KIND_PLAN, i);
		char label[256];

		snprintf(label, sizeof(label), "%s (%zu measures)",
			 plan->title,
			 count_where(def, VT_KIND_MEASURE, plan->code));
		print_actions(label, def, plan->code);
	}
	print_actions("all plans", def, NULL);
	print_illustrative_actions(def);
}

/*
 * --passwords: a fresh random password for every demo user, shown this
 * once (only its hash is kept).  Demo-only: the accounts are role titles
 * at demo.invalid.
 */
static int set_passwords(struct vt_store *store, const struct vt_def *def)
{
	char password[VT_ONE_TIME_PASSWORD_LEN + 1];
	size_t i;

	printf("\ndemo users (demo-only passwords, shown once):\n");
	for (i = 0; i < vt_def_count(def, VT_KIND_USER); i++) {
		const struct vt_user *u = vt_def_at(def, VT_KIND_USER, i);

		vt_password_new(password);
		if (vt_password_set(store, u->email, password)) {
			cli_error("cannot set the password of '%s'", u->email);
			return EXIT_FAILURE_;
		}
		printf("  %-30s %-12s %s\n", u->email, vt_role_names[u->role],
		       password);
	}
	sodium_memzero(password, sizeof(password));
	return EXIT_OK;
}

/*
 * The demo's key for children's hashes: the environment's, else its file
 * (beside a SQLite database, or $VITALS_EXTRACT_KEY_FILE), made now
 * unless it is there.  1: no place for a key (PostgreSQL without
 * $VITALS_EXTRACT_KEY_FILE); -1: an error, told.
 */
static int demo_key(const struct cli *cli, struct vt_pseudo_key *key,
		    char *path, size_t size)
{
	const char *env = getenv(VT_EXTRACT_KEY_ENV);
	char why[512];
	enum vt_err result;

	path[0] = '\0';
	if (!env || !*env) {
		result = vt_extract_key_path(cli->db, NULL, path, size);
		if (result == VT_ENOTFOUND)
			return 1;
		if (!result)
			result = vt_extract_key_create(path);
		if (result && result != VT_ECONFLICT) {
			cli_error("cannot write the demo's key file '%s': %s",
				  path, errno ? strerror(errno) :
				  vt_strerror(result));
			return -1;
		}
	}
	result = vt_extract_key_read(env && *env ? NULL : path, key, why,
				     sizeof(why));
	if (result) {
		cli_error("%s", why);
		return -1;
	}
	return 0;
}

/* One census of the demo, written to 'path' and loaded as a snapshot. */
static int demo_census(struct cli *cli, struct vt_store *store,
		       const struct vt_pseudo_key *key, const char *path,
		       const char *reference)
{
	const char *paths[1] = { path };
	struct vt_extract_load_opt opt;
	struct vt_extract_load_result res;
	struct vt_diagq dq;
	enum vt_err result;
	FILE *f = fopen(path, "wb");

	if (!f) {
		cli_error("cannot write '%s': %s", path, strerror(errno));
		return EXIT_FAILURE_;
	}
	result = vt_demo_cin_write(f, reference);
	if (fclose(f) && !result)
		result = VT_EIO;
	if (result) {
		cli_error("cannot write '%s': %s", path, vt_strerror(result));
		unlink(path);
		return EXIT_FAILURE_;
	}
	memset(&opt, 0, sizeof(opt));
	opt.format = VT_EXTRACT_CIN;
	opt.paths = paths;
	opt.npaths = 1;
	opt.key = key;
	opt.who = cli->who;
	vt_diagq_init(&dq);
	result = vt_extract_load_files(store, &opt, &res, &dq);
	unlink(path);
	/* The demo's own census: any problem at all is a fault of the demo. */
	if (result || dq.n) {
		cli_print_diags(&dq);
		cli_error("cannot load the demo's census as at %s: %s",
			  reference, result == VT_EDB ?
			  vt_store_errmsg(store) : vt_strerror(result));
		vt_diagq_release(&dq);
		return EXIT_FAILURE_;
	}
	vt_diagq_release(&dq);
	printf("  extract %" PRId64 " as at %s, %" PRId64 " records\n",
	       res.id, res.meta.as_at, res.records);
	return EXIT_OK;
}

/*
 * The demo's record-level extracts: synthetic CIN censuses, generated
 * (never copied from a real file), read through the same door as
 * `vitals extract load --format cin`, the files removed after.
 */
static int load_extracts(struct cli *cli, struct vt_store *store)
{
	struct vt_pseudo_key key;
	char keypath[4096], dir[4096], path[4200];
	const char *tmp = getenv("TMPDIR");
	int status = EXIT_OK, got;
	size_t i;

	errno = 0;
	got = demo_key(cli, &key, keypath, sizeof(keypath));
	if (got < 0)
		return EXIT_FAILURE_;
	if (got > 0) {
		printf("\nno synthetic extract loaded: a PostgreSQL database "
		       "has no place for the extracts' key file on this "
		       "machine (set %s)\n", VT_EXTRACT_KEY_FILE_ENV);
		return EXIT_OK;
	}
	snprintf(dir, sizeof(dir), "%s/vitals-demo-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		cli_error("cannot make a directory for the demo's extracts "
			  "in '%s': %s", tmp && *tmp ? tmp : "/tmp",
			  strerror(errno));
		sodium_memzero(&key, sizeof(key));
		return EXIT_FAILURE_;
	}
	printf("\nsynthetic CIN census extracts loaded (illustrative, "
	       "generated: %d made-up children, no real child):\n",
	       VT_DEMO_CIN_CHILDREN);
	for (i = 0; !status && vt_demo_cin_dates[i]; i++) {
		snprintf(path, sizeof(path), "%s/demo-cin-%s.xml", dir,
			 vt_demo_cin_dates[i]);
		status = demo_census(cli, store, &key, path,
				     vt_demo_cin_dates[i]);
	}
	rmdir(dir);
	sodium_memzero(&key, sizeof(key));
	if (!status && keypath[0])
		printf("  children's identifiers hashed with the key in "
		       "'%s'\n", keypath);
	if (!status) {
		/* The derived measures' figures, from the synthetic
		   extracts: as illustrative as the rest of the demo. */
		struct vt_extract_compute_opt opt = { NULL, cli->who, false,
						      true };
		struct vt_extract_compute_result res;
		struct vt_diagq dq;
		enum vt_err result;

		vt_diagq_init(&dq);
		result = vt_extract_compute(store, &opt, &res, &dq);
		cli_print_diags(&dq);
		vt_diagq_release(&dq);
		if (result) {
			cli_error("cannot compute the demo's derived measures: "
				  "%s", vt_strerror(result));
			return EXIT_FAILURE_;
		}
		printf("  derived measures computed from them: %zu figure%s "
		       "(illustrative)\n", res.written,
		       res.written == 1 ? "" : "s");
	}
	return status;
}

int cmd_demo(struct cli *cli, int argc, char **argv)
{
	struct vt_defsrc src = { 0 };
	struct vt_store *store = NULL;
	struct vt_diagq dq;
	struct vt_def def, stored;
	enum vt_err result;
	int status, from, to;

	const char *extra = NULL;
	int passwords = 0;
	const struct cli_option opts[] = {
		{ "--passwords", NULL, &passwords },
		{ NULL, NULL, NULL },
	};

	if (cli_parse_options(argc, argv, 1, opts, &extra) || extra)
		return cli_usage("demo");
	if (access(cli->db, F_OK) == 0) {
		cli_error("database '%s' already exists; the demo is built "
			  "into a fresh one (remove it or choose another "
			  "--db)", cli->db);
		return EXIT_USAGE;
	}
	vt_diagq_init(&dq);
	vt_def_init(&def);
	vt_def_init(&stored);
	status = cli_open_store(cli, VT_OPEN_CREATE, &store);
	if (status)
		goto out;
	result = vt_store_migrate(store, &from, &to);
	/* A PostgreSQL database always exists first: it must be empty. */
	if (!result)
		result = vt_store_read_def(store, &stored);
	if (!result && !vt_def_is_empty(&stored)) {
		cli_error("database '%s' already exists and holds records; the "
			  "demo is built into a fresh one (choose another --db)",
			  cli->db);
		status = EXIT_USAGE;
		goto out;
	}
	vt_def_release(&stored);
	vt_def_init(&stored);
	if (!result)
		result = vt_defjson_read_mem("data/demo/partnership.json",
			(const char *)vt_demo_partnership_json,
			vt_demo_partnership_json_len, &src, &def, &dq);
	if (result || dq.errors) {
		cli_print_diags(&dq);
		cli_error("cannot build the demo: %s", result ?
			  vt_strerror(result) : "the demo data is refused");
		status = EXIT_FAILURE_;
		goto out;
	}
	status = cli_load_def(cli, store, &src, &def, &dq, 0);
	if (status)
		goto out;
	result = vt_store_read_def(store, &stored);
	if (result) {
		cli_error("cannot read back '%s': %s", cli->db,
			  vt_store_errmsg(store));
		status = EXIT_FAILURE_;
		goto out;
	}
	print_summary(cli, &stored);
	status = load_extracts(cli, store);
	if (passwords && !status)
		status = set_passwords(store, &stored);
out:
	vt_store_close(store);
	vt_def_release(&stored);
	vt_def_release(&def);
	vt_defsrc_release(&src);
	vt_diagq_release(&dq);
	return status;
}
