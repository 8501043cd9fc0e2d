/* What the command line prints for people: control characters from stored text escaped, never sent to the terminal. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/*
 * A note, a name or a file's contents can hold ESC, BEL or other control
 * characters; printed raw, they would drive the reader's terminal (move
 * the cursor, rewrite what was shown, set the window title).  The
 * streams below show each as text instead: C0 controls and DEL in caret
 * form (ESC as ^[), the C1 controls U+0080-U+009F as \u0080; tabs and
 * line breaks stay, as the layout needs them.
 */
struct escaper {
	int fd;
	bool after_c2;		/* the last byte was 0xC2: maybe a C1 next */
};

static bool put_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

static ssize_t escaper_write(void *cookie, const char *buf, size_t size)
{
	struct escaper *e = cookie;
	char out[512], c1[8];
	size_t i, n = 0;

	for (i = 0; i < size; i++) {
		unsigned char b = (unsigned char)buf[i];

		if (n > sizeof(out) - 8) {
			if (!put_all(e->fd, out, n))
				return -1;
			n = 0;
		}
		if (e->after_c2) {
			e->after_c2 = false;
			if (b >= 0x80 && b <= 0x9f) {
				snprintf(c1, sizeof(c1), "\\u%04x", b);
				memcpy(out + n, c1, 6);
				n += 6;
				continue;
			}
			out[n++] = (char)0xc2;
		}
		if (b == 0xc2) {
			e->after_c2 = true;
		} else if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7f) {
			out[n++] = '^';
			out[n++] = (char)(b == 0x7f ? '?' : b + 0x40);
		} else {
			out[n++] = (char)b;
		}
	}
	if (n && !put_all(e->fd, out, n))
		return -1;
	return (ssize_t)size;
}

static int escaper_close(void *cookie)
{
	struct escaper *e = cookie;

	/* A lone 0xC2 at the very end is shown as it came. */
	if (e->after_c2 && !put_all(e->fd, "\xc2", 1))
		return -1;
	return 0;
}

static FILE *escaping(FILE *raw, struct escaper *e)
{
	cookie_io_functions_t io = { NULL, escaper_write, NULL,
				     escaper_close };
	FILE *f;

	fflush(raw);
	e->fd = fileno(raw);
	e->after_c2 = false;
	f = fopencookie(e, "w", io);
	if (f && raw == stdout)
		setvbuf(f, NULL, isatty(e->fd) ? _IOLBF : _IOFBF, BUFSIZ);
	if (f && raw == stderr)
		setvbuf(f, NULL, _IONBF, 0);
	return f ? f : raw;
}

void cli_escape_output(bool with_stdout)
{
	static struct escaper out, err;

	if (with_stdout)
		stdout = escaping(stdout, &out);
	stderr = escaping(stderr, &err);
}
