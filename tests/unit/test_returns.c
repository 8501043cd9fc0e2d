/* Returns end to end: form -> filled in -> import -> status, and the workflow. */
#include <math.h>
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
#include <zip.h>

#include "vitals/defjson.h"
#include "vitals/returns.h"
#include "vitals/store.h"
#include "store/store.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char definition[] =
	"{\"vitals\": 1,"
	"\"partnership\": {\"code\": \"p\", \"name\": \"P\", "
	"\"fy_start_month\": 4},"
	"\"agencies\": [{\"code\": \"police\", \"name\": \"Police\", "
	"\"sector\": \"police\", \"kind\": \"statutory-partner\"}, "
	"{\"code\": \"la\", \"name\": \"Council\", \"sector\": "
	"\"local-authority\", \"kind\": \"statutory-partner\"}],"
	"\"plans\": [{\"code\": \"pl\", \"title\": \"Police plan\", \"kind\": "
	"\"single-agency\", \"agency\": \"police\"}],"
	"\"priorities\": [{\"code\": \"pr1\", \"plan\": \"pl\", \"number\": "
	"\"1\", \"title\": \"Neglect\"}],"
	"\"measures\": ["
	"{\"code\": \"m1\", \"title\": \"Children in police protection\", "
	"\"plan\": \"pl\", \"agency\": \"police\", \"direction\": \"reduce\", "
	"\"unit\": \"count\", \"frequency\": \"quarterly\", \"breakdowns\": "
	"[{\"code\": \"u11\", \"title\": \"Under 11\"}]},"
	"{\"code\": \"m2\", \"title\": \"Investigations child centred\", "
	"\"plan\": \"pl\", \"agency\": \"police\", \"direction\": "
	"\"increase\", \"unit\": \"percent\", \"frequency\": \"quarterly\"},"
	"{\"code\": \"m3\", \"title\": \"Council measure\", \"plan\": \"pl\", "
	"\"agency\": \"la\", \"direction\": \"none\", \"unit\": \"count\", "
	"\"frequency\": \"quarterly\"}]}";

static char *tmp_path(const char *name)
{
	const char *dir = getenv("VT_TEST_TMP");
	char *path = malloc(4096);

	assert_non_null(path);
	if (!dir)
		dir = "/tmp";
	mkdir(dir, 0700);
	snprintf(path, 4096, "%s/returns-%ld-%s", dir, (long)getpid(), name);
	return path;
}

static struct vt_store *fresh_store(const char *path)
{
	struct vt_store *s = NULL;
	struct vt_load_summary sum;
	struct vt_defsrc src;
	struct vt_diagq dq;
	struct vt_check ck;
	struct vt_def def;
	char side[4200];
	int from, to;

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	assert_int_equal(vt_store_open(path, VT_OPEN_CREATE, &s), VT_OK);
	assert_int_equal(vt_store_migrate(s, &from, &to), VT_OK);
	vt_diagq_init(&dq);
	vt_def_init(&def);
	assert_int_equal(vt_defjson_read_mem("def.json", definition,
					     strlen(definition), &src, &def,
					     &dq), VT_OK);
	vt_defsrc_check(&src, &dq, &ck);
	assert_int_equal(vt_store_load_def(s, &def, &ck, "test", 0, &sum),
			 VT_OK);
	vt_def_release(&def);
	vt_defsrc_release(&src);
	vt_diagq_release(&dq);
	return s;
}

/* Replace every 'from' in a part of the workbook with 'to'. */
static void edit_part(const char *xlsx, const char *part,
		      const char *const *from, const char *const *to,
		      size_t n)
{
	zip_t *z = zip_open(xlsx, 0, NULL);
	zip_stat_t st;
	zip_file_t *f;
	char *text, *out;
	size_t i, len;

	assert_non_null(z);
	assert_int_equal(zip_stat(z, part, 0, &st), 0);
	text = calloc(1, st.size + 1);
	f = zip_fopen(z, part, 0);
	assert_non_null(f);
	assert_int_equal(zip_fread(f, text, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	for (i = 0; i < n; i++) {
		char *at = strstr(text, from[i]);

		assert_non_null(at);
		len = strlen(text) - strlen(from[i]) + strlen(to[i]) + 1;
		out = malloc(len);
		snprintf(out, len, "%.*s%s%s", (int)(at - text), text, to[i],
			 at + strlen(from[i]));
		free(text);
		text = out;
	}
	{
		zip_source_t *src = zip_source_buffer(z, text, strlen(text),
						      1);

		assert_non_null(src);
		assert_true(zip_file_add(z, part, src, ZIP_FL_OVERWRITE) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
}

static void import_ok(struct vt_store *s, const char *path,
		      struct vt_import_summary *sum)
{
	struct vt_import_options opt = { .who = "police-lead" };
	struct vt_diagq dq;
	enum vt_err result;

	vt_diagq_init(&dq);
	result = vt_returns_import(s, path, &opt, &dq, sum);
	if (result)
		fail_msg("import refused: %s", dq.n ? dq.items[0].message : "");
	vt_diagq_release(&dq);
}

static const struct vt_agency_status *status_of(
	const struct vt_status_report *rep, const char *agency)
{
	size_t i;

	for (i = 0; i < rep->nagencies; i++)
		if (!strcmp(rep->agencies[i].agency, agency))
			return &rep->agencies[i];
	return NULL;
}

/*
 * The form as Excel would save it filled in: the value cells of the
 * Return sheet (column I, rows 6-8) and a narrative on the Impact sheet.
 */
static void test_workbook_round_trip(void **state)
{
	char *db = tmp_path("wb.db"), *form = tmp_path("form.xlsx");
	struct vt_store *s = fresh_store(db);
	struct vt_import_summary sum;
	struct vt_status_report rep;
	const struct vt_agency_status *police, *la;
	char why[256];
	static const char *const from[] = { "<c r=\"I6\" s=\"",
					    "<c r=\"I7\" s=\"",
					    "<c r=\"I8\" s=\"" };
	static const char *const to[] = {
		"<c r=\"I6\" t=\"inlineStr\"><is><t>12</t></is></c><c r=\"Z6\" s=\"",
		"<c r=\"I7\"><v>5</v></c><c r=\"Z7\" s=\"",
		"<c r=\"I8\"><v>45.5</v></c><c r=\"Z8\" s=\"" };
	static const char *const ifrom[] = { "<c r=\"C4\" s=\"" };
	static const char *const ito[] = {
		"<c r=\"C4\" t=\"inlineStr\"><is><t>**Fewer** children "
		"taken into protection</t></is></c><c r=\"Z4\" s=\"" };

	(void)state;
	setenv("VITALS_NOW", "2024-10-10T09:00:00Z", 1);
	unlink(form);
	assert_int_equal(vt_return_template(s, "police", "2024Q3", form, why,
					    sizeof(why)), VT_OK);
	edit_part(form, "xl/worksheets/sheet1.xml", from, to, COUNT(from));
	edit_part(form, "xl/worksheets/sheet2.xml", ifrom, ito, COUNT(ifrom));
	import_ok(s, form, &sum);
	assert_int_equal(sum.added, 3);
	assert_int_equal(sum.nreturns, 1);
	assert_string_equal(sum.returns[0].agency, "police");
	assert_string_equal(sum.returns[0].period, "2024Q3");
	assert_int_equal(sum.returns[0].impact, 1);
	vt_import_summary_release(&sum);

	assert_int_equal(vt_returns_status(s, "2024Q3", "2024-11-01", &rep),
			 VT_OK);
	/* Due 20 working days after 30 September 2024. */
	assert_string_equal(rep.due, "2024-10-28");
	assert_string_equal(rep.label, "2024-25 Q2");
	police = status_of(&rep, "police");
	assert_non_null(police);
	assert_int_equal(police->expected, 3);
	assert_int_equal(police->received, 3);
	assert_int_equal(police->nmissing, 0);
	assert_int_equal(police->status, VT_RETURN_SUBMITTED);
	assert_true(police->on_time);
	assert_false(police->late);
	/* The council returned nothing and is now past its due date. */
	la = status_of(&rep, "la");
	assert_non_null(la);
	assert_int_equal(la->received, 0);
	assert_int_equal(la->nmissing, 1);
	assert_true(la->late);
	vt_status_report_release(&rep);
	vt_store_close(s);
	unsetenv("VITALS_NOW");
	free(db);
	free(form);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* approve locks; reopen needs a reason and unlocks; a re-import resubmits. */
static void test_workflow(void **state)
{
	char *db = tmp_path("wf.db"), *csv = tmp_path("r.csv");
	struct vt_store *s = fresh_store(db);
	struct vt_import_options opt = { .who = "police-lead" };
	struct vt_import_summary sum;
	struct vt_status_report rep;
	struct vt_diagq dq;
	char why[256];

	(void)state;
	write_text(csv, "agency,measure,period,value\n"
			"police,m1,2024Q3,12\npolice,m2,2024Q3,50\n");
	/* Nothing to approve before a submission. */
	assert_int_equal(vt_return_approve(s, "police", "2024Q3", "analyst",
					   why, sizeof(why)), VT_ENOTFOUND);
	import_ok(s, csv, &sum);
	vt_import_summary_release(&sum);
	assert_int_equal(vt_return_reopen(s, "police", "2024Q3", "", "analyst",
					  why, sizeof(why)), VT_EINVAL);
	assert_int_equal(vt_return_approve(s, "police", "2024Q3", "analyst",
					   why, sizeof(why)), VT_OK);
	/* Approved twice is refused; the return is locked for imports. */
	assert_int_equal(vt_return_approve(s, "police", "2024Q3", "analyst",
					   why, sizeof(why)), VT_EINVAL);
	vt_diagq_init(&dq);
	assert_int_equal(vt_returns_import(s, csv, &opt, &dq, &sum),
			 VT_EINVAL);
	assert_non_null(strstr(dq.items[0].message, "approved and locked"));
	vt_import_summary_release(&sum);
	vt_diagq_release(&dq);
	assert_int_equal(vt_return_reopen(s, "police", "2024Q3",
					  "figures for August are missing",
					  "analyst", why, sizeof(why)), VT_OK);
	assert_int_equal(vt_returns_status(s, "2024Q3", "2024-10-01", &rep),
			 VT_OK);
	assert_int_equal(status_of(&rep, "police")->status,
			 VT_RETURN_RETURNED);
	vt_status_report_release(&rep);
	write_text(csv, "agency,measure,period,value\n"
			"police,m1,2024Q3,13\npolice,m2,2024Q3,50\n");
	import_ok(s, csv, &sum);
	assert_int_equal(sum.changed, 1);
	assert_int_equal(sum.unchanged, 1);
	assert_int_equal(sum.nchanges, 1);
	assert_string_equal(sum.changes[0].before, "12");
	assert_string_equal(sum.changes[0].after, "13");
	vt_import_summary_release(&sum);
	assert_int_equal(vt_returns_status(s, "2024Q3", "2024-10-01", &rep),
			 VT_OK);
	assert_int_equal(status_of(&rep, "police")->status,
			 VT_RETURN_SUBMITTED);
	vt_status_report_release(&rep);
	vt_store_close(s);
	free(db);
	free(csv);
}

/* Editor rows: one figure and one narrative, each with the version the
   editor read. */
struct edited {
	const char *value;
	int64_t based;
	const char *story;
	int64_t story_based;
	bool clear;		/* "Clear this figure" */
};

static enum vt_err read_edited(void *arg, const struct vt_return_reader_fns *fns,
			       void *fnarg, struct vt_diagq *dq)
{
	const struct edited *e = arg;
	struct vt_return_row row;
	struct vt_impact_row imp = { .agency = "police", .period = "2024Q3",
				     .priority = "pr1", .place = "impact-0",
				     .check_version = true };
	enum vt_err result;

	(void)dq;
	memset(&row, 0, sizeof(row));
	row.cell[VT_RCOL_AGENCY] = "police";
	row.cell[VT_RCOL_MEASURE] = "m1";
	row.cell[VT_RCOL_PERIOD] = "2024Q3";
	row.cell[VT_RCOL_VALUE] = e->value;
	row.source = "form";
	row.line = 1;
	row.check_version = true;
	row.based_on = e->based;
	row.clear = e->clear;
	result = fns->row(fnarg, &row);
	if (result || !e->story)
		return result;
	imp.text = e->story;
	imp.based_on = e->story_based;
	return fns->impact(fnarg, &imp);
}

static enum vt_err import_edited(struct vt_store *s, const struct edited *e,
				 struct vt_diagq *dq,
				 struct vt_import_summary *sum)
{
	struct vt_import_options opt = { .who = "police-lead" };
	struct vt_return_source src = { "web form", read_edited, (void *)e };

	return vt_returns_import_from(s, &src, &opt, dq, sum);
}

/* The view of a return: its slots, the latest version of each. */
static int64_t slot_version(struct vt_store *s, const char *measure)
{
	struct vt_return_view v;
	struct vt_def def;
	int64_t version = -1;
	size_t i;

	vt_def_init(&def);
	assert_int_equal(vt_store_read_def(s, &def), VT_OK);
	assert_int_equal(vt_return_view_build(&def, "police", "2024Q3", &v),
			 VT_OK);
	/* m1, its breakdown u11, m2: the police's quarterly figures. */
	assert_int_equal(v.nslots, 3);
	assert_int_equal(v.nstories, 1);
	for (i = 0; i < v.nslots; i++)
		if (!strcmp(v.slots[i].measure->code, measure) &&
		    !v.slots[i].breakdown[0])
			version = v.slots[i].latest ? v.slots[i].latest->version
						    : 0;
	vt_return_view_release(&v);
	assert_int_equal(vt_return_view_build(&def, "nobody", "2024Q3", &v),
			 VT_EINVAL);
	vt_def_release(&def);
	return version;
}

/*
 * Two editors read version 0 of a figure; the first saves; the second's
 * edit is refused as a conflict and changes nothing.  Based on the new
 * version it is accepted.  The same for a narrative.
 */
static void test_edit_based_on_a_version(void **state)
{
	char *db = tmp_path("edit.db");
	struct vt_store *s = fresh_store(db);
	struct vt_import_summary sum;
	struct vt_diagq dq;
	struct edited first = { "12", 0, "Better", 0, false };
	struct edited second = { "14", 0, NULL, 0, false };
	struct edited third = { "12", 1, "Worse", 0, false };

	(void)state;
	assert_int_equal(slot_version(s, "m1"), 0);
	vt_diagq_init(&dq);
	assert_int_equal(import_edited(s, &first, &dq, &sum), VT_OK);
	assert_int_equal(sum.conflicts, 0);
	vt_import_summary_release(&sum);
	assert_int_equal(slot_version(s, "m1"), 1);
	assert_int_equal(import_edited(s, &second, &dq, &sum), VT_EINVAL);
	assert_int_equal(sum.conflicts, 1);
	assert_non_null(strstr(dq.items[0].message, "changed by someone else"));
	assert_string_equal(dq.items[0].source, "form:1");
	vt_import_summary_release(&sum);
	vt_diagq_release(&dq);
	vt_diagq_init(&dq);
	assert_int_equal(import_edited(s, &third, &dq, &sum), VT_EINVAL);
	assert_int_equal(sum.conflicts, 1);
	assert_string_equal(dq.items[0].source, "impact-0");
	vt_import_summary_release(&sum);
	vt_diagq_release(&dq);
	/* Nothing of the refused edit was written. */
	assert_int_equal(slot_version(s, "m1"), 1);
	/* The same value as stored is no conflict: nothing would be lost. */
	vt_diagq_init(&dq);
	second.value = "12";
	second.story = NULL;
	assert_int_equal(import_edited(s, &second, &dq, &sum), VT_OK);
	vt_import_summary_release(&sum);
	second.value = "14";
	second.based = 1;
	second.story = "Worse";
	second.story_based = 1;
	assert_int_equal(import_edited(s, &second, &dq, &sum), VT_OK);
	assert_int_equal(sum.changed, 1);
	vt_import_summary_release(&sum);
	vt_diagq_release(&dq);
	assert_int_equal(slot_version(s, "m1"), 2);
	vt_store_close(s);
	free(db);
}

/*
 * A figure cleared is withdrawn: a new version with neither value nor
 * code, the old one kept, listed as cleared.  A value given with the
 * clear is refused; clearing it again, or what was never sent, is no
 * change.
 */
static void test_clear_withdraws_a_figure(void **state)
{
	char *db = tmp_path("clear.db");
	struct vt_store *s = fresh_store(db);
	struct vt_import_summary sum;
	struct vt_return_view v;
	struct vt_def def;
	struct vt_diagq dq;
	struct edited e = { NULL, 0, NULL, 0, true };
	size_t i;

	(void)state;
	vt_diagq_init(&dq);
	/* Nothing stored: nothing to withdraw, and no empty version. */
	assert_int_equal(import_edited(s, &e, &dq, &sum), VT_OK);
	assert_int_equal(sum.changed + sum.added, 0);
	vt_import_summary_release(&sum);
	assert_int_equal(slot_version(s, "m1"), 0);
	e.value = "12";
	e.clear = false;
	assert_int_equal(import_edited(s, &e, &dq, &sum), VT_OK);
	vt_import_summary_release(&sum);
	/* A figure and its clearing at once: which was meant? */
	e.value = "13";
	e.based = 1;
	e.clear = true;
	assert_int_equal(import_edited(s, &e, &dq, &sum), VT_EINVAL);
	assert_non_null(strstr(dq.items[0].message,
			       "enter a figure or clear it, not both"));
	vt_import_summary_release(&sum);
	vt_diagq_release(&dq);
	vt_diagq_init(&dq);
	assert_int_equal(slot_version(s, "m1"), 1);
	e.value = NULL;
	assert_int_equal(import_edited(s, &e, &dq, &sum), VT_OK);
	assert_int_equal(sum.changed, 1);
	assert_int_equal(sum.nchanges, 1);
	assert_true(sum.changes[0].cleared);
	assert_string_equal(sum.changes[0].before, "12");
	vt_import_summary_release(&sum);
	assert_int_equal(slot_version(s, "m1"), 2);
	vt_def_init(&def);
	assert_int_equal(vt_store_read_def(s, &def), VT_OK);
	assert_int_equal(vt_return_view_build(&def, "police", "2024Q3", &v),
			 VT_OK);
	for (i = 0; i < v.nslots; i++) {
		if (strcmp(v.slots[i].measure->code, "m1") ||
		    v.slots[i].breakdown[0])
			continue;
		assert_true(isnan(v.slots[i].latest->value));
		assert_null(v.slots[i].latest->suppressed);
		/* The figure withdrawn is kept in the history. */
		assert_non_null(vt_value_find(&def, "m1", "2024Q3", "", 1));
		assert_true(vt_value_find(&def, "m1", "2024Q3", "", 1)->value
			    == 12);
	}
	vt_return_view_release(&v);
	vt_def_release(&def);
	/* A figure withdrawn is missing again. */
	{
		struct vt_status_report rep;
		const struct vt_agency_status *police;
		size_t k;
		bool listed = false;

		assert_int_equal(vt_returns_status(s, "2024Q3", "2024-11-01",
						   &rep), VT_OK);
		police = status_of(&rep, "police");
		assert_non_null(police);
		for (k = 0; k < police->nmissing; k++)
			listed |= !strcmp(police->missing[k], "m1");
		assert_true(listed);
		assert_int_equal(police->received + police->nmissing,
				 police->expected);
		vt_status_report_release(&rep);
	}
	/* Cleared again: no change. */
	e.based = 2;
	assert_int_equal(import_edited(s, &e, &dq, &sum), VT_OK);
	assert_int_equal(sum.changed, 0);
	vt_import_summary_release(&sum);
	assert_int_equal(slot_version(s, "m1"), 2);
	vt_diagq_release(&dq);
	vt_store_close(s);
	free(db);
}

/* The CSV form lists one row per figure; filled in, it imports. */
static void test_csv_form(void **state)
{
	char *db = tmp_path("csv.db"), *form = tmp_path("form.csv");
	struct vt_store *s = fresh_store(db);
	struct vt_import_summary sum;
	char why[256], text[512];
	FILE *f;
	size_t n;

	(void)state;
	assert_int_equal(vt_return_template(s, "police", "2024Q4", form, why,
					    sizeof(why)), VT_OK);
	f = fopen(form, "rb");
	assert_non_null(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	assert_string_equal(text,
		"agency,measure,period,breakdown,value,numerator,denominator,"
		"note\r\npolice,m1,2024Q4,,,,,\r\npolice,m1,2024Q4,u11,,,,\r\n"
		"police,m2,2024Q4,,,,,\r\n");
	/* An unfilled form imports nothing and is not refused. */
	import_ok(s, form, &sum);
	assert_int_equal(sum.skipped, 3);
	assert_int_equal(sum.added, 0);
	vt_import_summary_release(&sum);
	assert_int_equal(vt_return_template(s, "nobody", "2024Q4", form, why,
					    sizeof(why)), VT_EINVAL);
	assert_int_equal(vt_return_template(s, "police", "2024Q4", "x.txt",
					    why, sizeof(why)), VT_EINVAL);
	vt_store_close(s);
	free(db);
	free(form);
}

/*
 * 37 figures, given in reverse order, with one changed on a second
 * import: stored in measure_value's key order (two full batches of
 * sixteen and a remainder), each once, the change as version 2.
 */
static void test_many_rows_in_key_order(void **state)
{
	char *db = tmp_path("many.db"), *csv = tmp_path("many.csv");
	struct vt_store *s = fresh_store(db);
	struct vt_import_summary sum;
	struct vt_def def;
	char text[4096];
	size_t len, i, n = 0;
	int q;

	(void)state;
	len = (size_t)snprintf(text, sizeof(text),
			       "agency,measure,period,value\n");
	for (q = 36; q >= 0; q--)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"police,m1,%dQ%d,%d\n", 2015 + q / 4,
					q % 4 + 1, 100 + q);
	write_text(csv, text);
	import_ok(s, csv, &sum);
	assert_int_equal(sum.added, 37);
	vt_import_summary_release(&sum);
	write_text(csv, "agency,measure,period,value\n"
			"police,m1,2016Q2,7\npolice,m1,2015Q1,100\n");
	import_ok(s, csv, &sum);
	assert_int_equal(sum.changed, 1);
	assert_int_equal(sum.unchanged, 1);
	vt_import_summary_release(&sum);
	vt_def_init(&def);
	assert_int_equal(vt_store_read_def(s, &def), VT_OK);
	for (i = 0; i < vt_def_count(&def, VT_KIND_VALUE); i++) {
		const struct vt_value *v = vt_def_at(&def, VT_KIND_VALUE, i);
		char period[16];

		if (strcmp(v->measure, "m1") != 0)
			continue;
		if (n < 37) {
			/* The first import's, in key (= period) order. */
			snprintf(period, sizeof(period), "%zuQ%zu",
				 2015 + n / 4, n % 4 + 1);
			assert_string_equal(v->period, period);
			assert_int_equal(v->version, 1);
			assert_true(v->value == 100.0 + (double)n);
			assert_string_equal(v->by, "police-lead");
		} else {
			assert_string_equal(v->period, "2016Q2");
			assert_int_equal(v->version, 2);
			assert_true(v->value == 7.0);
		}
		n++;
	}
	assert_int_equal(n, 38);
	vt_def_release(&def);
	vt_store_close(s);
	free(db);
	free(csv);
}

/*
 * An import may leave SQLite's own key checks to its checks; afterwards
 * the connection checks them again: a figure for a measure that does
 * not exist cannot be committed.
 */
static void test_keys_checked_after_import(void **state)
{
	char *db = tmp_path("keys.db"), *csv = tmp_path("keys.csv");
	struct vt_store *s = fresh_store(db);
	struct vt_import_summary sum;
	struct vt_sqlval p[14];
	size_t i;

	(void)state;
	write_text(csv, "agency,measure,period,value\npolice,m1,2024Q3,12\n");
	import_ok(s, csv, &sum);
	vt_import_summary_release(&sum);
	for (i = 0; i < 14; i++)
		p[i] = (struct vt_sqlval){ .type = VT_SQL_NULL };
	p[0] = (struct vt_sqlval){ .type = VT_SQL_TEXT, .s = "no-such" };
	p[1] = (struct vt_sqlval){ .type = VT_SQL_TEXT, .s = "2024Q3" };
	p[3] = (struct vt_sqlval){ .type = VT_SQL_INT, .i = 1 };
	p[9] = (struct vt_sqlval){ .type = VT_SQL_TEXT, .s = "submitted" };
	p[10] = (struct vt_sqlval){ .type = VT_SQL_INT, .i = 0 };
	assert_int_equal(s->ops->begin(s->conn), VT_OK);
	assert_int_equal(s->ops->exec(s->conn, STMT_VALUE_INSERT, p, 14, NULL,
				      NULL), VT_OK);
	assert_int_not_equal(s->ops->commit(s->conn), VT_OK);
	s->ops->rollback(s->conn);
	vt_store_close(s);
	free(db);
	free(csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_workbook_round_trip),
		cmocka_unit_test(test_workflow),
		cmocka_unit_test(test_csv_form),
		cmocka_unit_test(test_edit_based_on_a_version),
		cmocka_unit_test(test_clear_withdraws_a_figure),
		cmocka_unit_test(test_many_rows_in_key_order),
		cmocka_unit_test(test_keys_checked_after_import),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
