DROP INDEX "reports_org_kind_round";--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "reports_org_kind_round_version" ON "reports" USING btree ("org_id","kind","round_label","version");