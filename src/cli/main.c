/* The vitals tool: global options and the command table. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/*
 * Adding a command:
 *  1. write src/cli/cmd_<name>.c with int cmd_<name>(struct cli *, int,
 *     char **) that parses its own options and returns an exit status;
 *  2. declare it in cli.h and add a row below (kept in alphabetical order);
 *  3. document it in docs/cli.md and test it in tests/cli/.
 */
static const struct command commands[] = {
	{ "actions", cmd_actions, "summary|list|export|update|import ...",
	  "the action tracker: counts by RAG, red list, monthly updates",
	  "  actions summary [--agency A] [--plan P] [--priority PR] [--json]\n"
	  "      how many actions are red, amber, green and blue (complete),\n"
	  "      how many are overdue or stale, and the red list\n"
	  "  actions list [--rag R] [--overdue] [--stale] [--slipped]\n"
	  "               [--agency A]\n"
	  "               [--plan P] [--priority PR] [--closed] [--json|--csv]\n"
	  "      the tracker, filtered; --closed: closed and past plans' too\n"
	  "  actions export FILE.xlsx [the filters of list]\n"
	  "      a workbook: a sheet per plan, RAG coloured, and the updates\n"
	  "  actions update REF --rag R [--note TEXT] [--evidence URL]\n"
	  "                 [--date D]\n"
	  "      one monthly update; red needs a note, blue (complete)\n"
	  "      evidence or a note saying why there is none\n"
	  "  actions import FILE.csv [--dry-run]\n"
	  "      a tracker: ref,plan,agency,title,owner,priority,due,rag,\n"
	  "      updated,note,measures; all or nothing; new ratings and\n"
	  "      notes become updates, stored history is kept\n"
	  "  actions set REF [--cadence monthly|quarterly]\n"
	  "              [--discharged D|none]\n"
	  "      how often it is reviewed; the day it was discharged (kept\n"
	  "      in its rating, neither open, overdue nor stale from then)\n"
	  "Overdue: past its due date and not complete.  Stale: not complete\n"
	  "and no update for longer than the partnership's action_update_days\n"
	  "(35 unless set), or 61 days more for a quarterly action.  Slipped: its due date moved later (each move,\n"
	  "from the change log).  All are worked out on the day (--today\n"
	  "YYYY-MM-DD to see another day), never stored.  --priority takes a\n"
	  "priority's code or its number in the plan.\n" },
	{ "audits", cmd_audits,
	  "add|grade|complete|recommend|list|show|grades|programme ...",
	  "the multi-agency audit programme and its grades",
	  "  audits add REF --theme T --planned QUARTER --lead AGENCY\n"
	  "             --agencies A,B,... --sample N [--reaudit-of REF]\n"
	  "      an audit planned for a quarter (2026Q2 or 2026-27 Q1), led\n"
	  "      by one agency (taking part too) with the others listed;\n"
	  "      --reaudit-of names an audit planned before it that it\n"
	  "      repeats.  Themes are the partnership's audit themes, or any\n"
	  "      code while it names none\n"
	  "  audits grade REF --case C --agency A --grade G [--findings TEXT]\n"
	  "      agency A's grade for case C (a case reference, never a\n"
	  "      name), from the partnership's grade scale (by default\n"
	  "      outstanding, good, requires-improvement, inadequate); again\n"
	  "      for the same case and agency replaces it, the change log\n"
	  "      keeping the old grade\n"
	  "  audits complete REF --date DATE [--summary TEXT]\n"
	  "  audits recommend REF --text T --agency A --due DATE\n"
	  "                   [--owner ROLE] [--plan P]\n"
	  "      a recommendation made action <REF>-R<n> of the tracker,\n"
	  "      amber until first rated, its audit recorded\n"
	  "  audits list [--state planned|done|late] [--theme T] [--agency A]\n"
	  "              [--json|--csv]\n"
	  "  audits show REF [--json]\n"
	  "      its grades, state and recommendations with their RAG\n"
	  "  audits grades [--by agency|theme] [--json|--csv]\n"
	  "      how many of each grade, by the agency grading or the\n"
	  "      audit's theme, per quarter the audits were done\n"
	  "  audits programme [--year Y | --from Q] [--to Q] [--json]\n"
	  "      audits planned (in financial year Y: 2026 for 2026-27, or\n"
	  "      from quarter Q to quarter Q), done, late (their quarter\n"
	  "      over, not done) and to come\n"
	  "An audit is late judged today (--today YYYY-MM-DD to see another\n"
	  "day).  Every change is recorded in the change log.\n" },
	{ "backup", cmd_backup, "FILE [--portable]",
	  "write a consistent backup of the database",
	  "SQLite: a copy of the database file made with SQLite's online\n"
	  "backup API (one snapshot, while others may write), integrity\n"
	  "checked and renamed into place.  --portable, and always for\n"
	  "PostgreSQL: the JSON of 'vitals export', read in one transaction\n"
	  "and written atomically; it restores into either engine.\n" },
	{ "challenge", cmd_challenge, "add|respond|close|list ...",
	  "the scrutiny challenge log",
	  "  challenge add --on SUBJECT --by ROLE --text TEXT\n"
	  "      raise a challenge about action:REF, measure:CODE,\n"
	  "      plan:CODE, priority:CODE, group:CODE, review:REF,\n"
	  "      audit:REF, s11:AGENCY/CYCLE, scrutiny:REF or\n"
	  "      return:AGENCY/PERIOD; prints its number\n"
	  "  challenge respond ID --text TEXT [--by ROLE]\n"
	  "      answer it (answers are kept in order, never replaced)\n"
	  "  challenge close ID --outcome TEXT [--by ROLE]\n"
	  "      close it with its outcome; a closed challenge is final\n"
	  "  challenge list [--open] [--on SUBJECT] [--json]\n"
	  "      the log, with each challenge's age and whom it waits on;\n"
	  "      --open keeps those not closed (open or answered)\n"
	  "Every change is dated today (--today YYYY-MM-DD to say another\n"
	  "day) and recorded in the change log.\n" },
	{ "comparators", cmd_comparators, "import|neighbours|series ...",
	  "DfE figures to compare measures with: England, region, neighbours",
	  "  comparators neighbours FILE.csv [--la-code N] [--name NAME]\n"
	  "      the partnership's local authority (its DfE code, as 936) and\n"
	  "      its ten statistical neighbours, from a DfE statistical-\n"
	  "      neighbour CSV (2021 groupings or the 2025 model), as the set\n"
	  "      NAME (the file's name when not given); figures already\n"
	  "      imported serve the new set without importing them again\n"
	  "  comparators import FILE.csv --measure M --column C\n"
	  "                     [--filter COLUMN=VALUE] [--la-code N]\n"
	  "                     [--population ONS.csv] [--dictionary LAIT.csv]\n"
	  "                     [--dry-run]\n"
	  "      column C of a DfE statistics CSV as published, for England,\n"
	  "      the LA's region and every LA; suppression codes kept; a\n"
	  "      column is a rate or a percentage when its name says so, else\n"
	  "      a count, turned into rates per 10,000 with the ONS child\n"
	  "      population (--population; required for a rate measure); an\n"
	  "      import that would drop a stored rate is refused; --filter\n"
	  "      keeps the rows of one breakdown the file has; all or nothing;\n"
	  "      a LAIT long-format file is read too, C naming its indicator\n"
	  "      (Short Desc), with --dictionary to check its polarity\n"
	  "  comparators import FILE.csv --measure M --column C --own-history\n"
	  "      the partnership's own LA's figures of the file into measure\n"
	  "      M as its history: approved, never late or missing\n"
	  "  comparators series MEASURE [--json]\n"
	  "      every period's comparison: ours, England, region, the\n"
	  "      neighbours' mean (how many published, how many suppressed)\n"
	  "      and the LA's rank among all LAs (1 = best)\n" },
	{ "data", cmd_data, "export FILE.csv|FILE.xlsx",
	  "the whole dataset, one tidy row per figure",
	  "  data export FILE.csv|FILE.xlsx\n"
	  "      one row per measure, period and breakdown (the latest\n"
	  "      version of each figure): its label, first and last day,\n"
	  "      value, numerator, denominator, status, and for the whole\n"
	  "      measure England, region, the neighbours' mean and the rank of\n"
	  "      that period; what Power BI or R loads as it is\n" },
	{ "demo", cmd_demo, "[--passwords]",
	  "build the demo partnership into a fresh database",
	  "Builds the demo partnership (from the seed documents, with\n"
	  "illustrative figures) into the database named by --db, which\n"
	  "must not exist yet, and prints a summary.  --passwords gives each\n"
	  "demo user (a role title at demo.invalid) a random demo-only\n"
	  "password and prints it once, for signing in to 'vitals serve'.\n" },
	{ "escalations", cmd_escalations,
	  "add|escalate|resolve|list|show|causes ...",
	  "the escalations and disputes register between agencies",
	  "  escalations add REF --raised-by AGENCY --role ROLE --about AGENCY\n"
	  "                  --theme T --date DATE [--summary TEXT]\n"
	  "      a disagreement raised by one agency (a role title, never a\n"
	  "      name) about another, at stage 1 from DATE; themes are the\n"
	  "      partnership's (by default thresholds, information-sharing,\n"
	  "      attendance, plans, other)\n"
	  "  escalations escalate REF --date DATE [--note TEXT]\n"
	  "      take it to the protocol's next stage\n"
	  "  escalations resolve REF --date DATE --outcome O\n"
	  "                      [--resolution TEXT]\n"
	  "      outcome: agreed, upheld, not-upheld or withdrawn\n"
	  "  escalations list [--open] [--agency A] [--json|--csv]\n"
	  "      every escalation (--agency: those A raised or that are\n"
	  "      about A) with its stage, due date and whether it is past\n"
	  "      its stage's timescale\n"
	  "  escalations show REF [--json]\n"
	  "      one escalation's stages, each open, met or missed\n"
	  "  escalations causes [--agency A] [--json|--csv]\n"
	  "      escalations raised per quarter by theme, by the agency they\n"
	  "      are about and by the stage reached, with the trend\n"
	  "Stages and their timescales in working days are the partnership's\n"
	  "escalation protocol; clocks are judged today (--today YYYY-MM-DD to\n"
	  "see another day).  Every change is recorded in the change log.\n" },
	{ "export", cmd_export, "FILE.json",
	  "write the partnership definition (- for standard output)",
	  "Writes everything the database holds except the change log, in\n"
	  "the format 'vitals load' reads (docs/definition-format.md).\n" },
	{ "extract", cmd_extract, "key|load|list|retain|compute|explain ...",
	  "record-level extracts (CIN, Annex A, SSDA903), pseudonymised",
	  "  extract key [--key-file FILE]\n"
	  "      a new random key for the children's hashes, in a file of\n"
	  "      mode 0600 (never overwritten): --key-file, else\n"
	  "      $VITALS_EXTRACT_KEY_FILE, else DB.key beside a SQLite\n"
	  "      database (PostgreSQL: --key-file or the variable)\n"
	  "  extract load --format cin|annex-a|ssda903 [--as-at YYYY-MM-DD]\n"
	  "               [--key-file FILE] [--dry-run] FILE...\n"
	  "      read an extract (SSDA903: its CSV files together) and keep\n"
	  "      it as a snapshot, all or nothing; identifiers become keyed\n"
	  "      hashes and dates of birth months as they are read; names,\n"
	  "      postcodes and UPNs are never kept.  $VITALS_EXTRACT_KEY (64\n"
	  "      hex digits) is used before any key file.  A newer extract\n"
	  "      of the same format and period supersedes the older\n"
	  "  extract list [--json]\n"
	  "      the snapshots kept, their counts and which are superseded\n"
	  "  extract retain N\n"
	  "      keep the newest N snapshots of each format (4 unless set);\n"
	  "      older ones are deleted whole, now and after each load\n"
	  "  extract compute [--period P] [--dry-run]\n"
	  "      the figures of every measure with a derive, for each period\n"
	  "      the current snapshots cover, as new versions marked derived\n"
	  "      (a figure stored with the same value is left alone)\n"
	  "  extract explain MEASURE --period P\n"
	  "      which snapshots were read, the method in words and the\n"
	  "      counts at each step\n"
	  "Every load and deletion is recorded in the change log with its\n"
	  "counts, format, as-at date and SHA-256, never an identifier\n"
	  "(docs/extracts.md).\n" },
	{ "funding", cmd_funding, "contribute|spend|remove|list|show ...",
	  "the partnership's pooled budget: contributions and spending",
	  "  funding contribute YEAR AGENCY AMOUNT [--note TEXT]\n"
	  "      agency AGENCY contributes AMOUNT in financial year YEAR\n"
	  "      (2025-26): pounds, pence after the point (550000, 550,000\n"
	  "      or 1234.50); a second time replaces it; --note \"\" clears\n"
	  "      the note\n"
	  "  funding spend YEAR HEADING --budgeted N [--actual N]\n"
	  "      a spending heading's budget and, once known, what was\n"
	  "      spent; the headings' budgets may not exceed the total\n"
	  "  funding remove YEAR --agency A | --heading H\n"
	  "      take a contribution or a heading away\n"
	  "  funding list [--json]\n"
	  "      each year's total, budgeted and spent\n"
	  "  funding show YEAR [--json|--csv|--markdown]\n"
	  "      contributions with each partner's share, and each heading\n"
	  "      budgeted, spent and the variance in words, with the year\n"
	  "      before's total; --markdown: as the annual report's parts\n"
	  "The total is the sum of the contributions, never typed.  Money is\n"
	  "shown as \u00a3550,000 or \u00a31,234.50.  Every change is recorded in\n"
	  "the change log.\n" },
	{ "groups", cmd_groups, "list|show ...",
	  "the partnership's groups: what each is for and its reporting line",
	  "  groups list [--json]\n"
	  "      every group with its chair (a role title), cadence, the group\n"
	  "      it reports to, its next planned meeting and its decisions\n"
	  "      open and overdue\n"
	  "  groups show CODE [--json]\n"
	  "      its terms of reference and desired outcomes, member\n"
	  "      agencies by role title, quorum, the reporting line up to the\n"
	  "      top, and its meetings with attendance, decisions and reports\n"
	  "      received\n"
	  "Decisions are judged today (--today YYYY-MM-DD to see another\n"
	  "day).\n" },
	{ "init", cmd_init, "",
	  "create or migrate the database",
	  "Creates the database if it does not exist and brings its schema\n"
	  "up to date.  Running it again changes nothing.\n" },
	{ "load", cmd_load, "FILE.json [--dry-run]",
	  "load a partnership definition",
	  "Checks the definition against itself and the database and, if\n"
	  "nothing is wrong, writes it in one transaction: new records are\n"
	  "added, changed ones replaced (values get a new version), and every\n"
	  "write is recorded in the change log.  With any problem nothing is\n"
	  "written and every problem is listed as FILE:LINE: message.\n"
	  "--dry-run reports what would change and writes nothing.\n" },
	{ "log", cmd_log, "verify|list ...",
	  "the change log: check its hash chain, list its entries",
	  "  log verify\n"
	  "      recomputes every entry's hash; exit 1 names the first entry\n"
	  "      that was altered or removed\n"
	  "  log list [--entity KIND] [--key KEY] [--agency A] [--who WHO]\n"
	  "           [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]\n"
	  "      every write, oldest first: when, by whom, what happened and\n"
	  "      each field before and after; --json adds the records (KIND:\n"
	  "      action, challenge, ...; WHO: an e-mail address, command-line\n"
	  "      or system; days in London time)\n" },
	{ "measures", cmd_measures, "status|show|actions ...",
	  "is each measure getting better? and what is being done about it",
	  "  measures status --period P [--json|--csv]\n"
	  "      per measure: the figure, the previous one and the change,\n"
	  "      the reading by its direction (improving, deteriorating, no\n"
	  "      significant change, from its XmR chart up to P), assurance\n"
	  "      against its target, the rate per 10,000 children, the gaps to\n"
	  "      England and to the statistical-neighbour mean, its actions by\n"
	  "      RAG, and a contradiction when all of them are green or\n"
	  "      complete while the measure shows special cause of concern\n"
	  "  measures show MEASURE [--period P] [--json]\n"
	  "      the measure; for a multi-agency measure its contributors\n"
	  "      and, period by period, the partnership figure computed\n"
	  "      from their parts: complete, or incomplete with the\n"
	  "      agencies still missing\n"
	  "  measures actions MEASURE\n"
	  "      each action linked to the measure: RAG, agency, due date;\n"
	  "      says so when every one is green or complete\n" },
	{ "objectives", cmd_objectives, "list|link|unlink ...",
	  "the objectives of the plans' priorities and what serves them",
	  "  objectives list [--plan P] [--priority PR] [--period P] [--json]\n"
	  "      each objective with the measures linked to it (their reading\n"
	  "      for the period, by default the latest quarter with a figure)\n"
	  "      and the actions linked to it (their RAG); an objective with\n"
	  "      neither is flagged\n"
	  "  objectives link OBJ --measure M | --action A\n"
	  "  objectives unlink OBJ --measure M | --action A\n"
	  "      link an objective to a measure or action that serves it, or\n"
	  "      take the link away; the objective is of a priority of the\n"
	  "      record's own plan, or, for a measure, of a plan that lists it\n"
	  "      among its supporting measures.  Every change is recorded in\n"
	  "      the change log.\n" },
	{ "meetings", cmd_meetings,
	  "add|attend|decide|done|receive|cancel|list|show|attendance ...",
	  "the meetings of the groups: attendance, decisions, reports",
	  "  meetings add REF --group G --date DATE [--item TEXT]...\n"
	  "      a planned meeting of group G with its agenda items\n"
	  "  meetings attend REF [--present A,B] [--apologies C]\n"
	  "                      [--absent D]\n"
	  "      how each agency was at the meeting (a member agency when\n"
	  "      the group lists its members); the meeting is then held\n"
	  "  meetings decide REF --text TEXT --owner ROLE --agency A\n"
	  "                      [--due DATE]\n"
	  "      a decision of a held meeting, owned by a role title (never\n"
	  "      a name) of agency A, numbered after the meeting's last\n"
	  "  meetings done REF --decision N --date DATE\n"
	  "      decision N of the meeting done on DATE\n"
	  "  meetings receive REF --report SUBJECT [--note TEXT]\n"
	  "      a report the held meeting received: return:AGENCY/PERIOD,\n"
	  "      audit:REF, review:REF, scrutiny:REF or pack:QUARTER\n"
	  "  meetings cancel REF\n"
	  "      a planned meeting that will not be held\n"
	  "  meetings list [--group G] [--year 2025-26] [--json|--csv]\n"
	  "      every meeting by date: held ones with who was present and\n"
	  "      whether quorate, decisions open, reports received\n"
	  "  meetings show REF [--json]\n"
	  "  meetings attendance GROUP --year 2025-26 [--json|--csv]\n"
	  "      per agency over the financial year: meetings held, present,\n"
	  "      apologies, absent, not recorded and the attendance rate; the\n"
	  "      meetings quorate and not\n"
	  "A meeting is quorate when its member agencies present reach the\n"
	  "group's quorum.  Every change is recorded in the change log.\n" },
	{ "report", cmd_report,
	  "--period P [--format html|md|xlsx|pdf] [-o FILE] [--publish]\n"
	  "       vitals report --year Y [--format html|md|docx|pdf] [-o FILE]"
	  " [--publish]\n"
	  "       vitals report --year Y --section S --text FILE",
	  "the quarterly vital-signs pack",
	  "The pack for period P: a summary (measures improving and\n"
	  "deteriorating, actions by RAG with the red list, returns not in or\n"
	  "late, challenges not closed, contradictions), the assurance\n"
	  "section (case reviews by stage, clocks missed or due within two\n"
	  "working days, recommendations by RAG; escalations; the audit\n"
	  "programme and its grades; the section 11 heat map; voice reports;\n"
	  "measures several agencies contribute to), then each plan's\n"
	  "measures by priority, each with its XmR chart, its reading in\n"
	  "words, its comparators, its actions and the agencies' impact\n"
	  "narratives.  html (the default): one self-contained file with an\n"
	  "SVG chart and a table of figures per measure; md: Markdown for\n"
	  "board papers; xlsx (needs -o): the summary, each measure's status,\n"
	  "the assurance section and the dataset, a sheet per plan; pdf\n"
	  "(needs -o): A4, tagged for screen readers, with an outline; each\n"
	  "plan and each priority with measures from a new page, each chart\n"
	  "on its heading's page.\n"
	  "--publish: approved figures only;\n"
	  "counts from 1 to 4 are shown as <5, and the changes, rates,\n"
	  "means and limits they could be worked out from are withheld.\n"
	  "Without -o the report goes to standard output.\n"
	  "--year Y (2025-26): the annual report of that financial year\n"
	  "instead: the foreword and summary, the arrangements, each plan\n"
	  "current in the year with its priorities' objectives, measures by\n"
	  "quarter and actions, the impact assessment, case reviews, audits\n"
	  "and section 11, escalations by cause, scrutiny, multi-agency\n"
	  "measures, funding and next year's priorities; docx (needs -o): a\n"
	  "Word document to edit.  With --section S --text FILE (\"-\":\n"
	  "standard input) it saves FILE's Markdown as the next version of\n"
	  "section S (foreword, summary, arrangements, plans, impact,\n"
	  "reviews, audits, escalations, scrutiny, training, funding or\n"
	  "next-year), put at the head of that section; earlier versions\n"
	  "are kept.\n" },
	{ "reviews", cmd_reviews, "add|record|recommend|list|show ...",
	  "the case review register and its statutory clocks",
	  "  reviews add REF --aware DATE [--agency A ...] [--theme T ...]\n"
	  "      a case review known by its case reference only (never a\n"
	  "      name or a date of birth), the local authority aware on DATE\n"
	  "  reviews record REF STAGE --date DATE [--decision D]\n"
	  "                 [--reviewer ROLE] [--note TEXT]\n"
	  "      date a stage: notification, rapid-review, decision,\n"
	  "      terms-of-reference, reviewer, draft, panel-copy, publication\n"
	  "      or closed; stages are dated in order.  --decision (with the\n"
	  "      decision stage): lcspr, national, learning or none;\n"
	  "      --reviewer (with the reviewer stage): a role title;\n"
	  "      closed only once every recommendation is complete (blue)\n"
	  "  reviews recommend REF --text TEXT --agency A --due DATE\n"
	  "                    [--owner ROLE] [--plan PLAN]\n"
	  "      a recommendation of an open review made an action of the\n"
	  "      tracker, REF-R1, REF-R2...: owned by agency A, due on DATE,\n"
	  "      amber until first rated, in PLAN or else the partnership's\n"
	  "      first strategic plan in force\n"
	  "  reviews list [--open] [--json|--csv]\n"
	  "      every review (--open: not closed) with its latest stage and\n"
	  "      clocks\n"
	  "  reviews show REF --json\n"
	  "      one review's stage, decision and clocks, each open, met or\n"
	  "      missed with its due date and working days left, and its\n"
	  "      recommendations' actions with their latest RAG rating\n"
	  "Clocks are judged today (--today YYYY-MM-DD to see another day);\n"
	  "their timescales are the partnership's settings.  Every change is\n"
	  "recorded in the change log.\n" },
	{ "roles-audit", cmd_roles_audit, "[--json]",
	  "which role reaches which web route",
	  "Prints the route table: each method and path, and for each role\n"
	  "whether it may use it, with the checks made first.  --json: the\n"
	  "same as an array of {method, path, public, csrf, json, roles}.\n" },
	{ "restore", cmd_restore, "FILE",
	  "make the database named by --db from a backup",
	  "A SQLite backup becomes a new SQLite database: --db must not\n"
	  "exist; the copy is checked (schema, integrity, change log) first.\n"
	  "A portable dump is loaded, all or nothing, into an initialised,\n"
	  "empty database of either engine; its change log starts afresh,\n"
	  "the first entry recording the restore.\n" },
	{ "returns", cmd_returns,
	  "template|import|impact|status|approve|reopen|open-early ...",
	  "quarterly returns: forms, import, status, approval",
	  "  returns template --agency A --period P -o FILE.xlsx|FILE.csv\n"
	  "      the agency's return form, pre-filled with its measures\n"
	  "  returns import FILE [--dry-run] [--separator ';'] [--history]\n"
	  "      a return (the form, or long-form CSV or XLSX), checked as a\n"
	  "      whole: every problem is listed with its cell and nothing is\n"
	  "      written, or everything is, in one transaction; --history\n"
	  "      loads past figures as published: approved, never late or\n"
	  "      missing, for periods never returned\n"
	  "  returns impact --agency A --period P --priority PR FILE.md\n"
	  "      the agency's narrative of impact for a priority (Markdown)\n"
	  "  returns status --period P [--json] [--today YYYY-MM-DD]\n"
	  "      who has returned what, what is missing or late\n"
	  "  returns approve --agency A --period P\n"
	  "      approve a submitted return; it is then locked\n"
	  "  returns reopen --agency A --period P --reason TEXT\n"
	  "      send a return back to the agency\n"
	  "  returns open-early --agency A --period P --reason TEXT\n"
	  "                     [--today YYYY-MM-DD]\n"
	  "      let one agency make its return before the period ends\n"
	  "      (its figures are final); logged with the reason\n" },
	{ "s11", cmd_s11,
	  "rate|submit|challenge|action|list|show|heatmap|missing ...",
	  "section 11 self-assessments (Children Act 2004) by agency and cycle",
	  "  s11 rate AGENCY CYCLE --standard S --rating R [--evidence TEXT]\n"
	  "           [--action TEXT]\n"
	  "      rate a standard of the partnership's framework (by default\n"
	  "      S1-S8) met, partly-met or not-met; the self-assessment of\n"
	  "      AGENCY for CYCLE (2025 or 2025-26) is made as a draft when\n"
	  "      there is none\n"
	  "  s11 submit AGENCY CYCLE [--date DATE]\n"
	  "      refused while a standard is unrated or one not met lacks its\n"
	  "      action\n"
	  "  s11 challenge AGENCY CYCLE --date DATE --outcome O\n"
	  "           [--standard S --rating R]... [--note TEXT]\n"
	  "      the challenge session: agreed, or rating-changed with each\n"
	  "      rating changed (recorded from the old rating to the new)\n"
	  "  s11 action AGENCY CYCLE --standard S --text TEXT --due DATE\n"
	  "           [--owner ROLE] [--plan PLAN]\n"
	  "      an action in the tracker from the self-assessment, amber\n"
	  "      until first rated\n"
	  "  s11 list [--cycle C] [--json|--csv]\n"
	  "  s11 show AGENCY CYCLE [--json]\n"
	  "  s11 heatmap --cycle C [--json|--csv]\n"
	  "      agency x standard, with the change since each agency's\n"
	  "      previous cycle, and the counts per standard\n"
	  "  s11 missing --cycle C [--json]\n"
	  "      the agencies (every agency of the partnership is expected)\n"
	  "      with no submitted self-assessment for C\n"
	  "Texts name roles only, never a person.  Every change is recorded\n"
	  "in the change log.\n" },
	{ "scrutiny", cmd_scrutiny,
	  "add|update|report|finding|list|show ...",
	  "the independent scrutineer's annual plan, reports and findings",
	  "  scrutiny add REF --year 2026-27 --theme T --method M\n"
	  "               --planned DATE|QUARTER [--status S]\n"
	  "      an item of the plan: method is observation, case-audit,\n"
	  "      interview, survey, data-review, meeting-attendance or\n"
	  "      other; planned a day or a quarter (2026Q3) of the year\n"
	  "  scrutiny update REF [--year Y] [--theme T] [--method M]\n"
	  "                  [--planned P] [--status S]\n"
	  "      change its plan; status: planned, in-progress or dropped\n"
	  "  scrutiny report REF --date DATE --summary TEXT\n"
	  "      the item reported, with the report's summary\n"
	  "  scrutiny finding REF --text TEXT --challenge [--by ROLE]\n"
	  "                   [--date DATE]\n"
	  "      a finding made a challenge on scrutiny:REF (by the\n"
	  "      independent scrutineer unless --by), raised on DATE (today)\n"
	  "  scrutiny finding REF --text TEXT --action --agency A --due DATE\n"
	  "                   [--owner ROLE] [--plan P]\n"
	  "      a finding made an action of the tracker, REF-F1, REF-F2...,\n"
	  "      in plan P or the first strategic plan, amber\n"
	  "  scrutiny list [--year Y] [--json|--csv]\n"
	  "  scrutiny show REF [--json]\n"
	  "Every change is recorded in the change log; a finding and the\n"
	  "challenge or action it becomes are one change.\n" },
	{ "serve", cmd_serve, "[--listen HOST:PORT] [--secure-cookies]",
	  "the web application",
	  "Serves the partnership on HOST:PORT (default 127.0.0.1:8080; port\n"
	  "0 takes a free one) until SIGINT or SIGTERM, printing the address.\n"
	  "Users sign in with the password set by 'vitals user'; sessions\n"
	  "live in the database, so several servers can share one PostgreSQL\n"
	  "database.  --secure-cookies when it is reached over TLS (directly\n"
	  "or through a proxy).  'vitals roles-audit' lists who reaches what.\n" },
	{ "spc", cmd_spc,
	  "MEASURE [--breakdown B] [--baseline N] [--rebaseline P,...] "
	  "[--no-screen] [--json]",
	  "a measure's XmR chart: mean, limits, special causes",
	  "The measure's figures (the latest submitted or approved version of\n"
	  "each period) as an XmR chart, as NHS England's Making Data Count:\n"
	  "mean, process limits mean +/- 2.66 x the mean moving range (ranges\n"
	  "of 3.267 x it or more screened out first, unless --no-screen), and\n"
	  "each point's special causes: outside the limits, a shift (7 on one\n"
	  "side of the mean), a trend (7 rising or falling), two of three\n"
	  "beyond 2/3 of the way to a limit.  Each is read as improvement or\n"
	  "concern by the measure's direction (concern in its expected-rise\n"
	  "window: expected), with assurance against its target.\n"
	  "--baseline N: limits from the first N points only.  --rebaseline\n"
	  "P: new limits from period P on (after a change in the process).\n" },
	{ "token", cmd_token, "add|list|revoke EMAIL [--name NAME] [--write] [--days N]",
	  "personal API tokens for scripts",
	  "  token add EMAIL --name NAME [--write] [--days N]\n"
	  "      a new token for the user, printed once (only its hash is\n"
	  "      kept); scripts send it as 'Authorization: Bearer TOKEN' to\n"
	  "      /api/v1/ only.  It reads only unless --write, and expires\n"
	  "      after N days (1 to 366; 90 unless said)\n"
	  "  token list EMAIL\n"
	  "      the user's tokens by name: scope, when made, when each\n"
	  "      expires and when it was last used\n"
	  "  token revoke EMAIL --name NAME\n"
	  "      the token stops working at once\n" },
	{ "user", cmd_user, "add EMAIL --name NAME --role ROLE [--agency A] [--one-time] | password EMAIL [--one-time] | disable EMAIL",
	  "a user who can sign in; the password is read from standard input",
	  "  user add EMAIL --name NAME --role ROLE [--agency A]\n"
	  "      a new user (roles: admin, analyst, agency-lead, chair,\n"
	  "      scrutineer, viewer; an agency lead needs --agency)\n"
	  "  user password EMAIL\n"
	  "      a new password for a user (enabling a disabled one); every\n"
	  "      session and token of the user ends\n"
	  "  user disable EMAIL\n"
	  "      no more signing in: the password, sessions and tokens go;\n"
	  "      the user's records and history stay\n"
	  "The password is one line on standard input, 12 to 256 characters,\n"
	  "stored only as an argon2id hash.  With --one-time it is a password\n"
	  "given to the user: at first sign-in they must choose their own\n"
	  "before any other page opens.\n" },
	{ "voice", cmd_voice, "add|update|list|show|quarters ...",
	  "voice reports: what children and families said, what changed",
	  "  voice add REF --title T --source S --date DATE --method M\n"
	  "            --participants N --summary TEXT [--changed TEXT]\n"
	  "            [--measure M] [--theme T]... [--priority P]...\n"
	  "            [--action REF]...\n"
	  "      a report: source is who ran it, an agency or a body (Young\n"
	  "      Inspectors), never a person; method is survey, focus-group,\n"
	  "      interview, consultation, feedback, advocacy or other\n"
	  "  voice update REF [any option of add]\n"
	  "      change what is given; a list given replaces the stored\n"
	  "      one; --changed \"\" or --measure \"\" clears it\n"
	  "  voice list [--quarter Q] [--theme T] [--json|--csv]\n"
	  "      every report, or those of a quarter (by its date) or theme\n"
	  "  voice show REF [--json]\n"
	  "      one report, what was said and what changed\n"
	  "  voice quarters [--json]\n"
	  "      reports, participants and reports per theme by quarter\n"
	  "Themes are the partnership's voice themes when it names any.\n"
	  "Priorities and actions must exist.  Every change is recorded in\n"
	  "the change log.\n" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("vitals: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage(const char *name)
{
	const struct command *c = find_command(name);

	fprintf(stderr, "usage: vitals [--db DB] %s %s\n", name,
		c ? c->usage : "");
	return EXIT_USAGE;
}

int cli_wants_help(const char *name, int argc, char **argv)
{
	const struct command *c = find_command(name);
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			printf("usage: vitals [--db DB] %s %s\n\n%s\n%s",
			       name, c->usage, c->summary, c->help);
			return 1;
		}
	}
	return 0;
}

static void print_help(void)
{
	size_t i;

	printf("usage: vitals [--db DB] [--as WHO] COMMAND [ARGS]\n\n"
	       "Vitals: performance and improvement system of a children's\n"
	       "safeguarding partnership.\n\ncommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		printf("  %-8s %s\n", commands[i].name, commands[i].summary);
	printf("\noptions:\n"
	       "  --db DB    the database (default $VITALS_DB, then ./vitals.db)\n"
	       "  --as WHO   who the change log records (default $VITALS_USER,\n"
	       "             then cli:$USER)\n"
	       "  --help     this text; 'vitals COMMAND --help' for a command\n"
	       "  --version  the version\n\n"
	       "exit status: 0 success, 1 input refused (nothing changed),\n"
	       "2 usage error, 3 internal or I/O failure\n");
}

static void default_who(struct cli *cli)
{
	const char *user = getenv("VITALS_USER");

	if (user && *user) {
		cli->who = user;
		return;
	}
	user = getenv("USER");
	snprintf(cli->who_buf, sizeof(cli->who_buf), "cli:%s",
		 user && *user ? user : "unknown");
	cli->who = cli->who_buf;
}

/* JSON, CSV and exports on standard output are data for another program:
   each escapes what it must, and a byte changed there would be lost.  On
   a terminal they are read by a person: a CSV cell's ESC, or JSON's raw
   C1 controls, would drive the terminal, so they are shown as text. */
static bool machine_output(int argc, char **argv)
{
	int i;

	if (isatty(STDOUT_FILENO))
		return false;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--json") || !strcmp(argv[i], "--csv") ||
		    !strcmp(argv[i], "export") || !strcmp(argv[i], "backup"))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	struct cli cli = { 0 };
	const struct command *c;
	int i;

	cli_escape_output(!machine_output(argc, argv));
	cli.db = getenv("VITALS_DB");
	if (!cli.db || !*cli.db)
		cli.db = "vitals.db";
	default_who(&cli);
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			print_help();
			return EXIT_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("vitals %s\n", VT_VERSION);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			cli.db = argv[++i];
		} else if (strcmp(argv[i], "--as") == 0 && i + 1 < argc) {
			cli.who = argv[++i];
		} else {
			cli_error("unknown option '%s'; see 'vitals --help'",
				  argv[i]);
			return EXIT_USAGE;
		}
	}
	if (i == argc) {
		print_help();
		return EXIT_USAGE;
	}
	c = find_command(argv[i]);
	if (!c) {
		cli_error("'%s' is not a command; see 'vitals --help'",
			  argv[i]);
		return EXIT_USAGE;
	}
	if (cli_wants_help(c->name, argc - i, argv + i))
		return EXIT_OK;
	return c->run(&cli, argc - i, argv + i);
}
