/* The change log as an audit trail: its filters read from a query, a page of entries newest first, each in words (what happened, who, when, each field before and after, where to open it) and as JSON. */
#ifndef VITALS_LOGVIEW_H
#define VITALS_LOGVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "vitals/diag.h"
#include "vitals/error.h"
#include "vitals/model.h"
#include "vitals/query.h"
#include "vitals/store.h"
#include "vitals/strparse.h"
#include "vitals/visibility.h"

/* Entries on one page of the list (the page and the API alike). */
#define VT_LOG_PAGE_SIZE 50

/* Which entries a list shows; every member NULL (page 0) shows all. */
struct vt_log_filter {
	const char *entity;	/* "measure", "import", ...; NULL for all */
	const char *key;	/* one record's key; NULL for all */
	const char *agency;	/* an agency's code: its records, returns
				   and figures, and challenges on them */
	const char *who;	/* an account's e-mail address, or
				   "command-line" or "system" */
	const char *from, *to;	/* YYYY-MM-DD, London days, inclusive */
	long page;		/* 1 the newest; 0 read as 1 */
	/* The reader: entries about another agency's figures, returns and
	   narratives are left out when it may not see every figure.  NULL
	   lets every entry through. */
	const struct vt_reader *reader;
};

/* The i-th of the entities the log records (kinds of record, then
   "import" and "restore"), NULL past the last. */
const char *vt_log_entity_name(size_t i);

/*
 * The change log list's filters from 'q': "entity" (a kind of record, or
 * "import" or "restore": what the log records), "key", "agency", "who",
 * "from" and "to" (dates) and "page".  An entity the log never records,
 * a date that is not one, or a page that is not a whole number from 1
 * is a problem about its field in 'dq' (VT_EINVAL).  The filter borrows
 * from 'q'; 'reader' is left NULL.
 */
VT_MUST_USE
enum vt_err vt_log_filter_read(const struct vt_query *q,
			       struct vt_log_filter *f, struct vt_diagq *dq);

/* Whether the list shows 'e' ('f' NULL: every entry).  'names' (the
   stored definition, or NULL) tells whose a figure or action is. */
bool vt_log_filter_match(const struct vt_log_filter *f,
			 const struct vt_def *names,
			 const struct vt_log_entry *e);

/* One field of a record that changed: 'before' NULL when the record was
   added, 'after' NULL when it was removed.  Secrets never appear. */
struct vt_log_change {
	char *field;		/* "approved by" */
	char *before, *after;	/* "submitted", "approved" */
};

/* An entry as a person reads it. */
struct vt_log_words {
	char *summary;		/* "Police return 2026-27 Q2 approved" */
	char *who;		/* "Partnership performance analyst
				   (analyst)", "Command line", "System" */
	char when[VT_TIME_WORDS_MAX];	/* London: "5 December 2026 at
					   2:05pm" */
	char link[160];		/* "/returns/police/2026Q2"; "" for none */
	struct vt_log_change *changes;
	size_t nchanges;
	/* An import's warnings: how many it raised, and the first few as
	   the file gave them ("q3.csv:14: measure 'pol-m1' ..."). */
	size_t warnings;
	char **warned;
	size_t nwarned;
};

/* 'e' in words, with the names in 'names' (the stored definition: agency
   names, measure titles, users; NULL for codes alone). */
VT_MUST_USE
enum vt_err vt_log_words_of(const struct vt_def *names,
			    const struct vt_log_entry *e,
			    struct vt_log_words *out);
void vt_log_words_release(struct vt_log_words *w);

/* A recorded "who" in words, as vt_log_words.who (malloc'd; NULL when
   out of memory). */
char *vt_log_who_words(const struct vt_def *names, const char *who);

/* One page of the entries that match, newest first. */
struct vt_log_list {
	struct vt_log_entry *entries;	/* owned, strings and all */
	struct vt_log_words *words;	/* one for each entry */
	size_t n;
	size_t matched;			/* all that matched, shown or not */
	size_t first;			/* 1-based place of entries[0] */
	long page, pages;		/* this page; pages (at least 1) */
};

/* Page f->page of the entries 'f' lets through, each in words from
   'names'. */
VT_MUST_USE
enum vt_err vt_log_page(struct vt_store *s, const struct vt_def *names,
			const struct vt_log_filter *f,
			struct vt_log_list *out);
void vt_log_list_release(struct vt_log_list *l);

/* {"id", "at", "who", "entity", "key", "change", "before", "after"}: the
   record before and after as objects (null for none), secrets left out;
   with 'w', also "summary", "by", "when", "link" (null for none) and
   "changes" [{"field", "before", "after"}].  NULL when out of memory. */
json_t *vt_log_entry_json(const struct vt_log_entry *e,
			  const struct vt_log_words *w);

#endif
