-- Schema 29: record-level extracts (CIN census, Annex A, SSDA903) kept as
-- snapshots of pseudonymised case records.  Nothing here names or
-- identifies a child: 'child' is a keyed hash made with a key kept
-- outside the database, a date of birth only its month (docs/extracts.md).

-- One extract as loaded: its format, the files it came from, the day it
-- was taken and the period it covers, the SHA-256 of its bytes and the
-- fingerprint of the key its children were hashed with.  A newer extract
-- of the same format over the same period supersedes it for computation.
CREATE TABLE extract (
	id INTEGER PRIMARY KEY,
	format TEXT NOT NULL CHECK (format IN ('cin', 'annex-a', 'ssda903')),
	source TEXT NOT NULL,
	as_at TEXT NOT NULL,
	period_from TEXT NOT NULL,
	period_to TEXT NOT NULL,
	la TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	key_fingerprint TEXT NOT NULL,
	records INTEGER NOT NULL,
	loaded_by TEXT NOT NULL,
	loaded_at TEXT NOT NULL,
	superseded_by INTEGER
) STRICT;

CREATE INDEX extract_format ON extract (format, as_at);

-- One event of a child's journey, as struct vt_case_record holds it.
CREATE TABLE case_record (
	extract_id INTEGER NOT NULL REFERENCES extract (id),
	kind TEXT NOT NULL CHECK (kind IN ('referral', 'assessment',
					   'cin-plan', 'cp-plan',
					   'cla-episode')),
	child TEXT NOT NULL,
	birth_month TEXT,
	start_date TEXT,
	end_date TEXT,
	category TEXT,
	initial_category TEXT,
	source TEXT,
	reason TEXT,
	nfa INTEGER NOT NULL CHECK (nfa IN (0, 1))
) STRICT;

-- In the order computation reads them: a kind's records child by child,
-- each child's by start, without a sort of millions of rows.  Deleting a
-- snapshot's records (retention, rare) scans the table.
CREATE INDEX case_record_key ON case_record (kind, child, start_date,
					     extract_id);

-- How many snapshots of each format are kept: older ones are deleted
-- whole.  No row: 4.
CREATE TABLE extract_retention (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	keep INTEGER NOT NULL CHECK (keep >= 1)
) STRICT;
