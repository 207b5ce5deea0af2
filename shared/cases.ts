/**
 * Case kinds and state types. The state *types* are fixed, as in Traffy Fondue;
 * each organisation may rename their labels (orgs.settings.stateLabels).
 */
export const CASE_KINDS = ['question', 'service_request', 'complaint', 'corruption'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const STATE_TYPES = [
  'waiting', // รอรับเรื่อง
  'in_progress', // กำลังดำเนินการ
  'forwarded', // ส่งต่อ
  'follow_up', // ติดตาม
  'finished', // เสร็จสิ้น
  'rejected', // ไม่เกี่ยวข้อง
] as const;
export type StateType = (typeof STATE_TYPES)[number];

export interface CasePhoto {
  /** Key in the photo store (disk under DATA_DIR, or R2). */
  key: string;
  contentType: string;
  bytes: number;
}

export interface CaseLocation {
  latitude: number;
  longitude: number;
  address?: string;
  title?: string;
}

/** Letters that cannot be mistaken for one another when read aloud or typed on a phone. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A tracking code a resident can read over the phone: a prefix, the Buddhist-era
 * year and month, and four random letters, e.g. `FS-6911-K7Q2`.
 * `random` yields numbers in [0, 1); pass crypto-backed randomness in production.
 */
export function makeTrackingCode(now: Date, random: () => number): string {
  const be = (now.getUTCFullYear() + 543) % 100;
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  let tail = '';
  for (let i = 0; i < 4; i++) tail += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
  return `FS-${String(be).padStart(2, '0')}${month}-${tail}`;
}
