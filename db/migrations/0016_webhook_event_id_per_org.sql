ALTER TABLE "inbox_events" DROP CONSTRAINT "inbox_events_webhook_event_id_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_events_org_webhook_event_id" ON "inbox_events" USING btree ("org_id","webhook_event_id");
