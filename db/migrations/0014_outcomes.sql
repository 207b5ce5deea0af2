-- Proof of fix and the resident's verdict (issue 16, decision 040).
CREATE TABLE "case_proof_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL REFERENCES "orgs"("id"),
	"case_id" uuid NOT NULL REFERENCES "cases"("id"),
	"role" text NOT NULL CHECK ("role" IN ('before', 'after')),
	"photo_key" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"fingerprint" text NOT NULL,
	"taken_at" timestamp with time zone,
	"staff_id" uuid REFERENCES "staff"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_proof_photos_org_fingerprint" ON "case_proof_photos" ("org_id", "fingerprint");
--> statement-breakpoint
CREATE INDEX "case_proof_photos_case" ON "case_proof_photos" ("case_id");
--> statement-breakpoint
CREATE TABLE "case_outcomes" (
	"case_id" uuid PRIMARY KEY NOT NULL REFERENCES "cases"("id"),
	"org_id" uuid NOT NULL REFERENCES "orgs"("id"),
	"waiver" text,
	"finished_at" timestamp with time zone NOT NULL,
	"verdict" text CHECK ("verdict" IN ('fixed', 'not_fixed', 'partly')),
	"rating" integer CHECK ("rating" BETWEEN 1 AND 5),
	"verdict_note" text DEFAULT '' NOT NULL,
	"verdict_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_outcomes_org_finished" ON "case_outcomes" ("org_id", "finished_at");
