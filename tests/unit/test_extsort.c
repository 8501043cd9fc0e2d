/* Unit tests for the external sort: order, stability, runs on disk, bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/extsort.h"

/* A record: a key that repeats, the order it was added, a tail of text. */
struct rec {
	uint32_t key;
	uint32_t seq;
	char text[];
};

static int by_key(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

/* xorshift: the same records on every machine. */
static uint32_t next_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return (uint32_t)(*state >> 11);
}

/*
 * Add 'n' records with keys in [0, keys) and text lengths up to
 * 'maxtext', then check every record comes out once, in key order,
 * equal keys in the order they went in, with its text intact.
 */
static size_t sort_and_check(size_t memory, size_t n, uint32_t keys,
			     size_t maxtext)
{
	struct vt_extsort s;
	char buf[sizeof(struct rec) + 256];
	struct rec *r = (struct rec *)(void *)buf;
	uint64_t state = 88172645463325252ULL;
	uint32_t last_key = 0, last_seq = 0;
	unsigned char *seen = calloc(n + 1, 1);
	const void *out;
	size_t len, i, count = 0, runs;

	assert_non_null(seen);
	assert_int_equal(vt_extsort_init(&s, memory, by_key), VT_OK);
	for (i = 0; i < n; i++) {
		size_t t = maxtext ? next_random(&state) % maxtext : 0;

		r->key = next_random(&state) % keys;
		r->seq = (uint32_t)i;
		/* The text is derived from seq, so it can be checked. */
		memset(r->text, 'a' + (int)(i % 26), t);
		assert_int_equal(vt_extsort_add(&s, r, sizeof(*r) + t),
				 VT_OK);
	}
	assert_int_equal(vt_extsort_finish(&s), VT_OK);
	runs = vt_extsort_runs(&s);
	while (vt_extsort_next(&s, &out, &len) == VT_OK) {
		const struct rec *o = out;

		assert_true(((uintptr_t)out & 7) == 0);
		assert_true(o->seq < n);
		assert_false(seen[o->seq]);
		seen[o->seq] = 1;
		if (count) {
			assert_true(o->key >= last_key);
			if (o->key == last_key)
				assert_true(o->seq > last_seq);
		}
		for (i = sizeof(*o); i < len; i++)
			assert_int_equal(((const char *)out)[i],
					 'a' + (int)(o->seq % 26));
		last_key = o->key;
		last_seq = o->seq;
		count++;
	}
	assert_int_equal(count, n);
	/* The end stays the end. */
	assert_int_equal(vt_extsort_next(&s, &out, &len), VT_ENOTFOUND);
	vt_extsort_release(&s);
	free(seen);
	return runs;
}

static void test_in_memory(void **state)
{
	(void)state;
	assert_int_equal(sort_and_check(1 << 20, 5000, 100, 40), 0);
	assert_int_equal(sort_and_check(1 << 20, 3, 2, 0), 0);
}

static void test_runs_on_disk(void **state)
{
	(void)state;
	/* 64 KiB holds about 1,000 of these: some 20 runs. */
	assert_true(sort_and_check(64 * 1024, 20000, 500, 16) > 1);
}

/* Past 64 runs they are merged into one along the way. */
static void test_many_runs(void **state)
{
	size_t runs;

	(void)state;
	runs = sort_and_check(64 * 1024, 150000, 1000, 0);
	assert_true(runs >= 1);
	assert_true(runs <= 64);
}

static void test_already_sorted_and_reversed(void **state)
{
	struct vt_extsort s;
	struct rec r;
	const void *out;
	size_t len, i;
	uint32_t want = 0;

	(void)state;
	assert_int_equal(vt_extsort_init(&s, 64 * 1024, by_key), VT_OK);
	for (i = 0; i < 30000; i++) {
		r.key = (uint32_t)(30000 - 1 - i);
		r.seq = (uint32_t)i;
		assert_int_equal(vt_extsort_add(&s, &r, sizeof(r)), VT_OK);
	}
	assert_int_equal(vt_extsort_finish(&s), VT_OK);
	while (vt_extsort_next(&s, &out, &len) == VT_OK) {
		assert_int_equal(len, sizeof(r));
		assert_int_equal(((const struct rec *)out)->key, want);
		want++;
	}
	assert_int_equal(want, 30000);
	vt_extsort_release(&s);
}

static void test_empty_and_refused(void **state)
{
	struct vt_extsort s;
	static char big[40000];
	const void *out;
	size_t len;

	(void)state;
	assert_int_equal(vt_extsort_init(&s, 64 * 1024, by_key), VT_OK);
	/* Too big to sort within the budget: refused, nothing added. */
	assert_int_equal(vt_extsort_add(&s, big, sizeof(big)), VT_ETOOBIG);
	/* Nothing can be read before the end is declared. */
	assert_int_equal(vt_extsort_next(&s, &out, &len), VT_EINVAL);
	assert_int_equal(vt_extsort_finish(&s), VT_OK);
	assert_int_equal(vt_extsort_next(&s, &out, &len), VT_ENOTFOUND);
	/* Nor added after it. */
	assert_int_equal(vt_extsort_add(&s, big, 8), VT_EINVAL);
	vt_extsort_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_memory),
		cmocka_unit_test(test_runs_on_disk),
		cmocka_unit_test(test_many_runs),
		cmocka_unit_test(test_already_sorted_and_reversed),
		cmocka_unit_test(test_empty_and_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
