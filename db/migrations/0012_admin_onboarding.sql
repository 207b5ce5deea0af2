ALTER TABLE orgs ADD COLUMN IF NOT EXISTS config_version integer NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE orgs ADD COLUMN IF NOT EXISTS disabled_at timestamp with time zone;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS operators (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	name text NOT NULL,
	token_hash text NOT NULL,
	disabled_at timestamp with time zone,
	created_at timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT operators_token_hash_unique UNIQUE (token_hash)
);
--> statement-breakpoint
ALTER TABLE service_categories ADD COLUMN IF NOT EXISTS keywords jsonb DEFAULT '[]'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE service_categories ADD COLUMN IF NOT EXISTS duplicate_radius_m integer;
