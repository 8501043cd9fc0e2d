/* Finds the line of a value inside a JSON text by scanning it again. */
#include "vitals/jsonpos.h"
#include "vitals/strparse.h"

#include <stdbool.h>
#include <limits.h>
#include <string.h>

/*
 * Containers nested deeper than this are not followed (the answer is then
 * VT_ENOTFOUND); real documents are far shallower, and the bound keeps the
 * stack fixed and small.  It also bounds the number of path segments.
 */
#define JP_MAX_DEPTH 128

/* One step of a path: a member name, or an array index when name is NULL. */
struct jp_seg {
	const char *name;
	size_t name_len;
	long index;
};

/* An open container. */
struct jp_frame {
	bool is_object;
	bool on_path;	/* the value named by the path so far */
	long index;	/* arrays: index of the current element */
};

struct jp_scan {
	const char *p;
	const char *end;
	long line;
};

enum jp_expect {
	JP_VALUE,
	JP_VALUE_OR_CLOSE,	/* just after '[' */
	JP_KEY,
	JP_KEY_OR_CLOSE,	/* just after '{' */
	JP_COLON,
	JP_COMMA_OR_CLOSE,
	JP_END			/* the root value is complete */
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Splits "a.b[0][1].c" into segments.  Names run up to the next '.' or
 * '[' and may not be empty; a path may begin with an index ("[2].x").
 */
static enum vt_err parse_path(const char *path, struct jp_seg *segs,
			      size_t *nseg)
{
	const char *p = path;
	size_t n = 0;

	while (*p) {
		if (n == JP_MAX_DEPTH)
			return VT_EINVAL;
		if (*p == '[') {
			long v = 0;

			p++;
			if (!is_digit(*p))
				return VT_EINVAL;
			for (; is_digit(*p); p++) {
				if (v > (LONG_MAX - (*p - '0')) / 10)
					return VT_EINVAL;
				v = v * 10 + (*p - '0');
			}
			if (*p != ']')
				return VT_EINVAL;
			p++;
			segs[n].name = NULL;
			segs[n].name_len = 0;
			segs[n].index = v;
		} else {
			const char *start;

			/* A name follows the start of the path or a '.'. */
			if (n > 0) {
				if (*p != '.')
					return VT_EINVAL;
				p++;
			}
			start = p;
			while (*p && *p != '.' && *p != '[')
				p++;
			if (p == start)
				return VT_EINVAL;
			segs[n].name = start;
			segs[n].name_len = (size_t)(p - start);
			segs[n].index = 0;
		}
		n++;
	}
	*nseg = n;
	return VT_OK;
}

static void skip_space(struct jp_scan *s)
{
	for (; s->p < s->end; s->p++) {
		if (*s->p == '\n')
			s->line++;
		else if (*s->p != ' ' && *s->p != '\t' && *s->p != '\r')
			break;
	}
}

/* Four hex digits at 'p' (the caller ensures they are there), or -1. */
static long hex4(const char *p)
{
	long v = 0;
	int i, h;

	for (i = 0; i < 4; i++) {
		h = vt_hex_value(p[i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/*
 * Steps over a string starting at its opening quote; 'body' and 'body_end'
 * delimit what is between the quotes.  Control characters (so also raw
 * newlines) are refused, as JSON requires.
 */
static bool scan_string(struct jp_scan *s, const char **body,
			const char **body_end, bool *escaped)
{
	const char *p = s->p + 1;

	*escaped = false;
	*body = p;
	while (p < s->end && *p != '"') {
		if ((unsigned char)*p < 0x20)
			return false;
		if (*p != '\\') {
			p++;
			continue;
		}
		*escaped = true;
		if (++p >= s->end)
			return false;
		if (*p == 'u') {
			if (s->end - p < 5 || hex4(p + 1) < 0)
				return false;
			p += 5;
		} else if (*p && strchr("\"\\/bfnrt", *p)) {
			p++;
		} else {
			return false;
		}
	}
	if (p >= s->end)
		return false;
	*body_end = p;
	s->p = p + 1;
	return true;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool scan_number(struct jp_scan *s)
{
	const char *p = s->p, *end = s->end;

	if (p < end && *p == '-')
		p++;
	if (p >= end || !is_digit(*p))
		return false;
	if (*p == '0')
		p++;
	else
		while (p < end && is_digit(*p))
			p++;
	if (p < end && *p == '.') {
		p++;
		if (p >= end || !is_digit(*p))
			return false;
		while (p < end && is_digit(*p))
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end || !is_digit(*p))
			return false;
		while (p < end && is_digit(*p))
			p++;
	}
	s->p = p;
	return true;
}

static bool scan_word(struct jp_scan *s, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
		return false;
	s->p += n;
	return true;
}

/* Strings are skipped here too: only a key's text is ever looked at. */
static bool scan_scalar(struct jp_scan *s)
{
	const char *body, *body_end;
	bool escaped;

	switch (*s->p) {
	case '"':
		return scan_string(s, &body, &body_end, &escaped);
	case 't':
		return scan_word(s, "true");
	case 'f':
		return scan_word(s, "false");
	case 'n':
		return scan_word(s, "null");
	default:
		return scan_number(s);
	}
}

static bool is_value_start(char c)
{
	return c == '{' || c == '[' || c == '"' || c == '-' || is_digit(c) ||
	       c == 't' || c == 'f' || c == 'n';
}

/* UTF-8 for code point 'cp' into 'out'; returns the byte count. */
static size_t put_utf8(unsigned long cp, unsigned char out[4])
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xc0 | (cp >> 6));
		out[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xe0 | (cp >> 12));
		out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (unsigned char)(0xf0 | (cp >> 18));
	out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Decodes the escape at '*pp' (pointing after the backslash; already
 * checked by scan_string) into UTF-8.  Returns 0 for a lone surrogate,
 * which names no member a path could hold.
 */
static size_t decode_escape(const char **pp, const char *stop,
			    unsigned char out[4])
{
	const char *p = *pp;
	unsigned long cp, lo;

	*pp = p + 1;
	if (*p != 'u') {
		switch (*p) {
		case 'b':
			out[0] = '\b';
			break;
		case 'f':
			out[0] = '\f';
			break;
		case 'n':
			out[0] = '\n';
			break;
		case 'r':
			out[0] = '\r';
			break;
		case 't':
			out[0] = '\t';
			break;
		default:	/* '"', '\\' and '/' stand for themselves */
			out[0] = (unsigned char)*p;
			break;
		}
		return 1;
	}
	cp = (unsigned long)hex4(p + 1);
	*pp = p + 5;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return 0;
	if (cp >= 0xd800 && cp <= 0xdbff) {
		p += 5;
		if (stop - p < 6 || p[0] != '\\' || p[1] != 'u')
			return 0;
		lo = (unsigned long)hex4(p + 2);
		if (lo < 0xdc00 || lo > 0xdfff)
			return 0;
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		*pp = p + 6;
	}
	return put_utf8(cp, out);
}

/* Whether a key (between its quotes) decodes to 'name'. */
static bool key_equals(const char *key, const char *key_end, bool escaped,
		       const char *name, size_t name_len)
{
	unsigned char bytes[4];
	size_t n, i, at = 0;

	if (!escaped)
		return (size_t)(key_end - key) == name_len &&
		       memcmp(key, name, name_len) == 0;
	while (key < key_end) {
		if (*key == '\\') {
			key++;
			n = decode_escape(&key, key_end, bytes);
			if (n == 0)
				return false;
		} else {
			bytes[0] = (unsigned char)*key++;
			n = 1;
		}
		for (i = 0; i < n; i++, at++) {
			if (at >= name_len ||
			    (unsigned char)name[at] != bytes[i])
				return false;
		}
	}
	return at == name_len;
}

/*
 * Steps over the closing bracket of the innermost container.  Fails when
 * that container is the one the path runs through: the rest of the path
 * was not inside it.  (Of duplicate keys, the first is the one followed.)
 */
static bool close_container(struct jp_scan *s, const struct jp_frame *stack,
			    size_t *depth, enum jp_expect *expect)
{
	if (stack[*depth - 1].on_path)
		return false;
	s->p++;
	(*depth)--;
	*expect = *depth ? JP_COMMA_OR_CLOSE : JP_END;
	return true;
}

enum vt_err vt_jsonpos_line(const char *text, size_t len, const char *path,
			    long *line)
{
	struct jp_seg segs[JP_MAX_DEPTH];
	struct jp_frame stack[JP_MAX_DEPTH];
	struct jp_frame *top;
	struct jp_scan s;
	enum jp_expect expect = JP_VALUE;
	const char *key, *key_end;
	size_t nseg, depth = 0;
	bool escaped;
	/* Whether the next value is the one named by the path so far. */
	bool pending = true;
	long key_line;
	enum vt_err result;
	char c;

	if (!path || !line || (!text && len))
		return VT_EINVAL;
	result = parse_path(path, segs, &nseg);
	if (result)
		return result;

	s.p = text;
	s.end = text + len;
	s.line = 1;
	/* A UTF-8 byte order mark is not part of the document. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		s.p += 3;

	for (;;) {
		skip_space(&s);
		if (s.p >= s.end)
			return VT_ENOTFOUND;
		c = *s.p;
		top = depth ? &stack[depth - 1] : NULL;

		switch (expect) {
		case JP_KEY_OR_CLOSE:
			if (c == '}')
				break;
			/* fall through */
		case JP_KEY:
			if (c != '"')
				return VT_ENOTFOUND;
			key_line = s.line;
			if (!scan_string(&s, &key, &key_end, &escaped))
				return VT_ENOTFOUND;
			pending = top->on_path && depth - 1 < nseg &&
				  segs[depth - 1].name &&
				  key_equals(key, key_end, escaped,
					     segs[depth - 1].name,
					     segs[depth - 1].name_len);
			/* For a member the answer is the line of its key. */
			if (pending && depth == nseg) {
				*line = key_line;
				return VT_OK;
			}
			expect = JP_COLON;
			continue;

		case JP_COLON:
			if (c != ':')
				return VT_ENOTFOUND;
			s.p++;
			expect = JP_VALUE;
			continue;

		case JP_VALUE_OR_CLOSE:
			if (c == ']')
				break;
			/* fall through */
		case JP_VALUE:
			/* In an object 'pending' was settled by the key. */
			if (top && !top->is_object)
				pending = top->on_path && depth - 1 < nseg &&
					  !segs[depth - 1].name &&
					  segs[depth - 1].index == top->index;
			if (!is_value_start(c))
				return VT_ENOTFOUND;
			if (pending && depth == nseg) {
				*line = s.line;
				return VT_OK;
			}
			if (c == '{' || c == '[') {
				if (depth == JP_MAX_DEPTH)
					return VT_ENOTFOUND;
				stack[depth].is_object = c == '{';
				stack[depth].on_path = pending;
				stack[depth].index = 0;
				depth++;
				s.p++;
				expect = c == '{' ? JP_KEY_OR_CLOSE :
						    JP_VALUE_OR_CLOSE;
				continue;
			}
			/* The path goes on, but into a number or string. */
			if (pending)
				return VT_ENOTFOUND;
			if (!scan_scalar(&s))
				return VT_ENOTFOUND;
			expect = depth ? JP_COMMA_OR_CLOSE : JP_END;
			continue;

		case JP_COMMA_OR_CLOSE:
			if (c == ',') {
				s.p++;
				if (top->is_object) {
					expect = JP_KEY;
				} else {
					top->index++;
					expect = JP_VALUE;
				}
				continue;
			}
			if (c == (top->is_object ? '}' : ']'))
				break;
			return VT_ENOTFOUND;

		case JP_END:
			/* Only trailing garbage can be left. */
			return VT_ENOTFOUND;
		}
		/* Only a closing bracket leaves the switch. */
		if (!close_container(&s, stack, &depth, &expect))
			return VT_ENOTFOUND;
	}
}
