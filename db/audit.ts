import { auditLog } from './schema';
import type { Queryable } from './types';

/** An entry of the organisation's audit log: who viewed or changed what (append-only). */
export type AuditEntry = typeof auditLog.$inferInsert;

/** Appends one entry to the audit log. */
export async function recordAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(e);
}
