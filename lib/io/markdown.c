/* Markdown narratives rendered with cmark, raw HTML and images left out. */
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "vitals/markdown.h"

/* Remove every image node; its alt text goes with it. */
static void drop_images(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_node **doomed = NULL;
	size_t n = 0, alloc = 0, i;
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(node) != CMARK_NODE_IMAGE)
			continue;
		if (n == alloc) {
			cmark_node **grown;

			alloc = alloc ? alloc * 2 : 8;
			grown = realloc(doomed, alloc * sizeof(*grown));
			if (!grown)
				break;
			doomed = grown;
		}
		doomed[n++] = node;
	}
	cmark_iter_free(it);
	/* Unlinking while iterating would lose the iterator's place. */
	for (i = 0; i < n; i++)
		cmark_node_free(doomed[i]);
	free(doomed);
}

enum vt_err vt_markdown_html(const char *text, char **out)
{
	/* CMARK_OPT_UNSAFE is never set: raw HTML and bad URLs are dropped. */
	const int options = CMARK_OPT_DEFAULT | CMARK_OPT_NOBREAKS;
	cmark_node *doc;
	char *html;

	doc = cmark_parse_document(text, strlen(text), options);
	if (!doc)
		return VT_ENOMEM;
	drop_images(doc);
	html = cmark_render_html(doc, options);
	cmark_node_free(doc);
	if (!html)
		return VT_ENOMEM;
	*out = html;
	return VT_OK;
}
