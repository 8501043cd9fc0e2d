/* The SQL text of every statement, in SQLite's dialect. */
#include <stddef.h>

#include "store/backend.h"
#include "store/stmts_sqlite.h"

/*
 * One text per statement, all with $1..$n parameters bound by name (SQLite
 * numbers "$n" by first appearance, so positional binding would be wrong
 * for a statement that uses $2 before $1).  No SQL is built at run time.
 */
static const char *const stmts[STMT__MAX] = {
	[STMT_PARTNERSHIP_INSERT] =
		"INSERT INTO partnership (code, name, area, la_code, "
		"fy_start_month, return_due_days, action_update_days, "
		"publish_submitted, neighbour_set, notification_days, "
		"rapid_review_days, publication_months, panel_copy_days) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
	[STMT_PARTNERSHIP_UPDATE] =
		"UPDATE partnership SET name = $2, area = $3, la_code = $4, "
		"fy_start_month = $5, return_due_days = $6, "
		"action_update_days = $7, publish_submitted = $8, "
		"neighbour_set = $9, notification_days = $10, "
		"rapid_review_days = $11, publication_months = $12, "
		"panel_copy_days = $13 WHERE code = $1",
	[STMT_PARTNERSHIP_SELECT] =
		"SELECT code, name, area, la_code, fy_start_month, "
		"return_due_days, action_update_days, publish_submitted, "
		"neighbour_set, notification_days, rapid_review_days, "
		"publication_months, panel_copy_days FROM partnership ORDER BY id",
	[STMT_NEIGHBOUR_INSERT] =
		"INSERT INTO neighbour (partnership, pos, la) "
		"VALUES ($1, $2, $3)",
	[STMT_NEIGHBOUR_DELETE] =
		"DELETE FROM neighbour WHERE partnership = $1",
	[STMT_NEIGHBOUR_SELECT] =
		"SELECT partnership, la FROM neighbour "
		"ORDER BY partnership, pos",
	[STMT_REVIEW_INSERT] =
		"INSERT INTO review (ref, aware, reviewer, decision, "
		"notification, rapid_review, decided, terms_of_reference, "
		"reviewer_appointed, draft, panel_copy, publication, "
		"closed, notification_note, rapid_review_note, "
		"decision_note, terms_of_reference_note, reviewer_note, "
		"draft_note, panel_copy_note, publication_note, "
		"closed_note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
		"$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, "
		"$21, $22)",
	[STMT_REVIEW_UPDATE] =
		"UPDATE review SET aware = $2, reviewer = $3, decision = "
		"$4, notification = $5, rapid_review = $6, decided = $7, "
		"terms_of_reference = $8, reviewer_appointed = $9, draft = "
		"$10, panel_copy = $11, publication = $12, closed = $13, "
		"notification_note = $14, rapid_review_note = $15, "
		"decision_note = $16, terms_of_reference_note = $17, "
		"reviewer_note = $18, draft_note = $19, panel_copy_note = "
		"$20, publication_note = $21, closed_note = $22 WHERE ref = "
		"$1",
	[STMT_REVIEW_SELECT] =
		"SELECT ref, aware, reviewer, decision, notification, "
		"rapid_review, decided, terms_of_reference, "
		"reviewer_appointed, draft, panel_copy, publication, "
		"closed, notification_note, rapid_review_note, "
		"decision_note, terms_of_reference_note, reviewer_note, "
		"draft_note, panel_copy_note, publication_note, closed_note "
		"FROM review ORDER BY id",
	[STMT_REVIEW_AGENCY_INSERT] =
		"INSERT INTO review_agency (review, pos, agency) "
		"VALUES ($1, $2, $3)",
	[STMT_REVIEW_AGENCY_DELETE] =
		"DELETE FROM review_agency WHERE review = $1",
	[STMT_REVIEW_AGENCY_SELECT] =
		"SELECT review, agency FROM review_agency "
		"ORDER BY review, pos",
	[STMT_REVIEW_THEME_INSERT] =
		"INSERT INTO review_theme (review, pos, theme) "
		"VALUES ($1, $2, $3)",
	[STMT_REVIEW_THEME_DELETE] =
		"DELETE FROM review_theme WHERE review = $1",
	[STMT_REVIEW_THEME_SELECT] =
		"SELECT review, theme FROM review_theme "
		"ORDER BY review, pos",
	[STMT_THEME_INSERT] =
		"INSERT INTO theme (code, name, register) VALUES ($1, $2, $3)",
	[STMT_THEME_UPDATE] =
		"UPDATE theme SET name = $2, register = $3 WHERE code = $1",
	[STMT_THEME_SELECT] =
		"SELECT code, name, register FROM theme ORDER BY id",
	[STMT_ESCALATION_STAGE_INSERT] =
		"INSERT INTO escalation_stage (partnership, pos, name, days) "
		"VALUES ($1, $2, $3, $4)",
	[STMT_ESCALATION_STAGE_DELETE] =
		"DELETE FROM escalation_stage WHERE partnership = $1",
	[STMT_ESCALATION_STAGE_SELECT] =
		"SELECT partnership, name, days FROM escalation_stage "
		"ORDER BY partnership, pos",
	[STMT_ESCALATION_INSERT] =
		"INSERT INTO escalation (ref, raised, raised_by, raised_role, "
		"about, theme, summary, outcome, resolved, resolution) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
	[STMT_ESCALATION_UPDATE] =
		"UPDATE escalation SET raised = $2, raised_by = $3, "
		"raised_role = $4, about = $5, theme = $6, summary = $7, "
		"outcome = $8, resolved = $9, resolution = $10 WHERE ref = $1",
	[STMT_ESCALATION_SELECT] =
		"SELECT ref, raised, raised_by, raised_role, about, theme, "
		"summary, outcome, resolved, resolution FROM escalation "
		"ORDER BY id",
	[STMT_ESCALATION_STEP_INSERT] =
		"INSERT INTO escalation_step (escalation, pos, stage, date, "
		"note) VALUES ($1, $2, $3, $4, $5)",
	[STMT_ESCALATION_STEP_DELETE] =
		"DELETE FROM escalation_step WHERE escalation = $1",
	[STMT_ESCALATION_STEP_SELECT] =
		"SELECT escalation, stage, date, note FROM escalation_step "
		"ORDER BY escalation, pos",
	[STMT_AUDIT_SCALE_INSERT] =
		"INSERT INTO audit_scale (partnership, pos, name) "
		"VALUES ($1, $2, $3)",
	[STMT_AUDIT_SCALE_DELETE] =
		"DELETE FROM audit_scale WHERE partnership = $1",
	[STMT_AUDIT_SCALE_SELECT] =
		"SELECT partnership, name FROM audit_scale "
		"ORDER BY partnership, pos",
	[STMT_AUDIT_INSERT] =
		"INSERT INTO audit (ref, theme, planned, lead, sample, done, "
		"summary, reaudit_of) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	[STMT_AUDIT_UPDATE] =
		"UPDATE audit SET theme = $2, planned = $3, lead = $4, "
		"sample = $5, done = $6, summary = $7, reaudit_of = $8 "
		"WHERE ref = $1",
	[STMT_AUDIT_SELECT] =
		"SELECT ref, theme, planned, lead, sample, done, summary, "
		"reaudit_of FROM audit ORDER BY id",
	[STMT_AUDIT_AGENCY_INSERT] =
		"INSERT INTO audit_agency (audit, pos, agency) "
		"VALUES ($1, $2, $3)",
	[STMT_AUDIT_AGENCY_DELETE] =
		"DELETE FROM audit_agency WHERE audit = $1",
	[STMT_AUDIT_AGENCY_SELECT] =
		"SELECT audit, agency FROM audit_agency "
		"ORDER BY audit, pos",
	[STMT_AUDIT_GRADE_INSERT] =
		"INSERT INTO audit_grade (audit, pos, case_ref, agency, grade, "
		"findings) VALUES ($1, $2, $3, $4, $5, $6)",
	[STMT_AUDIT_GRADE_DELETE] =
		"DELETE FROM audit_grade WHERE audit = $1",
	[STMT_AUDIT_GRADE_SELECT] =
		"SELECT audit, case_ref, agency, grade, findings "
		"FROM audit_grade ORDER BY audit, pos",
	/* Section 11 self-assessments: the children name their parent
	   by "AGENCY/CYCLE", its 'ref'. */
	[STMT_S11_STANDARD_INSERT] =
		"INSERT INTO s11_standard (partnership, pos, code, name) "
		"VALUES ($1, $2, $3, $4)",
	[STMT_S11_STANDARD_DELETE] =
		"DELETE FROM s11_standard WHERE partnership = $1",
	[STMT_S11_STANDARD_SELECT] =
		"SELECT partnership, code, name FROM s11_standard "
		"ORDER BY partnership, pos",
	[STMT_S11_INSERT] =
		"INSERT INTO s11 (agency, cycle, ref, submitted, challenged, "
		"challenge_outcome, challenge_note) VALUES ($1, $2, "
		"CAST($1 AS TEXT) || '/' || CAST($2 AS TEXT), $3, $4, $5, $6)",
	[STMT_S11_UPDATE] =
		"UPDATE s11 SET submitted = $3, challenged = $4, "
		"challenge_outcome = $5, challenge_note = $6 "
		"WHERE agency = $1 AND cycle = $2",
	[STMT_S11_SELECT] =
		"SELECT agency, cycle, submitted, challenged, "
		"challenge_outcome, challenge_note FROM s11 ORDER BY id",
	[STMT_S11_RATING_INSERT] =
		"INSERT INTO s11_rating (s11, pos, standard, rating, evidence, "
		"action) VALUES ($1, $2, $3, $4, $5, $6)",
	[STMT_S11_RATING_DELETE] = "DELETE FROM s11_rating WHERE s11 = $1",
	[STMT_S11_RATING_SELECT] =
		"SELECT s11, standard, rating, evidence, action "
		"FROM s11_rating ORDER BY s11, pos",
	[STMT_S11_CHANGE_INSERT] =
		"INSERT INTO s11_change (s11, pos, standard, rating_from, "
		"rating_to) VALUES ($1, $2, $3, $4, $5)",
	[STMT_S11_CHANGE_DELETE] = "DELETE FROM s11_change WHERE s11 = $1",
	[STMT_S11_CHANGE_SELECT] =
		"SELECT s11, standard, rating_from, rating_to "
		"FROM s11_change ORDER BY s11, pos",
	[STMT_VOICE_INSERT] =
		"INSERT INTO voice (ref, title, source, date, method, "
		"participants, summary, changed, measure) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
	[STMT_VOICE_UPDATE] =
		"UPDATE voice SET title = $2, source = $3, date = $4, "
		"method = $5, participants = $6, summary = $7, changed = $8, "
		"measure = $9 WHERE ref = $1",
	[STMT_VOICE_SELECT] =
		"SELECT ref, title, source, date, method, participants, "
		"summary, changed, measure FROM voice ORDER BY id",
	[STMT_VOICE_THEME_INSERT] =
		"INSERT INTO voice_theme (voice, pos, theme) VALUES ($1, $2, $3)",
	[STMT_VOICE_THEME_DELETE] =
		"DELETE FROM voice_theme WHERE voice = $1",
	[STMT_VOICE_THEME_SELECT] =
		"SELECT voice, theme FROM voice_theme "
		"ORDER BY voice, pos",
	[STMT_VOICE_PRIORITY_INSERT] =
		"INSERT INTO voice_priority (voice, pos, priority) VALUES ($1, $2, $3)",
	[STMT_VOICE_PRIORITY_DELETE] =
		"DELETE FROM voice_priority WHERE voice = $1",
	[STMT_VOICE_PRIORITY_SELECT] =
		"SELECT voice, priority FROM voice_priority "
		"ORDER BY voice, pos",
	[STMT_VOICE_ACTION_INSERT] =
		"INSERT INTO voice_action (voice, pos, action) VALUES ($1, $2, $3)",
	[STMT_VOICE_ACTION_DELETE] =
		"DELETE FROM voice_action WHERE voice = $1",
	[STMT_VOICE_ACTION_SELECT] =
		"SELECT voice, action FROM voice_action "
		"ORDER BY voice, pos",
	[STMT_SCRUTINY_INSERT] =
		"INSERT INTO scrutiny (ref, year, theme, method, planned, "
		"status, reported, summary) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	[STMT_SCRUTINY_UPDATE] =
		"UPDATE scrutiny SET year = $2, theme = $3, method = $4, "
		"planned = $5, status = $6, reported = $7, summary = $8 "
		"WHERE ref = $1",
	[STMT_SCRUTINY_SELECT] =
		"SELECT ref, year, theme, method, planned, status, reported, "
		"summary FROM scrutiny ORDER BY id",
	[STMT_SCRUTINY_FINDING_INSERT] =
		"INSERT INTO scrutiny_finding (scrutiny, pos, text, becomes, "
		"challenge, action) VALUES ($1, $2, $3, $4, $5, $6)",
	[STMT_SCRUTINY_FINDING_DELETE] =
		"DELETE FROM scrutiny_finding WHERE scrutiny = $1",
	[STMT_SCRUTINY_FINDING_SELECT] =
		"SELECT scrutiny, text, becomes, challenge, action "
		"FROM scrutiny_finding ORDER BY scrutiny, pos",
	[STMT_BUDGET_INSERT] =
		"INSERT INTO budget (year, note) VALUES ($1, $2)",
	[STMT_BUDGET_UPDATE] =
		"UPDATE budget SET note = $2 WHERE year = $1",
	[STMT_BUDGET_SELECT] =
		"SELECT year, note FROM budget ORDER BY year",
	[STMT_BUDGET_CONTRIBUTION_INSERT] =
		"INSERT INTO budget_contribution (budget, pos, agency, amount, "
		"note) VALUES ($1, $2, $3, $4, $5)",
	[STMT_BUDGET_CONTRIBUTION_DELETE] =
		"DELETE FROM budget_contribution WHERE budget = $1",
	[STMT_BUDGET_CONTRIBUTION_SELECT] =
		"SELECT budget, agency, amount, note FROM budget_contribution "
		"ORDER BY budget, pos",
	[STMT_BUDGET_SPEND_INSERT] =
		"INSERT INTO budget_spend (budget, pos, heading, budgeted, "
		"actual) VALUES ($1, $2, $3, $4, $5)",
	[STMT_BUDGET_SPEND_DELETE] =
		"DELETE FROM budget_spend WHERE budget = $1",
	[STMT_BUDGET_SPEND_SELECT] =
		"SELECT budget, heading, budgeted, actual FROM budget_spend "
		"ORDER BY budget, pos",
	/* schema 23: groups' terms and members, their meetings */
	[STMT_GROUP_MEMBER_INSERT] =
		"INSERT INTO group_member (board_group, pos, agency, role) "
		"VALUES ($1, $2, $3, $4)",
	[STMT_GROUP_MEMBER_DELETE] =
		"DELETE FROM group_member WHERE board_group = $1",
	[STMT_GROUP_MEMBER_SELECT] =
		"SELECT board_group, agency, role FROM group_member "
		"ORDER BY board_group, pos",
	[STMT_MEETING_INSERT] =
		"INSERT INTO meeting (ref, board_group, date, status) "
		"VALUES ($1, $2, $3, $4)",
	[STMT_MEETING_UPDATE] =
		"UPDATE meeting SET board_group = $2, date = $3, status = $4 "
		"WHERE ref = $1",
	[STMT_MEETING_SELECT] =
		"SELECT ref, board_group, date, status FROM meeting "
		"ORDER BY id",
	[STMT_MEETING_ITEM_INSERT] =
		"INSERT INTO meeting_item (meeting, pos, text) "
		"VALUES ($1, $2, $3)",
	[STMT_MEETING_ITEM_DELETE] =
		"DELETE FROM meeting_item WHERE meeting = $1",
	[STMT_MEETING_ITEM_SELECT] =
		"SELECT meeting, text FROM meeting_item "
		"ORDER BY meeting, pos",
	[STMT_MEETING_ATTENDANCE_INSERT] =
		"INSERT INTO meeting_attendance (meeting, pos, agency, "
		"attended) VALUES ($1, $2, $3, $4)",
	[STMT_MEETING_ATTENDANCE_DELETE] =
		"DELETE FROM meeting_attendance WHERE meeting = $1",
	[STMT_MEETING_ATTENDANCE_SELECT] =
		"SELECT meeting, agency, attended FROM meeting_attendance "
		"ORDER BY meeting, pos",
	[STMT_MEETING_DECISION_INSERT] =
		"INSERT INTO meeting_decision (meeting, pos, number, text, "
		"owner, agency, due, done) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	[STMT_MEETING_DECISION_DELETE] =
		"DELETE FROM meeting_decision WHERE meeting = $1",
	[STMT_MEETING_DECISION_SELECT] =
		"SELECT meeting, number, text, owner, agency, due, done "
		"FROM meeting_decision ORDER BY meeting, pos",
	[STMT_MEETING_REPORT_INSERT] =
		"INSERT INTO meeting_report (meeting, pos, subject, note) "
		"VALUES ($1, $2, $3, $4)",
	[STMT_MEETING_REPORT_DELETE] =
		"DELETE FROM meeting_report WHERE meeting = $1",
	[STMT_MEETING_REPORT_SELECT] =
		"SELECT meeting, subject, note FROM meeting_report "
		"ORDER BY meeting, pos",
	[STMT_COMPARATOR_INSERT] =
		"INSERT INTO comparator (measure, period, area, level, name, "
		"region, value, suppressed, rate, source) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
	[STMT_COMPARATOR_UPDATE] =
		"UPDATE comparator SET level = $4, name = $5, region = $6, "
		"value = $7, suppressed = $8, rate = $9, source = $10 "
		"WHERE measure = $1 AND period = $2 AND area = $3",
	[STMT_COMPARATOR_SELECT] =
		"SELECT measure, period, area, level, name, region, value, "
		"suppressed, rate, source FROM comparator ORDER BY id",
	[STMT_POPULATION_INSERT] =
		"INSERT INTO population (partnership, pos, year, children) "
		"VALUES ($1, $2, $3, $4)",
	[STMT_POPULATION_DELETE] =
		"DELETE FROM population WHERE partnership = $1",
	[STMT_POPULATION_SELECT] =
		"SELECT partnership, year, children FROM population "
		"ORDER BY partnership, pos",
	[STMT_AGENCY_INSERT] =
		"INSERT INTO agency (code, name, sector, kind) "
		"VALUES ($1, $2, $3, $4)",
	[STMT_AGENCY_UPDATE] =
		"UPDATE agency SET name = $2, sector = $3, kind = $4 "
		"WHERE code = $1",
	[STMT_AGENCY_SELECT] =
		"SELECT code, name, sector, kind FROM agency ORDER BY id",
	[STMT_GROUP_INSERT] =
		"INSERT INTO board_group (code, name, chair, cadence, "
		"reports_to, terms, outcomes, quorum) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	[STMT_GROUP_UPDATE] =
		"UPDATE board_group SET name = $2, chair = $3, cadence = $4, "
		"reports_to = $5, terms = $6, outcomes = $7, quorum = $8 "
		"WHERE code = $1",
	[STMT_GROUP_SELECT] =
		"SELECT code, name, chair, cadence, reports_to, terms, "
		"outcomes, quorum FROM board_group ORDER BY id",
	[STMT_PLAN_INSERT] =
		"INSERT INTO plan (code, title, kind, agency, theme, "
		"board_group, starts, ends, status) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
	[STMT_PLAN_UPDATE] =
		"UPDATE plan SET title = $2, kind = $3, agency = $4, "
		"theme = $5, board_group = $6, starts = $7, ends = $8, "
		"status = $9 WHERE code = $1",
	[STMT_PLAN_SELECT] =
		"SELECT code, title, kind, agency, theme, board_group, starts, "
		"ends, status FROM plan ORDER BY id",
	[STMT_PLAN_MEASURE_INSERT] =
		"INSERT INTO plan_measure (plan, pos, measure) "
		"VALUES ($1, $2, $3)",
	[STMT_PLAN_MEASURE_DELETE] =
		"DELETE FROM plan_measure WHERE plan = $1",
	[STMT_PLAN_MEASURE_SELECT] =
		"SELECT plan, measure FROM plan_measure ORDER BY plan, pos",
	[STMT_PRIORITY_INSERT] =
		"INSERT INTO priority (code, plan, number, title, text, "
		"starts, ends, status) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	[STMT_PRIORITY_UPDATE] =
		"UPDATE priority SET plan = $2, number = $3, title = $4, "
		"text = $5, starts = $6, ends = $7, status = $8 "
		"WHERE code = $1",
	[STMT_PRIORITY_SELECT] =
		"SELECT code, plan, number, title, text, starts, ends, status "
		"FROM priority "
		"ORDER BY id",
	[STMT_OBJECTIVE_INSERT] =
		"INSERT INTO objective (code, priority, number, text) "
		"VALUES ($1, $2, $3, $4)",
	[STMT_OBJECTIVE_UPDATE] =
		"UPDATE objective SET priority = $2, number = $3, text = $4 "
		"WHERE code = $1",
	[STMT_OBJECTIVE_SELECT] =
		"SELECT code, priority, number, text FROM objective ORDER BY id",
	[STMT_MEASURE_INSERT] =
		"INSERT INTO measure (code, title, plan, priority, agency, "
		"direction, unit, frequency, numerator, denominator, "
		"baseline_period, baseline_value, target, tolerance, "
		"rise_from, rise_to, compare, derive) VALUES ($1, $2, $3, $4, "
		"$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, "
		"$18)",
	[STMT_MEASURE_UPDATE] =
		"UPDATE measure SET title = $2, plan = $3, priority = $4, "
		"agency = $5, direction = $6, unit = $7, frequency = $8, "
		"numerator = $9, denominator = $10, baseline_period = $11, "
		"baseline_value = $12, target = $13, tolerance = $14, "
		"rise_from = $15, rise_to = $16, compare = $17, derive = $18 "
		"WHERE code = $1",
	[STMT_MEASURE_SELECT] =
		"SELECT code, title, plan, priority, agency, direction, unit, "
		"frequency, numerator, denominator, baseline_period, "
		"baseline_value, target, tolerance, rise_from, rise_to, "
		"compare, derive FROM measure ORDER BY id",
	[STMT_BREAKDOWN_INSERT] =
		"INSERT INTO breakdown (measure, pos, code, title) "
		"VALUES ($1, $2, $3, $4)",
	[STMT_BREAKDOWN_DELETE] =
		"DELETE FROM breakdown WHERE measure = $1",
	[STMT_BREAKDOWN_SELECT] =
		"SELECT measure, code, title FROM breakdown "
		"ORDER BY measure, pos",
	[STMT_CONTRIBUTOR_INSERT] =
		"INSERT INTO measure_contributor (measure, pos, agency) "
		"VALUES ($1, $2, $3)",
	[STMT_CONTRIBUTOR_DELETE] =
		"DELETE FROM measure_contributor WHERE measure = $1",
	[STMT_CONTRIBUTOR_SELECT] =
		"SELECT measure, agency FROM measure_contributor "
		"ORDER BY measure, pos",
	[STMT_VALUE_INSERT] =
		"INSERT INTO measure_value (measure, period, breakdown, "
		"version, value, suppressed, numerator, denominator, note, "
		"status, illustrative, by, at, derived) VALUES ($1, $2, $3, "
		"$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
	[STMT_VALUE_SELECT] =
		"SELECT measure, period, breakdown, version, value, suppressed, "
		"numerator, denominator, note, status, illustrative, by, at, "
		"derived FROM measure_value ORDER BY id",
	[STMT_ACTION_INSERT] =
		"INSERT INTO action (code, plan, agency, title, owner, "
		"priority, due, rag, review, audit, s11, illustrative, cadence, "
		"discharged) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
		"$11, $12, $13, $14)",
	[STMT_ACTION_UPDATE] =
		"UPDATE action SET plan = $2, agency = $3, title = $4, "
		"owner = $5, priority = $6, due = $7, rag = $8, "
		"review = $9, audit = $10, s11 = $11, illustrative = $12, "
		"cadence = $13, discharged = $14 WHERE code = $1",
	[STMT_ACTION_SELECT] =
		"SELECT code, plan, agency, title, owner, priority, due, rag, "
		"review, audit, s11, illustrative, cadence, discharged "
		"FROM action ORDER BY id",
	[STMT_ACTION_MEASURE_INSERT] =
		"INSERT INTO action_measure (action, pos, measure) "
		"VALUES ($1, $2, $3)",
	[STMT_ACTION_MEASURE_DELETE] =
		"DELETE FROM action_measure WHERE action = $1",
	[STMT_ACTION_MEASURE_SELECT] =
		"SELECT action, measure FROM action_measure "
		"ORDER BY action, pos",
	[STMT_ACTION_UPDATE_INSERT] =
		"INSERT INTO action_update (action, pos, date, rag, note, "
		"evidence, by, illustrative) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	[STMT_ACTION_UPDATE_DELETE] =
		"DELETE FROM action_update WHERE action = $1",
	[STMT_ACTION_UPDATE_SELECT] =
		"SELECT action, date, rag, note, evidence, by, illustrative "
		"FROM action_update ORDER BY action, pos",
	[STMT_USER_INSERT] =
		"INSERT INTO app_user (email, name, role, agency) "
		"VALUES ($1, $2, $3, $4)",
	[STMT_USER_UPDATE] =
		"UPDATE app_user SET name = $2, role = $3, agency = $4 "
		"WHERE email = $1",
	[STMT_USER_SELECT] =
		"SELECT email, name, role, agency FROM app_user ORDER BY id",
	[STMT_RETURN_INSERT] =
		"INSERT INTO agency_return (agency, period, status, due, "
		"submitted_by, submitted_at, approved_by, approved_at, reason, "
		"history, opened_early_by, opened_early_at, "
		"opened_early_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
		"$9, $10, $11, $12, $13)",
	[STMT_RETURN_UPDATE] =
		"UPDATE agency_return SET status = $3, due = $4, "
		"submitted_by = $5, submitted_at = $6, approved_by = $7, "
		"approved_at = $8, reason = $9, history = $10, "
		"opened_early_by = $11, opened_early_at = $12, "
		"opened_early_reason = $13 "
		"WHERE agency = $1 AND period = $2",
	[STMT_RETURN_SELECT] =
		"SELECT agency, period, status, due, submitted_by, "
		"submitted_at, approved_by, approved_at, reason, history, "
		"opened_early_by, opened_early_at, opened_early_reason "
		"FROM agency_return ORDER BY id",
	[STMT_IMPACT_INSERT] =
		"INSERT INTO impact_statement (agency, period, priority, "
		"version, text, by, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
	[STMT_IMPACT_SELECT] =
		"SELECT agency, period, priority, version, text, by, at "
		"FROM impact_statement ORDER BY id",
	/*
	 * An import is staged in a temporary table, then compared with the
	 * latest versions and written by set, so that a million rows cost a
	 * few statements rather than a million round trips.  breakdown is ''
	 * for the whole measure, so that the key can be unique.
	 */
	[STMT_CHALLENGE_INSERT] =
		"INSERT INTO challenge (code, target, raised_by, raised, text, "
		"status, outcome, closed, closed_by) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
	[STMT_CHALLENGE_UPDATE] =
		"UPDATE challenge SET target = $2, raised_by = $3, "
		"raised = $4, text = $5, status = $6, outcome = $7, "
		"closed = $8, closed_by = $9 WHERE code = $1",
	[STMT_CHALLENGE_SELECT] =
		"SELECT code, target, raised_by, raised, text, status, "
		"outcome, closed, closed_by FROM challenge ORDER BY id",
	[STMT_CHALLENGE_RESPONSE_INSERT] =
		"INSERT INTO challenge_response (challenge, pos, date, by, "
		"text) VALUES ($1, $2, $3, $4, $5)",
	[STMT_CHALLENGE_RESPONSE_DELETE] =
		"DELETE FROM challenge_response WHERE challenge = $1",
	[STMT_CHALLENGE_RESPONSE_SELECT] =
		"SELECT challenge, date, by, text FROM challenge_response "
		"ORDER BY challenge, pos",
	[STMT_SECRET_SET] =
		"INSERT INTO user_secret (email, password_hash, updated, "
		"one_time) VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO "
		"UPDATE SET password_hash = excluded.password_hash, "
		"updated = excluded.updated, one_time = excluded.one_time",
	[STMT_SECRET_GET] =
		"SELECT s.password_hash, u.role, u.agency, u.name, "
		"s.one_time FROM app_user u LEFT JOIN user_secret s ON s.email = u.email "
		"WHERE u.email = $1",
	[STMT_SESSION_INSERT] =
		"INSERT INTO session (id_hash, email, csrf, created, seen) "
		"VALUES ($1, $2, $3, $4, $5)",
	[STMT_SESSION_GET] =
		"SELECT s.email, s.csrf, s.created, s.seen, u.role, u.agency, "
		"u.name, p.one_time FROM session s JOIN app_user u ON "
		"u.email = s.email LEFT JOIN user_secret p ON p.email = "
		"s.email WHERE s.id_hash = $1",
	[STMT_SESSION_TOUCH] =
		"UPDATE session SET seen = $2 WHERE id_hash = $1",
	[STMT_SESSION_DELETE] = "DELETE FROM session WHERE id_hash = $1",
	[STMT_SESSION_DELETE_USER] = "DELETE FROM session WHERE email = $1",
	[STMT_SESSION_DELETE_OTHERS] =
		"DELETE FROM session WHERE email = $1 AND id_hash <> $2",
	[STMT_SECRET_DELETE] = "DELETE FROM user_secret WHERE email = $1",
	[STMT_SESSION_EXPIRE] =
		"DELETE FROM session WHERE seen < $1 OR created < $2",
	[STMT_THROTTLE_PRUNE] =
		"DELETE FROM signin_throttle WHERE last_at < $1",
	[STMT_THROTTLE_ENSURE] =
		"INSERT INTO signin_throttle (key, failures, next_at, last_at) "
		"VALUES ($1, 0, 0, $2) ON CONFLICT (key) DO NOTHING",
	[STMT_THROTTLE_GET] =
		"SELECT failures, next_at FROM signin_throttle WHERE key = $1",
	[STMT_THROTTLE_SET] =
		"UPDATE signin_throttle SET failures = $2, next_at = $3, "
		"last_at = $4 WHERE key = $1",
	[STMT_THROTTLE_CLEAR] = "DELETE FROM signin_throttle WHERE key = $1",
	/* A success was counted as a failure until it was one: take it
	   back, and the delay with it below the threshold ($2). */
	[STMT_THROTTLE_FORGIVE] =
		"UPDATE signin_throttle SET failures = failures - 1, "
		"next_at = CASE WHEN failures - 1 < $2 THEN 0 ELSE next_at END "
		"WHERE key = $1 AND failures > 0",
	[STMT_TOKEN_INSERT] =
		"INSERT INTO api_token (id_hash, email, name, created, scope, "
		"expires, last_used) VALUES ($1, $2, $3, $4, $5, $6, 0)",
	[STMT_TOKEN_GET] =
		"SELECT t.email, u.role, u.agency, u.name, t.scope, t.expires, "
		"t.last_used FROM api_token t "
		"JOIN app_user u ON u.email = t.email WHERE t.id_hash = $1",
	[STMT_TOKEN_LIST] =
		"SELECT name, created, scope, expires, last_used FROM api_token "
		"WHERE email = $1 ORDER BY created, name",
	[STMT_TOKEN_DELETE] =
		"DELETE FROM api_token WHERE email = $1 AND name = $2",
	[STMT_TOKEN_DELETE_USER] = "DELETE FROM api_token WHERE email = $1",
	[STMT_TOKEN_TOUCH] =
		"UPDATE api_token SET last_used = $2 WHERE id_hash = $1",
	/* The newest value before an import: its outliers look no later. */
	[STMT_VALUE_LAST_ID] = "SELECT coalesce(max(id), 0) FROM measure_value",
	/* The latest version of each period before $3, as stored before $4. */
	[STMT_VALUE_HISTORY] =
		"SELECT v.value FROM measure_value v "
		"WHERE v.measure = $1 AND coalesce(v.breakdown, '') = $2 "
		"AND v.period < $3 AND v.value IS NOT NULL AND v.id <= $4 "
		"AND v.version = (SELECT max(w.version) FROM measure_value w "
		"WHERE w.measure = v.measure AND w.period = v.period "
		"AND coalesce(w.breakdown, '') = coalesce(v.breakdown, '') "
		"AND w.id <= $4) "
		"ORDER BY v.period DESC LIMIT 8",
	/* Figures given for a period: measure and breakdown, latest or not. */
	/* A figure cleared on the form (its latest version has neither a
	   value nor a code) is missing again. */
	[STMT_VALUE_RECEIVED] =
		"SELECT DISTINCT measure, breakdown FROM measure_value v "
		"WHERE period = $1 "
		"AND (value IS NOT NULL OR suppressed IS NOT NULL) "
		"AND NOT EXISTS (SELECT 1 FROM measure_value w "
		"WHERE w.measure = v.measure AND w.period = v.period "
		"AND coalesce(w.breakdown, '') = coalesce(v.breakdown, '') "
		"AND w.version > v.version)",
	/* Every version in a span of periods, oldest version first. */
	[STMT_VALUE_RANGE] =
		"SELECT measure, coalesce(breakdown, ''), period, value, "
		"suppressed, illustrative FROM measure_value "
		"WHERE period >= $1 AND period <= $2 "
		"ORDER BY measure, breakdown, period, version",
	[STMT_LOG_LAST] =
		"SELECT id, hash FROM change_log ORDER BY id DESC LIMIT 1",
	[STMT_LOG_INSERT] =
		"INSERT INTO change_log (at, who, entity, key, before, after, "
		"prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	[STMT_LOG_SELECT] =
		"SELECT id, at, who, entity, key, before, after, prev_hash, "
		"hash FROM change_log ORDER BY id",
	[STMT_SCHEMA_VERSION] =
		"SELECT coalesce(max(version), 0) FROM vt_schema",
	[STMT_SCHEMA_RECORD] =
		"INSERT INTO vt_schema (version, applied_at) VALUES ($1, $2)",
	/* A return's draft: one per return, the last saved replaces it. */
	[STMT_DRAFT_SAVE] =
		"INSERT INTO return_draft (agency, period, fields, saved_by, "
		"saved_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (agency, "
		"period) DO UPDATE SET fields = excluded.fields, saved_by = "
		"excluded.saved_by, saved_at = excluded.saved_at",
	[STMT_DRAFT_GET] =
		"SELECT fields, saved_by, saved_at FROM return_draft "
		"WHERE agency = $1 AND period = $2",
	[STMT_DRAFT_DELETE] =
		"DELETE FROM return_draft WHERE agency = $1 AND period = $2",
	[STMT_NARRATIVE_INSERT] =
		"INSERT INTO narrative (year, section, version, text, by, at) "
		"VALUES ($1, $2, $3, $4, $5, $6)",
	[STMT_NARRATIVE_SELECT] =
		"SELECT year, section, version, text, by, at FROM narrative "
		"ORDER BY id",
	/* schema 26: the objectives a measure or an action serves */
	[STMT_MEASURE_OBJECTIVE_INSERT] =
		"INSERT INTO measure_objective (measure, pos, objective) "
		"VALUES ($1, $2, $3)",
	[STMT_MEASURE_OBJECTIVE_DELETE] =
		"DELETE FROM measure_objective WHERE measure = $1",
	[STMT_MEASURE_OBJECTIVE_SELECT] =
		"SELECT measure, objective FROM measure_objective "
		"ORDER BY measure, pos",
	[STMT_ACTION_OBJECTIVE_INSERT] =
		"INSERT INTO action_objective (action, pos, objective) "
		"VALUES ($1, $2, $3)",
	[STMT_ACTION_OBJECTIVE_DELETE] =
		"DELETE FROM action_objective WHERE action = $1",
	[STMT_ACTION_OBJECTIVE_SELECT] =
		"SELECT action, objective FROM action_objective "
		"ORDER BY action, pos",
	/* Each measure's earliest stored period, for measures $1 to $2: a
	   look-up in the key per measure, however long its history. */
	[STMT_VALUE_FIRSTS] =
		"SELECT m.code, (SELECT min(v.period) FROM measure_value v "
		"WHERE v.measure = m.code) FROM measure m "
		"WHERE m.code BETWEEN $1 AND $2",
	/* Every version of measures $1 to $2 from period $3 on, stored
	   before the import ($4), in the key's order: one statement that
	   seeks each measure's first period in the key (CROSS JOIN keeps
	   that order), rather than reading its earlier history. */
	[STMT_VALUE_SCAN] =
		"SELECT v.measure, v.period, coalesce(v.breakdown, ''), "
		"v.version, v.value, v.suppressed, v.numerator, v.denominator, "
		"v.note FROM measure m CROSS JOIN measure_value v "
		"ON v.measure = m.code AND v.period >= $3 AND v.id <= $4 "
		"WHERE m.code BETWEEN $1 AND $2 "
		"ORDER BY m.code, v.period, coalesce(v.breakdown, ''), "
		"v.version",
	/* Whether a measure has a numerator or denominator, not its text. */
	[STMT_MEASURE_SELECT_IMPORT] =
		"SELECT code, agency, unit, frequency, "
		"CASE WHEN numerator IS NULL THEN NULL ELSE '' END, "
		"CASE WHEN denominator IS NULL THEN NULL ELSE '' END "
		"FROM measure ORDER BY code",
	/* schema 29: record-level extracts and their case records */
	[STMT_EXTRACT_INSERT] =
		"INSERT INTO extract (format, source, as_at, period_from, "
		"period_to, la, sha256, key_fingerprint, records, loaded_by, "
		"loaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
		"$11) RETURNING id",
	[STMT_EXTRACT_FINISH] =
		"UPDATE extract SET as_at = $2, period_from = $3, "
		"period_to = $4, la = $5, records = $6 WHERE id = $1",
	/* The key the latest extract's children were hashed with. */
	[STMT_EXTRACT_FINGERPRINT] =
		"SELECT key_fingerprint FROM extract ORDER BY id DESC LIMIT 1",
	[STMT_EXTRACT_BY_SHA] =
		"SELECT id FROM extract WHERE format = $1 AND sha256 = $2",
	/* Extract $1 (format $2, as at $3, over $4 to $5) supersedes the
	   older ones of its format whose period overlaps its own ... */
	[STMT_EXTRACT_SUPERSEDE_OLDER] =
		"UPDATE extract SET superseded_by = $1 WHERE format = $2 "
		"AND id <> $1 AND superseded_by IS NULL AND as_at <= $3 "
		"AND period_from <= $5 AND period_to >= $4",
	/* ... and is superseded by the newest later one, if any. */
	[STMT_EXTRACT_SUPERSEDE_NEW] =
		"UPDATE extract SET superseded_by = (SELECT n.id FROM "
		"extract n WHERE n.format = $2 AND n.id <> $1 "
		"AND n.as_at > $3 AND n.period_from <= $5 "
		"AND n.period_to >= $4 ORDER BY n.as_at DESC, n.id DESC "
		"LIMIT 1) WHERE id = $1",
	[STMT_EXTRACT_LIST] =
		"SELECT id, format, source, as_at, period_from, period_to, la, "
		"sha256, key_fingerprint, records, loaded_by, loaded_at, "
		"superseded_by FROM extract ORDER BY id",
	[STMT_EXTRACT_KINDS] =
		"SELECT extract_id, kind, count(*) FROM case_record "
		"GROUP BY extract_id, kind ORDER BY extract_id, kind",
	/* The snapshots past the newest $1 of their format. */
	[STMT_EXTRACT_EXPIRED] =
		"SELECT e.id, e.format, e.as_at, e.sha256, e.records "
		"FROM extract e WHERE (SELECT count(*) FROM extract n "
		"WHERE n.format = e.format AND (n.as_at > e.as_at OR "
		"(n.as_at = e.as_at AND n.id > e.id))) >= $1 ORDER BY e.id",
	[STMT_EXTRACT_UNSUPERSEDE] =
		"UPDATE extract SET superseded_by = NULL "
		"WHERE superseded_by = $1",
	[STMT_EXTRACT_DELETE] =
		"DELETE FROM extract WHERE id = $1",
	[STMT_EXTRACT_RETENTION_GET] =
		"SELECT keep FROM extract_retention WHERE id = 1",
	[STMT_EXTRACT_RETENTION_SET] =
		"INSERT INTO extract_retention (id, keep) VALUES (1, $1) "
		"ON CONFLICT (id) DO UPDATE SET keep = excluded.keep",
	[STMT_CASE_RECORD_INSERT] =
		"INSERT INTO case_record (extract_id, kind, child, birth_month, "
		"start_date, end_date, category, initial_category, source, "
		"reason, nfa) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
		"$11)",
	[STMT_CASE_RECORD_DELETE] =
		"DELETE FROM case_record WHERE extract_id = $1",
	/* The records of kind $1 of the snapshots not superseded, by
	   child, then start. */
	[STMT_CASE_RECORD_CURRENT] =
		"SELECT c.child, coalesce(c.birth_month, ''), "
		"coalesce(c.start_date, ''), coalesce(c.end_date, ''), "
		"coalesce(c.category, ''), coalesce(c.initial_category, ''), "
		"coalesce(c.source, ''), coalesce(c.reason, ''), c.nfa, "
		"c.extract_id FROM case_record c JOIN extract e "
		"ON e.id = c.extract_id WHERE e.superseded_by IS NULL "
		"AND c.kind = $1 ORDER BY c.child, c.start_date, "
		"c.extract_id",
};

const char *vt_sqlite_stmt_sql(enum vt_stmt stmt)
{
	if ((unsigned)stmt >= STMT__MAX)
		return NULL;
	return stmts[stmt];
}
