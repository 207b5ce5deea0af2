-- The case timeline is append-only: an update is never edited or removed.
CREATE OR REPLACE FUNCTION case_updates_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'case_updates is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER case_updates_no_change BEFORE UPDATE OR DELETE ON case_updates
  FOR EACH ROW EXECUTE FUNCTION case_updates_append_only();
