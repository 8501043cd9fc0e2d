/* Importing an action tracker from CSV: the reader's rows checked as records, then one load through the change log. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "vitals/actions.h"
#include "vitals/store.h"

/* Problems the load finds are placed at the row the action came from. */
static void row_place(void *ctx, const char *path, const char **source,
		      long *line)
{
	const struct vt_actions_csv *c = ctx;
	unsigned long i;

	*source = c->path;
	*line = 0;
	if (sscanf(path, "actions[%lu]", &i) == 1 && i < c->n)
		*line = c->lines[i];
}

enum vt_err vt_actions_import(struct vt_store *s, const char *path,
			      const char *today, const char *who, int dry_run,
			      struct vt_diagq *dq, struct vt_load_summary *sum)
{
	struct vt_actions_csv rows;
	struct vt_def meta, def;
	struct vt_check ck;
	enum vt_err result;

	memset(&rows, 0, sizeof(rows));
	memset(sum, 0, sizeof(*sum));
	vt_def_init(&meta);
	vt_def_init(&def);
	result = vt_store_read_def(s, &meta);
	if (!result)
		result = vt_actions_csv_read(path, &meta, today, &rows, dq);
	ck = (struct vt_check){ NULL, dq, row_place, &rows };
	if (!result && !dq->errors) {
		size_t i;

		for (i = 0; i < rows.n && !result; i++) {
			struct vt_action *rec;
			char at[64];

			snprintf(at, sizeof(at), "actions[%zu]", i);
			result = vt_def_append(&def, VT_KIND_ACTION,
					       (void **)&rec);
			if (!result)
				result = vt_record_from_json(VT_KIND_ACTION,
					json_array_get(rows.actions, i), at,
					&ck, rec);
		}
	}
	if (!result && !dq->errors && rows.n)
		result = vt_store_load_def(s, &def, &ck, who, dry_run, sum);
	if (!result && dq->errors)
		result = VT_EINVAL;
	vt_actions_csv_release(&rows);
	vt_def_release(&def);
	vt_def_release(&meta);
	return result;
}
