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
enum vt_err vt_markdown_html(const char *text, char **out);

#endif
