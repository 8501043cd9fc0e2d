/* The partnership's pooled budget: each partner's share, spending by heading against its budget, and one year against the last. */
#ifndef VITALS_FUNDING_H
#define VITALS_FUNDING_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "vitals/error.h"
#include "vitals/model.h"
struct vt_store;

/*
 * Who reads and who keeps the budget: every working role (enum vt_role)
 * reads it, a viewer none; analysts and administrators set contributions
 * and headings.
 */
bool vt_funding_visible_to(int role);
bool vt_funding_may_change(int role);

/* One partner's contribution and its share of the total. */
struct vt_funding_share {
	const char *agency;	/* belongs to the budget */
	const char *note;
	double amount;		/* pounds */
	double share;		/* percent of the total; NaN when it is nil */
	double previous;	/* the year before's, NaN when none */
};

/* One heading: its budget, what was spent, and the difference. */
struct vt_funding_heading {
	const char *heading;	/* belongs to the budget */
	double budgeted;
	double actual;		/* NaN until known */
	double variance;	/* budgeted - actual: above nil is under
				   budget; NaN until the actual is known */
};

/*
 * A year's budget as the partnership reads it.  Sums are taken in whole
 * pence, so they are exact to the penny.  The strings belong to the
 * budget records, which must outlive it.
 */
struct vt_funding {
	const char *year;
	const char *note;
	double total;		/* the sum of the contributions */
	double budgeted;	/* the sum of the headings' budgets */
	double unallocated;	/* total - budgeted */
	double actual;		/* the sum of the actuals known */
	double budgeted_known;	/* the budgets of the headings with one */
	size_t nknown;		/* headings with an actual */
	double variance;	/* budgeted_known - actual */
	/* the year before's total, NaN when there is no budget for it */
	double previous_total;
	char previous_year[8];
	struct vt_funding_share *shares;
	size_t nshares;
	struct vt_funding_heading *headings;
	size_t nheadings;
};

/*
 * The budget of 'year' in 'def' read into 'out' (released with
 * vt_funding_release).  VT_ENOTFOUND when there is none.
 */
VT_MUST_USE
enum vt_err vt_funding_of(const struct vt_def *def, const char *year,
			  struct vt_funding *out);
void vt_funding_release(struct vt_funding *f);

/*
 * The difference 'variance' (budgeted - actual) in words: "£1,000 under
 * budget", "£250.50 over budget", "on budget".
 */
void vt_funding_variance_text(double variance, char *out, size_t size);

/*
 * The year in words: "The partners contributed £550,000 in 2025-26 and
 * budgeted £550,000 under 5 headings.  They spent £540,000 against the
 * £550,000 budgeted for the 5 headings known, £10,000 under budget."
 * then the year before's total when there is one.
 */
void vt_funding_sentence(const struct vt_funding *f, char *out, size_t size);

/*
 * {"year", "note", "total", "budgeted", "unallocated", "actual",
 * "variance", "previous_year", "previous_total", "contributions":
 * [{"agency", "amount", "share", "previous", "note"}], "spend":
 * [{"heading", "budgeted", "actual", "variance"}]}: what 'vitals
 * funding show --json' prints; unknown figures are null.  A new
 * reference; NULL when out of memory.
 */
json_t *vt_funding_json(const struct vt_funding *f);

/*
 * A sum of money as typed: "550000", "550,000", "£550,000", "1234.50".
 * VT_EINVAL for anything else (a negative sum, a fraction of a penny).
 */
VT_MUST_USE
enum vt_err vt_money_parse(const char *text, double *out);

/*
 * Changes, each one write through the change log by 'who'.  A refusal is
 * VT_EINVAL (VT_ENOTFOUND for a budget, contribution or heading that is
 * not there) with the reason, naming the budget and the field, in 'why';
 * nothing is written then.  A budget is made for 'year' by its first
 * contribution or heading.
 */

/* Agency 'agency' contributes 'amount' (as typed) in 'year'; 'note' may
   be NULL (keeps the one there). */
VT_MUST_USE
enum vt_err vt_funding_contribute(struct vt_store *s, const char *year,
				  const char *agency, const char *amount,
				  const char *note, const char *who, char *why,
				  size_t whysize);

/* Heading 'heading' of 'year' budgeted at 'budgeted' and, when not NULL,
   spent 'actual'; a NULL 'budgeted' keeps a stored heading's budget. */
VT_MUST_USE
enum vt_err vt_funding_spend(struct vt_store *s, const char *year,
			     const char *heading, const char *budgeted,
			     const char *actual, const char *who, char *why,
			     size_t whysize);

/* Take away agency 'agency''s contribution, or the heading 'heading',
   from the budget of 'year' (one of the two, the other NULL). */
VT_MUST_USE
enum vt_err vt_funding_remove(struct vt_store *s, const char *year,
			      const char *agency, const char *heading,
			      const char *who, char *why, size_t whysize);

#endif
