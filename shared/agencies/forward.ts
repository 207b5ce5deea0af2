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

/**
 * Whether an agency address fits its channel. A webhook is https to a public host: not this
 * machine, a private or link-local network, or a name without a dot, so an organisation's
 * admin cannot make the server call into the network it runs in (and read the answer as the
 * failure reason). `local` (simulator mode: local fakes) allows plain http and such hosts.
 */
export function validAddress(channel: AgencyChannel, address: string, local = false): boolean {
  if (channel === 'email') return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address);
  try {
    const u = new URL(address);
    if (local) return u.protocol === 'https:' || u.protocol === 'http:';
    return u.protocol === 'https:' && !isInternalHost(u.hostname);
  } catch {
    return false;
  }
}

/** IPv4 ranges that are not the public internet (RFC 6890): [first octets, prefix bits]. */
const INTERNAL_V4: [number[], number][] = [
  [[0], 8],
  [[10], 8],
  [[100, 64], 10],
  [[127], 8],
  [[169, 254], 16],
  [[172, 16], 12],
  [[192, 0, 0], 24],
  [[192, 168], 16],
  [[198, 18], 15],
  [[224], 3], // multicast and reserved, up to 255.255.255.255
];

/** A hostname (as `URL.hostname` gives it: IPv4 normalised, IPv6 in brackets) that is not public. */
export function isInternalHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (h.startsWith('[')) {
    const v6 = h.slice(1, -1);
    // ::, ::1 and IPv4-mapped (::ffff:…), unique local fc00::/7, link-local fe80::/10.
    return v6.startsWith('::') || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6);
  }
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h);
  if (v4) {
    const n = v4.slice(1).reduce((a, o) => a * 256 + Number(o), 0);
    return INTERNAL_V4.some(([octets, bits]) => {
      const base = [...octets, 0, 0, 0].slice(0, 4).reduce((a, o) => a * 256 + o, 0);
      const size = 2 ** (32 - bits);
      return n >= base && n < base + size;
    });
  }
  return (
    !h.includes('.') ||
    h === 'localhost' ||
    /\.(localhost|local|internal|lan|intranet|corp|home\.arpa)$/.test(h)
  );
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
