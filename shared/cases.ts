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

/** The states of a case still being worked (not finished, not rejected). */
export const OPEN_STATES = [
  'waiting',
  'in_progress',
  'forwarded',
  'follow_up',
] as const satisfies readonly StateType[];

/** Photo types accepted from residents and staff, with the file extension each is stored under. */
export const PHOTO_TYPES: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
};
/** Largest photo a resident sends (through LINE or the web form). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Largest photo staff attach in the console: it travels base64 inside a JSON body. */
export const MAX_STAFF_PHOTO_BYTES = 5 * 1024 * 1024;

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
 * year and month in Thai time (as people read the date), and four random letters, e.g.
 * `FS-6911-K7Q2`. `random` yields numbers in [0, 1); pass crypto-backed randomness in production.
 */
export function makeTrackingCode(now: Date, random: () => number): string {
  const thai = new Date(now.getTime() + 7 * 3600_000);
  const be = (thai.getUTCFullYear() + 543) % 100;
  const month = String(thai.getUTCMonth() + 1).padStart(2, '0');
  let tail = '';
  for (let i = 0; i < 4; i++) tail += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
  return `FS-${String(be).padStart(2, '0')}${month}-${tail}`;
}
