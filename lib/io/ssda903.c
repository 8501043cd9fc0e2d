/* The SSDA903 looked-after return's CSV files: episodes become case records, identifiers hashed at the door. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/codelists.h"
#include "vitals/csv.h"
#include "vitals/extract.h"
#include "vitals/strparse.h"

/*
 * A return is a set of files, each known by its header row; only the
 * header (to know each child and its month of birth) and the episodes
 * (the records kept) give anything to the sink.  The others are checked
 * for their children and dates and read no further: names, postcodes and
 * UPNs are never copied out of the reader's buffers.
 */
enum file_kind {
	F_HEADER, F_EPISODES, F_REVIEWS, F_MISSING, F_OC2, F_OC3,
	F_OTHER, F__MAX
};

static const char *const kind_names[F__MAX] = {
	"header", "episodes", "reviews", "missing", "OC2", "OC3", "other",
};

/* The columns a file of each kind must have, the first the one that
   tells it from the others. */
static const char *const kind_columns[F__MAX][14] = {
	[F_HEADER] = { "ETHNIC", "CHILD", "SEX", "DOB", "UPN", "MOTHER",
		       "MC_DOB" },
	[F_EPISODES] = { "DECOM", "CHILD", "RNE", "LS", "CIN", "PLACE",
			 "PLACE_PROVIDER", "DEC", "REC",
			 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN" },
	[F_REVIEWS] = { "REVIEW", "CHILD", "DOB", "REVIEW_CODE" },
	[F_MISSING] = { "MIS_START", "CHILD", "DOB", "MISSING", "MIS_END" },
	[F_OC2] = { "SDQ_SCORE", "CHILD", "DOB" },
	[F_OC3] = { "IN_TOUCH", "CHILD", "DOB", "ACTIV", "ACCOM" },
};

/* The return's other files (adoption, permanence, UASC, social
   workers): known, and not read. */
static const char *const other_columns[] = {
	"DATE_INT", "DATE_PLACED", "PREV_PERM", "DUC", "SW_ID",
};

/* The code lists of the 2024 schema (liia-tools SSDA903_schema_2024). */
static const char *const rne_codes[] = { "S", "L", "P", "T", "U", "B", NULL };
static const char *const rec_codes[] = {
	"X1", "E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45",
	"E46", "E47", "E48", "E5", "E6", "E7", "E9", "E14", "E15", "E16",
	"E17", "E8", NULL,
};

/* The children of the header file: each hash with its month of birth,
   in an open-addressed table (a few thousand in a return). */
struct child {
	char hash[VT_CHILD_HASH_HEX + 1];
	char birth_month[8];
};

struct children {
	struct child *slots;
	size_t cap, n;
};

struct input {
	const char *path;
	const char *name;	/* the file's name, for messages */
	enum file_kind kind;
};

struct reader {
	const struct vt_pseudo_key *key;
	vt_case_sink sink;
	void *arg;
	struct vt_diagq *dq;
	struct children kids;
};

static size_t slot_of(const struct children *c, const char *hash)
{
	size_t h = 0, i;

	/* The hash is uniform already: its first digits will do. */
	for (i = 0; i < 12; i++)
		h = h * 16 + (size_t)(hash[i] <= '9' ? hash[i] - '0'
						       : hash[i] - 'a' + 10);
	h &= c->cap - 1;
	while (c->slots[h].hash[0] && strcmp(c->slots[h].hash, hash))
		h = (h + 1) & (c->cap - 1);
	return h;
}

static struct child *child_find(const struct children *c, const char *hash)
{
	size_t i;

	if (!c->cap)
		return NULL;
	i = slot_of(c, hash);
	return c->slots[i].hash[0] ? &c->slots[i] : NULL;
}

/* Add a child; VT_ECONFLICT when it is there already. */
static enum vt_err child_add(struct children *c, const char *hash,
			     const char *birth_month)
{
	size_t i;

	if ((c->n + 1) * 2 > c->cap) {
		struct children bigger;
		size_t cap = c->cap ? c->cap * 2 : 1024;

		bigger.slots = calloc(cap, sizeof(*bigger.slots));
		if (!bigger.slots)
			return VT_ENOMEM;
		bigger.cap = cap;
		bigger.n = c->n;
		for (i = 0; i < c->cap; i++)
			if (c->slots[i].hash[0])
				bigger.slots[slot_of(&bigger,
						     c->slots[i].hash)] =
					c->slots[i];
		free(c->slots);
		*c = bigger;
	}
	i = slot_of(c, hash);
	if (c->slots[i].hash[0])
		return VT_ECONFLICT;
	memcpy(c->slots[i].hash, hash, sizeof(c->slots[i].hash));
	snprintf(c->slots[i].birth_month, sizeof(c->slots[i].birth_month),
		 "%s", birth_month);
	c->n++;
	return VT_OK;
}

/*
 * A date as the return writes it, dd/mm/yyyy (or ISO, as files cleaned
 * by other tools have it), into ISO.  VT_EINVAL for anything else.
 */
static enum vt_err parse_date(const char *s, char out[11])
{
	struct vt_date d;
	char iso[11];
	size_t i;

	if (strlen(s) != 10)
		return VT_EINVAL;
	if (s[2] == '/' && s[5] == '/') {
		for (i = 0; i < 10; i++)
			if (i != 2 && i != 5 && (s[i] < '0' || s[i] > '9'))
				return VT_EINVAL;
		snprintf(iso, sizeof(iso), "%.4s-%.2s-%.2s", s + 6, s + 3, s);
	} else {
		memcpy(iso, s, sizeof(iso));
	}
	if (vt_parse_date(iso, &d))
		return VT_EINVAL;
	memcpy(out, iso, 11);
	return VT_OK;
}

/* The column of each name a file's kind uses, from its header row. */
struct columns {
	int at[14];
};

static enum file_kind kind_of(const struct vt_csv_record *rec)
{
	size_t i, k, o;

	for (k = 0; k < F_OTHER; k++)
		for (i = 0; i < rec->nfields; i++)
			if (!strcmp(rec->fields[i], kind_columns[k][0]))
				return (enum file_kind)k;
	for (o = 0; o < sizeof(other_columns) / sizeof(*other_columns); o++)
		for (i = 0; i < rec->nfields; i++)
			if (!strcmp(rec->fields[i], other_columns[o]))
				return F_OTHER;
	return F__MAX;
}

/* Map the header row; a missing column is a problem of the file. */
static bool map_columns(struct reader *rd, const struct input *in,
			const struct vt_csv_record *rec, struct columns *cols)
{
	const char *const *names = kind_columns[in->kind];
	bool ok = true;
	size_t c, i;

	for (c = 0; c < 14; c++) {
		cols->at[c] = -1;
		if (!names[c])
			continue;
		for (i = 0; i < rec->nfields; i++)
			if (!strcmp(rec->fields[i], names[c]))
				cols->at[c] = (int)i;
		if (cols->at[c] < 0) {
			vt_diag_add(rd->dq, VT_SEV_ERROR, in->name, rec->line,
				    0, "the %s file has no column '%s'",
				    kind_names[in->kind], names[c]);
			ok = false;
		}
	}
	return ok;
}

static const char *field(const struct vt_csv_record *rec,
			 const struct columns *cols, int c)
{
	int at = cols->at[c];
	const char *s;

	if (at < 0 || (size_t)at >= rec->nfields)
		return "";
	s = rec->fields[at];
	while (*s == ' ')
		s++;
	return s;
}

/*
 * A date column: ISO into 'out' ("" when blank and 'blank_ok').  The
 * value is quoted only where 'show' (never a date of birth).
 */
static bool date_field(struct reader *rd, const struct input *in, long line,
		       const char *name, const char *value, bool blank_ok,
		       bool show, char out[11])
{
	out[0] = '\0';
	if (!*value) {
		if (blank_ok)
			return true;
		vt_diag_add(rd->dq, VT_SEV_ERROR, in->name, line, 0,
			    "%s: missing; a date (dd/mm/yyyy) is needed", name);
		return false;
	}
	if (!parse_date(value, out))
		return true;
	if (show)
		vt_diag_add(rd->dq, VT_SEV_ERROR, in->name, line, 0,
			    "%s: '%s' is not a date (dd/mm/yyyy)", name,
			    value);
	else
		vt_diag_add(rd->dq, VT_SEV_ERROR, in->name, line, 0,
			    "%s: not a date (dd/mm/yyyy)", name);
	return false;
}

static bool code_field(struct reader *rd, const struct input *in, long line,
		       const char *name, const char *value,
		       const char *const *list, bool blank_ok)
{
	char codes[256];

	if ((!*value && blank_ok) || (*value && vt_code_listed(value, list)))
		return true;
	vt_codes_text(list, codes, sizeof(codes));
	if (!*value)
		vt_diag_add(rd->dq, VT_SEV_ERROR, in->name, line, 0,
			    "%s: missing; one of %s is needed", name, codes);
	else
		vt_diag_add(rd->dq, VT_SEV_ERROR, in->name, line, 0,
			    "%s: '%s' is not one of %s", name, value, codes);
	return false;
}

/* The child of a row as its hash; false (said) when it has none. */
static bool child_hash(struct reader *rd, const struct input *in, long line,
		       const char *id, char out[VT_CHILD_HASH_HEX + 1])
{
	if (*id && !vt_pseudo_child(rd->key, id, out))
		return true;
	vt_diag_add(rd->dq, VT_SEV_ERROR, in->name, line, 0,
		    *id ? "CHILD: not an identifier the return allows"
			: "CHILD: missing");
	return false;
}

static enum vt_err header_row(struct reader *rd, const struct input *in,
			      const struct vt_csv_record *rec,
			      const struct columns *cols)
{
	char hash[VT_CHILD_HASH_HEX + 1], dob[11], month[8] = "";
	enum vt_err result;

	if (!child_hash(rd, in, rec->line, field(rec, cols, 1), hash))
		return VT_OK;
	if (date_field(rd, in, rec->line, "DOB", field(rec, cols, 3), false,
		       false, dob) &&
	    vt_pseudo_birth_month(dob, month))
		month[0] = '\0';
	result = child_add(&rd->kids, hash, month);
	if (result == VT_ECONFLICT) {
		vt_diag_add(rd->dq, VT_SEV_ERROR, in->name, rec->line, 0,
			    "CHILD: the same child is in the header file "
			    "twice");
		result = VT_OK;
	}
	memset(dob, 0, sizeof(dob));
	return result;
}

/* Columns of an episode, by their place in kind_columns[F_EPISODES]. */
enum { E_DECOM, E_CHILD, E_RNE, E_LS, E_DEC = 7, E_REC = 8 };

static enum vt_err episode_row(struct reader *rd, const struct input *in,
			       const struct vt_csv_record *rec,
			       const struct columns *cols)
{
	struct vt_case_record r;
	const struct child *kid;
	const char *rne = field(rec, cols, E_RNE), *ls = field(rec, cols, E_LS);
	const char *rec_code = field(rec, cols, E_REC);
	bool ok = true, known;

	memset(&r, 0, sizeof(r));
	r.kind = VT_CASE_CLA_EPISODE;
	r.source_name = in->name;
	r.line = rec->line;
	known = child_hash(rd, in, rec->line, field(rec, cols, E_CHILD),
			   r.child);
	ok = known;
	kid = known ? child_find(&rd->kids, r.child) : NULL;
	if (known && !kid) {
		vt_diag_add(rd->dq, VT_SEV_ERROR, in->name, rec->line, 0,
			    "CHILD: the child of this episode is not in the "
			    "header file");
		ok = false;
	}
	if (kid)
		memcpy(r.birth_month, kid->birth_month, sizeof(r.birth_month));
	ok &= date_field(rd, in, rec->line, "DECOM", field(rec, cols, E_DECOM),
			 false, true, r.start);
	ok &= date_field(rd, in, rec->line, "DEC", field(rec, cols, E_DEC),
			 true, true, r.end);
	if (r.start[0] && r.end[0] && strcmp(r.end, r.start) < 0) {
		vt_diag_add(rd->dq, VT_SEV_ERROR, in->name, rec->line, 0,
			    "DEC: the episode ends (%s) before it starts "
			    "(DECOM %s)", r.end, r.start);
		ok = false;
	}
	ok &= code_field(rd, in, rec->line, "RNE", rne, rne_codes, false);
	ok &= code_field(rd, in, rec->line, "LS", ls, vt_codes_legal, false);
	ok &= code_field(rd, in, rec->line, "REC", rec_code, rec_codes, true);
	if (r.end[0] && !*rec_code) {
		vt_diag_add(rd->dq, VT_SEV_ERROR, in->name, rec->line, 0,
			    "REC: the episode ends (DEC) but gives no "
			    "reason; one of the reasons for ceasing is "
			    "needed");
		ok = false;
	}
	if (!ok)
		return VT_OK;
	snprintf(r.category, sizeof(r.category), "%s", ls);
	snprintf(r.source, sizeof(r.source), "%s", rne);
	snprintf(r.reason, sizeof(r.reason), "%s", rec_code);
	return rd->sink(rd->arg, &r);
}

/* Reviews, missing episodes, OC2 and OC3: their child is in the header
   and their dates are dates; nothing of them is kept. */
static enum vt_err other_row(struct reader *rd, const struct input *in,
			     const struct vt_csv_record *rec,
			     const struct columns *cols)
{
	char hash[VT_CHILD_HASH_HEX + 1], day[11];
	const char *const *names = kind_columns[in->kind];
	size_t c;

	if (!child_hash(rd, in, rec->line, field(rec, cols, 1), hash))
		return VT_OK;
	if (!child_find(&rd->kids, hash))
		vt_diag_add(rd->dq, VT_SEV_ERROR, in->name, rec->line, 0,
			    "CHILD: the child of this row is not in the "
			    "header file");
	for (c = 2; c < 14 && names[c]; c++) {
		bool is_dob = !strcmp(names[c], "DOB");

		if (is_dob || !strcmp(names[c], "MIS_END"))
			(void)date_field(rd, in, rec->line, names[c],
					 field(rec, cols, (int)c), !is_dob,
					 !is_dob, day);
	}
	if (in->kind == F_REVIEWS || in->kind == F_MISSING)
		(void)date_field(rd, in, rec->line, names[0],
				 field(rec, cols, 0), false, true, day);
	return VT_OK;
}

/* The kind of each file, from its header row. */
static enum vt_err classify(struct reader *rd, struct input *in)
{
	struct vt_csv_record rec;
	struct vt_csv *csv = NULL;
	enum vt_err result;
	FILE *f = fopen(in->path, "rb");

	in->kind = F__MAX;
	if (!f) {
		vt_diag_add(rd->dq, VT_SEV_ERROR, in->name, 0, 0,
			    "cannot read it: %s", strerror(errno));
		return VT_EIO;
	}
	result = vt_csv_open(f, NULL, &csv);
	if (!result)
		result = vt_csv_next(csv, &rec);
	if (result == VT_ENOTFOUND) {
		vt_diag_add(rd->dq, VT_SEV_ERROR, in->name, 1, 0,
			    "empty: a file of the SSDA903 return starts with "
			    "its header row");
		result = VT_OK;
	} else if (result == VT_EINVAL || result == VT_ETOOBIG) {
		vt_diag_add(rd->dq, VT_SEV_ERROR, in->name,
			    vt_csv_error_line(csv), 0, "%s",
			    vt_csv_error(csv));
		result = VT_OK;
	} else if (!result) {
		in->kind = kind_of(&rec);
		if (in->kind == F__MAX)
			vt_diag_add(rd->dq, VT_SEV_ERROR, in->name, rec.line,
				    0, "not a file of the SSDA903 return: its "
				    "header row names none of DECOM (episodes), "
				    "ETHNIC (header), REVIEW, MIS_START, "
				    "SDQ_SCORE (OC2), IN_TOUCH (OC3)");
	}
	vt_csv_close(csv);
	fclose(f);
	return result;
}

static enum vt_err read_file(struct reader *rd, const struct input *in)
{
	struct vt_csv_record rec;
	struct vt_csv *csv = NULL;
	struct columns cols;
	enum vt_err result;
	FILE *f = fopen(in->path, "rb");

	if (!f) {
		vt_diag_add(rd->dq, VT_SEV_ERROR, in->name, 0, 0,
			    "cannot read it: %s", strerror(errno));
		return VT_EIO;
	}
	result = vt_csv_open(f, NULL, &csv);
	if (!result)
		result = vt_csv_next(csv, &rec);
	if (!result && !map_columns(rd, in, &rec, &cols))
		goto out;
	while (!result && !(result = vt_csv_next(csv, &rec))) {
		if (rec.nfields == 1 && !rec.fields[0][0])
			continue;	/* a blank line */
		switch (in->kind) {
		case F_HEADER:
			result = header_row(rd, in, &rec, &cols);
			break;
		case F_EPISODES:
			result = episode_row(rd, in, &rec, &cols);
			break;
		default:
			result = other_row(rd, in, &rec, &cols);
			break;
		}
	}
	if (result == VT_ENOTFOUND)
		result = VT_OK;
	if (result == VT_EINVAL || result == VT_ETOOBIG) {
		vt_diag_add(rd->dq, VT_SEV_ERROR, in->name,
			    vt_csv_error_line(csv), 0, "%s",
			    vt_csv_error(csv));
		result = VT_OK;
	}
out:
	vt_csv_close(csv);
	fclose(f);
	return result;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

enum vt_err vt_ssda903_read(const char *const *paths, size_t npaths,
			    const struct vt_pseudo_key *key,
			    struct vt_extract_meta *meta, vt_case_sink sink,
			    void *arg, struct vt_diagq *diags)
{
	struct reader rd;
	struct input *in;
	enum vt_err result = VT_OK;
	size_t i, seen[F__MAX] = { 0 };
	int pass;

	memset(&rd, 0, sizeof(rd));
	rd.key = key;
	(void)meta;
	rd.sink = sink;
	rd.arg = arg;
	rd.dq = diags;
	in = calloc(npaths ? npaths : 1, sizeof(*in));
	if (!in)
		return VT_ENOMEM;
	for (i = 0; i < npaths && !result; i++) {
		in[i].path = paths[i];
		in[i].name = base_name(paths[i]);
		result = classify(&rd, &in[i]);
		if (in[i].kind < F__MAX)
			seen[in[i].kind]++;
	}
	if (!result && npaths && (!seen[F_HEADER] || !seen[F_EPISODES]))
		vt_diag_add(diags, VT_SEV_ERROR, in[0].name, 0, 0,
			    "an SSDA903 return needs its header file and its "
			    "episodes file (known by their header rows: "
			    "ETHNIC, DECOM); %s is missing",
			    seen[F_HEADER] ? "the episodes file"
					   : "the header file");
	/* The header first, so that every row can be checked against it. */
	for (pass = 0; pass < 2 && !result; pass++)
		for (i = 0; i < npaths && !result; i++)
			if (in[i].kind != F__MAX && in[i].kind != F_OTHER &&
			    (in[i].kind == F_HEADER) == (pass == 0))
				result = read_file(&rd, &in[i]);
	/* The files hold no date of their own: 'meta' is left as the
	   caller set it (its as-at date, the year it covers). */
	free(rd.kids.slots);
	free(in);
	return result;
}
