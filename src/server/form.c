/* Request bodies into fields: URL-encoded forms, and multipart forms with one uploaded file. */
#include <string.h>
#include <strings.h>

#include "vitals/strparse.h"
#include "server/server.h"

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

static void add_field(struct req *r, char *name, char *value)
{
	if (r->nfields >= REQ_FIELDS_MAX) {
		r->too_many_fields = true;
		return;
	}
	r->fields[r->nfields].name = name;
	r->fields[r->nfields++].value = value;
}

/* application/x-www-form-urlencoded, the body kept as the fields' store. */
static void parse_urlencoded(struct req *r)
{
	char *p = r->body, *pair, *eq;

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
		add_field(r, pair, eq + 1);
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
 * multipart/form-data (RFC 7578): each part's headers, then its bytes up
 * to CRLF "--" boundary.  Text parts become fields; the first part with a
 * filename is the upload.  The body is split in place: every boundary is
 * found before any byte is overwritten.
 */
static void parse_multipart(struct req *r, const char *content_type)
{
	const char *b = strstr(content_type, "boundary=");
	char delim[96], *p, *end = r->body + r->body_len;
	size_t dlen;

	if (!b || !r->body)
		return;
	b += strlen("boundary=");
	if (*b == '"')
		b++;
	dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%.*s",
				(int)strcspn(b, "\";"), b);
	if (dlen >= sizeof(delim))
		return;
	/* The first boundary has no CRLF before it. */
	p = find(r->body, r->body_len, delim + 2, dlen - 2);
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
		if (filename && !r->upload) {
			r->upload = data;
			r->upload_len = (size_t)(next - data);
			r->upload_name = filename;
		} else if (name && !filename) {
			*next = '\0';	/* the CR of the delimiter */
			add_field(r, name, data);
		}
		p = next + dlen;
	}
}

void req_parse_body(struct req *r)
{
	const char *type = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
						       "Content-Type");

	if (type && !strncasecmp(type, "multipart/form-data", 19))
		parse_multipart(r, type);
	else if (!r->body_mapped)	/* a mapped file has no NUL after it */
		parse_urlencoded(r);
}

const char *req_field(const struct req *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nfields; i++)
		if (!strcmp(r->fields[i].name, name))
			return r->fields[i].value;
	return NULL;
}

const char *req_query(const struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND,
					   name);
}

static const char *query_get(void *arg, const char *name)
{
	return req_query(arg, name);
}

struct vt_query req_query_fields(struct req *r)
{
	return (struct vt_query){ query_get, r };
}
