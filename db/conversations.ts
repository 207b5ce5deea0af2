import { eq, sql } from 'drizzle-orm';
import { asDate, asDateOrNull, asJson, rawRows } from './raw';
import { conversationStates } from './schema';
import type { ConversationState } from '../shared/conversation/types';
import type { Queryable } from './types';
import type { ResidentRow } from './residents';

export type SavedStateRow = typeof conversationStates.$inferSelect;

/** A resident starts over: their saved conversation state is dropped (follow, data deletion). */
export async function clearConversationState(q: Queryable, residentId: string): Promise<void> {
  await q.delete(conversationStates).where(eq(conversationStates.residentId, residentId));
}

/** A resident with their saved conversation state and the organisation's `config_version`. */
export interface ResidentState {
  resident: ResidentRow;
  saved: SavedStateRow | null;
  configVersion: number;
}

/**
 * The columns `residentStateFromRow` reads, from a statement that names the resident `r`,
 * their saved state `s` (left joined) and the organisation `o`. Shared by residentWithState
 * and the statement that locks an inbox event (db/inbox.ts), which reads them on the way.
 */
export const residentStateColumns = sql.raw(
  `r.id as "residentId", r.line_user_id as "lineUserId", r.display_name as "displayName",
   r.consent_at as "consentAt", r.followed_at as "followedAt", r.unfollowed_at as "unfollowedAt",
   r.created_at as "residentCreatedAt", s.flow, s.step, s.data, s.expires_at as "expiresAt",
   s.updated_at as "updatedAt", o.config_version as "configVersion"`,
);

/** A row with `residentStateColumns` as a ResidentState; null when it has no resident. */
export function residentStateFromRow(
  orgId: string,
  row: Record<string, unknown>,
): ResidentState | null {
  if (row.residentId === null || row.residentId === undefined) return null;
  const resident: ResidentRow = {
    id: String(row.residentId),
    orgId,
    lineUserId: String(row.lineUserId),
    displayName: row.displayName === null ? null : String(row.displayName),
    consentAt: asDateOrNull(row.consentAt),
    followedAt: asDateOrNull(row.followedAt),
    unfollowedAt: asDateOrNull(row.unfollowedAt),
    createdAt: asDate(row.residentCreatedAt),
  };
  const saved: SavedStateRow | null =
    row.flow === null || row.flow === undefined
      ? null
      : {
          residentId: resident.id,
          orgId,
          flow: String(row.flow),
          step: String(row.step),
          data: asJson<Record<string, unknown>>(row.data),
          expiresAt: asDateOrNull(row.expiresAt),
          updatedAt: asDate(row.updatedAt),
        };
  return { resident, saved, configVersion: Number(row.configVersion) };
}

/**
 * What a resident's message needs before the conversation steps, in one statement on the
 * hot path: the resident (made on first contact), their saved state, and the
 * organisation's current `config_version` (per-organisation caches compare it, so an
 * admin's change applies to the next message in every process). Hot statements, as SQL.
 */
export async function residentWithState(
  q: Queryable,
  orgId: string,
  lineUserId: string,
): Promise<ResidentState> {
  const [row] = await rawRows(
    q,
    sql`select ${residentStateColumns}
        from residents r
        join orgs o on o.id = r.org_id
        left join conversation_states s on s.resident_id = r.id
        where r.org_id = ${orgId} and r.line_user_id = ${lineUserId}`,
  );
  const found = row && residentStateFromRow(orgId, row);
  if (found) return found;
  // First contact (the chat or the report form): the resident is made, and read with the
  // organisation's version; no state yet. The only place a resident is made without changes.
  const [made] = await rawRows(
    q,
    sql`with r as (
          insert into residents (org_id, line_user_id) values (${orgId}, ${lineUserId})
          on conflict (org_id, line_user_id) do update set line_user_id = excluded.line_user_id
          returning *)
        select ${residentStateColumns}
        from r join orgs o on o.id = r.org_id
        left join conversation_states s on s.resident_id = r.id`,
  );
  return residentStateFromRow(orgId, made!)!;
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
