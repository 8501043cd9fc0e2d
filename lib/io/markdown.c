/* Markdown narratives rendered with cmark (as HTML, or as Markdown again), raw HTML, images and unsafe links left out. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* A link's address that may stay: the web's and mail's schemes, or an
   address without a scheme (relative, or a fragment). */
static bool safe_url(const char *url)
{
	static const char *const schemes[] = { "http:", "https:", "mailto:" };
	size_t i, n = strcspn(url, ":/?#");

	if (url[n] != ':')
		return true;
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (!strncasecmp(url, schemes[i], strlen(schemes[i])))
			return true;
	return false;
}

/* Raw HTML and images out, unsafe links emptied, headings demoted. */
static enum vt_err make_safe(cmark_node *root, int under)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_node **doomed = NULL;
	size_t n = 0, i;
	cmark_event_type ev;
	enum vt_err result = it ? VT_OK : VT_ENOMEM;

	while (!result && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(node);
		const char *url;

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (type == CMARK_NODE_HTML_BLOCK ||
		    type == CMARK_NODE_HTML_INLINE ||
		    type == CMARK_NODE_IMAGE) {
			cmark_node **grown = realloc(doomed,
						     (n + 1) * sizeof(*grown));

			if (!grown) {
				result = VT_ENOMEM;
				break;
			}
			doomed = grown;
			doomed[n++] = node;
		} else if (type == CMARK_NODE_LINK) {
			url = cmark_node_get_url(node);
			if (url && !safe_url(url) &&
			    !cmark_node_set_url(node, ""))
				result = VT_ENOMEM;
		} else if (type == CMARK_NODE_HEADING) {
			int level = under + cmark_node_get_heading_level(node);

			cmark_node_set_heading_level(node,
						     level > 6 ? 6 : level);
		}
	}
	cmark_iter_free(it);
	/* Freed after the walk: the iterator must not meet a freed node. */
	for (i = 0; i < n; i++)
		cmark_node_free(doomed[i]);
	free(doomed);
	return result;
}

enum vt_err vt_markdown_safe(const char *text, int under, char **out)
{
	const int options = CMARK_OPT_DEFAULT;
	cmark_node *doc;
	enum vt_err result;
	char *md;

	if (under < 1 || under > 5)
		return VT_EINVAL;
	doc = cmark_parse_document(text, strlen(text), options);
	if (!doc)
		return VT_ENOMEM;
	result = make_safe(doc, under);
	md = result ? NULL : cmark_render_commonmark(doc, options, 0);
	cmark_node_free(doc);
	if (result)
		return result;
	if (!md)
		return VT_ENOMEM;
	*out = md;
	return VT_OK;
}
