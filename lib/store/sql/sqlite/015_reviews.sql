-- Schema 15: the case review register, and its clocks' timescales.

-- A review is known by its case reference alone; each stage has a date
-- and a note.  The model refuses names, dates of birth and stages out
-- of order, which no CHECK could see.
CREATE TABLE review (
	id INTEGER PRIMARY KEY,
	ref TEXT NOT NULL UNIQUE,
	aware TEXT NOT NULL,
	reviewer TEXT,
	decision TEXT
		CHECK (decision IN ('lcspr', 'national', 'learning', 'none')),
	notification TEXT,
	rapid_review TEXT,
	decided TEXT,
	terms_of_reference TEXT,
	reviewer_appointed TEXT,
	draft TEXT,
	panel_copy TEXT,
	publication TEXT,
	closed TEXT,
	notification_note TEXT,
	rapid_review_note TEXT,
	decision_note TEXT,
	terms_of_reference_note TEXT,
	reviewer_note TEXT,
	draft_note TEXT,
	panel_copy_note TEXT,
	publication_note TEXT,
	closed_note TEXT
) STRICT;

CREATE TABLE review_agency (
	review TEXT NOT NULL REFERENCES review (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	agency TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (review, pos)
) STRICT;

CREATE TABLE review_theme (
	review TEXT NOT NULL REFERENCES review (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	theme TEXT NOT NULL,
	PRIMARY KEY (review, pos)
) STRICT;

-- Timescales: working days, except publication in calendar months.
ALTER TABLE partnership ADD COLUMN notification_days INTEGER NOT NULL DEFAULT 5
	CHECK (notification_days BETWEEN 1 AND 120);
ALTER TABLE partnership ADD COLUMN rapid_review_days INTEGER NOT NULL DEFAULT 15
	CHECK (rapid_review_days BETWEEN 1 AND 120);
ALTER TABLE partnership ADD COLUMN publication_months INTEGER NOT NULL DEFAULT 6
	CHECK (publication_months BETWEEN 1 AND 36);
ALTER TABLE partnership ADD COLUMN panel_copy_days INTEGER NOT NULL DEFAULT 7
	CHECK (panel_copy_days BETWEEN 0 AND 120);
