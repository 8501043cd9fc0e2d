/* Bounded growable byte buffer. */
#include "vitals/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* First allocation; small buffers are common (cells, messages). */
#define VT_BUF_MIN_ALLOC 64

void vt_buf_init(struct vt_buf *b, size_t max)
{
	b->ptr = NULL;
	b->len = 0;
	b->alloc = 0;
	b->max = max;
}

/*
 * Make room for 'extra' more bytes plus the terminating NUL.  Refuses
 * (with nothing changed) when the content would pass the cap.  The
 * allocation doubles so that many small appends stay linear, but never
 * goes beyond what the cap could ever need.
 */
static enum vt_err buf_grow(struct vt_buf *b, size_t extra)
{
	size_t need, limit, size;
	char *p;

	if (b->len > b->max || extra > b->max - b->len)
		return VT_ETOOBIG;
	need = b->len + extra;
	/* The NUL must fit too; only reachable with a cap of SIZE_MAX. */
	if (need == SIZE_MAX)
		return VT_ENOMEM;
	if (b->ptr && need < b->alloc)
		return VT_OK;

	limit = b->max < SIZE_MAX ? b->max + 1 : SIZE_MAX;
	size = b->alloc ? b->alloc : VT_BUF_MIN_ALLOC;
	while (size < need + 1) {
		if (size > SIZE_MAX / 2) {
			size = need + 1;
			break;
		}
		size *= 2;
	}
	if (size > limit)
		size = limit;

	p = realloc(b->ptr, size);
	if (!p)
		return VT_ENOMEM;
	if (!b->ptr)
		p[0] = '\0';
	b->ptr = p;
	b->alloc = size;
	return VT_OK;
}

enum vt_err vt_buf_add(struct vt_buf *b, const void *data, size_t len)
{
	enum vt_err result;
	size_t offset = 0;
	int inside = 0;

	/*
	 * Appending part of the buffer to itself is allowed: remember where
	 * the data sits, since growing may move it.  Compared as integers
	 * because relational comparison of unrelated pointers is undefined.
	 */
	if (b->ptr && data && (uintptr_t)data >= (uintptr_t)b->ptr &&
	    (uintptr_t)data < (uintptr_t)b->ptr + b->alloc) {
		inside = 1;
		offset = (size_t)((uintptr_t)data - (uintptr_t)b->ptr);
	}

	result = buf_grow(b, len);
	if (result)
		return result;
	if (inside)
		data = b->ptr + offset;
	if (len)
		memmove(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return VT_OK;
}

enum vt_err vt_buf_adds(struct vt_buf *b, const char *s)
{
	return vt_buf_add(b, s, strlen(s));
}

enum vt_err vt_buf_addc(struct vt_buf *b, char c)
{
	return vt_buf_add(b, &c, 1);
}

enum vt_err vt_buf_addf(struct vt_buf *b, const char *fmt, ...)
{
	enum vt_err result;
	va_list ap;

	va_start(ap, fmt);
	result = vt_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return result;
}

/*
 * Measure first, then write: the cap is checked before anything changes.
 * The arguments must not point into 'b' itself (growing may move it).
 */
enum vt_err vt_buf_vaddf(struct vt_buf *b, const char *fmt, va_list ap)
{
	enum vt_err result;
	va_list copy;
	int n, written;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return VT_EINVAL;

	result = buf_grow(b, (size_t)n);
	if (result)
		return result;
	/* Room for n bytes and the NUL was made just above. */
	written = vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	if (written != n) {
		/* Cannot happen with sane arguments; keep the old content. */
		b->ptr[b->len] = '\0';
		return VT_EINVAL;
	}
	b->len += (size_t)n;
	return VT_OK;
}

const char *vt_buf_str(const struct vt_buf *b)
{
	return b->ptr ? b->ptr : "";
}

void vt_buf_reset(struct vt_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

char *vt_buf_detach(struct vt_buf *b)
{
	char *p = b->ptr;

	/* The caller always gets a string it can free, even when empty. */
	if (!p) {
		p = malloc(1);
		if (!p)
			return NULL;
		p[0] = '\0';
	}
	b->ptr = NULL;
	b->len = 0;
	b->alloc = 0;
	return p;
}

void vt_buf_release(struct vt_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = 0;
	b->alloc = 0;
}
