-- A staff-only note on a case: kept in the timeline, never sent or shown to the resident.
ALTER TABLE case_updates ADD COLUMN internal boolean NOT NULL DEFAULT false;
--> statement-breakpoint
-- How each survey answer was collected (the link it came through), kept apart from the
-- respondent's own answer about how they contacted the office (channel / question p3).
ALTER TABLE survey_responses ADD COLUMN source text NOT NULL DEFAULT 'unknown';
--> statement-breakpoint
UPDATE survey_responses SET source = CASE
  WHEN channel = 'paper' THEN 'paper'
  WHEN service_point_id IS NOT NULL THEN 'counter_qr'
  ELSE 'unknown' END;
