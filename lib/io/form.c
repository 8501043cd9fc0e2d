/* A web form's body split into fields in place: URL-encoded forms, and multipart forms with one uploaded file. */
#include "vitals/form.h"

#include <stdio.h>
#include <string.h>

#include "vitals/strparse.h"

/* Percent-decoding in place; '+' is a space in a form. */
static void decode(char *s)
{
	char *out = s;
	int hi, lo;

	for (; *s; s++) {
		if (*s == '+') {
			*out++ = ' ';
		} else if (*s == '%' && (hi = vt_hex_value(s[1])) >= 0 &&
			   (lo = vt_hex_value(s[2])) >= 0) {
			*out++ = (char)(hi * 16 + lo);
			s += 2;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

static void add_field(struct vt_form *f, char *name, char *value)
{
	if (f->nfields >= f->max) {
		f->too_many = true;
		return;
	}
	f->fields[f->nfields].name = name;
	f->fields[f->nfields++].value = value;
}

void vt_form_parse_urlencoded(struct vt_form *f, char *body)
{
	char *p = body, *pair, *eq;

	while (p && *p) {
		pair = p;
		p = strchr(p, '&');
		if (p)
			*p++ = '\0';
		eq = strchr(pair, '=');
		if (!eq)
			continue;
		*eq = '\0';
		decode(pair);
		decode(eq + 1);
		add_field(f, pair, eq + 1);
	}
}

/* The first 'needle' in 'hay' (memmem is not POSIX). */
static char *find(char *hay, size_t n, const char *needle, size_t m)
{
	char *p = hay, *end = hay + n;

	while (m && (size_t)(end - p) >= m) {
		p = memchr(p, needle[0], (size_t)(end - p) - m + 1);
		if (!p)
			return NULL;
		if (!memcmp(p, needle, m))
			return p;
		p++;
	}
	return NULL;
}

/* The value of 'param' (name="...") in a header, NUL-ended in place. */
static char *header_param(char *header, const char *param)
{
	char *p = strstr(header, param), *end;

	if (!p)
		return NULL;
	p += strlen(param);
	end = strchr(p, '"');
	if (!end)
		return NULL;
	*end = '\0';
	return p;
}

/*
 * Each part's headers, then its bytes up to CRLF "--" boundary.  Every
 * boundary is found before any byte is overwritten.
 */
void vt_form_parse_multipart(struct vt_form *f, const char *content_type,
			     char *body, size_t len)
{
	const char *b = content_type ? strstr(content_type, "boundary=")
				     : NULL;
	char delim[96], *p, *end = body + len;
	size_t dlen;

	if (!b || !body)
		return;
	b += strlen("boundary=");
	if (*b == '"')
		b++;
	dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%.*s",
				(int)strcspn(b, "\";"), b);
	if (dlen >= sizeof(delim))
		return;
	/* The first boundary has no CRLF before it. */
	p = find(body, len, delim + 2, dlen - 2);
	if (!p)
		return;
	p += dlen - 2;
	while (p < end && !(end - p >= 2 && p[0] == '-' && p[1] == '-')) {
		char *headers, *data, *next, *name, *filename;

		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return;
		headers = p + 2;
		data = find(headers, (size_t)(end - headers), "\r\n\r\n", 4);
		if (!data)
			return;
		*data = '\0';
		data += 4;
		next = find(data, (size_t)(end - data), delim, dlen);
		if (!next)
			return;
		/* Both found before either is cut: 'filename="' holds
		   'name="' too. */
		filename = strstr(headers, "filename=\"");
		name = strstr(headers, " name=\"");
		name = name ? header_param(name, "name=\"") : NULL;
		filename = filename ? header_param(filename, "filename=\"")
				    : NULL;
		if (filename && !f->upload) {
			f->upload = data;
			f->upload_len = (size_t)(next - data);
			f->upload_name = filename;
		} else if (name && !filename) {
			*next = '\0';	/* the CR of the delimiter */
			add_field(f, name, data);
		}
		p = next + dlen;
	}
}

const char *vt_form_field(const struct vt_form *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->nfields; i++)
		if (!strcmp(f->fields[i].name, name))
			return f->fields[i].value;
	return NULL;
}
