-- Schema 17: a case review's recommendations are actions in the tracker,
-- each knowing the review it came from.  Numbered 17 to stand apart from
-- 16 (migrations need only rise); it asks nothing of schema 16.
ALTER TABLE action ADD COLUMN review TEXT
	REFERENCES review (ref) DEFERRABLE INITIALLY DEFERRED;
