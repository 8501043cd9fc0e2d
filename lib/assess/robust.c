/* Robust statistics: median, MAD and the outlier test built on them. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/robust.h"

/* Makes the MAD estimate the standard deviation of normal data. */
#define MAD_SCALE 1.4826

/* Fewer past values than this say too little to call anything odd. */
#define OUTLIER_MIN_N 4

/* Relative tolerance for "different from a flat history". */
#define FLAT_TOLERANCE 1e-9

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa;
	double b = *(const double *)pb;

	return (a > b) - (a < b);
}

/*
 * NaN has no place in an order, and qsort with a comparator that is not
 * a total order may misbehave, so such input is refused up front.
 */
static enum vt_err check_values(const double *values, size_t n)
{
	size_t i;

	if (!values || n == 0)
		return VT_EINVAL;
	for (i = 0; i < n; i++)
		if (isnan(values[i]))
			return VT_EINVAL;
	return VT_OK;
}

static enum vt_err copy_values(const double *values, size_t n,
			       double **out)
{
	double *copy;

	if (n > SIZE_MAX / sizeof(*copy))
		return VT_ENOMEM;
	copy = malloc(n * sizeof(*copy));
	if (!copy)
		return VT_ENOMEM;
	memcpy(copy, values, n * sizeof(*copy));
	*out = copy;
	return VT_OK;
}

/*
 * Sorts 'buf' in place and returns its median.  The halves are added
 * after halving so two huge values of one sign cannot overflow.
 */
static double median_in_place(double *buf, size_t n)
{
	qsort(buf, n, sizeof(*buf), cmp_double);
	if (n % 2)
		return buf[n / 2];
	return buf[n / 2 - 1] / 2 + buf[n / 2] / 2;
}

enum vt_err vt_median(const double *values, size_t n, double *out)
{
	double *buf = NULL;
	enum vt_err result;

	if (!out)
		return VT_EINVAL;
	result = check_values(values, n);
	if (result)
		goto out;
	result = copy_values(values, n, &buf);
	if (result)
		goto out;
	*out = median_in_place(buf, n);
out:
	free(buf);
	return result;
}

/* Median and unscaled MAD from one scratch copy. */
static enum vt_err median_and_mad(const double *values, size_t n,
				  double *median, double *mad)
{
	double *buf = NULL;
	enum vt_err result;
	double m;
	size_t i;

	result = check_values(values, n);
	if (result)
		goto out;
	result = copy_values(values, n, &buf);
	if (result)
		goto out;
	m = median_in_place(buf, n);
	for (i = 0; i < n; i++)
		buf[i] = fabs(buf[i] - m);
	*median = m;
	*mad = median_in_place(buf, n);
out:
	free(buf);
	return result;
}

enum vt_err vt_mad(const double *values, size_t n, double *out)
{
	enum vt_err result;
	double median, mad;

	if (!out)
		return VT_EINVAL;
	result = median_and_mad(values, n, &median, &mad);
	if (result)
		return result;
	*out = mad * MAD_SCALE;
	return VT_OK;
}

/* 'score' may be NULL for a caller that only wants the verdict. */
enum vt_err vt_is_outlier(const double *history, size_t n, double x,
			  double k, bool *outlier, double *score)
{
	enum vt_err result;
	double median, mad, dev, s;

	if (!outlier || isnan(x) || !(k >= 0) || (n > 0 && !history))
		return VT_EINVAL;
	if (n < OUTLIER_MIN_N) {
		*outlier = false;
		if (score)
			*score = 0;
		return VT_OK;
	}
	result = median_and_mad(history, n, &median, &mad);
	if (result)
		return result;
	mad *= MAD_SCALE;
	dev = fabs(x - median);
	if (mad > 0) {
		s = dev / mad;
		*outlier = s > k;
	} else {
		/* Only a difference beyond rounding counts in a flat series. */
		*outlier = dev > FLAT_TOLERANCE * fabs(median);
		s = *outlier ? HUGE_VAL : 0;
	}
	if (score)
		*score = s;
	return VT_OK;
}
