-- Releases are immutable: once approved, no row may change or disappear.
CREATE TRIGGER releases_no_update BEFORE UPDATE ON releases
BEGIN
  SELECT RAISE(ABORT, 'releases are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER releases_no_delete BEFORE DELETE ON releases
BEGIN
  SELECT RAISE(ABORT, 'releases are immutable');
END;
--> statement-breakpoint
-- A read acknowledgement is evidence: never changed, never taken back.
CREATE TRIGGER acknowledgements_no_update BEFORE UPDATE ON acknowledgements
BEGIN
  SELECT RAISE(ABORT, 'acknowledgements are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER acknowledgements_no_delete BEFORE DELETE ON acknowledgements
BEGIN
  SELECT RAISE(ABORT, 'acknowledgements are append-only');
END;
--> statement-breakpoint
-- Full-text search over released content (the staff reading view asks for current releases only).
-- Releases never change, so rows are only ever added. unicode61 without diacritic folding keeps
-- å, ä and ö apart, as Swedish needs (har/här).
CREATE VIRTUAL TABLE release_search USING fts5(
  release_id UNINDEXED,
  title,
  body,
  tokenize = 'unicode61 remove_diacritics 0'
);
