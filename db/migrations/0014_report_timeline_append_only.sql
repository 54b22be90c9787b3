-- An investigation's timeline is evidence: entries are added, never changed or removed.
CREATE TRIGGER report_timeline_no_update BEFORE UPDATE ON report_timeline
BEGIN
  SELECT RAISE(ABORT, 'report_timeline is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER report_timeline_no_delete BEFORE DELETE ON report_timeline
BEGIN
  SELECT RAISE(ABORT, 'report_timeline is append-only');
END;
