import { and, asc, eq } from 'drizzle-orm';
import type { CategoryUpdate } from '../shared/admin/schemas';
import { divisions, serviceCategories } from './schema';
import type { Queryable as Db } from './types';

export async function listCategories(db: Db, orgId: string) {
  return db
    .select({
      code: serviceCategories.code,
      name: serviceCategories.name,
      kind: serviceCategories.kind,
      divisionCode: divisions.code,
      divisionName: divisions.name,
      acceptDays: serviceCategories.acceptDays,
      finishDays: serviceCategories.finishDays,
      keywords: serviceCategories.keywords,
      duplicateRadiusM: serviceCategories.duplicateRadiusM,
      active: serviceCategories.active,
    })
    .from(serviceCategories)
    .leftJoin(divisions, eq(divisions.id, serviceCategories.divisionId))
    .where(eq(serviceCategories.orgId, orgId))
    .orderBy(asc(serviceCategories.sort), asc(serviceCategories.code));
}

export type CategoryUpdateResult =
  | { ok: true; before: Record<string, unknown> }
  | { ok: false; field: string; reason: 'no_category' | 'no_division' };

export async function updateCategory(
  db: Db,
  orgId: string,
  code: string,
  u: CategoryUpdate,
): Promise<CategoryUpdateResult> {
  const [cat] = await db
    .select()
    .from(serviceCategories)
    .where(and(eq(serviceCategories.orgId, orgId), eq(serviceCategories.code, code)));
  if (!cat) return { ok: false, field: 'code', reason: 'no_category' };
  let divisionId: string | null | undefined;
  if (u.divisionCode === null) divisionId = null;
  else if (u.divisionCode !== undefined) {
    const [d] = await db
      .select({ id: divisions.id })
      .from(divisions)
      .where(and(eq(divisions.orgId, orgId), eq(divisions.code, u.divisionCode)));
    if (!d) return { ok: false, field: 'divisionCode', reason: 'no_division' };
    divisionId = d.id;
  }
  const set: Partial<typeof serviceCategories.$inferInsert> = {};
  if (u.name !== undefined) set.name = u.name;
  if (divisionId !== undefined) set.divisionId = divisionId;
  if (u.finishDays !== undefined) set.finishDays = u.finishDays;
  if (u.acceptDays !== undefined) set.acceptDays = u.acceptDays;
  if (u.keywords !== undefined) set.keywords = u.keywords;
  if (u.duplicateRadiusM !== undefined) set.duplicateRadiusM = u.duplicateRadiusM;
  if (u.active !== undefined) set.active = u.active;
  if (Object.keys(set).length)
    await db.update(serviceCategories).set(set).where(eq(serviceCategories.id, cat.id));
  return {
    ok: true,
    before: {
      name: cat.name,
      divisionId: cat.divisionId,
      finishDays: cat.finishDays,
      keywords: cat.keywords,
      duplicateRadiusM: cat.duplicateRadiusM,
    },
  };
}

export type ServiceCategoryRow = typeof serviceCategories.$inferSelect;

/** One of the organisation's categories by its code (time limits, name on alerts and forwards). */
export async function categoryByCode(
  db: Db,
  orgId: string,
  code: string,
): Promise<ServiceCategoryRow | undefined> {
  const [row] = await db
    .select()
    .from(serviceCategories)
    .where(and(eq(serviceCategories.orgId, orgId), eq(serviceCategories.code, code)));
  return row;
}

/** The organisation's category codes and names, by name (the console's filters). */
export async function categoryNames(
  db: Db,
  orgId: string,
): Promise<{ code: string; name: string }[]> {
  return db
    .select({ code: serviceCategories.code, name: serviceCategories.name })
    .from(serviceCategories)
    .where(eq(serviceCategories.orgId, orgId))
    .orderBy(asc(serviceCategories.name));
}
