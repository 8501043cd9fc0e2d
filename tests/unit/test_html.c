/* HTML writer tests: text and attribute values escaped by construction, absent attributes left out, a failed write reported. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/html.h"

/* What 'write' made of a fresh writer, as a string to free. */
static char *written(void (*write)(struct vt_html *h))
{
	struct vt_html h;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	vt_html_init(&h, f);
	write(&h);
	assert_int_equal(vt_html_finish(&h), VT_OK);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void hostile_text(struct vt_html *h)
{
	vt_html_text(h, "<script>alert('x')</script> & \"q\"");
}

static void test_text_escaped(void **state)
{
	char *out = written(hostile_text);

	(void)state;
	assert_string_equal(out, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script"
			    "&gt; &amp; &quot;q&quot;");
	free(out);
}

static void hostile_attribute(struct vt_html *h)
{
	vt_html_open(h, "a", "href", "/x\" onclick=\"evil()", "title",
		     "<b>'t'</b>", NULL);
}

static void test_attribute_escaped(void **state)
{
	char *out = written(hostile_attribute);

	(void)state;
	assert_string_equal(out, "<a href=\"/x&quot; onclick=&quot;evil()\" "
			    "title=\"&lt;b&gt;&#39;t&#39;&lt;/b&gt;\">");
	free(out);
}

static void absent_attribute(struct vt_html *h)
{
	vt_html_element(h, "option", "red", "value", "red", "selected", NULL,
			"id", "r", NULL);
}

static void test_absent_attribute_left_out(void **state)
{
	char *out = written(absent_attribute);

	(void)state;
	assert_string_equal(out, "<option value=\"red\" id=\"r\">red</option>");
	free(out);
}

/* Longer than the formatting buffer: the text is whole and escaped. */
static void long_formatted(struct vt_html *h)
{
	char part[3000];

	memset(part, '<', sizeof(part) - 1);
	part[sizeof(part) - 1] = '\0';
	vt_html_textf(h, "%s|%d", part, 42);
}

static void test_long_formatted_text(void **state)
{
	char *out = written(long_formatted);
	size_t i;

	(void)state;
	assert_int_equal(strlen(out), 2999 * 4 + 3);
	for (i = 0; i < 2999; i++)
		assert_memory_equal(out + i * 4, "&lt;", 4);
	assert_string_equal(out + 2999 * 4, "|42");
	free(out);
}

static void null_text(struct vt_html *h)
{
	vt_html_element(h, "td", NULL, "class", "c", NULL);
}

static void test_null_text_is_empty(void **state)
{
	char *out = written(null_text);

	(void)state;
	assert_string_equal(out, "<td class=\"c\"></td>");
	free(out);
}

/* A stream that takes nothing: the failure sticks and is reported. */
static void test_write_failure_reported(void **state)
{
	struct vt_html h;
	FILE *f = fopen("/dev/full", "w");

	(void)state;
	if (!f)
		skip();
	setvbuf(f, NULL, _IONBF, 0);
	vt_html_init(&h, f);
	vt_html_text(&h, "a figure");
	vt_html_literal(&h, "<p>");
	assert_int_equal(vt_html_finish(&h), VT_EIO);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_escaped),
		cmocka_unit_test(test_attribute_escaped),
		cmocka_unit_test(test_absent_attribute_left_out),
		cmocka_unit_test(test_long_formatted_text),
		cmocka_unit_test(test_null_text_is_empty),
		cmocka_unit_test(test_write_failure_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
