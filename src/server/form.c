/* A request's body and query read as fields (the parsing is the library's, lib/io/form.c). */
#include <string.h>
#include <strings.h>

#include "vitals/form.h"
#include "server/server.h"

void req_parse_body(struct req *r)
{
	const char *type = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
						       "Content-Type");

	if (type && !strncasecmp(type, "multipart/form-data", 19))
		vt_form_parse_multipart(&r->form, type, r->body, r->body_len);
	else if (!r->body_mapped && r->body)	/* a mapped file has no NUL
						   after it */
		vt_form_parse_urlencoded(&r->form, r->body);
}

const char *req_field(const struct req *r, const char *name)
{
	return vt_form_field(&r->form, name);
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

static int query_fy_start(void *arg)
{
	struct req *r = arg;

	return vt_store_fy_start(r->store);
}

struct vt_query req_query_fields(struct req *r)
{
	return (struct vt_query){ query_get, r, query_fy_start };
}
