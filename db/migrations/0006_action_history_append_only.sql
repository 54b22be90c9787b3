-- An action's history is evidence (postponements are logged, never erased).
CREATE TRIGGER action_events_no_update BEFORE UPDATE ON action_events
BEGIN
  SELECT RAISE(ABORT, 'action_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER action_events_no_delete BEFORE DELETE ON action_events
BEGIN
  SELECT RAISE(ABORT, 'action_events is append-only');
END;
