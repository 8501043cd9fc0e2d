-- Schema 15: the case review register, and its clocks' timescales
-- (PostgreSQL; the same as sql/sqlite/015_reviews.sql).

-- A review is known by its case reference alone; each stage has a date
-- and a note.  The model refuses names, dates of birth and stages out
-- of order, which no CHECK could see.
CREATE TABLE review (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	ref text NOT NULL UNIQUE,
	aware text NOT NULL,
	reviewer text,
	decision text
		CHECK (decision IN ('lcspr', 'national', 'learning', 'none')),
	notification text,
	rapid_review text,
	decided text,
	terms_of_reference text,
	reviewer_appointed text,
	draft text,
	panel_copy text,
	publication text,
	closed text,
	notification_note text,
	rapid_review_note text,
	decision_note text,
	terms_of_reference_note text,
	reviewer_note text,
	draft_note text,
	panel_copy_note text,
	publication_note text,
	closed_note text
);

CREATE TABLE review_agency (
	review text NOT NULL REFERENCES review (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	agency text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (review, pos)
);

CREATE TABLE review_theme (
	review text NOT NULL REFERENCES review (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	theme text NOT NULL,
	PRIMARY KEY (review, pos)
);

-- Timescales: working days, except publication in calendar months.
ALTER TABLE partnership ADD COLUMN notification_days bigint NOT NULL DEFAULT 5
	CHECK (notification_days BETWEEN 1 AND 120);
ALTER TABLE partnership ADD COLUMN rapid_review_days bigint NOT NULL DEFAULT 15
	CHECK (rapid_review_days BETWEEN 1 AND 120);
ALTER TABLE partnership ADD COLUMN publication_months bigint NOT NULL DEFAULT 6
	CHECK (publication_months BETWEEN 1 AND 36);
ALTER TABLE partnership ADD COLUMN panel_copy_days bigint NOT NULL DEFAULT 7
	CHECK (panel_copy_days BETWEEN 0 AND 120);
