/**
 * Whether a case may be finished, and whether a staff "after" photo is acceptable
 * (decision 040). Pure: the caller decodes, hashes and looks up earlier hashes.
 */
import { outcomes, type WaiverCode } from '../text/th-outcomes';
import type { CaseKind } from '../cases';
import { exifTakenAt, sniffImage, stripMetadata, type ImageType } from './image';

export const MAX_PROOF_BYTES = 10 * 1024 * 1024;
export const WAIVER_CODES = Object.keys(outcomes.waivers) as [WaiverCode, ...WaiverCode[]];

/** Reports (service requests: the kind with a place) need proof of fix to be finished. */
export function requiresProof(c: { kind: CaseKind }): boolean {
  return c.kind === 'service_request';
}

export type PhotoRefusal =
  | { code: 'not_image' }
  | { code: 'too_large' }
  | { code: 'unreadable' }
  | { code: 'taken_before_filing'; takenAt: Date };

export interface CheckedPhoto {
  contentType: ImageType;
  /** The image with its metadata removed: the only bytes stored and shown. */
  stripped: Uint8Array;
  takenAt: Date | null;
}

/**
 * One "after" photo: an image by its bytes, at most 10 MB, readable, and (when its EXIF has
 * a time) taken after the case was filed. A minute's leeway covers camera clocks.
 */
export function checkProofPhoto(
  bytes: Uint8Array,
  filedAt: Date,
): { ok: true; photo: CheckedPhoto } | { ok: false; error: PhotoRefusal } {
  if (bytes.length > MAX_PROOF_BYTES) return { ok: false, error: { code: 'too_large' } };
  const type = sniffImage(bytes);
  if (!type) return { ok: false, error: { code: 'not_image' } };
  const takenAt = type === 'image/jpeg' ? exifTakenAt(bytes) : null;
  if (takenAt && takenAt.getTime() < filedAt.getTime() - 60_000)
    return { ok: false, error: { code: 'taken_before_filing', takenAt } };
  const stripped = stripMetadata(bytes);
  if (!stripped) return { ok: false, error: { code: 'unreadable' } };
  return { ok: true, photo: { contentType: type, stripped, takenAt } };
}

export type FinishProofError = 'photo_required' | 'bad_waiver';

/** A report is finished with at least one accepted photo, or a reason from the list. */
export function finishProofDecision(
  c: { kind: CaseKind },
  photos: number,
  waiver: string | undefined,
): { ok: true; waiver: WaiverCode | null } | { ok: false; error: FinishProofError } {
  if (waiver !== undefined && !(WAIVER_CODES as string[]).includes(waiver))
    return { ok: false, error: 'bad_waiver' };
  if (!requiresProof(c)) return { ok: true, waiver: (waiver as WaiverCode) ?? null };
  if (photos > 0) return { ok: true, waiver: null };
  if (waiver) return { ok: true, waiver: waiver as WaiverCode };
  return { ok: false, error: 'photo_required' };
}
