-- No schema change. Migrations 0007–0014 were written by hand on parallel branches; this entry
-- carries the drizzle-kit snapshot (meta/0015_snapshot.json) that matches db/schema.ts after
-- them, so the next `npm run db:generate` diffs from the real schema.
SELECT 1;
