-- Schema 1: the partnership model and the change log.
-- Foreign keys are deferred so a file may refer forward (a group reporting to
-- a group defined after it); they are checked when the transaction commits.

CREATE TABLE vt_schema (
	version INTEGER PRIMARY KEY,
	applied_at TEXT NOT NULL
) STRICT;

CREATE TABLE partnership (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	area TEXT,
	fy_start_month INTEGER NOT NULL CHECK (fy_start_month IN (1, 4, 7, 10))
) STRICT;

CREATE TABLE population (
	partnership TEXT NOT NULL REFERENCES partnership (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	year INTEGER NOT NULL,
	children INTEGER NOT NULL CHECK (children >= 0),
	PRIMARY KEY (partnership, pos)
) STRICT;

CREATE TABLE agency (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	sector TEXT NOT NULL,
	kind TEXT NOT NULL
) STRICT;

CREATE TABLE board_group (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	chair TEXT NOT NULL,
	cadence TEXT NOT NULL,
	reports_to TEXT REFERENCES board_group (code)
		DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE TABLE plan (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	kind TEXT NOT NULL,
	agency TEXT REFERENCES agency (code) DEFERRABLE INITIALLY DEFERRED,
	theme TEXT,
	board_group TEXT REFERENCES board_group (code)
		DEFERRABLE INITIALLY DEFERRED,
	starts TEXT,
	ends TEXT
) STRICT;

CREATE TABLE priority (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	plan TEXT NOT NULL REFERENCES plan (code) DEFERRABLE INITIALLY DEFERRED,
	number TEXT NOT NULL,
	title TEXT NOT NULL,
	text TEXT
) STRICT;

CREATE TABLE objective (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	priority TEXT NOT NULL REFERENCES priority (code)
		DEFERRABLE INITIALLY DEFERRED,
	number TEXT NOT NULL,
	text TEXT NOT NULL
) STRICT;

CREATE TABLE measure (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	plan TEXT NOT NULL REFERENCES plan (code) DEFERRABLE INITIALLY DEFERRED,
	priority TEXT REFERENCES priority (code) DEFERRABLE INITIALLY DEFERRED,
	agency TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	direction TEXT NOT NULL,
	unit TEXT NOT NULL,
	frequency TEXT NOT NULL,
	numerator TEXT,
	denominator TEXT,
	baseline_period TEXT,
	baseline_value REAL,
	target REAL,
	tolerance REAL,
	rise_from TEXT,
	rise_to TEXT
) STRICT;

CREATE TABLE plan_measure (
	plan TEXT NOT NULL REFERENCES plan (code) DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	measure TEXT NOT NULL REFERENCES measure (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (plan, pos)
) STRICT;

CREATE TABLE breakdown (
	measure TEXT NOT NULL REFERENCES measure (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	code TEXT NOT NULL,
	title TEXT NOT NULL,
	PRIMARY KEY (measure, pos)
) STRICT;

-- Values are never updated: a change is a new version.
CREATE TABLE measure_value (
	id INTEGER PRIMARY KEY,
	measure TEXT NOT NULL REFERENCES measure (code)
		DEFERRABLE INITIALLY DEFERRED,
	period TEXT NOT NULL,
	breakdown TEXT,
	version INTEGER NOT NULL CHECK (version >= 1),
	value REAL,
	suppressed TEXT,
	numerator REAL,
	denominator REAL,
	note TEXT,
	status TEXT NOT NULL,
	illustrative INTEGER NOT NULL CHECK (illustrative IN (0, 1)),
	by TEXT,
	at TEXT
) STRICT;
CREATE UNIQUE INDEX measure_value_key
	ON measure_value (measure, period, coalesce(breakdown, ''), version);

CREATE TABLE action (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	plan TEXT NOT NULL REFERENCES plan (code) DEFERRABLE INITIALLY DEFERRED,
	agency TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	title TEXT NOT NULL,
	owner TEXT,
	priority TEXT REFERENCES priority (code) DEFERRABLE INITIALLY DEFERRED,
	due TEXT,
	rag TEXT NOT NULL
) STRICT;

CREATE TABLE action_measure (
	action TEXT NOT NULL REFERENCES action (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	measure TEXT NOT NULL REFERENCES measure (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (action, pos)
) STRICT;

CREATE TABLE action_update (
	action TEXT NOT NULL REFERENCES action (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	date TEXT NOT NULL,
	rag TEXT NOT NULL,
	note TEXT,
	evidence TEXT,
	by TEXT,
	PRIMARY KEY (action, pos)
) STRICT;

CREATE TABLE app_user (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	role TEXT NOT NULL,
	agency TEXT REFERENCES agency (code) DEFERRABLE INITIALLY DEFERRED
) STRICT;

-- Every write, hash-chained: hash = sha256 over the previous hash and this
-- entry's fields, so an edited or deleted entry breaks the chain.
CREATE TABLE change_log (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	who TEXT NOT NULL,
	entity TEXT NOT NULL,
	key TEXT NOT NULL,
	before TEXT,
	after TEXT,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
) STRICT;
