/* Chart model tests: nice y ticks (1, 2, 2.5, 5 x 10^n) and their labels, period labels thinned, the axis's title and direction. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "report/chart.h"

/* The ticks from 'lo' to 'hi' as their labels, space-separated. */
static const char *ticks(double lo, double hi, size_t most, double *step)
{
	static char out[256];
	double t[VT_CHART_TICKS_MAX];
	struct vt_chart c = { 0 };
	size_t i, n = vt_chart_nice_ticks(lo, hi, most, t, step), used = 0;

	c.step = *step;
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		char a[32];

		vt_chart_tick_label(&c, t[i], a);
		used += (size_t)snprintf(out + used, sizeof(out) - used, "%s%s",
					 i ? " " : "", a);
	}
	return out;
}

static void test_nice_ticks(void **state)
{
	double step;

	(void)state;
	assert_string_equal(ticks(65.9, 88.2, 6, &step), "65 70 75 80 85 90");
	assert_true(step == 5);
	assert_string_equal(ticks(112, 340, 6, &step),
			    "100 150 200 250 300 350");
	assert_string_equal(ticks(0, 6, 6, &step), "0 2 4 6");
	assert_string_equal(ticks(0, 1, 6, &step), "0 0.2 0.4 0.6 0.8 1");
	/* 0.1 x 7 is not quite 0.7: no tick spills over for it. */
	assert_string_equal(ticks(0.1, 0.7, 6, &step), "0 0.2 0.4 0.6 0.8");
	assert_string_equal(ticks(-3, 7, 6, &step), "-5 -2.5 0 2.5 5 7.5");
	assert_true(step == 2.5);
	assert_string_equal(ticks(1180, 12400, 6, &step),
			    "0 2,500 5,000 7,500 10,000 12,500");
	assert_string_equal(ticks(-1180, 0, 6, &step),
			    "-1,250 -1,000 -750 -500 -250 0");
}

static void test_one_value(void **state)
{
	double step;

	(void)state;
	/* A scale, and never a step of nothing. */
	assert_string_equal(ticks(5, 5, 6, &step), "4 4.5 5 5.5 6");
	assert_string_equal(ticks(0, 0, 6, &step), "-1 -0.5 0 0.5 1");
}

static void test_label_step(void **state)
{
	(void)state;
	/* 16 quarters on a phone's 136 px: labels of 82 px every 10th. */
	assert_int_equal(vt_chart_label_step(16, 136, 82), 10);
	assert_int_equal(vt_chart_label_step(16, 600, 30), 1);
	assert_int_equal(vt_chart_label_step(16, 600, 82), 3);
	assert_int_equal(vt_chart_label_step(1, 100, 500), 1);
}

static void test_titles(void **state)
{
	struct vt_measure m = { 0 };

	(void)state;
	m.unit = VT_UNIT_RATE10K;
	m.direction = VT_DIRECTION_REDUCE;
	assert_string_equal(vt_chart_y_title(&m), "Rate per 10,000 children");
	assert_string_equal(vt_chart_direction(&m), "Lower is better");
	m.unit = VT_UNIT_PERCENT;
	m.direction = VT_DIRECTION_INCREASE;
	assert_string_equal(vt_chart_y_title(&m), "Percentage");
	assert_string_equal(vt_chart_direction(&m), "Higher is better");
	m.unit = VT_UNIT_COUNT;
	m.direction = VT_DIRECTION_NONE;
	assert_string_equal(vt_chart_y_title(&m), "Count");
	assert_null(vt_chart_direction(&m));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nice_ticks),
		cmocka_unit_test(test_one_value),
		cmocka_unit_test(test_label_step),
		cmocka_unit_test(test_titles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
