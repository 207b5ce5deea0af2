import { eq } from 'drizzle-orm';
import type { OrgProfileInput } from '../shared/admin/schemas';
import { orgSettings, type StoredOrgSettings } from '../shared/org-settings';
import { orgs } from './schema';
import type { Db, Queryable } from './types';

/** The profile screen's view of an organisation: its names and the profile part of its settings. */
export type OrgProfile = {
  slug: string;
  name: string;
  orgType: string;
  province: string;
  contact: { phone?: string; address?: string; officeHours?: string };
  lineBasicId?: string;
  website?: string;
  logoDataUrl?: string;
  signatories: ReturnType<typeof orgSettings>['signatories'];
};

export async function getProfile(db: Queryable, orgId: string): Promise<OrgProfile | null> {
  const [row] = await db
    .select({
      slug: orgs.slug,
      name: orgs.name,
      orgType: orgs.orgType,
      province: orgs.province,
      settings: orgs.settings,
    })
    .from(orgs)
    .where(eq(orgs.id, orgId));
  if (!row) return null;
  const s = orgSettings(row.settings);
  return {
    slug: row.slug,
    name: row.name,
    orgType: row.orgType,
    province: row.province,
    contact: s.contact,
    lineBasicId: s.lineBasicId,
    website: s.profile.website,
    logoDataUrl: s.profile.logoDataUrl,
    signatories: s.signatories,
  };
}

/** Drops empty strings and the objects left empty, so a cleared field is absent, not "". */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const c = v && typeof v === 'object' ? compact(v as Record<string, unknown>) : v;
    if (c !== undefined && c !== '') out[k] = c;
  }
  return Object.keys(out).length ? (out as Partial<T>) : undefined;
}

/**
 * Writes the profile: the names into `orgs`, the rest into `orgs.settings`, keeping every other
 * setting (and keys this code does not know). Returns the profile as it was, for the audit log.
 */
export async function saveProfile(
  db: Db,
  orgId: string,
  p: OrgProfileInput,
): Promise<OrgProfile | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ settings: orgs.settings })
      .from(orgs)
      .where(eq(orgs.id, orgId))
      .for('update');
    if (!row) return null;
    const before = await getProfile(tx, orgId);
    const stored = { ...(row.settings as Record<string, unknown>) };
    const oldProfile = (stored.profile ?? {}) as Record<string, unknown>;
    const logo = p.logoDataUrl === undefined ? oldProfile.logoDataUrl : p.logoDataUrl;
    const next: Record<string, unknown> = {
      ...stored,
      contact: compact(p.contact) ?? {},
      profile: compact({ ...oldProfile, website: p.website, logoDataUrl: logo ?? undefined }) ?? {},
      signatories: Object.fromEntries(
        Object.entries(p.signatories)
          .filter(([, v]) => v && (v.name || v.position))
          .map(([k, v]) => [k, { name: v!.name ?? '', position: v!.position ?? '' }]),
      ),
    };
    if (p.lineBasicId) next.lineBasicId = p.lineBasicId;
    else delete next.lineBasicId;
    await tx
      .update(orgs)
      .set({
        name: p.name,
        orgType: p.orgType ?? '',
        province: p.province ?? '',
        settings: next as StoredOrgSettings,
      })
      .where(eq(orgs.id, orgId));
    return before;
  });
}
