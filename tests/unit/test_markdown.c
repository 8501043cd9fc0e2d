/* Markdown tests: narratives render, and nothing unsafe gets through. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/markdown.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_render(void **state)
{
	static const struct {
		const char *in;
		const char *must;	/* must appear */
		const char *mustnt;	/* must not appear, or NULL */
	} cases[] = {
		{ "**Fewer** children on plans", "<strong>Fewer</strong>",
		  NULL },
		{ "- one\n- two", "<li>two</li>", NULL },
		{ "<script>alert(1)</script>", "raw HTML omitted",
		  "<script" },
		{ "a <b onclick=\"x()\">b</b>", "raw HTML omitted",
		  "onclick" },
		{ "[x](javascript:alert(1))", "<a href=\"\">x</a>",
		  "javascript" },
		{ "![chart](http://tracker.invalid/p.png) text", "text",
		  "tracker.invalid" },
		{ "5 < 6 & \"q\"", "5 &lt; 6 &amp; &quot;q&quot;", NULL },
		{ "", "", "<p>" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		char *html = NULL;

		assert_int_equal(vt_markdown_html(cases[i].in, &html), 0);
		assert_non_null(strstr(html, cases[i].must));
		if (cases[i].mustnt)
			assert_null(strstr(html, cases[i].mustnt));
		free(html);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
