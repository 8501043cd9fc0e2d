-- Schema 19: section 11 self-assessments (Children Act 2004), the
-- partnership's framework of standards, and actions made from them
-- (PostgreSQL; the same as sql/sqlite/019_s11.sql).  It asks nothing of
-- schema 18.

-- The framework's standards, in order.  None: the model's eight.
CREATE TABLE s11_standard (
	partnership text NOT NULL REFERENCES partnership (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	code text NOT NULL,
	name text NOT NULL,
	PRIMARY KEY (partnership, pos)
);

-- One agency's self-assessment for one cycle; 'ref' is "AGENCY/CYCLE",
-- the key its ratings, changes and actions name.
CREATE TABLE s11 (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	agency text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	cycle text NOT NULL,
	ref text NOT NULL UNIQUE,
	submitted text,
	challenged text,
	challenge_outcome text CHECK (challenge_outcome IN
				      ('agreed', 'rating-changed')),
	challenge_note text,
	UNIQUE (agency, cycle)
);

CREATE TABLE s11_rating (
	s11 text NOT NULL REFERENCES s11 (ref) DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	standard text NOT NULL,
	rating text NOT NULL CHECK (rating IN ('met', 'partly-met',
					       'not-met')),
	evidence text,
	action text,
	PRIMARY KEY (s11, pos)
);

-- The ratings a challenge session changed, from the agency's to the
-- one agreed.
CREATE TABLE s11_change (
	s11 text NOT NULL REFERENCES s11 (ref) DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	standard text NOT NULL,
	rating_from text NOT NULL CHECK (rating_from IN ('met', 'partly-met',
							 'not-met')),
	rating_to text NOT NULL CHECK (rating_to IN ('met', 'partly-met',
						     'not-met')),
	PRIMARY KEY (s11, pos)
);

ALTER TABLE action ADD COLUMN s11 text
	REFERENCES s11 (ref) DEFERRABLE INITIALLY DEFERRED;
