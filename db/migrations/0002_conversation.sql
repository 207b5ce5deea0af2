CREATE TYPE "public"."anonymity" AS ENUM('none', 'anonymous', 'confidential');--> statement-breakpoint
CREATE TABLE "faq_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"ext_id" text NOT NULL,
	"question" text NOT NULL,
	"variants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answer" text NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"quick_replies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tokens" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "case_kind" NOT NULL,
	"division_id" uuid,
	"accept_days" integer,
	"finish_days" integer,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "subject" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "concerning" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "anonymity" "anonymity" DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reporter_identity_enc" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "pin_hash" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "filed_by_staff_id" uuid;--> statement-breakpoint
ALTER TABLE "faq_entries" ADD CONSTRAINT "faq_entries_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_categories" ADD CONSTRAINT "service_categories_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_categories" ADD CONSTRAINT "service_categories_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "faq_entries_org_ext" ON "faq_entries" USING btree ("org_id","ext_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_categories_org_code" ON "service_categories" USING btree ("org_id","code");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_filed_by_staff_id_staff_id_fk" FOREIGN KEY ("filed_by_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;