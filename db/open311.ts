/**
 * Queries of the Open311 GeoReport v2 read API (bot/open311/routes.ts, decision 042).
 * They select only publishable columns: never a resident, a reporter's identity, photos
 * or internal notes; only the kinds in OPEN311_KINDS and only cases filed openly.
 */
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import {
  OPEN311_KINDS,
  type CategoryRow,
  type PublicCaseRow,
  type RequestFilter,
} from '../shared/open311/georeport';
import { cases, divisions, serviceCategories } from './schema';
import type { Queryable } from './types';

/** The organisation's active categories of the published kinds, in the console's order. */
export async function open311Services(db: Queryable, orgId: string): Promise<CategoryRow[]> {
  return db
    .select({
      code: serviceCategories.code,
      name: serviceCategories.name,
      keywords: serviceCategories.keywords,
      divisionName: divisions.name,
    })
    .from(serviceCategories)
    .leftJoin(divisions, eq(divisions.id, serviceCategories.divisionId))
    .where(
      and(
        eq(serviceCategories.orgId, orgId),
        eq(serviceCategories.active, true),
        inArray(serviceCategories.kind, [...OPEN311_KINDS]),
      ),
    )
    .orderBy(asc(serviceCategories.sort), asc(serviceCategories.code));
}

/** Published requests matching the filter, newest first, at most `filter.limit`. */
export async function open311Requests(
  db: Queryable,
  orgId: string,
  filter: RequestFilter,
): Promise<PublicCaseRow[]> {
  const where = [
    eq(cases.orgId, orgId),
    inArray(cases.kind, [...OPEN311_KINDS]),
    eq(cases.anonymity, 'none'),
  ];
  if (filter.ids) {
    where.push(inArray(cases.trackingCode, filter.ids));
  } else {
    where.push(gte(cases.createdAt, filter.from), lte(cases.createdAt, filter.to));
    if (filter.serviceCodes) where.push(inArray(cases.category, filter.serviceCodes));
    if (filter.statuses && filter.statuses.length === 1) {
      const closed = inArray(cases.stateType, ['finished', 'rejected']);
      where.push(filter.statuses[0] === 'closed' ? closed : sql`not ${closed}`);
    }
  }
  return db
    .select({
      trackingCode: cases.trackingCode,
      stateType: cases.stateType,
      category: cases.category,
      categoryName: serviceCategories.name,
      subject: cases.subject,
      description: cases.description,
      latitude: cases.latitude,
      longitude: cases.longitude,
      address: cases.address,
      divisionName: divisions.name,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
      dueAt: cases.dueAt,
      lastPublicNote: sql<string | null>`(
        select u.note from case_updates u
        where u.case_id = ${cases.id} and u.author_kind = 'staff' and u.internal = false
          and u.note <> ''
        order by u.created_at desc limit 1)`,
    })
    .from(cases)
    .leftJoin(
      serviceCategories,
      and(eq(serviceCategories.orgId, cases.orgId), eq(serviceCategories.code, cases.category)),
    )
    .leftJoin(divisions, eq(divisions.id, cases.divisionId))
    .where(and(...where))
    .orderBy(desc(cases.createdAt), asc(cases.trackingCode))
    .limit(filter.limit);
}
