import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { makeCalendar, type WorkingCalendar } from '../shared/staff/calendar';
import holidaysTh from './seed/holidays-th.json' with { type: 'json' };
import { holidays } from './schema';
import type { Queryable } from './types';

/** The shipped national list (db/seed/holidays-th.json). */
export const NATIONAL_HOLIDAYS: readonly { day: string; name: string; verify?: boolean }[] =
  holidaysTh.days;

/**
 * Puts the national holidays (org_id null) into `holidays`, adding the days that are
 * missing. A unique index does not dedupe NULL org ids, so this checks what is there.
 * Returns how many days were added.
 */
export async function seedHolidays(db: Queryable): Promise<number> {
  const have = await db.select({ day: holidays.day }).from(holidays).where(isNull(holidays.orgId));
  const known = new Set(have.map((h) => h.day));
  const missing = NATIONAL_HOLIDAYS.filter((h) => !known.has(h.day));
  if (missing.length)
    await db
      .insert(holidays)
      .values(missing.map((h) => ({ orgId: null, day: h.day, name: h.name })));
  return missing.length;
}

/** The organisation's working-day calendar: national holidays plus its own extra days. */
export async function loadCalendar(db: Queryable, orgId: string): Promise<WorkingCalendar> {
  const rows = await db
    .select({ day: holidays.day })
    .from(holidays)
    .where(or(isNull(holidays.orgId), eq(holidays.orgId, orgId)));
  return makeCalendar(rows.map((r) => r.day));
}

/** Adds an organisation's own day off (e.g. a local festival). */
export async function addOrgHoliday(
  db: Queryable,
  orgId: string,
  day: string,
  name: string,
): Promise<void> {
  await db
    .insert(holidays)
    .values({ orgId, day, name })
    .onConflictDoNothing({ target: [holidays.orgId, holidays.day] });
}

/** Removes an organisation's own day off; false when it has none that day. */
export async function removeOrgHoliday(
  db: Queryable,
  orgId: string,
  day: string,
): Promise<boolean> {
  const rows = await db
    .delete(holidays)
    .where(and(eq(holidays.orgId, orgId), eq(holidays.day, day)))
    .returning({ name: holidays.name });
  return rows.length > 0;
}

/** The organisation's own days off (not the national list), oldest first. */
export async function listOrgHolidays(db: Queryable, orgId: string) {
  return db
    .select({ day: holidays.day, name: holidays.name })
    .from(holidays)
    .where(eq(holidays.orgId, orgId))
    .orderBy(asc(holidays.day));
}
