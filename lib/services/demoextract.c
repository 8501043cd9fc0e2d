/* The demo's synthetic CIN census: made-up children's referrals, assessments and plans, written as the DfE's XML. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "vitals/demoextract.h"
#include "vitals/strparse.h"

const char *const vt_demo_cin_dates[] = {
	"2024-09-30", "2025-09-30", "2026-09-30", NULL
};

/* The generator's own seed: the demo is the same every time. */
#define DEMO_SEED UINT64_C(0x5eed0f0d3e3a7c21)

/* A child has at most this many referrals. */
#define DEMO_EPISODES 3

/* The local authority code of the made-up census: no real authority's. */
#define DEMO_LA "999"

/* splitmix64 (Steele, Lea and Flood): small, fast, fixed. */
static uint64_t next(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A whole number from lo to hi, both included. */
static long between(uint64_t *state, long lo, long hi)
{
	return lo + (long)(next(state) % (uint64_t)(hi - lo + 1));
}

/* True 'percent' times in a hundred. */
static bool chance(uint64_t *state, int percent)
{
	return (int)(next(state) % 100) < percent;
}

static const char *pick(uint64_t *state, const char *const *codes,
			size_t n)
{
	return codes[next(state) % n];
}

static const char *const sources[] = {
	"1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E",
	"3F", "4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10"
};
static const char *const other_needs[] = {
	"N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"
};
static const char *const other_abuse[] = { "EMO", "PHY", "SAB", "MUL" };
static const char *const closures[] = {
	"RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8"
};

/* One referral and what came of it, as days since 1970 (0: none). */
struct episode {
	long referral, closure;
	long assess_start, assess_auth;
	long cin_start, cin_end;
	long cp_start, cp_end;
	long cp2_start, cp2_end;	/* a second plan after the first */
	const char *source, *need, *reason, *abuse, *abuse2;
	bool nfa;
};

struct child {
	long birth;
	int gender;
	size_t n;
	struct episode ep[DEMO_EPISODES];
};

static long day_of(int year, int month, int day)
{
	struct vt_date d = { year, month, day };

	return vt_date_to_days(&d);
}

/* An episode from its referral on: an assessment, then a child in need
   plan, or a child protection plan (likelier for a child referred
   before), sometimes a second one, and a step down after. */
static void make_episode(uint64_t *rng, long referral, bool again,
			 struct episode *e)
{
	long last;

	memset(e, 0, sizeof(*e));
	e->referral = referral;
	e->source = pick(rng, sources, sizeof(sources) / sizeof(*sources));
	e->need = chance(rng, 55) ? "N1" :
		pick(rng, other_needs, sizeof(other_needs) /
		     sizeof(*other_needs));
	if (chance(rng, 12)) {
		e->nfa = true;
		e->closure = referral;
		e->reason = "RC8";
		return;
	}
	e->assess_start = referral + between(rng, 1, 7);
	e->assess_auth = e->assess_start + between(rng, 10, 44);
	last = e->assess_auth;
	if (chance(rng, again ? 50 : 25)) {
		e->cp_start = e->assess_auth + between(rng, 3, 20);
		e->cp_end = e->cp_start + between(rng, 60, 640);
		e->abuse = chance(rng, 62) ? "NEG" :
			pick(rng, other_abuse, sizeof(other_abuse) /
			     sizeof(*other_abuse));
		last = e->cp_end;
		if (chance(rng, 30)) {
			e->cp2_start = e->cp_end + between(rng, 30, 200);
			e->cp2_end = e->cp2_start + between(rng, 90, 400);
			e->abuse2 = chance(rng, 70) ? "NEG" :
				pick(rng, other_abuse, sizeof(other_abuse) /
				     sizeof(*other_abuse));
			last = e->cp2_end;
		}
		if (chance(rng, 50)) {
			e->cin_start = last + 1;
			e->cin_end = e->cin_start + between(rng, 40, 300);
			last = e->cin_end;
		}
	} else if (chance(rng, 50)) {
		e->cin_start = e->assess_auth + between(rng, 1, 10);
		e->cin_end = e->cin_start + between(rng, 40, 520);
		last = e->cin_end;
	}
	e->closure = last + between(rng, 1, 30);
	e->reason = last == e->assess_auth ? "RC8" :
		pick(rng, closures, sizeof(closures) / sizeof(*closures));
}

/*
 * Child 'i' (from 1), the same whatever the census: first referred
 * between October 2022 and September 2026, aged 0 to 16 then.  After a
 * short episode (under 300 days) nearly half are referred again within
 * twelve months of its referral; after any, a fifth later on.
 */
static void make_child(size_t i, struct child *c)
{
	uint64_t rng = DEMO_SEED ^ (UINT64_C(0x100000001b3) * i);
	long referral = between(&rng, day_of(2022, 10, 1), day_of(2026, 9, 15));
	long age = between(&rng, 0, 16);

	c->birth = referral - age * 365 - between(&rng, 0, 364);
	c->gender = (int)between(&rng, 1, 2);
	c->n = 0;
	while (c->n < DEMO_EPISODES) {
		struct episode *e = &c->ep[c->n++];

		long length;

		make_episode(&rng, referral, c->n > 1, e);
		length = e->closure - e->referral;
		if (length < 300 && chance(&rng, 45))
			referral = e->referral + between(&rng, length + 20,
							 360);
		else if (chance(&rng, 20))
			referral = e->closure + between(&rng, 60, 700);
		else
			break;
	}
}

static void put_date(FILE *f, const char *name, long days)
{
	struct vt_date d;
	char text[11];

	vt_date_from_days(days, &d);
	vt_date_format(&d, text);
	fprintf(f, "<%s>%s</%s>", name, text, name);
}

/* A date of the census only when it is on or before its reference day. */
static void put_known(FILE *f, const char *name, long days, long reference)
{
	if (days && days <= reference)
		put_date(f, name, days);
}

static void put_cp(FILE *f, long start, long end, const char *abuse,
		   long ref)
{
	if (!start || start > ref)
		return;
	fputs("<ChildProtectionPlans>", f);
	put_date(f, "CPPstartDate", start);
	put_known(f, "CPPendDate", end, ref);
	fprintf(f, "<InitialCategoryOfAbuse>%s</InitialCategoryOfAbuse>"
		"<LatestCategoryOfAbuse>%s</LatestCategoryOfAbuse>"
		"</ChildProtectionPlans>\n", abuse, abuse);
}

static void put_episode(FILE *f, const struct episode *e, long ref)
{
	bool closed = e->closure <= ref;

	fputs("<CINdetails>", f);
	put_date(f, "CINreferralDate", e->referral);
	fprintf(f, "<ReferralSource>%s</ReferralSource>"
		"<PrimaryNeedCode>%s</PrimaryNeedCode>", e->source, e->need);
	if (closed) {
		put_date(f, "CINclosureDate", e->closure);
		fprintf(f, "<ReasonForClosure>%s</ReasonForClosure>",
			e->reason);
	}
	fprintf(f, "<ReferralNFA>%s</ReferralNFA>\n",
		e->nfa ? "true" : "false");
	if (e->assess_start && e->assess_start <= ref) {
		fputs("<Assessments>", f);
		put_date(f, "AssessmentActualStartDate", e->assess_start);
		put_known(f, "AssessmentAuthorisationDate", e->assess_auth,
			  ref);
		fputs("</Assessments>\n", f);
	}
	if (e->cin_start && e->cin_start <= ref) {
		fputs("<CINPlanDates>", f);
		put_date(f, "CINPlanStartDate", e->cin_start);
		put_known(f, "CINPlanEndDate", e->cin_end, ref);
		fputs("</CINPlanDates>\n", f);
	}
	put_cp(f, e->cp_start, e->cp_end, e->abuse, ref);
	put_cp(f, e->cp2_start, e->cp2_end, e->abuse2, ref);
	fputs("</CINdetails>\n", f);
}

/* In the census of the year to 'ref': referred by then and not closed
   before the year began. */
static bool in_census(const struct episode *e, long year_start, long ref)
{
	return e->referral <= ref && e->closure >= year_start;
}

enum vt_err vt_demo_cin_write(FILE *f, const char *reference)
{
	struct vt_date d;
	struct child c;
	long ref, year_start;
	size_t i, j;

	if (!reference || strlen(reference) != 10 ||
	    vt_parse_date(reference, &d))
		return VT_EINVAL;
	ref = vt_date_to_days(&d);
	year_start = day_of(d.year - 1, d.month, d.month == 2 &&
			    d.day == 29 ? 28 : d.day) + 1;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<!-- A synthetic CIN census for the Vitals demo: generated, "
		"illustrative, of no real child. -->\n"
		"<Message>\n<Header><CollectionDetails><Collection>CIN"
		"</Collection><Year>%d</Year><ReferenceDate>%s"
		"</ReferenceDate></CollectionDetails>\n<Source><SourceLevel>L"
		"</SourceLevel><LEA>" DEMO_LA "</LEA><SoftwareCode>Vitals demo"
		"</SoftwareCode><Release>1</Release><SerialNo>1</SerialNo>"
		"<DateTime>%sT00:00:00</DateTime></Source></Header>\n"
		"<Children>\n", d.month > 3 ? d.year + 1 : d.year, reference,
		reference);
	for (i = 1; i <= VT_DEMO_CIN_CHILDREN; i++) {
		bool any = false;

		make_child(i, &c);
		for (j = 0; j < c.n && !any; j++)
			any = in_census(&c.ep[j], year_start, ref);
		if (!any)
			continue;
		fprintf(f, "<Child>\n<ChildIdentifiers><LAchildID>DEMO%06zu"
			"</LAchildID>", i);
		put_date(f, "PersonBirthDate", c.birth);
		fprintf(f, "<GenderCurrent>%d</GenderCurrent>"
			"</ChildIdentifiers>\n", c.gender);
		for (j = 0; j < c.n; j++)
			if (in_census(&c.ep[j], year_start, ref))
				put_episode(f, &c.ep[j], ref);
		fputs("</Child>\n", f);
	}
	fputs("</Children>\n</Message>\n", f);
	return ferror(f) ? VT_EIO : VT_OK;
}
