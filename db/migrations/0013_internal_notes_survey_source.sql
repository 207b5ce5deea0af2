-- A staff-only note on a case: kept in the timeline, never sent or shown to the resident.
ALTER TABLE case_updates ADD COLUMN internal boolean NOT NULL DEFAULT false;
