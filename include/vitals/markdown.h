/* Impact narratives: Markdown to safe HTML. */
#ifndef VITALS_MARKDOWN_H
#define VITALS_MARKDOWN_H

#include "vitals/error.h"

/*
 * Render CommonMark 'text' as HTML that is safe to put in a page: raw HTML
 * in the text is not passed through, links with dangerous schemes
 * (javascript:, data: ...) lose their target, and images are dropped (an
 * agency's narrative is words; an image could call out to any server).
 * '*out' is freed by the caller with free().
 */
VT_MUST_USE
enum vt_err vt_markdown_html(const char *text, char **out);

/*
 * The same narrative as Markdown that is safe to put inside another
 * Markdown document below a heading of level 'under' (1 to 5): raw HTML
 * and images are left out, links with other schemes than http, https and
 * mailto (or a relative address) lose their target, and the narrative's
 * own headings are demoted below 'under', so that it cannot open a
 * section of the document it is put in.  '*out' is freed with free().
 */
VT_MUST_USE
enum vt_err vt_markdown_safe(const char *text, int under, char **out);

#endif
