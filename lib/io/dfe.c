/* DfE statistics CSVs as published: columns by name, periods, suppression codes, rates. */
#include "vitals/dfe.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vitals/csv.h"
#include "vitals/model.h"
#include "vitals/period.h"
#include "vitals/strparse.h"

/* A file's header, to find columns by name. */
struct header {
	char **names;
	size_t n;
};

static void header_release(struct header *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->names[i]);
	free(h->names);
	memset(h, 0, sizeof(*h));
}

static enum vt_err header_read(struct vt_csv *csv, struct header *h)
{
	struct vt_csv_record rec;
	enum vt_err result = vt_csv_next(csv, &rec);
	size_t i;

	memset(h, 0, sizeof(*h));
	if (result)
		return result;
	h->names = calloc(rec.nfields + 1, sizeof(*h->names));
	if (!h->names)
		return VT_ENOMEM;
	for (i = 0; i < rec.nfields; i++) {
		/* Names as given, less the spaces some files pad them with. */
		const char *s = rec.fields[i];
		size_t len = strlen(s);

		while (len && isspace((unsigned char)s[len - 1]))
			len--;
		h->names[i] = strndup(s, len);
		if (!h->names[i])
			return VT_ENOMEM;
		h->n++;
	}
	return VT_OK;
}

/* The index of column 'name', or -1. */
static long column(const struct header *h, const char *name)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (!strcasecmp(h->names[i], name))
			return (long)i;
	return -1;
}

static const char *field(const struct vt_csv_record *rec, long col)
{
	return col >= 0 && (size_t)col < rec->nfields ? rec->fields[col] : "";
}

/* Open 'path' for reading as CSV; VT_EIO if it cannot be. */
static enum vt_err open_csv(const char *path, FILE **f, struct vt_csv **csv)
{
	*f = fopen(path, "rb");
	if (!*f)
		return VT_EIO;
	if (vt_csv_open(*f, NULL, csv)) {
		fclose(*f);
		return VT_ENOMEM;
	}
	return VT_OK;
}

static enum vt_err csv_problem(struct vt_csv *csv, const char *path,
			       enum vt_err result, struct vt_diagq *dq)
{
	if (result == VT_EIO || result == VT_ENOMEM)
		return result;
	vt_diag_add(dq, VT_SEV_ERROR, path, vt_csv_error_line(csv),
		    vt_csv_error_column(csv), "%s", vt_csv_error(csv));
	return VT_EINVAL;
}

/* ------------------------------------------------------------------ */
/* Statistical neighbours */

/* "SN1", "SN_10": a neighbour column (not "SNP", "SN_1P"). */
static bool neighbour_column(const char *name)
{
	const char *p = name;

	if (strncasecmp(p, "SN", 2))
		return false;
	p += 2;
	if (*p == '_')
		p++;
	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	return *p == '\0';
}

enum vt_err vt_dfe_neighbours(const char *path, const char *la,
			      char ***out, size_t *n, struct vt_diagq *dq)
{
	struct vt_csv_record rec;
	struct header h;
	struct vt_csv *csv;
	enum vt_err result;
	FILE *f;
	long code;
	size_t i, found = 0;

	*out = NULL;
	*n = 0;
	result = open_csv(path, &f, &csv);
	if (result)
		return result;
	result = header_read(csv, &h);
	if (result == VT_ENOTFOUND) {
		vt_diag_add(dq, VT_SEV_ERROR, path, 0, 0, "the file is empty");
		result = VT_EINVAL;
	} else if (result) {
		result = csv_problem(csv, path, result, dq);
	}
	code = column(&h, "LA num");
	if (code < 0)
		code = column(&h, "old_la_code");
	for (i = 0; !result && i < h.n; i++)
		found += neighbour_column(h.names[i]);
	if (!result && (code < 0 || !found)) {
		vt_diag_add(dq, VT_SEV_ERROR, path, 1, 0, "not a statistical-"
			    "neighbour file: it needs an 'LA num' or "
			    "'old_la_code' column and SN1..SN10 (or SN_1..SN_10)"
			    " columns");
		result = VT_EINVAL;
	}
	while (!result && !(result = vt_csv_next(csv, &rec))) {
		if (strcmp(field(&rec, code), la))
			continue;
		*out = calloc(found + 1, sizeof(**out));
		if (!*out) {
			result = VT_ENOMEM;
			break;
		}
		for (i = 0; i < h.n && i < rec.nfields; i++) {
			if (!neighbour_column(h.names[i]) || !*rec.fields[i])
				continue;
			(*out)[*n] = strdup(rec.fields[i]);
			if (!(*out)[(*n)++]) {
				result = VT_ENOMEM;
				break;
			}
		}
		break;
	}
	if (result == VT_ENOTFOUND) {
		vt_diag_add(dq, VT_SEV_ERROR, path, 0, 0, "no row for local "
			    "authority '%s' (column '%s')", la, h.names[code]);
		result = VT_EINVAL;
	} else if (result && result != VT_ENOMEM && result != VT_EINVAL) {
		result = csv_problem(csv, path, result, dq);
	}
	if (result) {
		for (i = 0; i < *n; i++)
			free((*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	header_release(&h);
	vt_csv_close(csv);
	fclose(f);
	return result;
}

/* ------------------------------------------------------------------ */
/* Statistics files */

/* The columns every statistics file has. */
enum col {
	C_TIME_PERIOD, C_TIME_IDENTIFIER, C_LEVEL, C_COUNTRY_CODE,
	C_COUNTRY_NAME, C_REGION_CODE, C_REGION_NAME, C_OLD_LA_CODE,
	C_LA_NAME, C__MAX
};
static const char *const col_names[C__MAX] = {
	"time_period", "time_identifier", "geographic_level", "country_code",
	"country_name", "region_code", "region_name", "old_la_code", "la_name"
};

/* A row's place: England, a region or a local authority. */
struct area {
	int level;		/* enum vt_level, or -1: another level */
	const char *code, *name, *region;
};

static void row_area(const struct vt_csv_record *rec, const long *cols,
		     struct area *a)
{
	const char *level = field(rec, cols[C_LEVEL]);

	a->region = NULL;
	if (!strcasecmp(level, "National")) {
		a->level = VT_LEVEL_NATIONAL;
		a->code = field(rec, cols[C_COUNTRY_CODE]);
		a->name = field(rec, cols[C_COUNTRY_NAME]);
	} else if (!strcasecmp(level, "Regional")) {
		a->level = VT_LEVEL_REGIONAL;
		a->code = field(rec, cols[C_REGION_CODE]);
		a->name = field(rec, cols[C_REGION_NAME]);
	} else if (!strcasecmp(level, "Local authority")) {
		a->level = VT_LEVEL_LOCAL_AUTHORITY;
		a->code = field(rec, cols[C_OLD_LA_CODE]);
		a->name = field(rec, cols[C_LA_NAME]);
		a->region = field(rec, cols[C_REGION_CODE]);
	} else {
		a->level = -1;
	}
}

/* The Vitals period of a row ("2024"), or false with the reason. */
static bool row_period(const char *tp, const char *ti, char out[16],
		       char *why, size_t whysize)
{
	int year, len = (int)strlen(tp), i;

	for (i = 0; i < len; i++)
		if (!isdigit((unsigned char)tp[i]))
			break;
	if (i != len || (len != 4 && len != 6)) {
		snprintf(why, whysize, "time_period '%s' is not a year (2025) "
			 "or a span of years (202425)", tp);
		return false;
	}
	if (sscanf(tp, "%4d", &year) != 1)
		year = 0;
	if (!strcasecmp(ti, "Reporting year") && len == 4)
		year -= 1;	/* the year to 31 March */
	else if (!((!strcasecmp(ti, "Financial year") ||
		    !strcasecmp(ti, "Academic year")) && len == 6) &&
		 !(!strcasecmp(ti, "Calendar year") && len == 4)) {
		snprintf(why, whysize, "time_identifier '%s' with time_period "
			 "'%s' is not a period Vitals reads (Reporting year "
			 "2025, Financial or Academic year 202425, Calendar "
			 "year 2025)", ti, tp);
		return false;
	}
	if (year < 1900 || year > 9999) {
		snprintf(why, whysize, "time_period '%s' is out of range", tp);
		return false;
	}
	snprintf(out, 16, "%d", year);
	return true;
}

static bool is_suppression(const char *s)
{
	size_t i;

	for (i = 0; vt_suppression_codes[i]; i++)
		if (!strcmp(s, vt_suppression_codes[i]))
			return true;
	return false;
}

/* Children in an area in a year, from the ONS file read into a list. */
struct pop {
	char *area;
	int year;
	double children;
};

struct pops {
	struct pop *items;
	size_t n;
};

static void pops_release(struct pops *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->items[i].area);
	free(p->items);
	memset(p, 0, sizeof(*p));
}

static double pop_of(const struct pops *p, const char *area, int year)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->items[i].year == year && !strcmp(p->items[i].area, area))
			return p->items[i].children;
	return NAN;
}

/* Read the columns every statistics file has, and one more. */
static enum vt_err find_columns(const char *path, struct header *h,
				long *cols, const char *extra, long *xcol,
				struct vt_diagq *dq)
{
	enum vt_err result = VT_OK;
	int c;

	for (c = 0; c < C__MAX; c++) {
		cols[c] = column(h, col_names[c]);
		if (cols[c] < 0)
			result = vt_diag_add(dq, VT_SEV_ERROR, path, 1, 0,
				"no column '%s': not a DfE statistics file "
				"as published", col_names[c]);
	}
	*xcol = column(h, extra);
	if (*xcol < 0)
		result = vt_diag_add(dq, VT_SEV_ERROR, path, 1, 0,
			"no column '%s' in the file", extra);
	return result ? result : dq->errors ? VT_EINVAL : VT_OK;
}

static enum vt_err read_population(const char *path, struct pops *out,
				   struct vt_diagq *dq)
{
	struct vt_csv_record rec;
	struct header h;
	struct vt_csv *csv;
	struct area a;
	enum vt_err result;
	long cols[C__MAX], est, age;
	FILE *f;

	memset(out, 0, sizeof(*out));
	result = open_csv(path, &f, &csv);
	if (result)
		return result;
	result = header_read(csv, &h);
	if (result)
		result = csv_problem(csv, path, result, dq);
	if (!result)
		result = find_columns(path, &h, cols, "population_estimate",
				      &est, dq);
	age = column(&h, "age_group");
	while (!result && !(result = vt_csv_next(csv, &rec))) {
		struct pop *p;
		double v;

		row_area(&rec, cols, &a);
		if (a.level < 0 || (age >= 0 && strcasecmp(field(&rec, age),
				"Children aged 0 to 17 years")))
			continue;
		if (vt_parse_double(field(&rec, est), &v))
			continue;	/* suppressed: no rate from it */
		p = realloc(out->items, (out->n + 1) * sizeof(*p));
		if (!p) {
			result = VT_ENOMEM;
			break;
		}
		out->items = p;
		p += out->n;
		p->area = strdup(a.code);
		/* The mid-year estimate's own year, whatever the file
		   calls it: mid-2019 divides the year to 31 March 2020,
		   the Vitals year 2019, as the DfE's own rates do. */
		p->year = (int)strtol(field(&rec, cols[C_TIME_PERIOD]), NULL, 10);
		p->children = v;
		if (!p->area) {
			result = VT_ENOMEM;
			break;
		}
		out->n++;
	}
	if (result == VT_ENOTFOUND)
		result = VT_OK;
	else if (result && result != VT_ENOMEM && result != VT_EINVAL)
		result = csv_problem(csv, path, result, dq);
	header_release(&h);
	vt_csv_close(csv);
	fclose(f);
	return result;
}

/* A rate column says so in its name ("rate_per_10000", "cla_rate"). */
static bool rate_column(const char *name)
{
	const char *p;

	if (!strncasecmp(name, "rate", 4))
		return true;
	for (p = name; *p; p++)
		if (!strncasecmp(p, "_rate", 5))
			return true;
	return false;
}

/* So does a percentage ("percent_re_referrals", "pc_neglect",
   "neglect_pc"). */
static bool percent_column(const char *name)
{
	size_t len = strlen(name);
	const char *p;

	if (!strncasecmp(name, "pc_", 3) || !strncasecmp(name, "pt_", 3) ||
	    (len > 3 && !strcasecmp(name + len - 3, "_pc")) ||
	    (len > 4 && !strcasecmp(name + len - 4, "_pct")))
		return true;
	for (p = name; *p; p++)
		if (!strncasecmp(p, "percent", 7))
			return true;
	return false;
}

/* What a column holds, by its name: DfE names say so. */
enum column_kind { COLUMN_COUNT, COLUMN_RATE, COLUMN_PERCENT };

static const char *const column_kind_words[] = {
	"a count", "a rate per 10,000 children", "a percentage"
};

static enum column_kind column_kind(const char *name)
{
	return rate_column(name) ? COLUMN_RATE
	       : percent_column(name) ? COLUMN_PERCENT : COLUMN_COUNT;
}

/*
 * Whether a column of kind 'k' can be compared with a measure of 'unit',
 * with a population file or not.  A count becomes a rate only through
 * the population; a rate or a count is never a percentage.  False with
 * the reason in 'why'.
 */
static bool column_fits(const struct vt_dfe_request *req, enum column_kind k,
			char *why, size_t size)
{
	const char *unit = vt_unit_names[req->unit];

	if (req->unit == VT_UNIT_RATE10K && k == COLUMN_COUNT &&
	    !req->population) {
		snprintf(why, size, "column '%s' is a count (its name does not "
			 "say it is a rate) and measure '%s' is a rate per "
			 "10,000 children: give the child population file to "
			 "turn the counts into rates, or choose the file's "
			 "rate column", req->column, req->measure);
		return false;
	}
	if ((req->unit == VT_UNIT_PERCENT && k != COLUMN_PERCENT &&
	     k != COLUMN_COUNT) ||
	    (req->unit != VT_UNIT_PERCENT && k == COLUMN_PERCENT) ||
	    ((req->unit == VT_UNIT_DAYS || req->unit == VT_UNIT_CURRENCY) &&
	     k != COLUMN_COUNT)) {
		snprintf(why, size, "column '%s' is %s and measure '%s' is "
			 "measured as %s: they cannot be compared", req->column,
			 column_kind_words[k], req->measure, unit);
		return false;
	}
	return true;
}

struct reading {
	long filter_col;
	const char *filter_value;
	size_t first;		/* comparators in 'def' before this file */
	long *lines;		/* the line of each one read from it */
	const char *path, *source;
	const struct vt_dfe_request *req;
	struct vt_def *def;
	struct vt_diagq *dq;
	const struct pops *pops;
	enum column_kind kind;
};

/* "COLUMN=VALUE" of --filter: the column must be in the file. */
static enum vt_err find_filter(struct reading *r, const struct header *h,
			       const char *filter, char *buf, size_t size)
{
	char *eq;

	snprintf(buf, size, "%s", filter);
	eq = strchr(buf, '=');
	if (!eq || eq == buf) {
		vt_diag_add(r->dq, VT_SEV_ERROR, r->path, 0, 0,
			    "filter '%s' is not COLUMN=VALUE", filter);
		return VT_EINVAL;
	}
	*eq = '\0';
	r->filter_value = eq + 1;
	r->filter_col = column(h, buf);
	if (r->filter_col < 0) {
		vt_diag_add(r->dq, VT_SEV_ERROR, r->path, 1, 0,
			    "filter: no column '%s' in the file", buf);
		return VT_EINVAL;
	}
	return VT_OK;
}

/*
 * A second row for one area and period: the file breaks its figures down
 * by a column the import was not told to choose by.  Reported once.
 */
static bool same_row(struct reading *r, const char *area, const char *period,
		     long line)
{
	const struct vt_comparator *c = r->def->tables[VT_KIND_COMPARATOR].items;
	size_t i, n = vt_def_count(r->def, VT_KIND_COMPARATOR);

	for (i = r->first; i < n; i++) {
		if (strcmp(c[i].area, area) || strcmp(c[i].period, period))
			continue;
		if (!r->dq->errors)
			vt_diag_add_field(r->dq, VT_SEV_ERROR, r->path,
				line, 0, "filter", "a second row for %s in %s "
				"(the first is at line %ld): the file has "
				"several figures per area and year; choose one "
				"with a filter COLUMN=VALUE", c[i].name, period,
				r->lines[i - r->first]);
		return true;
	}
	return false;
}

/* One published figure, the cell at column 'xcol' of 'rec', for the
   area 'a' in 'period'. */
static enum vt_err add_figure(struct reading *r,
			      const struct vt_csv_record *rec, long xcol,
			      const char *period, const struct area *a)
{
	const char *cell = field(rec, xcol);
	struct vt_comparator *c;
	enum vt_err result;
	double v = NAN;
	long *lines;
	size_t n;

	if (!is_suppression(cell) && vt_parse_double(cell, &v))
		return vt_diag_add(r->dq, VT_SEV_ERROR, r->path, rec->line,
				   rec->columns[xcol], "'%s' is not a number "
				   "or a DfE suppression code (c, x, z, u, k)",
				   cell);
	/* No published figure is this large; the neighbours' mean of a few
	   such would not be finite. */
	if (!is_suppression(cell) && fabs(v) > vt_unit_max(VT_UNIT_CURRENCY))
		return vt_diag_add(r->dq, VT_SEV_ERROR, r->path, rec->line,
				   rec->columns[xcol], "%s is more than any "
				   "figure could be (at most %g)", cell,
				   vt_unit_max(VT_UNIT_CURRENCY));
	if (!*a->code || !*a->name)
		return vt_diag_add(r->dq, VT_SEV_ERROR, r->path, rec->line, 0,
				   "the row names no area (code and name)");
	if (same_row(r, a->code, period, rec->line))
		return VT_OK;
	result = vt_def_append(r->def, VT_KIND_COMPARATOR, (void **)&c);
	if (result)
		return result;
	n = vt_def_count(r->def, VT_KIND_COMPARATOR) - r->first;
	lines = realloc(r->lines, n * sizeof(*lines));
	if (!lines)
		return VT_ENOMEM;
	r->lines = lines;
	lines[n - 1] = rec->line;
	c->measure = strdup(r->req->measure);
	c->period = strdup(period);
	c->area = strdup(a->code);
	c->level = a->level;
	c->name = strdup(a->name);
	c->region = a->region && *a->region ? strdup(a->region) : NULL;
	c->source = strdup(r->source);
	if (isnan(v))
		c->suppressed = strdup(cell);
	c->value = v;
	c->rate = NAN;
	if (!isnan(v) && r->kind == COLUMN_RATE)
		c->rate = v;
	else if (!isnan(v) && r->kind == COLUMN_COUNT && r->pops->n)
		c->rate = v / pop_of(r->pops, a->code,
				     (int)strtol(period, NULL, 10)) * 10000.0;
	if (!c->measure || !c->period || !c->area || !c->name ||
	    !c->source || (isnan(v) && !c->suppressed) ||
	    (a->region && *a->region && !c->region))
		return VT_ENOMEM;
	return VT_OK;
}

static enum vt_err add_row(struct reading *r, const struct vt_csv_record *rec,
			   const long *cols, long xcol, const struct area *a)
{
	char period[16], why[256];

	if (!row_period(field(rec, cols[C_TIME_PERIOD]),
			field(rec, cols[C_TIME_IDENTIFIER]), period, why,
			sizeof(why)))
		return vt_diag_add(r->dq, VT_SEV_ERROR, r->path, rec->line,
				   rec->columns[cols[C_TIME_PERIOD]], "%s",
				   why);
	return add_figure(r, rec, xcol, period, a);
}

static bool has_la(const struct vt_comparator *items, size_t n,
		   const char *la)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (items[i].level == VT_LEVEL_LOCAL_AUTHORITY &&
		    !strcmp(items[i].area, la))
			return true;
	return false;
}

/*
 * Regions other than the LA's are read, then dropped once it is known.
 * VT_ENOTFOUND when the file has no row of the LA at all.
 */
static enum vt_err keep_own_region(struct vt_def *def, const char *la,
				   size_t from)
{
	struct vt_table *t = &def->tables[VT_KIND_COMPARATOR];
	struct vt_comparator *items = t->items;
	const char *region = NULL;
	size_t i, kept = from;

	for (i = from; i < t->n; i++)
		if (items[i].level == VT_LEVEL_LOCAL_AUTHORITY &&
		    !strcmp(items[i].area, la))
			region = items[i].region;
	if (!has_la(items + from, t->n - from, la))
		return VT_ENOTFOUND;
	for (i = from; i < t->n; i++) {
		if (items[i].level == VT_LEVEL_REGIONAL &&
		    (!region || strcmp(items[i].area, region))) {
			vt_record_release(VT_KIND_COMPARATOR, &items[i]);
			continue;
		}
		items[kept++] = items[i];
	}
	t->n = kept;
	return VT_OK;
}

/* ------------------------------------------------------------------ */
/* LAIT's long format */

enum lait_col { L_SHORT, L_ITEM, L_YEARS, L_AREA, L_VALUES, L_NUMBER,
		L_REGION, L__MAX };
static const char *const lait_names[L__MAX] = {
	"Short Desc", "Data item", "Years", "LA and Regions", "Values",
	"LA Number", "Region"
};

static bool is_no_region(const char *s)
{
	return !*s || !strcasecmp(s, "NA");
}

/* An LA's region as LAIT names it, as its regions' rows name them:
   "Outer London" is "London (Outer)". */
static bool same_region(const char *la_region, const char *name)
{
	if (!strcasecmp(la_region, "Inner London"))
		la_region = "London (Inner)";
	else if (!strcasecmp(la_region, "Outer London"))
		la_region = "London (Outer)";
	return !strcasecmp(la_region, name);
}

/*
 * LAIT names an LA's region; the regions' rows carry LAIT's numbers.
 * Each LA read from 'first' on gets its region's number, or none.
 */
static enum vt_err lait_regions(struct vt_def *def, size_t first)
{
	struct vt_table *t = &def->tables[VT_KIND_COMPARATOR];
	struct vt_comparator *c = t->items;
	size_t i, j;

	for (i = first; i < t->n; i++) {
		char *code = NULL;

		if (c[i].level != VT_LEVEL_LOCAL_AUTHORITY || !c[i].region)
			continue;
		for (j = first; j < t->n && !code; j++)
			if (c[j].level == VT_LEVEL_REGIONAL &&
			    !strcmp(c[j].period, c[i].period) &&
			    same_region(c[i].region, c[j].name)) {
				code = strdup(c[j].area);
				if (!code)
					return VT_ENOMEM;
			}
		free(c[i].region);
		c[i].region = code;
	}
	return VT_OK;
}

static bool lait_file(const struct header *h, long *cols)
{
	int c;

	for (c = 0; c < L__MAX; c++)
		if ((cols[c] = column(h, lait_names[c])) < 0)
			return false;
	return true;
}

/* "2016" the year to 31 March 2016 (2015); "2016-17", "2016/17" 2016. */
static bool lait_period(const char *years, char out[16])
{
	int y;

	if (strlen(years) == 4 && strspn(years, "0123456789") == 4)
		y = (int)strtol(years, NULL, 10) - 1;
	else if (strlen(years) == 7 && strspn(years, "0123456789") == 4 &&
		 (years[4] == '-' || years[4] == '/') &&
		 strspn(years + 5, "0123456789") == 2)
		y = (int)strtol(years, NULL, 10);
	else
		return false;
	if (y < 1900 || y > 9999)
		return false;
	snprintf(out, 16, "%d", y);
	return true;
}

static bool has_text(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

/* What an indicator holds, by its code or its description. */
static enum column_kind lait_kind(const char *code, const char *item)
{
	if (column_kind(code) != COLUMN_COUNT)
		return column_kind(code);
	if (has_text(item, "per 10,000") || has_text(item, "per 10000") ||
	    !strncasecmp(item, "rate", 4))
		return COLUMN_RATE;
	if (has_text(item, "percent") || strchr(item, '%') ||
	    has_text(item, "proportion"))
		return COLUMN_PERCENT;
	return COLUMN_COUNT;
}

/* The dictionary's Polarity of 'code' ("Low", "High"), into 'out';
   false when it is not there or not one. */
static bool lait_polarity(const char *path, const char *code, char *out,
			  size_t size, struct vt_diagq *dq)
{
	struct vt_csv_record rec;
	struct header h;
	struct vt_csv *csv;
	long c_code, c_pol;
	bool found = false;
	FILE *f;

	if (open_csv(path, &f, &csv)) {
		vt_diag_add(dq, VT_SEV_ERROR, path, 0, 0, "cannot read the "
			    "LAIT data dictionary");
		return false;
	}
	if (!header_read(csv, &h)) {
		c_code = column(&h, "Measure_short");
		c_pol = column(&h, "Polarity");
		if (c_code < 0 || c_pol < 0)
			vt_diag_add(dq, VT_SEV_ERROR, path, 1, 0, "not LAIT's "
				    "data dictionary: it needs the columns "
				    "Measure_short and Polarity");
		while (c_code >= 0 && c_pol >= 0 && !found &&
		       !vt_csv_next(csv, &rec))
			if (!strcmp(field(&rec, c_code), code)) {
				snprintf(out, size, "%s", field(&rec, c_pol));
				found = !strcasecmp(out, "Low") ||
					!strcasecmp(out, "High");
			}
		header_release(&h);
	}
	vt_csv_close(csv);
	fclose(f);
	return found;
}

static enum vt_err lait_rows(struct reading *r, struct vt_csv *csv,
			     const long *cols)
{
	const struct vt_dfe_request *req = r->req;
	struct vt_csv_record rec;
	bool kind_known = false;
	enum vt_err result;
	char period[16], why[512];
	struct area a;

	while (!(result = vt_csv_next(csv, &rec))) {
		const char *number = field(&rec, cols[L_NUMBER]);
		const char *name = field(&rec, cols[L_AREA]);

		if (strcmp(field(&rec, cols[L_SHORT]), req->column))
			continue;
		if (!kind_known) {
			kind_known = true;
			r->kind = lait_kind(req->column,
					    field(&rec, cols[L_ITEM]));
			if (!column_fits(req, r->kind, why, sizeof(why)))
				return vt_diag_add_field(r->dq, VT_SEV_ERROR,
					r->path, rec.line, 0, "column", "%s",
					why);
		}
		if (!strcmp(field(&rec, cols[L_VALUES]), "-"))
			continue;	/* no figure */
		/* England and the regions have no region of their own
		   ("NA") and numbers of LAIT's: 970 England, 980.. */
		if (!strcasecmp(name, "England"))
			a = (struct area){ VT_LEVEL_NATIONAL, VT_DFE_ENGLAND,
					   "England", NULL };
		else if (!*number || strspn(number, "0123456789") !=
					     strlen(number))
			continue;
		else if (is_no_region(field(&rec, cols[L_REGION])))
			a = (struct area){ VT_LEVEL_REGIONAL, number, name,
					   NULL };
		else	/* its region by name, for now: see lait_regions */
			a = (struct area){ VT_LEVEL_LOCAL_AUTHORITY, number,
					   name, field(&rec, cols[L_REGION]) };
		if (!lait_period(field(&rec, cols[L_YEARS]), period)) {
			vt_diag_add(r->dq, VT_SEV_ERROR, r->path, rec.line,
				    rec.columns[cols[L_YEARS]], "Years '%s' "
				    "is not a year (2016, the year to 31 "
				    "March) or a financial year (2016-17)",
				    field(&rec, cols[L_YEARS]));
			continue;
		}
		result = add_figure(r, &rec, cols[L_VALUES], period, &a);
		if (result)
			return result;
	}
	if (result != VT_ENOTFOUND)
		return result;
	if (!kind_known)
		return vt_diag_add_field(r->dq, VT_SEV_ERROR, r->path, 0, 0,
			"column", "no row of indicator '%s' (the Short Desc "
			"column) in the LAIT file", req->column);
	return lait_regions(r->def, r->first);
}

/* LAIT's polarity against the measure's direction: a warning. */
static void lait_check_polarity(const struct vt_dfe_request *req,
				const char *path, struct vt_diagq *dq)
{
	char polarity[32];
	bool low;

	if (!req->dictionary ||
	    !lait_polarity(req->dictionary, req->column, polarity,
			   sizeof(polarity), dq) ||
	    req->direction == VT_DIRECTION_NONE)
		return;
	low = !strcasecmp(polarity, "Low");
	if (low != (req->direction == VT_DIRECTION_REDUCE))
		vt_diag_add(dq, VT_SEV_WARNING, path, 0, 0, "LAIT's polarity "
			    "of '%s' is %s (%s is better) but measure '%s' "
			    "is to %s: check the measure's direction",
			    req->column, polarity, low ? "lower" : "higher",
			    req->measure, vt_direction_names[req->direction]);
}

enum vt_err vt_dfe_comparators(const char *path,
			       const struct vt_dfe_request *req,
			       struct vt_def *def, struct vt_diagq *dq)
{
	struct reading r = { -1, NULL, 0, NULL, path, NULL, req, def, dq, NULL,
			     COLUMN_COUNT };
	char filter[256];
	struct pops pops = { NULL, 0 };
	struct vt_csv_record rec;
	struct header h = { NULL, 0 };
	struct vt_csv *csv = NULL;
	char source[512], why[512];
	const char *base = strrchr(path, '/');
	size_t first = vt_def_count(def, VT_KIND_COMPARATOR);
	long cols[C__MAX], xcol = -1;
	bool lait = false;
	enum vt_err result;
	struct area a;
	FILE *f;

	r.first = first;
	snprintf(source, sizeof(source), "%s:%s", base ? base + 1 : path,
		 req->column);
	r.source = source;
	r.kind = column_kind(req->column);
	r.pops = &pops;
	if (req->population && r.kind == COLUMN_COUNT &&
	    (req->unit == VT_UNIT_COUNT || req->unit == VT_UNIT_RATE10K)) {
		result = read_population(req->population, &pops, dq);
		if (result)
			return result == VT_EIO ? VT_EIO : VT_EINVAL;
	}
	result = open_csv(path, &f, &csv);
	if (result) {
		pops_release(&pops);
		return result;
	}
	result = header_read(csv, &h);
	if (result == VT_ENOTFOUND) {
		vt_diag_add(dq, VT_SEV_ERROR, path, 0, 0, "the file is empty");
		result = VT_EINVAL;
	} else if (result) {
		result = csv_problem(csv, path, result, dq);
	}
	if (!result && (lait = lait_file(&h, cols))) {
		lait_check_polarity(req, path, dq);
		result = lait_rows(&r, csv, cols);
		goto read;
	}
	if (!result)
		result = find_columns(path, &h, cols, req->column, &xcol, dq);
	if (!result && !column_fits(req, r.kind, why, sizeof(why))) {
		vt_diag_add_field(dq, VT_SEV_ERROR, path, 1,
				  xcol >= 0 ? xcol + 1 : 0, "column", "%s",
				  why);
		result = VT_EINVAL;
	}
	if (!result && req->filter)
		result = find_filter(&r, &h, req->filter, filter,
				     sizeof(filter));
	while (!result && !(result = vt_csv_next(csv, &rec))) {
		row_area(&rec, cols, &a);
		if (r.filter_col >= 0 &&
		    strcmp(field(&rec, r.filter_col), r.filter_value))
			continue;
		/* Every LA is kept: a neighbour set may change later, and
		   a rank needs them all. */
		if (a.level < 0 || (a.level == VT_LEVEL_NATIONAL &&
				    strcmp(a.code, VT_DFE_ENGLAND)))
			continue;
		result = add_row(&r, &rec, cols, xcol, &a);
	}
read:
	if (result == VT_ENOTFOUND)
		result = VT_OK;
	else if (result && result != VT_ENOMEM && result != VT_EINVAL)
		result = csv_problem(csv, path, result, dq);
	if (!result && !dq->errors && keep_own_region(def, req->la, first)) {
		vt_diag_add(dq, VT_SEV_ERROR, path, 0, 0, "no row for local "
			    "authority '%s' (column %s): is it the "
			    "partnership's LA code?", req->la,
			    lait ? "LA Number" : "old_la_code");
		result = VT_EINVAL;
	}
	if (!result && dq->errors)
		result = VT_EINVAL;
	header_release(&h);
	vt_csv_close(csv);
	fclose(f);
	pops_release(&pops);
	free(r.lines);
	return result;
}
