/* Fuzz target: the return validator on rows read from arbitrary CSV. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/csv.h"
#include "vitals/defjson.h"
#include "vitals/returns.h"
#include "model/returnrow.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A partnership with every unit, a breakdown, and a locked return. */
static const char definition[] =
	"{\"vitals\": 1,"
	"\"partnership\": {\"code\": \"p\", \"name\": \"P\", "
	"\"fy_start_month\": 4},"
	"\"agencies\": [{\"code\": \"a\", \"name\": \"A\", \"sector\": "
	"\"police\", \"kind\": \"statutory-partner\"}, {\"code\": \"b\", "
	"\"name\": \"B\", \"sector\": \"health\", \"kind\": "
	"\"relevant-agency\"}],"
	"\"plans\": [{\"code\": \"pl\", \"title\": \"T\", \"kind\": "
	"\"strategic\"}],"
	"\"measures\": ["
	"{\"code\": \"c\", \"title\": \"C\", \"plan\": \"pl\", \"agency\": "
	"\"a\", \"direction\": \"reduce\", \"unit\": \"count\", "
	"\"frequency\": \"quarterly\", \"breakdowns\": [{\"code\": \"u\", "
	"\"title\": \"U\"}]},"
	"{\"code\": \"p\", \"title\": \"P\", \"plan\": \"pl\", \"agency\": "
	"\"a\", \"direction\": \"increase\", \"unit\": \"percent\", "
	"\"frequency\": \"monthly\"},"
	"{\"code\": \"r\", \"title\": \"R\", \"plan\": \"pl\", \"agency\": "
	"\"b\", \"direction\": \"none\", \"unit\": \"currency\", "
	"\"frequency\": \"annual\"}],"
	"\"returns\": [{\"agency\": \"b\", \"period\": \"2024\", "
	"\"status\": \"approved\"}]}";

static struct vt_def meta;
static struct vt_return_index ix;
static int ready;

static void setup(void)
{
	struct vt_defsrc src;
	struct vt_diagq dq;

	vt_def_init(&meta);
	vt_diagq_init(&dq);
	if (vt_defjson_read_mem("fuzz.json", definition, strlen(definition),
				&src, &meta, &dq) || dq.errors)
		abort();
	vt_defsrc_release(&src);
	vt_diagq_release(&dq);
	if (vt_return_index_build(&meta, &ix))
		abort();
	ready = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vt_csv_options opt = { .max_field = 256, .max_fields = 16 };
	struct vt_csv_record rec;
	struct vt_csv *csv = NULL;
	struct vt_diagq dq;
	FILE *f;

	if (!ready)
		setup();
	if (size == 0)
		return 0;
	f = fmemopen((void *)data, size, "rb");
	if (!f)
		return 0;
	vt_diagq_init(&dq);
	if (vt_csv_open(f, &opt, &csv) == VT_OK) {
		while (vt_csv_next(csv, &rec) == VT_OK) {
			struct vt_return_row row;
			struct vt_checked_row out;
			size_t i;

			/* Fields in the long-form order, places fixed. */
			memset(&row, 0, sizeof(row));
			row.source = "fuzz.csv";
			row.line = rec.line;
			for (i = 0; i < VT_RCOL__MAX; i++) {
				row.col[i] = (long)i + 1;
				if (i < rec.nfields && rec.fields[i][0])
					row.cell[i] = rec.fields[i];
			}
			if (vt_return_row_check(&ix, &row, &dq, &out))
				abort();
			/* A row is refused, skipped, or fully identified. */
			if (!out.refused && !out.skip &&
			    (!out.measure || !out.agency || !out.period))
				abort();
		}
	}
	vt_csv_close(csv);
	vt_diagq_release(&dq);
	fclose(f);
	return 0;
}
