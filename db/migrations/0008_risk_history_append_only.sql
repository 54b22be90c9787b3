-- A risk's assessments are its history and trend: kept, never changed.
CREATE TRIGGER risk_assessments_no_update BEFORE UPDATE ON risk_assessments
BEGIN
  SELECT RAISE(ABORT, 'risk_assessments is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER risk_assessments_no_delete BEFORE DELETE ON risk_assessments
BEGIN
  SELECT RAISE(ABORT, 'risk_assessments is append-only');
END;
