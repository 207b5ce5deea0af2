import { asc, eq, sql } from 'drizzle-orm';
import { orgs } from './schema';
import type { Db, Queryable } from './types';

/**
 * Marks an organisation's configuration (settings, FAQ, categories) as changed: every
 * process and isolate rebuilds its caches for it on the next request that loads the
 * organisation. Call it in the same transaction as the change. Returns the new version.
 */
export async function bumpConfigVersion(db: Queryable, orgId: string): Promise<number> {
  const [row] = await db
    .update(orgs)
    .set({ configVersion: sql`${orgs.configVersion} + 1` })
    .where(eq(orgs.id, orgId))
    .returning({ configVersion: orgs.configVersion });
  if (!row) throw new Error(`organisation ${orgId} not found`);
  return row.configVersion;
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

export async function findOrgBySlug(db: Queryable, slug: string) {
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

/**
 * Stores an organisation's LINE credentials, sealed (bot/orgs.ts SecretBox), with the channel
 * id they belong to (null when unknown). False when no organisation has the slug.
 */
export async function setOrgCredentials(
  db: Queryable,
  slug: string,
  creds: { channelId: string | null; secretEnc: string; tokenEnc: string },
): Promise<boolean> {
  const updated = await db
    .update(orgs)
    .set({
      lineChannelId: creds.channelId,
      lineChannelSecretEnc: creds.secretEnc,
      lineAccessTokenEnc: creds.tokenEnc,
    })
    .where(eq(orgs.slug, slug))
    .returning({ id: orgs.id });
  return updated.length > 0;
}

/** An organisation as stored. */
export type OrgRow = typeof orgs.$inferSelect;

export async function findOrgById(db: Queryable, id: string): Promise<OrgRow | null> {
  const [row] = await db.select().from(orgs).where(eq(orgs.id, id)).limit(1);
  return row ?? null;
}

/** Every organisation as stored, in the database's order (the digest jobs). */
export async function allOrgs(db: Queryable): Promise<OrgRow[]> {
  return db.select().from(orgs);
}

/**
 * Adds an organisation with only its slug (its name the slug, no settings) unless one has the
 * slug; concurrent callers are safe. The Worker's default organisation starts so.
 */
export async function addBareOrg(db: Queryable, slug: string): Promise<void> {
  await db
    .insert(orgs)
    .values({ slug, name: slug, orgType: '', province: '', settings: {} })
    .onConflictDoNothing({ target: orgs.slug });
}
