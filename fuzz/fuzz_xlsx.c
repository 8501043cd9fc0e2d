/* Fuzz target for the .xlsx reader: raw zips and workbooks built from parts. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "vitals/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * An input that is not a zip (nor a CFB file) is cut at 0x1E bytes into
 * these parts, in this order, which are zipped uncompressed (an empty
 * piece leaves its part out): mutations of raw zips mostly break a
 * checksum, so this is how the XML handlers get reached.
 */
static const char *const part_names[] = {
	"xl/workbook.xml",
	"xl/_rels/workbook.xml.rels",
	"xl/worksheets/sheet1.xml",
	"xl/sharedStrings.xml",
	"xl/styles.xml",
	"_rels/.rels",
	"xl/worksheets/sheet2.xml",
};

#define PART_SEP 0x1e

static enum vt_err touch_cell(void *arg, const struct vt_xlsx_cell *cell)
{
	size_t *sum = arg;

	/* Reading every byte lets the sanitizers check the text. */
	*sum += strlen(cell->text) + (size_t)cell->row + (size_t)cell->col +
		(size_t)cell->type + (cell->number > 0);
	if (cell->row < 1 || cell->row > 1048576 || cell->col < 1 ||
	    cell->col > 16384)
		abort();
	return VT_OK;
}

static void read_all(const void *data, size_t size)
{
	struct vt_xlsx *x = NULL;
	size_t i, n, sum = 0;
	const char *name;

	if (vt_xlsx_open_mem(data, size, &x) == VT_OK) {
		n = vt_xlsx_sheet_count(x);
		for (i = 0; i < n; i++) {
			name = vt_xlsx_sheet_name(x, i);
			(void)vt_xlsx_sheet_hidden(x, i);
			if (vt_xlsx_read_sheet(x, name, touch_cell, &sum) &&
			    !*vt_xlsx_error(x))
				abort();
		}
	}
	if (!vt_xlsx_error(x))
		abort();
	vt_xlsx_close(x);
}

/* Zips the parts of 'data'; NULL when libzip fails. */
static void *assemble(const uint8_t *data, size_t size, size_t *len)
{
	const uint8_t *p = data, *end = data + size, *sep;
	zip_source_t *src = NULL, *ps;
	void *out = NULL;
	zip_t *za = NULL;
	zip_int64_t idx;
	zip_stat_t st;
	size_t i;

	src = zip_source_buffer_create(NULL, 0, 0, NULL);
	if (!src)
		return NULL;
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	if (!za)
		goto out;
	for (i = 0; i < sizeof(part_names) / sizeof(part_names[0]); i++) {
		sep = memchr(p, PART_SEP, (size_t)(end - p));
		if (!sep)
			sep = end;
		/* An empty piece leaves the part out. */
		if (sep == p)
			goto next;
		ps = zip_source_buffer(za, p, (size_t)(sep - p), 0);
		if (!ps)
			goto out;
		idx = zip_file_add(za, part_names[i], ps, 0);
		if (idx < 0) {
			zip_source_free(ps);
			goto out;
		}
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE,
					 0);
next:
		if (sep == end)
			break;
		p = sep + 1;
	}
	if (zip_close(za) != 0)
		goto out;
	za = NULL;
	zip_stat_init(&st);
	if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0)
		goto out;
	out = malloc(st.size ? st.size : 1);
	if (out && zip_source_read(src, out, st.size) != (zip_int64_t)st.size) {
		free(out);
		out = NULL;
	}
	zip_source_close(src);
	*len = st.size;
out:
	if (za)
		zip_discard(za);
	zip_source_free(src);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len = 0;
	void *zip;

	if (size >= 2 && ((data[0] == 'P' && data[1] == 'K') ||
			  (data[0] == 0xd0 && data[1] == 0xcf))) {
		read_all(data, size);
		return 0;
	}
	zip = assemble(data, size, &len);
	if (zip)
		read_all(zip, len);
	free(zip);
	return 0;
}
