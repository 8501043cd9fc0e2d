-- Schema 19: section 11 self-assessments (Children Act 2004), the
-- partnership's framework of standards, and actions made from them.
-- Numbered 19 to stand apart from 18 (migrations need only rise); it
-- asks nothing of schema 18.

-- The framework's standards, in order.  None: the model's eight.
CREATE TABLE s11_standard (
	partnership TEXT NOT NULL REFERENCES partnership (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	PRIMARY KEY (partnership, pos)
) STRICT;

-- One agency's self-assessment for one cycle; 'ref' is "AGENCY/CYCLE",
-- the key its ratings, changes and actions name.
CREATE TABLE s11 (
	id INTEGER PRIMARY KEY,
	agency TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	cycle TEXT NOT NULL,
	ref TEXT NOT NULL UNIQUE,
	submitted TEXT,
	challenged TEXT,
	challenge_outcome TEXT CHECK (challenge_outcome IN
				      ('agreed', 'rating-changed')),
	challenge_note TEXT,
	UNIQUE (agency, cycle)
) STRICT;

CREATE TABLE s11_rating (
	s11 TEXT NOT NULL REFERENCES s11 (ref) DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	standard TEXT NOT NULL,
	rating TEXT NOT NULL CHECK (rating IN ('met', 'partly-met',
					       'not-met')),
	evidence TEXT,
	action TEXT,
	PRIMARY KEY (s11, pos)
) STRICT;

-- The ratings a challenge session changed, from the agency's to the
-- one agreed.
CREATE TABLE s11_change (
	s11 TEXT NOT NULL REFERENCES s11 (ref) DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	standard TEXT NOT NULL,
	rating_from TEXT NOT NULL CHECK (rating_from IN ('met', 'partly-met',
							 'not-met')),
	rating_to TEXT NOT NULL CHECK (rating_to IN ('met', 'partly-met',
						     'not-met')),
	PRIMARY KEY (s11, pos)
) STRICT;

ALTER TABLE action ADD COLUMN s11 TEXT
	REFERENCES s11 (ref) DEFERRABLE INITIALLY DEFERRED;
