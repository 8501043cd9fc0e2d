/* The demo's synthetic CIN census extracts: generated, never copied from any real file. */
#ifndef VITALS_DEMOEXTRACT_H
#define VITALS_DEMOEXTRACT_H

#include <stdio.h>

#include "vitals/error.h"

/* How many made-up children the demo's case records are of. */
#define VT_DEMO_CIN_CHILDREN 400

/*
 * The reference dates ("as at") of the demo's census files, oldest
 * first, NULL after the last: three years to 30 September, the last
 * ending with the demo's latest quarter (2026Q3), none overlapping
 * another, so none supersedes another and every quarter from 2023Q4 is
 * covered.
 */
extern const char *const vt_demo_cin_dates[];

/*
 * Writes the CIN census (the DfE's XML) as at 'reference' (YYYY-MM-DD)
 * of the demo's made-up children: every child with a referral open at
 * some time in the year to that day, nothing dated after it.  The same
 * bytes every time: a fixed-seed generator of its own, the children
 * "DEMO000001" ..., no UPN, no name.  VT_EINVAL for a reference that is
 * not a date; VT_EIO when the file cannot be written.
 */
VT_MUST_USE
enum vt_err vt_demo_cin_write(FILE *f, const char *reference);

#endif
