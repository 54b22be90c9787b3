-- The trail is append-only: no row may change or disappear once written.
CREATE TRIGGER trail_events_no_update BEFORE UPDATE ON trail_events
BEGIN
  SELECT RAISE(ABORT, 'trail_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER trail_events_no_delete BEFORE DELETE ON trail_events
BEGIN
  SELECT RAISE(ABORT, 'trail_events is append-only');
END;
