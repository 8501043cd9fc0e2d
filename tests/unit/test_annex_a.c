/* Unit tests for the Annex A reader, on small made-up workbooks written by the tests. */
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
#include <xlsxwriter.h>

#include "vitals/buf.h"
#include "vitals/extract.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define BOOK "annex_a.xlsx"

/* ------------------------------------------------------------------ */
/* Workbooks from text: a sheet's rows by lines, cells by '|'           */

/*
 * A cell is text unless it begins "d:" (a date cell, "d:2024-01-15") or
 * "n:" (a plain number); an empty cell is left unwritten.
 */
struct sheet {
	const char *name;
	const char *rows;
};

static void write_cell(lxw_worksheet *ws, lxw_format *date, int row,
		       int col, const char *cell)
{
	lxw_datetime dt = { 0, 0, 0, 0, 0, 0 };

	if (!*cell)
		return;
	if (strncmp(cell, "d:", 2) == 0) {
		assert_int_equal(sscanf(cell + 2, "%d-%d-%d", &dt.year,
					&dt.month, &dt.day), 3);
		assert_int_equal(worksheet_write_datetime(ws, (lxw_row_t)row,
							  (lxw_col_t)col, &dt,
							  date),
				 LXW_NO_ERROR);
	} else if (strncmp(cell, "n:", 2) == 0) {
		assert_int_equal(worksheet_write_number(ws, (lxw_row_t)row,
							(lxw_col_t)col,
							strtod(cell + 2, NULL),
							NULL),
				 LXW_NO_ERROR);
	} else {
		assert_int_equal(worksheet_write_string(ws, (lxw_row_t)row,
							(lxw_col_t)col, cell,
							NULL),
				 LXW_NO_ERROR);
	}
}

static void write_book(const struct sheet *sheets, size_t n)
{
	lxw_workbook *wb = workbook_new(BOOK);
	lxw_format *date;
	size_t i;

	assert_non_null(wb);
	date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	for (i = 0; i < n; i++) {
		lxw_worksheet *ws = workbook_add_worksheet(wb, sheets[i].name);
		const char *s = sheets[i].rows;
		char cell[256];
		int row = 0, col = 0;
		size_t len = 0;

		assert_non_null(ws);
		for (;; s++) {
			if (*s == '|' || *s == '\n' || !*s) {
				cell[len] = '\0';
				write_cell(ws, date, row, col, cell);
				len = 0;
				col++;
				if (*s == '\n') {
					row++;
					col = 0;
				}
				if (!*s)
					break;
				continue;
			}
			assert_true(len < sizeof(cell) - 1);
			cell[len++] = *s;
		}
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

/* ------------------------------------------------------------------ */
/* Reading: records kept as given, problems as the CLI prints them      */

#define MAX_RECORDS 64

struct got {
	struct vt_case_record rec[MAX_RECORDS];
	char where[MAX_RECORDS][128];
	size_t n;
	struct vt_diagq dq;
	struct vt_extract_meta meta;
	enum vt_err result;
	char problems[8192];
};

static const struct vt_pseudo_key test_key = { { 0x5a, 0x11, 0x21 } };

static enum vt_err collect(void *arg, const struct vt_case_record *r)
{
	struct got *g = arg;

	assert_true(g->n < MAX_RECORDS);
	g->rec[g->n] = *r;
	snprintf(g->where[g->n], sizeof(g->where[0]), "%s:%ld",
		 r->source_name, r->line);
	g->rec[g->n].source_name = NULL;
	g->n++;
	return VT_OK;
}

static void read_book(struct got *g)
{
	struct vt_buf b;
	size_t i;

	memset(g, 0, sizeof(*g));
	snprintf(g->meta.as_at, sizeof(g->meta.as_at), "2024-03-31");
	g->meta.format = VT_EXTRACT_CIN;
	vt_diagq_init(&g->dq);
	g->result = vt_annex_a_read(BOOK, &test_key, &g->meta, collect, g,
				    &g->dq);
	vt_buf_init(&b, sizeof(g->problems) - 1);
	for (i = 0; i < g->dq.n; i++) {
		assert_int_equal(vt_diag_format(&g->dq.items[i], &b), VT_OK);
		assert_int_equal(vt_buf_addc(&b, '\n'), VT_OK);
	}
	snprintf(g->problems, sizeof(g->problems), "%.*s", (int)b.len,
		 b.len ? b.ptr : "");
	vt_buf_release(&b);
	vt_diagq_release(&g->dq);
}

static void hash_of(const char *id, char out[VT_CHILD_HASH_HEX + 1])
{
	assert_int_equal(vt_pseudo_child(&test_key, id, out), VT_OK);
}

/* ------------------------------------------------------------------ */
/* A valid workbook                                                    */

/*
 * Every list in a different dress: Ofsted's headings in one, other
 * allowed spellings in another, columns in another order, a title above
 * the header, curly apostrophes, dates as cells and as text.  Names,
 * addresses and postcodes sit beside the data and must go nowhere.
 */
#define NAME "Jane Testperson"
#define ADDRESS "1 Madeup Row"
#define POSTCODE "ZZ9 9ZZ"

static const struct sheet valid[] = {
	{ "List 1", "Child Unique ID|Full name|Date of Contact\n"
		    "A123456789012|" NAME "|d:2024-01-02\n" },
	{ "List 3", "Child Unique ID|Full name|Date of Birth|"
		    "Date of Referral|Referral Source|Referral NFA?|Postcode\n"
		    "A123456789012|" NAME "|d:2015-06-30|d:2024-01-05|"
		    "q) 6: Police|No|" POSTCODE "\n"
		    "LA-0042|||05/02/2024|2A|a) Yes|\n"
		    "LA-0043||2016-07-01|2024-02-29|||\n" },
	{ "List_4 Assessments",
	  "Assessment completion date|Address|Child ID|DOB|"
	  "Assessment start date\n"
	  "d:2024-02-20|" ADDRESS "|LA-0042|d:2015-01-31|d:2024-02-06\n"
	  "||LA-0043||d:2024-03-01\n" },
	{ "List 6", "Case Status|CIN Closure Date|Primary Need Code|"
		    "CIN Start Date|Child Unique ID\n"
		    "c) Child in need plan||N1 - Abuse or Neglect|"
		    "d:2023-11-01|LA-0042\n"
		    "e) Closed episode|d:2024-01-15|Low income|"
		    "d:2023-12-01|LA-0044\n" },
	{ "List 7", "Child protection plans at 31 March\n"
		    "\n"
		    "Child Unique ID|Gender|Date of Birth|"
		    "Child Protection Plan Start Date|"
		    "Initial Category of Abuse|Latest Category of Abuse|"
		    "Child Protection Plan End Date|Allocated Worker\n"
		    " a123456789012 |b) Female|d:2015-06-30|d:2024-01-20|"
		    "Neglect|a) Neglect||" NAME "\n"
		    "LA-0045|a) Male||d:2023-05-01|EMO|Multiple/not "
		    "recommended|d:2024-02-01|\n"
		    "LA-0046|||d:2023-06-01|sexual abuse|PHY|"
		    "d:2023-09-01|\n"
		    "LA-0049|||2023-07-01|Multiple|mul||\n" },
	{ "LIST 8 - Children looked after",
	  "Child\xe2\x80\x99s Legal Status|Date Ceased to be Looked After|"
	  "Child Unique ID|Date Started to be Looked After|"
	  "Reason Ceased to be Looked After|Placement postcode\n"
	  "C2: FCO||LA-0047|d:2022-04-01||" POSTCODE "\n"
	  "V2|d:2024-03-10|LA-0048|d:2024-01-10|"
	  "k) E47: Special Guardianship Orders - relative/friend|\n" },
};

struct want {
	enum vt_case_kind kind;
	const char *id;
	const char *birth_month, *start, *end;
	const char *category, *initial, *source, *reason;
	bool nfa;
	const char *where;
};

static const struct want valid_records[] = {
	{ VT_CASE_REFERRAL, "A123456789012", "2015-06", "2024-01-05", "",
	  "", "", "6", "", false, BOOK ":List 3:2" },
	{ VT_CASE_REFERRAL, "LA-0042", "", "2024-02-05", "", "", "", "2A",
	  "", true, BOOK ":List 3:3" },
	{ VT_CASE_REFERRAL, "LA-0043", "2016-07", "2024-02-29", "", "", "",
	  "", "", false, BOOK ":List 3:4" },
	{ VT_CASE_ASSESSMENT, "LA-0042", "2015-01", "2024-02-06",
	  "2024-02-20", "", "", "", "", false,
	  BOOK ":List_4 Assessments:2" },
	{ VT_CASE_ASSESSMENT, "LA-0043", "", "2024-03-01", "", "", "", "", "",
	  false, BOOK ":List_4 Assessments:3" },
	{ VT_CASE_CIN_PLAN, "LA-0042", "", "2023-11-01", "", "N1", "", "", "",
	  false, BOOK ":List 6:2" },
	{ VT_CASE_CIN_PLAN, "LA-0044", "", "2023-12-01", "2024-01-15", "N7",
	  "", "", "", false, BOOK ":List 6:3" },
	{ VT_CASE_CP_PLAN, "A123456789012", "2015-06", "2024-01-20", "", "NEG",
	  "NEG", "", "", false, BOOK ":List 7:4" },
	{ VT_CASE_CP_PLAN, "LA-0045", "", "2023-05-01", "2024-02-01", "MUL",
	  "EMO", "", "", false, BOOK ":List 7:5" },
	{ VT_CASE_CP_PLAN, "LA-0046", "", "2023-06-01", "2023-09-01", "PHY",
	  "SAB", "", "", false, BOOK ":List 7:6" },
	{ VT_CASE_CP_PLAN, "LA-0049", "", "2023-07-01", "", "MUL", "MUL", "",
	  "", false, BOOK ":List 7:7" },
	{ VT_CASE_CLA_EPISODE, "LA-0047", "", "2022-04-01", "", "C2", "", "",
	  "", false, BOOK ":LIST 8 - Children looked after:2" },
	{ VT_CASE_CLA_EPISODE, "LA-0048", "", "2024-01-10", "2024-03-10", "V2",
	  "", "", "E47", false, BOOK ":LIST 8 - Children looked after:3" },
};

static void test_valid_workbook(void **state)
{
	struct got *g = malloc(sizeof(*g));
	char hash[VT_CHILD_HASH_HEX + 1];
	size_t i;

	(void)state;
	assert_non_null(g);
	write_book(valid, COUNT(valid));
	read_book(g);
	assert_string_equal(g->problems, "");
	assert_int_equal(g->result, VT_OK);
	/* Annex A has no header: the caller's dates stay, the format is
	   set. */
	assert_int_equal(g->meta.format, VT_EXTRACT_ANNEX_A);
	assert_string_equal(g->meta.as_at, "2024-03-31");
	assert_int_equal(g->n, COUNT(valid_records));
	for (i = 0; i < g->n; i++) {
		const struct want *w = &valid_records[i];
		const struct vt_case_record *r = &g->rec[i];

		hash_of(w->id, hash);
		assert_int_equal(r->kind, w->kind);
		assert_string_equal(r->child, hash);
		assert_string_equal(r->birth_month, w->birth_month);
		assert_string_equal(r->start, w->start);
		assert_string_equal(r->end, w->end);
		assert_string_equal(r->category, w->category);
		assert_string_equal(r->initial_category, w->initial);
		assert_string_equal(r->source, w->source);
		assert_string_equal(r->reason, w->reason);
		assert_int_equal(r->no_further_action, w->nfa);
		assert_string_equal(g->where[i], w->where);
	}
	free(g);
}

/* The same child in two lists, written two ways: one hash. */
static void test_same_child_same_hash(void **state)
{
	struct got *g = malloc(sizeof(*g));

	(void)state;
	assert_non_null(g);
	write_book(valid, COUNT(valid));
	read_book(g);
	assert_int_equal(g->n, COUNT(valid_records));
	assert_int_equal(g->rec[0].kind, VT_CASE_REFERRAL);
	assert_int_equal(g->rec[7].kind, VT_CASE_CP_PLAN);
	assert_string_equal(g->rec[0].child, g->rec[7].child);
	assert_string_not_equal(g->rec[0].child, g->rec[1].child);
	free(g);
}

static void assert_not_in(const char *field, const char *const *secrets)
{
	size_t i;

	for (i = 0; secrets[i]; i++)
		assert_null(strstr(field, secrets[i]));
}

/* Names, addresses, postcodes and identifiers reach no record. */
static void test_nothing_personal_kept(void **state)
{
	static const char *const secrets[] = {
		NAME, "Testperson", ADDRESS, POSTCODE, "ZZ9", "A123456789012",
		"a123456789012", "LA-004", "2015-06-30", NULL,
	};
	struct got *g = malloc(sizeof(*g));
	size_t i;

	(void)state;
	assert_non_null(g);
	write_book(valid, COUNT(valid));
	read_book(g);
	assert_int_equal(g->n, COUNT(valid_records));
	for (i = 0; i < g->n; i++) {
		const struct vt_case_record *r = &g->rec[i];

		assert_not_in(r->child, secrets);
		assert_not_in(r->birth_month, secrets);
		assert_not_in(r->start, secrets);
		assert_not_in(r->end, secrets);
		assert_not_in(r->category, secrets);
		assert_not_in(r->initial_category, secrets);
		assert_not_in(r->source, secrets);
		assert_not_in(r->reason, secrets);
		assert_not_in(g->where[i], secrets);
	}
	free(g);
}

/* ------------------------------------------------------------------ */
/* Refusals: one workbook per rule, the exact placed message            */

#define L7_HEAD                                                     \
	"Child Unique ID|Child Protection Plan Start Date|Gender|"  \
	"Latest Category of Abuse|Child Protection Plan End Date\n"
#define L7_OK "LA-0100|d:2024-01-01|a) Male|NEG|\n"
#define L7_OK10 L7_OK L7_OK L7_OK L7_OK L7_OK L7_OK L7_OK L7_OK L7_OK L7_OK

#define ID10 "ABCDEFGHIJ"
#define ID130 ID10 ID10 ID10 ID10 ID10 ID10 ID10 ID10 ID10 ID10 ID10 ID10 ID10

struct refusal {
	const char *name;
	struct sheet sheets[2];
	enum vt_err result;
	size_t records;		/* still given: the rows without problems */
	const char *problems;
};

static const struct refusal refusals[] = {
	{ "unknown category of abuse",
	  { { "List 7", L7_HEAD L7_OK10 "LA-0101|d:2024-01-01||Neglectt|\n" } },
	  VT_OK, 10,
	  BOOK ":List 7!D12: error: 'Neglectt' is not a category of abuse "
	  "(Neglect, Emotional abuse, Physical abuse, Sexual abuse, "
	  "Multiple, or NEG, EMO, PHY, SAB, MUL)\n" },
	{ "a date that is not a date",
	  { { "List 7", L7_HEAD "LA-0101|31/02/2024||NEG|\n"
			"LA-0102|n:45292||NEG|\n"
			"LA-0103|d:2024-01-01||NEG|March 2024\n" } },
	  VT_OK, 0,
	  BOOK ":List 7!B2: error: '31/02/2024' is not a date (a date cell, "
	  "dd/mm/yyyy or yyyy-mm-dd)\n"
	  BOOK ":List 7!B3: error: '45292' is not a date (a date cell, "
	  "dd/mm/yyyy or yyyy-mm-dd)\n"
	  BOOK ":List 7!E4: error: 'March 2024' is not a date (a date cell, "
	  "dd/mm/yyyy or yyyy-mm-dd)\n" },
	{ "a date of birth that is not a date, not repeated",
	  { { "List 3", "Child Unique ID|Date of Birth|Date of Referral\n"
			"LA-0101|2015-13-01|d:2024-01-05\n" } },
	  VT_OK, 0,
	  BOOK ":List 3!B2: error: the date of birth is not a date (a date "
	  "cell, dd/mm/yyyy or yyyy-mm-dd)\n" },
	{ "an end before its start",
	  { { "LIST 8", "Child Unique ID|Date Started to be Looked After|"
			"Date Ceased to be Looked After\n"
			"LA-0101|d:2024-02-01|31/01/2024\n" } },
	  VT_OK, 0,
	  BOOK ":LIST 8!C2: error: '2024-01-31' is before its start date "
	  "'2024-02-01' in B2\n" },
	{ "a row with no child ID",
	  { { "List 3", "Date of Referral|Child Unique ID\n"
			"d:2024-01-05|LA-0101\n"
			"d:2024-01-06|\n" } },
	  VT_OK, 1,
	  BOOK ":List 3!B3: error: the row has no child ID "
	  "('Child Unique ID')\n" },
	{ "a child ID too long, not repeated",
	  { { "List 3", "Child Unique ID|Date of Referral\n"
			ID130 "|d:2024-01-05\n" } },
	  VT_OK, 0,
	  BOOK ":List 3!A2: error: the child ID is too long (at most 127 "
	  "characters)\n" },
	{ "a row with no start date",
	  { { "List 3", "Date of Referral|Child Unique ID|Referral Source\n"
			"|LA-0101|6\n" } },
	  VT_OK, 0,
	  BOOK ":List 3!A2: error: the row has no 'Date of Referral'\n" },
	{ "a needed column missing",
	  { { "List 4", "Child Unique ID|Assessment start date|Team\n"
			"LA-0101|d:2024-01-05|Duty\n" },
	    { "List 6", "Child Unique ID|CIN Closure Date\n"
			"LA-0101|d:2024-01-05\n" } },
	  VT_OK, 0,
	  BOOK ":List 4!A1: error: the header row has no 'Continuous "
	  "Assessment Date of Authorisation' column\n"
	  BOOK ":List 6!A1: error: the header row has no 'CIN Start Date' "
	  "column\n" },
	{ "no header row",
	  { { "List 3", "Referrals\nnone this year\n" } },
	  VT_OK, 0,
	  BOOK ":List 3: error: the sheet has no header row (a row naming "
	  "'Child Unique ID' and the list's other columns)\n" },
	{ "other codes unknown",
	  { { "List 3", "Child Unique ID|Date of Referral|Referral Source|"
			"Referral NFA?\n"
			"LA-0101|d:2024-01-05|3G: Health|Maybe\n" },
	    { "List 8", "Child Unique ID|Date Started to be Looked After|"
			"Date Ceased to be Looked After|Legal Status|"
			"Reason Ceased to be Looked After\n"
			"LA-0101|d:2024-01-05|d:2024-02-05|X9|E10\n" } },
	  VT_OK, 0,
	  BOOK ":List 3!C2: error: '3G: Health' is not a referral source "
	  "(1A to 1D, 2A, 2B, 3A to 3F, 4, 5A to 5C, 6 to 10)\n"
	  BOOK ":List 3!D2: error: 'Maybe' is not yes or no\n"
	  BOOK ":List 8!D2: error: 'X9' is not a legal status (C1, C2, D1, "
	  "E1, J1, J2, J3, L1, L2, L3, V2, V3, V4)\n"
	  BOOK ":List 8!E2: error: 'E10' is not a reason for ceasing to be "
	  "looked after (E2, E3, E4A, E4B, E5 to E9, E11 to E17, E41, E43 "
	  "to E48)\n" },
	{ "no Annex A list at all",
	  { { "Sheet1", "Child Unique ID|Date of Referral\n"
			"LA-0101|d:2024-01-05\n" } },
	  VT_EINVAL, 0,
	  BOOK ": error: not an Annex A workbook: it has no sheet 'List 1' "
	  "to 'List 11'\n" },
};

static void test_refusals(void **state)
{
	struct got *g = malloc(sizeof(*g));
	size_t i, n;

	(void)state;
	assert_non_null(g);
	for (i = 0; i < COUNT(refusals); i++) {
		const struct refusal *c = &refusals[i];

		for (n = 0; n < COUNT(c->sheets) && c->sheets[n].name; n++)
			;
		write_book(c->sheets, n);
		read_book(g);
		if (strcmp(g->problems, c->problems) ||
		    g->result != c->result || g->n != c->records)
			print_error("case '%s': result %d, %zu records, "
				    "problems:\n%s", c->name, g->result,
				    g->n, g->problems);
		assert_string_equal(g->problems, c->problems);
		assert_int_equal(g->result, c->result);
		assert_int_equal(g->n, c->records);
	}
	free(g);
}

/* A file that is not a workbook at all. */
static void test_not_a_workbook(void **state)
{
	struct got *g = malloc(sizeof(*g));
	FILE *f;

	(void)state;
	assert_non_null(g);
	f = fopen(BOOK, "w");
	assert_non_null(f);
	fputs("Child Unique ID,Date of Referral\nLA-0101,2024-01-05\n", f);
	assert_int_equal(fclose(f), 0);
	read_book(g);
	assert_int_equal(g->result, VT_EINVAL);
	assert_int_equal(g->n, 0);
	assert_int_equal(strncmp(g->problems,
				 BOOK ": error: not an Annex A workbook: ",
				 strlen(BOOK ": error: not an Annex A "
					     "workbook: ")), 0);
	assert_non_null(strstr(g->problems, "zip"));
	free(g);
}

static enum vt_err refuse_second(void *arg, const struct vt_case_record *r)
{
	size_t *n = arg;

	(void)r;
	return ++*n == 2 ? VT_ECONFLICT : VT_OK;
}

/* A sink's error stops the reading, is returned and is said. */
static void test_sink_error_stops(void **state)
{
	static const char stopped[] =
		BOOK ":List 3!A3: error: reading stopped at this row: ";
	struct vt_extract_meta meta = { .format = VT_EXTRACT_CIN };
	struct vt_diagq dq;
	struct vt_buf b;
	size_t n = 0;

	(void)state;
	write_book(valid, COUNT(valid));
	vt_diagq_init(&dq);
	assert_int_equal(vt_annex_a_read(BOOK, &test_key, &meta,
					 refuse_second, &n, &dq),
			 VT_ECONFLICT);
	assert_int_equal(n, 2);
	assert_int_equal(dq.n, 1);
	vt_buf_init(&b, 1024);
	assert_int_equal(vt_diag_format(&dq.items[0], &b), VT_OK);
	assert_int_equal(vt_buf_addc(&b, '\0'), VT_OK);
	assert_int_equal(strncmp(b.ptr, stopped, strlen(stopped)), 0);
	assert_true(strlen(b.ptr) > strlen(stopped));
	vt_buf_release(&b);
	vt_diagq_release(&dq);
}

/* The tests write their workbook in a directory of their own, so that
   messages name it as a user's would: "annex_a.xlsx:List 7!D12". */
static int enter_tmp(void **state)
{
	const char *dir = getenv("VT_TEST_TMP");
	char path[4096];

	(void)state;
	if (!dir)
		dir = "/tmp";
	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/annex-a-%ld", dir, (long)getpid());
	mkdir(path, 0700);
	return chdir(path);
}

static int leave_tmp(void **state)
{
	char path[64];

	(void)state;
	unlink(BOOK);
	snprintf(path, sizeof(path), "../annex-a-%ld", (long)getpid());
	if (chdir(".."))
		return -1;
	return rmdir(path + 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_workbook),
		cmocka_unit_test(test_same_child_same_hash),
		cmocka_unit_test(test_nothing_personal_kept),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_not_a_workbook),
		cmocka_unit_test(test_sink_error_stops),
	};

	return cmocka_run_group_tests(tests, enter_tmp, leave_tmp);
}
