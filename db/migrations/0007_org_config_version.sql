-- Per-organisation caches (FAQ index, categories, settings) compare this number and rebuild
-- when it changed; db/orgs.ts bumpConfigVersion raises it after every change.
ALTER TABLE orgs ADD COLUMN IF NOT EXISTS config_version integer NOT NULL DEFAULT 0;
