-- A published survey version never changes (answers point at the wording they answered);
-- a new wording is a new version. Drafts (published_at null) may still be edited or deleted.
CREATE OR REPLACE FUNCTION refuse_published_survey_change() RETURNS trigger AS $$
BEGIN
  IF OLD.published_at IS NOT NULL THEN
    RAISE EXCEPTION 'survey % version % is published and cannot change (% refused)', OLD.code, OLD.version, TG_OP;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER surveys_published_immutable BEFORE UPDATE OR DELETE ON surveys
  FOR EACH ROW EXECUTE FUNCTION refuse_published_survey_change();
