/* A list's filters read from a query the same way by every front end: the page, the API, the command line. */
#ifndef VITALS_QUERY_H
#define VITALS_QUERY_H

#include <stdbool.h>

#include "vitals/diag.h"
#include "vitals/period.h"

/*
 * A query's fields by name, as the front end holds them: 'get' returns
 * the value of the field 'name', or NULL when it is absent.
 */
struct vt_query {
	const char *(*get)(void *arg, const char *name);
	void *arg;
	/* The partnership's financial-year start month, asked only when a
	   period is written as people see it ("2024-25 Q3"); NULL: April. */
	int (*fy_start)(void *arg);
};

/* The field 'name', or NULL when it is absent or empty (no filter). */
const char *vt_query_text(const struct vt_query *q, const char *name);

/*
 * A yes/no field: absent, "" and "0" are no, "1" is yes.  Any other
 * value is a problem about the field 'name' in 'dq' (placed at "query"),
 * and no.
 */
bool vt_query_flag(const struct vt_query *q, const char *name,
		   struct vt_diagq *dq);

/*
 * A period field, as its id ("2024Q4") or its label ("2024-25 Q3"): its
 * canonical id in 'out' and true, or "" and false when it is absent or
 * empty.  A value that is not a period is a problem about the field
 * 'name' in 'dq', and false.
 */
bool vt_query_period(const struct vt_query *q, const char *name,
		     char out[VT_PERIOD_ID_MAX], struct vt_diagq *dq);

#endif
