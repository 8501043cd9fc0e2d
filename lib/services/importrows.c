/* The figures of an import: sorted, compared with what is stored, written. */
#include "services/importrows.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/robust.h"

/*
 * Rows sorted in memory before a run goes to disk.  More only saves
 * merging: 1,000,000 rows make a dozen runs (bench/import/README.md).
 */
#define SORT_MEMORY (8u << 20)

/* A value is an outlier past this many robust deviations (median, MAD). */
#define OUTLIER_DEVIATIONS 3.0

/* The text fields of a sorted row, in the order they follow its head. */
enum { F_PERIOD, F_BREAKDOWN, F_SUPPRESSED, F_SHEET, F_NOTE, F__MAX };

/* One row in the sort: this head, then its text fields, each NUL-ended. */
struct staged {
	uint32_t measure;		/* rank in the index: its code's order */
	uint32_t present;		/* bit per text field that is there */
	uint32_t len[F__MAX];		/* without the NUL */
	int64_t ordinal;		/* its place in the file */
	int64_t line;
	int64_t based_on;		/* the version the editor saw; -1: any */
	double value;			/* NaN: none (suppressed) */
	double numerator, denominator;
};

struct view {
	const struct staged *h;
	const char *f[F__MAX];		/* NULL where absent */
};

static void view_of(const void *rec, struct view *v)
{
	const struct staged *h = rec;
	const char *p = (const char *)(h + 1);
	int i;

	v->h = h;
	for (i = 0; i < F__MAX; i++) {
		v->f[i] = NULL;
		if (h->present & (1u << i)) {
			v->f[i] = p;
			p += h->len[i] + 1;
		}
	}
}

/* measure_value's key order; rows given twice keep the file's order. */
static int by_key(const void *a, const void *b)
{
	const struct staged *x = a, *y = b;
	const char *px = (const char *)(x + 1), *py = (const char *)(y + 1);
	int c;

	if (x->measure != y->measure)
		return x->measure < y->measure ? -1 : 1;
	c = strcmp(px, py);
	if (c)
		return c;
	/* The breakdown follows the period; both are always there. */
	c = strcmp(px + x->len[F_PERIOD] + 1, py + y->len[F_PERIOD] + 1);
	if (c)
		return c;
	return x->ordinal < y->ordinal ? -1 : x->ordinal > y->ordinal;
}

/* The sort's files are the only files the pass writes: say which failed. */
static enum vt_err temp_error(enum vt_err result)
{
	return result == VT_EIO ? VT_ETEMP : result;
}

enum vt_err vt_import_rows_init(struct vt_import_rows *r, struct vt_store *s,
				const struct vt_return_index *ix,
				struct vt_diagq *dq)
{
	memset(r, 0, sizeof(*r));
	r->store = s;
	r->ix = ix;
	r->dq = dq;
	return vt_extsort_init(&r->sorted, SORT_MEMORY, by_key);
}

enum vt_err vt_import_rows_add(struct vt_import_rows *r,
			       const struct vt_return_row *row,
			       const struct vt_checked_row *c)
{
	const char *f[F__MAX] = { c->period, c->breakdown ? c->breakdown : "",
				  c->suppressed, row->sheet, c->note };
	struct staged h;
	size_t need = sizeof(h), len[F__MAX];
	char *p;
	int i;

	if (!r->source) {
		r->source = strdup(row->source ? row->source : "-");
		if (!r->source)
			return VT_ENOMEM;
	}
	memset(&h, 0, sizeof(h));
	for (i = 0; i < F__MAX; i++) {
		len[i] = f[i] ? strlen(f[i]) : 0;
		if (f[i])
			need += len[i] + 1;
	}
	if (need > r->scratch_size) {
		p = realloc(r->scratch, need);
		if (!p)
			return VT_ENOMEM;
		r->scratch = p;
		r->scratch_size = need;
	}
	h.measure = (uint32_t)c->measure_rank;
	/* The scan of what is stored covers the file's measures and periods. */
	if (!r->min_period || strcmp(c->period, r->min_period) < 0) {
		free(r->min_period);
		r->min_period = strdup(c->period);
		if (!r->min_period)
			return VT_ENOMEM;
	}
	if (!r->ordinal || h.measure < r->min_rank)
		r->min_rank = h.measure;
	if (!r->ordinal || h.measure > r->max_rank)
		r->max_rank = h.measure;
	h.ordinal = ++r->ordinal;
	h.line = row->line;
	h.based_on = row->check_version ? row->based_on : -1;
	h.value = c->value;
	h.numerator = c->numerator;
	h.denominator = c->denominator;
	p = r->scratch + sizeof(h);
	for (i = 0; i < F__MAX; i++) {
		if (!f[i])
			continue;
		h.present |= 1u << i;
		h.len[i] = (uint32_t)len[i];
		memcpy(p, f[i], len[i] + 1);
		p += len[i] + 1;
	}
	memcpy(r->scratch, &h, sizeof(h));
	return temp_error(vt_extsort_add(&r->sorted, r->scratch, need));
}

/* ------------------------------------------------------------------ */
/* The pass */

/*
 * A stored version as the scan gives it; its strings are in 'text', which
 * it owns and keeps for the next version read into the same place.
 */
struct stored {
	const char *measure, *period, *breakdown, *suppressed, *note;
	int64_t version;
	double value, numerator, denominator;
	char *text;
	size_t text_size;
};

/* Stored versions read from the scan at a time. */
#define SCAN_PAGE 1024

/* New, changed and unchanged figures of one return (agency, period). */
struct tally {
	const char *agency;
	char *period;
	size_t added, changed, unchanged;
};

/* A warning held back so that warnings come in the file's order. */
struct outlier {
	int64_t ordinal;
	char *place;
	char *message;
};

struct pass {
	struct vt_import_rows *r;
	bool judge, dry_run;
	bool bulk;			/* writing through ops->bulk_row() */
	bool queued;			/* writing after the pass */
	const char *who, *now;
	const char *status;		/* of each new figure */
	struct vt_import_summary *sum;
	int64_t last_id;		/* newest stored value before the import */
	/* the figure before this one, and where it was first given */
	bool any;
	uint32_t measure;
	char *key;			/* period \0 breakdown \0 sheet \0 */
	size_t key_size;
	int64_t first_line;
	bool first_sheet;
	/*
	 * What is stored of the file's measures, read in one scan in key
	 * order beside the rows: a page of versions, the one after the
	 * current key ('peek'), and the latest version of the current key.
	 */
	bool scanning;			/* the cursor is open */
	bool scan_done;			/* and has given its last page */
	struct stored *page;		/* SCAN_PAGE of them */
	size_t npage, page_at;
	struct stored *peek;		/* in 'page'; NULL: not read yet */
	struct stored cur;
	bool have_cur;
	char **firsts;			/* earliest stored period, by rank */
	size_t agency;			/* the measure's agency, by rank */
	size_t *listed;			/* changes listed per agency */
	struct tally *tallies;		/* by agency, period */
	size_t ntallies, tallies_alloc, last_tally;
	struct vt_import_change *changes;
	size_t nchanges, changes_alloc;
	struct outlier *outliers;	/* a heap, latest ordinal on top */
	size_t noutliers, outliers_past;
	struct vt_extsort queue;	/* new versions, in order, for bulk */
};

static struct vt_sqlval text_or_null(const char *s)
{
	return (struct vt_sqlval){ .type = s ? VT_SQL_TEXT : VT_SQL_NULL,
				   .s = s };
}

static struct vt_sqlval real_or_null(double d)
{
	return (struct vt_sqlval){ .type = isnan(d) ? VT_SQL_NULL : VT_SQL_REAL,
				   .d = d };
}

static const struct vt_measure *measure_of(const struct pass *p,
					   const struct view *v)
{
	return p->r->ix->measures[v->h->measure];
}

/* "q3.csv:17" or "q3.xlsx:Return!14": where a sorted row came from. */
static void place_of(const struct pass *p, const char *sheet, int64_t line,
		     char *out, size_t size)
{
	struct vt_return_row row;

	memset(&row, 0, sizeof(row));
	row.source = p->r->source;
	row.sheet = sheet;
	row.line = (long)line;
	vt_return_row_place(&row, -1, out, size);
}

static enum vt_err id_row(void *arg, const struct vt_sqlval *cols,
			  size_t ncols)
{
	int64_t *id = arg;

	if (ncols < 1)
		return VT_EDB;
	*id = cols[0].type == VT_SQL_INT ? cols[0].i : 0;
	return VT_OK;
}

/* ------------------------------------------------------------------ */
/* What is stored of one measure */

static double real_of(const struct vt_sqlval *v)
{
	if (v->type == VT_SQL_REAL)
		return v->d;
	if (v->type == VT_SQL_INT)
		return (double)v->i;
	return NAN;
}

/* One version from the scan into the next place of the page. */
static enum vt_err scan_row(void *arg, const struct vt_sqlval *cols,
			    size_t ncols)
{
	static const int texts[] = { 0, 1, 2, 5, 8 };
	struct pass *p = arg;
	struct stored *s;
	const char **to[5];
	size_t need = 0, i;
	char *t;

	if (ncols < 9 || cols[0].type != VT_SQL_TEXT ||
	    cols[1].type != VT_SQL_TEXT || cols[2].type != VT_SQL_TEXT ||
	    cols[3].type != VT_SQL_INT || p->npage == SCAN_PAGE)
		return VT_EDB;
	s = &p->page[p->npage++];
	to[0] = &s->measure;
	to[1] = &s->period;
	to[2] = &s->breakdown;
	to[3] = &s->suppressed;
	to[4] = &s->note;
	for (i = 0; i < 5; i++)
		if (cols[texts[i]].type == VT_SQL_TEXT)
			need += strlen(cols[texts[i]].s) + 1;
	if (need > s->text_size) {
		t = realloc(s->text, need);
		if (!t)
			return VT_ENOMEM;
		s->text = t;
		s->text_size = need;
	}
	t = s->text;
	for (i = 0; i < 5; i++) {
		const struct vt_sqlval *c = &cols[texts[i]];
		size_t n;

		*to[i] = NULL;
		if (c->type != VT_SQL_TEXT)
			continue;
		n = strlen(c->s) + 1;
		memcpy(t, c->s, n);
		*to[i] = t;
		t += n;
	}
	s->version = cols[3].i;
	s->value = real_of(&cols[4]);
	s->numerator = real_of(&cols[6]);
	s->denominator = real_of(&cols[7]);
	return VT_OK;
}

/* The next stored version in key order into p->peek; NULL after the last. */
static enum vt_err scan_next(struct pass *p)
{
	const struct vt_store *st = p->r->store;
	enum vt_err result;

	p->peek = NULL;
	if (p->page_at == p->npage) {
		if (!p->scanning || p->scan_done)
			return VT_OK;
		p->npage = p->page_at = 0;
		result = st->ops->cursor_next(st->conn, SCAN_PAGE, scan_row, p);
		if (result)
			return result;
		/* A short page is the last: the cursor is not read again. */
		p->scan_done = p->npage < SCAN_PAGE;
		if (!p->npage)
			return VT_OK;
	}
	p->peek = &p->page[p->page_at++];
	return VT_OK;
}

static void stored_swap(struct stored *a, struct stored *b)
{
	struct stored t = *a;

	*a = *b;
	*b = t;
}

static bool same_stored_key(const struct stored *a, const struct stored *b)
{
	return !strcmp(a->period, b->period) &&
	       !strcmp(a->breakdown, b->breakdown) &&
	       !strcmp(a->measure, b->measure);
}

/*
 * The next stored key, with its latest version, into p->cur: the scan
 * gives each key's versions oldest first, so the last of them is kept.
 */
static enum vt_err stored_advance(struct pass *p)
{
	enum vt_err result = VT_OK;

	p->have_cur = false;
	if (!p->peek)
		result = scan_next(p);
	if (result || !p->peek)
		return result;
	stored_swap(&p->cur, p->peek);
	p->have_cur = true;
	for (;;) {
		result = scan_next(p);
		if (result || !p->peek || !same_stored_key(p->peek, &p->cur))
			return result;
		stored_swap(&p->cur, p->peek);
	}
}

static int measure_rank(const void *key, const void *item)
{
	return strcmp(key, (*(const struct vt_measure *const *)item)->code);
}

/* Each measure's earliest stored period, kept by its rank. */
static enum vt_err first_row(void *arg, const struct vt_sqlval *cols,
			     size_t ncols)
{
	struct pass *p = arg;
	const void **hit;
	size_t rank;

	if (ncols < 2 || cols[0].type != VT_SQL_TEXT)
		return VT_EDB;
	if (cols[1].type != VT_SQL_TEXT)
		return VT_OK;
	hit = bsearch(cols[0].s, p->r->ix->measures, p->r->ix->nmeasures,
		      sizeof(*p->r->ix->measures), measure_rank);
	if (!hit)
		return VT_OK;
	rank = (size_t)(hit - p->r->ix->measures);
	free(p->firsts[rank]);
	p->firsts[rank] = strdup(cols[1].s);
	return p->firsts[rank] ? VT_OK : VT_ENOMEM;
}

/*
 * Open the one scan of what is stored of the file's measures, from the
 * file's earliest period on, in the order of the sorted rows (measure,
 * period, breakdown, then version), and read each measure's earliest
 * stored period: two statements, however many measures the file has.
 */
static enum vt_err scan_open(struct pass *p)
{
	struct vt_import_rows *r = p->r;
	const struct vt_store_ops *ops = r->store->ops;
	struct vt_sqlval params[4];
	enum vt_err result;

	if (!r->ordinal || !r->min_period)
		return VT_OK;
	if (!ops->cursor_open)
		return VT_EINVAL;
	p->page = calloc(SCAN_PAGE, sizeof(*p->page));
	p->firsts = calloc(r->ix->nmeasures + 1, sizeof(*p->firsts));
	if (!p->page || !p->firsts)
		return VT_ENOMEM;
	params[0] = text_or_null(((const struct vt_measure *)
				  r->ix->measures[r->min_rank])->code);
	params[1] = text_or_null(((const struct vt_measure *)
				  r->ix->measures[r->max_rank])->code);
	params[2] = text_or_null(r->min_period);
	params[3] = (struct vt_sqlval){ .type = VT_SQL_INT, .i = p->last_id };
	result = ops->exec(r->store->conn, STMT_VALUE_FIRSTS, params, 2,
			   first_row, p);
	if (!result)
		result = ops->cursor_open(r->store->conn, STMT_VALUE_SCAN,
					  params, 4);
	p->scanning = !result;
	if (!result)
		result = stored_advance(p);
	return result;
}

static void scan_close(struct pass *p)
{
	size_t i;

	if (p->scanning)
		p->r->store->ops->cursor_close(p->r->store->conn);
	p->scanning = false;
	for (i = 0; p->page && i < SCAN_PAGE; i++)
		free(p->page[i].text);
	free(p->page);
	p->page = NULL;
	p->peek = NULL;
	free(p->cur.text);
	memset(&p->cur, 0, sizeof(p->cur));
	p->have_cur = false;
	for (i = 0; p->firsts && i < p->r->ix->nmeasures; i++)
		free(p->firsts[i]);
	free(p->firsts);
	p->firsts = NULL;
}

static int agency_rank(const void *key, const void *item)
{
	return strcmp(key, (*(const struct vt_agency *const *)item)->code);
}

/* The agency whose changes are being listed, by rank. */
static void set_agency(struct pass *p, const char *agency)
{
	const void **hit = bsearch(agency, p->r->ix->agencies,
				   p->r->ix->nagencies,
				   sizeof(*p->r->ix->agencies), agency_rank);

	p->agency = hit ? (size_t)(hit - p->r->ix->agencies) : 0;
}

/*
 * The stored figure with this row's key, or NULL: the rows and the scan
 * come in the same order, so the scan moves on past every key before it.
 */
static enum vt_err stored_for(struct pass *p, const struct view *v,
			      const struct stored **out)
{
	const char *code = measure_of(p, v)->code;
	enum vt_err result;

	*out = NULL;
	while (p->have_cur) {
		int c = strcmp(p->cur.measure, code);

		if (!c)
			c = strcmp(p->cur.period, v->f[F_PERIOD]);
		if (!c)
			c = strcmp(p->cur.breakdown, v->f[F_BREAKDOWN]);
		if (c > 0)
			return VT_OK;
		if (c == 0) {
			*out = &p->cur;
			return VT_OK;
		}
		result = stored_advance(p);
		if (result)
			return result;
	}
	return VT_OK;
}

static bool same_real(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* A row clearing its figure: neither a value nor a code. */
static bool withdrawn(const struct view *v)
{
	return isnan(v->h->value) && !v->f[F_SUPPRESSED];
}

static bool unchanged(const struct stored *s, const struct view *v)
{
	return same_real(s->value, v->h->value) &&
	       same_text(s->suppressed, v->f[F_SUPPRESSED]) &&
	       same_real(s->numerator, v->h->numerator) &&
	       same_real(s->denominator, v->h->denominator) &&
	       same_text(s->note, v->f[F_NOTE]);
}

/* ------------------------------------------------------------------ */
/* Counting per return, listing changes */

static int by_return_key(const char *agency, const char *period,
			 const struct tally *t)
{
	int c = strcmp(agency, t->agency);

	return c ? c : strcmp(period, t->period);
}

static struct tally *tally_for(struct pass *p, const char *agency,
			       const char *period)
{
	size_t lo = 0, hi = p->ntallies, next = p->last_tally + 1;
	struct tally *t;

	/*
	 * A measure's rows come period after period, and its agency's other
	 * measures made the same returns: most rows belong to the return
	 * after the last one's.
	 */
	if (next < p->ntallies &&
	    !by_return_key(agency, period, &p->tallies[next]))
		return &p->tallies[p->last_tally = next];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = by_return_key(agency, period, &p->tallies[mid]);

		if (!c)
			return &p->tallies[p->last_tally = mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (p->ntallies == p->tallies_alloc) {
		size_t n = p->tallies_alloc ? 2 * p->tallies_alloc : 64;

		t = realloc(p->tallies, n * sizeof(*t));
		if (!t)
			return NULL;
		p->tallies = t;
		p->tallies_alloc = n;
	}
	t = &p->tallies[lo];
	memmove(t + 1, t, (p->ntallies - lo) * sizeof(*t));
	p->ntallies++;
	memset(t, 0, sizeof(*t));
	t->agency = agency;
	t->period = strdup(period);
	p->last_tally = lo;
	return t->period ? t : NULL;
}

/* "12" or "c": a figure as the summary shows it. */
static char *figure_text(double value, const char *code)
{
	char buf[64] = "";

	if (code)
		return strdup(code);
	if (!isnan(value))
		snprintf(buf, sizeof(buf), "%.15g", value);
	return strdup(buf);
}

/*
 * Changes are listed by agency, then key; the rows come in key order, so
 * the first VT_IMPORT_MAX_LISTED of each agency are all that can be.
 */
static enum vt_err list_change(struct pass *p, const struct view *v,
			       const struct stored *s)
{
	const struct vt_measure *m = measure_of(p, v);
	const char *agency = vt_measure_agency_of(m, v->f[F_BREAKDOWN]);
	struct vt_import_change *c;

	/* A multi-agency measure's rows are several agencies' parts. */
	if (m->ncontributors)
		set_agency(p, agency);
	if (p->listed[p->agency] >= VT_IMPORT_MAX_LISTED)
		return VT_OK;
	p->listed[p->agency]++;
	if (p->nchanges == p->changes_alloc) {
		size_t n = p->changes_alloc ? 2 * p->changes_alloc : 16;

		c = realloc(p->changes, n * sizeof(*c));
		if (!c)
			return VT_ENOMEM;
		p->changes = c;
		p->changes_alloc = n;
	}
	c = &p->changes[p->nchanges++];
	c->agency = strdup(agency);
	c->measure = strdup(m->code);
	c->period = strdup(v->f[F_PERIOD]);
	c->breakdown = strdup(v->f[F_BREAKDOWN]);
	c->before = figure_text(s->value, s->suppressed);
	c->after = figure_text(v->h->value, v->f[F_SUPPRESSED]);
	c->cleared = withdrawn(v);
	return c->agency && c->measure && c->period && c->breakdown &&
	       c->before && c->after ? VT_OK : VT_ENOMEM;
}

static int by_change(const void *a, const void *b)
{
	const struct vt_import_change *x = a, *y = b;
	int c = strcmp(x->agency, y->agency);

	if (!c)
		c = strcmp(x->measure, y->measure);
	if (!c)
		c = strcmp(x->period, y->period);
	if (!c)
		c = strcmp(x->breakdown, y->breakdown);
	return c;
}

static void change_release(struct vt_import_change *c)
{
	free(c->agency);
	free(c->measure);
	free(c->period);
	free(c->breakdown);
	free(c->before);
	free(c->after);
}

/* ------------------------------------------------------------------ */
/* Outliers: each changed figure against the latest stored before it */

struct history {
	double values[8];
	size_t n;
};

static enum vt_err history_row(void *arg, const struct vt_sqlval *cols,
			       size_t ncols)
{
	struct history *h = arg;

	if (ncols >= 1 && cols[0].type != VT_SQL_NULL && h->n < 8)
		h->values[h->n++] = real_of(&cols[0]);
	return VT_OK;
}

static void outlier_swap(struct outlier *a, struct outlier *b)
{
	struct outlier t = *a;

	*a = *b;
	*b = t;
}

/*
 * Keep the VT_DIAGQ_MAX outliers earliest in the file (the queue shows
 * no more): a heap with the latest on top, replaced when an earlier one
 * comes.
 */
static enum vt_err keep_outlier(struct pass *p, int64_t ordinal,
				const char *place, const char *message)
{
	struct outlier *o = p->outliers;
	size_t i = p->noutliers;

	if (i == VT_DIAGQ_MAX) {
		p->outliers_past++;
		if (ordinal > o[0].ordinal)
			return VT_OK;
		free(o[0].place);
		free(o[0].message);
		o[0] = o[--p->noutliers];
		for (i = 0;;) {
			size_t l = 2 * i + 1, r = l + 1, m = i;

			if (l < p->noutliers && o[l].ordinal > o[m].ordinal)
				m = l;
			if (r < p->noutliers && o[r].ordinal > o[m].ordinal)
				m = r;
			if (m == i)
				break;
			outlier_swap(&o[i], &o[m]);
			i = m;
		}
		i = p->noutliers;
	}
	o[i].ordinal = ordinal;
	o[i].place = strdup(place);
	o[i].message = strdup(message);
	p->noutliers++;
	if (!o[i].place || !o[i].message)
		return VT_ENOMEM;
	while (i && o[(i - 1) / 2].ordinal < o[i].ordinal) {
		outlier_swap(&o[i], &o[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	return VT_OK;
}

static enum vt_err judge_outlier(struct pass *p, const struct view *v)
{
	const struct vt_measure *m = measure_of(p, v);
	const char *bd = v->f[F_BREAKDOWN];
	struct history h = { { 0 }, 0 };
	struct vt_sqlval params[4];
	bool outlier = false;
	double score = 0, median = 0;
	char place[600], message[1024];
	enum vt_err result;

	/* Only a figure with stored figures before it has a history. */
	const char *first = p->firsts ? p->firsts[v->h->measure] : NULL;

	if (isnan(v->h->value) || !first ||
	    strcmp(first, v->f[F_PERIOD]) >= 0)
		return VT_OK;
	params[0] = text_or_null(m->code);
	params[1] = text_or_null(bd);
	params[2] = text_or_null(v->f[F_PERIOD]);
	params[3] = (struct vt_sqlval){ .type = VT_SQL_INT, .i = p->last_id };
	result = p->r->store->ops->exec(p->r->store->conn, STMT_VALUE_HISTORY,
					params, 4, history_row, &h);
	if (result || h.n < 4)
		return result;
	result = vt_is_outlier(h.values, h.n, v->h->value, OUTLIER_DEVIATIONS,
			       &outlier, &score);
	if (result || !outlier)
		return result == VT_EINVAL ? VT_OK : result;
	result = vt_median(h.values, h.n, &median);
	if (result)
		return result;
	p->sum->warnings++;
	place_of(p, v->f[F_SHEET], v->h->line, place, sizeof(place));
	snprintf(message, sizeof(message),
		 "measure '%s'%s%s %s: %g is far from its recent values "
		 "(median %g of the last %zu); check it", m->code,
		 bd[0] ? " breakdown " : "", bd, v->f[F_PERIOD], v->h->value,
		 median, h.n);
	return keep_outlier(p, v->h->ordinal, place, message);
}

static int by_ordinal(const void *a, const void *b)
{
	const struct outlier *x = a, *y = b;

	return x->ordinal < y->ordinal ? -1 : x->ordinal > y->ordinal;
}

/* The warnings in file order; the queue counts those past its cap. */
static enum vt_err report_outliers(struct pass *p)
{
	enum vt_err result = VT_OK;
	size_t i;

	qsort(p->outliers, p->noutliers, sizeof(*p->outliers), by_ordinal);
	for (i = 0; i < p->noutliers && !result; i++)
		result = vt_diag_add(p->r->dq, VT_SEV_WARNING,
				     p->outliers[i].place, 0, 0, "%s",
				     p->outliers[i].message);
	for (i = 0; i < p->outliers_past && !result; i++)
		result = vt_diag_add(p->r->dq, VT_SEV_WARNING, NULL, 0, 0,
				     "far from its recent values");
	return result;
}

/* ------------------------------------------------------------------ */
/* Writing the new versions */

static void value_params(const struct pass *p, const struct view *v,
			 int64_t version, struct vt_sqlval out[14])
{
	const char *bd = v->f[F_BREAKDOWN];

	out[0] = text_or_null(measure_of(p, v)->code);
	out[1] = text_or_null(v->f[F_PERIOD]);
	out[2] = text_or_null(bd[0] ? bd : NULL);
	out[3] = (struct vt_sqlval){ .type = VT_SQL_INT, .i = version };
	out[4] = real_or_null(v->h->value);
	out[5] = text_or_null(v->f[F_SUPPRESSED]);
	out[6] = real_or_null(v->h->numerator);
	out[7] = real_or_null(v->h->denominator);
	out[8] = text_or_null(v->f[F_NOTE]);
	out[9] = text_or_null(p->status);
	out[10] = (struct vt_sqlval){ .type = VT_SQL_INT, .i = 0 };
	out[11] = text_or_null(p->who);
	out[12] = text_or_null(p->now);
	out[13] = text_or_null(NULL);	/* returned, not derived */
}

/*
 * Each new version is written as it comes, in bulk where the backend can
 * (SQLite: sixteen rows to a statement).  A bulk load that takes the
 * connection until it ends (PostgreSQL's COPY) cannot run while the pass
 * still reads, so there the rows wait in a queue: an external sort whose
 * records all compare equal, so they come out in the order they went in.
 */
static enum vt_err write_version(struct pass *p, const void *rec,
				 size_t len, const struct view *v,
				 int64_t version)
{
	const struct vt_store_ops *ops = p->r->store->ops;
	struct vt_sqlval params[14];
	struct staged h;

	if (p->queued) {
		/* The head's ordinal is not needed any more: it carries the version. */
		memcpy(&h, rec, sizeof(h));
		h.ordinal = version;
		memcpy(p->r->scratch, rec, len);
		memcpy(p->r->scratch, &h, sizeof(h));
		return temp_error(vt_extsort_add(&p->queue, p->r->scratch,
						 len));
	}
	value_params(p, v, version, params);
	if (p->bulk)
		return ops->bulk_row(p->r->store->conn, params, 14);
	return ops->exec(p->r->store->conn, STMT_VALUE_INSERT, params, 14,
			 NULL, NULL);
}

static int in_order(const void *a, const void *b)
{
	(void)a;
	(void)b;
	return 0;
}

static enum vt_err write_queued(struct pass *p)
{
	const struct vt_store_ops *ops = p->r->store->ops;
	struct vt_sqlval params[14];
	const void *rec;
	size_t len;
	enum vt_err result, ended;

	result = temp_error(vt_extsort_finish(&p->queue));
	if (!result)
		result = ops->bulk_begin(p->r->store->conn, STMT_VALUE_INSERT);
	if (result)
		return result;
	while (!(result = vt_extsort_next(&p->queue, &rec, &len))) {
		struct view v;

		view_of(rec, &v);
		value_params(p, &v, v.h->ordinal, params);
		result = ops->bulk_row(p->r->store->conn, params, 14);
		if (result)
			break;
	}
	if (result == VT_ENOTFOUND)
		result = VT_OK;
	ended = ops->bulk_end(p->r->store->conn, !result);
	return result ? result : ended;
}

/* ------------------------------------------------------------------ */

/* Remember a row's key and where it is, to know the next one given twice. */
static enum vt_err remember_key(struct pass *p, const struct view *v)
{
	const char *sheet = v->f[F_SHEET] ? v->f[F_SHEET] : "";
	size_t lp = v->h->len[F_PERIOD], lb = v->h->len[F_BREAKDOWN];
	size_t ls = strlen(sheet), need = lp + lb + ls + 3;

	if (need > p->key_size) {
		char *k = realloc(p->key, need);

		if (!k)
			return VT_ENOMEM;
		p->key = k;
		p->key_size = need;
	}
	memcpy(p->key, v->f[F_PERIOD], lp + 1);
	memcpy(p->key + lp + 1, v->f[F_BREAKDOWN], lb + 1);
	memcpy(p->key + lp + lb + 2, sheet, ls + 1);
	p->any = true;
	p->measure = v->h->measure;
	p->first_line = v->h->line;
	p->first_sheet = v->f[F_SHEET] != NULL;
	return VT_OK;
}

static bool same_key(const struct pass *p, const struct view *v)
{
	return p->any && p->measure == v->h->measure &&
	       !strcmp(p->key, v->f[F_PERIOD]) &&
	       !strcmp(p->key + strlen(p->key) + 1, v->f[F_BREAKDOWN]);
}

static enum vt_err given_twice(struct pass *p, const struct view *v)
{
	const char *bd = v->f[F_BREAKDOWN];
	const char *sheet = p->key + strlen(p->key) + strlen(bd) + 2;
	char first[600], here[600];

	place_of(p, p->first_sheet ? sheet : NULL, p->first_line, first,
		 sizeof(first));
	place_of(p, v->f[F_SHEET], v->h->line, here, sizeof(here));
	return vt_diag_add(p->r->dq, VT_SEV_ERROR, here, 0, 0,
			   "measure '%s'%s%s%s for %s is given twice (also at "
			   "%s)", measure_of(p, v)->code,
			   bd[0] ? " breakdown '" : "", bd, bd[0] ? "'" : "",
			   v->f[F_PERIOD], first);
}

/*
 * A figure written by someone else since the editor read it: writing
 * this one would silently replace theirs.
 */
static enum vt_err stored_since(struct pass *p, const struct view *v,
				const struct stored *s)
{
	const char *bd = v->f[F_BREAKDOWN];
	char here[600];

	p->sum->conflicts++;
	place_of(p, v->f[F_SHEET], v->h->line, here, sizeof(here));
	return vt_diag_add(p->r->dq, VT_SEV_ERROR, here, 0, 0,
			   "measure '%s'%s%s%s for %s was changed by someone "
			   "else (version %lld now; this edit was based on "
			   "%lld)", measure_of(p, v)->code,
			   bd[0] ? " breakdown '" : "", bd, bd[0] ? "'" : "",
			   v->f[F_PERIOD], (long long)(s ? s->version : 0),
			   (long long)v->h->based_on);
}

/* One row, in key order. */
static enum vt_err pass_row(struct pass *p, const void *rec, size_t len)
{
	const struct stored *s;
	struct tally *t;
	struct view v;
	bool new_measure;
	enum vt_err result;

	view_of(rec, &v);
	if (same_key(p, &v))
		return given_twice(p, &v);
	new_measure = !p->any || p->measure != v.h->measure;
	result = remember_key(p, &v);
	/* After an error only duplicates are looked for. */
	if (result || !p->judge || p->r->dq->errors)
		return result;
	if (new_measure)
		set_agency(p, measure_of(p, &v)->agency);
	result = stored_for(p, &v, &s);
	if (result)
		return result;
	t = tally_for(p, vt_measure_agency_of(measure_of(p, &v),
					      v.f[F_BREAKDOWN]),
		      v.f[F_PERIOD]);
	if (!t)
		return VT_ENOMEM;
	/* Nothing stored is nothing to withdraw: no empty first version. */
	if ((s && unchanged(s, &v)) || (!s && withdrawn(&v))) {
		t->unchanged++;
		return VT_OK;
	}
	if (v.h->based_on >= 0 && v.h->based_on != (s ? s->version : 0))
		return stored_since(p, &v, s);
	if (s) {
		t->changed++;
		result = list_change(p, &v, s);
	} else {
		t->added++;
	}
	if (!result)
		result = judge_outlier(p, &v);
	if (!result && !p->dry_run)
		result = write_version(p, rec, len, &v, s ? s->version + 1 : 1);
	return result;
}

/* The tallies become the summary's returns, in (agency, period) order. */
static enum vt_err summarise(struct pass *p)
{
	struct vt_import_summary *sum = p->sum;
	size_t i;

	sum->returns = calloc(p->ntallies + 1, sizeof(*sum->returns));
	if (!sum->returns)
		return VT_ENOMEM;
	for (i = 0; i < p->ntallies; i++) {
		struct vt_import_return *r = &sum->returns[sum->nreturns++];
		const struct tally *t = &p->tallies[i];

		r->agency = strdup(t->agency);
		r->period = strdup(t->period);
		r->added = t->added;
		r->changed = t->changed;
		r->unchanged = t->unchanged;
		sum->added += t->added;
		sum->changed += t->changed;
		sum->unchanged += t->unchanged;
		if (!r->agency || !r->period)
			return VT_ENOMEM;
	}
	if (p->nchanges)
		qsort(p->changes, p->nchanges, sizeof(*p->changes),
		      by_change);
	while (p->nchanges > VT_IMPORT_MAX_LISTED)
		change_release(&p->changes[--p->nchanges]);
	sum->changes = p->changes;
	sum->nchanges = p->nchanges;
	p->changes = NULL;
	p->nchanges = 0;
	return VT_OK;
}

static void pass_release(struct pass *p)
{
	size_t i;

	scan_close(p);
	free(p->key);
	free(p->listed);
	for (i = 0; i < p->ntallies; i++)
		free(p->tallies[i].period);
	free(p->tallies);
	for (i = 0; i < p->nchanges; i++)
		change_release(&p->changes[i]);
	free(p->changes);
	for (i = 0; i < p->noutliers; i++) {
		free(p->outliers[i].place);
		free(p->outliers[i].message);
	}
	free(p->outliers);
	vt_extsort_release(&p->queue);
}

enum vt_err vt_import_rows_apply(struct vt_import_rows *r, bool judge,
				 bool dry_run, bool history, const char *who,
				 const char *now,
				 struct vt_import_summary *sum)
{
	struct pass p;
	const void *rec;
	size_t len;
	enum vt_err result;

	memset(&p, 0, sizeof(p));
	p.r = r;
	p.judge = judge;
	p.dry_run = dry_run;
	p.status = history ? "approved" : "submitted";
	p.who = who;
	p.now = now;
	p.sum = sum;
	p.queued = r->store->ops->bulk_begin && !dry_run &&
		   !r->store->ops->bulk_shares_conn;
	p.listed = calloc(r->ix->nagencies + 1, sizeof(*p.listed));
	p.outliers = calloc(VT_DIAGQ_MAX, sizeof(*p.outliers));
	result = p.listed && p.outliers ? VT_OK : VT_ENOMEM;
	if (!result && p.queued)
		result = vt_extsort_init(&p.queue, SORT_MEMORY, in_order);
	if (!result && judge && !dry_run && !p.queued &&
	    r->store->ops->bulk_begin) {
		result = r->store->ops->bulk_begin(r->store->conn,
						   STMT_VALUE_INSERT);
		p.bulk = !result;
	}
	/* Outliers are judged against what was stored before the import. */
	if (!result)
		result = r->store->ops->exec(r->store->conn, STMT_VALUE_LAST_ID,
					     NULL, 0, id_row, &p.last_id);
	if (!result)
		result = temp_error(vt_extsort_finish(&r->sorted));
	if (!result && judge)
		result = scan_open(&p);
	while (!result && !(result = vt_extsort_next(&r->sorted, &rec, &len)))
		result = pass_row(&p, rec, len);
	if (result == VT_ENOTFOUND)
		result = VT_OK;
	result = temp_error(result);
	/* Before the queued writes: PostgreSQL's COPY takes the connection. */
	scan_close(&p);
	if (p.bulk) {
		enum vt_err ended = r->store->ops->bulk_end(
			r->store->conn, !result && !r->dq->errors);

		result = result ? result : ended;
	}
	if (!result && judge && !r->dq->errors) {
		result = summarise(&p);
		if (!result)
			result = report_outliers(&p);
		if (!result && p.queued)
			result = write_queued(&p);
	}
	pass_release(&p);
	return result;
}

void vt_import_rows_release(struct vt_import_rows *r)
{
	vt_extsort_release(&r->sorted);
	free(r->source);
	free(r->scratch);
	free(r->min_period);
	memset(r, 0, sizeof(*r));
}
