/* Unit tests for pseudonymisation at the door: keyed hashes of children's identifiers, months of birth. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "vitals/extract.h"

static struct vt_pseudo_key key_of(unsigned char fill)
{
	struct vt_pseudo_key k;

	memset(k.bytes, fill, sizeof(k.bytes));
	return k;
}

static void test_same_child_same_hash(void **state)
{
	struct vt_pseudo_key k = key_of(7);
	char a[VT_CHILD_HASH_HEX + 1], b[VT_CHILD_HASH_HEX + 1];

	(void)state;
	assert_int_equal(vt_pseudo_child(&k, "A123456789123", a), VT_OK);
	assert_int_equal(strlen(a), VT_CHILD_HASH_HEX);
	/* Written with blanks around it, or in lower case: the same UPN. */
	assert_int_equal(vt_pseudo_child(&k, "  a123456789123 \r\n", b), VT_OK);
	assert_string_equal(a, b);
	/* The hash is not the identifier, nor does it hold it. */
	assert_null(strstr(a, "123456789"));
}

static void test_hash_is_keyed(void **state)
{
	struct vt_pseudo_key k1 = key_of(7), k2 = key_of(8);
	char a[VT_CHILD_HASH_HEX + 1], b[VT_CHILD_HASH_HEX + 1];
	char c[VT_CHILD_HASH_HEX + 1], plain[VT_CHILD_HASH_HEX + 1];
	unsigned char unkeyed[VT_CHILD_HASH_HEX / 2];

	(void)state;
	assert_int_equal(vt_pseudo_child(&k1, "DfEX0000001", a), VT_OK);
	assert_int_equal(vt_pseudo_child(&k2, "DfEX0000001", b), VT_OK);
	assert_string_not_equal(a, b);
	/* Another child, the same key: another hash. */
	assert_int_equal(vt_pseudo_child(&k1, "DfEX0000002", c), VT_OK);
	assert_string_not_equal(a, c);
	/* Not the plain hash anyone could make without the key. */
	assert_int_equal(sodium_init() < 0, 0);
	crypto_generichash(unkeyed, sizeof(unkeyed),
			   (const unsigned char *)"DFEX0000001", 11, NULL, 0);
	sodium_bin2hex(plain, sizeof(plain), unkeyed, sizeof(unkeyed));
	assert_string_not_equal(a, plain);
}

static void test_empty_refused(void **state)
{
	struct vt_pseudo_key k = key_of(1);
	char out[VT_CHILD_HASH_HEX + 1] = "x";
	char longer[200];

	(void)state;
	assert_int_equal(vt_pseudo_child(&k, "", out), VT_EINVAL);
	assert_string_equal(out, "");
	assert_int_equal(vt_pseudo_child(&k, "   ", out), VT_EINVAL);
	memset(longer, 'A', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	assert_int_equal(vt_pseudo_child(&k, longer, out), VT_EINVAL);
}

static void test_birth_month(void **state)
{
	char m[8] = "x";

	(void)state;
	assert_int_equal(vt_pseudo_birth_month("2015-03-27", m), VT_OK);
	assert_string_equal(m, "2015-03");
	assert_int_equal(vt_pseudo_birth_month("2016-02-29", m), VT_OK);
	assert_string_equal(m, "2016-02");
	assert_int_equal(vt_pseudo_birth_month("2015-02-29", m), VT_EINVAL);
	assert_string_equal(m, "");
	assert_int_equal(vt_pseudo_birth_month("2015-3-27", m), VT_EINVAL);
	assert_int_equal(vt_pseudo_birth_month("27/03/2015", m), VT_EINVAL);
	assert_int_equal(vt_pseudo_birth_month("2015-03-27T00:00", m),
			 VT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_child_same_hash),
		cmocka_unit_test(test_hash_is_keyed),
		cmocka_unit_test(test_empty_refused),
		cmocka_unit_test(test_birth_month),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
