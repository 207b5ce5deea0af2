-- The inbox and the outbox are queues: each row is written, updated once or twice, then
-- deleted by retention. PostgreSQL's default autovacuum waits until a fifth of a table is
-- dead; on tables of millions of rows that leaves hours of dead entries in the partial
-- indexes the workers scan for due rows (decision 051). These tables are vacuumed after 1%
-- (and at least 1,000 rows) instead, and analysed after 2%.
ALTER TABLE "inbox_events" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0.02);--> statement-breakpoint
ALTER TABLE "outbox" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0.02);
