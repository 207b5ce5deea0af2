import { eq, sql } from 'drizzle-orm';
import { asDate, asDateOrNull, asJson, rawRows } from './raw';
import { conversationStates, orgs } from './schema';
import type { ConversationState } from '../shared/conversation/types';
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
  // A hot statement, written as SQL (db/raw.ts).
  const [row] = await rawRows(
    q,
    sql`select r.id, r.org_id as "orgId", r.line_user_id as "lineUserId",
               r.display_name as "displayName", r.consent_at as "consentAt",
               r.followed_at as "followedAt", r.unfollowed_at as "unfollowedAt",
               r.created_at as "createdAt", s.flow, s.step, s.data,
               s.expires_at as "expiresAt", s.updated_at as "updatedAt",
               o.config_version as "configVersion"
        from residents r
        join orgs o on o.id = r.org_id
        left join conversation_states s on s.resident_id = r.id
        where r.org_id = ${orgId} and r.line_user_id = ${lineUserId}`,
  );
  if (row) {
    const resident: ResidentRow = {
      id: String(row.id),
      orgId: String(row.orgId),
      lineUserId: String(row.lineUserId),
      displayName: row.displayName === null ? null : String(row.displayName),
      consentAt: asDateOrNull(row.consentAt),
      followedAt: asDateOrNull(row.followedAt),
      unfollowedAt: asDateOrNull(row.unfollowedAt),
      createdAt: asDate(row.createdAt),
    };
    const saved: SavedStateRow | null =
      row.flow === null
        ? null
        : {
            residentId: resident.id,
            orgId: resident.orgId,
            flow: String(row.flow),
            step: String(row.step),
            data: asJson<Record<string, unknown>>(row.data),
            expiresAt: asDateOrNull(row.expiresAt),
            updatedAt: asDate(row.updatedAt),
          };
    return { resident, saved, configVersion: Number(row.configVersion) };
  }
  // First contact: no state yet; the version is read with the new resident.
  const resident = await residentForLineUser(q, orgId, lineUserId);
  const [org] = await q
    .select({ configVersion: orgs.configVersion })
    .from(orgs)
    .where(eq(orgs.id, orgId));
  return { resident, saved: null, configVersion: org?.configVersion ?? 0 };
}

/** Saves a resident's conversation state (insert or replace); a hot statement, as SQL. */
export async function saveConversationState(
  q: Queryable,
  row: Omit<SavedStateRow, 'updatedAt'> & { updatedAt: Date },
): Promise<void> {
  await rawRows(
    q,
    sql`insert into conversation_states
          (resident_id, org_id, flow, step, data, expires_at, updated_at)
        values (${row.residentId}, ${row.orgId}, ${row.flow}, ${row.step},
                ${JSON.stringify(row.data)}::text::jsonb,
                ${row.expiresAt?.toISOString() ?? null}::timestamptz, ${row.updatedAt.toISOString()})
        on conflict (resident_id) do update set
          flow = excluded.flow, step = excluded.step, data = excluded.data,
          expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
  );
}

/** Saves a resident's conversation state as the engine holds it (also to start a flow from a postback). */
export function saveState(
  q: Queryable,
  orgId: string,
  residentId: string,
  s: ConversationState,
  now: Date,
): Promise<void> {
  return saveConversationState(q, {
    residentId,
    orgId,
    flow: s.flow,
    step: s.step,
    data: s.data,
    expiresAt: s.expiresAt ? new Date(s.expiresAt) : null,
    updatedAt: now,
  });
}
