/* Bounded growable byte buffer (every buffer has a size cap). */
#ifndef VITALS_BUF_H
#define VITALS_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "vitals/error.h"

/*
 * A buffer grows on demand up to 'max' bytes of content; an append that
 * would pass the cap fails with VT_ETOOBIG and leaves the buffer as it was.
 * The content is always NUL-terminated once anything has been added.
 * The buffer owns 'ptr': free it with vt_buf_release() or take it with
 * vt_buf_detach().
 */
struct vt_buf {
	char *ptr;
	size_t len;
	size_t alloc;
	size_t max;
};

#define VT_BUF_INIT(cap) { NULL, 0, 0, (cap) }

void vt_buf_init(struct vt_buf *b, size_t max);
VT_MUST_USE
enum vt_err vt_buf_add(struct vt_buf *b, const void *data, size_t len);
VT_MUST_USE
enum vt_err vt_buf_adds(struct vt_buf *b, const char *s);
VT_MUST_USE
enum vt_err vt_buf_addc(struct vt_buf *b, char c);
VT_MUST_USE
enum vt_err vt_buf_addf(struct vt_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
VT_MUST_USE
enum vt_err vt_buf_vaddf(struct vt_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* The content as a C string: "" when empty; valid until the next change. */
const char *vt_buf_str(const struct vt_buf *b);

/* Empty the buffer, keeping its memory and cap. */
void vt_buf_reset(struct vt_buf *b);

/*
 * Hand the content to the caller (free() it); the buffer is left empty.
 * Returns NULL only when out of memory.
 */
char *vt_buf_detach(struct vt_buf *b);

void vt_buf_release(struct vt_buf *b);

#endif
