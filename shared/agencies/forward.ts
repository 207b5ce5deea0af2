/**
 * Forwarding a case to another agency (issue 16, decision 038), pure: whether it may be
 * forwarded, and the public part that is sent. No resident identity ever leaves: no name,
 * phone, LINE id, reporter identity or internal note; free text goes through the redaction
 * used for publishing. Corruption cases and anonymous/confidential complaints never leave.
 */
import type { CaseKind } from '../cases';

export type Anonymity = 'none' | 'anonymous' | 'confidential';
import { redactForPublishing } from '../redact';

export const AGENCY_CHANNELS = ['webhook', 'email', 'exchange_api'] as const;
export type AgencyChannel = (typeof AGENCY_CHANNELS)[number];

/** After this many forwards out, another is refused and flagged as a loop. */
export const MAX_FORWARDS = 3;
/** Working days until the municipality follows the forwarded case up with the agency. */
export const FORWARD_FOLLOW_UP_DAYS = 5;

export type ForwardRefusal = 'corruption' | 'confidential' | 'loop' | 'too_many' | 'closed';

/** Whether the case may go to `agencyId`, given the agencies it already went to (oldest first). */
export function checkForward(
  c: { kind: CaseKind; anonymity: Anonymity; closed: boolean },
  history: readonly string[],
  agencyId: string,
): ForwardRefusal | null {
  if (c.kind === 'corruption') return 'corruption';
  if (c.anonymity !== 'none') return 'confidential';
  if (c.closed) return 'closed';
  if (history.includes(agencyId)) return 'loop';
  if (history.length >= MAX_FORWARDS) return 'too_many';
  return null;
}

/** Whether an agency address fits its channel (webhooks: https; http only when allowed). */
export function validAddress(channel: AgencyChannel, address: string, allowHttp = false): boolean {
  if (channel === 'email') return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address);
  try {
    const u = new URL(address);
    return u.protocol === 'https:' || (allowHttp && u.protocol === 'http:');
  } catch {
    return false;
  }
}

export interface ForwardPayload {
  /** Format marker, so a receiving system can tell versions apart. */
  schema: 'fangsiang.forward/1';
  from: { org: string; orgName: string };
  reference: string;
  category: { code: string; name: string };
  description: string;
  location: { lat: number; long: number; address: string } | { address: string } | null;
  filedAt: string;
  note: string;
  /** Public photo URLs; none today (case photos are served to signed-in staff only). */
  photos: string[];
}

/** The public part of a case: what another agency receives. */
export function publicPart(
  c: {
    trackingCode: string;
    category: string;
    subject: string;
    description: string;
    latitude: number | null;
    longitude: number | null;
    address: string | null;
    createdAt: Date;
  },
  ctx: { orgSlug: string; orgName: string; categoryName: string; note: string; photos?: string[] },
): ForwardPayload {
  const text = [c.subject, c.description].filter((s) => s.trim()).join('\n');
  const address = c.address ? redactForPublishing(c.address) : '';
  return {
    schema: 'fangsiang.forward/1',
    from: { org: ctx.orgSlug, orgName: ctx.orgName },
    reference: c.trackingCode,
    category: { code: c.category, name: ctx.categoryName },
    description: redactForPublishing(text),
    location:
      c.latitude !== null && c.longitude !== null
        ? { lat: c.latitude, long: c.longitude, address }
        : address
          ? { address }
          : null,
    filedAt: c.createdAt.toISOString(),
    note: redactForPublishing(ctx.note),
    photos: ctx.photos ?? [],
  };
}
