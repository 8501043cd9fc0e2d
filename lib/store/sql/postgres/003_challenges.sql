-- Schema 3: the scrutiny challenge log, and how often actions are updated
-- (PostgreSQL; the same as sql/sqlite/003_challenges.sql).

-- 'code' is the number a challenge is known by ("3"); 'target' names what
-- it is about ("action:REF", "measure:CODE", "return:AGENCY/PERIOD"),
-- checked by the model, since one column cannot reference three tables.
CREATE TABLE challenge (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code text NOT NULL UNIQUE,
	target text NOT NULL,
	raised_by text NOT NULL,
	raised text NOT NULL,
	text text NOT NULL,
	status text NOT NULL
		CHECK (status IN ('open', 'answered', 'closed')),
	outcome text,
	closed text,
	closed_by text
);

-- Answers are history: kept in the order given.
CREATE TABLE challenge_response (
	challenge text NOT NULL REFERENCES challenge (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	date text NOT NULL,
	by text NOT NULL,
	text text NOT NULL,
	PRIMARY KEY (challenge, pos)
);

-- An action with no update for this many days is stale.
ALTER TABLE partnership ADD COLUMN action_update_days bigint NOT NULL DEFAULT 35
	CHECK (action_update_days BETWEEN 1 AND 366);
