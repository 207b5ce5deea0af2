import { and, between, eq, inArray, sql } from 'drizzle-orm';
import { caseSupporters, caseUpdates, cases } from './schema';
import type { Tx } from './types';
import type { CasePhoto, StateType } from '../shared/cases';
import { metresBetween } from '../shared/conversation/intake';
import { th } from '../shared/text/th';

/** States in which a case is still open (a "+1" can join it). */
const OPEN: StateType[] = ['waiting', 'in_progress', 'forwarded', 'follow_up'];

export interface NearbyOpenCase {
  id: string;
  trackingCode: string;
  stateLabel: string;
  affectedCount: number;
  metres: number;
}

/**
 * The nearest open service request of the category within `radiusM` of the point, or
 * null. A box on latitude/longitude narrows the rows; the distance is measured here.
 */
export async function findNearbyOpenCase(
  tx: Tx,
  orgId: string,
  at: { category: string; latitude: number; longitude: number; radiusM: number },
): Promise<NearbyOpenCase | null> {
  if (at.radiusM <= 0) return null;
  const dLat = at.radiusM / 111_000;
  const dLon = at.radiusM / (111_000 * Math.max(0.1, Math.cos((at.latitude * Math.PI) / 180)));
  const rows = await tx
    .select({
      id: cases.id,
      trackingCode: cases.trackingCode,
      stateLabel: cases.stateLabel,
      affectedCount: cases.affectedCount,
      latitude: cases.latitude,
      longitude: cases.longitude,
    })
    .from(cases)
    .where(
      and(
        eq(cases.orgId, orgId),
        eq(cases.kind, 'service_request'),
        eq(cases.category, at.category),
        inArray(cases.stateType, OPEN),
        between(cases.latitude, at.latitude - dLat, at.latitude + dLat),
        between(cases.longitude, at.longitude - dLon, at.longitude + dLon),
      ),
    )
    .limit(50);
  let best: NearbyOpenCase | null = null;
  for (const r of rows) {
    if (r.latitude === null || r.longitude === null) continue;
    const metres = metresBetween(at, { latitude: r.latitude, longitude: r.longitude });
    if (metres <= at.radiusM && (!best || metres < best.metres)) {
      best = { ...r, metres };
    }
  }
  return best;
}

/**
 * "+1": the resident is affected by this open case too. Counted once per resident
 * (case_supporters); their photos join the case's timeline. Null when the case is
 * no longer open.
 */
export async function joinCase(
  tx: Tx,
  ctx: { org: { id: string }; now: Date },
  code: string,
  residentId: string,
  photos: CasePhoto[],
): Promise<{ trackingCode: string; affectedCount: number } | null> {
  const [c] = await tx
    .select()
    .from(cases)
    .where(
      and(
        eq(cases.orgId, ctx.org.id),
        eq(cases.trackingCode, code),
        inArray(cases.stateType, OPEN),
      ),
    );
  if (!c) return null;
  const [fresh] = await tx
    .insert(caseSupporters)
    .values({ orgId: ctx.org.id, caseId: c.id, residentId, createdAt: ctx.now })
    .onConflictDoNothing()
    .returning({ id: caseSupporters.id });
  const [updated] = await tx
    .update(cases)
    .set({
      ...(fresh ? { affectedCount: sql`${cases.affectedCount} + 1` } : {}),
      ...(photos.length ? { photos: [...c.photos, ...photos] } : {}),
      updatedAt: ctx.now,
    })
    .where(eq(cases.id, c.id))
    .returning({ trackingCode: cases.trackingCode, affectedCount: cases.affectedCount });
  await tx.insert(caseUpdates).values({
    orgId: ctx.org.id,
    caseId: c.id,
    authorKind: 'system',
    note: th.conv.nearby.staffNote(updated!.affectedCount),
    photos,
    createdAt: ctx.now,
  });
  return updated!;
}
