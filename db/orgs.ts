import { asc, eq, sql } from 'drizzle-orm';
import { orgs } from './schema';
import type { Db } from './types';

/**
 * Organisations as data (not their LINE channels: bot/orgs.ts).
 * `config_version` counts admin changes residents' bot behaviour depends on (FAQ,
 * categories, templates, settings); per-organisation caches compare it instead of
 * trusting process state, so a change applies without a restart on Node and Workers.
 */
export async function bumpConfigVersion(db: Db, orgId: string): Promise<void> {
  await db
    .update(orgs)
    .set({ configVersion: sql`${orgs.configVersion} + 1` })
    .where(eq(orgs.id, orgId));
}

export type OrgListRow = {
  id: string;
  slug: string;
  name: string;
  hasChannel: boolean;
  disabledAt: Date | null;
  createdAt: Date;
};

export async function listOrgs(db: Db): Promise<OrgListRow[]> {
  const rows = await db
    .select({
      id: orgs.id,
      slug: orgs.slug,
      name: orgs.name,
      token: orgs.lineAccessTokenEnc,
      disabledAt: orgs.disabledAt,
      createdAt: orgs.createdAt,
    })
    .from(orgs)
    .orderBy(asc(orgs.createdAt), asc(orgs.slug));
  return rows.map(({ token, ...r }) => ({ ...r, hasChannel: token !== null }));
}

export async function findOrgBySlug(db: Db, slug: string) {
  const [row] = await db.select().from(orgs).where(eq(orgs.slug, slug)).limit(1);
  return row ?? null;
}

/** Webhook answers 404 from now on; nothing is deleted. Returns false when no such org. */
export async function setOrgDisabled(db: Db, slug: string, at: Date | null): Promise<boolean> {
  const rows = await db
    .update(orgs)
    .set({ disabledAt: at })
    .where(eq(orgs.slug, slug))
    .returning({ id: orgs.id });
  return rows.length > 0;
}
