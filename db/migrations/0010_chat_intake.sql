-- Intent, urgent categories and nearby duplicates at intake (docs/decisions/027–029).
-- How a category takes reports in the chat: keywords, example phrases, urgent, duplicate radius.
ALTER TABLE "service_categories" ADD COLUMN "intake" jsonb DEFAULT '{}'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "urgent" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- Residents affected: the reporter plus each resident who added "+1" at intake.
ALTER TABLE "cases" ADD COLUMN "affected_count" integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
CREATE TABLE "case_supporters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL REFERENCES "orgs"("id"),
	"case_id" uuid NOT NULL REFERENCES "cases"("id"),
	"resident_id" uuid REFERENCES "residents"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "case_supporters_case_resident" ON "case_supporters" USING btree ("case_id","resident_id");
