/* The assurance section's parts: made, filled with items, charts and a table, and released. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/assurance.h"

struct vt_report_part *vt_part_add(struct vt_report_assurance *a,
				   const char *id, const char *heading)
{
	struct vt_report_part *grown, *part;

	grown = realloc(a->parts, (a->nparts + 1) * sizeof(*grown));
	if (!grown)
		return NULL;
	a->parts = grown;
	part = &a->parts[a->nparts++];
	memset(part, 0, sizeof(*part));
	part->id = id;
	part->heading = heading;
	return part;
}

enum vt_err vt_part_item(struct vt_report_part *part, const char *fmt, ...)
{
	char (*grown)[VT_REPORT_ITEM_MAX];
	va_list ap;

	grown = realloc(part->items, (part->nitems + 1) * sizeof(*grown));
	if (!grown)
		return VT_ENOMEM;
	part->items = grown;
	va_start(ap, fmt);
	vsnprintf(part->items[part->nitems++], sizeof(*grown), fmt, ap);
	va_end(ap);
	return VT_OK;
}

struct vt_report_chart *vt_part_chart(struct vt_report_part *part,
				      size_t nbars)
{
	struct vt_report_chart *c;
	size_t i;

	if (part->ncharts == VT_REPORT_PART_CHARTS)
		return NULL;
	c = &part->charts[part->ncharts];
	c->bars = calloc(nbars ? nbars : 1, sizeof(*c->bars));
	c->labels = calloc(nbars ? nbars : 1, sizeof(*c->labels));
	if (!c->bars || !c->labels) {
		free(c->bars);
		free(c->labels);
		c->bars = NULL;
		c->labels = NULL;
		return NULL;
	}
	for (i = 0; i < nbars; i++)
		c->bars[i].label = c->labels[i];
	c->nbars = nbars;
	part->ncharts++;
	return c;
}

enum vt_err vt_part_table(struct vt_report_part *part, size_t ncols,
			  size_t nrows)
{
	struct vt_report_table *t = &part->table;
	size_t n = ncols * nrows;

	t->cells = calloc(n ? n : 1, sizeof(*t->cells));
	t->tones = calloc(n ? n : 1, 1);
	if (!t->cells || !t->tones) {
		free(t->cells);
		free(t->tones);
		t->cells = NULL;
		t->tones = NULL;
		return VT_ENOMEM;
	}
	t->ncols = ncols;
	t->nrows = nrows;
	return VT_OK;
}

enum vt_err vt_part_cell(struct vt_report_part *part, size_t row, size_t col,
			 enum vt_report_tone tone, const char *text)
{
	struct vt_report_table *t = &part->table;
	size_t at = row * t->ncols + col;
	char *copy = strdup(text ? text : "");

	if (!copy)
		return VT_ENOMEM;
	free(t->cells[at]);
	t->cells[at] = copy;
	t->tones[at] = (unsigned char)tone;
	return VT_OK;
}

void vt_part_bar(struct vt_report_chart *c, size_t i, const char *label,
		 size_t count)
{
	snprintf(c->labels[i], sizeof(c->labels[i]), "%s", label);
	c->bars[i].count = count;
}

void vt_words_of_code(const char *code, char *out, size_t size)
{
	size_t i;

	snprintf(out, size, "%s", code);
	for (i = 0; out[i]; i++)
		if (out[i] == '-' || out[i] == '_')
			out[i] = ' ';
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

const char *vt_part_cell_text(const struct vt_report_table *t, size_t row,
			      size_t col)
{
	const char *s = t->cells[row * t->ncols + col];

	return s ? s : "";
}

void vt_part_release(struct vt_report_part *part)
{
	size_t i;

	free(part->items);
	for (i = 0; i < part->ncharts; i++) {
		free(part->charts[i].bars);
		free(part->charts[i].labels);
	}
	for (i = 0; i < part->table.ncols * part->table.nrows; i++)
		free(part->table.cells[i]);
	free(part->table.cells);
	free(part->table.tones);
	memset(part, 0, sizeof(*part));
}
