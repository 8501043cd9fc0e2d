/* Reading DfE "Explore education statistics" CSVs and statistical-neighbour lists as published. */
#ifndef VITALS_DFE_H
#define VITALS_DFE_H

#include <stddef.h>

#include "vitals/diag.h"
#include "vitals/error.h"
#include "vitals/model.h"
struct vt_store;
struct vt_load_summary;

/* England's code in every DfE file. */
#define VT_DFE_ENGLAND "E92000001"

/*
 * The ten statistical neighbours of local authority 'la' (its old LA
 * code, "936") from a DfE statistical-neighbour CSV: the 2021 groupings
 * ("LA num", SN1..SN10) or the 2025 model ("old_la_code", SN_1..SN_10).
 * Closest first, into '*out' (an array of '*n' strings; free each and
 * the array).  Problems go to 'dq' with their line; VT_EINVAL then.
 * VT_EIO when the file cannot be read.
 */
VT_MUST_USE
enum vt_err vt_dfe_neighbours(const char *path, const char *la,
			      char ***out, size_t *n, struct vt_diagq *dq);

/* Which figures of a DfE statistics file to keep, and how. */
struct vt_dfe_request {
	const char *measure;	/* the measure they compare with */
	const char *column;	/* the file's column holding the figure */
	const char *la;		/* the partnership's LA code */
	/* ONS mid-year child population (the DfE file of it), for rates
	   when the column is a count; NULL: none. */
	const char *population;
	/* "population_type=Children looked after on 31 March each year":
	   only rows with that value in that column; NULL: every row. */
	const char *filter;
	/* LAIT's data dictionary, for the indicator's polarity; NULL:
	   none.  Only for a LAIT file. */
	const char *dictionary;
	int direction;		/* the measure's (enum vt_direction) */
	/* The measure's unit (enum vt_unit).  A column is a rate or a
	   percentage when its name says so, else a count; a count gets a
	   rate from the population, and must have one for a rate measure;
	   a percentage only compares with a percentage. */
	int unit;
};

/*
 * Append to 'def' a comparator for each row of the statistics file at
 * 'path' that is England, the partnership's region (the region its LA's
 * rows name) or any local authority: a neighbour set may change later,
 * and a rank needs them all.  Periods: "Reporting year"
 * 2025 (the year to 31 March 2025) is the year 2024 (from April 2024);
 * "Financial year" and "Academic year" 202425 are 2024; "Calendar year"
 * 2024 is 2024.  A figure is a number or a DfE suppression code, kept as
 * the code.  The rate per 10,000 is the figure itself when the column's
 * name says it is a rate, else the figure over the population file's
 * children of that area and year.  Every problem goes to 'dq' at
 * FILE:LINE:COLUMN; VT_EINVAL then.
 *
 * A file in LAIT's long format (Short Desc, Data item, Years, LA and
 * Regions, Values, LA Number, Region) is read too: 'column' names the
 * indicator (its Short Desc, "CPP_rate"); Years 2016 is the year to 31
 * March 2016 (the Vitals year 2015), 2016-17 the year 2016; '-' is no
 * figure.  A rate or percentage is known by its Short Desc or Data item.
 * With the data dictionary, a Polarity that disagrees with the measure's
 * direction is a warning.
 */
VT_MUST_USE
enum vt_err vt_dfe_comparators(const char *path,
			       const struct vt_dfe_request *req,
			       struct vt_def *def, struct vt_diagq *dq);

/*
 * Import comparators for a measure into the store, all or nothing, under
 * the partnership's LA code (req->la overrides it).  An import that
 * would drop a stored rate is refused.  As vt_store_load_def for the
 * rest.
 */
VT_MUST_USE
enum vt_err vt_comparators_import(struct vt_store *s, const char *path,
				  const struct vt_dfe_request *req,
				  const char *who, int dry_run,
				  struct vt_diagq *dq,
				  struct vt_load_summary *sum);

/*
 * The partnership's own LA's figures in the file (its rows, in the
 * measure's unit: a rate for a rate measure) taken into the measure as
 * history (vt_import_options.history): approved, never late or missing.
 * All or nothing; the summary as vt_returns_import gives it.
 */
struct vt_import_summary;
VT_MUST_USE
enum vt_err vt_comparators_own_history(struct vt_store *s, const char *path,
				       const struct vt_dfe_request *req,
				       const char *who, int dry_run,
				       struct vt_diagq *dq,
				       struct vt_import_summary *sum);

/*
 * Set the partnership's LA code ('la', or the stored one when NULL) and
 * its statistical neighbours from the file at 'path', as the set 'name'
 * (the file's name when NULL).  Comparators already imported serve the
 * new set: every LA's figures are kept.  The neighbours
 * found go to 'neighbours' (comma-separated, closest first).  VT_EINVAL
 * with the problems in 'dq', VT_ENOTFOUND when there is no partnership
 * or no LA code, with the reason in 'dq'.
 */
VT_MUST_USE
enum vt_err vt_neighbours_import(struct vt_store *s, const char *path,
				 const char *la, const char *name,
				 const char *who, struct vt_diagq *dq,
				 char *neighbours, size_t size);

#endif
