/* Writing HTML where every piece of text is escaped by construction. */
#ifndef VITALS_HTML_H
#define VITALS_HTML_H

#include <stdbool.h>
#include <stdio.h>

#include "vitals/error.h"

/*
 * Markup comes only from string literals (vt_html_literal, tag and
 * attribute names); anything else — names, figures, notes — goes through
 * vt_html_text or an attribute value, which escape & < > " and '.  A
 * write error sticks: the first one is returned by vt_html_finish.
 */
struct vt_html {
	FILE *f;
	bool failed;
};

void vt_html_init(struct vt_html *h, FILE *f);

/* A literal piece of markup ("<p>", "</li>"). */
void vt_html_literal(struct vt_html *h, const char *literal);

/* Text, escaped. */
void vt_html_text(struct vt_html *h, const char *text);
void vt_html_textf(struct vt_html *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * <TAG NAME="VALUE" ...>: pairs of a literal attribute name and a value
 * (escaped; a NULL value leaves the attribute out), ended by NULL.
 */
void vt_html_open(struct vt_html *h, const char *tag, ...);

/* <TAG ...>TEXT</TAG> in one call, attributes as for vt_html_open. */
void vt_html_element(struct vt_html *h, const char *tag, const char *text,
		     ...);

void vt_html_close(struct vt_html *h, const char *tag);

/* HTML already made safe elsewhere (vt_markdown_html). */
void vt_html_trusted(struct vt_html *h, const char *safe_html);
/* vt_html_trusted() of 'len' bytes whose length is known: a kept page
   part of a megabyte is not measured again. */
void vt_html_trusted_bytes(struct vt_html *h, const char *safe_html,
			   size_t len);

/* VT_EIO if any write failed. */
VT_MUST_USE
enum vt_err vt_html_finish(struct vt_html *h);

#endif
