/* The partnership's domain model: entities, their fields, and validation. */
#ifndef VITALS_MODEL_H
#define VITALS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "vitals/diag.h"
#include "vitals/error.h"

/*
 * Every entity is a plain struct described by a table of fields (struct
 * vt_entity below).  The tables drive validation, the canonical JSON form
 * (definition files and the change log) and the store's column binding,
 * so a field is declared once.  Text fields are owned strings (NULL when
 * absent); optional numbers are NaN when absent.
 */

enum vt_kind {
	VT_KIND_PARTNERSHIP,
	VT_KIND_AGENCY,
	VT_KIND_GROUP,
	VT_KIND_PLAN,
	VT_KIND_PRIORITY,
	VT_KIND_OBJECTIVE,
	VT_KIND_MEASURE,
	VT_KIND_VALUE,
	VT_KIND_ACTION,
	VT_KIND_USER,
	VT_KIND_RETURN,
	VT_KIND_IMPACT,
	VT_KIND_CHALLENGE,
	VT_KIND_COMPARATOR,
	VT_KIND_REVIEW,
	VT_KIND_THEME,
	VT_KIND_ESCALATION,
	VT_KIND_AUDIT,
	VT_KIND_S11,
	VT_KIND_VOICE,
	VT_KIND_SCRUTINY,
	VT_KIND_BUDGET,
	VT_KIND_NARRATIVE,
	VT_KIND_MEETING,
	/* lists that belong to one record of the kinds above */
	VT_KIND_POPULATION,
	VT_KIND_PLAN_MEASURE,
	VT_KIND_BREAKDOWN,
	VT_KIND_ACTION_MEASURE,
	VT_KIND_ACTION_UPDATE,
	VT_KIND_CHALLENGE_RESPONSE,
	VT_KIND_NEIGHBOUR,
	VT_KIND_REVIEW_AGENCY,
	VT_KIND_REVIEW_THEME,
	VT_KIND_ESCALATION_STAGE,
	VT_KIND_ESCALATION_STEP,
	VT_KIND_AUDIT_SCALE,
	VT_KIND_AUDIT_AGENCY,
	VT_KIND_AUDIT_GRADE,
	VT_KIND_S11_STANDARD,
	VT_KIND_S11_RATING,
	VT_KIND_S11_CHANGE,
	VT_KIND_VOICE_THEME,
	VT_KIND_VOICE_PRIORITY,
	VT_KIND_VOICE_ACTION,
	VT_KIND_SCRUTINY_FINDING,
	VT_KIND_CONTRIBUTOR,
	VT_KIND_BUDGET_CONTRIBUTION,
	VT_KIND_BUDGET_SPEND,
	VT_KIND_MEASURE_OBJECTIVE,
	VT_KIND_ACTION_OBJECTIVE,
	VT_KIND_GROUP_MEMBER,
	VT_KIND_MEETING_ITEM,
	VT_KIND_MEETING_ATTENDANCE,
	VT_KIND_MEETING_DECISION,
	VT_KIND_MEETING_REPORT,
	VT_KIND__MAX
};

/* Top-level kinds come first; this many are listed in a definition file. */
#define VT_KIND_TOPLEVEL (VT_KIND_MEETING + 1)

enum vt_sector {
	VT_SECTOR_LOCAL_AUTHORITY, VT_SECTOR_POLICE, VT_SECTOR_HEALTH,
	VT_SECTOR_EDUCATION, VT_SECTOR_DISTRICT_COUNCIL, VT_SECTOR_THIRD_SECTOR,
	VT_SECTOR_JUSTICE, VT_SECTOR_FAITH, VT_SECTOR_OTHER, VT_SECTOR__MAX
};
enum vt_agency_kind {
	VT_AGENCY_STATUTORY_PARTNER, VT_AGENCY_RELEVANT_AGENCY, VT_AGENCY__MAX
};
enum vt_cadence {
	VT_CADENCE_MONTHLY, VT_CADENCE_BI_MONTHLY, VT_CADENCE_QUARTERLY,
	VT_CADENCE_TERMLY, VT_CADENCE_ANNUAL, VT_CADENCE_AD_HOC, VT_CADENCE__MAX
};
enum vt_plan_kind { VT_PLAN_STRATEGIC, VT_PLAN_SINGLE_AGENCY, VT_PLAN__MAX };
enum vt_direction {
	VT_DIRECTION_REDUCE, VT_DIRECTION_INCREASE, VT_DIRECTION_NONE,
	VT_DIRECTION__MAX
};
enum vt_unit {
	VT_UNIT_COUNT, VT_UNIT_PERCENT, VT_UNIT_RATE10K, VT_UNIT_DAYS,
	VT_UNIT_CURRENCY, VT_UNIT__MAX
};
enum vt_frequency {
	VT_FREQUENCY_MONTHLY, VT_FREQUENCY_QUARTERLY, VT_FREQUENCY_ANNUAL,
	VT_FREQUENCY__MAX
};
/* How a measure's figures meet published yearly comparators. */
enum vt_compare_as {
	VT_COMPARE_SAME_PERIOD,	  /* only a comparator of the same period */
	VT_COMPARE_SNAPSHOT,	  /* a figure at a date: a quarter's against
				     the latest year ended by its end */
	VT_COMPARE_FOUR_QUARTERS, /* a flow: the four quarters to a year's
				     end summed, against that year */
	VT_COMPARE__MAX
};
enum vt_value_status {
	VT_STATUS_DRAFT, VT_STATUS_SUBMITTED, VT_STATUS_APPROVED,
	VT_STATUS_RETURNED, VT_STATUS__MAX
};
enum vt_rag { VT_RAG_RED, VT_RAG_AMBER, VT_RAG_GREEN, VT_RAG_BLUE, VT_RAG__MAX };
/* A quarterly return moves draft -> submitted -> approved (locked), or
   submitted -> returned (with a reason) -> submitted again. */
enum vt_return_status {
	VT_RETURN_DRAFT, VT_RETURN_SUBMITTED, VT_RETURN_APPROVED,
	VT_RETURN_RETURNED, VT_RETURN__MAX
};
/* A challenge is open until answered; answered until its raiser closes it
   with an outcome. */
enum vt_challenge_status {
	VT_CHALLENGE_OPEN, VT_CHALLENGE_ANSWERED, VT_CHALLENGE_CLOSED,
	VT_CHALLENGE__MAX
};
/* The geographic level of a published figure, as DfE files give it. */
enum vt_level {
	VT_LEVEL_NATIONAL, VT_LEVEL_REGIONAL, VT_LEVEL_LOCAL_AUTHORITY,
	VT_LEVEL__MAX
};
/* A plan's life: drafted, in force, or closed and kept as history. */
enum vt_plan_status {
	VT_PLAN_STATUS_DRAFT, VT_PLAN_STATUS_CURRENT, VT_PLAN_STATUS_CLOSED,
	VT_PLAN_STATUS__MAX
};
/* How often an action is reviewed: monthly (the partnership's
   action_update_days) or quarterly. */
enum vt_action_cadence {
	VT_ACTION_MONTHLY, VT_ACTION_QUARTERLY, VT_ACTION_CADENCE__MAX
};
enum vt_role {
	VT_ROLE_ADMIN, VT_ROLE_ANALYST, VT_ROLE_AGENCY_LEAD, VT_ROLE_CHAIR,
	VT_ROLE_SCRUTINEER, VT_ROLE_VIEWER, VT_ROLE__MAX
};

/* Names as written in files, the database and the user interface. */
extern const char *const vt_sector_names[VT_SECTOR__MAX + 1];
extern const char *const vt_agency_kind_names[VT_AGENCY__MAX + 1];
extern const char *const vt_cadence_names[VT_CADENCE__MAX + 1];
extern const char *const vt_plan_kind_names[VT_PLAN__MAX + 1];
extern const char *const vt_direction_names[VT_DIRECTION__MAX + 1];
extern const char *const vt_unit_names[VT_UNIT__MAX + 1];
extern const char *const vt_frequency_names[VT_FREQUENCY__MAX + 1];
extern const char *const vt_compare_names[VT_COMPARE__MAX + 1];
extern const char *const vt_status_names[VT_STATUS__MAX + 1];
extern const char *const vt_rag_names[VT_RAG__MAX + 1];
extern const char *const vt_role_names[VT_ROLE__MAX + 1];
extern const char *const vt_return_status_names[VT_RETURN__MAX + 1];
extern const char *const vt_challenge_status_names[VT_CHALLENGE__MAX + 1];
extern const char *const vt_level_names[VT_LEVEL__MAX + 1];
extern const char *const vt_plan_status_names[VT_PLAN_STATUS__MAX + 1];
extern const char *const vt_action_cadence_names[VT_ACTION_CADENCE__MAX + 1];

/* DfE suppression codes kept as given, never turned into numbers. */
extern const char *const vt_suppression_codes[];

/* ------------------------------------------------------------------ */

struct vt_population {
	int64_t year;		/* calendar year of the mid-year estimate */
	int64_t children;	/* children aged 0-17 */
};

/* A statistical neighbour: another local authority, by its DfE code. */
struct vt_neighbour {
	char *la;
};

struct vt_partnership {
	char *code;
	char *name;
	char *area;
	char *la_code;		/* the area's DfE (old) LA code: "936" */
	int64_t fy_start_month;	/* 1, 4, 7 or 10 */
	int64_t return_due_days; /* working days after a period ends */
	int64_t action_update_days; /* an action not updated this long is
				       stale */
	/* Case review clocks: working days after the local authority
	   became aware, working days after the notification, calendar
	   months after the decision, working days before publication. */
	int64_t notification_days;
	int64_t rapid_review_days;
	int64_t publication_months;
	int64_t panel_copy_days;
	bool publish_submitted;	/* published packs include submitted,
				   unapproved figures, marked provisional */
	char *neighbour_set;	/* the name of the neighbours' set: "2025" */
	struct vt_population *population;
	size_t npopulation;
	/* its statistical neighbours, closest first */
	struct vt_neighbour *neighbours;
	size_t nneighbours;
	/* The escalation protocol's stages, first to last; none listed:
	   the four-stage default (vt_escalation_stages). */
	struct vt_escalation_stage *escalation_stages;
	size_t nescalation_stages;
	/* The multi-agency audit grade scale, best first; none listed: the
	   default (vt_audit_default_grades). */
	struct vt_audit_scale *audit_grades;
	size_t naudit_grades;
	/* The section 11 framework's standards, in order; none listed:
	   the eight-standard default (vt_s11_standard_count). */
	struct vt_s11_standard *s11_standards;
	size_t ns11_standards;
};

struct vt_agency {
	char *code;
	char *name;
	int sector;		/* enum vt_sector */
	int kind;		/* enum vt_agency_kind */
};

/* An agency that sits on a group, by the role title it sends. */
struct vt_group_member {
	char *agency;
	char *role;		/* "Head of Safeguarding", never a name */
};

struct vt_group {
	char *code;
	char *name;
	char *chair;		/* a role title, never a person's name */
	int cadence;		/* enum vt_cadence */
	char *reports_to;	/* group code or NULL */
	char *terms;		/* terms of reference (Markdown), or NULL */
	char *outcomes;		/* desired outcomes (Markdown), or NULL */
	int64_t quorum;		/* member agencies present for a quorum;
				   0: no quorum rule */
	struct vt_group_member *members;
	size_t nmembers;
};

struct vt_plan_measure {
	char *measure;
};

struct vt_plan {
	char *code;
	char *title;
	int kind;		/* enum vt_plan_kind */
	char *agency;		/* required for a single-agency plan */
	char *theme;
	char *group;		/* the group that oversees it, or NULL */
	char *starts;		/* YYYY-MM-DD or NULL */
	char *ends;
	/* measures owned elsewhere but tracked in this plan */
	struct vt_plan_measure *supporting;
	size_t nsupporting;
	int status;		/* enum vt_plan_status: current by default */
};

struct vt_priority {
	char *code;
	char *plan;
	char *number;		/* as the plan numbers it: "1", "ii" */
	char *title;
	char *text;
	/* NULL: its plan's dates and status (vt_plan_status_names) */
	char *starts;
	char *ends;
	char *status;
};

struct vt_objective {
	char *code;
	char *priority;
	char *number;		/* "1", "ii.3" */
	char *text;
};

struct vt_breakdown {
	char *code;
	char *title;
};

/*
 * An objective a measure or an action serves, by its code.  The objective
 * belongs to a priority of the record's own plan, or, for a measure, of a
 * plan that lists it among its supporting measures.
 */
struct vt_objective_link {
	char *objective;
};

/* An agency that returns its part of a multi-agency measure. */
struct vt_contributor {
	char *agency;
};

struct vt_measure {
	char *code;
	char *title;
	char *plan;
	char *priority;		/* priority code or NULL */
	char *agency;		/* owner */
	int direction;		/* enum vt_direction */
	int unit;		/* enum vt_unit */
	int frequency;		/* enum vt_frequency */
	char *numerator;	/* definition text, or NULL */
	char *denominator;
	char *baseline_period;
	double baseline_value;	/* NaN when absent */
	double target;
	double tolerance;
	char *rise_from;	/* expected-rise window, periods, or NULL */
	char *rise_to;
	int compare;		/* enum vt_compare_as */
	struct vt_breakdown *breakdowns;
	size_t nbreakdowns;
	/*
	 * A multi-agency measure: each contributor returns its part as the
	 * breakdown named by its agency code, and the partnership figure
	 * is computed from the parts (vt_measure_partnership), never typed.
	 */
	struct vt_contributor *contributors;
	size_t ncontributors;
	struct vt_objective_link *objectives;	/* the objectives it serves */
	size_t nobjectives;
	/*
	 * A measure computed from case records rather than returned: its
	 * "derive" object as compact JSON text (vitals/derive.h reads it),
	 * or NULL.
	 */
	char *derive;
};

struct vt_value {
	char *measure;
	char *period;
	char *breakdown;	/* breakdown code; NULL for the whole measure */
	int64_t version;	/* 1, 2, ...; 0 in a file means "the next" */
	double value;		/* NaN when absent (suppressed) */
	char *suppressed;	/* a DfE code when the value is withheld */
	double numerator;
	double denominator;
	char *note;
	int status;		/* enum vt_value_status */
	bool illustrative;	/* demo figures: not real data */
	char *by;
	char *at;		/* UTC timestamp, or NULL */
	/* Computed from extracts: "extract 3 sha256:5f2c9a1b0d3e; derive
	   sha256:1a2b3c4d5e6f" (the snapshots and the derive's version);
	   NULL for a figure returned or typed. */
	char *derived;
};

struct vt_action_measure {
	char *measure;
};

struct vt_action_update {
	char *date;
	int rag;		/* enum vt_rag */
	char *note;
	char *evidence;
	char *by;
	bool illustrative;	/* a demo note, not a real update */
};

struct vt_action {
	char *code;
	char *plan;
	char *agency;
	char *title;
	char *owner;		/* a role title */
	char *priority;
	char *due;
	int rag;		/* enum vt_rag: the latest rating */
	struct vt_action_measure *measures;
	size_t nmeasures;
	struct vt_action_update *updates;
	size_t nupdates;
	char *review;		/* the case review it came from, or NULL */
	char *audit;		/* the audit it came from, or NULL */
	char *s11;		/* the section 11 self-assessment it came
				   from, "AGENCY/CYCLE", or NULL */
	bool illustrative;	/* a demo title or owner, not a real one */
	int cadence;		/* enum vt_action_cadence: how often it is
				   reviewed, so when it goes stale */
	char *discharged;	/* the day it was discharged, or NULL */
	struct vt_objective_link *objectives;	/* the objectives it serves */
	size_t nobjectives;
};

struct vt_user {
	char *email;
	char *name;
	int role;		/* enum vt_role */
	char *agency;
};

/* An agency's return for one period: the workflow state of its values. */
struct vt_return {
	char *agency;
	char *period;
	int status;		/* enum vt_return_status */
	char *due;		/* YYYY-MM-DD */
	char *submitted_by;
	char *submitted_at;
	char *approved_by;
	char *approved_at;
	char *reason;		/* why it was returned or reopened */
	bool history;		/* past figures loaded as history: approved
				   as they were published, never late or
				   missing */
	/* Opened before its period ended, for this agency alone: who,
	   when (UTC) and why; NULL when it opens as the period ends. */
	char *opened_early_by;
	char *opened_early_at;
	char *opened_early_reason;
};

/*
 * Whether the return of 'period' is open on 'today' (YYYY-MM-DD): its
 * period has ended, or an analyst opened 'r' (the agency's return, NULL
 * when it has none yet) early.  A running quarter's figures would move
 * the board's view to a period not yet over.  When not open, 'opens'
 * gets the day it opens (YYYY-MM-DD).  Not a period: true, as that is
 * refused elsewhere, in its own words.
 */
bool vt_return_open(const struct vt_return *r, int fy_start_month,
		    const char *period, const char *today, char opens[11]);

/* The narrative of impact an agency gives for a priority in a period. */
struct vt_impact {
	char *agency;
	char *period;
	char *priority;
	int64_t version;	/* as for values: never overwritten */
	char *text;		/* Markdown */
	char *by;
	char *at;
};

/* One answer to a challenge (or a further word from its raiser). */
struct vt_challenge_response {
	char *date;		/* YYYY-MM-DD */
	char *by;		/* a role title */
	char *text;
};

/*
 * A question a scrutineer or chair puts about an action, a measure or a
 * return, which the agency must answer.  'on' names the subject as one
 * of vt_subject_kinds ("action:REF") or "return:AGENCY/PERIOD".
 */
/*
 * What a challenge can be about, "PREFIX:CODE" naming one record of a
 * kind: action:REF, measure:CODE, plan:CODE, priority:CODE, group:CODE,
 * review:REF, audit:REF, s11:AGENCY/CYCLE, scrutiny:REF.
 * return:AGENCY/PERIOD, which names no one record, is apart.
 */
struct vt_subject_kind {
	const char *prefix;	/* "plan:" */
	enum vt_kind kind;
	const char *noun;	/* "plan", "case review": for messages */
};
/* The kinds above, in that order; the last has a NULL prefix. */
extern const struct vt_subject_kind vt_subject_kinds[];
/* "action:REF, measure:CODE, ... or return:AGENCY/PERIOD": every form. */
extern const char vt_subject_forms[];
/* The kind 'on' names by its prefix, or NULL (return: or none). */
const struct vt_subject_kind *vt_subject_kind_of(const char *on);
/* The record of kind 'k' that 'name' (past the prefix) names in 'def'. */
struct vt_def;
void *vt_subject_find(const struct vt_def *def,
		      const struct vt_subject_kind *k, const char *name);

struct vt_challenge {
	char *id;		/* "1", "2", ...: numbered as raised */
	char *on;
	char *by;		/* a role title, never a person's name */
	char *raised;		/* YYYY-MM-DD */
	char *text;
	int status;		/* enum vt_challenge_status */
	struct vt_challenge_response *responses;
	size_t nresponses;
	char *outcome;		/* how it was closed */
	char *closed;		/* YYYY-MM-DD */
	char *closed_by;
};

/*
 * A published figure to compare a measure with: England's, a region's or
 * a local authority's, for one period, as a DfE file gives it.
 */
struct vt_comparator {
	char *measure;
	char *period;		/* the Vitals period the figure covers */
	char *area;		/* E92000001, a region's code, or an LA code */
	int level;		/* enum vt_level */
	char *name;		/* "England", "South East", "Kent" */
	char *region;		/* an LA's region code, or NULL */
	double value;		/* as published; NaN when suppressed */
	char *suppressed;	/* the DfE code when withheld */
	double rate;		/* per 10,000 children, NaN when not known */
	char *source;		/* the file and column it came from */
};

/* The stages of a case review, in the order they come. */
enum vt_review_stage {
	VT_STAGE_NOTIFICATION, VT_STAGE_RAPID_REVIEW, VT_STAGE_DECISION,
	VT_STAGE_TERMS_OF_REFERENCE, VT_STAGE_REVIEWER, VT_STAGE_DRAFT,
	VT_STAGE_PANEL_COPY, VT_STAGE_PUBLICATION, VT_STAGE_CLOSED,
	VT_STAGE__MAX
};
/* "notification", "rapid-review", ...: as the command line names them. */
extern const char *const vt_review_stage_names[VT_STAGE__MAX + 1];
/* What the rapid review decided: "lcspr", "national", "learning", "none". */
extern const char *const vt_review_decision_names[];

struct vt_review_agency {
	char *agency;
};

struct vt_review_theme {
	char *theme;
};

/*
 * A rapid review and any practice review that follows it.  Only a case
 * reference identifies the child: never a name, a date of birth or an
 * address.  Each stage has a date (NULL until recorded) and a note.
 */
struct vt_review {
	char *ref;		/* "CSPR-2026-01" */
	char *aware;		/* the local authority became aware */
	char *reviewer;		/* a role title, never a person's name */
	char *decision;		/* vt_review_decision_names, or NULL */
	char *dates[VT_STAGE__MAX];
	char *notes[VT_STAGE__MAX];
	struct vt_review_agency *agencies;
	size_t nagencies;
	struct vt_review_theme *themes;
	size_t nthemes;
};

/*
 * Whether 'text' could identify a person: two or more capitalised words
 * with no digit ("Jane Smith"), or a date ("12/03/2015", "2015-03-12").
 * Case records hold references and role titles only.
 */
bool vt_text_looks_personal(const char *text);

/* The field holding the date of 'stage' ("rapid_review", "decided"). */
const char *vt_review_date_field(int stage);

/* Which register a partnership's theme belongs to. */
enum vt_theme_register {
	VT_THEME_REVIEW, VT_THEME_ESCALATION, VT_THEME_AUDIT, VT_THEME_VOICE,
	VT_THEME__MAX
};
/* "review", "escalation", "audit", "voice". */
extern const char *const vt_theme_register_names[VT_THEME__MAX + 1];

/*
 * A theme the partnership names for one register.  Once a register has
 * any, the records of that register use only those; with none, case
 * reviews take any code and escalations the default list
 * (vt_escalation_default_themes).
 */
struct vt_theme {
	char *code;
	char *name;
	int register_;		/* enum vt_theme_register */
};

/* One stage of the partnership's escalation protocol. */
struct vt_escalation_stage {
	char *name;		/* "Manager to manager" */
	int64_t days;		/* working days to resolve it at this stage */
};

/* A stage an escalation reached: stage 1 on the day it was raised. */
struct vt_escalation_step {
	int64_t stage;		/* 1 .. the protocol's last */
	char *date;
	char *note;
};

/* How an escalation ended. */
extern const char *const vt_escalation_outcome_names[];
/* "thresholds", "information-sharing", ...: with no escalation themes. */
extern const char *const vt_escalation_default_themes[];

/*
 * A disagreement between agencies about a child's case, raised by one
 * agency (a role, never a person) about another and escalated through the
 * partnership's protocol.  Like a case review it names no child.
 */
struct vt_escalation {
	char *ref;		/* "ESC-2026-01" */
	char *raised;		/* the day it was raised (stage 1) */
	char *raised_by;	/* the agency raising it */
	char *raised_role;	/* the raiser's role title */
	char *about;		/* the agency it is about */
	char *theme;
	char *summary;
	char *outcome;		/* vt_escalation_outcome_names, or NULL */
	char *resolved;		/* the day it was resolved, or NULL */
	char *resolution;
	struct vt_escalation_step *steps;	/* in stage order */
	size_t nsteps;
};

/* How a voice report heard children, young people and families. */
enum vt_voice_method {
	VT_VOICE_SURVEY, VT_VOICE_FOCUS_GROUP, VT_VOICE_INTERVIEW,
	VT_VOICE_CONSULTATION, VT_VOICE_FEEDBACK, VT_VOICE_ADVOCACY,
	VT_VOICE_OTHER, VT_VOICE__MAX
};
/* "survey", "focus-group", "interview", ... */
extern const char *const vt_voice_method_names[VT_VOICE__MAX + 1];

struct vt_voice_theme {
	char *theme;
};

struct vt_voice_priority {
	char *priority;
};

struct vt_voice_action {
	char *action;
};

/*
 * A report of what children, young people and families said: a survey,
 * a focus group, the feedback of those referred.  Who ran it is an agency
 * or a body ("Young Inspectors"), never a person, and it counts those who
 * took part without naming any.  'changed' is what the partnership did as
 * a result, empty until known; it names the priorities and actions it
 * bears on.  'measure', when given, is the measure whose figures the
 * report's participants are counted in (the demo's "voices heard").
 */
struct vt_voice {
	char *ref;		/* "VOICE-2026-01" */
	char *title;
	char *source;		/* an agency code or a body, never a person */
	char *date;		/* YYYY-MM-DD: its quarter counts it */
	int method;		/* enum vt_voice_method */
	int64_t participants;
	struct vt_voice_theme *themes;
	size_t nthemes;
	char *summary;
	char *changed;		/* what the partnership changed, or NULL */
	char *measure;		/* a measure code, or NULL */
	struct vt_voice_priority *priorities;
	size_t npriorities;
	struct vt_voice_action *actions;
	size_t nactions;
};

/* How the independent scrutineer looks at something. */
enum vt_scrutiny_method {
	VT_SCRUTINY_OBSERVATION, VT_SCRUTINY_CASE_AUDIT, VT_SCRUTINY_INTERVIEW,
	VT_SCRUTINY_SURVEY, VT_SCRUTINY_DATA_REVIEW,
	VT_SCRUTINY_MEETING_ATTENDANCE, VT_SCRUTINY_OTHER, VT_SCRUTINY__MAX
};
/* "observation", "case-audit", ... */
extern const char *const vt_scrutiny_method_names[VT_SCRUTINY__MAX + 1];

/* Where an item of the plan is: planned, in progress, reported, or
   dropped from the plan. */
enum vt_scrutiny_status {
	VT_SCRUTINY_PLANNED, VT_SCRUTINY_IN_PROGRESS, VT_SCRUTINY_REPORTED,
	VT_SCRUTINY_DROPPED, VT_SCRUTINY_STATUS__MAX
};
extern const char *const vt_scrutiny_status_names[VT_SCRUTINY_STATUS__MAX
						   + 1];

/* What a finding becomes: a challenge the agencies answer, or an action
   in the tracker. */
enum vt_finding_becomes {
	VT_FINDING_CHALLENGE, VT_FINDING_ACTION, VT_FINDING__MAX
};
extern const char *const vt_finding_becomes_names[VT_FINDING__MAX + 1];

/* One finding of a scrutiny report and the record it became. */
struct vt_scrutiny_finding {
	char *text;
	int becomes;		/* enum vt_finding_becomes */
	char *challenge;	/* the challenge's number, when one */
	char *action;		/* the action's reference, when one */
};

/*
 * An item of the independent scrutineer's annual plan: what is looked at
 * (a theme), how, when it is planned, and once reported the report's
 * summary and its findings, each made a challenge (on scrutiny:REF) or an
 * action.  Like the other registers it names no one.
 */
struct vt_scrutiny {
	char *ref;		/* "SCR-2026-01" */
	char *year;		/* the plan's financial year: "2026-27" */
	char *theme;		/* a code */
	int method;		/* enum vt_scrutiny_method */
	char *planned;		/* a date or a quarter's id ("2026Q3") */
	int status;		/* enum vt_scrutiny_status */
	char *reported;		/* the day it was reported, or NULL */
	char *summary;		/* the report's summary, or NULL */
	struct vt_scrutiny_finding *findings;
	size_t nfindings;
};

/* One partner's contribution to a year's pooled budget. */
struct vt_budget_contribution {
	char *agency;
	double amount;		/* pounds; may have pence */
	char *note;		/* e.g. that the split is illustrative */
};

/* A heading the pooled budget is spent under. */
struct vt_budget_spend {
	char *heading;		/* "Business unit staffing" */
	double budgeted;	/* pounds */
	double actual;		/* pounds; NaN until known */
};

/*
 * The partnership's pooled budget for one financial year ("2025-26"):
 * what each partner contributes and how it is spent.  Its total is the
 * sum of the contributions, computed, never typed; the headings' budgets
 * may not exceed it.
 */
struct vt_budget {
	char *year;
	struct vt_budget_contribution *contributions;
	size_t ncontributions;
	struct vt_budget_spend *spend;
	size_t nspend;
	char *note;
};

/* Whether 'year' is a financial year's code: "2025-26", the second the
   year after the first. */
bool vt_budget_year_valid(const char *year);

/*
 * A sum of money as the partnership writes it: "£550,000" when
 * whole pounds, "£1,234.50" with pence, "-£12.50" below nil;
 * rounded to the penny.  Writes at most 'size' bytes, always ended.
 */
void vt_money_text(double pounds, char *out, size_t size);

/* The sections of the annual report, in its order. */
enum vt_annual_key {
	VT_ANNUAL_FOREWORD, VT_ANNUAL_SUMMARY, VT_ANNUAL_ARRANGEMENTS,
	VT_ANNUAL_PLANS, VT_ANNUAL_IMPACT, VT_ANNUAL_REVIEWS,
	VT_ANNUAL_AUDITS, VT_ANNUAL_ESCALATIONS, VT_ANNUAL_SCRUTINY,
	VT_ANNUAL_TRAINING, VT_ANNUAL_FUNDING, VT_ANNUAL_NEXT_YEAR,
	VT_ANNUAL__MAX
};
/* "foreword", "summary", "arrangements", ... "next-year". */
extern const char *const vt_annual_key_names[VT_ANNUAL__MAX + 1];

/*
 * A section of the annual report in the business manager's words, for a
 * financial year ("2025-26").  Never overwritten: each save is a new
 * version, and the report shows the latest.
 */
struct vt_narrative {
	char *year;		/* "2025-26" */
	char *section;		/* one of vt_annual_key_names */
	int64_t version;
	char *text;		/* Markdown */
	char *by;		/* a role title or an account */
	char *at;		/* when saved, UTC */
};

/* Where a meeting of a group is: planned, held, or cancelled. */
enum vt_meeting_status {
	VT_MEETING_PLANNED, VT_MEETING_HELD, VT_MEETING_CANCELLED,
	VT_MEETING__MAX
};
extern const char *const vt_meeting_status_names[VT_MEETING__MAX + 1];

/* How an agency was at a meeting. */
enum vt_attended {
	VT_ATTENDED_PRESENT, VT_ATTENDED_APOLOGIES, VT_ATTENDED_ABSENT,
	VT_ATTENDED__MAX
};
extern const char *const vt_attended_names[VT_ATTENDED__MAX + 1];

/* An item of a meeting's agenda (its forward plan before it is held). */
struct vt_meeting_item {
	char *text;
};

/* One agency's attendance at a meeting. */
struct vt_meeting_attendance {
	char *agency;
	int attended;		/* enum vt_attended */
};

/* A decision of a meeting: who owns it (a role title of an agency), when
   it is due and when it was done. */
struct vt_meeting_decision {
	int64_t number;		/* from 1 within the meeting */
	char *text;
	char *owner;		/* a role title, never a name */
	char *agency;		/* the owner's agency */
	char *due;		/* a date, or NULL */
	char *done;		/* a date, or NULL: open */
};

/* A report the meeting received: "return:AGENCY/PERIOD", "audit:REF",
   "review:REF", "scrutiny:REF" or "pack:QUARTER" ("pack:2026Q2"). */
struct vt_meeting_report {
	char *subject;
	char *note;		/* or NULL */
};

/*
 * A meeting of a group on a day: its agenda, who attended, what it
 * decided and the reports it received.  Whether it was quorate is worked
 * out from the attendance and the group's quorum, never stored.
 */
struct vt_meeting {
	char *ref;		/* "executive-2026-09-14" */
	char *group;
	char *date;
	int status;		/* enum vt_meeting_status */
	struct vt_meeting_item *items;
	size_t nitems;
	struct vt_meeting_attendance *attendance;
	size_t nattendance;
	struct vt_meeting_decision *decisions;
	size_t ndecisions;
	struct vt_meeting_report *received;
	size_t nreceived;
};

/* The stages of the partnership's escalation protocol in force ('p' may
   be NULL): its own, or the four-stage default. */
size_t vt_escalation_stage_count(const struct vt_partnership *p);
/* Stage 'n' (from 1) of that protocol; NULL past its last. */
const struct vt_escalation_stage *
vt_escalation_stage_at(const struct vt_partnership *p, size_t n);

/* One grade of the partnership's audit grade scale. */
struct vt_audit_scale {
	char *name;		/* "requires-improvement" */
};

/* An agency taking part in an audit. */
struct vt_audit_agency {
	char *agency;
};

/* One agency's grade for one case of an audit: a case reference only. */
struct vt_audit_grade {
	char *case_;		/* "case" in a file: "C-104" */
	char *agency;
	char *grade;		/* one of the grade scale */
	char *findings;
};

/* "outstanding", "good", "requires-improvement", "inadequate". */
extern const char *const vt_audit_default_grades[];

/*
 * A multi-agency case audit of the partnership's programme: planned for a
 * quarter on one theme, led by one agency with others taking part, each
 * grading the sample's cases.  Cases are references, never names.
 */
struct vt_audit {
	char *ref;		/* "MAA-2026-01" */
	char *theme;
	char *planned;		/* a quarter id: "2026Q2" */
	char *lead;		/* the lead agency, one taking part */
	int64_t sample;		/* cases planned */
	char *done;		/* the day it was completed, or NULL */
	char *summary;
	char *reaudit_of;	/* an earlier audit it repeats, or NULL */
	struct vt_audit_agency *agencies;
	size_t nagencies;
	struct vt_audit_grade *grades;
	size_t ngrades;
};

/* The grade scale in force ('p' may be NULL): its own, or the default. */
size_t vt_audit_grade_count(const struct vt_partnership *p);
/* Grade 'n' (from 0) of that scale; NULL past its last. */
const char *vt_audit_grade_at(const struct vt_partnership *p, size_t n);

/* ------------------------------------------------------------------ */
/* Section 11 self-assessments (Children Act 2004) */

/* One standard of the partnership's section 11 framework. */
struct vt_s11_standard {
	char *code;		/* "S1" */
	char *name;
};

/* How an agency rates itself against a standard. */
enum vt_s11_grade {
	VT_S11_MET, VT_S11_PARTLY_MET, VT_S11_NOT_MET, VT_S11__MAX
};
/* "met", "partly-met", "not-met". */
extern const char *const vt_s11_grade_names[VT_S11__MAX + 1];
/* How a challenge session ended: "agreed", "rating-changed". */
extern const char *const vt_s11_outcome_names[];

/* An agency's rating against one standard; an action is required when
   the standard is not met or partly met. */
struct vt_s11_rating {
	char *standard;		/* a code of the framework */
	int rating;		/* enum vt_s11_grade */
	char *evidence;
	char *action;
};

/* A rating the challenge session changed: from the agency's own to the
   one agreed; the rating holds the new value. */
struct vt_s11_change {
	char *standard;
	int from;		/* enum vt_s11_grade */
	int to;
};

/*
 * An agency's section 11 self-assessment for one cycle ("2025",
 * "2025-26"): a draft until submitted, then open to one challenge
 * session.  It names roles only, never a person.
 */
struct vt_s11 {
	char *agency;
	char *cycle;
	char *submitted;	/* the day it was submitted, NULL: a draft */
	struct vt_s11_rating *ratings;
	size_t nratings;
	char *challenged;	/* the challenge session's date, or NULL */
	char *challenge_outcome; /* vt_s11_outcome_names, or NULL */
	char *challenge_note;
	struct vt_s11_change *changes;
	size_t nchanges;
};

/* The standards of the partnership's framework in force ('p' may be
   NULL): its own, or the eight-standard default. */
size_t vt_s11_standard_count(const struct vt_partnership *p);
/* Standard 'n' (from 1) of that framework; NULL past its last. */
const struct vt_s11_standard *
vt_s11_standard_at(const struct vt_partnership *p, size_t n);

struct vt_def;

/* Whether 'cycle' is a cycle's code: a year ("2025") or a financial
   year ("2025-26", the second the year after the first). */
bool vt_s11_cycle_valid(const char *cycle);
/* The self-assessment of 'agency' for 'cycle' in 'def', or NULL. */
struct vt_s11 *vt_s11_find(const struct vt_def *def, const char *agency,
			   const char *cycle);
/* The same by its key "AGENCY/CYCLE" (as an action's 's11' holds it). */
struct vt_s11 *vt_s11_find_key(const struct vt_def *def, const char *key);
/* Its rating against 'standard', or NULL when not rated. */
struct vt_s11_rating *vt_s11_rating_of(const struct vt_s11 *a,
				       const char *standard);

/* ------------------------------------------------------------------ */
/* Field tables */

enum vt_ftype {
	VT_FT_TEXT,	/* char * */
	VT_FT_DATE,	/* char *, YYYY-MM-DD */
	VT_FT_PERIOD,	/* char *, a canonical period id */
	VT_FT_REF,	/* char *, the code of a record of kind 'ref' */
	VT_FT_INT,	/* int64_t */
	VT_FT_REAL,	/* double, NaN when absent */
	VT_FT_BOOL,	/* bool */
	VT_FT_ENUM,	/* int indexing 'names' */
	VT_FT_LIST,	/* array of 'child' records, count at 'count_offset' */
	VT_FT__MAX
};

enum vt_fflags {
	VT_FF_KEY = 1 << 0,	 /* part of the record's identity */
	VT_FF_REQUIRED = 1 << 1, /* must be present in a file */
	VT_FF_SCALAR = 1 << 2,	 /* LIST of one-field records, as plain values */
	VT_FF_CODE = 1 << 3,	 /* TEXT shaped as a code: [A-Za-z0-9._-]{1,64} */
	VT_FF_HISTORY = 1 << 4,	 /* LIST that a load adds to, never shortens */
	VT_FF_QUIET = 1 << 5,	 /* ENUM or INT left out of a file at its default */
	VT_FF_KEEP = 1 << 6,	 /* set by a command, not the file: a load
				    that leaves it out keeps what is stored */
	VT_FF_JSON = 1 << 7,	 /* TEXT holding a JSON object, written in a
				    file as the object itself */
};

struct vt_entity;

struct vt_field {
	const char *name;		/* JSON member and column name */
	enum vt_ftype type;
	size_t offset;
	unsigned flags;
	const char *const *names;	/* VT_FT_ENUM */
	int def;			/* VT_FT_ENUM, VT_FT_INT: when absent */
	enum vt_kind ref;		/* VT_FT_REF */
	enum vt_kind child;		/* VT_FT_LIST */
	size_t count_offset;		/* VT_FT_LIST */
	int64_t min, max;		/* VT_FT_INT range when min < max;
					   VT_FT_TEXT length cap when max */
};

struct vt_entity {
	enum vt_kind kind;
	const char *name;		/* "measure" */
	const char *plural;		/* "measures": the file's member */
	size_t size;
	const struct vt_field *fields;
	size_t nfields;
};

/* The table for 'kind'. */
const struct vt_entity *vt_entity_of(enum vt_kind kind);

/* Release what a record owns (not the record itself). */
void vt_record_release(enum vt_kind kind, void *rec);

/*
 * The record's identity as one string ("police", "CSC-M1/2024Q3/u11#2").
 * Returns a string the caller frees, or NULL when out of memory.
 */
char *vt_record_key(enum vt_kind kind, const void *rec);

/*
 * The canonical JSON form of a record: fields in table order, absent
 * fields left out.  '*out' is a new reference the caller json_decref()s.
 */
VT_MUST_USE
enum vt_err vt_record_to_json(enum vt_kind kind, const void *rec, json_t **out);

/* A number as Vitals writes it in JSON: whole numbers as integers, NaN
   and infinities as null. */
json_t *vt_json_number(double v);

/*
 * The largest figure a measure of 'unit' may plausibly hold (its
 * magnitude, for money): a count of children or events up to a billion,
 * a rate per 10,000 up to 100,000, up to 36,500 days, money up to a
 * trillion; a percentage is bounded by its own rule (0-100).  Every bound
 * is far below 2^53, so no figure accepted is ever rounded on the way in,
 * and no mean or limit computed from them overflows.
 */
double vt_unit_max(int unit);

/* ------------------------------------------------------------------ */
/* A whole partnership definition, as read from a file or the database */

struct vt_table {
	void *items;
	size_t n;
	size_t alloc;
	unsigned char *flawed;	/* per item, once any is marked */
};

struct vt_def {
	struct vt_table tables[VT_KIND_TOPLEVEL];
};

void vt_def_init(struct vt_def *def);
void vt_def_release(struct vt_def *def);

size_t vt_def_count(const struct vt_def *def, enum vt_kind kind);
/* Whether 'def' holds no record of any kind. */
bool vt_def_is_empty(const struct vt_def *def);
/* Whether any figure in 'def' is illustrative (demo data). */
bool vt_def_illustrative(const struct vt_def *def);
void *vt_def_at(const struct vt_def *def, enum vt_kind kind, size_t i);

/*
 * Keep only the records of 'kind' for which 'keep' answers true, in their
 * order; the others are released.  Marks of flawed records are dropped.
 */
void vt_def_keep(struct vt_def *def, enum vt_kind kind,
		 bool (*keep)(const void *rec, void *arg), void *arg);

/* Append a zeroed record (optional numbers NaN) and point '*rec' at it. */
VT_MUST_USE
enum vt_err vt_def_append(struct vt_def *def, enum vt_kind kind, void **rec);

/*
 * Mark record 'i' as refused field by field while it was read, so the
 * rules between records leave it alone rather than repeat the problem.
 */
VT_MUST_USE
enum vt_err vt_def_mark_flawed(struct vt_def *def, enum vt_kind kind,
			       size_t i);
bool vt_def_flawed(const struct vt_def *def, enum vt_kind kind, size_t i);

/* The first record of 'kind' with the same key as 'rec', or NULL. */
void *vt_def_find_like(const struct vt_def *def, enum vt_kind kind,
		       const void *rec);

/* The first record of 'kind' whose key is 'code', or NULL. */
void *vt_def_find(const struct vt_def *def, enum vt_kind kind,
		  const char *code);

/* ------------------------------------------------------------------ */
/* Validation */

/*
 * Whether 'agency' may give a narrative for 'priority', whose plan is
 * 'plan' (NULL: none found): a single-agency plan's priorities are that
 * agency's alone to report on, since a narrative of another agency there
 * would speak in its name.  When it may not, why goes to 'why'.  The
 * definition's check and a return's import both hold to this.
 */
bool vt_impact_allowed(const struct vt_plan *plan, const char *priority,
		       const char *agency, char *why, size_t size);

/*
 * Checking a definition: diagnostics name a path such as
 * "measures[3].direction", which 'place' turns into a source and line
 * (the JSON reader looks the path up in the file's text).  References may
 * be satisfied by the definition itself or by 'base', what the database
 * already holds (NULL for none).
 */
struct vt_check {
	const struct vt_def *base;
	struct vt_diagq *dq;
	void (*place)(void *ctx, const char *path, const char **source,
		      long *line);
	void *ctx;
};

/* Report one error at 'path'. */
VT_MUST_USE
enum vt_err vt_check_error(struct vt_check *ck, const char *path,
			   const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Read one record of 'kind' from a JSON object at 'path', checking every
 * field by its table: unknown members, types, required fields, enum
 * names, dates, periods and ranges.  Problems go to 'ck'; the record is
 * filled as far as it could be.  Returns VT_OK unless out of memory.
 */
VT_MUST_USE
enum vt_err vt_record_from_json(enum vt_kind kind, json_t *obj,
				const char *path, struct vt_check *ck,
				void *rec);

/*
 * The rules between fields and between records: duplicate keys, dangling
 * references, a single-agency plan without its agency, a value whose
 * period does not fit its measure's frequency, and so on.  Returns VT_OK
 * unless out of memory; the verdict is in ck->dq.
 */
VT_MUST_USE
enum vt_err vt_def_check(const struct vt_def *def, struct vt_check *ck);

/*
 * Multi-agency measures.  The contributor entry of 'agency' in 'm', or
 * NULL when it returns no part of it.
 */
const struct vt_contributor *vt_measure_contributor(const struct vt_measure *m,
						    const char *agency);
/* The agency that returns the figure of 'm' for 'breakdown' (NULL or ""
   for the whole measure): a contributor for its own part, otherwise the
   owner.  The string belongs to 'm'. */
const char *vt_measure_agency_of(const struct vt_measure *m,
				 const char *breakdown);
/* A part of 'm' in words: the title its definition gives breakdown
   'code' ("Under 11"), else the name in 'def' of the agency whose part
   it is, else the code.  NULL for the whole measure (NULL or "").  The
   string belongs to 'm' or 'def'. */
const char *vt_measure_part_words(const struct vt_def *def,
				  const struct vt_measure *m,
				  const char *code);
/* Whether the partnership figure of 'm' is the sum of the parts'
   numerators over the sum of their denominators (a percent or rate with
   both defined) rather than the sum of the parts (a count). */
bool vt_measure_sums_ratio(const struct vt_measure *m);

#endif
