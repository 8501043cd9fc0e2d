/* Reporting periods: canonical ids, arithmetic and financial-year labels. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vitals/period.h"

#define YEAR_MIN 1900
#define YEAR_MAX 9999

/* A bad range must fail rather than allocate without bound. */
#define RANGE_MAX 100000

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/*
 * Kept local rather than calling strparse.c so that this module stands on
 * its own; the rule is the Gregorian one either way.
 */
static int is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int month_days(int year, int month)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

/* Steps in one calendar year; 0 for a kind that is not one of ours. */
static int per_year(enum vt_period_kind kind)
{
	switch (kind) {
	case VT_PERIOD_YEAR:
		return 1;
	case VT_PERIOD_QUARTER:
		return 4;
	case VT_PERIOD_MONTH:
		return 12;
	default:
		return 0;
	}
}

/*
 * Callers build periods by hand too, so every entry point checks before
 * doing arithmetic that could overflow or index out of bounds.
 */
static int period_valid(const struct vt_period *p)
{
	int n;

	if (!p)
		return 0;
	n = per_year(p->kind);
	if (n == 0 || p->year < YEAR_MIN || p->year > YEAR_MAX)
		return 0;
	if (n == 1)
		return p->index == 0;
	return p->index >= 1 && p->index <= n;
}

/* A year's steps are numbered 0..n-1, so index 0 of a year fits too. */
static long ordinal(const struct vt_period *p)
{
	int n = per_year(p->kind);
	int step = n == 1 ? 0 : p->index - 1;

	return (long)p->year * n + step;
}

static struct vt_period from_ordinal(enum vt_period_kind kind, long ord)
{
	int n = per_year(kind);
	struct vt_period p = { .kind = kind };

	p.year = (int)(ord / n);
	p.index = n == 1 ? 0 : (int)(ord % n) + 1;
	return p;
}

static int is_digit(char c)
{
	/* isdigit() would depend on the locale. */
	return c >= '0' && c <= '9';
}

enum vt_err vt_period_parse(const char *id, struct vt_period *out)
{
	struct vt_period p = { .kind = VT_PERIOD_YEAR };
	int i;

	if (!id || !out)
		return VT_EINVAL;
	for (i = 0; i < 4; i++) {
		if (!is_digit(id[i]))
			return VT_EINVAL;
		p.year = p.year * 10 + (id[i] - '0');
	}
	if (p.year < YEAR_MIN)
		return VT_EINVAL;

	if (id[4] == '\0') {
		p.index = 0;
	} else if (id[4] == 'Q') {
		if (id[5] < '1' || id[5] > '4' || id[6] != '\0')
			return VT_EINVAL;
		p.kind = VT_PERIOD_QUARTER;
		p.index = id[5] - '0';
	} else if (id[4] == '-') {
		/* Two digits always: "2024-7" is not canonical. */
		if (!is_digit(id[5]) || !is_digit(id[6]) || id[7] != '\0')
			return VT_EINVAL;
		p.kind = VT_PERIOD_MONTH;
		p.index = (id[5] - '0') * 10 + (id[6] - '0');
		if (p.index < 1 || p.index > 12)
			return VT_EINVAL;
	} else {
		return VT_EINVAL;
	}
	*out = p;
	return VT_OK;
}

void vt_period_format(const struct vt_period *p, char out[VT_PERIOD_ID_MAX])
{
	/*
	 * snprintf truncates a nonsense period safely; an empty id for an
	 * unknown kind never parses back, so the mistake shows downstream.
	 */
	switch (p->kind) {
	case VT_PERIOD_YEAR:
		snprintf(out, VT_PERIOD_ID_MAX, "%04d", p->year);
		break;
	case VT_PERIOD_QUARTER:
		snprintf(out, VT_PERIOD_ID_MAX, "%04dQ%d", p->year, p->index);
		break;
	case VT_PERIOD_MONTH:
		snprintf(out, VT_PERIOD_ID_MAX, "%04d-%02d", p->year,
			 p->index);
		break;
	default:
		out[0] = '\0';
		break;
	}
}

static int cmp_int(int a, int b)
{
	return (a > b) - (a < b);
}

int vt_period_compare(const struct vt_period *a, const struct vt_period *b)
{
	int c;

	/* Compared, not subtracted: a bad caller's values cannot overflow. */
	c = cmp_int((int)a->kind, (int)b->kind);
	if (c == 0)
		c = cmp_int(a->year, b->year);
	if (c == 0)
		c = cmp_int(a->index, b->index);
	return c;
}

/*
 * Stepping off 9999 or 1900 gives year 10000 or 1899, the true neighbour,
 * so that distance(p, next(p)) is always 1; such a period is refused by
 * every function returning vt_err.  An invalid 'p' comes back unchanged
 * because there is no sensible neighbour to give.
 */
struct vt_period vt_period_next(const struct vt_period *p)
{
	if (!period_valid(p))
		return *p;
	return from_ordinal(p->kind, ordinal(p) + 1);
}

struct vt_period vt_period_prev(const struct vt_period *p)
{
	if (!period_valid(p))
		return *p;
	return from_ordinal(p->kind, ordinal(p) - 1);
}

/* 0 when the kinds differ or a period is invalid: no step count exists. */
long vt_period_distance(const struct vt_period *a, const struct vt_period *b)
{
	if (!period_valid(a) || !period_valid(b) || a->kind != b->kind)
		return 0;
	return ordinal(b) - ordinal(a);
}

enum vt_err vt_period_range(const struct vt_period *from,
			    const struct vt_period *to,
			    struct vt_period **out, size_t *n)
{
	struct vt_period *v;
	long count, i, first;

	if (!out || !n || !period_valid(from) || !period_valid(to) ||
	    from->kind != to->kind)
		return VT_EINVAL;
	count = ordinal(to) - ordinal(from) + 1;
	if (count < 1)
		return VT_EINVAL;
	/*
	 * Unreachable while years are 1900..9999 (97200 months at most),
	 * but kept as a backstop should the year range ever widen.
	 */
	if (count > RANGE_MAX)
		return VT_ETOOBIG;
	v = malloc((size_t)count * sizeof(*v));
	if (!v)
		return VT_ENOMEM;
	first = ordinal(from);
	for (i = 0; i < count; i++)
		v[i] = from_ordinal(from->kind, first + i);
	*out = v;
	*n = (size_t)count;
	return VT_OK;
}

int vt_fy_start_month_valid(int month)
{
	/* Other months would split calendar quarters across years. */
	return month == 1 || month == 4 || month == 7 || month == 10;
}

/* Quarters and months ignore the financial year; only years start at it. */
static void first_month(const struct vt_period *p, int fy_start_month,
			int *year, int *month)
{
	*year = p->year;
	switch (p->kind) {
	case VT_PERIOD_YEAR:
		*month = fy_start_month;
		break;
	case VT_PERIOD_QUARTER:
		*month = 3 * p->index - 2;
		break;
	default:
		*month = p->index;
		break;
	}
}

/*
 * fy_start_month is checked for every kind, not only years: a bad value
 * is a caller bug that should surface on the first call, not the first
 * year period.
 */
enum vt_err vt_period_first_day(const struct vt_period *p, int fy_start_month,
				struct vt_date *out)
{
	struct vt_date d = { .day = 1 };

	if (!out || !period_valid(p) ||
	    !vt_fy_start_month_valid(fy_start_month))
		return VT_EINVAL;
	first_month(p, fy_start_month, &d.year, &d.month);
	*out = d;
	return VT_OK;
}

enum vt_err vt_period_last_day(const struct vt_period *p, int fy_start_month,
			       struct vt_date *out)
{
	struct vt_date d;

	if (!out || !period_valid(p) ||
	    !vt_fy_start_month_valid(fy_start_month))
		return VT_EINVAL;
	first_month(p, fy_start_month, &d.year, &d.month);
	/* The last month is the first plus the period's length less one. */
	d.month += 12 / per_year(p->kind) - 1;
	if (d.month > 12) {
		d.month -= 12;
		d.year++;
	}
	/*
	 * Year 9999 with a non-January start ends in 10000, which a
	 * struct vt_date cannot hold.
	 */
	if (d.year > YEAR_MAX)
		return VT_EINVAL;
	d.day = month_days(d.year, d.month);
	*out = d;
	return VT_OK;
}

enum vt_err vt_period_label(const struct vt_period *p, int fy_start_month,
			    char out[VT_PERIOD_LABEL_MAX])
{
	int month, fy, fq;

	if (!out || !period_valid(p) ||
	    !vt_fy_start_month_valid(fy_start_month))
		return VT_EINVAL;
	if (p->kind == VT_PERIOD_MONTH) {
		snprintf(out, VT_PERIOD_LABEL_MAX, "%s %d",
			 month_names[p->index - 1], p->year);
		return VT_OK;
	}
	if (p->kind == VT_PERIOD_YEAR) {
		if (fy_start_month == 1)
			snprintf(out, VT_PERIOD_LABEL_MAX, "%d", p->year);
		else
			snprintf(out, VT_PERIOD_LABEL_MAX, "%d-%02d", p->year,
				 (p->year + 1) % 100);
		return VT_OK;
	}
	/* A calendar quarter belongs to the financial year it starts in. */
	month = 3 * p->index - 2;
	fy = month >= fy_start_month ? p->year : p->year - 1;
	fq = (month - fy_start_month + 12) % 12 / 3 + 1;
	if (fy_start_month == 1)
		snprintf(out, VT_PERIOD_LABEL_MAX, "%d Q%d", fy, fq);
	else
		snprintf(out, VT_PERIOD_LABEL_MAX, "%d-%02d Q%d", fy,
			 (fy + 1) % 100, fq);
	return VT_OK;
}

/* "2024-25" or "2024/25": the financial year starting in 2024. */
static bool read_fy(const char *s, size_t len, int *year)
{
	int y, next;

	if (len != 7 || (s[4] != '-' && s[4] != '/'))
		return false;
	for (size_t i = 0; i < 7; i++)
		if (i != 4 && !isdigit((unsigned char)s[i]))
			return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	next = (s[5] - '0') * 10 + (s[6] - '0');
	if (next != (y + 1) % 100)
		return false;
	*year = y;
	return true;
}

static bool read_year(const char *s, size_t len, int *year)
{
	if (len != 4)
		return false;
	for (size_t i = 0; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	*year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
		(s[2] - '0') * 10 + (s[3] - '0');
	return true;
}

enum vt_err vt_period_read(const char *text, int fy, struct vt_period *out)
{
	char buf[VT_PERIOD_LABEL_MAX], *words[3], *save = NULL;
	size_t n = 0, len;
	int year, q, m;
	char *p;

	if (!text || !vt_fy_start_month_valid(fy))
		return VT_EINVAL;
	while (isspace((unsigned char)*text))
		text++;
	len = strlen(text);
	while (len && isspace((unsigned char)text[len - 1]))
		len--;
	if (!len || len >= sizeof(buf))
		return VT_EINVAL;
	memcpy(buf, text, len);
	buf[len] = '\0';
	if (!vt_period_parse(buf, out))
		return VT_OK;
	/* Split at spaces: "2024-25 Q3", "July 2024", "2024 Q3". */
	for (p = strtok_r(buf, " \t", &save); p && n < 3;
	     p = strtok_r(NULL, " \t", &save))
		words[n++] = p;
	if (p || n == 0 || n > 2)
		return VT_EINVAL;
	if (n == 1 && fy != 1 && read_fy(words[0], strlen(words[0]), &year)) {
		*out = (struct vt_period){ VT_PERIOD_YEAR, year, 0 };
		return period_valid(out) ? VT_OK : VT_EINVAL;
	}
	if (n != 2)
		return VT_EINVAL;
	if ((words[1][0] == 'Q' || words[1][0] == 'q') &&
	    isdigit((unsigned char)words[1][1]) && !words[1][2] &&
	    (q = words[1][1] - '0') >= 1 && q <= 4 &&
	    (fy == 1 ? read_year(words[0], strlen(words[0]), &year)
		     : read_fy(words[0], strlen(words[0]), &year))) {
		/* Quarter q of the financial year starting in 'year'. */
		m = fy + 3 * (q - 1);
		if (m > 12) {
			m -= 12;
			year++;
		}
		*out = (struct vt_period){ VT_PERIOD_QUARTER, year,
					   (m - 1) / 3 + 1 };
		return period_valid(out) ? VT_OK : VT_EINVAL;
	}
	for (m = 0; m < 12; m++)
		if (!strcasecmp(words[0], month_names[m]) ||
		    (strlen(words[0]) == 3 &&
		     !strncasecmp(words[0], month_names[m], 3)))
			break;
	if (m < 12 && read_year(words[1], strlen(words[1]), &year)) {
		*out = (struct vt_period){ VT_PERIOD_MONTH, year, m + 1 };
		return period_valid(out) ? VT_OK : VT_EINVAL;
	}
	return VT_EINVAL;
}

enum vt_err vt_period_read_id(const char *text, int fy_start_month,
			      char out[VT_PERIOD_ID_MAX])
{
	struct vt_period p;
	enum vt_err result = vt_period_read(text, fy_start_month, &p);

	if (!result)
		vt_period_format(&p, out);
	return result;
}

const char *vt_period_label_of(const char *id, int fy_start_month,
			       char out[VT_PERIOD_LABEL_MAX])
{
	struct vt_period p;

	if (vt_period_parse(id, &p) ||
	    vt_period_label(&p, fy_start_month, out))
		snprintf(out, VT_PERIOD_LABEL_MAX, "%s", id ? id : "");
	return out;
}

enum vt_err vt_period_being_returned(const char *today,
				     char out[VT_PERIOD_ID_MAX])
{
	struct vt_period p;
	char id[VT_PERIOD_ID_MAX];
	int month;

	if (!today || strlen(today) < 7 || today[4] != '-' ||
	    !isdigit((unsigned char)today[5]) ||
	    !isdigit((unsigned char)today[6]))
		return VT_EINVAL;
	month = (today[5] - '0') * 10 + (today[6] - '0');
	if (month < 1 || month > 12)
		return VT_EINVAL;
	snprintf(id, sizeof(id), "%.4sQ%d", today, (month - 1) / 3 + 1);
	if (vt_period_parse(id, &p))
		return VT_EINVAL;
	p = vt_period_prev(&p);
	vt_period_format(&p, out);
	return VT_OK;
}
