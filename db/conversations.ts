import { and, eq } from 'drizzle-orm';
import { conversationStates, orgs, residents } from './schema';
import type { Queryable } from './types';
import { residentForLineUser, type ResidentRow } from './residents';

export type SavedStateRow = typeof conversationStates.$inferSelect;

/** A resident starts over: their saved conversation state is dropped (follow, data deletion). */
export async function clearConversationState(q: Queryable, residentId: string): Promise<void> {
  await q.delete(conversationStates).where(eq(conversationStates.residentId, residentId));
}

/**
 * What a resident's message needs before the conversation steps, in one statement on the
 * hot path: the resident (made on first contact), their saved state, and the
 * organisation's current `config_version` (per-organisation caches compare it, so an
 * admin's change applies to the next message in every process).
 */
export async function residentWithState(
  q: Queryable,
  orgId: string,
  lineUserId: string,
): Promise<{ resident: ResidentRow; saved: SavedStateRow | null; configVersion: number }> {
  const [row] = await q
    .select({ resident: residents, saved: conversationStates, configVersion: orgs.configVersion })
    .from(residents)
    .innerJoin(orgs, eq(orgs.id, residents.orgId))
    .leftJoin(conversationStates, eq(conversationStates.residentId, residents.id))
    .where(and(eq(residents.orgId, orgId), eq(residents.lineUserId, lineUserId)));
  if (row) return row;
  // First contact: no state yet; the version is read with the new resident.
  const resident = await residentForLineUser(q, orgId, lineUserId);
  const [org] = await q
    .select({ configVersion: orgs.configVersion })
    .from(orgs)
    .where(eq(orgs.id, orgId));
  return { resident, saved: null, configVersion: org?.configVersion ?? 0 };
}

/** Saves a resident's conversation state (insert or replace). */
export async function saveConversationState(
  q: Queryable,
  row: Omit<SavedStateRow, 'updatedAt'> & { updatedAt: Date },
): Promise<void> {
  const { flow, step, data, expiresAt, updatedAt } = row;
  await q.insert(conversationStates).values(row).onConflictDoUpdate({
    target: conversationStates.residentId,
    set: { flow, step, data, expiresAt, updatedAt },
  });
}
