/* Robust statistics: median and median absolute deviation, for outliers. */
#ifndef VITALS_ROBUST_H
#define VITALS_ROBUST_H

#include <stdbool.h>
#include <stddef.h>

#include "vitals/error.h"

/*
 * Median of 'n' values (n >= 1), without changing 'values'.  VT_EINVAL
 * for n == 0, VT_ENOMEM when a scratch copy cannot be made.
 */
VT_MUST_USE
enum vt_err vt_median(const double *values, size_t n, double *out);

/* Median absolute deviation from the median, scaled by 1.4826 so that it
 * estimates the standard deviation of normal data. */
VT_MUST_USE
enum vt_err vt_mad(const double *values, size_t n, double *out);

/*
 * Whether 'x' lies more than 'k' robust deviations from the median of
 * 'history' (n >= 4 needed, else false: too little to judge).  When the
 * MAD is 0 (a flat history) any value different from the median by more
 * than 1e-9 of its size is an outlier.  '*score' receives |x - median| /
 * MAD (HUGE_VAL when MAD is 0 and x differs).
 */
VT_MUST_USE
enum vt_err vt_is_outlier(const double *history, size_t n, double x,
			  double k, bool *outlier, double *score);

#endif
