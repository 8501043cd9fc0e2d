/* Streaming .xlsx reader: libzip inflates the parts, expat parses them. */
#include "vitals/xlsx.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "vitals/buf.h"
#include "vitals/strparse.h"
#include "io/xmllex.h"

/* Excel's own sheet size. */
#define XLSX_MAX_ROW 1048576L
#define XLSX_MAX_COL 16384L

/*
 * Excel holds at most 32767 UTF-16 units in a cell.  Written as UTF-8
 * with every unit spelt as a 7-byte _xHHHH_ escape that is 229369 bytes,
 * so this cap on the raw text never refuses a string Excel could make.
 */
#define XLSX_TEXT_CHARS 32767
#define XLSX_MAX_TEXT (256u * 1024)

/* Far beyond real workbooks; they bound memory and time on hostile ones. */
#define XLSX_MAX_STRINGS 4000000u
#define XLSX_MAX_SHEETS 65536u
#define XLSX_MAX_RELS 65536u
#define XLSX_MAX_XFS 1048576u
#define XLSX_MAX_NUMFMTS 65536u
#define XLSX_MAX_NAME 4096u	/* part names, relationship ids */
#define XLSX_MAX_DEPTH 64

/*
 * Small parts of repeated markup can deflate past any sane ratio while
 * being harmless; the ratio cap matters only once a part is big enough
 * to hurt.
 */
#define XLSX_RATIO_FLOOR (1024u * 1024)

/*
 * All parts together may inflate to this much, or to the ratio cap times
 * the archive's size if more, over the workbook's life: zip entries can
 * share one compressed stream, so a small archive can list many sheets
 * that each pass the per-part caps.  Legitimate workbooks can still be
 * read many times over.
 */
#define XLSX_MIN_BUDGET (256ull * 1024 * 1024)

/* Bytes inflated at a time; fuzzing builds shrink it to reach the edges. */
#ifndef XLSX_CHUNK
#define XLSX_CHUNK (64u * 1024)
#endif

/*
 * One tag, comment or entity reference may be this long; real ones are
 * tiny (cell text is content, not markup, and streams through).
 */
#define XLSX_MAX_TOKEN (1024u * 1024)
#define XLSX_ERR_MAX 512

/*
 * Expat joins a namespace URI and a local name with this; no name or
 * URI can hold it, so the local name is whatever follows the last one.
 */
#define XLSX_NS_SEP '\x01'

/* Serial 2958466 would be 10000-01-01; 2932896 is 9999-12-31 in Unix days. */
#define XLSX_SERIAL_END 2958466.0
#define XLSX_LAST_UNIX_DAY 2932896L

struct xlsx_sheet {
	char *name;
	char *rid;	/* relationship id, resolved to 'part' at open */
	char *part;	/* NULL when the workbook's relationships lack it */
	bool hidden;
};

struct vt_xlsx {
	zip_t *zip;	/* NULL once refused */
	char err[XLSX_ERR_MAX];
	struct xlsx_sheet *sheets;
	size_t nsheets;
	size_t asheets;
	bool date1904;
	/* Shared strings: NUL-terminated, one after another. */
	char *strings;
	uint32_t *str_off;
	size_t nstrings;
	/* Per cell format (cellXfs index): is it a date format? */
	bool *xf_date;
	size_t nxf;
	char *chunk;	/* input read from the zip, not yet parsed */
	size_t chunk_alloc;
	zip_uint64_t budget;	/* bytes all parts may still inflate to */
};

/* ------------------------------------------------------------------ */
/* Messages and small helpers                                          */

static void xlsx_fail(struct vt_xlsx *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void xlsx_fail(struct vt_xlsx *x, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	vsnprintf(x->err, sizeof(x->err), fmt, ap);
	va_end(ap);
	/* Names in messages come from the file: keep control bytes out. */
	for (p = x->err; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
}

static char *copy_n(const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * A decimal count such as a row number or an index: digits only, at
 * most 'max'.  Leading zeros are harmless, so they are allowed.
 */
static bool parse_count(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0, d;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (!is_digit(*s))
			return false;
		d = (unsigned long)(*s - '0');
		if (v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

static const char *local_name(const XML_Char *name)
{
	const char *sep = strrchr(name, XLSX_NS_SEP);

	return sep ? sep + 1 : name;
}

/* The value of the attribute whose local name is 'want', or NULL. */
static const char *attr_get(const XML_Char **atts, const char *want)
{
	size_t i;

	for (i = 0; atts[i]; i += 2)
		if (strcmp(local_name(atts[i]), want) == 0)
			return atts[i + 1];
	return NULL;
}

static enum vt_err add_utf8(struct vt_buf *b, unsigned long cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return vt_buf_add(b, u, n);
}

/* The code unit of an _xHHHH_ escape at 's', or -1 when there is none. */
static long escape_at(const char *s, size_t left)
{
	long v = 0;
	int i, h;

	if (left < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return -1;
	for (i = 2; i < 6; i++) {
		h = vt_hex_value(s[i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/*
 * Appends 'len' bytes of 's' with OOXML's _xHHHH_ escapes decoded: Excel
 * writes control characters that way (_x000D_ for CR) and a literal
 * "_xHHHH_" as "_x005F_xHHHH_".  A code XML cannot carry in a C string
 * (NUL, an unpaired surrogate) becomes U+FFFD.
 */
static enum vt_err add_unescaped(struct vt_buf *b, const char *s, size_t len)
{
	enum vt_err result = VT_OK;
	const char *us;
	size_t i = 0, run;
	long cu, lo;

	while (i < len) {
		us = memchr(s + i, '_', len - i);
		run = us ? (size_t)(us - (s + i)) : len - i;
		result = vt_buf_add(b, s + i, run);
		if (result)
			return result;
		i += run;
		if (i >= len)
			break;
		cu = escape_at(s + i, len - i);
		if (cu < 0) {
			result = vt_buf_addc(b, '_');
			if (result)
				return result;
			i++;
			continue;
		}
		i += 7;
		if (cu >= 0xd800 && cu <= 0xdbff) {
			lo = escape_at(s + i, len - i);
			if (lo >= 0xdc00 && lo <= 0xdfff) {
				i += 7;
				cu = 0x10000 + ((cu - 0xd800) << 10) +
				     (lo - 0xdc00);
			} else {
				cu = 0xfffd;
			}
		} else if ((cu >= 0xdc00 && cu <= 0xdfff) || cu == 0) {
			cu = 0xfffd;
		}
		result = add_utf8(b, (unsigned long)cu);
		if (result)
			return result;
	}
	return result;
}


/* ------------------------------------------------------------------ */
/* Dates                                                               */

/* Built-in number formats that show a date or a time. */
static bool builtin_is_date(unsigned long id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
	       (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/*
 * A custom format shows a date or time when it has a day, month, year,
 * hour or second code outside quoted text, [colour/locale] brackets and
 * escaped characters ('\x', and '_x' / '*x' which pad with x).
 */
static bool format_is_date(const char *code)
{
	const char *p;

	if (strcmp(code, "General") == 0)
		return false;
	for (p = code; *p; p++) {
		switch (*p) {
		case '"':
			p = strchr(p + 1, '"');
			if (!p)
				return false;
			break;
		case '[':
			p = strchr(p + 1, ']');
			if (!p)
				return false;
			break;
		case '\\':
		case '_':
		case '*':
			if (!p[1])
				return false;
			p++;
			break;
		case 'd': case 'D': case 'm': case 'M': case 'y': case 'Y':
		case 'h': case 'H': case 's': case 'S':
			return true;
		default:
			break;
		}
	}
	return false;
}

static void format_date(const struct vt_date *d, long secs, char *out,
			size_t size)
{
	if (secs)
		snprintf(out, size, "%04d-%02d-%02dT%02ld:%02ld:%02ld",
			 d->year, d->month, d->day, secs / 3600,
			 secs / 60 % 60, secs % 60);
	else
		snprintf(out, size, "%04d-%02d-%02d", d->year, d->month,
			 d->day);
}

/*
 * The ISO text of a date serial, or false when it names no real day:
 * negative, past 9999-12-31, or the 1900 system's serial 60, which is
 * 1900-02-29, a day that never was (Lotus 1-2-3 thought 1900 a leap year
 * and Excel kept the mistake).  Rounding to the second comes first so
 * that 23:59:59.7 becomes the next midnight.
 */
static bool serial_to_text(bool date1904, double serial, char *out,
			   size_t size)
{
	struct vt_date d;
	long long total;
	long day, secs, unix_day;

	if (!isfinite(serial) || serial < 0 || serial >= XLSX_SERIAL_END)
		return false;
	total = llround(serial * 86400.0);
	day = (long)(total / 86400);
	secs = (long)(total % 86400);
	if (date1904)
		unix_day = day + 1462 - 25569;
	else if (day < 60)
		unix_day = day - 25568;
	else if (day == 60)
		return false;
	else
		unix_day = day - 25569;
	if (unix_day > XLSX_LAST_UNIX_DAY)
		return false;
	vt_date_from_days(unix_day, &d);
	format_date(&d, secs, out, size);
	return true;
}

static bool parse_2digits(const char *s, int max, int *out)
{
	if (!is_digit(s[0]) || !is_digit(s[1]))
		return false;
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return *out <= max;
}

/* "HH:MM[:SS[.fff]]" into seconds (rounded), with the rest in '*end'. */
static bool parse_iso_time(const char *s, long *secs, const char **end)
{
	int h, m, sec = 0;
	double frac = 0;

	if (!parse_2digits(s, 23, &h) || s[2] != ':' ||
	    !parse_2digits(s + 3, 59, &m))
		return false;
	s += 5;
	if (*s == ':') {
		if (!parse_2digits(s + 1, 59, &sec))
			return false;
		s += 3;
		if (*s == '.') {
			double scale = 0.1;

			s++;
			if (!is_digit(*s))
				return false;
			for (; is_digit(*s); s++) {
				frac += (*s - '0') * scale;
				scale /= 10;
			}
		}
	}
	*secs = h * 3600L + m * 60L + sec + (frac >= 0.5);
	*end = s;
	return true;
}

/*
 * A t="d" value: "YYYY-MM-DD", optionally "THH:MM[:SS[.fff]]" and a zone
 * (which is ignored: Excel has no time zones), or a bare time.  Gives the
 * ISO text and the serial the same moment would have.
 */
static bool iso_to_cell(bool date1904, const char *s, char *out, size_t size,
			double *serial)
{
	struct vt_date d;
	char day[11];
	const char *p = s;
	long unix_day, secs = 0, sday;

	if (strlen(s) >= 10 && s[4] == '-') {
		memcpy(day, s, 10);
		day[10] = '\0';
		if (vt_parse_date(day, &d))
			return false;
		unix_day = vt_date_to_days(&d);
		p = s + 10;
		if (*p == 'T' || *p == ' ') {
			if (!parse_iso_time(p + 1, &secs, &p))
				return false;
		}
	} else {
		/* A time alone is day 0 of the workbook's calendar. */
		unix_day = date1904 ? 1462 - 25569 : -25568;
		if (!parse_iso_time(s, &secs, &p))
			return false;
	}
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int zh, zm;

		if (!parse_2digits(p + 1, 23, &zh) || p[3] != ':' ||
		    !parse_2digits(p + 4, 59, &zm))
			return false;
		p += 6;
	}
	if (*p)
		return false;
	if (secs == 86400) {
		unix_day++;
		secs = 0;
	}
	if (unix_day > XLSX_LAST_UNIX_DAY)
		return false;
	vt_date_from_days(unix_day, &d);
	format_date(&d, secs, out, size);
	if (date1904)
		sday = unix_day + 25569 - 1462;
	else if (unix_day >= -25508)	/* 1900-03-01, serial 61 */
		sday = unix_day + 25569;
	else
		sday = unix_day + 25568;
	*serial = (double)sday + (double)secs / 86400.0;
	return true;
}

/* ------------------------------------------------------------------ */
/* Parts: locating, inflating under the caps, feeding expat            */

/*
 * Element handlers of one kind of part; they get the local name, and the
 * parser's state (which starts with a struct xml_ctx) as 'ud'.
 */
typedef void (*xml_start_fn)(void *ud, const char *ln, const XML_Char **atts);
typedef void (*xml_end_fn)(void *ud, const char *ln);

/* Common head of every parser's state; handlers get it as user data. */
struct xml_ctx {
	struct vt_xlsx *x;
	const char *part;
	XML_Parser parser;
	enum vt_err result;	/* non-zero once a handler refused */
	int depth;		/* of the element being handled */
	xml_start_fn start;
	xml_end_fn end;
};

static void ctx_fail(struct xml_ctx *c, enum vt_err result, const char *fmt,
		     ...) __attribute__((format(printf, 3, 4)));

/*
 * Refuses from inside a handler: the message names the part and line,
 * and the parser stops.  Expat may still make a few calls after a stop,
 * so every handler first checks 'result'.
 */
static void ctx_fail(struct xml_ctx *c, enum vt_err result, const char *fmt,
		     ...)
{
	char msg[XLSX_ERR_MAX];
	va_list ap;

	if (c->result)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	xlsx_fail(c->x, "%s: line %lu: %s", c->part,
		  (unsigned long)XML_GetCurrentLineNumber(c->parser), msg);
	c->result = result;
	XML_StopParser(c->parser, XML_FALSE);
}

/* Out of memory, or a cap of a vt_buf: 'what' says which text was long. */
static void ctx_fail_buf(struct xml_ctx *c, enum vt_err result,
			 const char *what)
{
	if (result == VT_ETOOBIG)
		ctx_fail(c, VT_EINVAL, "%s is longer than %d characters",
			 what, XLSX_TEXT_CHARS);
	else
		ctx_fail(c, result, "out of memory");
}

/*
 * A DOCTYPE is where entity definitions live (billion laughs, external
 * entities); no OOXML part has one, so any is refused outright.
 */
static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
		       const XML_Char *pubid, int has_internal_subset)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	ctx_fail(ud, VT_EINVAL, "a DOCTYPE is not allowed");
}

static void on_entity(void *ud, const XML_Char *name, int is_param,
		      const XML_Char *value, int value_len,
		      const XML_Char *base, const XML_Char *sysid,
		      const XML_Char *pubid, const XML_Char *notation)
{
	(void)name;
	(void)is_param;
	(void)value;
	(void)value_len;
	(void)base;
	(void)sysid;
	(void)pubid;
	(void)notation;
	ctx_fail(ud, VT_EINVAL, "an entity declaration is not allowed");
}

/*
 * Expat keeps every open element, so nesting is capped: OOXML parts nest
 * a dozen deep at most.
 */
static void on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xml_ctx *c = ud;

	if (c->result)
		return;
	if (++c->depth > XLSX_MAX_DEPTH) {
		ctx_fail(c, VT_EINVAL, "elements nested more than %d deep",
			 XLSX_MAX_DEPTH);
		return;
	}
	if (c->start)
		c->start(ud, local_name(name), atts);
}

static void on_end(void *ud, const XML_Char *name)
{
	struct xml_ctx *c = ud;

	if (c->result)
		return;
	if (c->end)
		c->end(ud, local_name(name));
	c->depth--;
}

/*
 * Part names are case-insensitive in OPC; the exact spelling is tried
 * first because libzip answers it from a hash.
 */
static bool part_locate(struct vt_xlsx *x, const char *name,
			zip_uint64_t *idx)
{
	zip_int64_t i = zip_name_locate(x->zip, name, 0);

	if (i < 0)
		i = zip_name_locate(x->zip, name, ZIP_FL_NOCASE);
	if (i < 0)
		return false;
	*idx = (zip_uint64_t)i;
	return true;
}

/* Refuses a part whose inflated size (claimed or counted) is too big. */
static enum vt_err part_caps(struct vt_xlsx *x, const char *name,
			     zip_uint64_t size, zip_uint64_t comp)
{
	if (size > VT_XLSX_MAX_PART) {
		xlsx_fail(x, "%s: inflates past the cap of %u MiB", name,
			  VT_XLSX_MAX_PART / (1024 * 1024));
		return VT_EINVAL;
	}
	if (size > XLSX_RATIO_FLOOR && size / VT_XLSX_MAX_RATIO > comp) {
		xlsx_fail(x, "%s: inflates more than %d times its size "
			  "(a zip bomb?)", name, VT_XLSX_MAX_RATIO);
		return VT_EINVAL;
	}
	return VT_OK;
}

/* Makes room for one more chunk after 'held' bytes; false on failure. */
static bool chunk_room(struct vt_xlsx *x, size_t held)
{
	size_t na;
	char *p;

	if (held + XLSX_CHUNK <= x->chunk_alloc)
		return true;
	na = x->chunk_alloc * 2;
	if (na < held + XLSX_CHUNK)
		na = held + XLSX_CHUNK;
	p = realloc(x->chunk, na);
	if (!p)
		return false;
	x->chunk = p;
	x->chunk_alloc = na;
	return true;
}

static enum vt_err xml_feed(struct xml_ctx *c, const char *p, size_t n,
			    bool final)
{
	if (XML_Parse(c->parser, p, (int)n, final) == XML_STATUS_OK)
		return VT_OK;
	if (c->result)
		return c->result;
	xlsx_fail(c->x, "%s: line %lu: %s", c->part,
		  (unsigned long)XML_GetCurrentLineNumber(c->parser),
		  XML_ErrorString(XML_GetErrorCode(c->parser)));
	return VT_EINVAL;
}

/*
 * Streams part 'idx' through the parser in 'c', holding a chunk and at
 * most one unfinished token of it.  The zip's claimed sizes are checked
 * first and the bytes actually inflated are counted too, since headers
 * can lie.
 */
static enum vt_err part_feed(struct xml_ctx *c, zip_uint64_t idx)
{
	struct vt_xlsx *x = c->x;
	struct vt_xml_lexer lx = { VT_LX_TEXT, 0 };
	enum vt_err result = VT_EINVAL;
	zip_file_t *zf = NULL;
	zip_uint64_t total = 0, comp;
	size_t held = 0, tok = VT_LX_NONE, avail, feed;
	zip_int64_t n;
	zip_stat_t st;

	zip_stat_init(&st);
	if (zip_stat_index(x->zip, idx, 0, &st) != 0) {
		xlsx_fail(x, "%s: %s", c->part, zip_strerror(x->zip));
		goto out;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st.encryption_method != ZIP_EM_NONE) {
		xlsx_fail(x, "%s: the part is encrypted", c->part);
		goto out;
	}
	comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
	if (st.valid & ZIP_STAT_SIZE) {
		result = part_caps(x, c->part, st.size, comp);
		if (result)
			goto out;
	}
	result = VT_EINVAL;
	zf = zip_fopen_index(x->zip, idx, 0);
	if (!zf) {
		xlsx_fail(x, "%s: cannot read the part: %s", c->part,
			  zip_strerror(x->zip));
		goto out;
	}
	for (;;) {
		if (!chunk_room(x, held)) {
			xlsx_fail(x, "out of memory");
			result = VT_ENOMEM;
			goto out;
		}
		n = zip_fread(zf, x->chunk + held, XLSX_CHUNK);
		if (n < 0) {
			xlsx_fail(x, "%s: cannot inflate the part: %s",
				  c->part, zip_file_strerror(zf));
			result = VT_EINVAL;
			goto out;
		}
		total += (zip_uint64_t)n;
		result = part_caps(x, c->part, total, comp);
		if (result)
			goto out;
		if ((zip_uint64_t)n > x->budget) {
			xlsx_fail(x, "%s: the workbook inflates to too much in "
				  "all (a zip bomb?)", c->part);
			result = VT_EINVAL;
			goto out;
		}
		x->budget -= (zip_uint64_t)n;
		if (n == 0) {
			result = xml_feed(c, x->chunk, held, true);
			goto out;
		}
		vt_xml_lex(&lx, x->chunk + held, (size_t)n, held, &tok);
		avail = held + (size_t)n;
		feed = tok == VT_LX_NONE ? avail : tok;
		if (feed) {
			result = xml_feed(c, x->chunk, feed, false);
			if (result)
				goto out;
			memmove(x->chunk, x->chunk + feed, avail - feed);
			if (tok != VT_LX_NONE)
				tok = 0;
		}
		held = avail - feed;
		if (held > XLSX_MAX_TOKEN) {
			xlsx_fail(x, "%s: line %lu: markup longer than %u KiB",
				  c->part,
				  (unsigned long)
				  XML_GetCurrentLineNumber(c->parser),
				  XLSX_MAX_TOKEN / 1024);
			result = VT_EINVAL;
			goto out;
		}
	}
out:
	if (zf)
		zip_fclose(zf);
	return result;
}

/*
 * Parses part 'name' (at 'idx') with a fresh parser for 'c'.  The parser
 * is namespace-aware only so that names arrive as URI + local name: the
 * handlers match local names, which transitional and Strict OOXML share.
 */
static enum vt_err part_parse(struct xml_ctx *c, const char *name,
			      zip_uint64_t idx, xml_start_fn start,
			      xml_end_fn end, XML_CharacterDataHandler text)
{
	enum vt_err result;

	c->part = name;
	c->result = VT_OK;
	c->depth = 0;
	c->start = start;
	c->end = end;
	c->parser = XML_ParserCreateNS(NULL, XLSX_NS_SEP);
	if (!c->parser) {
		xlsx_fail(c->x, "out of memory");
		return VT_ENOMEM;
	}
	XML_SetUserData(c->parser, c);
	XML_SetElementHandler(c->parser, on_start, on_end);
	if (text)
		XML_SetCharacterDataHandler(c->parser, text);
	XML_SetStartDoctypeDeclHandler(c->parser, on_doctype);
	XML_SetEntityDeclHandler(c->parser, on_entity);
	XML_SetParamEntityParsing(c->parser, XML_PARAM_ENTITY_PARSING_NEVER);
	result = part_feed(c, idx);
	XML_ParserFree(c->parser);
	c->parser = NULL;
	return result;
}

/* ------------------------------------------------------------------ */
/* Relationships                                                       */

struct rel {
	char *id;
	char *type;	/* last segment of the Type URI: "worksheet" */
	char *target;	/* a part name, resolved */
};

struct rels_ctx {
	struct xml_ctx base;
	const char *dir;	/* of the source part: "" or "xl/" */
	struct rel *v;
	size_t n;
	size_t alloc;
};

static void rels_release(struct rel *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].type);
		free(v[i].target);
	}
	free(v);
}

/*
 * The part a relationship points at.  Targets are URIs relative to the
 * source part's folder ("worksheets/sheet1.xml", "../xl/x.xml") or
 * absolute from the package root ("/xl/worksheets/sheet1.xml").  Percent
 * escapes are decoded and "." and ".." resolved; false when the target
 * climbs out of the package or is empty.
 */
static enum vt_err resolve_target(const char *dir, const char *target,
				  char **out)
{
	struct vt_buf in = VT_BUF_INIT(XLSX_MAX_NAME);
	enum vt_err result;
	const char *p, *seg;
	char *res = NULL;
	size_t len = 0, seglen;
	int h1, h2;

	if (target[0] != '/') {
		result = vt_buf_adds(&in, dir);
		if (result)
			goto out;
	}
	for (p = target; *p; p++) {
		if (*p == '%' && (h1 = vt_hex_value(p[1])) >= 0 &&
		    (h2 = vt_hex_value(p[2])) >= 0) {
			result = vt_buf_addc(&in, (char)(h1 * 16 + h2));
			p += 2;
		} else {
			result = vt_buf_addc(&in, *p == '\\' ? '/' : *p);
		}
		if (result)
			goto out;
	}
	result = VT_ENOMEM;
	res = malloc(in.len + 1);
	if (!res)
		goto out;
	result = VT_EINVAL;
	p = vt_buf_str(&in);
	while (*p) {
		seg = p;
		while (*p && *p != '/')
			p++;
		seglen = (size_t)(p - seg);
		if (*p)
			p++;
		if (seglen == 0 || (seglen == 1 && seg[0] == '.'))
			continue;
		if (seglen == 2 && seg[0] == '.' && seg[1] == '.') {
			if (len == 0)
				goto out;
			while (len > 0 && res[len - 1] != '/')
				len--;
			if (len > 0)
				len--;
			continue;
		}
		/* A NUL decoded from %00 would cut the name short. */
		if (memchr(seg, '\0', seglen))
			goto out;
		if (len)
			res[len++] = '/';
		memcpy(res + len, seg, seglen);
		len += seglen;
	}
	if (len == 0)
		goto out;
	res[len] = '\0';
	*out = res;
	res = NULL;
	result = VT_OK;
out:
	free(res);
	vt_buf_release(&in);
	return result;
}

static void rels_start(void *ud, const char *ln, const XML_Char **atts)
{
	struct rels_ctx *r = ud;
	const char *id, *type, *target, *mode, *slash;
	struct rel *nv, rel = { NULL, NULL, NULL };
	enum vt_err result;
	size_t na;

	if (strcmp(ln, "Relationship") != 0)
		return;
	id = attr_get(atts, "Id");
	type = attr_get(atts, "Type");
	target = attr_get(atts, "Target");
	mode = attr_get(atts, "TargetMode");
	/* External links (web pages, other files) are not parts. */
	if (!id || !target || (mode && strcmp(mode, "External") == 0))
		return;
	if (!type)
		type = "";
	slash = strrchr(type, '/');
	type = slash ? slash + 1 : type;
	if (strlen(id) > XLSX_MAX_NAME || strlen(type) > XLSX_MAX_NAME)
		return;
	result = resolve_target(r->dir, target, &rel.target);
	if (result == VT_ENOMEM)
		goto fail;
	if (result)
		return;	/* a bad target only matters if it is used */
	if (r->n == r->alloc) {
		if (r->n >= XLSX_MAX_RELS) {
			free(rel.target);
			ctx_fail(&r->base, VT_EINVAL,
				 "more than %u relationships", XLSX_MAX_RELS);
			return;
		}
		na = r->alloc ? r->alloc * 2 : 16;
		nv = realloc(r->v, na * sizeof(*nv));
		if (!nv)
			goto fail;
		r->v = nv;
		r->alloc = na;
	}
	rel.id = copy_n(id, strlen(id));
	rel.type = copy_n(type, strlen(type));
	if (!rel.id || !rel.type)
		goto fail;
	r->v[r->n++] = rel;
	return;
fail:
	free(rel.id);
	free(rel.type);
	free(rel.target);
	ctx_fail(&r->base, VT_ENOMEM, "out of memory");
}

/*
 * Reads the relationships part 'name' of a part in folder 'dir'.  A
 * missing part is no error: it gives no relationships.
 */
static enum vt_err rels_read(struct vt_xlsx *x, const char *name,
			     const char *dir, struct rels_ctx *r)
{
	zip_uint64_t idx;

	memset(r, 0, sizeof(*r));
	r->base.x = x;
	r->dir = dir;
	if (!part_locate(x, name, &idx))
		return VT_OK;
	return part_parse(&r->base, name, idx, rels_start, NULL, NULL);
}

static int rel_cmp(const void *a, const void *b)
{
	const struct rel *ra = a, *rb = b;

	return strcmp(ra->id, rb->id);
}

/* The first relationship of 'type', or NULL. */
static const struct rel *rel_by_type(const struct rels_ctx *r,
				     const char *type)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].type, type) == 0)
			return &r->v[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Workbook                                                            */

struct wb_ctx {
	struct xml_ctx base;
	int in_sheets;
};

static enum vt_err sheet_push(struct vt_xlsx *x, const char *name,
			      const char *rid, bool hidden)
{
	struct vt_buf nb = VT_BUF_INIT(XLSX_MAX_NAME);
	struct xlsx_sheet *nv, *sh;
	enum vt_err result;
	size_t na;

	if (x->nsheets == x->asheets) {
		if (x->nsheets >= XLSX_MAX_SHEETS)
			return VT_ETOOBIG;
		na = x->asheets ? x->asheets * 2 : 8;
		nv = realloc(x->sheets, na * sizeof(*nv));
		if (!nv)
			return VT_ENOMEM;
		x->sheets = nv;
		x->asheets = na;
	}
	/* A name is an ST_Xstring like any cell text. */
	result = add_unescaped(&nb, name, strlen(name));
	if (result == VT_OK && !nb.ptr)
		result = vt_buf_adds(&nb, "");
	if (result)
		goto out;
	sh = &x->sheets[x->nsheets];
	sh->name = vt_buf_detach(&nb);
	sh->rid = copy_n(rid, strlen(rid));
	sh->part = NULL;
	sh->hidden = hidden;
	if (!sh->name || !sh->rid) {
		free(sh->name);
		free(sh->rid);
		result = VT_ENOMEM;
		goto out;
	}
	x->nsheets++;
out:
	vt_buf_release(&nb);
	return result;
}

static void wb_start(void *ud, const char *ln, const XML_Char **atts)
{
	struct wb_ctx *w = ud;
	struct vt_xlsx *x = w->base.x;
	const char *v, *rid, *state;
	enum vt_err result;

	if (strcmp(ln, "workbookPr") == 0) {
		v = attr_get(atts, "date1904");
		x->date1904 = v && (strcmp(v, "1") == 0 ||
				    strcmp(v, "true") == 0);
	} else if (strcmp(ln, "sheets") == 0) {
		w->in_sheets++;
	} else if (w->in_sheets && strcmp(ln, "sheet") == 0) {
		v = attr_get(atts, "name");
		rid = attr_get(atts, "id");
		state = attr_get(atts, "state");
		if (!v || !*v) {
			ctx_fail(&w->base, VT_EINVAL, "a sheet has no name");
			return;
		}
		if (!rid || strlen(rid) > XLSX_MAX_NAME) {
			ctx_fail(&w->base, VT_EINVAL,
				 "sheet '%s' has no relationship id", v);
			return;
		}
		result = sheet_push(x, v, rid,
				    state && (strcmp(state, "hidden") == 0 ||
					      strcmp(state, "veryHidden") ==
						      0));
		if (result == VT_ENOMEM)
			ctx_fail(&w->base, result, "out of memory");
		else if (result)
			ctx_fail(&w->base, VT_EINVAL,
				 "too many sheets, or a sheet name too long");
	}
}

static void wb_end(void *ud, const char *ln)
{
	struct wb_ctx *w = ud;

	if (w->in_sheets &&
	    strcmp(ln, "sheets") == 0)
		w->in_sheets--;
}

/* ------------------------------------------------------------------ */
/* Shared strings                                                      */

struct sst_ctx {
	struct xml_ctx base;
	bool in_si;
	bool in_t;
	int rph;		/* inside phonetic runs, which are not text */
	struct vt_buf raw;	/* the current string, still escaped */
	struct vt_buf arena;	/* every string, each NUL-terminated */
	uint32_t *off;
	size_t n;
	size_t alloc;
};

static void sst_start(void *ud, const char *ln, const XML_Char **atts)
{
	struct sst_ctx *s = ud;

	(void)atts;
	if (strcmp(ln, "si") == 0) {
		s->in_si = true;
		s->in_t = false;
		s->rph = 0;
		vt_buf_reset(&s->raw);
	} else if (s->in_si && strcmp(ln, "rPh") == 0) {
		s->rph++;
	} else if (s->in_si && !s->rph && strcmp(ln, "t") == 0) {
		s->in_t = true;
	}
}

static void sst_end(void *ud, const char *ln)
{
	struct sst_ctx *s = ud;
	enum vt_err result;
	uint32_t *nv;
	size_t na;

	if (!s->in_si)
		return;
	if (strcmp(ln, "t") == 0) {
		s->in_t = false;
	} else if (strcmp(ln, "rPh") == 0) {
		if (s->rph)
			s->rph--;
	} else if (strcmp(ln, "si") == 0) {
		s->in_si = false;
		if (s->n == s->alloc) {
			if (s->n >= XLSX_MAX_STRINGS) {
				ctx_fail(&s->base, VT_EINVAL,
					 "more than %u shared strings",
					 XLSX_MAX_STRINGS);
				return;
			}
			na = s->alloc ? s->alloc * 2 : 1024;
			if (na > XLSX_MAX_STRINGS)
				na = XLSX_MAX_STRINGS;
			nv = realloc(s->off, na * sizeof(*nv));
			if (!nv) {
				ctx_fail(&s->base, VT_ENOMEM, "out of memory");
				return;
			}
			s->off = nv;
			s->alloc = na;
		}
		/* The arena is capped below 4 GiB, so offsets fit. */
		s->off[s->n] = (uint32_t)s->arena.len;
		result = add_unescaped(&s->arena, s->raw.ptr ? s->raw.ptr : "",
				       s->raw.len);
		if (result == VT_OK)
			result = vt_buf_add(&s->arena, "", 1);
		if (result == VT_ETOOBIG)
			ctx_fail(&s->base, VT_EINVAL,
				 "the shared strings are too big");
		else if (result)
			ctx_fail(&s->base, result, "out of memory");
		if (result)
			return;
		s->n++;
	}
}

static void sst_text(void *ud, const XML_Char *text, int len)
{
	struct sst_ctx *s = ud;
	enum vt_err result;

	if (s->base.result || !s->in_t)
		return;
	result = vt_buf_add(&s->raw, text, (size_t)len);
	if (result)
		ctx_fail_buf(&s->base, result, "a shared string");
}

static enum vt_err sst_read(struct vt_xlsx *x, const char *name,
			    zip_uint64_t idx)
{
	struct sst_ctx s;
	enum vt_err result;

	memset(&s, 0, sizeof(s));
	s.base.x = x;
	vt_buf_init(&s.raw, XLSX_MAX_TEXT);
	/* Text never outgrows its part; the NULs add one per string. */
	vt_buf_init(&s.arena, (size_t)VT_XLSX_MAX_PART + XLSX_MAX_STRINGS);
	result = part_parse(&s.base, name, idx, sst_start, sst_end, sst_text);
	if (result)
		goto out;
	if (s.n) {
		x->strings = vt_buf_detach(&s.arena);
		if (!x->strings) {
			result = VT_ENOMEM;
			xlsx_fail(x, "out of memory");
			goto out;
		}
		x->str_off = s.off;
		x->nstrings = s.n;
		s.off = NULL;
	}
out:
	free(s.off);
	vt_buf_release(&s.raw);
	vt_buf_release(&s.arena);
	return result;
}

/* ------------------------------------------------------------------ */
/* Styles: which cell formats are dates                                */

struct numfmt {
	unsigned long id;
	bool date;
};

struct styles_ctx {
	struct xml_ctx base;
	int numfmts_depth;	/* depth of <numFmts>, 0 outside */
	int cellxfs_depth;	/* depth of <cellXfs>, 0 outside */
	struct numfmt *fmts;
	size_t nfmts;
	size_t afmts;
	unsigned long *xfs;	/* numFmtId of each cellXfs entry */
	size_t nxfs;
	size_t axfs;
};

/* Grows '*v' (of 'size'-byte items) to hold one more; false on failure. */
static bool grow(void **v, size_t *alloc, size_t n, size_t size, size_t cap)
{
	size_t na;
	void *nv;

	if (n < *alloc)
		return true;
	if (n >= cap)
		return false;
	na = *alloc ? *alloc * 2 : 16;
	if (na > cap)
		na = cap;
	nv = realloc(*v, na * size);
	if (!nv)
		return false;
	*v = nv;
	*alloc = na;
	return true;
}

/* A numFmtId: a bad one reads as 0, General, as Excel would show it. */
static unsigned long fmt_id(const char *v)
{
	unsigned long id = 0;

	if (!v || !parse_count(v, UINT32_MAX, &id))
		return 0;
	return id;
}

static void styles_start(void *ud, const char *ln, const XML_Char **atts)
{
	struct styles_ctx *s = ud;
	const char *code;
	void *v;

	if (strcmp(ln, "numFmts") == 0 && !s->numfmts_depth) {
		s->numfmts_depth = s->base.depth;
	} else if (strcmp(ln, "cellXfs") == 0 && !s->cellxfs_depth) {
		s->cellxfs_depth = s->base.depth;
	} else if (s->numfmts_depth && s->base.depth == s->numfmts_depth + 1 &&
		   strcmp(ln, "numFmt") == 0) {
		v = s->fmts;
		if (!grow(&v, &s->afmts, s->nfmts, sizeof(*s->fmts),
			  XLSX_MAX_NUMFMTS))
			goto fail;
		s->fmts = v;
		code = attr_get(atts, "formatCode");
		s->fmts[s->nfmts].id = fmt_id(attr_get(atts, "numFmtId"));
		s->fmts[s->nfmts].date = code && format_is_date(code);
		s->nfmts++;
	} else if (s->cellxfs_depth && s->base.depth == s->cellxfs_depth + 1 &&
		   strcmp(ln, "xf") == 0) {
		v = s->xfs;
		if (!grow(&v, &s->axfs, s->nxfs, sizeof(*s->xfs),
			  XLSX_MAX_XFS))
			goto fail;
		s->xfs = v;
		s->xfs[s->nxfs++] = fmt_id(attr_get(atts, "numFmtId"));
	}
	return;
fail:
	if (s->nfmts >= XLSX_MAX_NUMFMTS || s->nxfs >= XLSX_MAX_XFS)
		ctx_fail(&s->base, VT_EINVAL, "too many cell formats");
	else
		ctx_fail(&s->base, VT_ENOMEM, "out of memory");
}

static void styles_end(void *ud, const char *ln)
{
	struct styles_ctx *s = ud;

	(void)ln;
	if (s->base.depth == s->numfmts_depth)
		s->numfmts_depth = 0;
	if (s->base.depth == s->cellxfs_depth)
		s->cellxfs_depth = 0;
}

static int numfmt_cmp(const void *a, const void *b)
{
	const struct numfmt *fa = a, *fb = b;

	return (fa->id > fb->id) - (fa->id < fb->id);
}

static enum vt_err styles_read(struct vt_xlsx *x, const char *name,
			       zip_uint64_t idx)
{
	struct styles_ctx s;
	struct numfmt key, *f;
	enum vt_err result;
	size_t i;

	memset(&s, 0, sizeof(s));
	s.base.x = x;
	result = part_parse(&s.base, name, idx, styles_start, styles_end,
			    NULL);
	if (result)
		goto out;
	if (s.nxfs) {
		x->xf_date = calloc(s.nxfs, sizeof(*x->xf_date));
		if (!x->xf_date) {
			result = VT_ENOMEM;
			xlsx_fail(x, "out of memory");
			goto out;
		}
	}
	/* A format the workbook defines wins over the built-in one. */
	if (s.nfmts)
		qsort(s.fmts, s.nfmts, sizeof(*s.fmts), numfmt_cmp);
	for (i = 0; i < s.nxfs; i++) {
		key.id = s.xfs[i];
		f = s.nfmts ? bsearch(&key, s.fmts, s.nfmts, sizeof(*s.fmts),
				      numfmt_cmp)
			    : NULL;
		x->xf_date[i] = f ? f->date : builtin_is_date(key.id);
	}
	x->nxf = s.nxfs;
out:
	free(s.fmts);
	free(s.xfs);
	return result;
}

/* ------------------------------------------------------------------ */
/* Sheets                                                              */

enum cell_type {
	CELL_NUMBER,	/* t="n" or none */
	CELL_SHARED,	/* t="s" */
	CELL_INLINE,	/* t="inlineStr" */
	CELL_STR,	/* t="str" */
	CELL_BOOL,	/* t="b" */
	CELL_ERROR,	/* t="e" */
	CELL_DATE,	/* t="d" */
};

enum capture {
	CAP_NONE,
	CAP_V,
	CAP_T,
};

struct sheet_ctx {
	struct xml_ctx base;
	const char *sheet;
	vt_xlsx_cell_fn fn;
	void *arg;
	bool in_data;	/* inside <sheetData> */
	long row;	/* current row, 0 before the first */
	long col;	/* last cell's column in this row, 0 before */
	/* The cell being read. */
	bool in_cell;
	enum cell_type type;
	unsigned long style;
	bool has_v;
	bool has_is;
	bool in_is;
	int rph;
	enum capture capture;
	struct vt_buf v;	/* <v> text */
	struct vt_buf is;	/* inline string text, escaped */
	struct vt_buf text;	/* decoded text handed to the caller */
	enum vt_err stopped;	/* what the callback returned */
};

static void sheet_row_start(struct sheet_ctx *s, const XML_Char **atts)
{
	const char *r = attr_get(atts, "r");
	unsigned long v;

	if (r) {
		if (!parse_count(r, LONG_MAX / 2, &v) || v == 0) {
			ctx_fail(&s->base, VT_EINVAL,
				 "row number '%.40s' is not valid", r);
			return;
		}
		if (v > (unsigned long)XLSX_MAX_ROW) {
			ctx_fail(&s->base, VT_EINVAL,
				 "row %lu is past the last row (%ld)", v,
				 XLSX_MAX_ROW);
			return;
		}
		s->row = (long)v;
	} else {
		/* Producers that leave numbers out write every row. */
		if (s->row >= XLSX_MAX_ROW) {
			ctx_fail(&s->base, VT_EINVAL,
				 "a row past the last row (%ld)",
				 XLSX_MAX_ROW);
			return;
		}
		s->row++;
	}
	s->col = 0;
}

/*
 * A cell reference: column letters (A..XFD) and a row number.  The row
 * may be missing, as some producers write only the column.
 */
static void sheet_ref(struct sheet_ctx *s, const char *r)
{
	const char *p = r;
	unsigned long row;
	long col = 0;
	int letters = 0;

	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
		if (++letters > 3)
			goto past_col;
		col = col * 26 + ((*p | 0x20) - 'a' + 1);
		p++;
	}
	if (!letters)
		goto bad;
	if (col > XLSX_MAX_COL)
		goto past_col;
	if (*p) {
		if (!parse_count(p, LONG_MAX / 2, &row) || row == 0)
			goto bad;
		if (row > (unsigned long)XLSX_MAX_ROW) {
			ctx_fail(&s->base, VT_EINVAL,
				 "cell reference '%.40s' is past the last "
				 "row (%ld)", r, XLSX_MAX_ROW);
			return;
		}
		/* Rows without numbers that follow count on from here. */
		s->row = (long)row;
	}
	if (s->row == 0)
		s->row = 1;
	s->col = col;
	return;
past_col:
	ctx_fail(&s->base, VT_EINVAL,
		 "cell reference '%.40s' is past the last column (XFD)", r);
	return;
bad:
	ctx_fail(&s->base, VT_EINVAL, "cell reference '%.40s' is not valid",
		 r);
}

static void sheet_cell_start(struct sheet_ctx *s, const XML_Char **atts)
{
	static const struct {
		const char *name;
		enum cell_type type;
	} types[] = {
		{ "n", CELL_NUMBER }, { "s", CELL_SHARED },
		{ "inlineStr", CELL_INLINE }, { "str", CELL_STR },
		{ "b", CELL_BOOL }, { "e", CELL_ERROR }, { "d", CELL_DATE },
	};
	const char *r = attr_get(atts, "r");
	const char *t = attr_get(atts, "t");
	const char *st = attr_get(atts, "s");
	size_t i;

	s->in_cell = true;
	s->has_v = false;
	s->has_is = false;
	s->in_is = false;
	s->rph = 0;
	s->capture = CAP_NONE;
	s->type = CELL_NUMBER;
	if (t) {
		for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (strcmp(t, types[i].name) == 0)
				break;
		if (i == sizeof(types) / sizeof(types[0])) {
			ctx_fail(&s->base, VT_EINVAL,
				 "cell type '%.40s' is unknown", t);
			return;
		}
		s->type = types[i].type;
	}
	if (!st || !parse_count(st, UINT32_MAX, &s->style))
		s->style = 0;
	if (r && *r) {
		sheet_ref(s, r);
		return;
	}
	if (s->col >= XLSX_MAX_COL) {
		ctx_fail(&s->base, VT_EINVAL,
			 "a cell past the last column (XFD)");
		return;
	}
	if (s->row == 0)
		s->row = 1;
	s->col++;
}

/* Numbers are read without their surrounding XML whitespace. */
static bool cell_number(char *text, size_t len, double *out)
{
	size_t a = 0, b = len;
	bool ok;
	char keep;

	while (a < b && is_xml_space(text[a]))
		a++;
	while (b > a && is_xml_space(text[b - 1]))
		b--;
	/* 'text' is NUL-terminated: only cut it when there is a tail. */
	if (b == len)
		return vt_parse_double(text + a, out) == VT_OK;
	keep = text[b];
	text[b] = '\0';
	ok = vt_parse_double(text + a, out) == VT_OK;
	text[b] = keep;
	return ok;
}

static void sheet_emit(struct sheet_ctx *s, enum vt_xlsx_type type,
		       const char *text, double number)
{
	struct vt_xlsx_cell cell;
	enum vt_err r;

	cell.row = s->row;
	cell.col = s->col;
	cell.type = type;
	cell.text = text;
	cell.number = number;
	r = s->fn(s->arg, &cell);
	if (r) {
		s->stopped = r;
		ctx_fail(&s->base, r, "sheet '%s': stopped by the caller",
			 s->sheet);
	}
}

/* Decodes 'raw' into the caller's text buffer and hands it over. */
static void sheet_emit_text(struct sheet_ctx *s, const char *raw, size_t len)
{
	enum vt_err result;

	vt_buf_reset(&s->text);
	result = add_unescaped(&s->text, raw, len);
	if (result) {
		ctx_fail_buf(&s->base, result, "a cell's text");
		return;
	}
	sheet_emit(s, VT_XLSX_TEXT, s->text.ptr ? s->text.ptr : "", 0);
}

static void sheet_cell_end(struct sheet_ctx *s)
{
	struct vt_xlsx *x = s->base.x;
	char *v = s->v.ptr ? s->v.ptr : (char *)"";
	char ref[8], iso[32];
	unsigned long idx;
	double num;

	s->in_cell = false;
	vt_column_letters(s->col, ref);
	if (s->type == CELL_INLINE && s->has_is) {
		sheet_emit_text(s, s->is.ptr ? s->is.ptr : "", s->is.len);
		return;
	}
	/* No value: an empty, perhaps formatted, cell. */
	if (!s->has_v)
		return;
	switch (s->type) {
	case CELL_NUMBER:
		if (!cell_number(v, s->v.len, &num)) {
			ctx_fail(&s->base, VT_EINVAL,
				 "cell %s%ld: '%.40s' is not a number", ref,
				 s->row, v);
			return;
		}
		if (s->style < x->nxf && x->xf_date[s->style] &&
		    serial_to_text(x->date1904, num, iso, sizeof(iso)))
			sheet_emit(s, VT_XLSX_DATE, iso, num);
		else
			sheet_emit(s, VT_XLSX_NUMBER, v, num);
		return;
	case CELL_SHARED:
		if (!parse_count(v, ULONG_MAX / 10, &idx) ||
		    idx >= x->nstrings) {
			ctx_fail(&s->base, VT_EINVAL,
				 "cell %s%ld: shared string '%.40s' does not "
				 "exist (the workbook has %zu)", ref, s->row,
				 v, x->nstrings);
			return;
		}
		sheet_emit(s, VT_XLSX_TEXT, x->strings + x->str_off[idx], 0);
		return;
	case CELL_INLINE:
	case CELL_STR:
		sheet_emit_text(s, v, s->v.len);
		return;
	case CELL_BOOL:
		if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0) {
			sheet_emit(s, VT_XLSX_BOOL, "TRUE", 1);
		} else if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0) {
			sheet_emit(s, VT_XLSX_BOOL, "FALSE", 0);
		} else {
			ctx_fail(&s->base, VT_EINVAL,
				 "cell %s%ld: '%.40s' is not a boolean", ref,
				 s->row, v);
		}
		return;
	case CELL_ERROR:
		sheet_emit(s, VT_XLSX_ERROR, v, 0);
		return;
	case CELL_DATE:
		if (!iso_to_cell(x->date1904, v, iso, sizeof(iso), &num)) {
			ctx_fail(&s->base, VT_EINVAL,
				 "cell %s%ld: '%.40s' is not an ISO date", ref,
				 s->row, v);
			return;
		}
		sheet_emit(s, VT_XLSX_DATE, iso, num);
		return;
	}
}

static void sheet_start(void *ud, const char *ln, const XML_Char **atts)
{
	struct sheet_ctx *s = ud;

	if (!s->in_data) {
		if (strcmp(ln, "sheetData") == 0)
			s->in_data = true;
		return;
	}
	if (s->in_cell) {
		/* <f> and anything else is skipped: only values count. */
		if (strcmp(ln, "v") == 0) {
			s->capture = CAP_V;
			s->has_v = true;
			vt_buf_reset(&s->v);
		} else if (strcmp(ln, "is") == 0) {
			s->in_is = true;
			s->has_is = true;
			vt_buf_reset(&s->is);
		} else if (s->in_is && strcmp(ln, "rPh") == 0) {
			s->rph++;
		} else if (s->in_is && !s->rph && strcmp(ln, "t") == 0) {
			s->capture = CAP_T;
		}
		return;
	}
	if (strcmp(ln, "row") == 0)
		sheet_row_start(s, atts);
	else if (strcmp(ln, "c") == 0)
		sheet_cell_start(s, atts);
}

static void sheet_end(void *ud, const char *ln)
{
	struct sheet_ctx *s = ud;

	if (!s->in_data)
		return;
	if (s->in_cell) {
		if (strcmp(ln, "v") == 0 || strcmp(ln, "t") == 0)
			s->capture = CAP_NONE;
		else if (strcmp(ln, "rPh") == 0 && s->rph)
			s->rph--;
		else if (strcmp(ln, "is") == 0)
			s->in_is = false;
		else if (strcmp(ln, "c") == 0)
			sheet_cell_end(s);
		return;
	}
	if (strcmp(ln, "sheetData") == 0)
		s->in_data = false;
}

static void sheet_text(void *ud, const XML_Char *text, int len)
{
	struct sheet_ctx *s = ud;
	enum vt_err result;
	char ref[8];

	if (s->base.result || s->capture == CAP_NONE)
		return;
	result = vt_buf_add(s->capture == CAP_V ? &s->v : &s->is, text,
			    (size_t)len);
	if (result) {
		vt_column_letters(s->col, ref);
		if (result == VT_ETOOBIG)
			ctx_fail(&s->base, VT_EINVAL,
				 "cell %s%ld: text longer than %d characters",
				 ref, s->row, XLSX_TEXT_CHARS);
		else
			ctx_fail(&s->base, result, "out of memory");
	}
}

enum vt_err vt_xlsx_read_sheet(struct vt_xlsx *x, const char *name,
			       vt_xlsx_cell_fn fn, void *arg)
{
	const struct xlsx_sheet *sh = NULL;
	struct sheet_ctx s;
	enum vt_err result;
	zip_uint64_t idx;
	size_t i;

	if (!x || !name || !fn)
		return VT_EINVAL;
	if (!x->zip)
		return VT_EINVAL;	/* refused at open; keep its message */
	for (i = 0; i < x->nsheets && !sh; i++)
		if (strcmp(x->sheets[i].name, name) == 0)
			sh = &x->sheets[i];
	if (!sh) {
		xlsx_fail(x, "no sheet named '%s'", name);
		return VT_ENOTFOUND;
	}
	if (!sh->part) {
		xlsx_fail(x, "sheet '%s': the workbook does not say where it "
			  "is (relationship '%s')", sh->name, sh->rid);
		return VT_EINVAL;
	}
	if (!part_locate(x, sh->part, &idx)) {
		xlsx_fail(x, "sheet '%s': %s is missing", sh->name, sh->part);
		return VT_EINVAL;
	}
	memset(&s, 0, sizeof(s));
	s.base.x = x;
	s.sheet = sh->name;
	s.fn = fn;
	s.arg = arg;
	vt_buf_init(&s.v, XLSX_MAX_TEXT);
	vt_buf_init(&s.is, XLSX_MAX_TEXT);
	vt_buf_init(&s.text, XLSX_MAX_TEXT);
	result = part_parse(&s.base, sh->part, idx, sheet_start, sheet_end,
			    sheet_text);
	if (s.stopped)
		result = s.stopped;
	vt_buf_release(&s.v);
	vt_buf_release(&s.is);
	vt_buf_release(&s.text);
	return result;
}

/* ------------------------------------------------------------------ */
/* Opening                                                             */

/* "_rels/.rels" for "", "xl/_rels/workbook.xml.rels" for the workbook. */
static enum vt_err rels_name(const char *part, char **name, char **dir)
{
	const char *slash = strrchr(part, '/');
	size_t dlen = slash ? (size_t)(slash - part) + 1 : 0;
	struct vt_buf b = VT_BUF_INIT(XLSX_MAX_NAME * 2);
	enum vt_err result;
	char *d, *n;

	result = vt_buf_add(&b, part, dlen);
	if (result == VT_OK)
		result = vt_buf_addf(&b, "_rels/%s.rels", part + dlen);
	if (result)
		goto out;
	d = copy_n(part, dlen);
	n = vt_buf_detach(&b);
	if (!d || !n) {
		free(d);
		free(n);
		result = VT_ENOMEM;
		goto out;
	}
	*dir = d;
	*name = n;
out:
	vt_buf_release(&b);
	return result;
}

/*
 * Reads the optional part of relationship 'type' (or, with none, at
 * its usual place) with 'read'.
 */
static enum vt_err read_optional(struct vt_xlsx *x, const struct rels_ctx *r,
				 const char *type, const char *dir,
				 const char *usual,
				 enum vt_err (*read)(struct vt_xlsx *,
						     const char *,
						     zip_uint64_t))
{
	const struct rel *rel = rel_by_type(r, type);
	struct vt_buf b = VT_BUF_INIT(XLSX_MAX_NAME * 2);
	enum vt_err result;
	zip_uint64_t idx;

	if (rel) {
		result = vt_buf_adds(&b, rel->target);
	} else {
		result = vt_buf_adds(&b, dir);
		if (result == VT_OK)
			result = vt_buf_adds(&b, usual);
	}
	if (result) {
		xlsx_fail(x, "out of memory");
		result = VT_ENOMEM;
		goto out;
	}
	if (part_locate(x, vt_buf_str(&b), &idx))
		result = read(x, vt_buf_str(&b), idx);
out:
	vt_buf_release(&b);
	return result;
}

static enum vt_err xlsx_load(struct vt_xlsx *x)
{
	struct rels_ctx root, wbr;
	struct wb_ctx wb;
	const struct rel *rel;
	struct rel key;
	char *wb_part = NULL, *rels = NULL, *dir = NULL;
	enum vt_err result;
	zip_uint64_t idx;
	size_t i;

	memset(&wbr, 0, sizeof(wbr));
	/* The package says where its workbook is; Excel's place if not. */
	result = rels_read(x, "_rels/.rels", "", &root);
	if (result == VT_OK) {
		rel = rel_by_type(&root, "officeDocument");
		wb_part = copy_n(rel ? rel->target : "xl/workbook.xml",
				 strlen(rel ? rel->target
					    : "xl/workbook.xml"));
		if (!wb_part)
			result = VT_ENOMEM;
	}
	rels_release(root.v, root.n);
	if (result)
		goto out;
	if (!part_locate(x, wb_part, &idx)) {
		xlsx_fail(x, "not an Excel workbook: %s is missing", wb_part);
		result = VT_EINVAL;
		goto out;
	}
	memset(&wb, 0, sizeof(wb));
	wb.base.x = x;
	result = part_parse(&wb.base, wb_part, idx, wb_start, wb_end, NULL);
	if (result)
		goto out;

	result = rels_name(wb_part, &rels, &dir);
	if (result)
		goto out;
	result = rels_read(x, rels, dir, &wbr);
	if (result)
		goto out;
	if (wbr.n)
		qsort(wbr.v, wbr.n, sizeof(*wbr.v), rel_cmp);
	for (i = 0; i < x->nsheets; i++) {
		key.id = x->sheets[i].rid;
		rel = wbr.n ? bsearch(&key, wbr.v, wbr.n, sizeof(*wbr.v),
				      rel_cmp)
			    : NULL;
		if (!rel)
			continue;
		x->sheets[i].part = copy_n(rel->target, strlen(rel->target));
		if (!x->sheets[i].part) {
			result = VT_ENOMEM;
			goto out;
		}
	}
	result = read_optional(x, &wbr, "sharedStrings", dir,
			       "sharedStrings.xml", sst_read);
	if (result)
		goto out;
	result = read_optional(x, &wbr, "styles", dir, "styles.xml",
			       styles_read);
out:
	if (result == VT_ENOMEM)
		xlsx_fail(x, "out of memory");
	rels_release(wbr.v, wbr.n);
	free(wb_part);
	free(rels);
	free(dir);
	return result;
}

static const unsigned char cfb_magic[4] = { 0xd0, 0xcf, 0x11, 0xe0 };

static void fail_cfb(struct vt_xlsx *x)
{
	xlsx_fail(x, "password-protected or .xls: save it as an Excel "
		  "workbook (.xlsx)");
}

static void fail_zip(struct vt_xlsx *x, zip_error_t *ze)
{
	if (zip_error_code_zip(ze) == ZIP_ER_NOZIP)
		xlsx_fail(x, "not an Excel workbook (not a zip archive)");
	else
		xlsx_fail(x, "not an Excel workbook (damaged zip archive: "
			  "%s)", zip_error_strerror(ze));
}

static struct vt_xlsx *xlsx_new(zip_uint64_t size)
{
	struct vt_xlsx *x = calloc(1, sizeof(*x));

	if (!x)
		return NULL;
	x->chunk_alloc = 2 * XLSX_CHUNK;
	x->chunk = malloc(x->chunk_alloc);
	if (!x->chunk) {
		free(x);
		return NULL;
	}
	snprintf(x->err, sizeof(x->err), "no error");
	x->budget = XLSX_MIN_BUDGET;
	if (size < UINT64_MAX / VT_XLSX_MAX_RATIO &&
	    size * VT_XLSX_MAX_RATIO > x->budget)
		x->budget = size * VT_XLSX_MAX_RATIO;
	return x;
}

/* After a refusal the zip is let go: only the message stays useful. */
static enum vt_err xlsx_finish_open(struct vt_xlsx *x, enum vt_err result)
{
	if (result && x->zip) {
		zip_discard(x->zip);
		x->zip = NULL;
	}
	return result;
}

enum vt_err vt_xlsx_open_mem(const void *data, size_t len,
			     struct vt_xlsx **out)
{
	zip_source_t *src;
	struct vt_xlsx *x;
	enum vt_err result;
	zip_error_t ze;

	if (!out || (!data && len))
		return VT_EINVAL;
	*out = NULL;
	x = xlsx_new(len);
	if (!x)
		return VT_ENOMEM;
	*out = x;
	if (len >= sizeof(cfb_magic) &&
	    memcmp(data, cfb_magic, sizeof(cfb_magic)) == 0) {
		fail_cfb(x);
		return VT_EINVAL;
	}
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		xlsx_fail(x, "out of memory");
		return VT_ENOMEM;
	}
	x->zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!x->zip) {
		zip_source_free(src);
		fail_zip(x, &ze);
		zip_error_fini(&ze);
		return VT_EINVAL;
	}
	zip_error_fini(&ze);
	result = xlsx_load(x);
	return xlsx_finish_open(x, result);
}

enum vt_err vt_xlsx_open_file(const char *path, struct vt_xlsx **out)
{
	unsigned char head[sizeof(cfb_magic)];
	struct vt_xlsx *x;
	enum vt_err result;
	zip_error_t ze;
	long size = 0;
	size_t n = 0;
	FILE *f;
	int code;

	if (!out || !path)
		return VT_EINVAL;
	*out = NULL;
	f = fopen(path, "rb");
	if (f) {
		n = fread(head, 1, sizeof(head), f);
		if (fseek(f, 0, SEEK_END) == 0)
			size = ftell(f);
		fclose(f);
	}
	x = xlsx_new(size > 0 ? (zip_uint64_t)size : 0);
	if (!x)
		return VT_ENOMEM;
	*out = x;
	if (n == sizeof(head) && memcmp(head, cfb_magic, n) == 0) {
		fail_cfb(x);
		return VT_EINVAL;
	}
	x->zip = zip_open(path, ZIP_RDONLY, &code);
	if (!x->zip) {
		zip_error_init_with_code(&ze, code);
		if (code == ZIP_ER_NOENT || code == ZIP_ER_OPEN ||
		    code == ZIP_ER_READ) {
			xlsx_fail(x, "cannot open '%s': %s", path,
				  zip_error_strerror(&ze));
			result = VT_EIO;
		} else {
			fail_zip(x, &ze);
			result = VT_EINVAL;
		}
		zip_error_fini(&ze);
		return result;
	}
	result = xlsx_load(x);
	return xlsx_finish_open(x, result);
}

const char *vt_xlsx_error(const struct vt_xlsx *x)
{
	return x ? x->err : "out of memory";
}

size_t vt_xlsx_sheet_count(const struct vt_xlsx *x)
{
	return x && x->zip ? x->nsheets : 0;
}

const char *vt_xlsx_sheet_name(const struct vt_xlsx *x, size_t i)
{
	return x && x->zip && i < x->nsheets ? x->sheets[i].name : NULL;
}

bool vt_xlsx_sheet_hidden(const struct vt_xlsx *x, size_t i)
{
	return x && x->zip && i < x->nsheets && x->sheets[i].hidden;
}

void vt_xlsx_close(struct vt_xlsx *x)
{
	size_t i;

	if (!x)
		return;
	if (x->zip)
		zip_discard(x->zip);
	for (i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
		free(x->sheets[i].part);
	}
	free(x->sheets);
	free(x->strings);
	free(x->str_off);
	free(x->xf_date);
	free(x->chunk);
	free(x);
}
