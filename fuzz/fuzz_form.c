/* Fuzz target: a web form's body split into fields, URL-encoded or multipart, checked against the body it was split from. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/form.h"
#include "check.h"

/*
 * The first byte chooses the encoding (even: URL-encoded, odd:
 * multipart with the boundary "b0undary"); the rest is the body.  Every
 * field's name and value, and the upload, must lie inside the body and
 * end there (a field with its NUL, the upload by its length); no more
 * fields than room; a field found by name is the first of that name.
 */

#define ROOM 8

/* 'p' is a NUL-ended string inside [body, body + len]. */
static void inside(const char *p, const char *body, size_t len)
{
	CHECK(p >= body && p <= body + len);
	CHECK(memchr(p, '\0', (size_t)(body + len + 1 - p)) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vt_form_field fields[ROOM];
	struct vt_form f = { fields, 0, ROOM, false, NULL, 0, NULL };
	char *body;
	size_t len, i, j;

	if (size < 1)
		return 0;
	len = size - 1;
	body = malloc(len + 1);
	if (!body)
		return 0;
	memcpy(body, data + 1, len);
	body[len] = '\0';
	if (data[0] % 2)
		vt_form_parse_multipart(&f, "multipart/form-data; "
					"boundary=b0undary", body, len);
	else
		vt_form_parse_urlencoded(&f, body);
	CHECK(f.nfields <= ROOM);
	for (i = 0; i < f.nfields; i++) {
		inside(fields[i].name, body, len);
		inside(fields[i].value, body, len);
		/* A name asked for finds its first field. */
		for (j = 0; j < i; j++)
			if (!strcmp(fields[j].name, fields[i].name))
				break;
		CHECK(vt_form_field(&f, fields[i].name) == fields[j].value);
	}
	if (f.upload) {
		CHECK(data[0] % 2);
		CHECK(f.upload >= body && f.upload + f.upload_len <= body + len);
		inside(f.upload_name, body, len);
	}
	free(body);
	return 0;
}
