/* Setting the pooled budget: a partner's contribution, a heading's budget and spending, each one checked write through the change log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "vitals/funding.h"
#include "vitals/strparse.h"
#include "store/store.h"

enum step { CONTRIBUTE, SPEND, REMOVE };

struct funding_change {
	enum step step;
	const char *year, *agency, *heading, *note;
	bool has_amount, has_actual;
	double amount, actual;	/* CONTRIBUTE: amount; SPEND: budgeted */
};

/* The element of array 'a' whose member 'name' is 'value' (headings
   compared without regard to case), or -1. */
static long find_in(json_t *a, const char *name, const char *value,
		    bool anycase)
{
	size_t i;
	json_t *one;

	json_array_foreach(a, i, one) {
		const char *v = json_string_value(json_object_get(one, name));

		if (v && (anycase ? !strcasecmp(v, value) : !strcmp(v, value)))
			return (long)i;
	}
	return -1;
}

static json_t *list_of(json_t *j, const char *name)
{
	json_t *a = json_object_get(j, name);

	if (a)
		return a;
	a = json_array();
	if (json_object_set_new(j, name, a))
		return NULL;
	return a;
}

static enum vt_err edit(const struct funding_change *c, json_t *j, char *why,
			size_t whysize)
{
	const char *list = c->agency ? "contributions" : "spend";
	const char *key = c->agency ? "agency" : "heading";
	const char *value = c->agency ? c->agency : c->heading;
	json_t *a = list_of(j, list), *one;
	long at;

	if (!a)
		return VT_ENOMEM;
	at = find_in(a, key, value, !c->agency);
	if (c->step == REMOVE) {
		if (at < 0) {
			snprintf(why, whysize, "budget '%s': %s: %s '%s' is "
				 "not in the budget", c->year, key,
				 c->agency ? "agency" : "heading", value);
			return VT_ENOTFOUND;
		}
		return json_array_remove(a, (size_t)at) ? VT_ENOMEM : VT_OK;
	}
	if (at < 0) {
		if (c->step == SPEND && !c->has_amount) {
			snprintf(why, whysize, "budget '%s': budgeted: a new "
				 "heading '%s' needs its budget", c->year,
				 c->heading);
			return VT_EINVAL;
		}
		one = json_pack("{s:s}", key, value);
		if (!one || json_array_append_new(a, one))
			return VT_ENOMEM;
	} else {
		one = json_array_get(a, (size_t)at);
	}
	if (c->has_amount &&
	    json_object_set_new(one, c->agency ? "amount" : "budgeted",
				vt_json_number(c->amount)))
		return VT_ENOMEM;
	if (c->has_actual &&
	    json_object_set_new(one, "actual", vt_json_number(c->actual)))
		return VT_ENOMEM;
	if (!c->note)
		return VT_OK;
	/* A blank note takes the one there away. */
	if (vt_text_blank(c->note)) {
		json_object_del(one, "note");
		return VT_OK;
	}
	return json_object_set_new(one, "note", json_string(c->note)) ?
	       VT_ENOMEM : VT_OK;
}

static enum vt_err build_change(void *arg, const struct vt_def *meta,
				struct vt_def *change, struct vt_check *ck,
				char *why, size_t whysize)
{
	struct funding_change *c = arg;
	const struct vt_budget *old = vt_def_find(meta, VT_KIND_BUDGET,
						  c->year);
	struct vt_budget *rec;
	enum vt_err result;
	json_t *j = NULL;

	if (c->step == REMOVE && !old) {
		snprintf(why, whysize, "year: there is no budget for %s",
			 c->year);
		return VT_ENOTFOUND;
	}
	if (c->agency && c->step != REMOVE &&
	    !vt_def_find(meta, VT_KIND_AGENCY, c->agency)) {
		snprintf(why, whysize, "budget '%s': agency: there is no "
			 "agency '%s'", c->year, c->agency);
		return VT_EINVAL;
	}
	if (old ? vt_record_to_json(VT_KIND_BUDGET, old, &j) :
	    !(j = json_pack("{s:s}", "year", c->year)))
		return VT_ENOMEM;
	result = edit(c, j, why, whysize);
	if (!result)
		result = vt_def_append(change, VT_KIND_BUDGET, (void **)&rec);
	if (!result)
		result = vt_record_from_json(VT_KIND_BUDGET, j, "budgets", ck,
					     rec);
	json_decref(j);
	/* The rules between records: each agency once, the headings'
	   budgets within the contributions. */
	if (!result && !ck->dq->errors)
		result = vt_def_check(change, ck);
	return result;
}

static enum vt_err need(const char *year, const char *value,
			const char *field, const char *what, char *why,
			size_t whysize)
{
	if (!vt_text_blank(value))
		return VT_OK;
	if (vt_text_blank(year))
		snprintf(why, whysize, "%s: %s", field, what);
	else
		snprintf(why, whysize, "budget '%s': %s: %s", year, field,
			 what);
	return VT_EINVAL;
}

static enum vt_err year_ok(const char *year, char *why, size_t whysize)
{
	enum vt_err result = need(NULL, year, "year", "say the financial "
				  "year (2025-26)", why, whysize);

	if (result)
		return result;
	if (vt_budget_year_valid(year))
		return VT_OK;
	snprintf(why, whysize, "year: '%s' is not a financial year "
		 "(2025-26)", year);
	return VT_EINVAL;
}

static enum vt_err money(const char *year, const char *field,
			 const char *text, double *out, char *why,
			 size_t whysize)
{
	if (!vt_money_parse(text, out))
		return VT_OK;
	snprintf(why, whysize, "budget '%s': %s: '%s' is not a sum of money "
		 "(550000, 550,000 or 1234.50: pounds, pence after the "
		 "point, never below nil)", year, field, text);
	return VT_EINVAL;
}

enum vt_err vt_funding_contribute(struct vt_store *s, const char *year,
				  const char *agency, const char *amount,
				  const char *note, const char *who, char *why,
				  size_t whysize)
{
	struct funding_change c = { .step = CONTRIBUTE, .year = year,
				    .agency = agency, .note = note,
				    .has_amount = true };
	enum vt_err result;

	if ((result = year_ok(year, why, whysize)) ||
	    (result = need(year, agency, "agency", "say which agency "
			   "contributes", why, whysize)) ||
	    (result = need(year, amount, "amount", "say how much (550000 "
			   "or 1234.50)", why, whysize)) ||
	    (result = money(year, "amount", amount, &c.amount, why,
			    whysize)))
		return result;
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_funding_spend(struct vt_store *s, const char *year,
			     const char *heading, const char *budgeted,
			     const char *actual, const char *who, char *why,
			     size_t whysize)
{
	struct funding_change c = { .step = SPEND, .year = year,
				    .heading = heading };
	enum vt_err result;

	if ((result = year_ok(year, why, whysize)) ||
	    (result = need(year, heading, "heading", "say what the money "
			   "is spent on (training)", why, whysize)))
		return result;
	if (!vt_text_blank(budgeted)) {
		result = money(year, "budgeted", budgeted, &c.amount, why,
			       whysize);
		c.has_amount = true;
	}
	if (!result && !vt_text_blank(actual)) {
		result = money(year, "actual", actual, &c.actual, why,
			       whysize);
		c.has_actual = true;
	}
	if (result)
		return result;
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_funding_remove(struct vt_store *s, const char *year,
			      const char *agency, const char *heading,
			      const char *who, char *why, size_t whysize)
{
	struct funding_change c = { .step = REMOVE, .year = year,
				    .agency = agency, .heading = heading };
	enum vt_err result = year_ok(year, why, whysize);

	if (result)
		return result;
	if (vt_text_blank(agency) == vt_text_blank(heading)) {
		snprintf(why, whysize, "budget '%s': agency: name the agency "
			 "or the heading to take away, one of the two", year);
		return VT_EINVAL;
	}
	if (vt_text_blank(agency))
		c.agency = NULL;
	return vt_store_change(s, build_change, &c, who, why, whysize);
}
