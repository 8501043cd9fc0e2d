/* A web form's body split into fields in place: URL-encoded forms, and multipart forms with one uploaded file. */
#ifndef VITALS_FORM_H
#define VITALS_FORM_H

#include <stdbool.h>
#include <stddef.h>

struct vt_form_field {
	char *name, *value;	/* point into the body */
};

/*
 * The fields of one body.  The caller gives 'fields' room for 'max'; a
 * body with more sets 'too_many' (the request is refused, never cut).
 */
struct vt_form {
	struct vt_form_field *fields;
	size_t nfields, max;
	bool too_many;
	const char *upload;		/* a multipart form's file, or NULL */
	size_t upload_len;
	const char *upload_name;	/* its filename="..." */
};

/* application/x-www-form-urlencoded: 'body' (NUL-ended) is split and
   percent-decoded in place; pairs without '=' are passed over. */
void vt_form_parse_urlencoded(struct vt_form *f, char *body);

/*
 * multipart/form-data (RFC 7578) of 'len' bytes, its boundary taken from
 * 'content_type': text parts become fields, the first part with a
 * filename the upload.  'body' is split in place; a malformed body keeps
 * the parts read before the fault.
 */
void vt_form_parse_multipart(struct vt_form *f, const char *content_type,
			     char *body, size_t len);

/* The value of the first field 'name', or NULL. */
const char *vt_form_field(const struct vt_form *f, const char *name);

#endif
