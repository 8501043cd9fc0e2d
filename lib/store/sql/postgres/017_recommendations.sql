-- Schema 17: a case review's recommendations are actions in the tracker,
-- each knowing the review it came from (PostgreSQL; the same as
-- sql/sqlite/017_recommendations.sql).  It asks nothing of schema 16.
ALTER TABLE action ADD COLUMN review text
	REFERENCES review (ref) DEFERRABLE INITIALLY DEFERRED;
