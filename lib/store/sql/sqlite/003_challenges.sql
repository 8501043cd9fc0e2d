-- Schema 3: the scrutiny challenge log, and how often actions are updated.

-- 'code' is the number a challenge is known by ("3"); 'target' names what
-- it is about ("action:REF", "measure:CODE", "return:AGENCY/PERIOD"),
-- checked by the model, since one column cannot reference three tables.
CREATE TABLE challenge (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	target TEXT NOT NULL,
	raised_by TEXT NOT NULL,
	raised TEXT NOT NULL,
	text TEXT NOT NULL,
	status TEXT NOT NULL
		CHECK (status IN ('open', 'answered', 'closed')),
	outcome TEXT,
	closed TEXT,
	closed_by TEXT
) STRICT;

-- Answers are history: kept in the order given.
CREATE TABLE challenge_response (
	challenge TEXT NOT NULL REFERENCES challenge (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	date TEXT NOT NULL,
	by TEXT NOT NULL,
	text TEXT NOT NULL,
	PRIMARY KEY (challenge, pos)
) STRICT;

-- An action with no update for this many days is stale.
ALTER TABLE partnership ADD COLUMN action_update_days INTEGER NOT NULL DEFAULT 35
	CHECK (action_update_days BETWEEN 1 AND 366);
