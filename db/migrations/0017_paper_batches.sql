-- Paper survey forms in numbered batches a second staff member confirms (issue 12, decision 019).
ALTER TYPE "public"."staff_role" ADD VALUE 'paper_entry';
--> statement-breakpoint
CREATE TABLE "paper_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"entered_by_staff_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by_staff_id" uuid,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "paper_batch_id" uuid;
--> statement-breakpoint
ALTER TABLE "paper_batches" ADD CONSTRAINT "paper_batches_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "paper_batches" ADD CONSTRAINT "paper_batches_entered_by_staff_id_staff_id_fk" FOREIGN KEY ("entered_by_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "paper_batches" ADD CONSTRAINT "paper_batches_confirmed_by_staff_id_staff_id_fk" FOREIGN KEY ("confirmed_by_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "paper_batches_org_number" ON "paper_batches" USING btree ("org_id","number");
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_paper_batch_id_paper_batches_id_fk" FOREIGN KEY ("paper_batch_id") REFERENCES "public"."paper_batches"("id") ON DELETE no action ON UPDATE no action;
