-- Schema 1: the partnership model and the change log (PostgreSQL).
-- Foreign keys are deferred so a file may refer forward (a group reporting to
-- a group defined after it); they are checked when the transaction commits.
-- Same tables, columns and constraints as sql/sqlite/001_init.sql: ids only
-- order rows and are never given by an insert; dates stay YYYY-MM-DD text and
-- booleans 0/1 smallints, so that both engines export the same bytes.

CREATE TABLE vt_schema (
	version bigint PRIMARY KEY,
	applied_at text NOT NULL
);

CREATE TABLE partnership (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code text NOT NULL UNIQUE,
	name text NOT NULL,
	area text,
	fy_start_month bigint NOT NULL CHECK (fy_start_month IN (1, 4, 7, 10))
);

CREATE TABLE population (
	partnership text NOT NULL REFERENCES partnership (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	year bigint NOT NULL,
	children bigint NOT NULL CHECK (children >= 0),
	PRIMARY KEY (partnership, pos)
);

CREATE TABLE agency (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code text NOT NULL UNIQUE,
	name text NOT NULL,
	sector text NOT NULL,
	kind text NOT NULL
);

CREATE TABLE board_group (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code text NOT NULL UNIQUE,
	name text NOT NULL,
	chair text NOT NULL,
	cadence text NOT NULL,
	reports_to text REFERENCES board_group (code)
		DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE plan (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code text NOT NULL UNIQUE,
	title text NOT NULL,
	kind text NOT NULL,
	agency text REFERENCES agency (code) DEFERRABLE INITIALLY DEFERRED,
	theme text,
	board_group text REFERENCES board_group (code)
		DEFERRABLE INITIALLY DEFERRED,
	starts text,
	ends text
);

CREATE TABLE priority (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code text NOT NULL UNIQUE,
	plan text NOT NULL REFERENCES plan (code) DEFERRABLE INITIALLY DEFERRED,
	number text NOT NULL,
	title text NOT NULL,
	text text
);

CREATE TABLE objective (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code text NOT NULL UNIQUE,
	priority text NOT NULL REFERENCES priority (code)
		DEFERRABLE INITIALLY DEFERRED,
	number text NOT NULL,
	text text NOT NULL
);

CREATE TABLE measure (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code text NOT NULL UNIQUE,
	title text NOT NULL,
	plan text NOT NULL REFERENCES plan (code) DEFERRABLE INITIALLY DEFERRED,
	priority text REFERENCES priority (code) DEFERRABLE INITIALLY DEFERRED,
	agency text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	direction text NOT NULL,
	unit text NOT NULL,
	frequency text NOT NULL,
	numerator text,
	denominator text,
	baseline_period text,
	baseline_value double precision,
	target double precision,
	tolerance double precision,
	rise_from text,
	rise_to text
);

CREATE TABLE plan_measure (
	plan text NOT NULL REFERENCES plan (code) DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	measure text NOT NULL REFERENCES measure (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (plan, pos)
);

CREATE TABLE breakdown (
	measure text NOT NULL REFERENCES measure (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	code text NOT NULL,
	title text NOT NULL,
	PRIMARY KEY (measure, pos)
);

-- Values are never updated: a change is a new version.
CREATE TABLE measure_value (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	measure text NOT NULL REFERENCES measure (code)
		DEFERRABLE INITIALLY DEFERRED,
	period text NOT NULL,
	breakdown text,
	version bigint NOT NULL CHECK (version >= 1),
	value double precision,
	suppressed text,
	numerator double precision,
	denominator double precision,
	note text,
	status text NOT NULL,
	illustrative smallint NOT NULL CHECK (illustrative IN (0, 1)),
	by text,
	at text
);
CREATE UNIQUE INDEX measure_value_key
	ON measure_value (measure, period, (coalesce(breakdown, '')), version);

CREATE TABLE action (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code text NOT NULL UNIQUE,
	plan text NOT NULL REFERENCES plan (code) DEFERRABLE INITIALLY DEFERRED,
	agency text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	title text NOT NULL,
	owner text,
	priority text REFERENCES priority (code) DEFERRABLE INITIALLY DEFERRED,
	due text,
	rag text NOT NULL
);

CREATE TABLE action_measure (
	action text NOT NULL REFERENCES action (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	measure text NOT NULL REFERENCES measure (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (action, pos)
);

CREATE TABLE action_update (
	action text NOT NULL REFERENCES action (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	date text NOT NULL,
	rag text NOT NULL,
	note text,
	evidence text,
	by text,
	PRIMARY KEY (action, pos)
);

CREATE TABLE app_user (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	email text NOT NULL UNIQUE,
	name text NOT NULL,
	role text NOT NULL,
	agency text REFERENCES agency (code) DEFERRABLE INITIALLY DEFERRED
);

-- Every write, hash-chained: hash = sha256 over the previous hash and this
-- entry's fields, so an edited or deleted entry breaks the chain.
CREATE TABLE change_log (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at text NOT NULL,
	who text NOT NULL,
	entity text NOT NULL,
	key text NOT NULL,
	before text,
	after text,
	prev_hash text NOT NULL,
	hash text NOT NULL
);
