/* Typed access to a record's fields through its field table (internal). */
#ifndef VT_MODEL_FIELD_H
#define VT_MODEL_FIELD_H

#include <stdbool.h>
#include <stdint.h>

#include "vitals/model.h"

static inline char **vt_field_text(void *rec, const struct vt_field *f)
{
	return (char **)((char *)rec + f->offset);
}
static inline int64_t *vt_field_int(void *rec, const struct vt_field *f)
{
	return (int64_t *)((char *)rec + f->offset);
}
static inline double *vt_field_real(void *rec, const struct vt_field *f)
{
	return (double *)((char *)rec + f->offset);
}
static inline bool *vt_field_bool(void *rec, const struct vt_field *f)
{
	return (bool *)((char *)rec + f->offset);
}
static inline int *vt_field_enum(void *rec, const struct vt_field *f)
{
	return (int *)((char *)rec + f->offset);
}
static inline char **vt_field_list(void *rec, const struct vt_field *f)
{
	return (char **)((char *)rec + f->offset);
}
static inline size_t *vt_field_count(void *rec, const struct vt_field *f)
{
	return (size_t *)((char *)rec + f->count_offset);
}
static inline bool vt_field_is_text(const struct vt_field *f)
{
	return f->type == VT_FT_TEXT || f->type == VT_FT_DATE ||
	       f->type == VT_FT_PERIOD || f->type == VT_FT_REF;
}

/* The field called 'name' of 'kind', or NULL. */
const struct vt_field *vt_field_named(enum vt_kind kind, const char *name);

/*
 * Whether two records of 'kind' have the same key; with 'slot', the
 * version is left out, so all versions of one figure compare equal.
 */
bool vt_record_same_key(enum vt_kind kind, const void *a, const void *b,
			bool slot);

/* Kinds whose records are versions of a slot (values, impact statements). */
bool vt_kind_versioned(enum vt_kind kind);

/* Set every field of a fresh zeroed record to its "absent" value. */
void vt_record_defaults(enum vt_kind kind, void *rec);

#endif
