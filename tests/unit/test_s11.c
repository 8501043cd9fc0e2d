/* Unit tests for section 11 self-assessments: cycle codes, the default framework, the heat map's cells, changes and counts, who has not returned, who may change one, and rating every standard in one write. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "vitals/defjson.h"
#include "vitals/model.h"
#include "vitals/s11.h"
#include "vitals/store.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_cycles(void **state)
{
	static const struct { const char *cycle; bool ok; } cases[] = {
		{ "2025", true }, { "2025-26", true }, { "1999-00", true },
		{ "2025-27", false }, { "2025-2026", false },
		{ "25-26", false },
		{ "2025/26", false }, { "", false }, { "20x5", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		if (vt_s11_cycle_valid(cases[i].cycle) != cases[i].ok)
			fail_msg("cycle '%s': expected %s", cases[i].cycle,
				 cases[i].ok ? "valid" : "refused");
	assert_false(vt_s11_cycle_valid(NULL));
}

static void test_framework(void **state)
{
	struct vt_s11_standard own[] = { { (char *)"L1", (char *)"Lead" } };
	struct vt_partnership p = { 0 };
	size_t n = vt_s11_standard_count(NULL), i;

	(void)state;
	assert_int_equal(n, 8);
	for (i = 1; i <= n; i++) {
		char code[4] = { 'S', (char)('0' + i), '\0' };

		assert_string_equal(vt_s11_standard_at(NULL, i)->code, code);
	}
	assert_null(vt_s11_standard_at(NULL, 0));
	assert_null(vt_s11_standard_at(NULL, n + 1));
	assert_int_equal(vt_s11_standard_count(&p), 8);
	p.s11_standards = own;
	p.ns11_standards = 1;
	assert_int_equal(vt_s11_standard_count(&p), 1);
	assert_string_equal(vt_s11_standard_at(&p, 1)->code, "L1");
	assert_null(vt_s11_standard_at(&p, 2));
}

/* A definition of three agencies; 'grades' gives each self-assessment's
   eight ratings as letters (M, P, N, '.' not rated). */
struct sa {
	const char *agency, *cycle, *submitted, *grades;
};

static void add_agency(struct vt_def *def, const char *code)
{
	struct vt_agency *a;

	assert_int_equal(vt_def_append(def, VT_KIND_AGENCY, (void **)&a),
			 VT_OK);
	a->code = strdup(code);
	a->name = strdup(code);
}

static void add_s11(struct vt_def *def, const struct sa *x)
{
	struct vt_s11 *a;
	size_t k;

	assert_int_equal(vt_def_append(def, VT_KIND_S11, (void **)&a), VT_OK);
	a->agency = strdup(x->agency);
	a->cycle = strdup(x->cycle);
	a->submitted = x->submitted ? strdup(x->submitted) : NULL;
	a->ratings = calloc(8, sizeof(*a->ratings));
	assert_non_null(a->ratings);
	for (k = 0; k < 8; k++) {
		char code[4] = { 'S', (char)('1' + k), '\0' };
		const char *g = strchr("MPN", x->grades[k]);

		if (!g)
			continue;
		a->ratings[a->nratings].standard = strdup(code);
		a->ratings[a->nratings].rating = (int)(g - "MPN");
		a->nratings++;
	}
}

static const struct sa sas[] = {
	{ "la", "2024-25", "2025-03-01", "MMMPMMMN" },
	{ "la", "2025-26", "2026-03-01", "MMPMMMNP" },
	{ "police", "2023-24", "2024-03-01", "NNNNNNNN" },
	{ "police", "2025-26", NULL, "MP......" },
	{ "health", "2024-25", "2025-03-01", "MMMMMMMM" },
};

static void build(struct vt_def *def)
{
	size_t i;

	vt_def_init(def);
	add_agency(def, "la");
	add_agency(def, "police");
	add_agency(def, "health");
	for (i = 0; i < COUNT(sas); i++)
		add_s11(def, &sas[i]);
}

static void test_heatmap(void **state)
{
	static const struct {
		const char *agency, *previous;
		const char *trends;	/* n new, b better, s same, w worse,
					   '.' not rated */
	} want[] = {
		{ "la", "2024-25", "sswbsswb" },
		{ "police", "2023-24", "bb......" },
	};
	struct vt_s11_heatmap h;
	struct vt_def def;
	size_t i, k, g, counted = 0, entered = 0;

	(void)state;
	build(&def);
	assert_int_equal(vt_s11_heatmap(&def, "2025-26", &h), VT_OK);
	assert_int_equal(h.nstandards, 8);
	assert_int_equal(h.nrows, COUNT(want));
	for (i = 0; i < h.nrows; i++) {
		const struct vt_s11_row *r = &h.rows[i];

		assert_string_equal(r->s11->agency, want[i].agency);
		assert_string_equal(r->previous->cycle, want[i].previous);
		for (k = 0; k < 8; k++) {
			const struct vt_s11_cell *c = &r->cells[k];
			char t = want[i].trends[k];

			if (t == '.') {
				assert_int_equal(c->rating, -1);
				continue;
			}
			assert_int_equal(c->trend, t == 'n' ? VT_S11_NEW :
					 t == 'b' ? VT_S11_BETTER : t == 's' ?
					 VT_S11_SAME : VT_S11_WORSE);
		}
	}
	/* The counts are the ratings entered for the cycle, standard by
	   standard. */
	for (k = 0; k < 8; k++) {
		size_t n[VT_S11__MAX] = { 0 };

		for (i = 0; i < COUNT(sas); i++) {
			const char *p = strchr("MPN", sas[i].grades[k]);

			if (!strcmp(sas[i].cycle, "2025-26") && p)
				n[p - "MPN"]++, entered++;
		}
		for (g = 0; g < VT_S11__MAX; g++) {
			assert_int_equal(h.counts[k][g], n[g]);
			counted += h.counts[k][g];
		}
	}
	assert_int_equal(counted, entered);
	vt_s11_heatmap_release(&h);
	/* A cycle no one returned: no rows, no counts. */
	assert_int_equal(vt_s11_heatmap(&def, "2030", &h), VT_OK);
	assert_int_equal(h.nrows, 0);
	for (k = 0; k < 8; k++)
		for (g = 0; g < VT_S11__MAX; g++)
			assert_int_equal(h.counts[k][g], 0);
	vt_s11_heatmap_release(&h);
	vt_def_release(&def);
}

static void test_missing(void **state)
{
	const struct vt_agency **v;
	struct vt_def def;
	size_t n;

	(void)state;
	build(&def);
	/* police has a draft only, health nothing: neither returned. */
	assert_int_equal(vt_s11_missing(&def, "2025-26", &v, &n), VT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0]->code, "police");
	assert_string_equal(v[1]->code, "health");
	free(v);
	assert_int_equal(vt_s11_missing(&def, "2024-25", &v, &n), VT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0]->code, "police");
	free(v);
	vt_def_release(&def);
}

static void test_may_edit(void **state)
{
	static const struct {
		int role;
		const char *own;
		const char *agency;
		bool edit, challenge;
	} cases[] = {
		{ VT_ROLE_AGENCY_LEAD, "police", "police", true, false },
		{ VT_ROLE_AGENCY_LEAD, "police", "la", false, false },
		{ VT_ROLE_AGENCY_LEAD, NULL, "la", false, false },
		{ VT_ROLE_ADMIN, NULL, "la", true, true },
		{ VT_ROLE_ANALYST, NULL, "police", true, true },
		{ VT_ROLE_CHAIR, NULL, "police", false, true },
		{ VT_ROLE_SCRUTINEER, NULL, "police", false, true },
		{ VT_ROLE_VIEWER, NULL, "police", false, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_reader rd = { cases[i].role, cases[i].own, false,
					false };

		if (vt_s11_may_edit(&rd, cases[i].agency) != cases[i].edit ||
		    vt_s11_may_challenge(&rd) != cases[i].challenge)
			fail_msg("case %zu: role %s of %s on %s", i,
				 vt_role_names[cases[i].role],
				 cases[i].own ? cases[i].own : "-",
				 cases[i].agency);
	}
	{
		struct vt_reader pub = VT_READER_PUBLISHED;

		assert_false(vt_s11_may_edit(&pub, "police"));
		assert_false(vt_s11_may_challenge(&pub));
	}
}

/* ------------------------------------------------------------------ */
/* Every standard in one write (vt_s11_rate_many), on a store */

static const char definition[] =
	"{\"vitals\": 1,"
	"\"partnership\": {\"code\": \"p\", \"name\": \"P\", "
	"\"fy_start_month\": 4, \"s11_standards\": ["
	"{\"code\": \"L1\", \"name\": \"Leadership\"}, "
	"{\"code\": \"L2\", \"name\": \"Training\"}, "
	"{\"code\": \"L3\", \"name\": \"Sharing\"}]},"
	"\"agencies\": [{\"code\": \"police\", \"name\": \"Police\", "
	"\"sector\": \"police\", \"kind\": \"statutory-partner\"}]}";

static struct vt_store *fresh_store(char *path, size_t size)
{
	const char *dir = getenv("VT_TEST_TMP");
	struct vt_store *s = NULL;
	struct vt_load_summary sum;
	struct vt_defsrc src;
	struct vt_diagq dq;
	struct vt_check ck;
	struct vt_def def;
	int from, to;

	dir = dir ? dir : "/tmp";
	mkdir(dir, 0700);
	snprintf(path, size, "%s/s11-%ld.db", dir, (long)getpid());
	unlink(path);
	assert_int_equal(vt_store_open(path, VT_OPEN_CREATE, &s), VT_OK);
	assert_int_equal(vt_store_migrate(s, &from, &to), VT_OK);
	vt_diagq_init(&dq);
	vt_def_init(&def);
	assert_int_equal(vt_defjson_read_mem("def.json", definition,
					     strlen(definition), &src, &def,
					     &dq), VT_OK);
	vt_defsrc_check(&src, &dq, &ck);
	assert_int_equal(vt_store_load_def(s, &def, &ck, "test", 0, &sum),
			 VT_OK);
	vt_def_release(&def);
	vt_defsrc_release(&src);
	vt_diagq_release(&dq);
	return s;
}

/* The stored self-assessment of the police for 2026-27: its ratings as
   "L1=met,L2=not-met" and whether submitted, or "none". */
static void stored(struct vt_store *s, char *out, size_t size)
{
	struct vt_def def;
	const struct vt_s11 *a;
	size_t i, at = 0;

	vt_def_init(&def);
	assert_int_equal(vt_store_read_def(s, &def), VT_OK);
	a = vt_s11_find(&def, "police", "2026-27");
	if (!a)
		snprintf(out, size, "none");
	for (i = 0; a && i < a->nratings; i++)
		at += (size_t)snprintf(out + at, size - at, "%s%s=%s%s",
				       i ? "," : "", a->ratings[i].standard,
				       vt_s11_grade_names[a->ratings[i].rating],
				       a->ratings[i].action ? "+action" : "");
	if (a)
		snprintf(out + at, size - at, "%s%s", a->nratings ? "" :
			 "draft", a->submitted ? " submitted" : "");
	vt_def_release(&def);
}

static void test_rate_many(void **state)
{
	/* Each a form sent in turn on one store: what is refused (the
	   fields of the problems, joined) leaves what was stored. */
	static const struct {
		struct vt_s11_rating_input in[4];
		size_t n;
		bool submit;
		enum vt_err result;
		const char *fields;	/* the problems' fields, or NULL */
		const char *after;
	} cases[] = {
		/* A draft of one standard, then refusals of every kind,
		   each naming its standard and field, nothing written. */
		{ { { "L1", "met", "Illustrative: minutes", NULL } }, 1,
		  false, VT_OK, NULL, "L1=met" },
		{ { { "L1", "met", NULL, NULL },
		    { "L2", "not-met", NULL, NULL },
		    { "L3", "", NULL, NULL } }, 3, true, VT_EINVAL,
		  "L2.action L3.rating", "L1=met" },
		{ { { "L1", "great", NULL, NULL },
		    { "L2", "", "Illustrative: some", NULL },
		    { "L9", "met", NULL, NULL },
		    { "L3", "met", NULL, "Jane Smith" } }, 4, false,
		  VT_EINVAL, "L1.rating L2.rating L9.rating L3.action",
		  "L1=met" },
		{ { { "L1", "met", NULL, NULL },
		    { "L1", "met", NULL, NULL } }, 2, false, VT_EINVAL,
		  "L1.rating", "L1=met" },
		/* Every standard with its action where not met: submitted
		   in the same write. */
		{ { { "L1", "met", NULL, NULL },
		    { "L2", "not-met", NULL, "Illustrative: train staff" },
		    { "L3", "partly-met", NULL, "Illustrative: agree it" } },
		  3, true, VT_OK, NULL,
		  "L1=met,L2=not-met+action,L3=partly-met+action submitted" },
		/* Submitted: a rating changes only at its challenge
		   session, and it is not submitted twice. */
		{ { { "L1", "not-met", NULL, "Illustrative: act" } }, 1,
		  false, VT_EINVAL, "L1.rating",
		  "L1=met,L2=not-met+action,L3=partly-met+action submitted" },
		{ { { "L1", "met", NULL, NULL } }, 1, true, VT_EINVAL, "",
		  "L1=met,L2=not-met+action,L3=partly-met+action submitted" },
	};
	char path[4200], why[1024], fields[200], after[300];
	struct vt_store *s;
	size_t i, k, at;

	(void)state;
	s = fresh_store(path, sizeof(path));
	stored(s, after, sizeof(after));
	assert_string_equal(after, "none");
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_diagq dq;
		enum vt_err result;

		vt_diagq_init(&dq);
		why[0] = '\0';
		result = vt_s11_rate_many(s, "police", "2026-27", cases[i].in,
					  cases[i].n, cases[i].submit ?
					  "2026-11-23" : NULL, "test", &dq,
					  why, sizeof(why));
		fields[0] = '\0';
		for (k = 0, at = 0; k < dq.n; k++)
			at += (size_t)snprintf(fields + at, sizeof(fields) - at,
					       "%s%s", k ? " " : "",
					       dq.items[k].field ?
					       dq.items[k].field : "");
		stored(s, after, sizeof(after));
		if (result != cases[i].result ||
		    strcmp(fields, cases[i].fields ? cases[i].fields : "") ||
		    strcmp(after, cases[i].after))
			fail_msg("case %zu: %s, problems at '%s' (%s), stored "
				 "'%s'", i, vt_strerror(result), fields, why,
				 after);
		/* The reason names the record and every problem. */
		if (cases[i].result && (strncmp(why, "s11 self-assessment "
		    "'police/2026-27': ", 37) || (dq.n > 1 &&
		    !strstr(why, "; "))))
			fail_msg("case %zu: the reason '%s'", i, why);
		vt_diagq_release(&dq);
	}
	vt_store_close(s);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cycles),
		cmocka_unit_test(test_framework),
		cmocka_unit_test(test_heatmap),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_may_edit),
		cmocka_unit_test(test_rate_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
