/* Unit tests for the SSDA903 reader and the snapshots it is kept in: records, placed problems, read back in order. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "vitals/extract.h"
#include "vitals/extractkey.h"
#include "vitals/extractstore.h"
#include "vitals/store.h"

#define HEADER "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
#define EPISODES "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC," \
		 "REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"

static const char header_rows[] =
	HEADER
	"C1,1,14/02/2012,WBRI,A123456789012,,\n"
	"C2,2,03/09/2015,MWBC,B987654321098,,\n";

/* A file of 'text' in the test's scratch directory; freed by caller. */
static char *scratch(const char *name, const char *text)
{
	const char *dir = getenv("VT_TEST_TMP");
	char *path = malloc(512);
	FILE *f;

	assert_non_null(path);
	/* A directory of this run's own, so files keep their names. */
	snprintf(path, 512, "%s", dir && *dir ? dir : "/tmp");
	mkdir(path, 0700);
	snprintf(path, 512, "%s/ssda903-%ld", dir && *dir ? dir : "/tmp",
		 (long)getpid());
	mkdir(path, 0700);
	snprintf(path, 512, "%s/ssda903-%ld/%s", dir && *dir ? dir : "/tmp",
		 (long)getpid(), name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return path;
}

struct got {
	struct vt_case_record r[16];
	size_t n;
};

static enum vt_err keep(void *arg, const struct vt_case_record *r)
{
	struct got *g = arg;

	if (g->n == 16)
		return VT_ETOOBIG;
	g->r[g->n++] = *r;
	return VT_OK;
}

static struct vt_pseudo_key test_key(void)
{
	struct vt_pseudo_key k;

	memset(k.bytes, 5, sizeof(k.bytes));
	return k;
}

/* Read a header file and an episodes file of 'episodes' rows. */
static enum vt_err read_two(const char *episodes, struct got *g,
			    struct vt_diagq *dq)
{
	struct vt_pseudo_key k = test_key();
	struct vt_extract_meta meta = { .format = VT_EXTRACT_SSDA903 };
	char *paths[2];
	enum vt_err result;

	/* Given in either order: the header is read first. */
	paths[0] = scratch("episodes.csv", episodes);
	paths[1] = scratch("header.csv", header_rows);
	result = vt_ssda903_read((const char *const *)paths, 2, &k, &meta,
				 keep, g, dq);
	unlink(paths[0]);
	unlink(paths[1]);
	free(paths[0]);
	free(paths[1]);
	return result;
}

static void test_episodes_become_records(void **state)
{
	struct vt_pseudo_key k = test_key();
	char c1[VT_CHILD_HASH_HEX + 1];
	struct vt_diagq dq;
	struct got g = { .n = 0 };

	(void)state;
	vt_diagq_init(&dq);
	assert_int_equal(read_two(EPISODES
				  "C1,01/05/2023,S,C2,N1,U1,PR1,20/10/2023,"
				  "X1,CARPL,ZZ1 1AA,ZZ9 9ZY,SC1\n"
				  "c1 ,20/10/2023,P,C2,N1,U3,PR1,,,,,,\n",
				  &g, &dq),
			 VT_OK);
	assert_int_equal(dq.errors, 0);
	assert_int_equal(g.n, 2);
	assert_int_equal(vt_pseudo_child(&k, "C1", c1), VT_OK);
	assert_string_equal(g.r[0].child, c1);
	assert_string_equal(g.r[1].child, c1);	/* blanks, case: the same */
	assert_int_equal(g.r[0].kind, VT_CASE_CLA_EPISODE);
	assert_string_equal(g.r[0].birth_month, "2012-02");
	assert_string_equal(g.r[0].start, "2023-05-01");
	assert_string_equal(g.r[0].end, "2023-10-20");
	assert_string_equal(g.r[0].category, "C2");
	assert_string_equal(g.r[0].source, "S");
	assert_string_equal(g.r[0].reason, "X1");
	assert_string_equal(g.r[1].end, "");
	assert_string_equal(g.r[1].reason, "");
	assert_int_equal(g.r[1].line, 3);
	vt_diagq_release(&dq);
}

/* One bad episode row each, and the problem it must give. */
static const struct {
	const char *row;
	const char *message;
} bad_rows[] = {
	{ "C1,31/02/2023,S,C2,N1,U1,PR1,,,,,,",
	  "DECOM: '31/02/2023' is not a date (dd/mm/yyyy)" },
	{ "C1,01/05/2023,Q,C2,N1,U1,PR1,,,,,,",
	  "RNE: 'Q' is not one of S, L, P, T, U, B" },
	{ "C1,01/05/2023,S,X9,N1,U1,PR1,,,,,,",
	  "LS: 'X9' is not one of C1, C2, D1, E1, J1, J2, J3, L1, L2, L3, "
	  "V2, V3, V4" },
	{ "C1,01/05/2023,S,C2,N1,U1,PR1,02/05/2023,E99,,,,",
	  "REC: 'E99' is not one of X1, E11" },
	{ "C1,01/05/2023,S,C2,N1,U1,PR1,30/04/2023,E11,,,,",
	  "DEC: the episode ends (2023-04-30) before it starts (DECOM "
	  "2023-05-01)" },
	{ "C9,01/05/2023,S,C2,N1,U1,PR1,,,,,,",
	  "CHILD: the child of this episode is not in the header file" },
	{ ",01/05/2023,S,C2,N1,U1,PR1,,,,,,", "CHILD: missing" },
	{ "C1,01/05/2023,S,C2,N1,U1,PR1,02/05/2023,,,,,",
	  "REC: the episode ends (DEC) but gives no reason" },
};

static void test_bad_rows_placed(void **state)
{
	char text[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_rows) / sizeof(*bad_rows); i++) {
		struct vt_diagq dq;
		struct got g = { .n = 0 };

		vt_diagq_init(&dq);
		snprintf(text, sizeof(text), EPISODES
			 "C2,01/01/2024,S,C1,N1,U1,PR1,,,,,,\n%s\n",
			 bad_rows[i].row);
		assert_int_equal(read_two(text, &g, &dq), VT_OK);
		assert_int_equal(dq.errors, 1);
		assert_string_equal(dq.items[0].source, "episodes.csv");
		assert_int_equal(dq.items[0].row, 3);
		if (!strstr(dq.items[0].message, bad_rows[i].message))
			fail_msg("row %zu: '%s' lacks '%s'", i,
				 dq.items[0].message, bad_rows[i].message);
		/* The good row still went to the sink; the bad one did not. */
		assert_int_equal(g.n, 1);
		vt_diagq_release(&dq);
	}
}

static void test_no_header_file(void **state)
{
	struct vt_pseudo_key k = test_key();
	struct vt_extract_meta meta = { .format = VT_EXTRACT_SSDA903 };
	struct vt_diagq dq;
	struct got g = { .n = 0 };
	char *path = scratch("episodes.csv", EPISODES);

	(void)state;
	vt_diagq_init(&dq);
	assert_int_equal(vt_ssda903_read((const char *const *)&path, 1, &k,
					 &meta, keep, &g, &dq),
			 VT_OK);
	assert_int_equal(dq.errors, 1);
	assert_non_null(strstr(dq.items[0].message, "the header file is "
						    "missing"));
	unlink(path);
	free(path);
	vt_diagq_release(&dq);
}

/* The store: a snapshot written, read back by child then start. */
struct back {
	struct vt_case_record r[16];
	size_t n;
};

static enum vt_err read_back(void *arg, const struct vt_case_record *r)
{
	struct back *b = arg;

	if (b->n == 16)
		return VT_ETOOBIG;
	b->r[b->n++] = *r;
	return VT_OK;
}

static enum vt_err count_each(void *arg, const struct vt_extract_info *e)
{
	size_t *n = arg;

	(*n)++;
	return e->records == 3 ? VT_OK : VT_EINVAL;
}

/*
 * The database of the store test: a SQLite file, or (VT_TEST_ENGINE=
 * postgresql, under scripts/pg-test) a new database on the test server.
 */
static bool on_pg(void)
{
	const char *e = getenv("VT_TEST_ENGINE");

	return e && !strcmp(e, "postgresql");
}

static void pg_admin(const char *sql)
{
	const char *admin = getenv("VT_TEST_PG_ADMIN");
	char cmd[1024];

	if (!admin)
		fail_msg("VT_TEST_ENGINE=postgresql needs VT_TEST_PG_ADMIN: "
			 "run the tests under scripts/pg-test");
	snprintf(cmd, sizeof(cmd), "psql -X -q '%s' -c '%s' >/dev/null",
		 admin, sql);
	assert_int_equal(system(cmd), 0);
}

static char *test_db(void)
{
	const char *admin = getenv("VT_TEST_PG_ADMIN");
	char *out, sql[256];

	if (!on_pg()) {
		out = scratch("store.db", "");
		unlink(out);
		return out;
	}
	out = malloc(4096);
	assert_non_null(out);
	assert_non_null(admin);
	snprintf(sql, sizeof(sql),
		 "DROP DATABASE IF EXISTS vt_%ld_ssda903 WITH (FORCE)",
		 (long)getpid());
	pg_admin(sql);
	snprintf(sql, sizeof(sql), "CREATE DATABASE vt_%ld_ssda903",
		 (long)getpid());
	pg_admin(sql);
	snprintf(out, 4096, "%.*s/vt_%ld_ssda903",
		 (int)(strrchr(admin, '/') - admin), admin, (long)getpid());
	return out;
}

static void drop_db(char *db)
{
	char side[600];

	if (on_pg()) {
		snprintf(side, sizeof(side),
			 "DROP DATABASE IF EXISTS vt_%ld_ssda903 WITH (FORCE)",
			 (long)getpid());
		pg_admin(side);
	} else {
		unlink(db);
		snprintf(side, sizeof(side), "%s-wal", db);
		unlink(side);
		snprintf(side, sizeof(side), "%s-shm", db);
		unlink(side);
	}
	free(db);
}

static void test_snapshot_read_back(void **state)
{
	struct vt_pseudo_key k = test_key();
	struct vt_extract_meta meta = { .format = VT_EXTRACT_SSDA903 };
	struct vt_extract_load *load = NULL;
	struct vt_store *s = NULL;
	struct vt_diagq dq;
	struct back b = { .n = 0 };
	char fp[VT_KEY_FINGERPRINT_HEX + 1], stored[VT_KEY_FINGERPRINT_HEX + 1];
	char sha[VT_SHA256_HEX + 1], *db, *paths[2];
	int64_t id = 0, same = 0;
	size_t deleted = 9, listed = 0, i;
	int from, to;

	(void)state;
	db = test_db();
	assert_int_equal(vt_store_open(db, VT_OPEN_CREATE, &s), VT_OK);
	assert_int_equal(vt_store_migrate(s, &from, &to), VT_OK);
	memset(sha, 'a', VT_SHA256_HEX);
	sha[VT_SHA256_HEX] = '\0';
	vt_extract_key_fingerprint(&k, fp);
	assert_int_equal(vt_extract_begin(s, VT_EXTRACT_SSDA903, "test", sha,
					  fp, "test", stored, &same, &load),
			 VT_OK);
	paths[0] = scratch("header.csv", header_rows);
	paths[1] = scratch("episodes.csv", EPISODES
			   "C2,01/01/2024,S,C1,N1,U1,PR1,,,,,,\n"
			   "C1,20/10/2023,P,C2,N1,U3,PR1,,,,,,\n"
			   "C1,01/05/2023,S,C2,N1,U1,PR1,20/10/2023,X1,,,,\n");
	vt_diagq_init(&dq);
	assert_int_equal(vt_ssda903_read((const char *const *)paths, 2, &k,
					 &meta, vt_extract_add, load, &dq),
			 VT_OK);
	assert_int_equal(dq.errors, 0);
	memcpy(meta.as_at, "2024-03-31", 11);
	memcpy(meta.from, "2023-04-01", 11);
	memcpy(meta.to, "2024-03-31", 11);
	assert_int_equal(vt_extract_finish(load, &meta, &id, &deleted), VT_OK);
	assert_true(id > 0);
	assert_int_equal(deleted, 0);
	assert_int_equal(vt_extract_each(s, count_each, &listed), VT_OK);
	assert_int_equal(listed, 1);
	assert_int_equal(vt_extract_records_each(s, VT_CASE_CLA_EPISODE,
						 read_back, &b),
			 VT_OK);
	assert_int_equal(b.n, 3);
	/* By child, then start date. */
	for (i = 1; i < b.n; i++)
		assert_true(strcmp(b.r[i - 1].child, b.r[i].child) < 0 ||
			    (!strcmp(b.r[i - 1].child, b.r[i].child) &&
			     strcmp(b.r[i - 1].start, b.r[i].start) < 0));
	for (i = 0; i < b.n; i++)
		if (!strcmp(b.r[i].start, "2023-05-01")) {
			assert_string_equal(b.r[i].end, "2023-10-20");
			assert_string_equal(b.r[i].reason, "X1");
			assert_string_equal(b.r[i].birth_month, "2012-02");
		}
	/* Another kind: none. */
	b.n = 0;
	assert_int_equal(vt_extract_records_each(s, VT_CASE_CP_PLAN, read_back,
						 &b),
			 VT_OK);
	assert_int_equal(b.n, 0);
	/* Another key is refused, and so are the same bytes again. */
	fp[0] = fp[0] == '0' ? '1' : '0';
	assert_int_equal(vt_extract_begin(s, VT_EXTRACT_SSDA903, "test", sha,
					  fp, "test", stored, &same, &load),
			 VT_ECONFLICT);
	assert_int_not_equal(strcmp(stored, fp), 0);
	vt_extract_key_fingerprint(&k, fp);
	assert_int_equal(vt_extract_begin(s, VT_EXTRACT_SSDA903, "test", sha,
					  fp, "test", stored, &same, &load),
			 VT_EINVAL);
	assert_int_equal(same, id);
	vt_diagq_release(&dq);
	vt_store_close(s);
	for (i = 0; i < 2; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
	drop_db(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_episodes_become_records),
		cmocka_unit_test(test_bad_rows_placed),
		cmocka_unit_test(test_no_header_file),
		cmocka_unit_test(test_snapshot_read_back),
	};

	const char *dir = getenv("VT_TEST_TMP");
	char path[512];
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	snprintf(path, sizeof(path), "%s/ssda903-%ld",
		 dir && *dir ? dir : "/tmp", (long)getpid());
	rmdir(path);
	return failed;
}
