/* Field tables of every entity: the one place a field is declared. */
#include <stddef.h>

#include "vitals/model.h"

const char *const vt_sector_names[] = {
	"local-authority", "police", "health", "education", "district-council",
	"third-sector", "justice", "faith", "other", NULL
};
const char *const vt_agency_kind_names[] = {
	"statutory-partner", "relevant-agency", NULL
};
const char *const vt_cadence_names[] = {
	"monthly", "bi-monthly", "quarterly", "termly", "annual", "ad-hoc", NULL
};
const char *const vt_plan_kind_names[] = { "strategic", "single-agency", NULL };
const char *const vt_direction_names[] = { "reduce", "increase", "none", NULL };
const char *const vt_unit_names[] = {
	"count", "percent", "rate10k", "days", "currency", NULL
};
const char *const vt_frequency_names[] = {
	"monthly", "quarterly", "annual", NULL
};
const char *const vt_compare_names[] = {
	"same-period", "snapshot", "four-quarters", NULL
};
const char *const vt_status_names[] = {
	"draft", "submitted", "approved", "returned", NULL
};
const char *const vt_rag_names[] = { "red", "amber", "green", "blue", NULL };
const char *const vt_role_names[] = {
	"admin", "analyst", "agency-lead", "chair", "scrutineer", "viewer", NULL
};
const char *const vt_return_status_names[] = {
	"draft", "submitted", "approved", "returned", NULL
};
const char *const vt_challenge_status_names[] = {
	"open", "answered", "closed", NULL
};
const char *const vt_level_names[] = {
	"national", "regional", "local-authority", NULL
};
const char *const vt_review_stage_names[] = {
	"notification", "rapid-review", "decision", "terms-of-reference",
	"reviewer", "draft", "panel-copy", "publication", "closed", NULL
};
const char *const vt_review_decision_names[] = {
	"lcspr", "national", "learning", "none", NULL
};
const char *const vt_theme_register_names[] = {
	"review", "escalation", "audit", "voice", NULL
};
const char *const vt_audit_default_grades[] = {
	"outstanding", "good", "requires-improvement", "inadequate", NULL
};
const char *const vt_annual_key_names[] = {
	"foreword", "summary", "arrangements", "plans", "impact", "reviews",
	"audits", "escalations", "scrutiny", "training", "funding",
	"next-year", NULL
};
const char *const vt_scrutiny_method_names[] = {
	"observation", "case-audit", "interview", "survey", "data-review",
	"meeting-attendance", "other", NULL
};
const char *const vt_scrutiny_status_names[] = {
	"planned", "in-progress", "reported", "dropped", NULL
};
const char *const vt_finding_becomes_names[] = {
	"challenge", "action", NULL
};
const char *const vt_voice_method_names[] = {
	"survey", "focus-group", "interview", "consultation", "feedback",
	"advocacy", "other", NULL
};
const char *const vt_escalation_outcome_names[] = {
	"agreed", "upheld", "not-upheld", "withdrawn", NULL
};
const char *const vt_escalation_default_themes[] = {
	"thresholds", "information-sharing", "attendance", "plans", "other",
	NULL
};
const char *const vt_s11_grade_names[] = {
	"met", "partly-met", "not-met", NULL
};
const char *const vt_s11_outcome_names[] = {
	"agreed", "rating-changed", NULL
};
const char *const vt_plan_status_names[] = {
	"draft", "current", "closed", NULL
};
const char *const vt_action_cadence_names[] = {
	"monthly", "quarterly", NULL
};
const char *const vt_meeting_status_names[] = {
	"planned", "held", "cancelled", NULL
};
const char *const vt_attended_names[] = {
	"present", "apologies", "absent", NULL
};
const char *const vt_suppression_codes[] = { "c", "x", "z", "u", "k", NULL };

/* The four-stage route, practitioner to the executive, for a partnership
   that has not written its own. */
static const struct vt_escalation_stage default_stages[] = {
	{ (char *)"Practitioner to practitioner", 5 },
	{ (char *)"Manager to manager", 5 },
	{ (char *)"Head of service", 10 },
	{ (char *)"Safeguarding Executive Group", 20 },
};

size_t vt_escalation_stage_count(const struct vt_partnership *p)
{
	if (p && p->nescalation_stages)
		return p->nescalation_stages;
	return sizeof(default_stages) / sizeof(default_stages[0]);
}

const struct vt_escalation_stage *
vt_escalation_stage_at(const struct vt_partnership *p, size_t n)
{
	if (n < 1 || n > vt_escalation_stage_count(p))
		return NULL;
	if (p && p->nescalation_stages)
		return &p->escalation_stages[n - 1];
	return &default_stages[n - 1];
}

size_t vt_audit_grade_count(const struct vt_partnership *p)
{
	size_t n = 0;

	if (p && p->naudit_grades)
		return p->naudit_grades;
	while (vt_audit_default_grades[n])
		n++;
	return n;
}

const char *vt_audit_grade_at(const struct vt_partnership *p, size_t n)
{
	if (n >= vt_audit_grade_count(p))
		return NULL;
	if (p && p->naudit_grades)
		return p->audit_grades[n].name;
	return vt_audit_default_grades[n];
}

/* The eight standards of section 11 of the Children Act 2004 as English
   partnerships commonly publish them, for a partnership that has not
   written its own framework. */
static const struct vt_s11_standard default_s11[] = {
	{ (char *)"S1", (char *)"Senior management have commitment to the "
	  "importance of safeguarding and promoting children's welfare" },
	{ (char *)"S2", (char *)"There is a clear statement of the agency's "
	  "responsibility towards children, available to all staff" },
	{ (char *)"S3", (char *)"There is a clear line of accountability "
	  "within the organisation for work on safeguarding and promoting "
	  "the welfare of children" },
	{ (char *)"S4", (char *)"Service development takes account of the "
	  "need to safeguard and promote welfare and is informed by the "
	  "views of children and families" },
	{ (char *)"S5", (char *)"Safer recruitment and vetting procedures, "
	  "including those for managing allegations, are in place" },
	{ (char *)"S6", (char *)"There is effective supervision, training "
	  "and support on safeguarding for all staff working with or in "
	  "contact with children and families" },
	{ (char *)"S7", (char *)"There is effective inter-agency working to "
	  "safeguard and promote the welfare of children" },
	{ (char *)"S8", (char *)"There is effective information sharing" },
};

size_t vt_s11_standard_count(const struct vt_partnership *p)
{
	if (p && p->ns11_standards)
		return p->ns11_standards;
	return sizeof(default_s11) / sizeof(default_s11[0]);
}

const struct vt_s11_standard *
vt_s11_standard_at(const struct vt_partnership *p, size_t n)
{
	if (n < 1 || n > vt_s11_standard_count(p))
		return NULL;
	if (p && p->ns11_standards)
		return &p->s11_standards[n - 1];
	return &default_s11[n - 1];
}

#define TEXT_MAX 4000	/* a long narrative; anything longer is a mistake */

#define FIELD(st, f, t, fl) \
	{ .name = #f, .type = (t), .offset = offsetof(struct st, f), \
	  .flags = (fl) }
#define CODE(st, f, fl) \
	{ .name = #f, .type = VT_FT_TEXT, .offset = offsetof(struct st, f), \
	  .flags = (fl) | VT_FF_CODE }
#define TEXT(st, f, fl) \
	{ .name = #f, .type = VT_FT_TEXT, .offset = offsetof(struct st, f), \
	  .flags = (fl), .max = TEXT_MAX }
#define ENUM(st, f, fl, table, dflt) \
	{ .name = #f, .type = VT_FT_ENUM, .offset = offsetof(struct st, f), \
	  .flags = (fl), .names = (table), .def = (dflt) }
#define REF(st, f, fl, kind) \
	{ .name = #f, .type = VT_FT_REF, .offset = offsetof(struct st, f), \
	  .flags = (fl) | VT_FF_CODE, .ref = (kind) }
#define LIST(st, f, fl, kind) \
	{ .name = #f, .type = VT_FT_LIST, .offset = offsetof(struct st, f), \
	  .flags = (fl), .child = (kind), \
	  .count_offset = offsetof(struct st, n##f) }
#define INTR(st, f, fl, lo, hi) \
	{ .name = #f, .type = VT_FT_INT, .offset = offsetof(struct st, f), \
	  .flags = (fl), .min = (lo), .max = (hi) }

#define REQ VT_FF_REQUIRED
#define KEY (VT_FF_KEY | VT_FF_REQUIRED)

static const struct vt_field population_fields[] = {
	INTR(vt_population, year, REQ, 1900, 9999),
	INTR(vt_population, children, REQ, 0, 100000000),
};

static const struct vt_field neighbour_fields[] = {
	CODE(vt_neighbour, la, REQ),
};

static const struct vt_field escalation_stage_fields[] = {
	{ .name = "name", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_escalation_stage, name),
	  .flags = REQ, .max = 200 },
	INTR(vt_escalation_stage, days, REQ, 1, 250),
};

static const struct vt_field audit_scale_fields[] = {
	CODE(vt_audit_scale, name, REQ),
};

static const struct vt_field partnership_fields[] = {
	CODE(vt_partnership, code, KEY),
	TEXT(vt_partnership, name, REQ),
	TEXT(vt_partnership, area, 0),
	CODE(vt_partnership, la_code, VT_FF_KEEP),
	INTR(vt_partnership, fy_start_month, REQ, 1, 12),
	{ .name = "return_due_days", .type = VT_FT_INT,
	  .offset = offsetof(struct vt_partnership, return_due_days),
	  .def = 20, .min = 0, .max = 120 },
	{ .name = "action_update_days", .type = VT_FT_INT,
	  .offset = offsetof(struct vt_partnership, action_update_days),
	  .def = 35, .min = 1, .max = 366 },
	FIELD(vt_partnership, publish_submitted, VT_FT_BOOL, 0),
	CODE(vt_partnership, neighbour_set, VT_FF_KEEP),
	{ .name = "notification_days", .type = VT_FT_INT,
	  .offset = offsetof(struct vt_partnership, notification_days),
	  .def = 5, .min = 1, .max = 120 },
	{ .name = "rapid_review_days", .type = VT_FT_INT,
	  .offset = offsetof(struct vt_partnership, rapid_review_days),
	  .def = 15, .min = 1, .max = 120 },
	{ .name = "publication_months", .type = VT_FT_INT,
	  .offset = offsetof(struct vt_partnership, publication_months),
	  .def = 6, .min = 1, .max = 36 },
	{ .name = "panel_copy_days", .type = VT_FT_INT,
	  .offset = offsetof(struct vt_partnership, panel_copy_days),
	  .def = 7, .min = 0, .max = 120 },
	LIST(vt_partnership, population, 0, VT_KIND_POPULATION),
	{ .name = "neighbours", .type = VT_FT_LIST,
	  .offset = offsetof(struct vt_partnership, neighbours),
	  .flags = VT_FF_SCALAR | VT_FF_KEEP, .child = VT_KIND_NEIGHBOUR,
	  .count_offset = offsetof(struct vt_partnership, nneighbours) },
	LIST(vt_partnership, escalation_stages, 0, VT_KIND_ESCALATION_STAGE),
	LIST(vt_partnership, audit_grades, VT_FF_SCALAR, VT_KIND_AUDIT_SCALE),
	LIST(vt_partnership, s11_standards, 0, VT_KIND_S11_STANDARD),
};

static const struct vt_field agency_fields[] = {
	CODE(vt_agency, code, KEY),
	TEXT(vt_agency, name, REQ),
	ENUM(vt_agency, sector, REQ, vt_sector_names, 0),
	ENUM(vt_agency, kind, REQ, vt_agency_kind_names, 0),
};

/* A member agency by the role title it sends: never a person. */
static const struct vt_field group_member_fields[] = {
	CODE(vt_group_member, agency, REQ),
	{ .name = "role", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_group_member, role), .flags = REQ,
	  .max = 200 },
};

static const struct vt_field group_fields[] = {
	CODE(vt_group, code, KEY),
	TEXT(vt_group, name, REQ),
	TEXT(vt_group, chair, REQ),
	ENUM(vt_group, cadence, REQ, vt_cadence_names, 0),
	REF(vt_group, reports_to, 0, VT_KIND_GROUP),
	{ .name = "terms", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_group, terms), .max = 20000 },
	{ .name = "outcomes", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_group, outcomes), .max = 20000 },
	{ .name = "quorum", .type = VT_FT_INT,
	  .offset = offsetof(struct vt_group, quorum), .flags = VT_FF_QUIET,
	  .def = 0, .min = 0, .max = 100 },
	LIST(vt_group, members, 0, VT_KIND_GROUP_MEMBER),
};

static const struct vt_field plan_measure_fields[] = {
	REF(vt_plan_measure, measure, REQ, VT_KIND_MEASURE),
};

static const struct vt_field plan_fields[] = {
	CODE(vt_plan, code, KEY),
	TEXT(vt_plan, title, REQ),
	ENUM(vt_plan, kind, REQ, vt_plan_kind_names, 0),
	REF(vt_plan, agency, 0, VT_KIND_AGENCY),
	TEXT(vt_plan, theme, 0),
	REF(vt_plan, group, 0, VT_KIND_GROUP),
	FIELD(vt_plan, starts, VT_FT_DATE, 0),
	FIELD(vt_plan, ends, VT_FT_DATE, 0),
	{ .name = "supporting", .type = VT_FT_LIST,
	  .offset = offsetof(struct vt_plan, supporting),
	  .flags = VT_FF_SCALAR, .child = VT_KIND_PLAN_MEASURE,
	  .count_offset = offsetof(struct vt_plan, nsupporting) },
	ENUM(vt_plan, status, VT_FF_QUIET, vt_plan_status_names,
	     VT_PLAN_STATUS_CURRENT),
};

static const struct vt_field priority_fields[] = {
	CODE(vt_priority, code, KEY),
	REF(vt_priority, plan, REQ, VT_KIND_PLAN),
	TEXT(vt_priority, number, REQ),
	TEXT(vt_priority, title, REQ),
	TEXT(vt_priority, text, 0),
	FIELD(vt_priority, starts, VT_FT_DATE, 0),
	FIELD(vt_priority, ends, VT_FT_DATE, 0),
	CODE(vt_priority, status, 0),
};

static const struct vt_field objective_fields[] = {
	CODE(vt_objective, code, KEY),
	REF(vt_objective, priority, REQ, VT_KIND_PRIORITY),
	TEXT(vt_objective, number, REQ),
	TEXT(vt_objective, text, REQ),
};

static const struct vt_field breakdown_fields[] = {
	CODE(vt_breakdown, code, REQ),
	TEXT(vt_breakdown, title, REQ),
};

static const struct vt_field contributor_fields[] = {
	REF(vt_contributor, agency, REQ, VT_KIND_AGENCY),
};

static const struct vt_field objective_link_fields[] = {
	REF(vt_objective_link, objective, REQ, VT_KIND_OBJECTIVE),
};

static const struct vt_field measure_fields[] = {
	CODE(vt_measure, code, KEY),
	TEXT(vt_measure, title, REQ),
	REF(vt_measure, plan, REQ, VT_KIND_PLAN),
	REF(vt_measure, priority, 0, VT_KIND_PRIORITY),
	REF(vt_measure, agency, REQ, VT_KIND_AGENCY),
	ENUM(vt_measure, direction, REQ, vt_direction_names, 0),
	ENUM(vt_measure, unit, REQ, vt_unit_names, 0),
	ENUM(vt_measure, frequency, REQ, vt_frequency_names, 0),
	TEXT(vt_measure, numerator, 0),
	TEXT(vt_measure, denominator, 0),
	FIELD(vt_measure, baseline_period, VT_FT_PERIOD, 0),
	FIELD(vt_measure, baseline_value, VT_FT_REAL, 0),
	FIELD(vt_measure, target, VT_FT_REAL, 0),
	FIELD(vt_measure, tolerance, VT_FT_REAL, 0),
	FIELD(vt_measure, rise_from, VT_FT_PERIOD, 0),
	FIELD(vt_measure, rise_to, VT_FT_PERIOD, 0),
	ENUM(vt_measure, compare, VT_FF_QUIET, vt_compare_names,
	     VT_COMPARE_SAME_PERIOD),
	{ .name = "derive", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_measure, derive), .flags = VT_FF_JSON },
	LIST(vt_measure, breakdowns, 0, VT_KIND_BREAKDOWN),
	LIST(vt_measure, contributors, VT_FF_SCALAR, VT_KIND_CONTRIBUTOR),
	LIST(vt_measure, objectives, VT_FF_SCALAR, VT_KIND_MEASURE_OBJECTIVE),
};

static const struct vt_field value_fields[] = {
	REF(vt_value, measure, KEY, VT_KIND_MEASURE),
	FIELD(vt_value, period, VT_FT_PERIOD, KEY),
	CODE(vt_value, breakdown, VT_FF_KEY),
	INTR(vt_value, version, VT_FF_KEY, 1, 1000000),
	FIELD(vt_value, value, VT_FT_REAL, 0),
	FIELD(vt_value, suppressed, VT_FT_TEXT, 0),
	FIELD(vt_value, numerator, VT_FT_REAL, 0),
	FIELD(vt_value, denominator, VT_FT_REAL, 0),
	TEXT(vt_value, note, 0),
	ENUM(vt_value, status, 0, vt_status_names, VT_STATUS_APPROVED),
	FIELD(vt_value, illustrative, VT_FT_BOOL, 0),
	TEXT(vt_value, by, 0),
	TEXT(vt_value, at, 0),
	TEXT(vt_value, derived, 0),
};

static const struct vt_field action_measure_fields[] = {
	REF(vt_action_measure, measure, REQ, VT_KIND_MEASURE),
};

static const struct vt_field action_update_fields[] = {
	FIELD(vt_action_update, date, VT_FT_DATE, REQ),
	ENUM(vt_action_update, rag, REQ, vt_rag_names, 0),
	TEXT(vt_action_update, note, 0),
	TEXT(vt_action_update, evidence, 0),
	TEXT(vt_action_update, by, 0),
	FIELD(vt_action_update, illustrative, VT_FT_BOOL, 0),
};

static const struct vt_field action_fields[] = {
	CODE(vt_action, code, KEY),
	REF(vt_action, plan, REQ, VT_KIND_PLAN),
	REF(vt_action, agency, REQ, VT_KIND_AGENCY),
	TEXT(vt_action, title, REQ),
	TEXT(vt_action, owner, 0),
	REF(vt_action, priority, 0, VT_KIND_PRIORITY),
	FIELD(vt_action, due, VT_FT_DATE, 0),
	ENUM(vt_action, rag, REQ, vt_rag_names, 0),
	/* Not a code: a case reference may hold '/' (CSPR/2026/01). */
	{ .name = "review", .type = VT_FT_REF,
	  .offset = offsetof(struct vt_action, review), .ref = VT_KIND_REVIEW },
	{ .name = "audit", .type = VT_FT_REF,
	  .offset = offsetof(struct vt_action, audit), .ref = VT_KIND_AUDIT },
	/* "AGENCY/CYCLE": the section 11 self-assessment it came from. */
	{ .name = "s11", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_action, s11), .max = 140 },
	{ .name = "measures", .type = VT_FT_LIST,
	  .offset = offsetof(struct vt_action, measures),
	  .flags = VT_FF_SCALAR, .child = VT_KIND_ACTION_MEASURE,
	  .count_offset = offsetof(struct vt_action, nmeasures) },
	LIST(vt_action, updates, VT_FF_HISTORY, VT_KIND_ACTION_UPDATE),
	FIELD(vt_action, illustrative, VT_FT_BOOL, 0),
	ENUM(vt_action, cadence, VT_FF_QUIET, vt_action_cadence_names,
	     VT_ACTION_MONTHLY),
	FIELD(vt_action, discharged, VT_FT_DATE, 0),
	LIST(vt_action, objectives, VT_FF_SCALAR, VT_KIND_ACTION_OBJECTIVE),
};

static const struct vt_field user_fields[] = {
	TEXT(vt_user, email, KEY),
	TEXT(vt_user, name, REQ),
	ENUM(vt_user, role, REQ, vt_role_names, 0),
	REF(vt_user, agency, 0, VT_KIND_AGENCY),
};

static const struct vt_field return_fields[] = {
	REF(vt_return, agency, KEY, VT_KIND_AGENCY),
	FIELD(vt_return, period, VT_FT_PERIOD, KEY),
	ENUM(vt_return, status, REQ, vt_return_status_names, 0),
	FIELD(vt_return, due, VT_FT_DATE, 0),
	TEXT(vt_return, submitted_by, 0),
	TEXT(vt_return, submitted_at, 0),
	TEXT(vt_return, approved_by, 0),
	TEXT(vt_return, approved_at, 0),
	TEXT(vt_return, reason, 0),
	FIELD(vt_return, history, VT_FT_BOOL, 0),
	TEXT(vt_return, opened_early_by, 0),
	TEXT(vt_return, opened_early_at, 0),
	TEXT(vt_return, opened_early_reason, 0),
};

static const struct vt_field impact_fields[] = {
	REF(vt_impact, agency, KEY, VT_KIND_AGENCY),
	FIELD(vt_impact, period, VT_FT_PERIOD, KEY),
	REF(vt_impact, priority, KEY, VT_KIND_PRIORITY),
	INTR(vt_impact, version, VT_FF_KEY, 1, 1000000),
	{ .name = "text", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_impact, text), .flags = REQ,
	  .max = 20000 },
	TEXT(vt_impact, by, 0),
	TEXT(vt_impact, at, 0),
};

static const struct vt_field challenge_response_fields[] = {
	FIELD(vt_challenge_response, date, VT_FT_DATE, REQ),
	TEXT(vt_challenge_response, by, REQ),
	TEXT(vt_challenge_response, text, REQ),
};

static const struct vt_field challenge_fields[] = {
	CODE(vt_challenge, id, KEY),
	{ .name = "on", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_challenge, on), .flags = REQ,
	  .max = 200 },
	TEXT(vt_challenge, by, REQ),
	FIELD(vt_challenge, raised, VT_FT_DATE, REQ),
	TEXT(vt_challenge, text, REQ),
	ENUM(vt_challenge, status, REQ, vt_challenge_status_names, 0),
	LIST(vt_challenge, responses, VT_FF_HISTORY,
	     VT_KIND_CHALLENGE_RESPONSE),
	TEXT(vt_challenge, outcome, 0),
	FIELD(vt_challenge, closed, VT_FT_DATE, 0),
	TEXT(vt_challenge, closed_by, 0),
};

static const struct vt_field comparator_fields[] = {
	REF(vt_comparator, measure, KEY, VT_KIND_MEASURE),
	FIELD(vt_comparator, period, VT_FT_PERIOD, KEY),
	CODE(vt_comparator, area, KEY),
	ENUM(vt_comparator, level, REQ, vt_level_names, 0),
	TEXT(vt_comparator, name, REQ),
	CODE(vt_comparator, region, 0),
	FIELD(vt_comparator, value, VT_FT_REAL, 0),
	FIELD(vt_comparator, suppressed, VT_FT_TEXT, 0),
	FIELD(vt_comparator, rate, VT_FT_REAL, 0),
	TEXT(vt_comparator, source, 0),
};

static const struct vt_field review_agency_fields[] = {
	REF(vt_review_agency, agency, REQ, VT_KIND_AGENCY),
};

static const struct vt_field review_theme_fields[] = {
	CODE(vt_review_theme, theme, REQ),
};

#define STAGE_DATE(n, s) \
	{ .name = (n), .type = VT_FT_DATE, \
	  .offset = offsetof(struct vt_review, dates) + (s) * sizeof(char *) }
#define STAGE_NOTE(n, s) \
	{ .name = (n), .type = VT_FT_TEXT, \
	  .offset = offsetof(struct vt_review, notes) + (s) * sizeof(char *), \
	  .max = TEXT_MAX }

/* A stage's date is named for what happened; its note for the stage. */
static const struct vt_field review_fields[] = {
	{ .name = "ref", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_review, ref), .flags = KEY,
	  .max = 64 },
	FIELD(vt_review, aware, VT_FT_DATE, REQ),
	{ .name = "reviewer", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_review, reviewer), .max = 200 },
	CODE(vt_review, decision, 0),
	STAGE_DATE("notification", VT_STAGE_NOTIFICATION),
	STAGE_DATE("rapid_review", VT_STAGE_RAPID_REVIEW),
	STAGE_DATE("decided", VT_STAGE_DECISION),
	STAGE_DATE("terms_of_reference", VT_STAGE_TERMS_OF_REFERENCE),
	STAGE_DATE("reviewer_appointed", VT_STAGE_REVIEWER),
	STAGE_DATE("draft", VT_STAGE_DRAFT),
	STAGE_DATE("panel_copy", VT_STAGE_PANEL_COPY),
	STAGE_DATE("publication", VT_STAGE_PUBLICATION),
	STAGE_DATE("closed", VT_STAGE_CLOSED),
	STAGE_NOTE("notification_note", VT_STAGE_NOTIFICATION),
	STAGE_NOTE("rapid_review_note", VT_STAGE_RAPID_REVIEW),
	STAGE_NOTE("decision_note", VT_STAGE_DECISION),
	STAGE_NOTE("terms_of_reference_note", VT_STAGE_TERMS_OF_REFERENCE),
	STAGE_NOTE("reviewer_note", VT_STAGE_REVIEWER),
	STAGE_NOTE("draft_note", VT_STAGE_DRAFT),
	STAGE_NOTE("panel_copy_note", VT_STAGE_PANEL_COPY),
	STAGE_NOTE("publication_note", VT_STAGE_PUBLICATION),
	STAGE_NOTE("closed_note", VT_STAGE_CLOSED),
	{ .name = "agencies", .type = VT_FT_LIST,
	  .offset = offsetof(struct vt_review, agencies),
	  .flags = VT_FF_SCALAR, .child = VT_KIND_REVIEW_AGENCY,
	  .count_offset = offsetof(struct vt_review, nagencies) },
	{ .name = "themes", .type = VT_FT_LIST,
	  .offset = offsetof(struct vt_review, themes),
	  .flags = VT_FF_SCALAR, .child = VT_KIND_REVIEW_THEME,
	  .count_offset = offsetof(struct vt_review, nthemes) },
};

static const struct vt_field theme_fields[] = {
	CODE(vt_theme, code, KEY),
	TEXT(vt_theme, name, REQ),
	{ .name = "register", .type = VT_FT_ENUM,
	  .offset = offsetof(struct vt_theme, register_), .flags = REQ,
	  .names = vt_theme_register_names },
};

static const struct vt_field escalation_step_fields[] = {
	INTR(vt_escalation_step, stage, REQ, 1, 20),
	FIELD(vt_escalation_step, date, VT_FT_DATE, REQ),
	TEXT(vt_escalation_step, note, 0),
};

/* Who raised it is an agency and a role title: never a person. */
static const struct vt_field escalation_fields[] = {
	{ .name = "ref", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_escalation, ref), .flags = KEY,
	  .max = 64 },
	FIELD(vt_escalation, raised, VT_FT_DATE, REQ),
	REF(vt_escalation, raised_by, REQ, VT_KIND_AGENCY),
	{ .name = "raised_role", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_escalation, raised_role),
	  .flags = REQ, .max = 200 },
	REF(vt_escalation, about, REQ, VT_KIND_AGENCY),
	CODE(vt_escalation, theme, REQ),
	TEXT(vt_escalation, summary, 0),
	CODE(vt_escalation, outcome, 0),
	FIELD(vt_escalation, resolved, VT_FT_DATE, 0),
	TEXT(vt_escalation, resolution, 0),
	LIST(vt_escalation, steps, 0, VT_KIND_ESCALATION_STEP),
};

static const struct vt_field audit_agency_fields[] = {
	REF(vt_audit_agency, agency, REQ, VT_KIND_AGENCY),
};

/* A case is its reference (C-104), never a child's name. */
static const struct vt_field audit_grade_fields[] = {
	{ .name = "case", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_audit_grade, case_), .flags = REQ,
	  .max = 64 },
	REF(vt_audit_grade, agency, REQ, VT_KIND_AGENCY),
	CODE(vt_audit_grade, grade, REQ),
	TEXT(vt_audit_grade, findings, 0),
};

static const struct vt_field audit_fields[] = {
	{ .name = "ref", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_audit, ref), .flags = KEY,
	  .max = 64 },
	CODE(vt_audit, theme, REQ),
	FIELD(vt_audit, planned, VT_FT_PERIOD, REQ),
	REF(vt_audit, lead, REQ, VT_KIND_AGENCY),
	INTR(vt_audit, sample, REQ, 1, 100000),
	FIELD(vt_audit, done, VT_FT_DATE, 0),
	TEXT(vt_audit, summary, 0),
	/* Not a code: like a case review's, a reference may hold '/'. */
	{ .name = "reaudit_of", .type = VT_FT_REF,
	  .offset = offsetof(struct vt_audit, reaudit_of),
	  .ref = VT_KIND_AUDIT },
	{ .name = "agencies", .type = VT_FT_LIST,
	  .offset = offsetof(struct vt_audit, agencies),
	  .flags = VT_FF_SCALAR, .child = VT_KIND_AUDIT_AGENCY,
	  .count_offset = offsetof(struct vt_audit, nagencies) },
	LIST(vt_audit, grades, 0, VT_KIND_AUDIT_GRADE),
};

static const struct vt_field s11_standard_fields[] = {
	CODE(vt_s11_standard, code, REQ),
	{ .name = "name", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_s11_standard, name),
	  .flags = REQ, .max = 300 },
};

static const struct vt_field s11_rating_fields[] = {
	CODE(vt_s11_rating, standard, REQ),
	ENUM(vt_s11_rating, rating, REQ, vt_s11_grade_names, 0),
	TEXT(vt_s11_rating, evidence, 0),
	TEXT(vt_s11_rating, action, 0),
};

static const struct vt_field s11_change_fields[] = {
	CODE(vt_s11_change, standard, REQ),
	ENUM(vt_s11_change, from, REQ, vt_s11_grade_names, 0),
	ENUM(vt_s11_change, to, REQ, vt_s11_grade_names, 0),
};

/* Keyed by agency and cycle; the challenge session is one set of
   fields (a date, its outcome, a note) and the ratings it changed. */
static const struct vt_field s11_fields[] = {
	REF(vt_s11, agency, KEY, VT_KIND_AGENCY),
	{ .name = "cycle", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_s11, cycle),
	  .flags = KEY | VT_FF_CODE, .max = 16 },
	FIELD(vt_s11, submitted, VT_FT_DATE, 0),
	LIST(vt_s11, ratings, 0, VT_KIND_S11_RATING),
	FIELD(vt_s11, challenged, VT_FT_DATE, 0),
	CODE(vt_s11, challenge_outcome, 0),
	TEXT(vt_s11, challenge_note, 0),
	LIST(vt_s11, changes, 0, VT_KIND_S11_CHANGE),
};

static const struct vt_field voice_theme_fields[] = {
	CODE(vt_voice_theme, theme, REQ),
};

static const struct vt_field voice_priority_fields[] = {
	REF(vt_voice_priority, priority, REQ, VT_KIND_PRIORITY),
};

static const struct vt_field voice_action_fields[] = {
	REF(vt_voice_action, action, REQ, VT_KIND_ACTION),
};

#define SCALARS(st, f, kind) \
	{ .name = #f, .type = VT_FT_LIST, .offset = offsetof(struct st, f), \
	  .flags = VT_FF_SCALAR, .child = (kind), \
	  .count_offset = offsetof(struct st, n##f) }

/* Who ran it is an agency or a body, and those who took part a number. */
static const struct vt_field voice_fields[] = {
	{ .name = "ref", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_voice, ref), .flags = KEY,
	  .max = 64 },
	{ .name = "title", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_voice, title), .flags = REQ,
	  .max = 200 },
	{ .name = "source", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_voice, source), .flags = REQ,
	  .max = 200 },
	FIELD(vt_voice, date, VT_FT_DATE, REQ),
	ENUM(vt_voice, method, REQ, vt_voice_method_names, 0),
	INTR(vt_voice, participants, REQ, 0, 10000000),
	SCALARS(vt_voice, themes, VT_KIND_VOICE_THEME),
	TEXT(vt_voice, summary, REQ),
	TEXT(vt_voice, changed, 0),
	REF(vt_voice, measure, 0, VT_KIND_MEASURE),
	SCALARS(vt_voice, priorities, VT_KIND_VOICE_PRIORITY),
	SCALARS(vt_voice, actions, VT_KIND_VOICE_ACTION),
};

static const struct vt_field scrutiny_finding_fields[] = {
	TEXT(vt_scrutiny_finding, text, REQ),
	ENUM(vt_scrutiny_finding, becomes, REQ, vt_finding_becomes_names, 0),
	REF(vt_scrutiny_finding, challenge, 0, VT_KIND_CHALLENGE),
	REF(vt_scrutiny_finding, action, 0, VT_KIND_ACTION),
};

/* An item of the scrutineer's plan; its findings are added as they are
   made, each with the record it became. */
static const struct vt_field scrutiny_fields[] = {
	{ .name = "ref", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_scrutiny, ref), .flags = KEY,
	  .max = 64 },
	{ .name = "year", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_scrutiny, year), .flags = REQ,
	  .max = 7 },
	CODE(vt_scrutiny, theme, REQ),
	ENUM(vt_scrutiny, method, REQ, vt_scrutiny_method_names, 0),
	{ .name = "planned", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_scrutiny, planned), .flags = REQ,
	  .max = 10 },
	ENUM(vt_scrutiny, status, REQ, vt_scrutiny_status_names, 0),
	FIELD(vt_scrutiny, reported, VT_FT_DATE, 0),
	TEXT(vt_scrutiny, summary, 0),
	LIST(vt_scrutiny, findings, 0, VT_KIND_SCRUTINY_FINDING),
};

static const struct vt_field budget_contribution_fields[] = {
	REF(vt_budget_contribution, agency, REQ, VT_KIND_AGENCY),
	FIELD(vt_budget_contribution, amount, VT_FT_REAL, REQ),
	TEXT(vt_budget_contribution, note, 0),
};

static const struct vt_field budget_spend_fields[] = {
	{ .name = "heading", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_budget_spend, heading), .flags = REQ,
	  .max = 120 },
	FIELD(vt_budget_spend, budgeted, VT_FT_REAL, REQ),
	FIELD(vt_budget_spend, actual, VT_FT_REAL, 0),
};

/* A year's pooled budget: its total is computed from the contributions. */
static const struct vt_field budget_fields[] = {
	{ .name = "year", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_budget, year), .flags = KEY,
	  .max = 7 },
	LIST(vt_budget, contributions, 0, VT_KIND_BUDGET_CONTRIBUTION),
	LIST(vt_budget, spend, 0, VT_KIND_BUDGET_SPEND),
	TEXT(vt_budget, note, 0),
};

/* A section of the annual report in the business manager's words; each
   save a new version. */
static const struct vt_field narrative_fields[] = {
	{ .name = "year", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_narrative, year), .flags = KEY,
	  .max = 7 },
	CODE(vt_narrative, section, KEY),
	INTR(vt_narrative, version, VT_FF_KEY, 1, 1000000),
	{ .name = "text", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_narrative, text), .flags = REQ,
	  .max = 20000 },
	TEXT(vt_narrative, by, 0),
	TEXT(vt_narrative, at, 0),
};

static const struct vt_field meeting_item_fields[] = {
	TEXT(vt_meeting_item, text, REQ),
};

static const struct vt_field meeting_attendance_fields[] = {
	CODE(vt_meeting_attendance, agency, REQ),
	ENUM(vt_meeting_attendance, attended, REQ, vt_attended_names, 0),
};

/* A decision's owner is a role title of an agency: never a person. */
static const struct vt_field meeting_decision_fields[] = {
	INTR(vt_meeting_decision, number, REQ, 1, 999),
	TEXT(vt_meeting_decision, text, REQ),
	{ .name = "owner", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_meeting_decision, owner),
	  .flags = REQ, .max = 200 },
	CODE(vt_meeting_decision, agency, REQ),
	FIELD(vt_meeting_decision, due, VT_FT_DATE, 0),
	FIELD(vt_meeting_decision, done, VT_FT_DATE, 0),
};

static const struct vt_field meeting_report_fields[] = {
	{ .name = "subject", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_meeting_report, subject),
	  .flags = REQ, .max = 200 },
	TEXT(vt_meeting_report, note, 0),
};

/* A meeting of a group; whether it was quorate is worked out, not kept. */
static const struct vt_field meeting_fields[] = {
	{ .name = "ref", .type = VT_FT_TEXT,
	  .offset = offsetof(struct vt_meeting, ref), .flags = KEY,
	  .max = 64 },
	CODE(vt_meeting, group, REQ),
	FIELD(vt_meeting, date, VT_FT_DATE, REQ),
	ENUM(vt_meeting, status, REQ, vt_meeting_status_names, 0),
	LIST(vt_meeting, items, 0, VT_KIND_MEETING_ITEM),
	LIST(vt_meeting, attendance, 0, VT_KIND_MEETING_ATTENDANCE),
	LIST(vt_meeting, decisions, 0, VT_KIND_MEETING_DECISION),
	LIST(vt_meeting, received, 0, VT_KIND_MEETING_REPORT),
};

#define ENTITY(k, n, p, st, f) \
	[k] = { .kind = (k), .name = (n), .plural = (p), \
		.size = sizeof(struct st), .fields = (f), \
		.nfields = sizeof(f) / sizeof((f)[0]) }

static const struct vt_entity entities[VT_KIND__MAX] = {
	ENTITY(VT_KIND_PARTNERSHIP, "partnership", "partnership",
	       vt_partnership, partnership_fields),
	ENTITY(VT_KIND_AGENCY, "agency", "agencies", vt_agency, agency_fields),
	ENTITY(VT_KIND_GROUP, "group", "groups", vt_group, group_fields),
	ENTITY(VT_KIND_PLAN, "plan", "plans", vt_plan, plan_fields),
	ENTITY(VT_KIND_PRIORITY, "priority", "priorities", vt_priority,
	       priority_fields),
	ENTITY(VT_KIND_OBJECTIVE, "objective", "objectives", vt_objective,
	       objective_fields),
	ENTITY(VT_KIND_MEASURE, "measure", "measures", vt_measure,
	       measure_fields),
	ENTITY(VT_KIND_VALUE, "value", "values", vt_value, value_fields),
	ENTITY(VT_KIND_ACTION, "action", "actions", vt_action, action_fields),
	ENTITY(VT_KIND_USER, "user", "users", vt_user, user_fields),
	ENTITY(VT_KIND_RETURN, "return", "returns", vt_return, return_fields),
	ENTITY(VT_KIND_IMPACT, "impact statement", "impact", vt_impact,
	       impact_fields),
	ENTITY(VT_KIND_CHALLENGE, "challenge", "challenges", vt_challenge,
	       challenge_fields),
	ENTITY(VT_KIND_COMPARATOR, "comparator", "comparators",
	       vt_comparator, comparator_fields),
	ENTITY(VT_KIND_REVIEW, "case review", "reviews", vt_review,
	       review_fields),
	ENTITY(VT_KIND_THEME, "theme", "themes", vt_theme, theme_fields),
	ENTITY(VT_KIND_ESCALATION, "escalation", "escalations", vt_escalation,
	       escalation_fields),
	ENTITY(VT_KIND_AUDIT, "audit", "audits", vt_audit, audit_fields),
	ENTITY(VT_KIND_S11, "s11 self-assessment", "s11", vt_s11,
	       s11_fields),
	ENTITY(VT_KIND_VOICE, "voice report", "voice", vt_voice,
	       voice_fields),
	ENTITY(VT_KIND_SCRUTINY, "scrutiny item", "scrutiny", vt_scrutiny,
	       scrutiny_fields),
	ENTITY(VT_KIND_BUDGET, "budget", "budgets", vt_budget, budget_fields),
	ENTITY(VT_KIND_NARRATIVE, "narrative", "narrative", vt_narrative,
	       narrative_fields),
	ENTITY(VT_KIND_MEETING, "meeting", "meetings", vt_meeting,
	       meeting_fields),
	ENTITY(VT_KIND_POPULATION, "population", "population", vt_population,
	       population_fields),
	ENTITY(VT_KIND_PLAN_MEASURE, "plan measure", "supporting",
	       vt_plan_measure, plan_measure_fields),
	ENTITY(VT_KIND_BREAKDOWN, "breakdown", "breakdowns", vt_breakdown,
	       breakdown_fields),
	ENTITY(VT_KIND_ACTION_MEASURE, "action measure", "measures",
	       vt_action_measure, action_measure_fields),
	ENTITY(VT_KIND_ACTION_UPDATE, "action update", "updates",
	       vt_action_update, action_update_fields),
	ENTITY(VT_KIND_CHALLENGE_RESPONSE, "challenge response", "responses",
	       vt_challenge_response, challenge_response_fields),
	ENTITY(VT_KIND_NEIGHBOUR, "neighbour", "neighbours", vt_neighbour,
	       neighbour_fields),
	ENTITY(VT_KIND_REVIEW_AGENCY, "review agency", "agencies",
	       vt_review_agency, review_agency_fields),
	ENTITY(VT_KIND_REVIEW_THEME, "review theme", "themes",
	       vt_review_theme, review_theme_fields),
	ENTITY(VT_KIND_ESCALATION_STAGE, "escalation stage",
	       "escalation_stages", vt_escalation_stage,
	       escalation_stage_fields),
	ENTITY(VT_KIND_ESCALATION_STEP, "escalation step", "steps",
	       vt_escalation_step, escalation_step_fields),
	ENTITY(VT_KIND_AUDIT_SCALE, "audit grade", "audit_grades",
	       vt_audit_scale, audit_scale_fields),
	ENTITY(VT_KIND_AUDIT_AGENCY, "audit agency", "agencies",
	       vt_audit_agency, audit_agency_fields),
	ENTITY(VT_KIND_AUDIT_GRADE, "audit grade", "grades",
	       vt_audit_grade, audit_grade_fields),
	ENTITY(VT_KIND_S11_STANDARD, "s11 standard", "s11_standards",
	       vt_s11_standard, s11_standard_fields),
	ENTITY(VT_KIND_S11_RATING, "s11 rating", "ratings", vt_s11_rating,
	       s11_rating_fields),
	ENTITY(VT_KIND_S11_CHANGE, "s11 change", "changes", vt_s11_change,
	       s11_change_fields),
	ENTITY(VT_KIND_VOICE_THEME, "voice theme", "themes",
	       vt_voice_theme, voice_theme_fields),
	ENTITY(VT_KIND_VOICE_PRIORITY, "voice priority", "priorities",
	       vt_voice_priority, voice_priority_fields),
	ENTITY(VT_KIND_VOICE_ACTION, "voice action", "actions",
	       vt_voice_action, voice_action_fields),
	ENTITY(VT_KIND_SCRUTINY_FINDING, "scrutiny finding", "findings",
	       vt_scrutiny_finding, scrutiny_finding_fields),
	ENTITY(VT_KIND_CONTRIBUTOR, "contributor", "contributors",
	       vt_contributor, contributor_fields),
	ENTITY(VT_KIND_BUDGET_CONTRIBUTION, "contribution", "contributions",
	       vt_budget_contribution, budget_contribution_fields),
	ENTITY(VT_KIND_BUDGET_SPEND, "spending heading", "spend",
	       vt_budget_spend, budget_spend_fields),
	ENTITY(VT_KIND_MEASURE_OBJECTIVE, "measure objective", "objectives",
	       vt_objective_link, objective_link_fields),
	ENTITY(VT_KIND_ACTION_OBJECTIVE, "action objective", "objectives",
	       vt_objective_link, objective_link_fields),
	ENTITY(VT_KIND_GROUP_MEMBER, "group member", "members",
	       vt_group_member, group_member_fields),
	ENTITY(VT_KIND_MEETING_ITEM, "agenda item", "items",
	       vt_meeting_item, meeting_item_fields),
	ENTITY(VT_KIND_MEETING_ATTENDANCE, "attendance", "attendance",
	       vt_meeting_attendance, meeting_attendance_fields),
	ENTITY(VT_KIND_MEETING_DECISION, "decision", "decisions",
	       vt_meeting_decision, meeting_decision_fields),
	ENTITY(VT_KIND_MEETING_REPORT, "report received", "received",
	       vt_meeting_report, meeting_report_fields),
};

const struct vt_entity *vt_entity_of(enum vt_kind kind)
{
	if ((unsigned)kind >= VT_KIND__MAX)
		return NULL;
	return &entities[kind];
}
