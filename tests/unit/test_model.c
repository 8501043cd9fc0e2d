/* Model tests: field tables, canonical JSON, keys, and the rules per record. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/defjson.h"
#include "vitals/model.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static size_t names_count(const char *const *names)
{
	size_t n = 0;

	while (names[n])
		n++;
	return n;
}

/* Each enum's name table has exactly one name per value. */
static void test_enum_tables(void **state)
{
	static const struct {
		const char *const *names;
		size_t max;
	} tables[] = {
		{ vt_sector_names, VT_SECTOR__MAX },
		{ vt_agency_kind_names, VT_AGENCY__MAX },
		{ vt_cadence_names, VT_CADENCE__MAX },
		{ vt_plan_kind_names, VT_PLAN__MAX },
		{ vt_direction_names, VT_DIRECTION__MAX },
		{ vt_unit_names, VT_UNIT__MAX },
		{ vt_frequency_names, VT_FREQUENCY__MAX },
		{ vt_status_names, VT_STATUS__MAX },
		{ vt_rag_names, VT_RAG__MAX },
		{ vt_role_names, VT_ROLE__MAX },
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < COUNT(tables); i++)
		assert_int_equal(names_count(tables[i].names), tables[i].max);
	/* Every kind has a table whose first field names the record. */
	for (k = 0; k < VT_KIND__MAX; k++) {
		const struct vt_entity *e = vt_entity_of(k);

		assert_non_null(e);
		assert_int_equal(e->kind, k);
		assert_true(e->nfields > 0);
		/* The loader's MAX_FIELDS (lib/store/load.c). */
		assert_true(e->nfields <= 32);
		if (k < VT_KIND_TOPLEVEL)
			assert_true(e->fields[0].flags & VT_FF_KEY);
	}
	assert_null(vt_entity_of(VT_KIND__MAX));
}

/* Read one definition text; returns the number of errors. */
static size_t read_def(const char *text, struct vt_def *def,
		       struct vt_diagq *dq, int check)
{
	struct vt_defsrc src;
	struct vt_check ck;

	vt_def_init(def);
	vt_diagq_init(dq);
	assert_int_equal(vt_defjson_read_mem("t.json", text, strlen(text),
					     &src, def, dq), VT_OK);
	if (check && dq->errors == 0) {
		vt_defsrc_check(&src, dq, &ck);
		assert_int_equal(vt_def_check(def, &ck), VT_OK);
	}
	vt_defsrc_release(&src);
	return dq->errors;
}

static void test_canonical_json(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
		/* Members come out in table order; absent ones are left out. */
		{ "{\"vitals\": 1, \"agencies\": [{\"kind\": "
		  "\"relevant-agency\", \"sector\": \"faith\", \"name\": "
		  "\"Diocese\", \"code\": \"d\"}]}",
		  "{\"code\":\"d\",\"name\":\"Diocese\",\"sector\":\"faith\","
		  "\"kind\":\"relevant-agency\"}" },
		/* Whole numbers print as integers; false booleans vanish;
		   the default status is written out. */
		{ "{\"vitals\": 1, \"values\": [{\"measure\": \"m\", "
		  "\"period\": \"2024Q1\", \"value\": 12.0, \"illustrative\": "
		  "false, \"numerator\": 1.5}]}",
		  "{\"measure\":\"m\",\"period\":\"2024Q1\",\"version\":0,"
		  "\"value\":12,\"numerator\":1.5,\"status\":\"approved\"}" },
		/* Lists of codes stay plain strings. */
		{ "{\"vitals\": 1, \"actions\": [{\"code\": \"a\", \"plan\": "
		  "\"p\", \"agency\": \"x\", \"title\": \"T\", \"rag\": "
		  "\"blue\", \"measures\": [\"m1\", \"m2\"]}]}",
		  "{\"code\":\"a\",\"plan\":\"p\",\"agency\":\"x\",\"title\":"
		  "\"T\",\"rag\":\"blue\",\"measures\":[\"m1\",\"m2\"]}" },
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_def def;
		struct vt_diagq dq;
		json_t *j = NULL;
		char *text;

		assert_int_equal(read_def(cases[i].in, &def, &dq, 0), 0);
		for (k = 0; k < VT_KIND_TOPLEVEL; k++)
			if (vt_def_count(&def, k))
				break;
		assert_int_equal(vt_record_to_json(k, vt_def_at(&def, k, 0),
						   &j), VT_OK);
		text = json_dumps(j, JSON_COMPACT);
		assert_string_equal(text, cases[i].out);
		free(text);
		json_decref(j);
		vt_def_release(&def);
		vt_diagq_release(&dq);
	}
}

static void test_record_keys(void **state)
{
	static const struct {
		const char *in;
		enum vt_kind kind;
		const char *key;
	} cases[] = {
		{ "{\"vitals\": 1, \"users\": [{\"email\": \"a@b.invalid\", "
		  "\"name\": \"Lead\", \"role\": \"viewer\"}]}",
		  VT_KIND_USER, "a@b.invalid" },
		{ "{\"vitals\": 1, \"values\": [{\"measure\": \"m\", "
		  "\"period\": \"2024Q1\", \"value\": 1}]}",
		  VT_KIND_VALUE, "m/2024Q1" },
		{ "{\"vitals\": 1, \"values\": [{\"measure\": \"m\", "
		  "\"period\": \"2024Q1\", \"breakdown\": \"u11\", "
		  "\"version\": 3, \"value\": 1}]}",
		  VT_KIND_VALUE, "m/2024Q1/u11#3" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_def def;
		struct vt_diagq dq;
		char *key;

		assert_int_equal(read_def(cases[i].in, &def, &dq, 0), 0);
		key = vt_record_key(cases[i].kind,
				    vt_def_at(&def, cases[i].kind, 0));
		assert_string_equal(key, cases[i].key);
		free(key);
		vt_def_release(&def);
		vt_diagq_release(&dq);
	}
}

/*
 * The rules, one failing case each, on top of a minimal valid definition:
 * 'extra' is spliced in after it, and the one error must say 'expect'.
 */
#define BASE \
	"{\"vitals\": 1,\n" \
	"\"partnership\": {\"code\": \"p\", \"name\": \"P\", " \
	"\"fy_start_month\": 4},\n" \
	"\"agencies\": [{\"code\": \"a\", \"name\": \"A\", \"sector\": " \
	"\"police\", \"kind\": \"statutory-partner\"}],\n" \
	"\"plans\": [{\"code\": \"pl\", \"title\": \"Plan\", \"kind\": " \
	"\"strategic\"}, {\"code\": \"p2\", \"title\": \"Other\", " \
	"\"kind\": \"strategic\"}],\n" \
	"\"priorities\": [{\"code\": \"pr\", \"plan\": \"p2\", " \
	"\"number\": \"1\", \"title\": \"T\"}],\n"
#define MEASURE(extra) \
	"\"measures\": [{\"code\": \"m\", \"title\": \"M\", \"plan\": " \
	"\"pl\", \"agency\": \"a\", \"direction\": \"reduce\", \"unit\": " \
	"\"count\", \"frequency\": \"quarterly\"" extra "}]"
#define PCT_MEASURE \
	"\"measures\": [{\"code\": \"m\", \"title\": \"M\", \"plan\": " \
	"\"pl\", \"agency\": \"a\", \"direction\": \"increase\", \"unit\": " \
	"\"percent\", \"frequency\": \"quarterly\"}]"
#define VALUE(fields) \
	MEASURE("") ",\n\"values\": [{\"measure\": \"m\", " fields "}]}"

static void test_rules(void **state)
{
	static const struct {
		const char *extra;
		const char *expect;
	} cases[] = {
		{ "\"groups\": [{\"code\": \"g\", \"name\": \"G\", \"chair\": "
		  "\"C\", \"cadence\": \"weekly\"}]}",
		  "cadence 'weekly' is not one of monthly, bi-monthly" },
		{ "\"groups\": [{\"code\": \"g\", \"name\": \"G\", \"chair\": "
		  "\"C\", \"cadence\": \"monthly\", \"reports_to\": \"g\"}]}",
		  "reports_to leads back to 'g'" },
		{ "\"users\": [{\"email\": \"x\", \"name\": \"N\", \"role\": "
		  "\"viewer\"}]}", "'x' is not an e-mail address" },
		{ "\"users\": [{\"email\": \"x@y.invalid\", \"name\": \"N\", "
		  "\"role\": \"agency-lead\"}]}",
		  "an agency lead needs an 'agency'" },
		{ "\"users\": [{\"email\": \"x@y.invalid\", \"name\": \"N\", "
		  "\"role\": \"viewer\", \"agency\": \"nope\"}]}",
		  "agency 'nope' does not exist" },
		{ "\"actions\": [{\"code\": \"x\", \"plan\": \"pl\", "
		  "\"agency\": \"a\", \"title\": \"T\", \"rag\": \"purple\"}]}",
		  "rag 'purple' is not one of red, amber, green, blue" },
		{ "\"actions\": [{\"code\": \"x\", \"plan\": \"pl\", "
		  "\"agency\": \"a\", \"title\": \"T\", \"rag\": \"red\", "
		  "\"due\": \"2024-02-30\"}]}",
		  "due '2024-02-30' is not a date (YYYY-MM-DD)" },
		{ "\"actions\": [{\"code\": \"x\", \"plan\": \"pl\", "
		  "\"agency\": \"a\", \"title\": \"T\", \"rag\": \"red\", "
		  "\"priority\": \"pr\"}]}",
		  "priority 'pr' belongs to plan 'p2', not 'pl'" },
		{ "\"measures\": [{\"code\": \"m\", \"title\": \"M\", "
		  "\"plan\": \"pl\", \"agency\": \"a\", \"direction\": "
		  "\"lower\", \"unit\": \"count\", \"frequency\": "
		  "\"quarterly\"}]}",
		  "direction 'lower' is not one of reduce, increase, none" },
		{ MEASURE(", \"baseline_value\": 3") "}",
		  "baseline_value needs a baseline_period" },
		{ MEASURE(", \"baseline_period\": \"2024\"") "}",
		  "baseline_period '2024' is not a quarterly period" },
		{ MEASURE(", \"rise_from\": \"2024Q1\"") "}",
		  "the expected-rise window needs both" },
		{ MEASURE(", \"rise_from\": \"2024Q3\", \"rise_to\": "
			  "\"2024Q1\"") "}",
		  "rise_to 2024Q1 is before rise_from 2024Q3" },
		{ MEASURE(", \"tolerance\": -1") "}",
		  "tolerance -1 is negative" },
		{ MEASURE(", \"rise_to\": \"2024Q9\"") "}",
		  "rise_to '2024Q9' is not a period" },
		{ VALUE("\"period\": \"2024-01\", \"value\": 1"),
		  "period '2024-01' is not a quarterly period" },
		{ VALUE("\"period\": \"2024Q1\""),
		  "needs a 'value' or a 'suppressed' code" },
		{ VALUE("\"period\": \"2024Q1\", \"value\": 1, "
			"\"suppressed\": \"c\""),
		  "has both a value and suppression code 'c'" },
		{ VALUE("\"period\": \"2024Q1\", \"suppressed\": \"q\""),
		  "suppressed 'q' is not one of c, x, z, u, k" },
		{ VALUE("\"period\": \"2024Q1\", \"value\": -2"),
		  "value -2 is negative" },
		{ VALUE("\"period\": \"2024Q1\", \"value\": 2.5"),
		  "value 2.5 is not a whole number" },
		{ VALUE("\"period\": \"2024Q1\", \"value\": 2, "
			"\"numerator\": 5, \"denominator\": 4"),
		  "numerator 5 is above denominator 4" },
		{ VALUE("\"period\": \"2024Q1\", \"value\": 2, "
			"\"breakdown\": \"u11\""),
		  "breakdown 'u11' is not a breakdown of measure 'm' "
		  "(it has none)" },
		{ PCT_MEASURE ",\n\"values\": [{\"measure\": \"m\", "
		  "\"period\": \"2024Q1\", \"value\": 101}]}",
		  "value 101 is not a percentage (0-100)" },
		{ "\"groups\": [{\"code\": \"b c\", \"name\": \"B\", "
		  "\"chair\": \"C\", \"cadence\": \"monthly\"}]}",
		  "code 'b c' is not a code" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_def def;
		struct vt_diagq dq;
		size_t len = strlen(BASE) + strlen(cases[i].extra) + 1;
		char *text = malloc(len);

		assert_non_null(text);
		snprintf(text, len, "%s%s", BASE, cases[i].extra);
		if (read_def(text, &def, &dq, 1) != 1 ||
		    !strstr(dq.items[0].message, cases[i].expect))
			fail_msg("case %zu: expected one error '%s', got %zu: "
				 "'%s'", i, cases[i].expect, dq.errors,
				 dq.n ? dq.items[0].message : "");
		free(text);
		vt_def_release(&def);
		vt_diagq_release(&dq);
	}
}

/*
 * When a return opens: the day after its period's last day (a financial
 * year by its start month), or at once when opened early.
 */
static void test_return_open(void **state)
{
	static const struct vt_return early = {
		.agency = "la", .period = "2026Q4",
		.opened_early_at = "2026-12-10T10:00:00Z",
	};
	static const struct {
		const struct vt_return *r;
		int fy;
		const char *period, *today;
		bool open;
		const char *opens;
	} cases[] = {
		{ NULL, 4, "2026Q4", "2026-12-10", false, "2027-01-01" },
		{ NULL, 4, "2026Q4", "2026-12-31", false, "2027-01-01" },
		{ NULL, 4, "2026Q4", "2027-01-01", true, "" },
		{ &early, 4, "2026Q4", "2026-12-10", true, "" },
		{ &early, 4, "2026Q4", "2026-10-01", true, "" },
		{ NULL, 4, "2026", "2027-03-31", false, "2027-04-01" },
		{ NULL, 1, "2026", "2027-01-01", true, "" },
		{ NULL, 4, "2026-11", "2026-11-30", false, "2026-12-01" },
		{ NULL, 4, "someday", "2026-12-10", true, "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char opens[11] = "";
		bool open = vt_return_open(cases[i].r, cases[i].fy,
					   cases[i].period, cases[i].today,
					   opens);

		if (open != cases[i].open || strcmp(opens, cases[i].opens))
			fail_msg("case %zu: %s on %s: open %d opens '%s'", i,
				 cases[i].period, cases[i].today, open, opens);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enum_tables),
		cmocka_unit_test(test_canonical_json),
		cmocka_unit_test(test_record_keys),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_return_open),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
