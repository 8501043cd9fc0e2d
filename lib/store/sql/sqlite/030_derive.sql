-- Schema 30: a measure computed from case records carries its method,
-- the definition's "derive" object, as JSON text.
ALTER TABLE measure ADD COLUMN derive TEXT;
