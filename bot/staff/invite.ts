import { divisionByCode, type DivisionRow } from '../../db/admin-divisions';
import { findOrgBySlug } from '../../db/orgs';
import { insertStaffInvite, redeemStaffInvite } from '../../db/staff';
import type { Queryable, Tx } from '../../db/types';
import type { StaffRole } from '../../shared/roles';
import { th } from '../../shared/text/th';
import type { SecretBox } from '../orgs';
import { allowTry } from '../cases/track';

/** Letters that are hard to confuse when typed from a printed slip. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_RE = /^\s*STAFF-([A-Z0-9]{4})-([A-Z0-9]{4})\s*$/i;
const DEFAULT_TTL_DAYS = 7;

/** Whether a chat text is an invite code (`STAFF-XXXX-XXXX`, any case, spaces around). */
export function parseInviteCode(text: string): string | null {
  const m = CODE_RE.exec(text);
  return m ? `STAFF-${m[1]!.toUpperCase()}-${m[2]!.toUpperCase()}` : null;
}

function makeCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `STAFF-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

function codeHash(secrets: SecretBox, orgId: string, code: string): Promise<string> {
  return secrets.hash('staff-invite', orgId, code);
}

export interface InviteRequest {
  orgSlug: string;
  role: StaffRole;
  /** Division code (e.g. works); required for officers and division heads. */
  divisionCode?: string;
  name?: string;
  ttlDays?: number;
  now: Date;
}

export class InviteError extends Error {
  override name = 'InviteError';
}

/**
 * Makes a one-time invite code. Only its keyed hash is stored; the code is shown once.
 */
export async function createInvite(
  db: Queryable,
  secrets: SecretBox,
  req: InviteRequest,
): Promise<{ code: string; expiresAt: Date; orgName: string; divisionName: string | null }> {
  const org = await findOrgBySlug(db, req.orgSlug);
  if (!org) throw new InviteError(`no organisation with slug "${req.orgSlug}"`);
  let division: DivisionRow | undefined;
  if (req.divisionCode) {
    division = await divisionByCode(db, org.id, req.divisionCode);
    if (!division) throw new InviteError(`no division "${req.divisionCode}" in ${req.orgSlug}`);
  } else if (req.role === 'officer' || req.role === 'division_head') {
    throw new InviteError(`--division is required for the role ${req.role}`);
  }
  const code = makeCode();
  const expiresAt = new Date(req.now.getTime() + (req.ttlDays ?? DEFAULT_TTL_DAYS) * 86_400_000);
  await insertStaffInvite(db, {
    orgId: org.id,
    codeHash: await codeHash(secrets, org.id, code),
    role: req.role,
    divisionId: division?.id ?? null,
    name: req.name ?? '',
    expiresAt,
    createdAt: req.now,
  });
  return { code, expiresAt, orgName: org.name, divisionName: division?.name ?? null };
}

/** Invite-code tries per LINE account per hour, and per organisation per hour (issue 12). */
export const INVITE_TRIES_PER_USER_HOUR = 5;
export const INVITE_TRIES_PER_ORG_HOUR = 30;

/**
 * `redeemInvite` behind an attempt limit: every try counts against the LINE account and the
 * organisation (a guesser with many accounts still meets the second), so 8 random letters
 * cannot be walked. `'too_many'` once either limit is passed; nothing is looked up then.
 */
export async function redeemInviteLimited(
  tx: Tx,
  secrets: SecretBox,
  p: { orgId: string; code: string; lineUserId: string; displayName: string | null; now: Date },
): Promise<Awaited<ReturnType<typeof redeemInvite>> | 'too_many'> {
  const userKey = `invite:${p.orgId}:${await secrets.hash('invite-try', p.orgId, p.lineUserId)}`;
  if (!(await allowTry(tx, p.now, userKey, INVITE_TRIES_PER_USER_HOUR))) return 'too_many';
  if (!(await allowTry(tx, p.now, `invite:${p.orgId}`, INVITE_TRIES_PER_ORG_HOUR)))
    return 'too_many';
  return redeemInvite(tx, secrets, p);
}

/**
 * Links a LINE account with an invite: the code must be unused and unexpired, and is
 * used up in the same statement (two people sending one code link once). A LINE account
 * that is already staff gets the extra role on the same record (one person, several roles).
 */
export async function redeemInvite(
  tx: Queryable,
  secrets: SecretBox,
  p: { orgId: string; code: string; lineUserId: string; displayName: string | null; now: Date },
): Promise<{ staffId: string; name: string; role: StaffRole } | null> {
  return redeemStaffInvite(tx, {
    orgId: p.orgId,
    hash: await codeHash(secrets, p.orgId, p.code),
    lineUserId: p.lineUserId,
    fallbackName: p.displayName || th.staff.invite.newStaffName,
    now: p.now,
  });
}
