ALTER TABLE "inbox_events" ADD COLUMN "seq" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
CREATE INDEX "inbox_events_sender_unprocessed" ON "inbox_events" USING btree ("org_id","source_id","event_timestamp","seq") WHERE "inbox_events"."processed_at" is null;
--> statement-breakpoint
CREATE INDEX "inbox_events_processed_at" ON "inbox_events" USING btree ("processed_at") WHERE "inbox_events"."processed_at" is not null;
--> statement-breakpoint
CREATE INDEX "outbox_created_at" ON "outbox" USING btree ("created_at");
