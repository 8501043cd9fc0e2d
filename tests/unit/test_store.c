/* Store tests on either engine: migrations, statements, round trip, versions, log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#ifdef VT_WITH_PG
#include <libpq-fe.h>
#endif
#include <sqlite3.h>

#include "vitals/auth.h"
#include "vitals/drafts.h"
#include "vitals/defjson.h"
#include "vitals/store.h"
#include "model/field.h"
#include "store/sqlite_batch.h"
#include "store/store.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A small partnership touching every kind and every list. */
static const char base_json[] =
	"{\"vitals\": 1,\n"
	" \"partnership\": {\"code\": \"p\", \"name\": \"Test partnership\",\n"
	"   \"fy_start_month\": 4, \"population\": [{\"year\": 2024, "
	"\"children\": 1000}]},\n"
	" \"agencies\": [\n"
	"  {\"code\": \"la\", \"name\": \"Council\", \"sector\": "
	"\"local-authority\", \"kind\": \"statutory-partner\"},\n"
	"  {\"code\": \"pol\", \"name\": \"Police\", \"sector\": \"police\", "
	"\"kind\": \"statutory-partner\"}],\n"
	" \"groups\": [\n"
	"  {\"code\": \"sub\", \"name\": \"Sub-group\", \"chair\": \"Head of "
	"service\", \"cadence\": \"quarterly\", \"reports_to\": \"exec\"},\n"
	"  {\"code\": \"exec\", \"name\": \"Executive\", \"chair\": "
	"\"Independent scrutineer\", \"cadence\": \"monthly\"}],\n"
	" \"plans\": [{\"code\": \"pl\", \"title\": \"Police plan\", \"kind\": "
	"\"single-agency\", \"agency\": \"pol\", \"group\": \"sub\", "
	"\"supporting\": [\"m2\"]}],\n"
	" \"priorities\": [{\"code\": \"pr1\", \"plan\": \"pl\", \"number\": "
	"\"1\", \"title\": \"Neglect\"}],\n"
	" \"objectives\": [{\"code\": \"o1\", \"priority\": \"pr1\", "
	"\"number\": \"1\", \"text\": \"Recognise neglect\"}],\n"
	" \"measures\": [\n"
	"  {\"code\": \"m1\", \"title\": \"Children in police protection\", "
	"\"plan\": \"pl\", \"priority\": \"pr1\", \"agency\": \"pol\", "
	"\"direction\": \"reduce\", \"unit\": \"count\", \"frequency\": "
	"\"quarterly\", \"breakdowns\": [{\"code\": \"u11\", \"title\": "
	"\"Under 11\"}]},\n"
	"  {\"code\": \"m2\", \"title\": \"Percent seen\", \"plan\": \"pl\", "
	"\"agency\": \"la\", \"direction\": \"increase\", \"unit\": "
	"\"percent\", \"frequency\": \"quarterly\", \"target\": 80.5}],\n"
	" \"values\": [\n"
	"  {\"measure\": \"m1\", \"period\": \"2024Q1\", \"value\": 10},\n"
	"  {\"measure\": \"m1\", \"period\": \"2024Q1\", \"breakdown\": "
	"\"u11\", \"value\": 4},\n"
	"  {\"measure\": \"m2\", \"period\": \"2024Q1\", \"suppressed\": "
	"\"c\"}],\n"
	" \"actions\": [{\"code\": \"a1\", \"plan\": \"pl\", \"agency\": "
	"\"pol\", \"title\": \"Train officers\", \"rag\": \"amber\", "
	"\"measures\": [\"m1\"], \"updates\": [{\"date\": \"2024-05-01\", "
	"\"rag\": \"amber\", \"note\": \"begun\"}]}],\n"
	" \"users\": [{\"email\": \"lead@example.invalid\", \"name\": "
	"\"Police lead\", \"role\": \"agency-lead\", \"agency\": \"pol\"}]\n"
	"}\n";

/* Records in base_json, each one write and one change-log entry. */
#define BASE_RECORDS 15

/*
 * The suite runs on SQLite by default and on PostgreSQL when
 * VT_TEST_ENGINE is "postgresql": then each database is a fresh one
 * created through VT_TEST_PG_ADMIN (scripts/pg-test sets both).
 */
static bool on_pg(void)
{
	const char *e = getenv("VT_TEST_ENGINE");

	return e && strcmp(e, "postgresql") == 0;
}

/* The admin address with its database name replaced by 'db'. */
static char *pg_address(const char *db)
{
	const char *admin = getenv("VT_TEST_PG_ADMIN");
	const char *slash;
	char *out = malloc(4096);

	if (!admin)
		fail_msg("VT_TEST_ENGINE=postgresql needs VT_TEST_PG_ADMIN: "
			 "run the tests under scripts/pg-test");
	slash = strrchr(admin, '/');
	assert_non_null(slash);
	assert_non_null(out);
	snprintf(out, 4096, "%.*s/%s", (int)(slash - admin), admin, db);
	return out;
}

#ifdef VT_WITH_PG
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* SQL through the admin connection; any rows it returns are dropped. */
static void pg_admin(const char *sql)
{
	PGconn *c = PQconnectdb(getenv("VT_TEST_PG_ADMIN"));
	PGresult *r;

	assert_int_equal(PQstatus(c), CONNECTION_OK);
	/* "does not exist, skipping" is the expected case here. */
	PQsetNoticeProcessor(c, quiet, NULL);
	r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK &&
	    PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
}
#else
static void pg_admin(const char *sql)
{
	fail_msg("built without PostgreSQL: %s", sql);
}
#endif

/* A database name for this run: a file path, or a database address. */
static char *temp_path(const char *name)
{
	const char *dir = getenv("VT_TEST_TMP");
	char *path, db[128];
	size_t len, i;

	if (on_pg()) {
		snprintf(db, sizeof(db), "vt_%ld_%s", (long)getpid(), name);
		for (i = 0; db[i]; i++)
			if (db[i] == '.' || db[i] == '-')
				db[i] = '_';
		return pg_address(db);
	}
	if (!dir)
		dir = "/tmp";
	mkdir(dir, 0700);
	len = strlen(dir) + strlen(name) + 32;
	path = malloc(len);
	assert_non_null(path);
	snprintf(path, len, "%s/store-%ld-%s", dir, (long)getpid(), name);
	return path;
}

static void remove_db(const char *path)
{
	char side[4096];

	if (on_pg()) {
		snprintf(side, sizeof(side), "DROP DATABASE IF EXISTS %s "
			 "WITH (FORCE)", strrchr(path, '/') + 1);
		pg_admin(side);
		return;
	}
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

/* An empty database, as its owner would make it. */
static void create_db(const char *path)
{
	char sql[256];

	if (!on_pg())
		return;
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s",
		 strrchr(path, '/') + 1);
	pg_admin(sql);
}

/* Run SQL on the database directly, behind the store's back. */
static void raw_sql(const char *path, const char *sql)
{
	if (on_pg()) {
#ifdef VT_WITH_PG
		PGconn *c = PQconnectdb(path);
		PGresult *r;

		assert_int_equal(PQstatus(c), CONNECTION_OK);
		r = PQexec(c, sql);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			fail_msg("%s: %s", sql, PQerrorMessage(c));
		PQclear(r);
		PQfinish(c);
#endif
	} else {
		sqlite3 *db;

		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL),
				 SQLITE_OK);
		sqlite3_close(db);
	}
}

static struct vt_store *new_store(const char *path)
{
	struct vt_store *s = NULL;
	int from, to;

	remove_db(path);
	create_db(path);
	assert_int_equal(vt_store_open(path, VT_OPEN_CREATE, &s), VT_OK);
	assert_int_equal(vt_store_migrate(s, &from, &to), VT_OK);
	assert_int_equal(from, 0);
	assert_true(to >= 1);
	return s;
}

/* Load a definition text; returns the result, problems in '*errors'. */
static enum vt_err load_text(struct vt_store *s, const char *text, int dry,
			     struct vt_load_summary *sum, size_t *errors)
{
	struct vt_defsrc src;
	struct vt_diagq dq;
	struct vt_check ck;
	struct vt_def def;
	enum vt_err result;

	vt_diagq_init(&dq);
	vt_def_init(&def);
	result = vt_defjson_read_mem("test.json", text, strlen(text), &src,
				     &def, &dq);
	assert_int_equal(result, VT_OK);
	if (dq.errors == 0) {
		vt_defsrc_check(&src, &dq, &ck);
		result = vt_store_load_def(s, &def, &ck, "tester", dry, sum);
	} else {
		result = VT_EINVAL;
	}
	*errors = dq.errors;
	vt_def_release(&def);
	vt_defsrc_release(&src);
	vt_diagq_release(&dq);
	return result;
}

static char *export_text(struct vt_store *s)
{
	struct vt_def def;
	char *text = NULL;

	vt_def_init(&def);
	assert_int_equal(vt_store_read_def(s, &def), VT_OK);
	assert_int_equal(vt_defjson_dump(&def, &text), VT_OK);
	vt_def_release(&def);
	return text;
}

static size_t log_entries(struct vt_store *s)
{
	size_t n = 0;
	int64_t bad = 0;

	assert_int_equal(vt_store_log_verify(s, &n, &bad), VT_OK);
	assert_int_equal(bad, 0);
	return n;
}

static void test_open_and_migrate(void **state)
{
	char *path = temp_path("open.db");
	struct vt_store *s = NULL;
	int from, to;

	(void)state;
	remove_db(path);
	assert_int_equal(vt_store_open(path, VT_OPEN_EXISTING, &s),
			 VT_ENOTFOUND);
	create_db(path);
	assert_int_equal(vt_store_open(path, VT_OPEN_CREATE, &s), VT_OK);
	vt_store_close(s);
	/* Created but never migrated: refused until 'vitals init'. */
	assert_int_equal(vt_store_open(path, VT_OPEN_EXISTING, &s),
			 VT_ESCHEMA);
	s = new_store(path);
	assert_int_equal(vt_store_migrate(s, &from, &to), VT_OK);
	assert_int_equal(from, to);
	vt_store_close(s);
	assert_int_equal(vt_store_open(path, VT_OPEN_EXISTING, &s), VT_OK);
	vt_store_close(s);
	remove_db(path);
	free(path);
}

/*
 * Every statement exists, prepares against the migrated schema, and takes
 * exactly the parameters (and returns the columns) its kind's field table
 * says: a column added to one but not the other fails here.
 */
/*
 * Every statement exists in both engines' tables, and in the engine under
 * test it prepares against the migrated schema and takes exactly the
 * parameters (and returns the columns) its kind's field table says: a
 * column added to one but not the other fails here.
 */
struct prepared_shape {
	int params;
	int columns;
};

static struct prepared_shape shape_sqlite(sqlite3 *db, enum vt_stmt i)
{
	struct prepared_shape sh = { -1, -1 };
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, vt_store_sqlite.stmt_sql(i), -1, &st,
			       NULL) != SQLITE_OK)
		fail_msg("statement %d: %s", (int)i, sqlite3_errmsg(db));
	sh.params = sqlite3_bind_parameter_count(st);
	sh.columns = sqlite3_column_count(st);
	sqlite3_finalize(st);
	return sh;
}

#ifdef VT_WITH_PG
static struct prepared_shape shape_pg(PGconn *c, enum vt_stmt i)
{
	struct prepared_shape sh = { -1, -1 };
	char name[16];
	PGresult *r;

	snprintf(name, sizeof(name), "t%d", (int)i);
	r = PQprepare(c, name, vt_store_pg.stmt_sql(i), 0, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		fail_msg("statement %d: %s", (int)i, PQerrorMessage(c));
	PQclear(r);
	r = PQdescribePrepared(c, name);
	sh.params = PQnparams(r);
	sh.columns = PQnfields(r);
	PQclear(r);
	return sh;
}
#endif

static void test_statements_match_fields(void **state)
{
	char *path = temp_path("stmts.db");
	struct vt_store *s = new_store(path);
	struct prepared_shape shape[STMT__MAX];
	size_t k, i;

	(void)state;
	vt_store_close(s);
	for (i = 0; i < STMT__MAX; i++) {
		assert_non_null(vt_store_sqlite.stmt_sql((enum vt_stmt)i));
#ifdef VT_WITH_PG
		assert_non_null(vt_store_pg.stmt_sql((enum vt_stmt)i));
#endif
	}
	if (on_pg()) {
#ifdef VT_WITH_PG
		PGconn *c = PQconnectdb(path);

		for (i = 0; i < STMT__MAX; i++)
			shape[i] = shape_pg(c, (enum vt_stmt)i);
		PQfinish(c);
#else
		fail_msg("built without PostgreSQL");
#endif
	} else {
		sqlite3 *db;

		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		for (i = 0; i < STMT__MAX; i++)
			shape[i] = shape_sqlite(db, (enum vt_stmt)i);
		sqlite3_close(db);
	}
	for (k = 0; k < VT_KIND__MAX; k++) {
		const struct vt_entity *e = vt_entity_of(k);
		const struct vt_kind_stmts *ks = &vt_kind_stmts[k];
		int plain = 0, extra = k >= VT_KIND_TOPLEVEL;

		for (i = 0; i < e->nfields; i++)
			plain += e->fields[i].type != VT_FT_LIST;
		assert_true(ks->insert >= 0 && ks->select >= 0);
		assert_int_equal(shape[ks->insert].params, plain + 2 * extra);
		assert_int_equal(shape[ks->select].columns, plain + extra);
		if (ks->update >= 0)
			assert_int_equal(shape[ks->update].params, plain);
		/* Lists are replaced whole, so each can be cleared. */
		assert_true(!extra || ks->remove >= 0);
	}
	remove_db(path);
	free(path);
}

static void test_round_trip(void **state)
{
	char *a_path = temp_path("rt-a.db"), *b_path = temp_path("rt-b.db");
	struct vt_store *a = new_store(a_path), *b = new_store(b_path);
	struct vt_load_summary sum;
	char *first, *second;
	size_t errors, k, added = 0;

	(void)state;
	assert_int_equal(load_text(a, base_json, 0, &sum, &errors), VT_OK);
	for (k = 0; k < VT_KIND_TOPLEVEL; k++)
		added += sum.added[k];
	assert_int_equal(added, BASE_RECORDS);
	first = export_text(a);
	assert_int_equal(load_text(b, first, 0, &sum, &errors), VT_OK);
	second = export_text(b);
	assert_string_equal(first, second);
	/* The export keeps what the file said. */
	assert_non_null(strstr(first, "\"suppressed\": \"c\""));
	assert_non_null(strstr(first, "\"target\": 80.5"));
	assert_non_null(strstr(first, "\"reports_to\": \"exec\""));
	/* Loading the same again changes nothing and writes nothing. */
	assert_int_equal(load_text(b, second, 0, &sum, &errors), VT_OK);
	for (k = 0; k < VT_KIND_TOPLEVEL; k++) {
		assert_int_equal(sum.added[k], 0);
		assert_int_equal(sum.changed[k], 0);
	}
	assert_int_equal(log_entries(b), BASE_RECORDS);
	free(first);
	free(second);
	vt_store_close(a);
	vt_store_close(b);
	remove_db(a_path);
	remove_db(b_path);
	free(a_path);
	free(b_path);
}

static const char changed_value[] =
	"{\"vitals\": 1, \"values\": [{\"measure\": \"m1\", \"period\": "
	"\"2024Q1\", \"value\": 12}]}";

static void test_values_are_versioned(void **state)
{
	static const struct {
		const char *json;
		enum vt_err result;
		size_t added;	/* value versions written */
		size_t unchanged;
	} steps[] = {
		/* A new figure is a new version, never an overwrite. */
		{ changed_value, VT_OK, 1, 0 },
		/* The same figure again is nothing new. */
		{ changed_value, VT_OK, 0, 1 },
		/* Version 1 exists with 10: it cannot be rewritten. */
		{ "{\"vitals\": 1, \"values\": [{\"measure\": \"m1\", "
		  "\"period\": \"2024Q1\", \"version\": 1, \"value\": 11}]}",
		  VT_EINVAL, 0, 0 },
		/* A note is a change too. */
		{ "{\"vitals\": 1, \"values\": [{\"measure\": \"m1\", "
		  "\"period\": \"2024Q1\", \"value\": 12, \"note\": "
		  "\"revised\"}]}", VT_OK, 1, 0 },
	};
	char *path = temp_path("versions.db");
	struct vt_store *s = new_store(path);
	struct vt_load_summary sum;
	struct vt_def def;
	size_t errors, i, versions = 0;

	(void)state;
	assert_int_equal(load_text(s, base_json, 0, &sum, &errors), VT_OK);
	for (i = 0; i < COUNT(steps); i++) {
		memset(&sum, 0, sizeof(sum));
		assert_int_equal(load_text(s, steps[i].json, 0, &sum, &errors),
				 steps[i].result);
		assert_int_equal(errors, steps[i].result ? 1 : 0);
		assert_int_equal(sum.added[VT_KIND_VALUE] +
				 sum.changed[VT_KIND_VALUE], steps[i].added);
		assert_int_equal(sum.unchanged[VT_KIND_VALUE],
				 steps[i].unchanged);
	}
	vt_def_init(&def);
	assert_int_equal(vt_store_read_def(s, &def), VT_OK);
	for (i = 0; i < vt_def_count(&def, VT_KIND_VALUE); i++) {
		const struct vt_value *v = vt_def_at(&def, VT_KIND_VALUE, i);

		if (strcmp(v->measure, "m1") || v->breakdown)
			continue;
		versions++;
		/* Versions are numbered in order and keep who wrote them. */
		assert_int_equal(v->version, (int64_t)versions);
		assert_string_equal(v->by, "tester");
		assert_non_null(v->at);
	}
	assert_int_equal(versions, 3);
	vt_def_release(&def);
	vt_store_close(s);
	remove_db(path);
	free(path);
}

static void test_action_updates_are_kept(void **state)
{
	static const char later[] =
		"{\"vitals\": 1, \"actions\": [{\"code\": \"a1\", \"plan\": "
		"\"pl\", \"agency\": \"pol\", \"title\": \"Train officers\", "
		"\"rag\": \"green\", \"updates\": [{\"date\": \"2024-06-01\", "
		"\"rag\": \"green\", \"note\": \"done\"}]}]}";
	char *path = temp_path("updates.db");
	struct vt_store *s = new_store(path);
	struct vt_load_summary sum;
	struct vt_def def;
	const struct vt_action *a;
	size_t errors;

	(void)state;
	assert_int_equal(load_text(s, base_json, 0, &sum, &errors), VT_OK);
	assert_int_equal(load_text(s, later, 0, &sum, &errors), VT_OK);
	assert_int_equal(sum.changed[VT_KIND_ACTION], 1);
	vt_def_init(&def);
	assert_int_equal(vt_store_read_def(s, &def), VT_OK);
	a = vt_def_find(&def, VT_KIND_ACTION, "a1");
	assert_non_null(a);
	assert_int_equal(a->rag, VT_RAG_GREEN);
	/* The earlier update stays although the file left it out. */
	assert_int_equal(a->nupdates, 2);
	assert_string_equal(a->updates[0].note, "begun");
	assert_string_equal(a->updates[1].note, "done");
	/* The file left out the measures: a definition list is replaced. */
	assert_int_equal(a->nmeasures, 0);
	vt_def_release(&def);
	vt_store_close(s);
	remove_db(path);
	free(path);
}

static unsigned char *file_bytes(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return data;
}

/* A dry run and a refused load both leave the file exactly as it was. */
static void test_nothing_written(void **state)
{
	static const struct {
		const char *json;
		int dry;
		enum vt_err result;
	} cases[] = {
		{ changed_value, 1, VT_OK },
		/* Valid records and one dangling reference: all refused. */
		{ "{\"vitals\": 1, \"agencies\": [{\"code\": \"new\", "
		  "\"name\": \"New\", \"sector\": \"health\", \"kind\": "
		  "\"relevant-agency\"}], \"values\": [{\"measure\": "
		  "\"nope\", \"period\": \"2024Q2\", \"value\": 1}]}", 0,
		  VT_EINVAL },
		/* Refused at write time, after earlier records were written. */
		{ "{\"vitals\": 1, \"agencies\": [{\"code\": \"new\", "
		  "\"name\": \"New\", \"sector\": \"health\", \"kind\": "
		  "\"relevant-agency\"}], \"values\": [{\"measure\": \"m1\", "
		  "\"period\": \"2024Q1\", \"version\": 1, \"value\": 99}]}",
		  0, VT_EINVAL },
	};
	char *path = temp_path("untouched.db");
	struct vt_store *s = new_store(path);
	struct vt_load_summary sum;
	size_t errors, i, before_len, after_len, entries;
	unsigned char *before, *after;
	char *export_before, *export_after;

	(void)state;
	assert_int_equal(load_text(s, base_json, 0, &sum, &errors), VT_OK);
	vt_store_close(s);
	for (i = 0; i < COUNT(cases); i++) {
		/* A SQLite file is compared byte for byte; both engines by
		   their export and change log. */
		before = on_pg() ? NULL : file_bytes(path, &before_len);
		assert_int_equal(vt_store_open(path, VT_OPEN_EXISTING, &s),
				 VT_OK);
		export_before = export_text(s);
		entries = log_entries(s);
		assert_int_equal(load_text(s, cases[i].json, cases[i].dry,
					   &sum, &errors), cases[i].result);
		if (cases[i].dry)
			assert_int_equal(sum.changed[VT_KIND_VALUE], 1);
		export_after = export_text(s);
		assert_string_equal(export_before, export_after);
		assert_int_equal(log_entries(s), entries);
		vt_store_close(s);
		if (!on_pg()) {
			after = file_bytes(path, &after_len);
			assert_int_equal(before_len, after_len);
			assert_memory_equal(before, after, before_len);
		} else {
			after = NULL;
		}
		free(before);
		free(after);
		free(export_before);
		free(export_after);
	}
	remove_db(path);
	free(path);
}

/* Editing or deleting an entry breaks the chain at that entry. */
static void test_log_tampering_is_found(void **state)
{
	static const struct {
		const char *sql;
		int64_t first_bad;
	} cases[] = {
		{ "UPDATE change_log SET after = '{}' WHERE id = 3", 3 },
		{ "UPDATE change_log SET who = 'someone' WHERE id = 1", 1 },
		{ "DELETE FROM change_log WHERE id = 5", 6 },
		{ "UPDATE change_log SET at = '2000-01-01T00:00:00Z' "
		  "WHERE id = 15", 15 },
	};
	char *path = temp_path("tamper.db");
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_store *s = new_store(path);
		struct vt_load_summary sum;
		size_t errors, n;
		int64_t bad = -1;

		assert_int_equal(load_text(s, base_json, 0, &sum, &errors),
				 VT_OK);
		assert_int_equal(log_entries(s), BASE_RECORDS);
		vt_store_close(s);
		raw_sql(path, cases[i].sql);
		assert_int_equal(vt_store_open(path, VT_OPEN_EXISTING, &s),
				 VT_OK);
		assert_int_equal(vt_store_log_verify(s, &n, &bad), VT_OK);
		assert_int_equal(bad, cases[i].first_bad);
		vt_store_close(s);
	}
	remove_db(path);
	free(path);
}

/*
 * PostgreSQL only: a connection the server drops (restart, failover, an
 * administrator) fails the request in hand with a clear message, and the
 * next request reconnects and works.
 */
static void test_lost_connection(void **state)
{
	char *path, sql[512], *before, *after;
	struct vt_store *s;
	struct vt_load_summary sum;
	struct vt_def def;
	size_t errors;

	(void)state;
	if (!on_pg())
		skip();
	path = temp_path("lost.db");
	s = new_store(path);
	assert_int_equal(load_text(s, base_json, 0, &sum, &errors), VT_OK);
	before = export_text(s);
	snprintf(sql, sizeof(sql), "SELECT pg_terminate_backend(pid) FROM "
		 "pg_stat_activity WHERE datname = '%s'",
		 strrchr(path, '/') + 1);
	pg_admin(sql);
	vt_def_init(&def);
	assert_int_equal(vt_store_read_def(s, &def), VT_EDB);
	vt_def_release(&def);
	assert_non_null(strstr(vt_store_errmsg(s), "lost the connection"));
	after = export_text(s);
	assert_string_equal(before, after);
	/* Writes work again too, with statements prepared afresh. */
	assert_int_equal(load_text(s, changed_value, 0, &sum, &errors), VT_OK);
	free(before);
	free(after);
	vt_store_close(s);
	remove_db(path);
	free(path);
}

static int count_rows(sqlite3 *db)
{
	sqlite3_stmt *st;
	int n;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*), "
		"sum(a), count(b) FROM t", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/*
 * SQLite's bulk rows: only an INSERT whose VALUES are $1..$n in order is
 * taken; rows are written sixteen at a time, the rest when flushed, and
 * discarded rows are not written.  Text is copied when the row is given.
 */
static void test_sqlite_batch(void **state)
{
	struct vt_sqlite_batch *b = NULL;
	struct vt_sqlval row[2];
	char text[16];
	sqlite3 *db;
	int i;

	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (a INTEGER, b TEXT)",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(vt_sqlite_batch_open(db, "INSERT INTO t (a, b) "
		"VALUES ($2, $1)", &b), VT_EINVAL);
	assert_int_equal(vt_sqlite_batch_open(db, "INSERT INTO t (a, b) "
		"SELECT $1, $2", &b), VT_EINVAL);
	assert_null(b);
	assert_int_equal(vt_sqlite_batch_open(db, "INSERT INTO t (a, b) "
		"VALUES ($1, $2)", &b), VT_OK);
	for (i = 0; i < 37; i++) {
		snprintf(text, sizeof(text), "row %d", i);
		row[0] = (struct vt_sqlval){ .type = VT_SQL_INT, .i = i };
		row[1] = (struct vt_sqlval){ .type = i % 5 ? VT_SQL_TEXT
							   : VT_SQL_NULL,
					     .s = text };
		assert_int_equal(vt_sqlite_batch_row(b, row, 2), VT_OK);
		/* Overwritten at once: the batch must have its own copy. */
		memset(text, 'x', sizeof(text) - 1);
	}
	assert_int_equal(count_rows(db), 32);
	assert_int_equal(vt_sqlite_batch_flush(b), VT_OK);
	assert_int_equal(count_rows(db), 37);
	assert_int_equal(vt_sqlite_batch_row(b, row, 1), VT_EINVAL);
	assert_int_equal(vt_sqlite_batch_row(b, row, 2), VT_OK);
	vt_sqlite_batch_discard(b);
	assert_int_equal(vt_sqlite_batch_flush(b), VT_OK);
	assert_int_equal(count_rows(db), 37);
	{
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_prepare_v2(db, "SELECT b FROM t "
			"WHERE a = 36", -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(st, 0),
				    "row 36");
		sqlite3_finalize(st);
	}
	vt_sqlite_batch_close(b);
	sqlite3_close(db);
}

/* A session's idle time is renewed at most once a minute, not written on
   every request. */
static void test_session_renewed_once_a_minute(void **state)
{
	char *path = temp_path("session.db");
	struct vt_store *s = new_store(path);
	char session[VT_TOKEN_LEN + 1];
	struct vt_signed_in who;
	struct vt_load_summary sum;
	size_t errors;

	(void)state;
	assert_int_equal(load_text(s, base_json, 0, &sum, &errors), VT_OK);
	assert_int_equal(vt_password_set(s, "lead@example.invalid",
					 "a long enough passphrase"), VT_OK);
	assert_int_equal(vt_signin(s, "lead@example.invalid",
				   "a long enough passphrase", "192.0.2.1",
				   1000, session, &who), VT_OK);
	/* 30 s on: answered, but not renewed ... */
	assert_int_equal(vt_session_get(s, session, 1030, &who), VT_OK);
	/* ... so it has been idle since 1000, not 1030. */
	assert_int_equal(vt_session_get(s, session,
					1000 + VT_SESSION_IDLE + 20, &who),
			 VT_EDENIED);
	assert_int_equal(vt_signin(s, "lead@example.invalid",
				   "a long enough passphrase", "192.0.2.1",
				   5000, session, &who), VT_OK);
	/* A minute on it is renewed: idle from 5090. */
	assert_int_equal(vt_session_get(s, session, 5090, &who), VT_OK);
	assert_int_equal(vt_session_get(s, session,
					5090 + VT_SESSION_IDLE - 1, &who),
			 VT_OK);
	vt_store_close(s);
	remove_db(path);
	free(path);
}

static void note_token(void *arg, const struct vt_api_token_info *t)
{
	*(struct vt_api_token_info *)arg = *t;
	((struct vt_api_token_info *)arg)->name = NULL;
}

/* A token reads only unless made to write, expires, and keeps its last
   use; a password change or disabling ends tokens and sessions. */
static void test_token_scope_expiry_and_password_change(void **state)
{
	char *path = temp_path("tokens.db");
	struct vt_store *s = new_store(path);
	char reader[VT_TOKEN_LEN + 1], writer[VT_TOKEN_LEN + 1];
	char session[VT_TOKEN_LEN + 1];
	struct vt_api_token_info seen;
	struct vt_signed_in who;
	struct vt_load_summary sum;
	size_t errors;

	(void)state;
	assert_int_equal(load_text(s, base_json, 0, &sum, &errors), VT_OK);
	assert_int_equal(vt_password_set(s, "lead@example.invalid",
					 "a long enough passphrase"), VT_OK);
	assert_int_equal(vt_api_token_add(s, "lead@example.invalid", "r",
					  false, 1, 1000, reader), VT_OK);
	assert_int_equal(vt_api_token_add(s, "Lead@Example.INVALID", "w",
					  true, 30, 1000, writer), VT_OK);
	assert_int_equal(vt_api_token_add(s, "lead@example.invalid", "x",
					  false, 0, 1000, writer), VT_EINVAL);
	assert_int_equal(vt_api_token_check(s, reader, 2000, &who), VT_OK);
	assert_false(who.token_write);
	assert_string_equal(who.email, "lead@example.invalid");
	assert_int_equal(vt_api_token_check(s, writer, 2000, &who), VT_OK);
	assert_true(who.token_write);
	/* A day on, the one-day token is no token. */
	assert_int_equal(vt_api_token_check(s, reader, 1000 + 86400, &who),
			 VT_EDENIED);
	assert_string_equal(who.email, "");
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(vt_api_token_list(s, "lead@example.invalid",
					   note_token, &seen), VT_OK);
	assert_true(seen.write);	/* "w", listed last */
	assert_int_equal(seen.expires, 1000 + 30 * 86400);
	assert_int_equal(seen.last_used, 2000);
	/* A new password: the session and the tokens of the old one end. */
	assert_int_equal(vt_signin(s, "lead@example.invalid",
				   "a long enough passphrase", "192.0.2.9",
				   3000, session, &who), VT_OK);
	assert_int_equal(vt_password_set(s, "lead@example.invalid",
					 "another long passphrase"), VT_OK);
	assert_int_equal(vt_session_get(s, session, 3010, &who), VT_EDENIED);
	assert_int_equal(vt_api_token_check(s, writer, 3010, &who),
			 VT_EDENIED);
	/* Disabled: no signing in, even with the right password. */
	assert_int_equal(vt_user_disable(s, "lead@example.invalid"), VT_OK);
	assert_int_equal(vt_signin(s, "lead@example.invalid",
				   "another long passphrase", "192.0.2.9",
				   4000, session, &who), VT_EDENIED);
	assert_int_equal(vt_store_user_get(s, "lead@example.invalid", &who),
			 VT_OK);
	assert_false(who.enabled);
	vt_store_close(s);
	remove_db(path);
	free(path);
}

/* The last entry of the change log: its before and after. */
struct last_entry {
	char before[512], after[512];
};

static enum vt_err keep_last(void *arg, const struct vt_log_entry *e)
{
	struct last_entry *l = arg;

	snprintf(l->before, sizeof(l->before), "%s", e->before ? e->before
								: "");
	snprintf(l->after, sizeof(l->after), "%s", e->after ? e->after : "");
	return VT_OK;
}

/*
 * A user's role and agency change through the change log, and their
 * sessions and tokens end with it; the model's rules and the last
 * administrator who can sign in are kept.
 */
static void test_user_change(void **state)
{
	char *path = temp_path("userchange.db");
	struct vt_store *s = new_store(path);
	char session[VT_TOKEN_LEN + 1], token[VT_TOKEN_LEN + 1], why[300];
	const char *field = NULL;
	struct vt_signed_in who;
	struct vt_load_summary sum;
	struct last_entry last;
	struct vt_diagq dq;
	size_t errors, before;

	(void)state;
	vt_diagq_init(&dq);
	assert_int_equal(load_text(s, base_json, 0, &sum, &errors), VT_OK);
	assert_int_equal(vt_user_add(s, "boss@example.invalid", "Admin",
				     "admin", NULL, "test", &dq), VT_OK);
	assert_int_equal(vt_password_set(s, "boss@example.invalid",
					 "a long enough passphrase"), VT_OK);
	assert_int_equal(vt_password_set(s, "lead@example.invalid",
					 "a long enough passphrase"), VT_OK);
	assert_int_equal(vt_signin(s, "lead@example.invalid",
				   "a long enough passphrase", "192.0.2.9",
				   1000, session, &who), VT_OK);
	assert_int_equal(vt_api_token_add(s, "lead@example.invalid", "t",
					  false, 30, 1000, token), VT_OK);
	before = log_entries(s);
	/* Refusals, each about its field; nothing written or ended. */
	assert_int_equal(vt_user_change(s, "lead@example.invalid", "boss",
					NULL, "test", &field, why, sizeof(why)),
			 VT_EINVAL);
	assert_string_equal(field, "role");
	assert_int_equal(vt_user_change(s, "lead@example.invalid",
					"agency-lead", "", "test", &field, why,
					sizeof(why)), VT_EINVAL);
	assert_string_equal(field, "agency");
	assert_int_equal(vt_user_change(s, "lead@example.invalid", "analyst",
					"pol", "test", &field, why,
					sizeof(why)), VT_EINVAL);
	assert_string_equal(field, "agency");
	assert_int_equal(vt_user_change(s, "lead@example.invalid",
					"agency-lead", "nowhere", "test",
					&field, why, sizeof(why)), VT_EINVAL);
	assert_string_equal(field, "agency");
	assert_int_equal(vt_user_change(s, "nobody@example.invalid", "viewer",
					NULL, "test", &field, why,
					sizeof(why)), VT_ENOTFOUND);
	/* The only administrator who can sign in keeps the role. */
	assert_int_equal(vt_user_change(s, "boss@example.invalid", "viewer",
					NULL, "test", &field, why,
					sizeof(why)), VT_ECONFLICT);
	assert_string_equal(field, "role");
	/* Unchanged: nothing written, nobody signed out. */
	assert_int_equal(vt_user_change(s, "lead@example.invalid",
					"agency-lead", "pol", "test", &field,
					why, sizeof(why)), VT_OK);
	assert_int_equal(log_entries(s), before);
	assert_int_equal(vt_session_get(s, session, 1010, &who), VT_OK);
	assert_int_equal(vt_api_token_check(s, token, 1010, &who), VT_OK);
	/* Changed: logged, the session and the token end at once. */
	assert_int_equal(vt_user_change(s, "Lead@example.invalid", "analyst",
					"", "boss", &field, why, sizeof(why)),
			 VT_OK);
	assert_int_equal(log_entries(s), before + 1);
	assert_int_equal(vt_store_log_each(s, keep_last, &last), VT_OK);
	assert_non_null(strstr(last.before, "\"agency-lead\""));
	assert_non_null(strstr(last.before, "\"pol\""));
	assert_non_null(strstr(last.after, "\"analyst\""));
	assert_null(strstr(last.after, "\"agency\""));
	assert_int_equal(vt_session_get(s, session, 1020, &who), VT_EDENIED);
	assert_int_equal(vt_api_token_check(s, token, 1020, &who),
			 VT_EDENIED);
	assert_int_equal(vt_store_user_get(s, "lead@example.invalid", &who),
			 VT_OK);
	assert_int_equal(who.role, VT_ROLE_ANALYST);
	assert_string_equal(who.agency, "");
	/* With a second administrator who can sign in, the first may go. */
	assert_int_equal(vt_user_change(s, "lead@example.invalid", "admin",
					NULL, "boss", &field, why,
					sizeof(why)), VT_OK);
	assert_int_equal(vt_user_change(s, "boss@example.invalid", "viewer",
					NULL, "lead", &field, why,
					sizeof(why)), VT_OK);
	vt_diagq_release(&dq);
	vt_store_close(s);
	remove_db(path);
	free(path);
}

/* A draft keeps what was typed, wrong or not; the last saved replaces
   it; it is one return's, goes when deleted, and has a size cap. */
static void test_return_drafts(void **state)
{
	char *path = temp_path("drafts.db");
	struct vt_store *s = new_store(path);
	struct vt_draft_field typed[] = {
		{ "value-0", "12" }, { "value-1", "twelve" },
		{ "impact-0", "Line one\nline \u00e9 two" } };
	struct vt_draft_field big = { "impact-0", NULL };
	struct vt_load_summary sum;
	struct vt_draft d;
	size_t errors;

	(void)state;
	assert_int_equal(load_text(s, base_json, 0, &sum, &errors), VT_OK);
	assert_int_equal(vt_draft_get(s, "la", "2024Q1", &d), VT_ENOTFOUND);
	assert_int_equal(vt_draft_save(s, "la", "2024Q1", typed, 3,
				       "lead@example.invalid",
				       "2026-12-06T10:42:00Z"), VT_OK);
	assert_int_equal(vt_draft_get(s, "la", "2024Q1", &d), VT_OK);
	assert_int_equal(d.nfields, 3);
	assert_string_equal(d.fields[1].name, "value-1");
	assert_string_equal(d.fields[1].value, "twelve");
	assert_string_equal(d.fields[2].value, "Line one\nline \u00e9 two");
	assert_string_equal(d.saved_by, "lead@example.invalid");
	assert_string_equal(d.saved_at, "2026-12-06T10:42:00Z");
	vt_draft_release(&d);
	/* Another period's return has none; saving again replaces it. */
	assert_int_equal(vt_draft_get(s, "la", "2024Q2", &d), VT_ENOTFOUND);
	assert_int_equal(vt_draft_save(s, "la", "2024Q1", typed, 1,
				       "admin@example.invalid",
				       "2026-12-06T11:00:00Z"), VT_OK);
	assert_int_equal(vt_draft_get(s, "la", "2024Q1", &d), VT_OK);
	assert_int_equal(d.nfields, 1);
	assert_string_equal(d.saved_by, "admin@example.invalid");
	vt_draft_release(&d);
	/* Too big, or not UTF-8: refused, the draft as it was. */
	big.value = malloc(VT_DRAFT_MAX + 1);
	assert_non_null(big.value);
	memset(big.value, 'x', VT_DRAFT_MAX);
	big.value[VT_DRAFT_MAX] = '\0';
	assert_int_equal(vt_draft_save(s, "la", "2024Q1", &big, 1,
				       "lead@example.invalid",
				       "2026-12-06T12:00:00Z"), VT_ETOOBIG);
	free(big.value);
	big.value = "caf\xe9";
	assert_int_equal(vt_draft_save(s, "la", "2024Q1", &big, 1,
				       "lead@example.invalid",
				       "2026-12-06T12:00:00Z"), VT_EINVAL);
	assert_int_equal(vt_draft_get(s, "la", "2024Q1", &d), VT_OK);
	assert_string_equal(d.saved_at, "2026-12-06T11:00:00Z");
	vt_draft_release(&d);
	assert_int_equal(vt_draft_delete(s, "la", "2024Q1"), VT_OK);
	assert_int_equal(vt_draft_get(s, "la", "2024Q1", &d), VT_ENOTFOUND);
	vt_draft_release(&d);
	vt_store_close(s);
	remove_db(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_and_migrate),
		cmocka_unit_test(test_statements_match_fields),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_values_are_versioned),
		cmocka_unit_test(test_action_updates_are_kept),
		cmocka_unit_test(test_nothing_written),
		cmocka_unit_test(test_log_tampering_is_found),
		cmocka_unit_test(test_lost_connection),
		cmocka_unit_test(test_sqlite_batch),
		cmocka_unit_test(test_session_renewed_once_a_minute),
		cmocka_unit_test(test_token_scope_expiry_and_password_change),
		cmocka_unit_test(test_user_change),
		cmocka_unit_test(test_return_drafts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
