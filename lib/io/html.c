/* The HTML writer: literal markup, escaped text and attribute values. */
#include "vitals/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void vt_html_init(struct vt_html *h, FILE *f)
{
	h->f = f;
	h->failed = false;
}

static void put(struct vt_html *h, const char *s)
{
	if (!h->failed && fputs(s, h->f) == EOF)
		h->failed = true;
}

void vt_html_literal(struct vt_html *h, const char *literal)
{
	put(h, literal);
}

void vt_html_text(struct vt_html *h, const char *text)
{
	const char *p;

	for (p = text ? text : ""; *p && !h->failed; p++) {
		switch (*p) {
		case '&': put(h, "&amp;"); break;
		case '<': put(h, "&lt;"); break;
		case '>': put(h, "&gt;"); break;
		case '"': put(h, "&quot;"); break;
		case '\'': put(h, "&#39;"); break;
		default:
			if (fputc(*p, h->f) == EOF)
				h->failed = true;
		}
	}
}

void vt_html_textf(struct vt_html *h, const char *fmt, ...)
{
	char buf[1024], *big = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0) {
		h->failed = true;
		return;
	}
	if ((size_t)n >= sizeof(buf)) {
		big = malloc((size_t)n + 1);
		if (!big) {
			h->failed = true;
			return;
		}
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	vt_html_text(h, big ? big : buf);
	free(big);
}

static void attributes(struct vt_html *h, va_list ap)
{
	const char *name, *value;

	while ((name = va_arg(ap, const char *))) {
		value = va_arg(ap, const char *);
		if (!value)
			continue;
		put(h, " ");
		put(h, name);
		put(h, "=\"");
		vt_html_text(h, value);
		put(h, "\"");
	}
}

void vt_html_open(struct vt_html *h, const char *tag, ...)
{
	va_list ap;

	put(h, "<");
	put(h, tag);
	va_start(ap, tag);
	attributes(h, ap);
	va_end(ap);
	put(h, ">");
}

void vt_html_element(struct vt_html *h, const char *tag, const char *text,
		     ...)
{
	va_list ap;

	put(h, "<");
	put(h, tag);
	va_start(ap, text);
	attributes(h, ap);
	va_end(ap);
	put(h, ">");
	vt_html_text(h, text);
	vt_html_close(h, tag);
}

void vt_html_close(struct vt_html *h, const char *tag)
{
	put(h, "</");
	put(h, tag);
	put(h, ">");
}

void vt_html_trusted(struct vt_html *h, const char *safe_html)
{
	put(h, safe_html ? safe_html : "");
}

void vt_html_trusted_bytes(struct vt_html *h, const char *safe_html,
			   size_t len)
{
	if (!h->failed && len && fwrite(safe_html, 1, len, h->f) != len)
		h->failed = true;
}

enum vt_err vt_html_finish(struct vt_html *h)
{
	if (!h->failed && fflush(h->f) == EOF)
		h->failed = true;
	return h->failed ? VT_EIO : VT_OK;
}
