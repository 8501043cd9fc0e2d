/* The library's store, import, early-opening and report paths with each allocation failed in turn: no crash, no leak, the database unchanged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/defjson.h"
#include "vitals/report.h"
#include "vitals/returns.h"
#include "vitals/store.h"
#include "allocfail.h"

/* Far more allocations than any path makes: a loop that never ends is a
   failure, not a hang. */
#define MAX_CALLS 200000

static const char *template_db, *return_csv, *def_json;
/* Fail every allocation (1), or every stride-th: under the sanitizers a
   run costs ten times as much. */
static unsigned long stride = 1;
static char db[4096];
static int failures;

/* A fresh copy of the template database for one run. */
static void fresh_db(void)
{
	char buf[1 << 16], side[4200];
	FILE *in = fopen(template_db, "rb"), *out = fopen(db, "wb");
	size_t n;

	while (in && out && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			break;
	if (!in || !out || ferror(in) || fclose(out)) {
		fprintf(stderr, "FAIL: cannot copy %s to %s\n", template_db,
			db);
		exit(1);
	}
	fclose(in);
	snprintf(side, sizeof(side), "%s-wal", db);
	remove(side);
	snprintf(side, sizeof(side), "%s-shm", db);
	remove(side);
}

static void fail(const char *path, unsigned long n, const char *what)
{
	fprintf(stderr, "FAIL: %s, allocation %lu failed: %s\n", path, n,
		what);
	failures++;
}

/* The change log's head: every change to the data moves it. */
static void head_of(char out[65])
{
	struct vt_store *s;

	out[0] = '\0';
	if (vt_store_open(db, VT_OPEN_EXISTING, &s))
		return;
	if (vt_store_log_head(s, out))
		out[0] = '\0';
	vt_store_close(s);
}

/* Read the definition and load a changed one. */
static enum vt_err store_path(void)
{
	struct vt_store *s;
	struct vt_defsrc src = { NULL, NULL, 0 };
	struct vt_load_summary sum;
	struct vt_check ck;
	struct vt_diagq dq;
	struct vt_def def, now;
	enum vt_err result;

	result = vt_store_open(db, VT_OPEN_EXISTING, &s);
	if (result)
		return result;
	vt_def_init(&now);
	result = vt_store_read_def(s, &now);
	vt_def_release(&now);
	vt_def_init(&def);
	vt_diagq_init(&dq);
	if (!result)
		result = vt_defjson_read_file(def_json, &src, &def, &dq);
	if (!result && dq.errors)
		result = VT_EINVAL;
	if (!result) {
		vt_defsrc_check(&src, &dq, &ck);
		result = vt_store_load_def(s, &def, &ck, "alloc test", 0, &sum);
	}
	vt_def_release(&def);
	vt_defsrc_release(&src);
	vt_diagq_release(&dq);
	vt_store_close(s);
	return result;
}

static enum vt_err import_path(void)
{
	struct vt_import_options opt = { .separator = ',',
					  .who = "alloc test" };
	struct vt_import_summary sum;
	struct vt_store *s;
	struct vt_diagq dq;
	enum vt_err result;

	result = vt_store_open(db, VT_OPEN_EXISTING, &s);
	if (result)
		return result;
	vt_diagq_init(&dq);
	memset(&sum, 0, sizeof(sum));
	result = vt_returns_import(s, return_csv, &opt, &dq, &sum);
	if (!result && dq.errors)
		result = VT_EINVAL;
	vt_import_summary_release(&sum);
	vt_diagq_release(&dq);
	vt_store_close(s);
	return result;
}

/* Open the running quarter's return of an agency early (t_alloc.sh's
   day is in 2027Q1): a new return record, and its log entry. */
static enum vt_err early_path(void)
{
	struct vt_store *s;
	char why[256];
	bool already = false;
	enum vt_err result;

	result = vt_store_open(db, VT_OPEN_EXISTING, &s);
	if (result)
		return result;
	result = vt_return_open_early(s, "police", "2027Q1", "Figures final",
				      "alloc test", "2027-01-05", &already,
				      why, sizeof(why));
	if (!result && already)
		result = VT_EINVAL;	/* the template has no such return */
	vt_store_close(s);
	return result;
}

/* The definition and returns the report path reads, read once: the
   store path fails the reading. */
static struct vt_def report_def;
static struct vt_status_report report_returns;

/* The pack of 2026Q3 as HTML and Markdown. */
static enum vt_err report_path(void)
{
	struct vt_report rep;
	enum vt_err result;
	FILE *out = fopen("/dev/null", "w");

	if (!out)
		return VT_EIO;
	result = vt_report_build(&report_def, &report_returns, "2026Q3",
				 "2026-11-23", false, &rep);
	if (!result) {
		result = vt_report_html(&rep, out);
		if (!result)
			result = vt_report_markdown(&rep, out);
		vt_report_release(&rep);
	}
	fclose(out);
	return result;
}

static void report_read(void)
{
	struct vt_store *s;

	vt_def_init(&report_def);
	if (vt_store_open(template_db, VT_OPEN_EXISTING, &s) ||
	    vt_store_read_def(s, &report_def) ||
	    vt_returns_status(s, "2026Q3", "2026-11-23", &report_returns)) {
		fprintf(stderr, "FAIL: cannot read %s\n", template_db);
		exit(1);
	}
	vt_store_close(s);
}

/*
 * Run 'fn' on a fresh copy of the database with allocation 1, 2, ...
 * failed, until it runs with none failed.  A run that fails must say so
 * (not VT_OK) and, when 'changes', leave the change log's head as it was;
 * one that tolerates the failure must do its work.  The run with none
 * failed must succeed, and change the head when 'changes'.
 */
static void loop(const char *name, enum vt_err (*fn)(void), bool changes)
{
	char before[65], after[65];
	unsigned long n, calls = 0;
	enum vt_err result = VT_OK;
	size_t refused = 0;
	bool fired;

	fresh_db();
	head_of(before);
	for (n = 1; n < MAX_CALLS; n += stride) {
		if (changes)
			fresh_db();
		allocfail_arm(n);
		result = fn();
		fired = allocfail_disarm(&calls);
		refused += fired && result != VT_OK;
		if (changes)
			head_of(after);
		if (changes && result && strcmp(before, after))
			fail(name, n, "refused, yet the database changed");
		if (changes && !result && !strcmp(before, after))
			fail(name, n, "succeeded, yet the database is as "
			     "it was");
		if (!fired)
			break;
	}
	if (n >= MAX_CALLS)
		fail(name, n, "never ran without a failure");
	else if (result)
		fail(name, n, "failed with every allocation granted");
	printf("%s: %lu allocations, every %lu%s failed in turn: %zu runs "
	       "refused cleanly\n", name, calls, stride, stride == 1 ? "st" :
	       "th", refused);
	if (refused == 0)
		fail(name, n, "no failed allocation was ever noticed");
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: alloc_paths TEMPLATE.db RETURN.csv "
			"DEF.json\n");
		return 2;
	}
	if (getenv("VT_ALLOC_STRIDE") && atol(getenv("VT_ALLOC_STRIDE")) > 0)
		stride = (unsigned long)atol(getenv("VT_ALLOC_STRIDE"));
	template_db = argv[1];
	snprintf(db, sizeof(db), "%s.run", template_db);
	return_csv = argv[2];
	def_json = argv[3];
	report_read();
	loop("report", report_path, false);
	vt_status_report_release(&report_returns);
	vt_def_release(&report_def);
	loop("store", store_path, true);
	loop("import", import_path, true);
	loop("early", early_path, true);
	return failures ? 1 : 0;
}
