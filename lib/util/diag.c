/* Diagnostics list: collects every problem of a run with its place. */
#include "vitals/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Indexed by enum vt_severity. */
static const char *const vt_severity_names[VT_SEV__MAX] = {
	[VT_SEV_ERROR] = "error",
	[VT_SEV_WARNING] = "warning",
};

void vt_diagq_init(struct vt_diagq *q)
{
	q->items = NULL;
	q->n = 0;
	q->alloc = 0;
	q->errors = 0;
	q->dropped = 0;
}

void vt_diagq_release(struct vt_diagq *q)
{
	size_t i;

	for (i = 0; i < q->n; i++) {
		free(q->items[i].source);
		free(q->items[i].message);
		free(q->items[i].field);
	}
	free(q->items);
	vt_diagq_init(q);
}

static char *copy_string(const char *s)
{
	size_t len = strlen(s);
	char *p = malloc(len + 1);

	if (p)
		memcpy(p, s, len + 1);
	return p;
}

/* Measure, then format into an allocation of exactly the right size. */
static enum vt_err format_message(char **out, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static enum vt_err format_message(char **out, const char *fmt, va_list ap)
{
	va_list copy;
	char *p;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return VT_EINVAL;
	p = malloc((size_t)n + 1);
	if (!p)
		return VT_ENOMEM;
	if (vsnprintf(p, (size_t)n + 1, fmt, ap) != n) {
		free(p);
		return VT_EINVAL;
	}
	*out = p;
	return VT_OK;
}

/* Room for one more entry; the array never needs more than the cap. */
static enum vt_err reserve_one(struct vt_diagq *q)
{
	struct vt_diag *items;
	size_t size;

	if (q->n < q->alloc)
		return VT_OK;
	size = q->alloc ? q->alloc * 2 : 16;
	if (size > VT_DIAGQ_MAX)
		size = VT_DIAGQ_MAX;
	items = realloc(q->items, size * sizeof(*items));
	if (!items)
		return VT_ENOMEM;
	q->items = items;
	q->alloc = size;
	return VT_OK;
}

static enum vt_err add(struct vt_diagq *q, enum vt_severity severity,
		       const char *source, long row, long col,
		       const char *field, const char *fmt, va_list ap)
	__attribute__((format(printf, 7, 0)));

static enum vt_err add(struct vt_diagq *q, enum vt_severity severity,
		       const char *source, long row, long col,
		       const char *field, const char *fmt, va_list ap)
{
	enum vt_err result;
	char *source_copy = NULL;
	char *message = NULL;
	char *field_copy = NULL;
	struct vt_diag *d;

	if ((unsigned)severity >= VT_SEV__MAX)
		return VT_EINVAL;

	/* A full queue still counts, so the summary tells the whole story. */
	if (q->n >= VT_DIAGQ_MAX) {
		q->dropped++;
		if (severity == VT_SEV_ERROR)
			q->errors++;
		return VT_OK;
	}

	result = format_message(&message, fmt, ap);
	if (result)
		goto out;

	source_copy = copy_string(source ? source : "-");
	field_copy = field ? copy_string(field) : NULL;
	if (!source_copy || (field && !field_copy)) {
		result = VT_ENOMEM;
		goto out;
	}

	result = reserve_one(q);
	if (result)
		goto out;

	d = &q->items[q->n++];
	d->source = source_copy;
	d->row = row;
	d->col = col;
	d->severity = severity;
	d->message = message;
	d->field = field_copy;
	if (severity == VT_SEV_ERROR)
		q->errors++;
	source_copy = NULL;
	message = NULL;
	field_copy = NULL;
out:
	if (result) {
		/* Not stored, but counted: the run still knows it failed. */
		q->dropped++;
		if (severity == VT_SEV_ERROR)
			q->errors++;
	}
	free(source_copy);
	free(message);
	free(field_copy);
	return result;
}

enum vt_err vt_diag_add(struct vt_diagq *q, enum vt_severity severity,
			const char *source, long row, long col,
			const char *fmt, ...)
{
	enum vt_err result;
	va_list ap;

	va_start(ap, fmt);
	result = add(q, severity, source, row, col, NULL, fmt, ap);
	va_end(ap);
	return result;
}

enum vt_err vt_diag_add_field(struct vt_diagq *q, enum vt_severity severity,
			      const char *source, long row, long col,
			      const char *field, const char *fmt, ...)
{
	enum vt_err result;
	va_list ap;

	va_start(ap, fmt);
	result = add(q, severity, source, row, col, field, fmt, ap);
	va_end(ap);
	return result;
}

enum vt_err vt_diag_format(const struct vt_diag *d, struct vt_buf *out)
{
	const char *source = d->source ? d->source : "-";
	const char *message = d->message ? d->message : "";
	const char *sev = "unknown";

	if ((unsigned)d->severity < VT_SEV__MAX)
		sev = vt_severity_names[d->severity];

	/* One append per case, so a refused append leaves 'out' as it was. */
	if (d->row <= 0)
		return vt_buf_addf(out, "%s: %s: %s", source, sev, message);
	if (d->col <= 0)
		return vt_buf_addf(out, "%s:%ld: %s: %s", source, d->row, sev,
				   message);
	return vt_buf_addf(out, "%s:%ld:%ld: %s: %s", source, d->row, d->col,
			   sev, message);
}
