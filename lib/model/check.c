/* Rules between fields and between records of a partnership definition. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/model.h"
#include "vitals/period.h"
#include "vitals/strparse.h"
#include "model/field.h"

/*
 * A reference resolves in the definition being checked first (it replaces
 * what the database holds), then in the database.
 */
static void *lookup(const struct vt_def *def, const struct vt_check *ck,
		    enum vt_kind kind, const char *code)
{
	void *rec = vt_def_find(def, kind, code);

	if (!rec && ck->base)
		rec = vt_def_find(ck->base, kind, code);
	return rec;
}

static void path_of(enum vt_kind kind, size_t i, const char *field,
		    char *out, size_t size)
{
	const struct vt_entity *e = vt_entity_of(kind);

	if (kind == VT_KIND_PARTNERSHIP)
		snprintf(out, size, "partnership%s%s", field ? "." : "",
			 field ? field : "");
	else
		snprintf(out, size, "%s[%zu]%s%s", e->plural, i,
			 field ? "." : "", field ? field : "");
}

struct keyed {
	char *key;
	size_t index;
};

static int keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Duplicate keys within the file, found by sorting the keys. */
static enum vt_err check_duplicates(const struct vt_def *def, enum vt_kind kind,
				    struct vt_check *ck)
{
	const struct vt_entity *e = vt_entity_of(kind);
	size_t n = vt_def_count(def, kind), i;
	struct keyed *keys;
	enum vt_err result = VT_OK;
	char path[128];

	if (n < 2)
		return VT_OK;
	keys = calloc(n, sizeof(*keys));
	if (!keys)
		return VT_ENOMEM;
	for (i = 0; i < n; i++) {
		keys[i].key = vt_record_key(kind, vt_def_at(def, kind, i));
		keys[i].index = i;
		if (!keys[i].key) {
			result = VT_ENOMEM;
			goto out;
		}
	}
	qsort(keys, n, sizeof(*keys), keyed_cmp);
	for (i = 1; i < n && !result; i++) {
		if (strcmp(keys[i].key, keys[i - 1].key))
			continue;
		path_of(kind, keys[i].index, NULL, path, sizeof(path));
		result = vt_check_error(ck, path,
			"%s '%s' is defined twice (first at %s[%zu])",
			e->name, keys[i].key, e->plural, keys[i - 1].index);
	}
out:
	for (i = 0; i < n; i++)
		free(keys[i].key);
	free(keys);
	return result;
}

/*
 * 'scalar': the record is an element of a list written as plain codes, so
 * its one field has no member of its own: the element is the place.
 */
static enum vt_err check_refs_of(const struct vt_def *def, enum vt_kind kind,
				 const void *rec, const char *label,
				 const char *path, int scalar,
				 struct vt_check *ck)
{
	const struct vt_entity *e = vt_entity_of(kind);
	size_t i, j;
	char sub[512];
	enum vt_err result = VT_OK;

	for (i = 0; i < e->nfields && !result; i++) {
		const struct vt_field *f = &e->fields[i];

		if (scalar)
			snprintf(sub, sizeof(sub), "%s", path);
		else
			snprintf(sub, sizeof(sub), "%s.%s", path, f->name);
		if (f->type == VT_FT_REF) {
			const char *code = *vt_field_text((void *)rec, f);
			/* An item of a list of codes is named by its place:
			   "contributors[2]". */
			const char *item = strrchr(sub, '.');

			if (code && !lookup(def, ck, f->ref, code))
				result = vt_check_error(ck, sub,
					"%s: %s%s%s '%s' does not exist", label,
					scalar && item ? item + 1 : "",
					scalar && item ? ": " : "",
					vt_entity_of(f->ref)->name, code);
		} else if (f->type == VT_FT_LIST) {
			const struct vt_entity *c = vt_entity_of(f->child);
			const char *items = *vt_field_list((void *)rec, f);
			size_t n = *vt_field_count((void *)rec, f);

			for (j = 0; j < n && !result; j++) {
				char item[512];

				snprintf(item, sizeof(item), "%s[%zu]", sub, j);
				result = check_refs_of(def, f->child,
						       items + j * c->size,
						       label, item,
						       f->flags & VT_FF_SCALAR,
						       ck);
			}
		}
	}
	return result;
}

/* ------------------------------------------------------------------ */
/* Rules of one kind; 'at' builds a path for field 'f' of the record. */

struct rule_ctx {
	const struct vt_def *def;
	struct vt_check *ck;
	enum vt_kind kind;
	size_t index;
	char label[160];
};

static enum vt_err fail(struct rule_ctx *r, const char *field,
			const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum vt_err fail(struct rule_ctx *r, const char *field,
			const char *fmt, ...)
{
	char path[256], msg[768];
	va_list ap;

	path_of(r->kind, r->index, field, path, sizeof(path));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return vt_check_error(r->ck, path, "%s: %s", r->label, msg);
}

/*
 * A shorter protocol must still hold every stage an escalation reached,
 * those in the definition and those stored, or their clocks would have
 * no timescale.
 */
static enum vt_err protocol_covers_steps(struct rule_ctx *r,
					 const struct vt_partnership *p)
{
	const struct vt_def *defs[2] = { r->def, r->ck->base };
	size_t n = vt_escalation_stage_count(p), d, i;

	for (d = 0; d < 2 && defs[d]; d++)
		for (i = 0; i < vt_def_count(defs[d], VT_KIND_ESCALATION);
		     i++) {
			const struct vt_escalation *e =
				vt_def_at(defs[d], VT_KIND_ESCALATION, i);
			size_t at = e->nsteps ?
				(size_t)e->steps[e->nsteps - 1].stage : 1;

			if (d && vt_def_find(r->def, VT_KIND_ESCALATION,
					     e->ref))
				continue;
			if (at > n)
				return fail(r, "escalation_stages",
					    "escalation_stages: escalation "
					    "'%s' has reached stage %zu; the "
					    "protocol cannot have fewer "
					    "stages (it has %zu)", e->ref, at,
					    n);
		}
	return VT_OK;
}

/*
 * A changed grade scale must still hold every grade audits gave, those in
 * the definition and those stored, or their counts would lose them.
 */
static enum vt_err scale_covers_grades(struct rule_ctx *r,
				       const struct vt_partnership *p)
{
	const struct vt_def *defs[2] = { r->def, r->ck->base };
	size_t d, i, j, g;

	for (d = 0; d < 2 && defs[d]; d++)
		for (i = 0; i < vt_def_count(defs[d], VT_KIND_AUDIT); i++) {
			const struct vt_audit *a =
				vt_def_at(defs[d], VT_KIND_AUDIT, i);

			if (d && vt_def_find(r->def, VT_KIND_AUDIT, a->ref))
				continue;
			for (j = 0; j < a->ngrades; j++) {
				for (g = 0; g < vt_audit_grade_count(p); g++)
					if (!strcmp(vt_audit_grade_at(p, g),
						    a->grades[j].grade))
						break;
				if (g == vt_audit_grade_count(p))
					return fail(r, "audit_grades",
						    "audit_grades: audit '%s' "
						    "gave the grade '%s', "
						    "which the scale must "
						    "keep", a->ref,
						    a->grades[j].grade);
			}
		}
	return VT_OK;
}

static enum vt_err partnership_rules(struct rule_ctx *r,
				     const struct vt_partnership *p)
{
	char field[48];
	size_t i, j, errors;
	enum vt_err result;

	if (!vt_fy_start_month_valid((int)p->fy_start_month))
		return fail(r, "fy_start_month",
			    "fy_start_month %lld is not 1, 4, 7 or 10 "
			    "(quarters must align with the financial year)",
			    (long long)p->fy_start_month);
	for (i = 0; i < p->npopulation; i++)
		for (j = 0; j < i; j++)
			if (p->population[i].year == p->population[j].year) {
				snprintf(field, sizeof(field), "population[%zu]",
					 i);
				return fail(r, field, "population for %lld is "
					    "given twice",
					    (long long)p->population[i].year);
			}
	/* A step's stage is at most 20: more would never be reached. */
	if (p->nescalation_stages > 20)
		return fail(r, "escalation_stages", "escalation_stages: %zu "
			    "stages; an escalation protocol has at most 20",
			    p->nescalation_stages);
	for (i = 0; i < p->naudit_grades; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(p->audit_grades[i].name,
				    p->audit_grades[j].name)) {
				snprintf(field, sizeof(field),
					 "audit_grades[%zu]", i);
				return fail(r, field, "%s: grade '%s' is "
					    "listed twice", field,
					    p->audit_grades[i].name);
			}
	errors = r->ck->dq->errors;
	result = scale_covers_grades(r, p);
	if (result || r->ck->dq->errors != errors)
		return result;
	return protocol_covers_steps(r, p);
}

static enum vt_err group_members_rules(struct rule_ctx *r,
				       const struct vt_group *g);

static enum vt_err group_rules(struct rule_ctx *r, const struct vt_group *g)
{
	const struct vt_group *at = g;
	size_t steps;
	enum vt_err result = group_members_rules(r, g);

	if (result || r->ck->dq->errors)
		return result;

	/* Follow the reporting line; a chain longer than every group is a loop. */
	for (steps = 0; at && at->reports_to; steps++) {
		if (strcmp(at->reports_to, g->code) == 0)
			return fail(r, "reports_to",
				    "reports_to leads back to '%s'", g->code);
		if (steps > vt_def_count(r->def, VT_KIND_GROUP) +
			    (r->ck->base ? vt_def_count(r->ck->base,
							VT_KIND_GROUP) : 0))
			break;
		at = lookup(r->def, r->ck, VT_KIND_GROUP, at->reports_to);
	}
	return VT_OK;
}

static enum vt_err plan_rules(struct rule_ctx *r, const struct vt_plan *p)
{
	if (p->kind == VT_PLAN_SINGLE_AGENCY && !p->agency)
		return fail(r, "agency",
			    "a single-agency plan needs its 'agency'");
	if (p->starts && p->ends && strcmp(p->ends, p->starts) < 0)
		return fail(r, "ends", "ends %s is before starts %s", p->ends,
			    p->starts);
	return VT_OK;
}

/* A priority's own dates and status, each when given, else its plan's. */
static enum vt_err priority_rules(struct rule_ctx *r,
				  const struct vt_priority *pr)
{
	const struct vt_plan *p = lookup(r->def, r->ck, VT_KIND_PLAN, pr->plan);
	const char *starts = pr->starts ? pr->starts : p ? p->starts : NULL;
	const char *ends = pr->ends ? pr->ends : p ? p->ends : NULL;
	int i;

	if (pr->status) {
		for (i = 0; vt_plan_status_names[i]; i++)
			if (!strcmp(pr->status, vt_plan_status_names[i]))
				break;
		if (!vt_plan_status_names[i])
			return fail(r, "status", "status '%s' is not one of "
				    "draft, current, closed", pr->status);
	}
	if (!starts || !ends || strcmp(ends, starts) >= 0)
		return VT_OK;
	if (pr->ends && pr->starts)
		return fail(r, "ends", "ends %s is before starts %s", ends,
			    starts);
	if (pr->ends)
		return fail(r, "ends", "ends %s is before its plan's starts %s",
			    ends, starts);
	if (pr->starts)
		return fail(r, "starts", "starts %s is after its plan's ends %s",
			    starts, ends);
	return VT_OK;
}

static enum vt_err priority_in_plan(struct rule_ctx *r, const char *priority,
				    const char *plan)
{
	const struct vt_priority *pr;

	if (!priority || !plan)
		return VT_OK;
	pr = lookup(r->def, r->ck, VT_KIND_PRIORITY, priority);
	if (pr && pr->plan && strcmp(pr->plan, plan) != 0)
		return fail(r, "priority",
			    "priority '%s' belongs to plan '%s', not '%s'",
			    priority, pr->plan, plan);
	return VT_OK;
}

static const enum vt_period_kind frequency_kind[VT_FREQUENCY__MAX] = {
	[VT_FREQUENCY_MONTHLY] = VT_PERIOD_MONTH,
	[VT_FREQUENCY_QUARTERLY] = VT_PERIOD_QUARTER,
	[VT_FREQUENCY_ANNUAL] = VT_PERIOD_YEAR,
};

/* A period of the measure's frequency: "2024Q3" for a quarterly measure. */
static enum vt_err period_fits(struct rule_ctx *r, const char *field,
			       const char *id, int frequency,
			       struct vt_period *out)
{
	struct vt_period p;

	if (!id || vt_period_parse(id, &p))
		return VT_OK;	/* absent, or refused already */
	if (p.kind != frequency_kind[frequency])
		return fail(r, field, "%s '%s' is not a %s period", field, id,
			    vt_frequency_names[frequency]);
	if (out)
		*out = p;
	return VT_OK;
}

/*
 * A multi-agency measure is broken down by its contributors, each named
 * once; its parts add up only as counts, or as numerators over
 * denominators.
 */
static enum vt_err contributor_rules(struct rule_ctx *r,
				     const struct vt_measure *m)
{
	char field[48];
	size_t i, j;

	if (!m->ncontributors)
		return VT_OK;
	if (m->nbreakdowns)
		return fail(r, "breakdowns", "breakdowns: a measure with "
			    "contributors is broken down by them, one part "
			    "each; it cannot list breakdowns as well");
	if (m->unit != VT_UNIT_COUNT && !vt_measure_sums_ratio(m))
		return fail(r, "contributors", "contributors: the parts of a "
			    "%s measure do not add up; a measure with "
			    "contributors counts (unit count) or is a percent "
			    "or rate10k with a numerator and denominator",
			    vt_unit_names[m->unit]);
	for (i = 0; i < m->ncontributors; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(m->contributors[i].agency,
				    m->contributors[j].agency)) {
				snprintf(field, sizeof(field),
					 "contributors[%zu]", i);
				return fail(r, field, "contributors[%zu]: agency "
					    "'%s' is given twice (first as "
					    "contributors[%zu])", i,
					    m->contributors[i].agency, j);
			}
	return VT_OK;
}

/*
 * The objectives a measure or an action serves: each once, and each of a
 * priority of the record's own plan.  A measure may also serve an
 * objective of a plan that lists it among its supporting measures (a
 * partner's figure tracked in that plan); an action is its plan's own.
 */
static bool plan_supports(const struct vt_plan *plan, const char *measure)
{
	size_t i;

	for (i = 0; plan && measure && i < plan->nsupporting; i++)
		if (!strcmp(plan->supporting[i].measure, measure))
			return true;
	return false;
}

static enum vt_err objective_rules(struct rule_ctx *r,
				   const struct vt_objective_link *links,
				   size_t n, const char *plan,
				   const char *measure)
{
	const struct vt_objective *o;
	const struct vt_priority *pr;
	char field[48];
	size_t i, j;

	for (i = 0; i < n; i++) {
		snprintf(field, sizeof(field), "objectives[%zu]", i);
		for (j = 0; j < i; j++)
			if (!strcmp(links[i].objective, links[j].objective))
				return fail(r, field, "%s: objective '%s' is "
					    "linked twice (first as "
					    "objectives[%zu])", field,
					    links[i].objective, j);
		o = lookup(r->def, r->ck, VT_KIND_OBJECTIVE,
			   links[i].objective);
		pr = o && o->priority ? lookup(r->def, r->ck,
					       VT_KIND_PRIORITY, o->priority)
				      : NULL;
		if (!pr || !pr->plan || !plan || !strcmp(pr->plan, plan))
			continue;
		if (plan_supports(lookup(r->def, r->ck, VT_KIND_PLAN,
					 pr->plan), measure))
			continue;
		return fail(r, field, "%s: objective '%s' is of plan '%s', "
			    "not '%s'%s", field, links[i].objective, pr->plan,
			    plan, measure ? " (a measure serves another "
			    "plan's objective only as one of that plan's "
			    "supporting measures)" : "");
	}
	return VT_OK;
}

static enum vt_err measure_rules(struct rule_ctx *r, const struct vt_measure *m)
{
	struct vt_period from, to;
	enum vt_err result;
	char field[48];
	size_t i, j;

	from.kind = to.kind = VT_PERIOD__MAX;
	result = priority_in_plan(r, m->priority, m->plan);
	if (!result && !isnan(m->baseline_value) && !m->baseline_period)
		result = fail(r, "baseline_value",
			      "baseline_value needs a baseline_period");
	if (!result)
		result = period_fits(r, "baseline_period", m->baseline_period,
				     m->frequency, NULL);
	if (!result && !m->rise_from != !m->rise_to)
		result = fail(r, m->rise_from ? "rise_from" : "rise_to",
			      "the expected-rise window needs both rise_from "
			      "and rise_to");
	if (!result)
		result = period_fits(r, "rise_from", m->rise_from,
				     m->frequency, &from);
	if (!result)
		result = period_fits(r, "rise_to", m->rise_to, m->frequency,
				     &to);
	if (!result && from.kind != VT_PERIOD__MAX &&
	    to.kind != VT_PERIOD__MAX && vt_period_compare(&from, &to) > 0)
		result = fail(r, "rise_to", "rise_to %s is before rise_from %s",
			      m->rise_to, m->rise_from);
	if (!result && !isnan(m->tolerance) && m->tolerance < 0)
		result = fail(r, "tolerance", "tolerance %g is negative",
			      m->tolerance);
	if (!result && m->unit == VT_UNIT_PERCENT && !isnan(m->target) &&
	    (m->target < 0 || m->target > 100))
		result = fail(r, "target",
			      "target %g is not a percentage (0-100)",
			      m->target);
	for (i = 0; i < m->nbreakdowns && !result; i++)
		for (j = 0; j < i && !result; j++)
			if (!strcmp(m->breakdowns[i].code,
				    m->breakdowns[j].code)) {
				snprintf(field, sizeof(field),
					 "breakdowns[%zu]", i);
				result = fail(r, field,
					      "breakdown '%s' is given twice",
					      m->breakdowns[i].code);
			}
	if (!result)
		result = contributor_rules(r, m);
	if (!result)
		result = objective_rules(r, m->objectives, m->nobjectives,
					 m->plan, m->code);
	return result;
}

static bool is_suppression_code(const char *s)
{
	size_t i;

	for (i = 0; vt_suppression_codes[i]; i++)
		if (strcmp(vt_suppression_codes[i], s) == 0)
			return true;
	return false;
}

static enum vt_err value_amount_rules(struct rule_ctx *r,
				      const struct vt_measure *m,
				      const struct vt_value *v)
{
	if (isnan(v->value))
		return VT_OK;
	if (m->unit == VT_UNIT_PERCENT && (v->value < 0 || v->value > 100))
		return fail(r, "value", "value %g is not a percentage (0-100)",
			    v->value);
	if (m->unit != VT_UNIT_CURRENCY && v->value < 0)
		return fail(r, "value", "value %g is negative; a %s cannot be",
			    v->value, vt_unit_names[m->unit]);
	if (m->unit == VT_UNIT_COUNT && v->value != floor(v->value))
		return fail(r, "value", "value %g is not a whole number; a "
			    "count must be", v->value);
	if (fabs(v->value) > vt_unit_max(m->unit))
		return fail(r, "value", "value %g is more than any %s could "
			    "be (at most %g)", v->value,
			    vt_unit_names[m->unit], vt_unit_max(m->unit));
	return VT_OK;
}

static enum vt_err value_rules(struct rule_ctx *r, const struct vt_value *v)
{
	const struct vt_measure *m;
	enum vt_err result;
	size_t i;

	m = lookup(r->def, r->ck, VT_KIND_MEASURE, v->measure);
	if (!m)
		return VT_OK;	/* reported as a dangling reference */
	result = period_fits(r, "period", v->period, m->frequency, NULL);
	if (result)
		return result;
	if (m->ncontributors && !v->breakdown)
		return fail(r, "breakdown", "measure '%s' is the sum of its "
			    "contributors' parts and is never given itself; "
			    "give the part of one contributor (breakdown "
			    "'%s', ...)", m->code, m->contributors[0].agency);
	if (m->ncontributors && !vt_measure_contributor(m, v->breakdown))
		return fail(r, "breakdown", "breakdown '%s' is not a "
			    "contributor of measure '%s'", v->breakdown,
			    m->code);
	if (v->breakdown && !m->ncontributors) {
		char choices[256] = "";
		size_t used = 0;

		for (i = 0; i < m->nbreakdowns; i++) {
			if (!strcmp(m->breakdowns[i].code, v->breakdown))
				break;
			if (used < sizeof(choices))
				used += (size_t)snprintf(choices + used,
					sizeof(choices) - used, "%s%s",
					i ? ", " : "", m->breakdowns[i].code);
		}
		if (i == m->nbreakdowns)
			return fail(r, "breakdown",
				    "breakdown '%s' is not a breakdown of "
				    "measure '%s' (%s%s)", v->breakdown,
				    m->code, m->nbreakdowns ? "expected one of "
				    : "it has none", choices);
	}
	if (isnan(v->value) && !v->suppressed)
		return fail(r, "value", "needs a 'value' or a 'suppressed' "
			    "code (c, x, z, u, k)");
	if (!isnan(v->value) && v->suppressed)
		return fail(r, "suppressed", "has both a value and "
			    "suppression code '%s'; give one", v->suppressed);
	if (v->suppressed && !is_suppression_code(v->suppressed))
		return fail(r, "suppressed", "suppressed '%s' is not one of "
			    "c, x, z, u, k", v->suppressed);
	if (!isnan(v->numerator) && v->numerator < 0)
		return fail(r, "numerator", "numerator %g is negative",
			    v->numerator);
	if (!isnan(v->denominator) && v->denominator < 0)
		return fail(r, "denominator", "denominator %g is negative",
			    v->denominator);
	if (v->numerator > vt_unit_max(VT_UNIT_COUNT))
		return fail(r, "numerator", "numerator %g is more than any "
			    "count could be (at most %g)", v->numerator,
			    vt_unit_max(VT_UNIT_COUNT));
	if (v->denominator > vt_unit_max(VT_UNIT_COUNT))
		return fail(r, "denominator", "denominator %g is more than "
			    "any count could be (at most %g)", v->denominator,
			    vt_unit_max(VT_UNIT_COUNT));
	if (!isnan(v->numerator) && !isnan(v->denominator) &&
	    v->numerator > v->denominator)
		return fail(r, "numerator",
			    "numerator %g is above denominator %g",
			    v->numerator, v->denominator);
	return value_amount_rules(r, m, v);
}

static enum vt_err action_rules(struct rule_ctx *r, const struct vt_action *a)
{
	char field[48];
	size_t i, j;
	enum vt_err result;

	for (i = 0; i < a->nmeasures; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(a->measures[i].measure,
				    a->measures[j].measure)) {
				snprintf(field, sizeof(field), "measures[%zu]",
					 i);
				return fail(r, field,
					    "measure '%s' is linked twice",
					    a->measures[i].measure);
			}
	if (a->discharged) {
		const char *first = NULL;

		for (i = 0; i < a->nupdates; i++)
			if (!first || strcmp(a->updates[i].date, first) < 0)
				first = a->updates[i].date;
		if (!first)
			return fail(r, "discharged", "discharged %s but the "
				    "action has no update", a->discharged);
		if (strcmp(a->discharged, first) < 0)
			return fail(r, "discharged", "discharged %s is before "
				    "the action's first update, %s",
				    a->discharged, first);
	}
	result = objective_rules(r, a->objectives, a->nobjectives, a->plan,
				 NULL);
	if (result)
		return result;
	return priority_in_plan(r, a->priority, a->plan);
}

static enum vt_err user_rules(struct rule_ctx *r, const struct vt_user *u)
{
	const char *at = strchr(u->email, '@');

	if (!at || at == u->email || !at[1] || strchr(at + 1, '@') ||
	    strpbrk(u->email, " \t\r\n<>,;\""))
		return fail(r, "email", "'%s' is not an e-mail address",
			    u->email);
	/* An account is its address in lower case (signing in folds what
	   is typed), so a capital would make a user no one can be. */
	if (strpbrk(u->email, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
		return fail(r, "email", "write the e-mail address '%s' in "
			    "lower case: an account is its address, however "
			    "it is typed", u->email);
	if (u->role == VT_ROLE_AGENCY_LEAD && !u->agency)
		return fail(r, "agency", "an agency lead needs an 'agency'");
	return VT_OK;
}

bool vt_impact_allowed(const struct vt_plan *plan, const char *priority,
		       const char *agency, char *why, size_t size)
{
	if (!plan || !plan->agency || !strcmp(plan->agency, agency))
		return true;
	snprintf(why, size, "priority '%s' is in agency '%s''s own plan '%s': "
		 "agency '%s' cannot give a narrative for it", priority,
		 plan->agency, plan->code, agency);
	return false;
}

static enum vt_err impact_rules(struct rule_ctx *r, const struct vt_impact *im)
{
	const struct vt_priority *pr;
	const struct vt_plan *plan;
	char why[400];

	pr = lookup(r->def, r->ck, VT_KIND_PRIORITY, im->priority);
	plan = pr && pr->plan ? lookup(r->def, r->ck, VT_KIND_PLAN, pr->plan)
			      : NULL;
	if (!vt_impact_allowed(plan, im->priority, im->agency, why,
			       sizeof(why)))
		return fail(r, "priority", "%s", why);
	return VT_OK;
}

/* "12": a number as challenges are known by, without leading zeros. */
static bool is_number(const char *s)
{
	size_t i;

	if (s[0] < '1' || s[0] > '9' || strlen(s) > 9)
		return false;
	for (i = 1; s[i]; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* What a challenge is about: an action, measure or case review that
   exists, or the return of an agency that exists for a period. */
static enum vt_err challenge_subject(struct rule_ctx *r, const char *on)
{
	const char *colon = strchr(on, ':'), *name = colon ? colon + 1 : "";
	char agency[80];
	const char *slash;
	struct vt_period p;

	const struct vt_subject_kind *k = vt_subject_kind_of(on);

	if (k) {
		if (!vt_subject_find(r->def, k, name) &&
		    !(r->ck->base && vt_subject_find(r->ck->base, k, name)))
			return fail(r, "on", "on: %s '%s' does not exist",
				    k->noun, name);
		return VT_OK;
	}
	if (colon && !strncmp(on, "return:", 7)) {
		slash = strchr(name, '/');
		if (!slash || (size_t)(slash - name) >= sizeof(agency) ||
		    vt_period_parse(slash + 1, &p))
			return fail(r, "on", "on: '%s' does not name a return "
				    "(return:AGENCY/PERIOD, as in "
				    "return:police/2024Q3)", on);
		memcpy(agency, name, (size_t)(slash - name));
		agency[slash - name] = '\0';
		if (!lookup(r->def, r->ck, VT_KIND_AGENCY, agency))
			return fail(r, "on", "on: agency '%s' does not "
				    "exist", agency);
		return VT_OK;
	}
	return fail(r, "on", "on: '%s' names no subject (%s)", on,
		    vt_subject_forms);
}

/*
 * A challenge is numbered, is about something that exists, and moves in
 * order: answered once it has a response, closed with an outcome, each
 * date no earlier than the one before.
 */
static enum vt_err challenge_rules(struct rule_ctx *r,
				   const struct vt_challenge *c)
{
	const char *last = c->raised;
	size_t errors = r->ck->dq->errors, i;
	char field[48];
	enum vt_err result;

	if (!is_number(c->id))
		return fail(r, "id", "'%s' is not a challenge number (1, 2, "
			    "...)", c->id);
	result = challenge_subject(r, c->on);
	if (result || r->ck->dq->errors > errors)
		return result;
	for (i = 0; i < c->nresponses; i++) {
		if (strcmp(c->responses[i].date, last) < 0) {
			snprintf(field, sizeof(field), "responses[%zu].date",
				 i);
			return fail(r, field, "a response dated %s comes "
				    "before %s, the last word on it; responses "
				    "come in order", c->responses[i].date,
				    last);
		}
		last = c->responses[i].date;
	}
	if (c->status == VT_CHALLENGE_ANSWERED && c->nresponses == 0)
		return fail(r, "status", "an answered challenge needs a "
			    "response");
	if (c->status != VT_CHALLENGE_CLOSED) {
		if (c->outcome || c->closed || c->closed_by)
			return fail(r, "status", "only a closed challenge has "
				    "an outcome, a closing date or closer");
		return VT_OK;
	}
	if (!c->outcome || !*c->outcome || !c->closed || !c->closed_by)
		return fail(r, "status", "a closed challenge needs its "
			    "'outcome', 'closed' date and 'closed_by'");
	if (strcmp(c->closed, last) < 0)
		return fail(r, "closed", "closed on %s, before %s", c->closed,
			    last);
	return VT_OK;
}

static bool upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool lower(char c) { return c >= 'a' && c <= 'z'; }
static bool digit(char c) { return c >= '0' && c <= '9'; }

/* Digits split by '/', '-' or '.' into three parts, one of four digits or
   the last of two: "12/03/2015", "2015-03-12", "1.3.15". */
static bool looks_like_date(const char *s)
{
	size_t i, parts = 0, len = 0;

	for (i = 0;; i++) {
		if (digit(s[i])) {
			len++;
			continue;
		}
		if (!len || len > 4)
			len = 0, parts = 0;
		else
			parts++, len = 0;
		if (parts == 3)
			return true;
		if (!s[i])
			return false;
		if (s[i] != '/' && s[i] != '-' && s[i] != '.')
			parts = 0;
	}
}

/* Words of a role, a body or a service, never of a person's name:
   "Independent Reviewer", "Head of Service" and "Early Help" are not
   people, nor are "Young Inspectors" or a "Youth Forum" (a plural is its
   singular's). */
static bool has_role_word(const char *text)
{
	static const char *const roles[] = {
		"adviser", "advisor", "advocate", "analyst", "assessment",
		"assistant", "author", "board", "care", "chair", "chief",
		"children", "clinical", "commissioner", "conference",
		"constable", "consultant", "coordinator", "council", "court",
		"deputy", "designated", "detective", "director", "doctor",
		"early", "executive", "family", "governor", "head",
		"headteacher", "health", "help", "hub", "independent",
		"inspector", "lead", "manager", "midwife", "named", "nurse",
		"officer", "panel", "parliament", "partnership", "plan",
		"police",
		"practitioner", "principal", "probation", "protection",
		"reviewer", "safeguarding", "school", "senior", "sergeant",
		"service", "services", "social", "specialist", "strategy",
		"superintendent", "supervisor", "teacher", "team", "visitor",
		"worker", "youth" };
	char word[32];
	size_t i, n, k;

	for (i = 0; text[i];) {
		for (n = 0; upper(text[i]) || lower(text[i]); i++)
			if (n + 1 < sizeof(word))
				word[n++] = (char)(text[i] | 0x20);
		word[n] = '\0';
		for (k = 0; n && k < sizeof(roles) / sizeof(roles[0]); k++)
			if (!strcmp(word, roles[k]) ||
			    (n > 1 && word[n - 1] == 's' &&
			     !strncmp(word, roles[k], n - 1) &&
			     !roles[k][n - 1]))
				return true;
		if (text[i])
			i++;
	}
	return false;
}

bool vt_text_looks_personal(const char *text)
{
	size_t words = 0, i;
	bool word = false;

	if (!text)
		return false;
	if (looks_like_date(text))
		return true;
	if (has_role_word(text))
		return false;
	for (i = 0; text[i]; i++) {
		if (digit(text[i]))
			return false;
		if (upper(text[i]) && !word && lower(text[i + 1]))
			words++;
		word = upper(text[i]) || lower(text[i]) || text[i] == '\'';
	}
	return words >= 2;
}

const char *vt_review_date_field(int stage)
{
	const struct vt_entity *e = vt_entity_of(VT_KIND_REVIEW);
	size_t off = offsetof(struct vt_review, dates) +
		     (size_t)stage * sizeof(char *), k;

	for (k = 0; k < e->nfields; k++)
		if (e->fields[k].type == VT_FT_DATE && e->fields[k].offset == off)
			return e->fields[k].name;
	return "?";
}

/*
 * Whether 'code' is a theme of register 'reg': among the definition's
 * themes, then the database's.  '*any': the register has themes at all.
 */
static bool theme_known(const struct rule_ctx *r, int reg, const char *code,
			bool *any)
{
	const struct vt_def *defs[2] = { r->def, r->ck->base };
	size_t d, i;

	*any = false;
	for (d = 0; d < 2 && defs[d]; d++)
		for (i = 0; i < vt_def_count(defs[d], VT_KIND_THEME); i++) {
			const struct vt_theme *t = vt_def_at(defs[d],
							     VT_KIND_THEME, i);

			/* The definition's own replaces the database's. */
			if (d && vt_def_find(r->def, VT_KIND_THEME, t->code))
				continue;
			if (t->register_ != reg)
				continue;
			*any = true;
			if (!strcmp(t->code, code))
				return true;
		}
	return false;
}

static bool review_code(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!upper(s[i]) && !lower(s[i]) && !digit(s[i]) &&
		    !strchr("-_./", s[i]))
			return false;
	return i > 0 && i <= 64;
}

/*
 * A case review names no one: its reference and reviewer are refused when
 * they look like a person's name or a date of birth.  Its decision is one
 * the guidance knows, and its stages are dated in order.
 */
static enum vt_err review_rules(struct rule_ctx *r, const struct vt_review *v)
{
	static const char why[] = "%s looks like a person's name or a date "
		"of birth; a case review holds %s only";
	const char *last = v->aware, *lastname = "aware";
	char field[48];
	size_t i;

	if (vt_text_looks_personal(v->ref)) {
		/* Said once is enough: the message does not repeat it. */
		snprintf(r->label, sizeof(r->label), "case review %zu",
			 r->index + 1);
		return fail(r, "ref", why, "ref", "its case reference "
			    "(CSPR-2026-01)");
	}
	if (!review_code(v->ref))
		return fail(r, "ref", "ref '%s' is not a case reference (letters, "
			    "digits, '-', '_', '.' or '/', as in CSPR-2026-01)",
			    v->ref);
	if (vt_text_looks_personal(v->reviewer))
		return fail(r, "reviewer", why, "reviewer", "the reviewer's "
			    "role title (independent reviewer)");
	for (i = 0; v->decision && vt_review_decision_names[i]; i++)
		if (!strcmp(v->decision, vt_review_decision_names[i]))
			break;
	if (v->decision && !vt_review_decision_names[i])
		return fail(r, "decision", "decision '%s' is not one (lcspr, "
			    "national, learning or none)", v->decision);
	for (i = 0; i < VT_STAGE__MAX; i++) {
		const char *name = vt_review_date_field(i);

		if (!v->dates[i])
			continue;
		if (strcmp(v->dates[i], last) < 0) {
			snprintf(field, sizeof(field), "%s", name);
			return fail(r, field, "%s %s (the %s stage) comes "
				    "before %s %s; stages are dated in order",
				    name, v->dates[i], vt_review_stage_names[i],
				    lastname, last);
		}
		last = v->dates[i];
		lastname = name;
	}
	if (v->dates[VT_STAGE_DECISION] && !v->decision)
		return fail(r, "decision", "decision: the decision dated %s "
			    "needs what was decided (lcspr, national, learning or none)",
			    v->dates[VT_STAGE_DECISION]);
	/* No further review: nothing between the decision and closing. */
	for (i = VT_STAGE_TERMS_OF_REFERENCE; v->decision &&
	     !strcmp(v->decision, "none") && i < VT_STAGE_CLOSED; i++)
		if (v->dates[i])
			return fail(r, vt_review_date_field((int)i), "%s: no "
				    "further review was decided (decision "
				    "none), so no stage of a practice review "
				    "is dated", vt_review_date_field((int)i));
	/* A note is read by everyone who reads the review. */
	for (i = 0; i < VT_STAGE__MAX; i++)
		if (vt_text_looks_personal(v->notes[i])) {
			size_t k;

			snprintf(field, sizeof(field), "%s_note",
				 vt_review_stage_names[i]);
			for (k = 0; field[k]; k++)
				if (field[k] == '-')
					field[k] = '_';
			return fail(r, field, why, field, "case references "
				    "and role titles");
		}
	for (i = 0; i < v->nthemes; i++) {
		bool any;

		if (theme_known(r, VT_THEME_REVIEW, v->themes[i].theme, &any) ||
		    !any)
			continue;
		snprintf(field, sizeof(field), "themes[%zu]", i);
		return fail(r, field, "theme '%s' is not one of the "
			    "partnership's case review themes",
			    v->themes[i].theme);
	}
	return VT_OK;
}

/* The escalation protocol's stages in force: the definition's own, then
   the database's, then the default. */
static size_t escalation_stages(const struct rule_ctx *r)
{
	const struct vt_def *d = r->def;
	const struct vt_partnership *p;

	if (!vt_def_count(d, VT_KIND_PARTNERSHIP) && r->ck->base)
		d = r->ck->base;
	p = vt_def_count(d, VT_KIND_PARTNERSHIP) ?
	    vt_def_at(d, VT_KIND_PARTNERSHIP, 0) : NULL;
	return vt_escalation_stage_count(p);
}

static bool free_text_personal(struct rule_ctx *r, const char *field,
			       const char *text, enum vt_err *err)
{
	if (!vt_text_looks_personal(text))
		return false;
	*err = fail(r, field, "%s looks like a person's name or a date of "
		    "birth; an escalation names agencies and roles only",
		    field);
	return true;
}

/*
 * An escalation names no child and no person: its reference, the role
 * that raised it and its texts are refused when they look like a name or
 * a date of birth.  Its theme is the partnership's, its stages are
 * reached one after another within the protocol, dated in order, and an
 * outcome comes with the day it was resolved.
 */
static enum vt_err escalation_rules(struct rule_ctx *r,
				    const struct vt_escalation *e)
{
	size_t nstages = escalation_stages(r), i;
	const char *last = e->raised, *lastname = "raised";
	char field[48], lastfield[48];
	enum vt_err err = VT_OK;
	bool any;

	if (vt_text_looks_personal(e->ref)) {
		/* Said once is enough: the message does not repeat it. */
		snprintf(r->label, sizeof(r->label), "escalation %zu",
			 r->index + 1);
		return fail(r, "ref", "ref looks like a person's name or a "
			    "date of birth; an escalation holds its reference "
			    "(ESC-2026-01) only");
	}
	if (!review_code(e->ref))
		return fail(r, "ref", "ref '%s' is not a reference (letters, "
			    "digits, '-', '_', '.' or '/', as in ESC-2026-01)",
			    e->ref);
	if (free_text_personal(r, "raised_role", e->raised_role, &err) ||
	    free_text_personal(r, "summary", e->summary, &err) ||
	    free_text_personal(r, "resolution", e->resolution, &err))
		return err;
	if (!theme_known(r, VT_THEME_ESCALATION, e->theme, &any)) {
		const char *const *d = vt_escalation_default_themes;

		for (i = 0; !any && d[i]; i++)
			if (!strcmp(d[i], e->theme))
				break;
		if (any || !d[i])
			return fail(r, "theme", "theme '%s' is not one of the "
				    "partnership's escalation themes%s",
				    e->theme, any ? "" : " (thresholds, "
				    "information-sharing, attendance, plans "
				    "or other)");
	}
	for (i = 0; e->outcome && vt_escalation_outcome_names[i]; i++)
		if (!strcmp(e->outcome, vt_escalation_outcome_names[i]))
			break;
	if (e->outcome && !vt_escalation_outcome_names[i])
		return fail(r, "outcome", "outcome '%s' is not one (agreed, "
			    "upheld, not-upheld or withdrawn)", e->outcome);
	snprintf(lastfield, sizeof(lastfield), "raised");
	for (i = 0; i < e->nsteps; i++) {
		const struct vt_escalation_step *st = &e->steps[i];

		if (st->stage != (int64_t)i + 1) {
			snprintf(field, sizeof(field), "steps[%zu].stage", i);
			return fail(r, field, "stage %lld comes after stage "
				    "%zu; stages are reached one after "
				    "another from 1", (long long)st->stage, i);
		}
		if ((size_t)st->stage > nstages) {
			snprintf(field, sizeof(field), "steps[%zu].stage", i);
			return fail(r, field, "stage %lld is past the last "
				    "stage of the escalation protocol (%zu)",
				    (long long)st->stage, nstages);
		}
		snprintf(field, sizeof(field), "steps[%zu].date", i);
		if (strcmp(st->date, last) < 0)
			return fail(r, field, "date %s (stage %lld) comes "
				    "before %s %s; stages are dated in order",
				    st->date, (long long)st->stage, lastname,
				    last);
		snprintf(field, sizeof(field), "steps[%zu].note", i);
		if (free_text_personal(r, field, st->note, &err))
			return err;
		last = st->date;
		snprintf(lastfield, sizeof(lastfield), "stage %lld's date",
			 (long long)st->stage);
		lastname = lastfield;
	}
	if (e->resolved && strcmp(e->resolved, last) < 0)
		return fail(r, "resolved", "resolved %s comes before %s %s",
			    e->resolved, lastname, last);
	if (e->resolved && !e->outcome)
		return fail(r, "outcome", "outcome: the escalation resolved "
			    "on %s needs its outcome (agreed, upheld, "
			    "not-upheld or withdrawn)", e->resolved);
	if (!e->resolved && e->outcome)
		return fail(r, "resolved", "resolved: an outcome needs the "
			    "day the escalation was resolved");
	if (!e->resolved && e->resolution)
		return fail(r, "resolved", "resolved: a resolution needs the "
			    "day the escalation was resolved");
	return VT_OK;
}

/* The audit grade scale in force: the definition's, the database's, or
   the default. */
static const struct vt_partnership *scale_owner(const struct rule_ctx *r)
{
	const struct vt_def *d = r->def;

	if (!vt_def_count(d, VT_KIND_PARTNERSHIP) && r->ck->base)
		d = r->ck->base;
	return vt_def_count(d, VT_KIND_PARTNERSHIP) ?
	       vt_def_at(d, VT_KIND_PARTNERSHIP, 0) : NULL;
}

/* "outstanding, good, requires-improvement or inadequate" into 'out'. */
static void scale_list(const struct vt_partnership *p, char *out,
		       size_t size)
{
	size_t n = vt_audit_grade_count(p), i, len = 0;

	out[0] = '\0';
	for (i = 0; i < n && len < size; i++) {
		int w = snprintf(out + len, size - len, "%s%s",
				 !i ? "" : i + 1 == n ? " or " : ", ",
				 vt_audit_grade_at(p, i));

		if (w < 0)
			break;
		len += (size_t)w;
	}
}

static bool audit_takes_part(const struct vt_audit *a, const char *agency)
{
	size_t i;

	for (i = 0; i < a->nagencies; i++)
		if (!strcmp(a->agencies[i].agency, agency))
			return true;
	return false;
}

static bool audit_personal(struct rule_ctx *r, const char *field,
			   const char *text, enum vt_err *err)
{
	if (!vt_text_looks_personal(text))
		return false;
	*err = fail(r, field, "%s looks like a person's name or a date of "
		    "birth; an audit names case references, agencies and "
		    "roles only", field);
	return true;
}

/*
 * An audit names no child and no person: its reference, its cases and its
 * texts are refused when they look like a name or a date of birth.  Its
 * theme is the partnership's, it is planned for a quarter and done no
 * earlier than that quarter begins; its lead and every agency grading
 * take part; grades are from the partnership's scale, one per agency and
 * case; a re-audit repeats an audit planned before it.
 */
static enum vt_err audit_rules(struct rule_ctx *r, const struct vt_audit *a)
{
	const struct vt_partnership *p = scale_owner(r);
	struct vt_period q;
	struct vt_date first;
	char field[64], scale[256], day[11];
	enum vt_err err = VT_OK;
	size_t i, j, g;
	bool any;

	if (vt_text_looks_personal(a->ref)) {
		snprintf(r->label, sizeof(r->label), "audit %zu",
			 r->index + 1);
		return fail(r, "ref", "ref looks like a person's name or a "
			    "date of birth; an audit holds its reference "
			    "(MAA-2026-01) only");
	}
	if (!review_code(a->ref))
		return fail(r, "ref", "ref: '%s' is not a reference (letters, "
			    "digits, '-', '_', '.' or '/', as in MAA-2026-01)",
			    a->ref);
	if (audit_personal(r, "summary", a->summary, &err))
		return err;
	if (!theme_known(r, VT_THEME_AUDIT, a->theme, &any) && any)
		return fail(r, "theme", "theme: '%s' is not one of the "
			    "partnership's audit themes", a->theme);
	if (vt_period_parse(a->planned, &q) || q.kind != VT_PERIOD_QUARTER)
		return fail(r, "planned", "planned: '%s' is not a quarter "
			    "(2026Q2)", a->planned);
	for (i = 0; i < a->nagencies; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(a->agencies[i].agency,
				    a->agencies[j].agency)) {
				snprintf(field, sizeof(field),
					 "agencies[%zu]", i);
				return fail(r, field, "%s: agency '%s' is "
					    "listed twice", field,
					    a->agencies[i].agency);
			}
	if (!audit_takes_part(a, a->lead))
		return fail(r, "lead", "lead: '%s' is not one of the agencies "
			    "taking part", a->lead);
	if (a->done && !vt_period_first_day(&q, 4, &first)) {
		snprintf(day, sizeof(day), "%04d-%02d-%02d", first.year,
			 first.month, first.day);
		if (strcmp(a->done, day) < 0)
			return fail(r, "done", "done: %s comes before the "
				    "planned quarter %s begins (%s)", a->done,
				    a->planned, day);
	}
	if (a->reaudit_of) {
		const struct vt_audit *o = lookup(r->def, r->ck,
						  VT_KIND_AUDIT,
						  a->reaudit_of);
		struct vt_period oq;

		if (!strcmp(a->reaudit_of, a->ref))
			return fail(r, "reaudit_of", "reaudit_of: an audit "
				    "cannot repeat itself");
		if (o && !vt_period_parse(o->planned, &oq) &&
		    vt_period_compare(&oq, &q) >= 0)
			return fail(r, "reaudit_of", "reaudit_of: audit '%s' "
				    "is planned for %s, not before %s",
				    o->ref, o->planned, a->planned);
	}
	scale_list(p, scale, sizeof(scale));
	for (i = 0; i < a->ngrades; i++) {
		const struct vt_audit_grade *gr = &a->grades[i];

		snprintf(field, sizeof(field), "grades[%zu].case", i);
		if (vt_text_looks_personal(gr->case_))
			return fail(r, field, "%s looks like a person's name "
				    "or a date of birth; an audit holds case "
				    "references only", field);
		if (!review_code(gr->case_))
			return fail(r, field, "%s: '%s' is not a case "
				    "reference (letters, digits, '-', '_', "
				    "'.' or '/')", field, gr->case_);
		snprintf(field, sizeof(field), "grades[%zu].agency", i);
		if (!audit_takes_part(a, gr->agency))
			return fail(r, field, "%s: '%s' is not one of the "
				    "agencies taking part", field, gr->agency);
		for (g = 0; g < vt_audit_grade_count(p); g++)
			if (!strcmp(vt_audit_grade_at(p, g), gr->grade))
				break;
		snprintf(field, sizeof(field), "grades[%zu].grade", i);
		if (g == vt_audit_grade_count(p))
			return fail(r, field, "%s: '%s' is not one of %s",
				    field, gr->grade, scale);
		snprintf(field, sizeof(field), "grades[%zu].findings", i);
		if (audit_personal(r, field, gr->findings, &err))
			return err;
		for (j = 0; j < i; j++)
			if (!strcmp(a->grades[j].case_, gr->case_) &&
			    !strcmp(a->grades[j].agency, gr->agency)) {
				snprintf(field, sizeof(field), "grades[%zu]",
					 i);
				return fail(r, field, "%s: case '%s' is "
					    "graded by %s twice", field,
					    gr->case_, gr->agency);
			}
	}
	return VT_OK;
}

/* ------------------------------------------------------------------ */
/* Section 11 self-assessments */

static const struct vt_partnership *s11_partnership(const struct rule_ctx *r)
{
	const struct vt_def *d = r->def;

	if (!vt_def_count(d, VT_KIND_PARTNERSHIP) && r->ck->base)
		d = r->ck->base;
	return vt_def_count(d, VT_KIND_PARTNERSHIP) ?
	       vt_def_at(d, VT_KIND_PARTNERSHIP, 0) : NULL;
}

static bool s11_standard_known(const struct vt_partnership *p,
			       const char *code)
{
	size_t i, n = vt_s11_standard_count(p);

	for (i = 1; i <= n; i++)
		if (!strcmp(vt_s11_standard_at(p, i)->code, code))
			return true;
	return false;
}

static bool s11_personal(struct rule_ctx *r, const char *field,
			 const char *text, enum vt_err *err)
{
	if (!vt_text_looks_personal(text))
		return false;
	*err = fail(r, field, "%s looks like a person's name or a date of "
		    "birth; a self-assessment names roles only", field);
	return true;
}

/*
 * A self-assessment rates standards of the framework, each once;
 * submitted, it rates every standard and one not met or partly met has
 * its action.  Its challenge session comes after it was submitted,
 * with an outcome, and a rating it changed is recorded from -> to, the
 * rating holding the new value.
 */
static enum vt_err s11_rules(struct rule_ctx *r, const struct vt_s11 *a)
{
	const struct vt_partnership *p = s11_partnership(r);
	size_t i, j, n = vt_s11_standard_count(p);
	char field[64];
	enum vt_err err = VT_OK;

	if (!vt_s11_cycle_valid(a->cycle))
		return fail(r, "cycle", "cycle: '%s' is not a year (2025) or "
			    "a financial year (2025-26)", a->cycle);
	for (i = 0; i < a->nratings; i++) {
		const struct vt_s11_rating *g = &a->ratings[i];

		snprintf(field, sizeof(field), "ratings[%zu].standard", i);
		if (!s11_standard_known(p, g->standard))
			return fail(r, field, "%s: standard '%s' is not one of "
				    "the partnership's section 11 standards",
				    field, g->standard);
		for (j = 0; j < i; j++)
			if (!strcmp(a->ratings[j].standard, g->standard))
				return fail(r, field, "%s: standard '%s' is "
					    "rated twice", field,
					    g->standard);
		snprintf(field, sizeof(field), "ratings[%zu].evidence", i);
		if (s11_personal(r, field, g->evidence, &err))
			return err;
		snprintf(field, sizeof(field), "ratings[%zu].action", i);
		if (s11_personal(r, field, g->action, &err))
			return err;
		/* A draft may wait for its actions; submitted, not. */
		if (a->submitted && g->rating != VT_S11_MET &&
		    vt_text_blank(g->action))
			return fail(r, field, "%s: standard '%s' is %s: it "
				    "needs the action the agency will take",
				    field, g->standard,
				    vt_s11_grade_names[g->rating]);
	}
	if (a->submitted)
		for (i = 1; i <= n; i++) {
			const char *code = vt_s11_standard_at(p, i)->code;

			if (!vt_s11_rating_of(a, code))
				return fail(r, "ratings", "ratings: submitted "
					    "on %s but standard '%s' is not "
					    "rated", a->submitted, code);
		}
	if (s11_personal(r, "challenge_note", a->challenge_note, &err))
		return err;
	if (a->challenged && !a->submitted)
		return fail(r, "challenged", "challenged: a draft is not "
			    "challenged; it is challenged once submitted");
	if (a->challenged && strcmp(a->challenged, a->submitted) < 0)
		return fail(r, "challenged", "challenged: %s comes before "
			    "submitted %s", a->challenged, a->submitted);
	for (i = 0; a->challenge_outcome && vt_s11_outcome_names[i]; i++)
		if (!strcmp(a->challenge_outcome, vt_s11_outcome_names[i]))
			break;
	if (a->challenge_outcome && !vt_s11_outcome_names[i])
		return fail(r, "challenge_outcome", "challenge_outcome: '%s' "
			    "is not one (agreed or rating-changed)",
			    a->challenge_outcome);
	if (a->challenged && !a->challenge_outcome)
		return fail(r, "challenge_outcome", "challenge_outcome: the "
			    "challenge session of %s needs its outcome "
			    "(agreed or rating-changed)", a->challenged);
	if (!a->challenged && (a->challenge_outcome || a->challenge_note ||
			       a->nchanges))
		return fail(r, "challenged", "challenged: a challenge "
			    "session's outcome, note and changes need its "
			    "date");
	if (a->challenge_outcome &&
	    !strcmp(a->challenge_outcome, "rating-changed") && !a->nchanges)
		return fail(r, "changes", "changes: the outcome "
			    "rating-changed needs the ratings it changed");
	if (a->challenge_outcome && !strcmp(a->challenge_outcome, "agreed") &&
	    a->nchanges)
		return fail(r, "changes", "changes: the outcome agreed "
			    "changed no rating");
	for (i = 0; i < a->nchanges; i++) {
		const struct vt_s11_change *c = &a->changes[i];
		const struct vt_s11_rating *g = vt_s11_rating_of(a,
								 c->standard);

		snprintf(field, sizeof(field), "changes[%zu].standard", i);
		if (!g)
			return fail(r, field, "%s: standard '%s' is not "
				    "rated", field, c->standard);
		for (j = 0; j < i; j++)
			if (!strcmp(a->changes[j].standard, c->standard))
				return fail(r, field, "%s: standard '%s' is "
					    "changed twice", field,
					    c->standard);
		snprintf(field, sizeof(field), "changes[%zu].to", i);
		if (c->to != g->rating)
			return fail(r, field, "%s: standard '%s' changed to "
				    "%s but is rated %s", field, c->standard,
				    vt_s11_grade_names[c->to],
				    vt_s11_grade_names[g->rating]);
		if (c->from == c->to)
			return fail(r, field, "%s: standard '%s' changed "
				    "from %s to the same", field, c->standard,
				    vt_s11_grade_names[c->to]);
	}
	return VT_OK;
}

/* The framework's codes are each given once, and it still holds every
   standard a self-assessment rated, in the definition or stored. */
static enum vt_err s11_framework_rules(struct rule_ctx *r,
				       const struct vt_partnership *p)
{
	const struct vt_def *defs[2] = { r->def, r->ck->base };
	char field[48];
	size_t i, j, d;

	for (d = 0; d < 2 && defs[d]; d++)
		for (i = 0; i < vt_def_count(defs[d], VT_KIND_S11); i++) {
			const struct vt_s11 *a =
				vt_def_at(defs[d], VT_KIND_S11, i);

			if (d && vt_s11_find(r->def, a->agency, a->cycle))
				continue;
			for (j = 0; j < a->nratings; j++)
				if (a->ratings[j].standard &&
				    !s11_standard_known(p,
							a->ratings[j].standard))
					return fail(r, "s11_standards",
						    "s11_standards: the "
						    "self-assessment '%s/%s' "
						    "rates standard '%s'; the "
						    "framework must keep it",
						    a->agency, a->cycle,
						    a->ratings[j].standard);
		}

	for (i = 0; i < p->ns11_standards; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(p->s11_standards[i].code,
				    p->s11_standards[j].code)) {
				snprintf(field, sizeof(field),
					 "s11_standards[%zu].code", i);
				return fail(r, field, "standard '%s' is "
					    "given twice",
					    p->s11_standards[i].code);
			}
	return VT_OK;
}

static enum vt_err s11_action_rules(struct rule_ctx *r,
				    const struct vt_action *a)
{
	if (!a->s11 || vt_s11_find_key(r->def, a->s11) ||
	    (r->ck->base && vt_s11_find_key(r->ck->base, a->s11)))
		return VT_OK;
	return fail(r, "s11", "s11: there is no section 11 self-assessment "
		    "'%s' (AGENCY/CYCLE)", a->s11);
}

static enum vt_err s11_framework_rules_of(struct rule_ctx *r, const void *rec)
{
	return s11_framework_rules(r, rec);
}

static enum vt_err s11_action_rules_of(struct rule_ctx *r, const void *rec)
{
	return s11_action_rules(r, rec);
}

/* The rules a section 11 block adds to a kind's own, after them. */
static enum vt_err rules_both(enum vt_err first, struct rule_ctx *r,
			      const void *rec,
			      enum vt_err (*then)(struct rule_ctx *,
						  const void *))
{
	return first ? first : then(r, rec);
}

/*
 * A voice report names no one: its reference, title, who ran it and its
 * texts are refused when they look like a person's name or a date of
 * birth.  Its themes are the partnership's voice themes, when it has any.
 */
static enum vt_err voice_rules(struct rule_ctx *r, const struct vt_voice *v)
{
	static const char *const texts[] = { "title", "source", "summary",
					     "changed" };
	const char *const values[] = { v->title, v->source, v->summary,
				       v->changed };
	char field[48];
	size_t i;

	if (vt_text_looks_personal(v->ref)) {
		/* Said once is enough: the message does not repeat it. */
		snprintf(r->label, sizeof(r->label), "voice report %zu",
			 r->index + 1);
		return fail(r, "ref", "ref looks like a person's name or a "
			    "date of birth; a voice report holds its "
			    "reference (VOICE-2026-01) only");
	}
	if (!review_code(v->ref))
		return fail(r, "ref", "ref '%s' is not a reference (letters, "
			    "digits, '-', '_', '.' or '/', as in "
			    "VOICE-2026-01)", v->ref);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (vt_text_looks_personal(values[i]))
			return fail(r, texts[i], "%s looks like a person's "
				    "name or a date of birth; a voice report "
				    "names agencies, bodies and roles only",
				    texts[i]);
	for (i = 0; i < v->nthemes; i++) {
		bool any;

		if (theme_known(r, VT_THEME_VOICE, v->themes[i].theme, &any) ||
		    !any)
			continue;
		snprintf(field, sizeof(field), "themes[%zu]", i);
		return fail(r, field, "theme '%s' is not one of the "
			    "partnership's voice themes", v->themes[i].theme);
	}
	return VT_OK;
}

/* The partnership's financial-year start month: the definition's, then
   the database's, else April. */
static int fy_start(const struct rule_ctx *r)
{
	const struct vt_def *d = r->def;

	if (!vt_def_count(d, VT_KIND_PARTNERSHIP) && r->ck->base)
		d = r->ck->base;
	if (!vt_def_count(d, VT_KIND_PARTNERSHIP))
		return 4;
	return (int)((const struct vt_partnership *)vt_def_at(d,
			VT_KIND_PARTNERSHIP, 0))->fy_start_month;
}

/* "2026-27": its first calendar year, or 0 when not such a year. */
static int plan_year(const char *y)
{
	int first, second;
	size_t i;

	for (i = 0; i < 7; i++)
		if (i == 4 ? y[i] != '-' : !digit(y[i]))
			return 0;
	if (y[7])
		return 0;
	first = (y[0] - '0') * 1000 + (y[1] - '0') * 100 +
		(y[2] - '0') * 10 + (y[3] - '0');
	second = (y[5] - '0') * 10 + (y[6] - '0');
	return first >= 1900 && second == (first + 1) % 100 ? first : 0;
}

/*
 * An item of the scrutiny plan names no one.  Its year is a financial
 * year ("2026-27") and it is planned within it, on a day or in a quarter.
 * Once reported it has the day and a summary; only then findings, each
 * naming the challenge (on scrutiny:REF) or the action it became.
 */
static enum vt_err scrutiny_rules(struct rule_ctx *r,
				  const struct vt_scrutiny *sc)
{
	static const char why[] = "%s looks like a person's name or a date "
		"of birth; a scrutiny item names agencies and roles only";
	int first = plan_year(sc->year), fy = fy_start(r), year, month;
	struct vt_period q;
	struct vt_date d;
	char field[48], on[96];
	size_t i;

	if (vt_text_looks_personal(sc->ref)) {
		/* Said once is enough: the message does not repeat it. */
		snprintf(r->label, sizeof(r->label), "scrutiny item %zu",
			 r->index + 1);
		return fail(r, "ref", "ref looks like a person's name or a "
			    "date of birth; a scrutiny item holds its "
			    "reference (SCR-2026-01) only");
	}
	if (!review_code(sc->ref) || strchr(sc->ref, '/'))
		return fail(r, "ref", "ref '%s' is not a reference (letters, "
			    "digits, '-', '_' or '.', as in SCR-2026-01)",
			    sc->ref);
	if (!first)
		return fail(r, "year", "year '%s' is not a financial year "
			    "(2026-27)", sc->year);
	if (!vt_parse_date(sc->planned, &d)) {
		year = d.year;
		month = d.month;
	} else if (!vt_period_parse(sc->planned, &q) &&
		   q.kind == VT_PERIOD_QUARTER) {
		year = q.year;
		month = (q.index - 1) * 3 + 1;
	} else {
		return fail(r, "planned", "planned '%s' is neither a date "
			    "(YYYY-MM-DD) nor a quarter (2026Q3)", sc->planned);
	}
	if ((month >= fy ? year : year - 1) != first)
		return fail(r, "planned", "planned %s is not in the plan's "
			    "year %s", sc->planned, sc->year);
	if (vt_text_looks_personal(sc->summary))
		return fail(r, "summary", why, "summary");
	if (sc->status == VT_SCRUTINY_REPORTED && !sc->reported)
		return fail(r, "reported", "reported: a reported item needs "
			    "the day it was reported");
	if (sc->status == VT_SCRUTINY_REPORTED && !sc->summary)
		return fail(r, "summary", "summary: a reported item needs "
			    "the report's summary");
	if (sc->status != VT_SCRUTINY_REPORTED &&
	    (sc->reported || sc->summary || sc->nfindings))
		return fail(r, "status", "status: an item %s has no %s until "
			    "it is reported", vt_scrutiny_status_names[
			    sc->status], sc->reported ? "reported date" :
			    sc->summary ? "summary" : "findings");
	snprintf(on, sizeof(on), "scrutiny:%s", sc->ref);
	for (i = 0; i < sc->nfindings; i++) {
		const struct vt_scrutiny_finding *f = &sc->findings[i];
		bool challenge = f->becomes == VT_FINDING_CHALLENGE;
		const struct vt_challenge *c;

		snprintf(field, sizeof(field), "findings[%zu].text", i);
		if (vt_text_looks_personal(f->text))
			return fail(r, field, why, field);
		snprintf(field, sizeof(field), "findings[%zu].%s", i,
			 challenge ? "challenge" : "action");
		if (challenge ? !f->challenge || f->action :
		    !f->action || f->challenge)
			return fail(r, field, "%s: a finding that becomes %s "
				    "names it, and only it", field,
				    challenge ? "a challenge" : "an action");
		c = challenge ? lookup(r->def, r->ck, VT_KIND_CHALLENGE,
				       f->challenge) : NULL;
		if (c && strcmp(c->on, on))
			return fail(r, field, "%s: challenge %s is on '%s', "
				    "not on %s", field, c->id, c->on, on);
	}
	return VT_OK;
}

/* A sum of money: finite, not below nil, within what money may be, in
   whole pence.  'what' names it in the message. */
static enum vt_err money_rules(struct rule_ctx *r, const char *field,
			       double v, bool *bad)
{
	double pence = v * 100.0;

	*bad = true;
	if (!isfinite(v) || v > vt_unit_max(VT_UNIT_CURRENCY))
		return fail(r, field, "%s: %.15g is not a sum of money the "
			    "partnership could hold", field, v);
	if (v < 0)
		return fail(r, field, "%s: %.15g is below nil; a sum of money "
			    "here is 0 or more", field, v);
	/* Allowing for binary fractions: 0.07 * 100 is 7.000000000000001. */
	if (fabs(pence - round(pence)) > fmax(1e-4, fabs(pence) * 1e-15))
		return fail(r, field, "%s: %.15g has a fraction of a penny; give "
			    "pounds and pence (1234.50)", field, v);
	*bad = false;
	return VT_OK;
}

static bool same_heading(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if ((*a | (upper(*a) ? 0x20 : 0)) !=
		    (*b | (upper(*b) ? 0x20 : 0)))
			return false;
	return !*a && !*b;
}

/*
 * A year's pooled budget: a financial year, each partner contributing
 * once a sum of money, each heading named once, and the headings'
 * budgets together no more than the contributions.  Sums are compared in
 * whole pence.  Notes and headings name no one.
 */
static enum vt_err budget_rules(struct rule_ctx *r, const struct vt_budget *b)
{
	static const char why[] = "%s looks like a person's name or a date "
		"of birth; a budget names agencies and headings only";
	long long total = 0, budgeted = 0;
	char field[64], a[48], t[48];
	enum vt_err result;
	bool bad;
	size_t i, j, over = b->nspend;

	if (!vt_budget_year_valid(b->year))
		return fail(r, "year", "year '%s' is not a financial year "
			    "(2025-26)", b->year);
	if (vt_text_looks_personal(b->note))
		return fail(r, "note", why, "note");
	for (i = 0; i < b->ncontributions; i++) {
		const struct vt_budget_contribution *c = &b->contributions[i];

		for (j = 0; j < i; j++)
			if (!strcmp(b->contributions[j].agency, c->agency)) {
				snprintf(field, sizeof(field),
					 "contributions[%zu].agency", i);
				return fail(r, field, "%s: agency '%s' "
					    "contributes twice (first at "
					    "contributions[%zu])", field,
					    c->agency, j);
			}
		snprintf(field, sizeof(field), "contributions[%zu].amount", i);
		result = money_rules(r, field, c->amount, &bad);
		if (bad)
			return result;
		snprintf(field, sizeof(field), "contributions[%zu].note", i);
		if (vt_text_looks_personal(c->note))
			return fail(r, field, why, field);
		total += llround(c->amount * 100.0);
	}
	for (i = 0; i < b->nspend; i++) {
		const struct vt_budget_spend *sp = &b->spend[i];

		snprintf(field, sizeof(field), "spend[%zu].heading", i);
		if (vt_text_blank(sp->heading))
			return fail(r, field, "%s: a heading needs its name "
				    "(business unit staffing)", field);
		if (vt_text_looks_personal(sp->heading))
			return fail(r, field, why, field);
		for (j = 0; j < i; j++)
			if (same_heading(b->spend[j].heading, sp->heading))
				return fail(r, field, "%s: heading '%s' is "
					    "listed twice (first at "
					    "spend[%zu])", field, sp->heading,
					    j);
		snprintf(field, sizeof(field), "spend[%zu].budgeted", i);
		result = money_rules(r, field, sp->budgeted, &bad);
		if (bad)
			return result;
		snprintf(field, sizeof(field), "spend[%zu].actual", i);
		if (!isnan(sp->actual)) {
			result = money_rules(r, field, sp->actual, &bad);
			if (bad)
				return result;
		}
		budgeted += llround(sp->budgeted * 100.0);
		if (budgeted > total && over == b->nspend)
			over = i;
	}
	if (over == b->nspend)
		return VT_OK;
	/* Placed at the heading that first takes the sum past the total. */
	snprintf(field, sizeof(field), "spend[%zu].budgeted", over);
	vt_money_text((double)budgeted / 100.0, a, sizeof(a));
	vt_money_text((double)total / 100.0, t, sizeof(t));
	return fail(r, field, "%s: the headings' budgets (%s) exceed the "
		    "contributions (%s)", field, a, t);
}

/*
 * A section of the annual report in the business manager's words: for a
 * financial year ("2025-26"), one of the report's sections, naming no one.
 */
static enum vt_err narrative_rules(struct rule_ctx *r,
				   const struct vt_narrative *n)
{
	size_t i;

	if (!plan_year(n->year))
		return fail(r, "year", "year: '%s' is not a financial year "
			    "(2025-26)", n->year);
	for (i = 0; vt_annual_key_names[i]; i++)
		if (!strcmp(vt_annual_key_names[i], n->section))
			break;
	if (!vt_annual_key_names[i])
		return fail(r, "section", "section: '%s' is not one of "
			    "foreword, summary, arrangements, plans, impact, "
			    "reviews, audits, escalations, scrutiny, "
			    "training, funding, next-year", n->section);
	if (vt_text_looks_personal(n->text))
		return fail(r, "text", "text: looks like a person's name or "
			    "a date of birth; the annual report names agencies "
			    "and roles only");
	return VT_OK;
}

/*
 * A group's members are agencies, each once, each by the role title it
 * sends (never a person); a quorum is at most the number of members.
 */
static enum vt_err group_members_rules(struct rule_ctx *r,
				       const struct vt_group *g)
{
	char field[48];
	size_t i, j;

	for (i = 0; i < g->nmembers; i++) {
		const struct vt_group_member *m = &g->members[i];

		snprintf(field, sizeof(field), "members[%zu].agency", i);
		if (!lookup(r->def, r->ck, VT_KIND_AGENCY, m->agency))
			return fail(r, field, "%s: '%s' is not an agency",
				    field, m->agency);
		for (j = 0; j < i; j++)
			if (!strcmp(g->members[j].agency, m->agency))
				return fail(r, field, "%s: agency '%s' is a "
					    "member already (members[%zu])",
					    field, m->agency, j);
		snprintf(field, sizeof(field), "members[%zu].role", i);
		if (vt_text_blank(m->role))
			return fail(r, field, "%s: give the role title the "
				    "agency sends (Head of Safeguarding)",
				    field);
		if (vt_text_looks_personal(m->role))
			return fail(r, field, "%s looks like a person's name "
				    "or a date of birth; a group's members "
				    "are agencies and role titles only",
				    field);
	}
	if (g->quorum > 0 && g->nmembers && (size_t)g->quorum > g->nmembers)
		return fail(r, "quorum", "quorum %lld is more than the "
			    "group's %zu member agencies",
			    (long long)g->quorum, g->nmembers);
	return VT_OK;
}

/* Whether 'agency' sits on group 'g'. */
static bool group_has_member(const struct vt_group *g, const char *agency)
{
	size_t i;

	for (i = 0; i < g->nmembers; i++)
		if (!strcmp(g->members[i].agency, agency))
			return true;
	return false;
}

/* A report a meeting received: a return, an audit, a case review, a
   scrutiny item or the quarterly pack, each of which exists. */
static enum vt_err received_subject(struct rule_ctx *r, const char *field,
				    const char *subject)
{
	static const char *const kinds[] = { "audit:", "review:",
					     "scrutiny:" };
	const char *colon = strchr(subject, ':');
	const char *name = colon ? colon + 1 : "";
	const struct vt_subject_kind *k = vt_subject_kind_of(subject);
	struct vt_period p;
	char agency[80];
	const char *slash;
	size_t i;

	for (i = 0; k && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(k->prefix, kinds[i])) {
			if (!vt_subject_find(r->def, k, name) &&
			    !(r->ck->base &&
			      vt_subject_find(r->ck->base, k, name)))
				return fail(r, field, "%s: %s '%s' does not "
					    "exist", field, k->noun, name);
			return VT_OK;
		}
	if (colon && !strncmp(subject, "pack:", 5)) {
		if (vt_period_parse(name, &p) || p.kind != VT_PERIOD_QUARTER)
			return fail(r, field, "%s: '%s' does not name a "
				    "quarter's pack (pack:QUARTER, as in "
				    "pack:2026Q2)", field, subject);
		return VT_OK;
	}
	if (colon && !strncmp(subject, "return:", 7)) {
		slash = strchr(name, '/');
		if (!slash || (size_t)(slash - name) >= sizeof(agency) ||
		    vt_period_parse(slash + 1, &p))
			return fail(r, field, "%s: '%s' does not name a "
				    "return (return:AGENCY/PERIOD, as in "
				    "return:police/2026Q2)", field, subject);
		memcpy(agency, name, (size_t)(slash - name));
		agency[slash - name] = '\0';
		if (!lookup(r->def, r->ck, VT_KIND_AGENCY, agency))
			return fail(r, field, "%s: '%s' is not an agency",
				    field, agency);
		return VT_OK;
	}
	return fail(r, field, "%s: '%s' names no report (return:AGENCY/PERIOD, "
		    "audit:REF, review:REF, scrutiny:REF or pack:QUARTER)",
		    field, subject);
}

static bool meeting_personal(struct rule_ctx *r, const char *field,
			     const char *text, enum vt_err *err)
{
	if (!vt_text_looks_personal(text))
		return false;
	*err = fail(r, field, "%s looks like a person's name or a date of "
		    "birth; a meeting's record names agencies and roles only",
		    field);
	return true;
}

/*
 * A meeting is of a group that exists.  Only a held meeting has
 * attendance, decisions and reports received; an agency attends once and
 * is a member of the group when the group lists its members (any agency
 * otherwise: a group whose membership is not written down).  Decisions
 * are numbered once each, owned by a role title of an agency, and done
 * no earlier than the meeting.
 */
static enum vt_err meeting_rules(struct rule_ctx *r,
				 const struct vt_meeting *m)
{
	const struct vt_group *g = lookup(r->def, r->ck, VT_KIND_GROUP,
					  m->group);
	enum vt_err err = VT_OK;
	char field[48];
	size_t i, j;

	if (!review_code(m->ref) || strchr(m->ref, '/'))
		return fail(r, "ref", "ref '%s' is not a reference (letters, "
			    "digits, '-', '_' or '.', as in "
			    "executive-2026-09-14)", m->ref);
	if (!g)
		return fail(r, "group", "group: '%s' is not a group",
			    m->group);
	if (m->status != VT_MEETING_HELD &&
	    (m->nattendance || m->ndecisions || m->nreceived))
		return fail(r, "status", "status: a %s meeting has no %s; "
			    "only a held meeting has", vt_meeting_status_names[
			    m->status], m->nattendance ? "attendance" :
			    m->ndecisions ? "decisions" : "reports received");
	for (i = 0; i < m->nitems; i++) {
		snprintf(field, sizeof(field), "items[%zu].text", i);
		if (meeting_personal(r, field, m->items[i].text, &err))
			return err;
	}
	for (i = 0; i < m->nattendance; i++) {
		const char *a = m->attendance[i].agency;

		snprintf(field, sizeof(field), "attendance[%zu].agency", i);
		if (!lookup(r->def, r->ck, VT_KIND_AGENCY, a))
			return fail(r, field, "%s: '%s' is not an agency",
				    field, a);
		if (g->nmembers && !group_has_member(g, a))
			return fail(r, field, "%s: '%s' is not a member "
				    "agency of group '%s'", field, a,
				    g->code);
		for (j = 0; j < i; j++)
			if (!strcmp(m->attendance[j].agency, a))
				return fail(r, field, "%s: '%s' is recorded "
					    "already (attendance[%zu])", field,
					    a, j);
	}
	for (i = 0; i < m->ndecisions; i++) {
		const struct vt_meeting_decision *d = &m->decisions[i];

		snprintf(field, sizeof(field), "decisions[%zu].number", i);
		for (j = 0; j < i; j++)
			if (m->decisions[j].number == d->number)
				return fail(r, field, "%s: decision %lld is "
					    "numbered twice", field,
					    (long long)d->number);
		snprintf(field, sizeof(field), "decisions[%zu].agency", i);
		if (!lookup(r->def, r->ck, VT_KIND_AGENCY, d->agency))
			return fail(r, field, "%s: '%s' is not an agency",
				    field, d->agency);
		snprintf(field, sizeof(field), "decisions[%zu].owner", i);
		if (vt_text_blank(d->owner))
			return fail(r, field, "%s: give the owner's role "
				    "title", field);
		if (meeting_personal(r, field, d->owner, &err))
			return err;
		snprintf(field, sizeof(field), "decisions[%zu].text", i);
		if (meeting_personal(r, field, d->text, &err))
			return err;
		snprintf(field, sizeof(field), "decisions[%zu].due", i);
		if (d->due && strcmp(d->due, m->date) < 0)
			return fail(r, field, "%s: due %s comes before the "
				    "meeting on %s", field, d->due, m->date);
		snprintf(field, sizeof(field), "decisions[%zu].done", i);
		if (d->done && strcmp(d->done, m->date) < 0)
			return fail(r, field, "%s: done %s comes before the "
				    "meeting on %s", field, d->done, m->date);
	}
	for (i = 0; i < m->nreceived; i++) {
		snprintf(field, sizeof(field), "received[%zu].subject", i);
		err = received_subject(r, field, m->received[i].subject);
		if (err || r->ck->dq->errors)
			return err;
		snprintf(field, sizeof(field), "received[%zu].note", i);
		if (meeting_personal(r, field, m->received[i].note, &err))
			return err;
	}
	return VT_OK;
}

/*
 * A record missing a required field was reported when it was read; the
 * rules between fields would only repeat that, so they skip it.
 */
static bool record_complete(enum vt_kind kind, const void *rec)
{
	const struct vt_entity *e = vt_entity_of(kind);
	size_t i, j;

	for (i = 0; i < e->nfields; i++) {
		const struct vt_field *f = &e->fields[i];

		if (vt_field_is_text(f) && (f->flags & VT_FF_REQUIRED) &&
		    !*vt_field_text((void *)rec, f))
			return false;
		if (f->type == VT_FT_LIST) {
			const struct vt_entity *c = vt_entity_of(f->child);
			const char *items = *vt_field_list((void *)rec, f);

			for (j = 0; j < *vt_field_count((void *)rec, f); j++)
				if (!record_complete(f->child,
						     items + j * c->size))
					return false;
		}
	}
	return true;
}

static enum vt_err record_rules(struct rule_ctx *r, const void *rec)
{
	if (!record_complete(r->kind, rec))
		return VT_OK;
	switch (r->kind) {
	case VT_KIND_PARTNERSHIP:
		return rules_both(partnership_rules(r, rec), r, rec,
				  s11_framework_rules_of);
	case VT_KIND_GROUP:
		return group_rules(r, rec);
	case VT_KIND_PLAN:
		return plan_rules(r, rec);
	case VT_KIND_MEASURE:
		return measure_rules(r, rec);
	case VT_KIND_VALUE:
		return value_rules(r, rec);
	case VT_KIND_ACTION:
		return rules_both(action_rules(r, rec), r, rec,
				  s11_action_rules_of);
	case VT_KIND_USER:
		return user_rules(r, rec);
	case VT_KIND_CHALLENGE:
		return challenge_rules(r, rec);
	case VT_KIND_IMPACT:
		return impact_rules(r, rec);
	case VT_KIND_REVIEW:
		return review_rules(r, rec);
	case VT_KIND_ESCALATION:
		return escalation_rules(r, rec);
	case VT_KIND_AUDIT:
		return audit_rules(r, rec);
	case VT_KIND_S11:
		return s11_rules(r, rec);
	case VT_KIND_VOICE:
		return voice_rules(r, rec);
	case VT_KIND_SCRUTINY:
		return scrutiny_rules(r, rec);
	case VT_KIND_BUDGET:
		return budget_rules(r, rec);
	case VT_KIND_NARRATIVE:
		return narrative_rules(r, rec);
	case VT_KIND_PRIORITY:
		return priority_rules(r, rec);
	case VT_KIND_MEETING:
		return meeting_rules(r, rec);
	default:
		return VT_OK;
	}
}

enum vt_err vt_def_check(const struct vt_def *def, struct vt_check *ck)
{
	enum vt_err result = VT_OK;
	size_t k, i;

	for (k = 0; k < VT_KIND_TOPLEVEL && !result; k++) {
		const struct vt_entity *e = vt_entity_of(k);

		result = check_duplicates(def, k, ck);
		for (i = 0; i < vt_def_count(def, k) && !result; i++) {
			const void *rec = vt_def_at(def, k, i);
			struct rule_ctx r = { def, ck, k, i, "" };
			char path[128], *key = vt_record_key(k, rec);

			if (!key)
				return VT_ENOMEM;
			snprintf(r.label, sizeof(r.label), "%s '%s'", e->name,
				 key);
			free(key);
			path_of(k, i, NULL, path, sizeof(path));
			/* A record refused field by field is not checked
			   further: its rules would only repeat that. */
			if (vt_def_flawed(def, k, i))
				continue;
			result = check_refs_of(def, k, rec, r.label, path, 0,
					       ck);
			if (!result)
				result = record_rules(&r, rec);
		}
	}
	return result;
}
