/* Unit tests for the scrutiny plan: who reads it and who keeps it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "vitals/model.h"
#include "vitals/scrutiny.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Every working role reads the plan, an agency lead too; only the
   scrutineer and the administrator keep it. */
static void test_who(void **state)
{
	static const struct {
		int role;
		bool reads, changes;
	} cases[] = {
		{ VT_ROLE_ADMIN, true, true },
		{ VT_ROLE_SCRUTINEER, true, true },
		{ VT_ROLE_ANALYST, true, false },
		{ VT_ROLE_CHAIR, true, false },
		{ VT_ROLE_AGENCY_LEAD, true, false },
		{ VT_ROLE_VIEWER, false, false },
		{ VT_ROLE__MAX, false, false },
		{ -1, false, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		assert_int_equal(vt_scrutiny_visible_to(cases[i].role),
				 cases[i].reads);
		assert_int_equal(vt_scrutiny_may_change(cases[i].role),
				 cases[i].changes);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_who),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
