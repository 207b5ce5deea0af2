/**
 * Proof of fix at the moment a member of staff finishes a case (decision 040): every
 * "after" photo is checked (an image, ≤ 10 MB, EXIF time after filing, not used on another
 * case), stored without metadata, and fingerprinted in case_proof_photos; a report without
 * a photo needs a reason from the list. Checks run before the transaction (decoding is
 * slow); the rows are written inside it, with the case's outcome.
 */
import { caseInOrg } from '../../db/cases';
import { beforePhotoId, earlierProofPhotos, recordFinishOutcome } from '../../db/outcomes';
import type { Tx } from '../../db/types';
import { formatThaiDateTime } from '../../shared/dates';
import { fromBase64 } from '../../shared/crypto';
import type { CasePhoto } from '../../shared/cases';
import { checkProofPhoto, finishProofDecision } from '../../shared/proof/check';
import { decodeJpeg } from '../../shared/proof/decode';
import { stripMetadata } from '../../shared/proof/image';
import { dHash, samePhoto } from '../../shared/proof/phash';
import { outcomes, type WaiverCode } from '../../shared/text/th-outcomes';
import type { AppDeps } from '../deps';
import type { Message } from '../../shared/line/messages';
import { finishFlex } from './flex';

const R = outcomes.refuse;

export interface ProofPhotoRow {
  id: string;
  role: 'before' | 'after';
  photoKey: string;
  contentType: string;
  bytes: number;
  fingerprint: string;
  takenAt: Date | null;
}

export interface PreparedProof {
  trackingCode: string;
  rows: ProofPhotoRow[];
  waiver: WaiverCode | null;
  /** The "after" photos as timeline photos (stripped copies). */
  photos: CasePhoto[];
}

export type PrepareResult =
  | { ok: true; proof: PreparedProof }
  | { ok: false; status: 400 | 409 | 413; message: string; reason: string };

async function fingerprint(bytes: Uint8Array, type: string): Promise<string | null> {
  if (type === 'image/jpeg') {
    const px = decodeJpeg(bytes);
    return px ? dHash(px) : null;
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
  return 'sha256:' + [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Checks and stores the proof for finishing `caseId`. Returns null when the case is not
 * this organisation's (the action itself then answers "not found"). Stored photos are
 * removed again by `discardProof` if the action is refused.
 */
export async function prepareFinishProof(
  deps: Pick<AppDeps, 'db' | 'photos'>,
  orgId: string,
  caseId: string,
  input: { photos: { contentType: string; data: string }[]; waiver?: string },
): Promise<PrepareResult | null> {
  const c = await caseInOrg(deps.db, orgId, caseId);
  if (!c) return null;
  const refuse = (status: 400 | 409 | 413, message: string, reason: string): PrepareResult => ({
    ok: false,
    status,
    message,
    reason,
  });
  const checked: { stripped: Uint8Array; type: string; takenAt: Date | null; fp: string }[] = [];
  for (const p of input.photos) {
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(p.data);
    } catch {
      return refuse(400, R.notImage, 'not_image');
    }
    const r = checkProofPhoto(bytes, c.createdAt);
    if (!r.ok) {
      const e = r.error;
      if (e.code === 'too_large') return refuse(413, R.tooLarge, e.code);
      if (e.code === 'not_image') return refuse(400, R.notImage, e.code);
      if (e.code === 'unreadable') return refuse(400, R.unreadable, e.code);
      return refuse(400, R.takenBefore(formatThaiDateTime(e.takenAt)), e.code);
    }
    const fp = await fingerprint(r.photo.stripped, r.photo.contentType);
    if (!fp) return refuse(400, R.unreadable, 'unreadable');
    checked.push({
      stripped: r.photo.stripped,
      type: r.photo.contentType,
      takenAt: r.photo.takenAt,
      fp,
    });
  }
  const decision = finishProofDecision(c, checked.length, input.waiver || undefined);
  if (!decision.ok)
    return decision.error === 'bad_waiver'
      ? refuse(400, R.badWaiver, 'bad_waiver')
      : refuse(400, R.photoRequired, 'photo_required');

  // Reuse: a photo on another case of this organisation (any role), or the resident's own
  // "before" photo handed back as "after".
  if (checked.length) {
    const earlier = await earlierProofPhotos(deps.db, orgId, c.id);
    for (const p of checked) {
      const hit = earlier.find((e) => samePhoto(e.fp, p.fp));
      if (hit) return refuse(409, R.reused(hit.code), 'reused');
    }
  }

  const rows: ProofPhotoRow[] = [];
  const photos: CasePhoto[] = [];
  // The resident's first photo, shown beside the fix (metadata stripped when served).
  const already = await beforePhotoId(deps.db, c.id);
  const first = (c.photos as CasePhoto[])[0];
  if (first && !already) {
    const stored = await deps.photos.get(first.key).catch(() => null);
    const clean = stored ? stripMetadata(stored.bytes) : null;
    const fp = clean ? await fingerprint(clean, stored!.contentType) : null;
    rows.push({
      id: crypto.randomUUID(),
      role: 'before',
      photoKey: first.key,
      contentType: first.contentType,
      bytes: first.bytes,
      fingerprint: fp ?? `none:${first.key}`,
      takenAt: null,
    });
  }
  for (const p of checked) {
    const id = crypto.randomUUID();
    const key = `${orgId}/proof/${c.id}/${id}.${p.type === 'image/png' ? 'png' : 'jpg'}`;
    await deps.photos.put(key, p.stripped, p.type);
    rows.push({
      id,
      role: 'after',
      photoKey: key,
      contentType: p.type,
      bytes: p.stripped.length,
      fingerprint: p.fp,
      takenAt: p.takenAt,
    });
    photos.push({ key, contentType: p.type, bytes: p.stripped.length });
  }
  return {
    ok: true,
    proof: { trackingCode: c.trackingCode, rows, waiver: decision.waiver, photos },
  };
}

export async function discardProof(deps: Pick<AppDeps, 'photos'>, proof: PreparedProof) {
  await Promise.all(
    proof.rows
      .filter((r) => r.role === 'after')
      .map((r) => deps.photos.delete(r.photoKey).catch(() => {})),
  );
}

/** Writes the proof rows and the case's outcome (a re-finish clears the previous verdict). */
export async function recordFinishProof(
  tx: Tx,
  o: { orgId: string; caseId: string; staffId: string; now: Date; proof: PreparedProof },
): Promise<void> {
  await recordFinishOutcome(tx, {
    orgId: o.orgId,
    caseId: o.caseId,
    now: o.now,
    waiver: o.proof.waiver,
    photos: o.proof.rows.map((r) => ({ ...r, staffId: r.role === 'after' ? o.staffId : null })),
  });
}

/** The public address of a proof photo (an unguessable id; metadata never served). */
export function proofPhotoUrl(env: AppDeps['env'], orgSlug: string, id: string): string {
  const base = (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  return `${base}/proof/${orgSlug}/${id}`;
}

/** The resident's before/after card with the verdict and rating buttons. */
export async function finishMessages(
  deps: Pick<AppDeps, 'db' | 'env'>,
  o: { orgSlug: string; caseId: string; proof: PreparedProof },
): Promise<Message[]> {
  const before = o.proof.rows.find((r) => r.role === 'before');
  let beforeId = before?.id;
  if (!beforeId) {
    beforeId = await beforePhotoId(deps.db, o.caseId);
  }
  const after = o.proof.rows.find((r) => r.role === 'after');
  return [
    finishFlex({
      caseId: o.caseId,
      trackingCode: o.proof.trackingCode,
      beforeUrl: beforeId ? proofPhotoUrl(deps.env, o.orgSlug, beforeId) : null,
      afterUrl: after ? proofPhotoUrl(deps.env, o.orgSlug, after.id) : null,
      waiver: o.proof.waiver ? outcomes.waivers[o.proof.waiver] : null,
    }),
  ];
}
