import { and, asc, eq } from 'drizzle-orm';
import type { ServiceInput } from '../shared/admin/schemas';
import { divisions, services } from './schema';
import type { Queryable as Db } from './types';

/** The public service manual's services with their standards, in their printed order. */
export async function listServices(db: Db, orgId: string) {
  return db
    .select({
      code: services.code,
      name: services.name,
      divisionCode: divisions.code,
      steps: services.steps,
      timeFrame: services.timeFrame,
      documents: services.documents,
      fees: services.fees,
      channels: services.channels,
      sort: services.sort,
    })
    .from(services)
    .leftJoin(divisions, eq(divisions.id, services.divisionId))
    .where(eq(services.orgId, orgId))
    .orderBy(asc(services.sort), asc(services.name));
}

/**
 * Inserts or replaces a service by its code. The responsible division must be this
 * organisation's. Returns the service as it was (null when new), or `no_division`.
 */
export async function saveService(
  db: Db,
  orgId: string,
  s: ServiceInput,
): Promise<{ ok: true; before: Record<string, unknown> | null } | { ok: false }> {
  return db.transaction(async (tx) => {
    let divisionId: string | null = null;
    if (s.divisionCode !== null) {
      const [d] = await tx
        .select({ id: divisions.id })
        .from(divisions)
        .where(and(eq(divisions.orgId, orgId), eq(divisions.code, s.divisionCode)));
      if (!d) return { ok: false as const };
      divisionId = d.id;
    }
    const [old] = await tx
      .select()
      .from(services)
      .where(and(eq(services.orgId, orgId), eq(services.code, s.code)));
    const row = {
      name: s.name,
      divisionId,
      steps: s.steps,
      timeFrame: s.timeFrame,
      documents: s.documents,
      fees: s.fees,
      channels: s.channels,
      ...(s.sort !== undefined ? { sort: s.sort } : {}),
    };
    if (old) await tx.update(services).set(row).where(eq(services.id, old.id));
    else await tx.insert(services).values({ orgId, code: s.code, ...row });
    if (!old) return { ok: true as const, before: null };
    const { id: _id, orgId: _org, ...before } = old;
    return { ok: true as const, before };
  });
}
