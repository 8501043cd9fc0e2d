/* Unit tests for the CIN census reader: its records, each refusal placed by line, DOCTYPEs, flat memory. */
#define _GNU_SOURCE
#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <cmocka.h>

#include "vitals/buf.h"
#include "vitals/diag.h"
#include "vitals/extract.h"

/*
 * Made-up census documents: identifiers look like the real formats
 * (a UPN is a letter and 12 digits) but name no one.
 */
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

#define HEADER(refdate, lea)                                              \
	"<Header><CollectionDetails><Collection>CIN</Collection>"         \
	"<Year>2024</Year><ReferenceDate>" refdate "</ReferenceDate>"     \
	"</CollectionDetails>\n"                                          \
	"<Source><SourceLevel>L</SourceLevel><LEA>" lea "</LEA>"          \
	"</Source></Header>\n"

static const char valid_xml[] =
	XML_DECL						/* 1 */
	"<Message>\n"						/* 2 */
	HEADER("2024-03-31", "999")				/* 3-4 */
	"<Children>\n"						/* 5 */
	"<Child>\n"						/* 6 */
	"<ChildIdentifiers><LAchildID>TST0000001</LAchildID>"
	"<UPN>A123456789012</UPN><PersonBirthDate>2015-03-27"
	"</PersonBirthDate><GenderCurrent>1</GenderCurrent>"
	"</ChildIdentifiers>\n"					/* 7 */
	"<ChildCharacteristics><Ethnicity>WBRI</Ethnicity>"
	"</ChildCharacteristics>\n"				/* 8 */
	"<CINdetails>\n"					/* 9 */
	"<CINreferralDate>2023-05-02</CINreferralDate>"
	"<ReferralSource>1A</ReferralSource>"
	"<PrimaryNeedCode>N1</PrimaryNeedCode>\n"		/* 10 */
	"<CINclosureDate>2024-01-15</CINclosureDate>"
	"<ReasonForClosure>RC7</ReasonForClosure>\n"		/* 11 */
	"<Assessments>\n"					/* 12 */
	"<AssessmentActualStartDate>2023-05-03"
	"</AssessmentActualStartDate><AssessmentAuthorisationDate>"
	"2023-06-10</AssessmentAuthorisationDate>"
	"<FactorsIdentifiedAtAssessment><AssessmentFactors>2B"
	"</AssessmentFactors></FactorsIdentifiedAtAssessment>\n" /* 13 */
	"</Assessments>\n"					/* 14 */
	"<CINPlanDates><CINPlanStartDate>2023-06-12</CINPlanStartDate>"
	"<CINPlanEndDate>2023-12-01</CINPlanEndDate></CINPlanDates>\n"
								/* 15 */
	"<Section47><S47ActualStartDate>2023-05-04</S47ActualStartDate>"
	"<ICPCnotRequired>false</ICPCnotRequired></Section47>\n" /* 16 */
	"<ReferralNFA>false</ReferralNFA>\n"			/* 17 */
	"<ChildProtectionPlans><CPPstartDate>2023-07-01</CPPstartDate>"
	"<CPPendDate>2023-11-30</CPPendDate>"
	"<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>"
	"<LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse>"
	"<NumberOfPreviousCPP>0</NumberOfPreviousCPP><Reviews>"
	"<CPPreviewDate>2023-09-20</CPPreviewDate></Reviews>"
	"</ChildProtectionPlans>\n"				/* 18 */
	"</CINdetails>\n"					/* 19 */
	"</Child>\n"						/* 20 */
	"<Child>\n"						/* 21 */
	"<ChildIdentifiers><LAchildID>TST0000002</LAchildID>"
	"<UPNunknown>UN1</UPNunknown><ExpectedPersonBirthDate>"
	"2024-06-01</ExpectedPersonBirthDate><GenderCurrent>0"
	"</GenderCurrent></ChildIdentifiers>\n"			/* 22 */
	"<CINdetails><CINreferralDate>2024-02-10</CINreferralDate>"
	"<ReferralSource>5A</ReferralSource>"
	"<ReferralNFA>1</ReferralNFA></CINdetails>\n"		/* 23 */
	"</Child>\n"						/* 24 */
	"<Child>\n"						/* 25 */
	"<ChildIdentifiers><LAchildID>TST0000003</LAchildID>"
	"<PersonBirthDate>2010-11-30</PersonBirthDate>"
	"</ChildIdentifiers>\n"					/* 26 */
	"<CINdetails><CINreferralDate>2022-09-01</CINreferralDate>"
	"<ReferralSource>10</ReferralSource>"
	"<PrimaryNeedCode>N4</PrimaryNeedCode>\n"		/* 27 */
	"<ChildProtectionPlans><CPPstartDate>2022-10-01</CPPstartDate>"
	"<InitialCategoryOfAbuse>PHY</InitialCategoryOfAbuse>"
	"</ChildProtectionPlans>\n"				/* 28 */
	"<ReferralNFA>FALSE</ReferralNFA></CINdetails>\n"	/* 29 */
	"</Child>\n"
	"</Children>\n"
	"</Message>\n";

/* The same first child in another census, its ID written otherwise. */
static const char second_xml[] =
	XML_DECL
	"<Message>\n" HEADER("2023-03-31", "999") "<Children><Child>"
	"<ChildIdentifiers><LAchildID> tst0000001 </LAchildID>"
	"<PersonBirthDate>2015-03-27</PersonBirthDate></ChildIdentifiers>"
	"<CINdetails><CINreferralDate>2022-04-01</CINreferralDate>"
	"<ReferralSource>6</ReferralSource><ReferralNFA>0</ReferralNFA>"
	"</CINdetails></Child></Children></Message>\n";

#define MAX_RECORDS 16

struct records {
	struct vt_case_record r[MAX_RECORDS];
	size_t n;
	enum vt_err fail;	/* what the sink answers */
};

static enum vt_err keep(void *arg, const struct vt_case_record *rec)
{
	struct records *rs = arg;

	if (rs->fail)
		return rs->fail;
	assert_true(rs->n < MAX_RECORDS);
	rs->r[rs->n++] = *rec;
	return VT_OK;
}

static struct vt_pseudo_key key_of(unsigned char fill)
{
	struct vt_pseudo_key k;

	memset(k.bytes, fill, sizeof(k.bytes));
	return k;
}

/* All the problems, one a line. */
static char *diags_text(const struct vt_diagq *q)
{
	struct vt_buf b;
	size_t i;

	vt_buf_init(&b, 1 << 16);
	for (i = 0; i < q->n; i++) {
		assert_int_equal(vt_diag_format(&q->items[i], &b), VT_OK);
		assert_int_equal(vt_buf_addc(&b, '\n'), VT_OK);
	}
	return vt_buf_detach(&b);
}

static enum vt_err read_text(const char *xml, unsigned char fill,
			     struct vt_extract_meta *meta,
			     struct records *rs, struct vt_diagq *q)
{
	struct vt_pseudo_key k = key_of(fill);
	enum vt_err result;
	FILE *f;

	f = fmemopen((void *)xml, strlen(xml), "r");
	assert_non_null(f);
	result = vt_cin_read(f, "cin.xml", &k, meta, keep, rs, q);
	fclose(f);
	return result;
}

static void assert_hex64(const char *s)
{
	size_t i;

	assert_int_equal(strlen(s), VT_CHILD_HASH_HEX);
	for (i = 0; s[i]; i++)
		assert_non_null(strchr("0123456789abcdef", s[i]));
}

static void assert_record(const struct vt_case_record *r,
			  enum vt_case_kind kind, const char *birth,
			  const char *start, const char *end, const char *cat,
			  const char *initial, const char *source,
			  const char *reason, bool nfa, long line)
{
	assert_int_equal(r->kind, kind);
	assert_hex64(r->child);
	assert_string_equal(r->birth_month, birth);
	assert_string_equal(r->start, start);
	assert_string_equal(r->end, end);
	assert_string_equal(r->category, cat);
	assert_string_equal(r->initial_category, initial);
	assert_string_equal(r->source, source);
	assert_string_equal(r->reason, reason);
	assert_int_equal(r->no_further_action, nfa);
	assert_string_equal(r->source_name, "cin.xml");
	assert_int_equal(r->line, line);
}

static void test_valid(void **state)
{
	struct vt_extract_meta meta = { .format = VT_EXTRACT_ANNEX_A };
	struct records rs = { .n = 0 };
	struct vt_diagq q;
	char *text;

	(void)state;
	vt_diagq_init(&q);
	assert_int_equal(read_text(valid_xml, 7, &meta, &rs, &q), VT_OK);
	text = diags_text(&q);
	assert_string_equal(text, "");
	free(text);
	assert_int_equal(q.errors, 0);

	assert_int_equal(meta.format, VT_EXTRACT_CIN);
	assert_string_equal(meta.as_at, "2024-03-31");
	assert_string_equal(meta.from, "2023-04-01");
	assert_string_equal(meta.to, "2024-03-31");
	assert_string_equal(meta.la, "999");

	/* Each part as it ends; the episode's referral when it ends. */
	assert_int_equal(rs.n, 7);
	assert_record(&rs.r[0], VT_CASE_ASSESSMENT, "2015-03", "2023-05-03",
		      "2023-06-10", "", "", "", "", false, 12);
	assert_record(&rs.r[1], VT_CASE_CIN_PLAN, "2015-03", "2023-06-12",
		      "2023-12-01", "N1", "", "", "", false, 15);
	assert_record(&rs.r[2], VT_CASE_CP_PLAN, "2015-03", "2023-07-01",
		      "2023-11-30", "EMO", "NEG", "", "", false, 18);
	assert_record(&rs.r[3], VT_CASE_REFERRAL, "2015-03", "2023-05-02",
		      "2024-01-15", "N1", "", "1A", "RC7", false, 9);
	/* Only an expected date of birth: no month of birth. */
	assert_record(&rs.r[4], VT_CASE_REFERRAL, "", "2024-02-10", "", "",
		      "", "5A", "", true, 23);
	/* No latest category: the initial one stands for it. */
	assert_record(&rs.r[5], VT_CASE_CP_PLAN, "2010-11", "2022-10-01", "",
		      "PHY", "PHY", "", "", false, 28);
	assert_record(&rs.r[6], VT_CASE_REFERRAL, "2010-11", "2022-09-01", "",
		      "N4", "", "10", "", false, 27);

	/* One child, one hash; each child its own. */
	assert_string_equal(rs.r[0].child, rs.r[3].child);
	assert_string_not_equal(rs.r[3].child, rs.r[4].child);
	assert_string_not_equal(rs.r[4].child, rs.r[6].child);
	assert_string_equal(rs.r[5].child, rs.r[6].child);
	/* Neither the LA child ID nor the UPN is in a record. */
	assert_null(strstr(rs.r[3].child, "0000001"));
	vt_diagq_release(&q);
}

static void test_same_child_across_files(void **state)
{
	struct vt_extract_meta meta = { .format = VT_EXTRACT_CIN };
	struct records a = { .n = 0 }, b = { .n = 0 }, c = { .n = 0 };
	struct vt_diagq q;

	(void)state;
	vt_diagq_init(&q);
	assert_int_equal(read_text(valid_xml, 7, &meta, &a, &q), VT_OK);
	assert_int_equal(read_text(second_xml, 7, &meta, &b, &q), VT_OK);
	assert_int_equal(read_text(second_xml, 8, &meta, &c, &q), VT_OK);
	assert_int_equal(q.errors, 0);
	assert_int_equal(b.n, 1);
	assert_int_equal(c.n, 1);
	assert_string_equal(meta.from, "2022-04-01");
	/* The same key: the same child in both; another key: another. */
	assert_string_equal(a.r[3].child, b.r[0].child);
	assert_string_not_equal(b.r[0].child, c.r[0].child);
	vt_diagq_release(&q);
}

/* Without a header the caller's period and LA stand. */
static void test_no_header_keeps_meta(void **state)
{
	struct vt_extract_meta meta = {
		.format = VT_EXTRACT_CIN, .as_at = "2025-03-31",
		.from = "2024-04-01", .to = "2025-03-31", .la = "888",
	};
	struct records rs = { .n = 0 };
	struct vt_diagq q;

	(void)state;
	vt_diagq_init(&q);
	assert_int_equal(read_text("<Message><Children/></Message>", 7, &meta,
				   &rs, &q), VT_OK);
	assert_int_equal(q.errors, 0);
	assert_int_equal(rs.n, 0);
	assert_string_equal(meta.as_at, "2025-03-31");
	assert_string_equal(meta.from, "2024-04-01");
	assert_string_equal(meta.la, "888");
	vt_diagq_release(&q);
}

/* ------------------------------------------------------------------ */
/* Refusals: each placed by its line                                   */

/* Lines 1-6; a case's body begins on line 7. */
#define DOC_HEAD XML_DECL "<Message>\n" HEADER("2024-03-31", "999") \
	"<Children>\n<Child>\n"
#define DOC_TAIL "</Child>\n</Children>\n</Message>\n"
#define IDS "<ChildIdentifiers><LAchildID>TST0000001</LAchildID>" \
	"</ChildIdentifiers>\n"
#define CIN_OPEN "<CINdetails><CINreferralDate>2023-05-02" \
	"</CINreferralDate><ReferralSource>1A</ReferralSource>\n"
#define CIN_CLOSE "<ReferralNFA>0</ReferralNFA></CINdetails>\n"

struct refusal {
	const char *what;
	const char *xml;
	enum vt_err result;
	const char *expect;	/* every problem, one a line */
};

static const struct refusal refusals[] = {
	{ "a date that is not a real day",
	  DOC_HEAD "<ChildIdentifiers><LAchildID>TST0000001</LAchildID>"
	  "<PersonBirthDate>2015-02-29</PersonBirthDate>"
	  "</ChildIdentifiers>\n" DOC_TAIL, VT_OK,
	  "cin.xml:7: error: PersonBirthDate '2015-02-29' is not a date "
	  "(YYYY-MM-DD)\n" },
	{ "a date in another format",
	  DOC_HEAD IDS CIN_OPEN "<CINclosureDate>01/06/2023</CINclosureDate>\n"
	  CIN_CLOSE DOC_TAIL, VT_OK,
	  "cin.xml:9: error: CINclosureDate '01/06/2023' is not a date "
	  "(YYYY-MM-DD)\n" },
	{ "a category of abuse",
	  DOC_HEAD IDS CIN_OPEN
	  "<ChildProtectionPlans><CPPstartDate>2023-06-01</CPPstartDate>"
	  "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>\n"
	  "<LatestCategoryOfAbuse>NEGL</LatestCategoryOfAbuse>"
	  "</ChildProtectionPlans>\n" CIN_CLOSE DOC_TAIL, VT_OK,
	  "cin.xml:10: error: LatestCategoryOfAbuse 'NEGL' is not one of "
	  "NEG, EMO, PHY, SAB, MUL\n" },
	{ "a referral source",
	  DOC_HEAD IDS "<CINdetails><CINreferralDate>2023-05-02"
	  "</CINreferralDate>\n<ReferralSource>3G</ReferralSource>\n"
	  CIN_CLOSE DOC_TAIL, VT_OK,
	  "cin.xml:9: error: ReferralSource '3G' is not one of 1A, 1B, 1C, "
	  "1D, 2A, 2B, 3A, 3B, 3C, 3D, 3E, 3F, 4, 5A, 5B, 5C, 5D, 6, 7, 8, "
	  "9, 10\n" },
	{ "a primary need code",
	  DOC_HEAD IDS CIN_OPEN "<PrimaryNeedCode>N10</PrimaryNeedCode>\n"
	  CIN_CLOSE DOC_TAIL, VT_OK,
	  "cin.xml:9: error: PrimaryNeedCode 'N10' is not one of N0, N1, "
	  "N2, N3, N4, N5, N6, N7, N8, N9\n" },
	{ "a reason for closure",
	  DOC_HEAD IDS CIN_OPEN "<CINclosureDate>2023-06-01</CINclosureDate>"
	  "\n<ReasonForClosure>RC10</ReasonForClosure>\n" CIN_CLOSE DOC_TAIL,
	  VT_OK,
	  "cin.xml:10: error: ReasonForClosure 'RC10' is not one of RC1, "
	  "RC2, RC3, RC4, RC5, RC6, RC7, RC8, RC9\n" },
	{ "no further action",
	  DOC_HEAD IDS CIN_OPEN "<ReferralNFA>yes</ReferralNFA>"
	  "</CINdetails>\n" DOC_TAIL, VT_OK,
	  "cin.xml:9: error: ReferralNFA 'yes' is not one of true, false, "
	  "1, 0\n" },
	{ "an end before its start",
	  DOC_HEAD IDS CIN_OPEN "<CINPlanDates>\n<CINPlanStartDate>2023-06-12"
	  "</CINPlanStartDate>\n<CINPlanEndDate>2023-06-11</CINPlanEndDate>"
	  "</CINPlanDates>\n" CIN_CLOSE DOC_TAIL, VT_OK,
	  "cin.xml:11: error: CINPlanEndDate '2023-06-11' is before "
	  "CINPlanStartDate '2023-06-12'\n" },
	{ "a closure before its referral",
	  DOC_HEAD IDS CIN_OPEN "<CINclosureDate>2023-05-01</CINclosureDate>"
	  "\n" CIN_CLOSE DOC_TAIL, VT_OK,
	  "cin.xml:9: error: CINclosureDate '2023-05-01' is before "
	  "CINreferralDate '2023-05-02'\n" },
	{ "CINdetails without its referral date",
	  DOC_HEAD IDS "\n<CINdetails><ReferralSource>1A</ReferralSource>\n"
	  CIN_CLOSE DOC_TAIL, VT_OK,
	  "cin.xml:9: error: CINdetails has no CINreferralDate\n" },
	{ "a CP plan without its start",
	  DOC_HEAD IDS CIN_OPEN "<ChildProtectionPlans>"
	  "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>"
	  "</ChildProtectionPlans>\n" CIN_CLOSE DOC_TAIL, VT_OK,
	  "cin.xml:9: error: ChildProtectionPlans has no CPPstartDate\n" },
	{ "a child without its LA child ID",
	  DOC_HEAD "<ChildIdentifiers><UPN>A123456789012</UPN>"
	  "</ChildIdentifiers>\n" CIN_OPEN CIN_CLOSE DOC_TAIL, VT_OK,
	  "cin.xml:6: error: Child has no LAchildID: its records are left "
	  "out\n" },
	{ "a child's LA child ID after its CINdetails",
	  DOC_HEAD CIN_OPEN CIN_CLOSE IDS DOC_TAIL, VT_OK,
	  "cin.xml:9: error: LAchildID comes after the child's CINdetails "
	  "(line 7): its records are left out\n" },
	{ "a UPN, not quoted",
	  DOC_HEAD "<ChildIdentifiers><LAchildID>TST0000001</LAchildID>\n"
	  "<UPN>A12345678901</UPN></ChildIdentifiers>\n" DOC_TAIL, VT_OK,
	  "cin.xml:8: error: UPN is not a letter, 11 digits and a digit or "
	  "a letter (not shown: it identifies a child)\n" },
	{ "the header's local authority",
	  XML_DECL "<Message>\n" HEADER("2024-03-31", "99") "<Children/>"
	  "</Message>\n", VT_OK,
	  "cin.xml:4: error: LEA '99' is not a local authority's three-digit "
	  "code\n" },
	{ "not a CIN census: another root",
	  XML_DECL "<Return>\n<Children/></Return>\n", VT_EINVAL,
	  "cin.xml:2: error: not a CIN census: the root element is 'Return', "
	  "not Message\n" },
	{ "not a CIN census: no children",
	  XML_DECL "<Message>\n" HEADER("2024-03-31", "999") "</Message>\n",
	  VT_EINVAL,
	  "cin.xml:5: error: not a CIN census: Message has no Children\n" },
	{ "malformed XML",
	  DOC_HEAD IDS "<CINdetails>\n</Child>\n</Children>\n</Message>\n",
	  VT_EINVAL, "cin.xml:9: error: malformed XML: mismatched tag\n" },
	{ "no XML at all",
	  "", VT_EINVAL, "cin.xml:1: error: malformed XML: no element found\n" },
	{ "a DOCTYPE with an entity",
	  XML_DECL "<!DOCTYPE Message [\n<!ENTITY lol \"lol\">\n]>\n"
	  "<Message><Children/></Message>\n", VT_EINVAL,
	  "cin.xml:2: error: a DOCTYPE is not allowed\n" },
	{ "an external entity (XXE)",
	  XML_DECL "<!DOCTYPE Message SYSTEM \"file:///etc/passwd\">\n"
	  "<Message><Children>&xxe;</Children></Message>\n", VT_EINVAL,
	  "cin.xml:2: error: a DOCTYPE is not allowed\n" },
	{ "several problems, all found",
	  DOC_HEAD IDS CIN_OPEN "<PrimaryNeedCode>N10</PrimaryNeedCode>\n"
	  "<CINclosureDate>2023-13-01</CINclosureDate>\n"
	  CIN_CLOSE "</Child>\n<Child>\n" IDS CIN_OPEN
	  "<ReasonForClosure>RC0</ReasonForClosure>\n" CIN_CLOSE DOC_TAIL,
	  VT_OK,
	  "cin.xml:9: error: PrimaryNeedCode 'N10' is not one of N0, N1, "
	  "N2, N3, N4, N5, N6, N7, N8, N9\n"
	  "cin.xml:10: error: CINclosureDate '2023-13-01' is not a date "
	  "(YYYY-MM-DD)\n"
	  "cin.xml:16: error: ReasonForClosure 'RC0' is not one of RC1, "
	  "RC2, RC3, RC4, RC5, RC6, RC7, RC8, RC9\n" },
};

static void test_refusals(void **state)
{
	struct vt_extract_meta meta;
	struct records rs;
	struct vt_diagq q;
	enum vt_err result;
	size_t i;
	char *text;

	(void)state;
	for (i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
		memset(&meta, 0, sizeof(meta));
		memset(&rs, 0, sizeof(rs));
		vt_diagq_init(&q);
		result = read_text(refusals[i].xml, 7, &meta, &rs, &q);
		text = diags_text(&q);
		if (result != refusals[i].result ||
		    strcmp(text, refusals[i].expect) != 0)
			print_error("case '%s': got %s:\n%s", refusals[i].what,
				    vt_strerror(result), text);
		assert_int_equal(result, refusals[i].result);
		assert_string_equal(text, refusals[i].expect);
		assert_true(q.errors > 0);
		/* A refused file leaves the caller's period as it was. */
		if (result)
			assert_string_equal(meta.as_at, "");
		free(text);
		vt_diagq_release(&q);
	}
}

/*
 * Dates the census's rules refuse but that can still be counted are
 * warnings: the records are given, and no error stops the import.
 */
static void test_warnings(void **state)
{
	struct vt_extract_meta meta = { .format = VT_EXTRACT_CIN };
	struct records rs = { .n = 0 };
	struct vt_diagq q;
	char *text;

	(void)state;
	vt_diagq_init(&q);
	assert_int_equal(read_text(DOC_HEAD IDS CIN_OPEN
				   "<Assessments><AssessmentActualStartDate>"
				   "2023-04-28</AssessmentActualStartDate>\n"
				   "<AssessmentAuthorisationDate>2024-04-02"
				   "</AssessmentAuthorisationDate>"
				   "</Assessments>\n" CIN_CLOSE DOC_TAIL, 7,
				   &meta, &rs, &q), VT_OK);
	text = diags_text(&q);
	assert_string_equal(text,
			    "cin.xml:10: warning: AssessmentAuthorisationDate "
			    "'2024-04-02' is after the census's ReferenceDate "
			    "'2024-03-31'\n"
			    "cin.xml:9: warning: AssessmentActualStartDate "
			    "'2023-04-28' is before the episode's "
			    "CINreferralDate '2023-05-02'\n");
	assert_int_equal(q.errors, 0);
	assert_int_equal(rs.n, 2);
	assert_int_equal(rs.r[0].kind, VT_CASE_ASSESSMENT);
	assert_string_equal(rs.r[0].end, "2024-04-02");
	free(text);
	vt_diagq_release(&q);
}

/* Children without LAchildID give no records at all. */
static void test_child_without_id_gives_nothing(void **state)
{
	struct vt_extract_meta meta = { .format = VT_EXTRACT_CIN };
	struct records rs = { .n = 0 };
	struct vt_diagq q;

	(void)state;
	vt_diagq_init(&q);
	assert_int_equal(read_text(DOC_HEAD CIN_OPEN CIN_CLOSE IDS DOC_TAIL, 7,
				   &meta, &rs, &q), VT_OK);
	assert_int_equal(rs.n, 0);
	assert_int_equal(q.errors, 1);
	vt_diagq_release(&q);
}

/* A sink's error stops the reading and is returned, placed. */
static void test_sink_error(void **state)
{
	struct vt_extract_meta meta = { .format = VT_EXTRACT_CIN };
	struct records rs = { .n = 0, .fail = VT_EDB };
	struct vt_diagq q;
	char *text;

	(void)state;
	vt_diagq_init(&q);
	assert_int_equal(read_text(valid_xml, 7, &meta, &rs, &q), VT_EDB);
	text = diags_text(&q);
	assert_non_null(strstr(text, "cin.xml:12: error: cannot keep the "
				     "record read: "));
	assert_int_equal(q.n, 1);
	free(text);
	vt_diagq_release(&q);
}

static void test_deep_nesting(void **state)
{
	struct vt_extract_meta meta = { .format = VT_EXTRACT_CIN };
	struct records rs = { .n = 0 };
	struct vt_diagq q;
	char *xml, *text;
	size_t i, len = 0;

	(void)state;
	xml = malloc(200 * 3 + 64);
	assert_non_null(xml);
	len += (size_t)snprintf(xml, 64, "<Message>\n");
	for (i = 0; i < 200; i++) {
		memcpy(xml + len, "<a>", 3);
		len += 3;
	}
	xml[len] = '\0';
	vt_diagq_init(&q);
	assert_int_equal(read_text(xml, 7, &meta, &rs, &q), VT_EINVAL);
	text = diags_text(&q);
	assert_string_equal(text, "cin.xml:2: error: elements nested more "
				  "than 64 deep\n");
	free(text);
	free(xml);
	vt_diagq_release(&q);
}

/* ------------------------------------------------------------------ */
/* Memory: a census of many children streams through in flat memory    */

#define MANY_CHILDREN 200000L

/* A census made as it is read: no file, no copy of it in memory. */
struct gen {
	long child;		/* the next child to write; -1 the head */
	char buf[1024];
	size_t len;
	size_t pos;
	bool done;
};

static void gen_next(struct gen *g)
{
	int n;

	if (g->child < 0) {
		n = snprintf(g->buf, sizeof(g->buf),
			     XML_DECL "<Message>\n" HEADER("2024-03-31", "999")
			     "<Children>\n");
	} else if (g->child < MANY_CHILDREN) {
		n = snprintf(g->buf, sizeof(g->buf),
			     "<Child><ChildIdentifiers><LAchildID>TST%07ld"
			     "</LAchildID><PersonBirthDate>2015-03-27"
			     "</PersonBirthDate></ChildIdentifiers>\n"
			     "<CINdetails><CINreferralDate>2023-05-02"
			     "</CINreferralDate><ReferralSource>1A"
			     "</ReferralSource><Assessments>"
			     "<AssessmentActualStartDate>2023-05-03"
			     "</AssessmentActualStartDate></Assessments>"
			     "<ReferralNFA>0</ReferralNFA></CINdetails>"
			     "</Child>\n", g->child);
	} else if (g->child == MANY_CHILDREN) {
		n = snprintf(g->buf, sizeof(g->buf),
			     "</Children>\n</Message>\n");
	} else {
		g->done = true;
		n = 0;
	}
	g->len = (size_t)n;
	g->pos = 0;
	g->child++;
}

static ssize_t gen_read(void *cookie, char *out, size_t size)
{
	struct gen *g = cookie;
	size_t n = 0, k;

	while (n < size) {
		if (g->pos == g->len) {
			gen_next(g);
			if (g->done)
				break;
		}
		k = g->len - g->pos;
		if (k > size - n)
			k = size - n;
		memcpy(out + n, g->buf + g->pos, k);
		g->pos += k;
		n += k;
	}
	return (ssize_t)n;
}

/*
 * The bytes the process holds from malloc: the sanitizer's allocator
 * under AddressSanitizer, glibc's arenas otherwise.
 */
#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif

#ifdef HAVE_ASAN
size_t __sanitizer_get_current_allocated_bytes(void);

static size_t heap_in_use(void)
{
	return __sanitizer_get_current_allocated_bytes();
}
#else
static size_t heap_in_use(void)
{
	struct mallinfo2 mi = mallinfo2();

	return mi.uordblks + mi.hblkhd;
}
#endif

struct counting {
	long records;
	size_t base;		/* in use once the reading had begun */
	size_t peak;		/* the most in use after that */
};

static enum vt_err count(void *arg, const struct vt_case_record *rec)
{
	struct counting *c = arg;
	size_t now;

	assert_int_equal(strlen(rec->child), VT_CHILD_HASH_HEX);
	c->records++;
	if (c->records % 512 != 0)
		return VT_OK;
	now = heap_in_use();
	if (c->records == 1024)
		c->base = now;
	if (c->records > 1024 && now > c->peak)
		c->peak = now;
	return VT_OK;
}

static void test_memory_flat(void **state)
{
	cookie_io_functions_t io = { .read = gen_read };
	struct vt_extract_meta meta = { .format = VT_EXTRACT_CIN };
	struct vt_pseudo_key k = key_of(3);
	struct counting c = { 0, 0, 0 };
	struct gen g = { .child = -1 };
	struct vt_diagq q;
	FILE *f;

	(void)state;
	f = fopencookie(&g, "r", io);
	assert_non_null(f);
	vt_diagq_init(&q);
	assert_int_equal(vt_cin_read(f, "many.xml", &k, &meta, count, &c, &q),
			 VT_OK);
	fclose(f);
	assert_int_equal(q.errors, 0);
	assert_true(g.done);
	/* A referral and an assessment of each child, every one. */
	assert_int_equal(c.records, 2 * MANY_CHILDREN);
	/*
	 * From the first thousand records to the last 400,000, what the
	 * reader holds does not grow: a few KiB of slack, for the sink's
	 * own sampling and the allocator's rounding, against the ~60 MB
	 * the census is.
	 */
	print_message("heap in use: %zu at record 1024, at most %zu after\n",
		      c.base, c.peak);
	assert_true(c.base > 0);
	assert_true(c.peak <= c.base + 16 * 1024);
	vt_diagq_release(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_same_child_across_files),
		cmocka_unit_test(test_no_header_keeps_meta),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_warnings),
		cmocka_unit_test(test_child_without_id_gives_nothing),
		cmocka_unit_test(test_sink_error),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_memory_flat),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
