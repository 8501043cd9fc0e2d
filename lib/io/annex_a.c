/* Ofsted's Annex A workbook: the lists the measures count, read into case records. */
#include <ctype.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/codelists.h"
#include "vitals/extract.h"
#include "vitals/strparse.h"
#include "vitals/xlsx.h"

/*
 * Annex A is the workbook of lists 1-11 an authority gives Ofsted for an
 * inspection.  Its headings are Ofsted's, but each authority's system
 * writes them its own way ("Child Unique ID", "Child ID"; "Date of
 * Referral", "Referral Date"), and its codes with or without the words
 * after them ("q) 6: Police", "6").  The lists' value mappings are in
 * liia-tools' data-map.yml; the headings below follow Ofsted's template
 * and the sample workbook, each as a pattern (POSIX extended, matched
 * against the heading in lower case with its blanks folded), so one
 * table says what a list holds and what is accepted.
 *
 * Only the columns named here are read: names, addresses, postcodes,
 * workers and teams are in other columns and never leave the workbook.
 */

enum field {
	F_CHILD,	/* the child's identifier: hashed at once */
	F_BIRTH,	/* date of birth: its month only */
	F_START,
	F_END,
	F_CATEGORY,
	F_INITIAL,
	F_SOURCE,
	F_REASON,
	F_NFA,
	F__MAX
};

/* How a column's cell is read. */
enum parse {
	P_ID, P_DATE, P_ABUSE, P_NEED, P_LEGAL, P_CEASED, P_REFSOURCE, P_YESNO
};

struct column {
	enum field field;
	enum parse parse;
	bool needed;
	const char *label;	/* Ofsted's heading, for messages */
	const char *pattern;
};

#define LIST_COLUMNS 8

struct list {
	int number;
	enum vt_case_kind kind;
	struct column cols[LIST_COLUMNS];
};

#define COL_CHILD                                                      \
	{ F_CHILD, P_ID, true, "Child Unique ID",                      \
	  "^(child'?s? (unique )?|unique child )(id|identifier)$" }
#define COL_BIRTH                                                      \
	{ F_BIRTH, P_DATE, false, "Date of Birth",                     \
	  "^(child'?s? )?(date of birth|dob)$" }

static const struct list lists[] = {
	{ 3, VT_CASE_REFERRAL, {
		COL_CHILD, COL_BIRTH,
		{ F_START, P_DATE, true, "Date of Referral",
		  "^(date of referral|referral date)$" },
		{ F_SOURCE, P_REFSOURCE, false, "Referral Source",
		  "^(referral source|source of referral)$" },
		{ F_NFA, P_YESNO, false, "Referral NFA?",
		  "^referral (nfa|no further action)\\??$" } } },
	{ 4, VT_CASE_ASSESSMENT, {
		COL_CHILD, COL_BIRTH,
		{ F_START, P_DATE, true, "Continuous Assessment Start Date",
		  "^(continuous )?assessment start date$|"
		  "^date (continuous )?assessment started$" },
		{ F_END, P_DATE, true,
		  "Continuous Assessment Date of Authorisation",
		  "^(continuous )?assessment (date of (authorisation|"
		  "completion)|(authorisation|completion) date)$|"
		  "^date (continuous )?assessment (authorised|completed)$" } } },
	/*
	 * List 6 is of children in need: a row is an episode of need, from
	 * its CIN start date to its closure, whichever plan the child is on
	 * ("Case Status" is the list's day, not a history, and is not read).
	 * It is the nearest the workbook comes to a CIN plan's dates, and is
	 * given as one.
	 */
	{ 6, VT_CASE_CIN_PLAN, {
		COL_CHILD, COL_BIRTH,
		{ F_START, P_DATE, true, "CIN Start Date",
		  "^cin (plan )?start date$|^date cin (plan )?started$" },
		{ F_END, P_DATE, true, "CIN Closure Date",
		  "^cin (plan )?(closure|end) date$|"
		  "^date cin (plan )?(closed|ended)$" },
		{ F_CATEGORY, P_NEED, false, "Primary Need Code",
		  "^primary need( code)?$" } } },
	{ 7, VT_CASE_CP_PLAN, {
		COL_CHILD, COL_BIRTH,
		{ F_START, P_DATE, true, "Child Protection Plan Start Date",
		  "^(child protection|cp) plan start date$|^cpp start date$" },
		{ F_END, P_DATE, true, "Child Protection Plan End Date",
		  "^(child protection|cp) plan end date$|^cpp end date$" },
		{ F_INITIAL, P_ABUSE, false, "Initial Category of Abuse",
		  "^initial category of abuse$" },
		{ F_CATEGORY, P_ABUSE, false, "Latest Category of Abuse",
		  "^latest category of abuse$" } } },
	{ 8, VT_CASE_CLA_EPISODE, {
		COL_CHILD, COL_BIRTH,
		{ F_START, P_DATE, true, "Date Started to be Looked After",
		  "^date (started|start) (to be )?looked after$|"
		  "^date (child )?became looked after$" },
		{ F_END, P_DATE, true, "Date Ceased to be Looked After",
		  "^date ceased (to be )?looked after$" },
		{ F_CATEGORY, P_LEGAL, false, "Child's Legal Status",
		  "^(child'?s? )?legal status$" },
		{ F_REASON, P_CEASED, false,
		  "Reason Ceased to be Looked After",
		  "^reason (ceased|for ceasing) (to be )?looked after$" } } },
};

#define NLISTS (sizeof(lists) / sizeof(lists[0]))
#define TEXT_MAX 256
#define PLACE_MAX 512

/* A column's cell in the row being gathered. */
struct cell {
	bool present;
	enum vt_xlsx_type type;
	long col;
	char text[TEXT_MAX];
};

struct reader {
	const char *path;
	const char *sheet;
	const struct list *list;
	const struct vt_pseudo_key *key;
	vt_case_sink sink;
	void *arg;
	struct vt_diagq *dq;
	regex_t re[LIST_COLUMNS];
	/* the header: which spreadsheet column holds each of the list's */
	long header_row;
	long map[LIST_COLUMNS];		/* 0: not (yet) found */
	bool any_cell;
	bool sink_failed;	/* the error read_list returns is the sink's */
	/* the row being gathered */
	long row;
	struct cell cells[LIST_COLUMNS];
	char source[PLACE_MAX];
};

/* ------------------------------------------------------------------ */
/* Text: headings and codes compared as people write them              */

/*
 * Lower case, blanks (spaces, tabs, line breaks, no-break spaces) folded
 * to one space and trimmed, curly apostrophes made straight.
 */
static void fold(const char *s, char *out, size_t size)
{
	size_t n = 0;
	bool space = false;

	while (*s && n + 1 < size) {
		unsigned char c = (unsigned char)*s;

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			space = true;
			s++;
			continue;
		}
		if (c == 0xc2 && (unsigned char)s[1] == 0xa0) {
			space = true;
			s += 2;
			continue;
		}
		if (space && n && n + 2 < size)
			out[n++] = ' ';
		space = false;
		if (c == 0xe2 && (unsigned char)s[1] == 0x80 &&
		    ((unsigned char)s[2] == 0x98 ||
		     (unsigned char)s[2] == 0x99)) {
			out[n++] = '\'';
			s += 3;
			continue;
		}
		out[n++] = (char)tolower(c);
		s++;
	}
	out[n] = '\0';
}

/* Ofsted's lists letter their choices: "a) Neglect", "zz) T4: ...". */
static const char *skip_letter(const char *s)
{
	size_t n = 0;

	while (n < 2 && isalpha((unsigned char)s[n]))
		n++;
	if (n && s[n] == ')') {
		s += n + 1;
		while (*s == ' ')
			s++;
	}
	return s;
}

/*
 * The code a value begins with ("6: Police" -> "6", "E47: Special
 * ..." -> "E47"), upper case, when it is followed by nothing, a space,
 * ':' or '-'; "" otherwise.
 */
static void lead_code(const char *s, char out[VT_CASE_CODE_MAX])
{
	size_t n = 0;

	while (isalnum((unsigned char)s[n]) && n < VT_CASE_CODE_MAX - 1) {
		out[n] = (char)toupper((unsigned char)s[n]);
		n++;
	}
	out[n] = '\0';
	if (isalnum((unsigned char)s[n]) ||
	    (s[n] && s[n] != ' ' && s[n] != ':' && s[n] != '-'))
		out[0] = '\0';
}

/* ------------------------------------------------------------------ */
/* The code lists                                                      */

struct word {
	const char *words;	/* folded */
	const char *code;
};

static const struct word abuse_words[] = {
	{ "neglect", "NEG" }, { "emotional abuse", "EMO" },
	{ "physical abuse", "PHY" }, { "sexual abuse", "SAB" },
	{ "multiple/not recommended", "MUL" }, { "multiple", "MUL" },
	{ "neg", "NEG" }, { "emo", "EMO" }, { "phy", "PHY" },
	{ "sab", "SAB" }, { "mul", "MUL" }, { NULL, NULL },
};

static const struct word need_words[] = {
	{ "abuse or neglect", "N1" }, { "child's disability", "N2" },
	{ "parental disability or illness", "N3" },
	{ "family in acute stress", "N4" }, { "family dysfunction", "N5" },
	{ "socially unacceptable behaviour", "N6" },
	{ "low income", "N7" }, { "absent parenting", "N8" },
	{ "cases other than children in need", "N9" },
	{ "not stated", "N0" }, { NULL, NULL },
};

/* E43 and E44 are the SSDA903's older special guardianship codes. */
static const char *const ceased_codes[] = {
	"E2", "E3", "E4A", "E4B", "E5", "E6", "E7", "E8", "E9", "E11", "E12",
	"E13", "E14", "E15", "E16", "E17", "E41", "E43", "E44", "E45", "E46",
	"E47", "E48", NULL,
};

static const char *word_code(const char *folded, const struct word *w)
{
	for (; w->words; w++)
		if (strcmp(folded, w->words) == 0)
			return w->code;
	return NULL;
}

/* What each code list accepts, as its message says it. */
static const char *accepted(enum parse p)
{
	switch (p) {
	case P_ABUSE:
		return "a category of abuse (Neglect, Emotional abuse, "
		       "Physical abuse, Sexual abuse, Multiple, or NEG, EMO, "
		       "PHY, SAB, MUL)";
	case P_NEED:
		return "a primary need code (N0 to N9, or its words such as "
		       "'Abuse or neglect')";
	case P_LEGAL:
		return "a legal status (C1, C2, D1, E1, J1, J2, J3, L1, L2, "
		       "L3, V2, V3, V4)";
	case P_CEASED:
		return "a reason for ceasing to be looked after (E2, E3, "
		       "E4A, E4B, E5 to E9, E11 to E17, E41, E43 to E48)";
	case P_REFSOURCE:
		return "a referral source (1A to 1D, 2A, 2B, 3A to 3F, 4, "
		       "5A to 5C, 6 to 10)";
	case P_YESNO:
		return "yes or no";
	case P_ID:
	case P_DATE:
		break;
	}
	return "";
}

/*
 * A code cell into 'out' ("" when blank): true when it is one of its
 * list's.  A yes/no cell gives "Y" or "N" ("" for unknown).
 */
static bool read_code(enum parse p, const struct cell *c,
		      char out[VT_CASE_CODE_MAX])
{
	char folded[TEXT_MAX];
	const char *s, *code;

	out[0] = '\0';
	fold(c->text, folded, sizeof(folded));
	if (!folded[0])
		return true;
	s = skip_letter(folded);
	switch (p) {
	case P_ABUSE:
		code = word_code(s, abuse_words);
		if (code)
			snprintf(out, VT_CASE_CODE_MAX, "%s", code);
		return code != NULL;
	case P_NEED:
		code = word_code(s, need_words);
		if (code) {
			snprintf(out, VT_CASE_CODE_MAX, "%s", code);
			return true;
		}
		lead_code(s, out);
		return vt_code_listed(out, vt_codes_need);
	case P_LEGAL:
		lead_code(s, out);
		return vt_code_listed(out, vt_codes_legal);
	case P_CEASED:
		lead_code(s, out);
		return vt_code_listed(out, ceased_codes);
	case P_REFSOURCE:
		lead_code(s, out);
		return vt_code_listed(out, vt_codes_source);
	case P_YESNO:
		if (c->type == VT_XLSX_BOOL)
			s = strcmp(c->text, "TRUE") == 0 ? "yes" : "no";
		if (strcmp(s, "yes") == 0 || strcmp(s, "y") == 0)
			snprintf(out, VT_CASE_CODE_MAX, "Y");
		else if (strcmp(s, "no") == 0 || strcmp(s, "n") == 0)
			snprintf(out, VT_CASE_CODE_MAX, "N");
		else if (strcmp(s, "unknown") != 0)
			return false;
		return true;
	case P_ID:
	case P_DATE:
		break;
	}
	return false;
}

/*
 * A date: a date cell, or text written dd/mm/yyyy or yyyy-mm-dd.  A
 * number that is not styled as a date is refused: it could be any day.
 */
static bool read_date(const struct cell *c, char out[11])
{
	struct vt_date d;
	char text[TEXT_MAX];
	const char *s;
	int day, month, year, used = 0;
	size_t n;

	out[0] = '\0';
	s = c->text;
	while (*s == ' ')
		s++;
	snprintf(text, sizeof(text), "%s", s);
	n = strlen(text);
	while (n && text[n - 1] == ' ')
		text[--n] = '\0';
	if (c->type == VT_XLSX_DATE && n >= 10 &&
	    (n == 10 || text[10] == 'T'))
		text[10] = '\0';
	else if (c->type != VT_XLSX_TEXT)
		return false;
	if (strlen(text) == 10 && text[4] == '-' && !vt_parse_date(text, &d)) {
		vt_date_format(&d, out);
		return true;
	}
	if (strlen(text) != 10 || text[2] != '/' || text[5] != '/' ||
	    sscanf(text, "%2d/%2d/%4d%n", &day, &month, &year, &used) != 3 ||
	    used != 10 || !isdigit((unsigned char)text[0]) ||
	    !isdigit((unsigned char)text[3]) ||
	    !isdigit((unsigned char)text[6]))
		return false;
	snprintf(text, sizeof(text), "%04d-%02d-%02d", year, month, day);
	if (vt_parse_date(text, &d))
		return false;
	vt_date_format(&d, out);
	return true;
}

/* ------------------------------------------------------------------ */
/* Places and problems                                                 */

static void place_of(const struct reader *r, long row, long col, char *out,
		     size_t size)
{
	char letters[8];

	vt_column_letters(col, letters);
	snprintf(out, size, "%s:%s!%s%ld", r->path, r->sheet, letters, row);
}

/*
 * A problem with a cell.  It is counted even when it cannot be stored,
 * so reading goes on whatever vt_diag_add() says.
 */
static void cell_problem(struct reader *r, long row, long col,
			 const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void cell_problem(struct reader *r, long row, long col,
			 const char *fmt, ...)
{
	char place[PLACE_MAX], message[PLACE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	place_of(r, row, col, place, sizeof(place));
	(void)vt_diag_add(r->dq, VT_SEV_ERROR, place, 0, 0, "%s", message);
}

/* ------------------------------------------------------------------ */
/* A sheet: its header row found by its headings, then row by row      */

static int column_of(const struct reader *r, long col)
{
	int i;

	for (i = 0; i < LIST_COLUMNS && r->list->cols[i].label; i++)
		if (r->map[i] == col)
			return i;
	return -1;
}

/* A heading in a row before the header: which of the list's it is. */
static void heading(struct reader *r, const struct vt_xlsx_cell *c)
{
	char folded[TEXT_MAX];
	int i;

	if (c->type != VT_XLSX_TEXT)
		return;
	fold(c->text, folded, sizeof(folded));
	for (i = 0; i < LIST_COLUMNS && r->list->cols[i].label; i++) {
		if (r->map[i] || regexec(&r->re[i], folded, 0, NULL, 0))
			continue;
		r->map[i] = c->col;
		return;
	}
}

/*
 * A row before the header has ended: it is the header when one of its
 * headings is the child's identifier (every list's first column); the others it names are kept, and
 * a needed one missing is a problem (and the sheet is not read).
 */
static void header_ended(struct reader *r)
{
	char place[PLACE_MAX];
	int i;

	if (!r->map[0]) {
		memset(r->map, 0, sizeof(r->map));
		return;
	}
	r->header_row = r->row;
	for (i = 0; i < LIST_COLUMNS && r->list->cols[i].label; i++) {
		if (r->map[i] || !r->list->cols[i].needed)
			continue;
		place_of(r, r->header_row, 1, place, sizeof(place));
		(void)vt_diag_add(r->dq, VT_SEV_ERROR, place, 0, 0,
				  "the header row has no '%s' column",
				  r->list->cols[i].label);
		r->header_row = -1;
	}
}

static const struct cell *cell_of(const struct reader *r, enum field f,
				  int *at)
{
	int i;

	for (i = 0; i < LIST_COLUMNS && r->list->cols[i].label; i++) {
		if (r->list->cols[i].field != f)
			continue;
		*at = i;
		return &r->cells[i];
	}
	return NULL;
}

/* The text field of a record that a column fills. */
static char *record_slot(struct vt_case_record *rec, enum field f)
{
	switch (f) {
	case F_CATEGORY:
		return rec->category;
	case F_INITIAL:
		return rec->initial_category;
	case F_SOURCE:
		return rec->source;
	case F_REASON:
		return rec->reason;
	default:
		return NULL;
	}
}

/* A data row has ended: its record, or its problems. */
static enum vt_err row_ended(struct reader *r)
{
	const struct list *l = r->list;
	struct vt_case_record rec;
	const struct cell *c;
	size_t errors = r->dq->errors;
	enum vt_err result;
	char code[VT_CASE_CODE_MAX], date[11];
	int i, at;
	bool any = false;

	for (i = 0; i < LIST_COLUMNS && l->cols[i].label; i++)
		any = any || (r->cells[i].present &&
			      !vt_text_blank(r->cells[i].text));
	if (!any)
		return VT_OK;
	memset(&rec, 0, sizeof(rec));
	rec.kind = l->kind;
	rec.source_name = r->source;
	rec.line = r->row;
	for (i = 0; i < LIST_COLUMNS && l->cols[i].label; i++) {
		const struct column *col = &l->cols[i];
		long x = r->map[i];
		char *slot;

		c = &r->cells[i];
		if (!c->present || vt_text_blank(c->text)) {
			if (col->field == F_CHILD)
				cell_problem(r, r->row, x, "the row has no "
					     "child ID ('%s')", col->label);
			else if (col->field == F_START)
				cell_problem(r, r->row, x, "the row has no "
					     "'%s'", col->label);
			continue;
		}
		switch (col->parse) {
		case P_ID:
			if (vt_pseudo_child(r->key, c->text, rec.child))
				cell_problem(r, r->row, x, "the child ID is "
					     "too long (at most 127 "
					     "characters)");
			break;
		case P_DATE:
			slot = col->field == F_START ? rec.start :
			       col->field == F_END ? rec.end : date;
			if (!read_date(c, slot)) {
				/* A date of birth is not repeated, even
				   wrong. */
				if (col->field == F_BIRTH)
					cell_problem(r, r->row, x, "the date "
						     "of birth is not a date "
						     "(a date cell, "
						     "dd/mm/yyyy or "
						     "yyyy-mm-dd)");
				else
					cell_problem(r, r->row, x, "'%s' is "
						     "not a date (a date "
						     "cell, dd/mm/yyyy or "
						     "yyyy-mm-dd)", c->text);
				break;
			}
			/* A date read is a date: its month cannot fail. */
			if (col->field == F_BIRTH &&
			    vt_pseudo_birth_month(date, rec.birth_month))
				rec.birth_month[0] = '\0';
			break;
		default:
			if (!read_code(col->parse, c, code)) {
				cell_problem(r, r->row, x, "'%s' is not %s",
					     c->text, accepted(col->parse));
				break;
			}
			if (col->field == F_NFA) {
				rec.no_further_action = code[0] == 'Y';
				break;
			}
			slot = record_slot(&rec, col->field);
			if (slot)
				snprintf(slot, VT_CASE_CODE_MAX, "%s", code);
			break;
		}
	}
	if (rec.start[0] && rec.end[0] && strcmp(rec.end, rec.start) < 0 &&
	    cell_of(r, F_END, &at) && cell_of(r, F_START, &i)) {
		char letters[8];

		vt_column_letters(r->map[i], letters);
		cell_problem(r, r->row, r->map[at], "'%s' is before its start "
			     "date '%s' in %s%ld", rec.end, rec.start, letters,
			     r->row);
	}
	if (r->dq->errors != errors)
		return VT_OK;
	result = r->sink(r->arg, &rec);
	if (result) {
		r->sink_failed = true;
		cell_problem(r, r->row, r->map[0], "reading stopped at this "
			     "row: %s", vt_strerror(result));
	}
	return result;
}

static void clear_row(struct reader *r)
{
	int i;

	for (i = 0; i < LIST_COLUMNS; i++)
		r->cells[i].present = false;
}

static enum vt_err sheet_cell(void *arg, const struct vt_xlsx_cell *c)
{
	struct reader *r = arg;
	enum vt_err result = VT_OK;
	int i;

	r->any_cell = true;
	if (c->row != r->row) {
		if (!r->header_row && r->row)
			header_ended(r);
		else if (r->header_row > 0 && r->row > r->header_row)
			result = row_ended(r);
		clear_row(r);
		r->row = c->row;
		if (result)
			return result;
	}
	if (!r->header_row) {
		heading(r, c);
		return VT_OK;
	}
	if (r->header_row < 0)
		return VT_OK;
	i = column_of(r, c->col);
	if (i < 0)
		return VT_OK;
	r->cells[i].present = true;
	r->cells[i].type = c->type;
	r->cells[i].col = c->col;
	snprintf(r->cells[i].text, TEXT_MAX, "%s", c->text);
	return VT_OK;
}

static enum vt_err read_list(struct reader *r, struct vt_xlsx *x,
			     const char *sheet, const struct list *l)
{
	enum vt_err result;
	int i, n;

	r->sheet = sheet;
	r->list = l;
	r->header_row = 0;
	r->row = 0;
	r->any_cell = false;
	memset(r->map, 0, sizeof(r->map));
	clear_row(r);
	snprintf(r->source, sizeof(r->source), "%s:%s", r->path, sheet);
	for (n = 0; n < LIST_COLUMNS && l->cols[n].label; n++)
		if (regcomp(&r->re[n], l->cols[n].pattern,
			    REG_EXTENDED | REG_NOSUB)) {
			for (i = 0; i < n; i++)
				regfree(&r->re[i]);
			return VT_ENOMEM;
		}
	result = vt_xlsx_read_sheet(x, sheet, sheet_cell, r);
	if (!result && !r->header_row && r->row)
		header_ended(r);
	else if (!result && r->header_row > 0 && r->row > r->header_row)
		result = row_ended(r);
	if (!result && !r->header_row && r->any_cell)
		(void)vt_diag_add(r->dq, VT_SEV_ERROR, r->source, 0, 0,
				  "the sheet has no header row (a row naming "
				  "'%s' and the list's other columns)",
				  l->cols[0].label);
	for (i = 0; i < n; i++)
		regfree(&r->re[i]);
	return result;
}

/* "List 7", "List_7", "LIST 7 - Child protection": 7; else 0. */
static int list_number(const char *name)
{
	char folded[64];
	const char *s;
	int n = 0;

	fold(name, folded, sizeof(folded));
	if (strncmp(folded, "list", 4) != 0)
		return 0;
	s = folded + 4;
	while (*s == ' ' || *s == '_' || *s == '-' || *s == '.')
		s++;
	if (!isdigit((unsigned char)*s))
		return 0;
	while (isdigit((unsigned char)*s) && n < 100)
		n = n * 10 + (*s++ - '0');
	if (isalnum((unsigned char)*s) || n < 1 || n > 11)
		return 0;
	return n;
}

enum vt_err vt_annex_a_read(const char *path,
			    const struct vt_pseudo_key *key,
			    struct vt_extract_meta *meta, vt_case_sink sink,
			    void *arg, struct vt_diagq *diags)
{
	struct reader *r = NULL;
	struct vt_xlsx *x = NULL;
	enum vt_err result;
	size_t i, j, found = 0;

	if (meta)
		meta->format = VT_EXTRACT_ANNEX_A;
	result = vt_xlsx_open_file(path, &x);
	if (result == VT_EINVAL) {
		(void)vt_diag_add(diags, VT_SEV_ERROR, path, 0, 0,
				  "not an Annex A workbook: %s",
				  vt_xlsx_error(x));
		goto out;
	}
	if (result) {
		(void)vt_diag_add(diags, VT_SEV_ERROR, path, 0, 0,
				  "cannot read the workbook: %s",
				  vt_strerror(result));
		goto out;
	}
	r = calloc(1, sizeof(*r));
	if (!r) {
		result = VT_ENOMEM;
		goto out;
	}
	r->path = path;
	r->key = key;
	r->sink = sink;
	r->arg = arg;
	r->dq = diags;
	for (i = 0; i < vt_xlsx_sheet_count(x) && !result; i++) {
		const char *name = vt_xlsx_sheet_name(x, i);
		int n = list_number(name);

		if (!n)
			continue;
		found++;
		for (j = 0; j < NLISTS && !result; j++)
			if (lists[j].number == n)
				result = read_list(r, x, name, &lists[j]);
	}
	if ((result == VT_EINVAL || result == VT_ENOTFOUND) &&
	    !r->sink_failed) {
		(void)vt_diag_add(diags, VT_SEV_ERROR, path, 0, 0, "%s",
				  vt_xlsx_error(x));
		result = VT_EINVAL;
	}
	if (!result && !found) {
		(void)vt_diag_add(diags, VT_SEV_ERROR, path, 0, 0,
				  "not an Annex A workbook: it has no sheet "
				  "'List 1' to 'List 11'");
		result = VT_EINVAL;
	}
out:
	free(r);
	vt_xlsx_close(x);
	return result;
}
