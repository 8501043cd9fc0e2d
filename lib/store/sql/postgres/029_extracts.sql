-- Schema 29 (PostgreSQL; the same as sql/sqlite/029_extracts.sql):
-- record-level extracts (CIN census, Annex A, SSDA903) kept as
-- snapshots of pseudonymised case records.  Nothing here names or
-- identifies a child: 'child' is a keyed hash made with a key kept
-- outside the database, a date of birth only its month (docs/extracts.md).

-- One extract as loaded: its format, the files it came from, the day it
-- was taken and the period it covers, the SHA-256 of its bytes and the
-- fingerprint of the key its children were hashed with.  A newer extract
-- of the same format over the same period supersedes it for computation.
CREATE TABLE extract (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	format text NOT NULL CHECK (format IN ('cin', 'annex-a', 'ssda903')),
	source text NOT NULL,
	as_at text NOT NULL,
	period_from text NOT NULL,
	period_to text NOT NULL,
	la text NOT NULL,
	sha256 text NOT NULL,
	key_fingerprint text NOT NULL,
	records bigint NOT NULL,
	loaded_by text NOT NULL,
	loaded_at text NOT NULL,
	superseded_by bigint
);

CREATE INDEX extract_format ON extract (format, as_at);

-- One event of a child's journey, as struct vt_case_record holds it.
CREATE TABLE case_record (
	extract_id bigint NOT NULL REFERENCES extract (id),
	kind text NOT NULL CHECK (kind IN ('referral', 'assessment',
					   'cin-plan', 'cp-plan',
					   'cla-episode')),
	child text NOT NULL,
	birth_month text,
	start_date text,
	end_date text,
	category text,
	initial_category text,
	source text,
	reason text,
	nfa bigint NOT NULL CHECK (nfa IN (0, 1))
);

-- In the order computation reads them: a kind's records child by child,
-- each child's by start, without a sort of millions of rows.  Deleting a
-- snapshot's records (retention, rare) scans the table.
CREATE INDEX case_record_key ON case_record (kind, child, start_date,
					     extract_id);

-- How many snapshots of each format are kept: older ones are deleted
-- whole.  No row: 4.
CREATE TABLE extract_retention (
	id bigint PRIMARY KEY CHECK (id = 1),
	keep bigint NOT NULL CHECK (keep >= 1)
);
