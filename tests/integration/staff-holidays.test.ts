import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrgHoliday, loadCalendar, NATIONAL_HOLIDAYS, seedHolidays } from '../../db/holidays';
import { seedOrg } from '../../db/seed';
import type { Database } from '../../db/types';
import { addWorkingDays } from '../../shared/staff/calendar';
import { createTestDatabase } from '../helpers/db';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('holidays in the database', () => {
  it('seeds the national list once and adds an organisation’s own days', async () => {
    const { db } = database;
    expect(await seedHolidays(db)).toBe(NATIONAL_HOLIDAYS.length);
    expect(await seedHolidays(db)).toBe(0);
    const a = await seedOrg(db, { slug: 'cal-a', name: 'A', divisions: [], staff: [] });
    const b = await seedOrg(db, { slug: 'cal-b', name: 'B', divisions: [], staff: [] });
    await addOrgHoliday(db, a.id, '2026-01-12', 'งานประจำปีท้องถิ่น');
    const calA = await loadCalendar(db, a.id);
    const calB = await loadCalendar(db, b.id);
    expect(calA.holidays.size).toBe(NATIONAL_HOLIDAYS.length + 1);
    expect(addWorkingDays(calA, '2026-01-09', 1)).toBe('2026-01-13');
    expect(addWorkingDays(calB, '2026-01-09', 1)).toBe('2026-01-12');
  });
});
