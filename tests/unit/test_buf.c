/* Unit tests for the bounded buffer and the error descriptions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/buf.h"
#include "vitals/error.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_PARTS 5

static void assert_content(const struct vt_buf *b, const char *expect)
{
	assert_string_equal(vt_buf_str(b), expect);
	assert_int_equal(b->len, strlen(expect));
	/* The terminator is really there, not just implied by vt_buf_str. */
	if (b->ptr)
		assert_int_equal(b->ptr[b->len], '\0');
}

static void test_adds(void **state)
{
	static const struct {
		size_t max;
		const char *parts[MAX_PARTS];
		enum vt_err results[MAX_PARTS];
		const char *expect;
	} cases[] = {
		{ 100, { "abc" }, { VT_OK }, "abc" },
		{ 100, { "abc", "def", "g" }, { VT_OK, VT_OK, VT_OK },
		  "abcdefg" },
		{ 100, { "", "x", "" }, { VT_OK, VT_OK, VT_OK }, "x" },
		/* Exactly at the cap is allowed. */
		{ 6, { "abc", "def" }, { VT_OK, VT_OK }, "abcdef" },
		/* One past the cap is refused and changes nothing. */
		{ 5, { "abc", "def" }, { VT_OK, VT_ETOOBIG }, "abc" },
		{ 5, { "abc", "def", "de" },
		  { VT_OK, VT_ETOOBIG, VT_OK }, "abcde" },
		{ 5, { "abc", "de", "f" }, { VT_OK, VT_OK, VT_ETOOBIG },
		  "abcde" },
		{ 3, { "abcd" }, { VT_ETOOBIG }, "" },
		/* A cap of 0 is not special: nothing fits. */
		{ 0, { "a" }, { VT_ETOOBIG }, "" },
		{ 0, { "", "a" }, { VT_OK, VT_ETOOBIG }, "" },
		/* Well past the first allocation. */
		{ 200,
		  { "0123456789012345678901234567890123456789",
		    "0123456789012345678901234567890123456789",
		    "0123456789012345678901234567890123456789" },
		  { VT_OK, VT_OK, VT_OK },
		  "0123456789012345678901234567890123456789"
		  "0123456789012345678901234567890123456789"
		  "0123456789012345678901234567890123456789" },
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_buf b;

		vt_buf_init(&b, cases[i].max);
		assert_content(&b, "");
		for (j = 0; j < MAX_PARTS && cases[i].parts[j]; j++)
			assert_int_equal(vt_buf_adds(&b, cases[i].parts[j]),
					 cases[i].results[j]);
		assert_content(&b, cases[i].expect);
		assert_true(b.len <= b.max);
		vt_buf_release(&b);
	}
}

static void test_add_bytes_and_chars(void **state)
{
	static const struct {
		size_t max;
		const char *data;	/* added with vt_buf_add */
		size_t len;
		char c;			/* then added with vt_buf_addc */
		enum vt_err add_result, addc_result;
		size_t expect_len;
		const char *expect;	/* compared over expect_len bytes */
	} cases[] = {
		{ 10, "ab", 2, 'c', VT_OK, VT_OK, 3, "abc" },
		/* Embedded NUL bytes are content like any other. */
		{ 10, "a\0b", 3, 'c', VT_OK, VT_OK, 4, "a\0bc" },
		{ 3, "abc", 3, 'd', VT_OK, VT_ETOOBIG, 3, "abc" },
		{ 2, "abc", 3, 'd', VT_ETOOBIG, VT_OK, 1, "d" },
		{ 1, "", 0, 'x', VT_OK, VT_OK, 1, "x" },
		{ 0, "", 0, 'x', VT_OK, VT_ETOOBIG, 0, "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_buf b = VT_BUF_INIT(cases[i].max);

		assert_int_equal(vt_buf_add(&b, cases[i].data, cases[i].len),
				 cases[i].add_result);
		assert_int_equal(vt_buf_addc(&b, cases[i].c),
				 cases[i].addc_result);
		assert_int_equal(b.len, cases[i].expect_len);
		assert_memory_equal(vt_buf_str(&b), cases[i].expect,
				    cases[i].expect_len + 1);
		vt_buf_release(&b);
	}
}

static void test_addf(void **state)
{
	static const struct {
		const char *prefix;	/* added first with vt_buf_adds */
		size_t max;
		int width;		/* the number is right-aligned in it */
		int value;
		enum vt_err result;
		size_t expect_len;
		const char *expect_tail;
	} cases[] = {
		{ "", 100, 0, 42, VT_OK, 4, "<42>" },
		{ "n=", 100, 0, -7, VT_OK, 6, "n=<-7>" },
		{ "n=", 100, 5, 123, VT_OK, 9, "n=<  123>" },
		/* Grows well past the first allocation in one go. */
		{ "x", 1000, 500, 9, VT_OK, 503, "   9>" },
		{ "x", 3000, 2500, 12345, VT_OK, 2503, " 12345>" },
		/* Exactly at the cap, then one past it. */
		{ "ab", 6, 2, 1, VT_OK, 6, "ab< 1>" },
		{ "ab", 5, 2, 1, VT_ETOOBIG, 2, "ab" },
		{ "x", 100, 500, 9, VT_ETOOBIG, 1, "x" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_buf b = VT_BUF_INIT(cases[i].max);
		size_t tail = strlen(cases[i].expect_tail);
		const char *s;

		assert_int_equal(vt_buf_adds(&b, cases[i].prefix), VT_OK);
		assert_int_equal(vt_buf_addf(&b, "<%*d>", cases[i].width,
					     cases[i].value),
				 cases[i].result);
		s = vt_buf_str(&b);
		assert_int_equal(b.len, cases[i].expect_len);
		assert_int_equal(strlen(s), cases[i].expect_len);
		assert_true(b.len <= b.max);
		assert_memory_equal(s, cases[i].prefix,
				    strlen(cases[i].prefix));
		assert_string_equal(s + b.len - tail, cases[i].expect_tail);
		vt_buf_release(&b);
	}
}

/* Many small formatted appends accumulate in order across regrowths. */
static void test_addf_many(void **state)
{
	static const struct {
		int count;
		size_t expect_len;	/* of "0,1,...,count-1," */
	} cases[] = {
		{ 1, 2 },
		{ 10, 20 },
		{ 100, 10 * 2 + 90 * 3 },
		{ 1000, 10 * 2 + 90 * 3 + 900 * 4 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_buf b = VT_BUF_INIT(1 << 20);
		const char *p;
		char *end;
		int k;

		for (k = 0; k < cases[i].count; k++)
			assert_int_equal(vt_buf_addf(&b, "%d,", k), VT_OK);
		assert_int_equal(b.len, cases[i].expect_len);
		/* Read the numbers back to check order and separators. */
		p = vt_buf_str(&b);
		for (k = 0; k < cases[i].count; k++) {
			assert_int_equal(strtol(p, &end, 10), k);
			assert_int_equal(*end, ',');
			p = end + 1;
		}
		assert_int_equal(*p, '\0');
		vt_buf_release(&b);
	}
}

static void test_detach(void **state)
{
	static const struct {
		const char *parts[MAX_PARTS];
		const char *expect;
	} cases[] = {
		{ { NULL }, "" },
		{ { "" }, "" },
		{ { "hello" }, "hello" },
		{ { "hello", ", ", "world" }, "hello, world" },
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_buf b = VT_BUF_INIT(64);
		char *s;

		for (j = 0; j < MAX_PARTS && cases[i].parts[j]; j++)
			assert_int_equal(vt_buf_adds(&b, cases[i].parts[j]),
					 VT_OK);
		s = vt_buf_detach(&b);
		assert_non_null(s);
		assert_string_equal(s, cases[i].expect);
		free(s);
		/* The buffer is empty, keeps its cap and can be used again. */
		assert_null(b.ptr);
		assert_content(&b, "");
		assert_int_equal(b.max, 64);
		assert_int_equal(vt_buf_adds(&b, "again"), VT_OK);
		assert_content(&b, "again");
		vt_buf_release(&b);
	}
}

static void test_reset(void **state)
{
	static const struct {
		size_t max;
		const char *before;
		const char *after;
		enum vt_err after_result;
		const char *expect;
	} cases[] = {
		{ 10, "", "abc", VT_OK, "abc" },
		{ 10, "0123456789", "abc", VT_OK, "abc" },
		{ 10, "0123456789", "0123456789", VT_OK, "0123456789" },
		/* The cap survives the reset. */
		{ 10, "abc", "0123456789x", VT_ETOOBIG, "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_buf b = VT_BUF_INIT(cases[i].max);
		size_t alloc;
		char *ptr;

		assert_int_equal(vt_buf_adds(&b, cases[i].before), VT_OK);
		ptr = b.ptr;
		alloc = b.alloc;
		vt_buf_reset(&b);
		assert_content(&b, "");
		/* The memory is kept for reuse. */
		assert_ptr_equal(b.ptr, ptr);
		assert_int_equal(b.alloc, alloc);
		assert_int_equal(b.max, cases[i].max);
		assert_int_equal(vt_buf_adds(&b, cases[i].after),
				 cases[i].after_result);
		assert_content(&b, cases[i].expect);
		vt_buf_release(&b);
		assert_null(b.ptr);
		assert_int_equal(b.len, 0);
	}
}

/* Appending the buffer's own content must survive the move on growth. */
static void test_add_self(void **state)
{
	static const struct {
		const char *seed;
		int rounds;
		size_t expect_len;
	} cases[] = {
		{ "ab", 1, 4 },
		{ "ab", 5, 64 },
		{ "abc", 8, 768 },
	};
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_buf b = VT_BUF_INIT(4096);
		size_t seed = strlen(cases[i].seed), n;

		assert_int_equal(vt_buf_adds(&b, cases[i].seed), VT_OK);
		for (k = 0; k < cases[i].rounds; k++)
			assert_int_equal(vt_buf_add(&b, b.ptr, b.len), VT_OK);
		assert_int_equal(b.len, cases[i].expect_len);
		for (n = 0; n < b.len; n += seed)
			assert_memory_equal(b.ptr + n, cases[i].seed, seed);
		assert_int_equal(b.ptr[b.len], '\0');
		vt_buf_release(&b);
	}
}

static void test_strerror(void **state)
{
	static const struct {
		int code;
		const char *expect;
	} cases[] = {
		{ VT_OK, "success" },
		{ VT_ENOMEM, "out of memory" },
		{ VT_EINVAL, "invalid argument or input" },
		{ VT_EIO, "input/output error" },
		{ VT_EDB, "database error" },
		{ VT_ENOTFOUND, "not found" },
		{ VT_ECONFLICT, "conflicts with accepted data" },
		{ VT_ETOOBIG, "size limit reached" },
		{ VT_ESCHEMA, "database needs 'vitals init'" },
		{ VT_ERR__MAX, "unknown error" },
		{ VT_ERR__MAX + 100, "unknown error" },
		{ -1, "unknown error" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_string_equal(vt_strerror((enum vt_err)cases[i].code),
				    cases[i].expect);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_adds),
		cmocka_unit_test(test_add_bytes_and_chars),
		cmocka_unit_test(test_addf),
		cmocka_unit_test(test_addf_many),
		cmocka_unit_test(test_detach),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_add_self),
		cmocka_unit_test(test_strerror),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
