/* Recommendations of a register's record made actions of the tracker (internal). */
#ifndef VT_SERVICES_RECOMMEND_H
#define VT_SERVICES_RECOMMEND_H

#include <stddef.h>

#include "vitals/model.h"
#include "store/store.h"

/*
 * Whether record 'rec' of the source register may still take
 * recommendations: 0, or nonzero with the reason in 'why' ("ref: ...").
 * NULL: any record may.
 */
typedef int (*vt_recommend_open_fn)(const void *rec, char *why,
				    size_t whysize);

/*
 * Make a recommendation of record 'ref' of kind 'source' (a case review,
 * an audit) an action in the tracker, as vt_review_recommend describes:
 * "<REF>-R<n>", amber, in plan 'plan' or the first strategic plan, the
 * action's field that refers to 'source' naming 'ref'.
 */
VT_MUST_USE
enum vt_err Vt_recommend(struct vt_store *s, enum vt_kind source,
			 vt_recommend_open_fn open, const char *ref,
			 const char *text, const char *agency,
			 const char *due, const char *owner, const char *plan,
			 char *code, size_t codesize, const char *who,
			 char *why, size_t whysize);

#endif
