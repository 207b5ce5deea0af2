import { eq, isNull, sql } from 'drizzle-orm';
import type { CaseKind } from '../shared/cases';
import type { CategoryIntake } from '../shared/conversation/intake';
import type { StaffRole } from '../shared/roles';
import { divisions, orgs, serviceCategories, staff, staffRoles } from './schema';
import type { Db } from './types';

export interface OrgSeed {
  slug: string;
  name: string;
  orgType?: string;
  province?: string;
  settings?: Record<string, unknown>;
  divisions: { code: string; name: string }[];
  /** Service request / complaint categories with their owning division and time limits. */
  categories?: {
    code: string;
    name: string;
    kind: CaseKind;
    division?: string;
    acceptDays?: number;
    finishDays?: number;
    /** Chat intake: keywords, examples, urgent, duplicate radius (shared/conversation/intake.ts). */
    intake?: Partial<CategoryIntake>;
  }[];
  staff: {
    name: string;
    position?: string;
    division?: string;
    roles: { role: StaffRole; division?: string }[];
  }[];
}

/**
 * Creates an organisation with its divisions and staff from plain data
 * (db/seed/*.json, which a user can copy and edit). Does nothing if the slug exists.
 * Returns the organisation's id.
 */
export async function seedOrg(db: Db, seed: OrgSeed): Promise<{ id: string; created: boolean }> {
  const [existing] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.slug, seed.slug));
  if (existing) return { id: existing.id, created: false };
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(orgs)
      .values({
        slug: seed.slug,
        name: seed.name,
        orgType: seed.orgType ?? '',
        province: seed.province ?? '',
        settings: seed.settings ?? {},
      })
      .returning({ id: orgs.id });
    const orgId = org!.id;
    const divRows = seed.divisions.length
      ? await tx
          .insert(divisions)
          .values(seed.divisions.map((d) => ({ orgId, code: d.code, name: d.name })))
          .returning({ id: divisions.id, code: divisions.code })
      : [];
    const divId = (code?: string) => {
      if (!code) return null;
      const d = divRows.find((r) => r.code === code);
      if (!d) throw new Error(`seed ${seed.slug}: unknown division "${code}"`);
      return d.id;
    };
    if (seed.categories?.length) {
      await tx.insert(serviceCategories).values(
        seed.categories.map((c, sort) => ({
          orgId,
          code: c.code,
          name: c.name,
          kind: c.kind,
          divisionId: divId(c.division),
          acceptDays: c.acceptDays ?? null,
          finishDays: c.finishDays ?? null,
          intake: c.intake ?? {},
          sort,
        })),
      );
    }
    for (const person of seed.staff) {
      const [s] = await tx
        .insert(staff)
        .values({
          orgId,
          name: person.name,
          position: person.position ?? '',
          divisionId: divId(person.division),
        })
        .returning({ id: staff.id });
      if (person.roles.length) {
        await tx.insert(staffRoles).values(
          person.roles.map((r) => ({
            orgId,
            staffId: s!.id,
            role: r.role,
            divisionId: divId(r.division),
          })),
        );
      }
    }
    return { id: orgId, created: true };
  });
}

/**
 * Simulator mode: every member of staff not yet linked to LINE gets a simulated LINE user
 * (`U` + the staff id's hex, as the console's staff picker uses), so staff alerts reach their
 * chat in the LINE simulator from the first case. Returns how many were linked.
 */
export async function bindStaffToSimulatedLine(db: Db): Promise<number> {
  const rows = await db
    .update(staff)
    .set({ lineUserId: sql`'U' || replace(${staff.id}::text, '-', '')` })
    .where(isNull(staff.lineUserId))
    .returning({ id: staff.id });
  return rows.length;
}
