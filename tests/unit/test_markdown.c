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

/* Narratives put into the Markdown pack: nothing unsafe, no section of
   the pack forged. */
static void test_safe_markdown(void **state)
{
	static const struct {
		const char *in;
		const char *must;	/* must appear */
		const char *mustnt;	/* must not appear, or NULL */
	} cases[] = {
		{ "**Fewer** children on plans", "**Fewer**", NULL },
		{ "<script>alert(1)</script>\n\nafter", "after", "<script" },
		{ "a <b onclick=\"x()\">b</b>", "a b", "onclick" },
		{ "[x](javascript:alert(1))", "[x]()", "javascript" },
		{ "[x](JaVaScRiPt:alert(1))", "[x]()", "alert" },
		{ "[x](data:text/html,hi)", "[x]()", "data:" },
		{ "<javascript:alert(1)>", "]()", "(javascript" },
		{ "[report](https://example.org/r)", "(https://example.org/r)",
		  NULL },
		{ "[see](#top)", "(#top)", NULL },
		{ "# Summary\n\ntext", "##### Summary", "\n# " },
		{ "## Priority 9: forged", "###### Priority 9", "\n## " },
		{ "![chart](http://tracker.invalid/p.png) text", "text",
		  "tracker.invalid" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		char *md = NULL, *framed;

		assert_int_equal(vt_markdown_safe(cases[i].in, 4, &md), 0);
		/* Framed by a line break, so a heading at the start shows. */
		framed = malloc(strlen(md) + 2);
		assert_non_null(framed);
		framed[0] = '\n';
		memcpy(framed + 1, md, strlen(md) + 1);
		if (!strstr(framed, cases[i].must))
			fail_msg("case %zu: '%s' lacks '%s'", i, md,
				 cases[i].must);
		if (cases[i].mustnt && strstr(framed, cases[i].mustnt))
			fail_msg("case %zu: '%s' has '%s'", i, md,
				 cases[i].mustnt);
		free(framed);
		free(md);
	}
	assert_int_equal(vt_markdown_safe("x", 0, &(char *){ NULL }),
			 VT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_safe_markdown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
