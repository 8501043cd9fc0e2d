/* The DfE's CIN census XML, streamed through expat: one child at a time becomes case records. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <sodium.h>

#include "io/codelists.h"
#include "io/xmllex.h"
#include "vitals/extract.h"
#include "vitals/strparse.h"

/* Bytes read at a time; fuzzing builds shrink it to reach the edges. */
#ifndef CIN_CHUNK
#define CIN_CHUNK (64u * 1024)
#endif

/*
 * One tag, comment or reference may be this long: real ones are tiny,
 * and this bounds what an unfinished one holds in memory.
 */
#define CIN_MAX_TOKEN (1024u * 1024)

/* The census nests eight deep; anything far deeper is hostile. */
#define CIN_MAX_DEPTH 64

/* The longest value kept of an element; the schema's are all short. */
#define CIN_TEXT_MAX 256

/* A value quoted in a message is cut to this. */
#define CIN_QUOTE_MAX 40

/* Expat joins a namespace URI and a local name with this. */
#define CIN_NS_SEP '\x01'

/* ------------------------------------------------------------------ */
/* The schema's elements, known by their parent                        */

enum el {
	EL_OTHER,		/* not read (a newer or an unknown element) */
	EL_MESSAGE,
	EL_HEADER,
	EL_COLLDET,
	EL_COLLECTION,
	EL_REFERENCE,
	EL_SOURCE,
	EL_LEA,
	EL_CHILDREN,
	EL_CHILD,
	EL_IDS,
	EL_LACHILDID,
	EL_UPN,
	EL_FORMERUPN,
	EL_UPNUNKNOWN,
	EL_BIRTH,
	EL_EXPBIRTH,
	EL_DEATH,
	EL_CIN,
	EL_CIN_REFERRAL,
	EL_CIN_SOURCE,
	EL_CIN_NEED,
	EL_CIN_CLOSURE,
	EL_CIN_REASON,
	EL_CIN_ICPC,
	EL_CIN_NFA,
	EL_ASS,
	EL_ASS_START,
	EL_ASS_REVIEW,
	EL_ASS_AUTH,
	EL_PLAN,
	EL_PLAN_START,
	EL_PLAN_END,
	EL_S47,
	EL_S47_START,
	EL_S47_TARGET,
	EL_S47_ICPC,
	EL_S47_NOTREQ,
	EL_CPP,
	EL_CPP_START,
	EL_CPP_END,
	EL_CPP_INITIAL,
	EL_CPP_LATEST,
	EL_CPP_REVIEWS,
	EL_CPP_REVIEW,
	EL__MAX
};

/* How an element's value is checked. */
enum check {
	CK_NONE,
	CK_DATE,	/* YYYY-MM-DD, a real day */
	CK_CODE,	/* one of its code list */
	CK_YESNO,	/* true, false, 1, 0 (TRUE, FALSE too) */
	CK_UPN,		/* a letter, 11 digits and a digit or a letter */
	CK_LEA,		/* three digits */
};

static const char *const codes_closure[] = {
	"RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9", NULL
};
static const char *const codes_upn_unknown[] = {
	"UN1", "UN2", "UN3", "UN4", "UN5", "UN6", "UN7", NULL
};
static const char *const codes_collection[] = { "CIN", NULL };

struct el_def {
	enum el parent;
	const char *name;
	enum el id;
	enum check check;
	const char *const *codes;
};

/* The part of the CIN census schema (2024) that is read. */
static const struct el_def el_defs[] = {
	{ EL_MESSAGE, "Header", EL_HEADER, CK_NONE, NULL },
	{ EL_MESSAGE, "Children", EL_CHILDREN, CK_NONE, NULL },
	{ EL_HEADER, "CollectionDetails", EL_COLLDET, CK_NONE, NULL },
	{ EL_HEADER, "Source", EL_SOURCE, CK_NONE, NULL },
	{ EL_COLLDET, "Collection", EL_COLLECTION, CK_CODE,
	  codes_collection },
	{ EL_COLLDET, "ReferenceDate", EL_REFERENCE, CK_DATE, NULL },
	{ EL_SOURCE, "LEA", EL_LEA, CK_LEA, NULL },
	{ EL_CHILDREN, "Child", EL_CHILD, CK_NONE, NULL },
	{ EL_CHILD, "ChildIdentifiers", EL_IDS, CK_NONE, NULL },
	{ EL_CHILD, "CINdetails", EL_CIN, CK_NONE, NULL },
	{ EL_IDS, "LAchildID", EL_LACHILDID, CK_NONE, NULL },
	{ EL_IDS, "UPN", EL_UPN, CK_UPN, NULL },
	{ EL_IDS, "FormerUPN", EL_FORMERUPN, CK_UPN, NULL },
	{ EL_IDS, "UPNunknown", EL_UPNUNKNOWN, CK_CODE, codes_upn_unknown },
	{ EL_IDS, "PersonBirthDate", EL_BIRTH, CK_DATE, NULL },
	{ EL_IDS, "ExpectedPersonBirthDate", EL_EXPBIRTH, CK_DATE, NULL },
	{ EL_IDS, "PersonDeathDate", EL_DEATH, CK_DATE, NULL },
	{ EL_CIN, "CINreferralDate", EL_CIN_REFERRAL, CK_DATE, NULL },
	{ EL_CIN, "ReferralSource", EL_CIN_SOURCE, CK_CODE, vt_codes_source },
	{ EL_CIN, "PrimaryNeedCode", EL_CIN_NEED, CK_CODE, vt_codes_need },
	{ EL_CIN, "CINclosureDate", EL_CIN_CLOSURE, CK_DATE, NULL },
	{ EL_CIN, "ReasonForClosure", EL_CIN_REASON, CK_CODE, codes_closure },
	{ EL_CIN, "DateOfInitialCPC", EL_CIN_ICPC, CK_DATE, NULL },
	{ EL_CIN, "ReferralNFA", EL_CIN_NFA, CK_YESNO, NULL },
	{ EL_CIN, "Assessments", EL_ASS, CK_NONE, NULL },
	{ EL_CIN, "CINPlanDates", EL_PLAN, CK_NONE, NULL },
	{ EL_CIN, "Section47", EL_S47, CK_NONE, NULL },
	{ EL_CIN, "ChildProtectionPlans", EL_CPP, CK_NONE, NULL },
	{ EL_ASS, "AssessmentActualStartDate", EL_ASS_START, CK_DATE, NULL },
	{ EL_ASS, "AssessmentInternalReviewDate", EL_ASS_REVIEW, CK_DATE,
	  NULL },
	{ EL_ASS, "AssessmentAuthorisationDate", EL_ASS_AUTH, CK_DATE, NULL },
	{ EL_PLAN, "CINPlanStartDate", EL_PLAN_START, CK_DATE, NULL },
	{ EL_PLAN, "CINPlanEndDate", EL_PLAN_END, CK_DATE, NULL },
	{ EL_S47, "S47ActualStartDate", EL_S47_START, CK_DATE, NULL },
	{ EL_S47, "InitialCPCtarget", EL_S47_TARGET, CK_DATE, NULL },
	{ EL_S47, "DateOfInitialCPC", EL_S47_ICPC, CK_DATE, NULL },
	{ EL_S47, "ICPCnotRequired", EL_S47_NOTREQ, CK_YESNO, NULL },
	{ EL_CPP, "CPPstartDate", EL_CPP_START, CK_DATE, NULL },
	{ EL_CPP, "CPPendDate", EL_CPP_END, CK_DATE, NULL },
	{ EL_CPP, "InitialCategoryOfAbuse", EL_CPP_INITIAL, CK_CODE,
	  vt_codes_abuse },
	{ EL_CPP, "LatestCategoryOfAbuse", EL_CPP_LATEST, CK_CODE,
	  vt_codes_abuse },
	{ EL_CPP, "Reviews", EL_CPP_REVIEWS, CK_NONE, NULL },
	{ EL_CPP_REVIEWS, "CPPreviewDate", EL_CPP_REVIEW, CK_DATE, NULL },
};

#define N_EL_DEFS (sizeof(el_defs) / sizeof(el_defs[0]))

/*
 * The records made of CINdetails and of its parts: the element, its
 * start and end dates' names, and the kind of record.
 */
struct part_def {
	enum el id;
	const char *name;
	const char *start;
	const char *end;
	enum vt_case_kind kind;
};

static const struct part_def part_defs[] = {
	{ EL_CIN, "CINdetails", "CINreferralDate", "CINclosureDate",
	  VT_CASE_REFERRAL },
	{ EL_ASS, "Assessments", "AssessmentActualStartDate",
	  "AssessmentAuthorisationDate", VT_CASE_ASSESSMENT },
	{ EL_PLAN, "CINPlanDates", "CINPlanStartDate", "CINPlanEndDate",
	  VT_CASE_CIN_PLAN },
	{ EL_CPP, "ChildProtectionPlans", "CPPstartDate", "CPPendDate",
	  VT_CASE_CP_PLAN },
};

/* ------------------------------------------------------------------ */
/* The reader's state: the current child and its current episode only  */

/* A record being read: its dates, codes, and where they were. */
struct part {
	char start[11];
	char end[11];
	bool start_seen;	/* the start date was there (good or bad) */
	char category[VT_CASE_CODE_MAX];
	char initial[VT_CASE_CODE_MAX];
	char source[VT_CASE_CODE_MAX];
	char reason[VT_CASE_CODE_MAX];
	bool nfa;
	long line;		/* of the element's start tag */
	long start_line;	/* of its start date */
	long end_line;		/* of its end date */
};

struct cin {
	XML_Parser parser;
	const char *source;
	const struct vt_pseudo_key *key;
	vt_case_sink sink;
	void *arg;
	struct vt_diagq *diags;
	struct vt_extract_meta meta;
	char reference[11];	/* the header's ReferenceDate, "" unknown */
	enum vt_err result;	/* non-zero once reading must stop */

	int depth;
	unsigned char stack[CIN_MAX_DEPTH + 1];	/* enum el of each level */
	bool saw_children;

	char text[CIN_TEXT_MAX];
	size_t tlen;
	bool tlong;		/* the value was longer than CIN_TEXT_MAX */
	long tline;

	/* The child being read. */
	long child_line;
	bool has_id;
	long id_line;
	bool skip;		/* a CINdetails came before its LAchildID */
	long skip_line;
	char child[VT_CHILD_HASH_HEX + 1];
	char birth_month[8];

	struct part episode;	/* the CINdetails being read */
	struct part sub;	/* its Assessments, CINPlanDates, ... */
};

static void cin_problem(struct cin *c, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void cin_problem(struct cin *c, long line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	(void)vt_diag_add(c->diags, VT_SEV_ERROR, c->source, line, 0, "%s",
			  msg);
}

static void cin_warning(struct cin *c, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Dates that can be read but that a census should not hold. */
static void cin_warning(struct cin *c, long line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	(void)vt_diag_add(c->diags, VT_SEV_WARNING, c->source, line, 0, "%s",
			  msg);
}

static void cin_fatal(struct cin *c, enum vt_err result, long line,
		      const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Refuses the whole file from inside a handler: the problem is placed,
 * the parser stops.  Expat may still make a few calls after a stop, so
 * every handler first checks 'result'.
 */
static void cin_fatal(struct cin *c, enum vt_err result, long line,
		      const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (c->result)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	(void)vt_diag_add(c->diags, VT_SEV_ERROR, c->source, line, 0, "%s",
			  msg);
	c->result = result;
	XML_StopParser(c->parser, XML_FALSE);
}

static long cin_line(const struct cin *c)
{
	return (long)XML_GetCurrentLineNumber(c->parser);
}

/* A value from the file as a message may quote it: short, no controls. */
static void quote(const char *v, char out[CIN_QUOTE_MAX + 4])
{
	size_t i;

	for (i = 0; v[i] && i < CIN_QUOTE_MAX; i++)
		out[i] = ((unsigned char)v[i] < 0x20 || v[i] == 0x7f) ? '?'
									: v[i];
	if (v[i]) {
		memcpy(out + i, "...", 3);
		i += 3;
	}
	out[i] = '\0';
}

static void copy_code(char dst[VT_CASE_CODE_MAX], const char *v)
{
	snprintf(dst, VT_CASE_CODE_MAX, "%s", v);
}

static const struct el_def *el_find(enum el parent, const char *name)
{
	size_t i;

	for (i = 0; i < N_EL_DEFS; i++)
		if (el_defs[i].parent == parent &&
		    strcmp(el_defs[i].name, name) == 0)
			return &el_defs[i];
	return NULL;
}

static const struct el_def *el_def_of(enum el id)
{
	size_t i;

	for (i = 0; i < N_EL_DEFS; i++)
		if (el_defs[i].id == id)
			return &el_defs[i];
	return NULL;
}

static const struct part_def *part_def_of(enum el id)
{
	size_t i;

	for (i = 0; i < sizeof(part_defs) / sizeof(part_defs[0]); i++)
		if (part_defs[i].id == id)
			return &part_defs[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Values                                                              */

static bool is_upn(const char *v)
{
	size_t i;

	if (strlen(v) != 13 || !((v[0] >= 'A' && v[0] <= 'Z') ||
				 (v[0] >= 'a' && v[0] <= 'z')))
		return false;
	for (i = 1; i < 12; i++)
		if (v[i] < '0' || v[i] > '9')
			return false;
	return (v[12] >= '0' && v[12] <= '9') ||
	       (v[12] >= 'A' && v[12] <= 'Z') ||
	       (v[12] >= 'a' && v[12] <= 'z');
}

static bool is_lea(const char *v)
{
	return strlen(v) == 3 && v[0] >= '0' && v[0] <= '9' &&
	       v[1] >= '0' && v[1] <= '9' && v[2] >= '0' && v[2] <= '9';
}

/*
 * Checks the value 'v' of element 'd' by its kind; false (with the
 * problem given) when it is refused.  Identifiers are never quoted.
 */
static bool check_value(struct cin *c, const struct el_def *d, const char *v)
{
	char q[CIN_QUOTE_MAX + 4], list[160];
	struct vt_date date;

	switch (d->check) {
	case CK_NONE:
		return true;
	case CK_DATE:
		if (vt_parse_date(v, &date) == VT_OK)
			return true;
		quote(v, q);
		cin_problem(c, c->tline, "%s '%s' is not a date (YYYY-MM-DD)",
			    d->name, q);
		return false;
	case CK_CODE:
		if (vt_code_listed(v, d->codes))
			return true;
		quote(v, q);
		vt_codes_text(d->codes, list, sizeof(list));
		cin_problem(c, c->tline, "%s '%s' is not one of %s", d->name,
			    q, list);
		return false;
	case CK_YESNO:
		if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0 ||
		    strcmp(v, "1") == 0 || strcmp(v, "0") == 0 ||
		    strcmp(v, "TRUE") == 0 || strcmp(v, "FALSE") == 0)
			return true;
		quote(v, q);
		cin_problem(c, c->tline,
			    "%s '%s' is not one of true, false, 1, 0",
			    d->name, q);
		return false;
	case CK_UPN:
		if (is_upn(v))
			return true;
		cin_problem(c, c->tline,
			    "%s is not a letter, 11 digits and a digit or a "
			    "letter (not shown: it identifies a child)",
			    d->name);
		return false;
	case CK_LEA:
		if (is_lea(v))
			return true;
		quote(v, q);
		cin_problem(c, c->tline,
			    "%s '%s' is not a local authority's three-digit "
			    "code", d->name, q);
		return false;
	}
	return false;
}

/*
 * The period a census covers: the year up to its reference date, from
 * the day after the same date a year before (1 April for 31 March).
 */
static void census_period(struct vt_extract_meta *m, const char *ref)
{
	struct vt_date d;

	if (vt_parse_date(ref, &d))
		return;
	snprintf(m->as_at, sizeof(m->as_at), "%s", ref);
	snprintf(m->to, sizeof(m->to), "%s", ref);
	d.year--;
	if (d.month == 2 && d.day == 29)
		d.day = 28;
	vt_date_from_days(vt_date_to_days(&d) + 1, &d);
	vt_date_format(&d, m->from);
}

/* ------------------------------------------------------------------ */
/* Records                                                             */

/*
 * A record is given as its element ends, so nothing waits in memory: an
 * episode's assessments and plans come before its referral, which needs
 * the closure date and ReferralNFA written after them.  A child whose
 * LAchildID is missing, or comes after its CINdetails, gives none.
 */
static void emit(struct cin *c, enum vt_case_kind kind, const struct part *p)
{
	struct vt_case_record r;
	enum vt_err result;

	if (!c->has_id || c->skip || c->result)
		return;
	memset(&r, 0, sizeof(r));
	r.kind = kind;
	memcpy(r.child, c->child, sizeof(r.child));
	memcpy(r.birth_month, c->birth_month, sizeof(r.birth_month));
	memcpy(r.start, p->start, sizeof(r.start));
	memcpy(r.end, p->end, sizeof(r.end));
	memcpy(r.category, p->category, sizeof(r.category));
	memcpy(r.initial_category, p->initial, sizeof(r.initial_category));
	memcpy(r.source, p->source, sizeof(r.source));
	memcpy(r.reason, p->reason, sizeof(r.reason));
	r.no_further_action = p->nfa;
	r.source_name = c->source;
	r.line = p->line;
	result = c->sink(c->arg, &r);
	if (result)
		cin_fatal(c, result, p->line, "cannot keep the record read: %s",
			  vt_strerror(result));
}

/*
 * Warns of the dates of a record that the census's own rules refuse but
 * that do not stop it being counted: a date past the census's reference
 * date, a part of an episode that starts before its referral.
 */
static void part_warnings(struct cin *c, const struct part_def *d,
			  const struct part *p)
{
	if (c->reference[0] && strcmp(p->start, c->reference) > 0)
		cin_warning(c, p->start_line,
			    "%s '%s' is after the census's ReferenceDate '%s'",
			    d->start, p->start, c->reference);
	if (c->reference[0] && strcmp(p->end, c->reference) > 0)
		cin_warning(c, p->end_line,
			    "%s '%s' is after the census's ReferenceDate '%s'",
			    d->end, p->end, c->reference);
	if (d->id != EL_CIN && c->episode.start[0] &&
	    strcmp(p->start, c->episode.start) < 0)
		cin_warning(c, p->start_line,
			    "%s '%s' is before the episode's CINreferralDate "
			    "'%s'", d->start, p->start, c->episode.start);
}

/* The end of CINdetails or of one of its parts: its record, if whole. */
static void part_end(struct cin *c, enum el id)
{
	const struct part_def *d = part_def_of(id);
	struct part *p = id == EL_CIN ? &c->episode : &c->sub;

	if (!p->start_seen) {
		cin_problem(c, p->line, "%s has no %s", d->name, d->start);
		return;
	}
	if (!p->start[0])
		return;		/* a bad start date, already told */
	if (p->end[0] && strcmp(p->end, p->start) < 0)
		cin_problem(c, p->end_line, "%s '%s' is before %s '%s'",
			    d->end, p->end, d->start, p->start);
	part_warnings(c, d, p);
	if (id == EL_CPP && !p->category[0])
		memcpy(p->category, p->initial, sizeof(p->category));
	if (id == EL_PLAN)
		memcpy(p->category, c->episode.category, sizeof(p->category));
	emit(c, d->kind, p);
}

/* A child's identifiers: the LA child ID becomes its hash at once. */
static void child_id(struct cin *c, const char *v)
{
	if (c->has_id) {
		cin_problem(c, c->tline, "Child has more than one LAchildID");
		return;
	}
	if (!*v) {
		cin_problem(c, c->tline, "LAchildID is empty");
		return;
	}
	if (c->tlong || vt_pseudo_child(c->key, v, c->child)) {
		cin_problem(c, c->tline,
			    "LAchildID is longer than 127 characters");
		return;
	}
	c->has_id = true;
	c->id_line = c->tline;
}

static void child_end(struct cin *c)
{
	if (!c->has_id)
		cin_problem(c, c->child_line,
			    "Child has no LAchildID: its records are left out");
	else if (c->skip)
		cin_problem(c, c->id_line,
			    "LAchildID comes after the child's CINdetails "
			    "(line %ld): its records are left out",
			    c->skip_line);
	sodium_memzero(c->child, sizeof(c->child));
}

/* ------------------------------------------------------------------ */
/* Expat's handlers                                                    */

static const char *local_name(const XML_Char *name)
{
	const char *sep = strrchr(name, CIN_NS_SEP);

	return sep ? sep + 1 : name;
}

/* The value of a leaf, its blanks left out (xs:date and codes collapse). */
static char *leaf_value(struct cin *c)
{
	char *v = c->text;
	size_t n = c->tlen;

	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\n' ||
		     v[n - 1] == '\r'))
		n--;
	v[n] = '\0';
	while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
		v++;
	return v;
}

static void on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct cin *c = ud;
	const struct el_def *d;
	enum el parent, id = EL_OTHER;
	char q[CIN_QUOTE_MAX + 4];
	const char *ln = local_name(name);

	(void)atts;
	if (c->result)
		return;
	c->tlen = 0;
	c->tlong = false;
	c->tline = cin_line(c);
	if (c->depth >= CIN_MAX_DEPTH) {
		cin_fatal(c, VT_EINVAL, c->tline,
			  "elements nested more than %d deep", CIN_MAX_DEPTH);
		return;
	}
	if (c->depth == 0) {
		if (strcmp(ln, "Message") != 0) {
			quote(ln, q);
			cin_fatal(c, VT_EINVAL, c->tline,
				  "not a CIN census: the root element is "
				  "'%s', not Message", q);
			return;
		}
		id = EL_MESSAGE;
	} else {
		parent = (enum el)c->stack[c->depth - 1];
		d = parent == EL_OTHER ? NULL : el_find(parent, ln);
		if (d)
			id = d->id;
	}
	c->stack[c->depth++] = (unsigned char)id;

	switch (id) {
	case EL_CHILDREN:
		c->saw_children = true;
		break;
	case EL_CHILD:
		c->child_line = c->tline;
		c->has_id = false;
		c->skip = false;
		c->child[0] = '\0';
		c->birth_month[0] = '\0';
		break;
	case EL_CIN:
		memset(&c->episode, 0, sizeof(c->episode));
		c->episode.line = c->tline;
		if (!c->has_id && !c->skip) {
			c->skip = true;
			c->skip_line = c->tline;
		}
		break;
	case EL_ASS:
	case EL_PLAN:
	case EL_CPP:
		memset(&c->sub, 0, sizeof(c->sub));
		c->sub.line = c->tline;
		break;
	default:
		break;
	}
}

static void on_text(void *ud, const XML_Char *s, int len)
{
	struct cin *c = ud;
	size_t n = (size_t)len;

	if (c->result || c->tlong)
		return;
	if (n >= sizeof(c->text) - c->tlen) {
		c->tlong = true;
		return;
	}
	memcpy(c->text + c->tlen, s, n);
	c->tlen += n;
}

/* Sets a date of a record being read ("" when it was refused). */
static void set_date(char dst[11], const char *v, bool ok)
{
	if (ok)
		memcpy(dst, v, 11);
	else
		dst[0] = '\0';
}

static void leaf_end(struct cin *c, enum el id)
{
	const struct el_def *d = el_def_of(id);
	const char *v;
	bool ok;

	if (id == EL_LACHILDID) {
		child_id(c, leaf_value(c));
		sodium_memzero(c->text, sizeof(c->text));
		return;
	}
	if (c->tlong) {
		cin_problem(c, c->tline, "%s is longer than %d characters",
			    d->name, CIN_TEXT_MAX - 1);
		return;
	}
	v = leaf_value(c);
	if (!*v)
		return;		/* an empty element is an absent one */
	ok = check_value(c, d, v);
	switch (id) {
	case EL_REFERENCE:
		if (ok && !c->reference[0]) {
			census_period(&c->meta, v);
			memcpy(c->reference, v, sizeof(c->reference));
		}
		break;
	case EL_LEA:
		if (ok && !c->meta.la[0])
			snprintf(c->meta.la, sizeof(c->meta.la), "%s", v);
		break;
	case EL_UPN:
	case EL_FORMERUPN:
		/* Read to be checked only: it goes no further. */
		sodium_memzero(c->text, sizeof(c->text));
		break;
	case EL_BIRTH:
		if (ok && vt_pseudo_birth_month(v, c->birth_month))
			c->birth_month[0] = '\0';
		break;
	case EL_CIN_REFERRAL:
		c->episode.start_seen = true;
		c->episode.start_line = c->tline;
		set_date(c->episode.start, v, ok);
		break;
	case EL_CIN_CLOSURE:
		set_date(c->episode.end, v, ok);
		c->episode.end_line = c->tline;
		break;
	case EL_CIN_SOURCE:
		if (ok)
			copy_code(c->episode.source, v);
		break;
	case EL_CIN_NEED:
		if (ok)
			copy_code(c->episode.category, v);
		break;
	case EL_CIN_REASON:
		if (ok)
			copy_code(c->episode.reason, v);
		break;
	case EL_CIN_NFA:
		c->episode.nfa = ok && (strcmp(v, "1") == 0 ||
					strcmp(v, "true") == 0 ||
					strcmp(v, "TRUE") == 0);
		break;
	case EL_ASS_START:
	case EL_PLAN_START:
	case EL_CPP_START:
		c->sub.start_seen = true;
		c->sub.start_line = c->tline;
		set_date(c->sub.start, v, ok);
		break;
	case EL_ASS_AUTH:
	case EL_PLAN_END:
	case EL_CPP_END:
		set_date(c->sub.end, v, ok);
		c->sub.end_line = c->tline;
		break;
	case EL_CPP_INITIAL:
		if (ok)
			copy_code(c->sub.initial, v);
		break;
	case EL_CPP_LATEST:
		if (ok)
			copy_code(c->sub.category, v);
		break;
	default:
		break;
	}
}

static void on_end(void *ud, const XML_Char *name)
{
	struct cin *c = ud;
	enum el id;

	(void)name;
	if (c->result || c->depth == 0)
		return;
	id = (enum el)c->stack[--c->depth];
	switch (id) {
	case EL_OTHER:
	case EL_HEADER:
	case EL_COLLDET:
	case EL_SOURCE:
	case EL_CHILDREN:
	case EL_IDS:
	case EL_S47:
	case EL_CPP_REVIEWS:
		break;
	case EL_MESSAGE:
		if (!c->saw_children)
			cin_fatal(c, VT_EINVAL, cin_line(c),
				  "not a CIN census: Message has no "
				  "Children");
		break;
	case EL_CHILD:
		child_end(c);
		break;
	case EL_CIN:
	case EL_ASS:
	case EL_PLAN:
	case EL_CPP:
		part_end(c, id);
		break;
	default:
		leaf_end(c, id);
		break;
	}
	c->tlen = 0;
	c->tlong = false;
}

/*
 * A DOCTYPE is where entity definitions live (billion laughs, external
 * entities); the census has none, so any is refused outright.
 */
static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
		       const XML_Char *pubid, int has_internal_subset)
{
	struct cin *c = ud;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	cin_fatal(c, VT_EINVAL, cin_line(c), "a DOCTYPE is not allowed");
}

static void on_entity(void *ud, const XML_Char *name, int is_param,
		      const XML_Char *value, int value_len,
		      const XML_Char *base, const XML_Char *sysid,
		      const XML_Char *pubid, const XML_Char *notation)
{
	struct cin *c = ud;

	(void)name;
	(void)is_param;
	(void)value;
	(void)value_len;
	(void)base;
	(void)sysid;
	(void)pubid;
	(void)notation;
	cin_fatal(c, VT_EINVAL, cin_line(c),
		  "an entity declaration is not allowed");
}

/* ------------------------------------------------------------------ */
/* Feeding                                                             */

static enum vt_err feed(struct cin *c, const char *p, size_t n, bool final)
{
	if (XML_Parse(c->parser, p, (int)n, final) == XML_STATUS_OK)
		return c->result;
	if (c->result)
		return c->result;
	cin_problem(c, cin_line(c), "malformed XML: %s",
		    XML_ErrorString(XML_GetErrorCode(c->parser)));
	c->result = VT_EINVAL;
	return c->result;
}

/*
 * Streams 'f' through the parser a chunk at a time, holding at most one
 * unfinished token besides: memory stays flat whatever the file's size.
 */
static enum vt_err stream(struct cin *c, FILE *f)
{
	struct vt_xml_lexer lx = { VT_LX_TEXT, 0 };
	size_t held = 0, tok = VT_LX_NONE, avail, fed, alloc = 0, na;
	enum vt_err result = VT_OK;
	char *buf = NULL, *nb;
	size_t n;

	for (;;) {
		if (held + CIN_CHUNK > alloc) {
			na = held + CIN_CHUNK;
			nb = realloc(buf, na);
			if (!nb) {
				result = VT_ENOMEM;
				cin_problem(c, 0, "out of memory");
				goto out;
			}
			buf = nb;
			alloc = na;
		}
		n = fread(buf + held, 1, CIN_CHUNK, f);
		if (n == 0) {
			if (ferror(f)) {
				cin_problem(c, 0, "cannot read the file: %s",
					    strerror(errno));
				result = VT_EIO;
				goto out;
			}
			result = feed(c, buf, held, true);
			goto out;
		}
		vt_xml_lex(&lx, buf + held, n, held, &tok);
		avail = held + n;
		fed = tok == VT_LX_NONE ? avail : tok;
		if (fed) {
			result = feed(c, buf, fed, false);
			if (result)
				goto out;
			memmove(buf, buf + fed, avail - fed);
			if (tok != VT_LX_NONE)
				tok = 0;
		}
		held = avail - fed;
		if (held > CIN_MAX_TOKEN) {
			cin_problem(c, cin_line(c),
				    "markup longer than %u KiB",
				    CIN_MAX_TOKEN / 1024);
			result = VT_EINVAL;
			goto out;
		}
	}
out:
	free(buf);
	return result;
}

enum vt_err vt_cin_read(FILE *f, const char *source_name,
			const struct vt_pseudo_key *key,
			struct vt_extract_meta *meta, vt_case_sink sink,
			void *arg, struct vt_diagq *diags)
{
	struct cin *c;
	enum vt_err result;

	/* The state is kept off the stack: it holds a child's hash. */
	c = calloc(1, sizeof(*c));
	if (!c) {
		(void)vt_diag_add(diags, VT_SEV_ERROR, source_name, 0, 0,
				  "out of memory");
		return VT_ENOMEM;
	}
	c->source = source_name;
	c->key = key;
	c->sink = sink;
	c->arg = arg;
	c->diags = diags;
	c->meta = *meta;
	c->meta.format = VT_EXTRACT_CIN;
	c->meta.as_at[0] = c->meta.from[0] = c->meta.to[0] = '\0';
	c->meta.la[0] = '\0';
	c->parser = XML_ParserCreateNS(NULL, CIN_NS_SEP);
	if (!c->parser) {
		cin_problem(c, 0, "out of memory");
		result = VT_ENOMEM;
		goto out;
	}
	XML_SetUserData(c->parser, c);
	XML_SetElementHandler(c->parser, on_start, on_end);
	XML_SetCharacterDataHandler(c->parser, on_text);
	XML_SetStartDoctypeDeclHandler(c->parser, on_doctype);
	XML_SetEntityDeclHandler(c->parser, on_entity);
	XML_SetParamEntityParsing(c->parser, XML_PARAM_ENTITY_PARSING_NEVER);
	result = stream(c, f);
	if (result)
		goto out;
	/* What the header did not say stays as the caller set it. */
	if (!c->meta.to[0]) {
		memcpy(c->meta.as_at, meta->as_at, sizeof(meta->as_at));
		memcpy(c->meta.from, meta->from, sizeof(meta->from));
		memcpy(c->meta.to, meta->to, sizeof(meta->to));
	}
	if (!c->meta.la[0])
		memcpy(c->meta.la, meta->la, sizeof(meta->la));
	*meta = c->meta;
out:
	if (c->parser)
		XML_ParserFree(c->parser);
	sodium_memzero(c, sizeof(*c));
	free(c);
	return result;
}
