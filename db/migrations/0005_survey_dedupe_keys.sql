CREATE TABLE "survey_dedupe_keys" (
	"org_id" uuid NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_dedupe_keys_org_id_key_hash_pk" PRIMARY KEY("org_id","key_hash")
);
--> statement-breakpoint
ALTER TABLE "survey_dedupe_keys" ADD CONSTRAINT "survey_dedupe_keys_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;