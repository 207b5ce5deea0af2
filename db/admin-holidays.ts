import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { bangkokDay, addWorkingDays, isWorkingDay } from '../shared/staff/calendar';
import { formatThaiDate } from '../shared/dates';
import { addOrgHoliday, loadCalendar } from './holidays';
import { caseUpdates, cases } from './schema';
import type { Db } from './types';

const RUNNING = ['waiting', 'in_progress', 'forwarded', 'follow_up'] as const;

/**
 * Adds an organisation's day off. When it falls on a working day, every running case filed
 * before it and due on or after it gets its deadline moved by one working day, with a system
 * entry in its timeline. Returns how many cases moved.
 */
export async function addHolidayMovingDeadlines(
  db: Db,
  orgId: string,
  day: string,
  name: string,
  now: Date,
): Promise<{ moved: { caseId: string; from: Date; to: Date }[] }> {
  return db.transaction(async (tx) => {
    const before = await loadCalendar(tx, orgId);
    await addOrgHoliday(tx, orgId, day, name);
    if (!isWorkingDay(before, day)) return { moved: [] };
    const after = await loadCalendar(tx, orgId);
    const running = await tx
      .select({ id: cases.id, dueAt: cases.dueAt, createdAt: cases.createdAt })
      .from(cases)
      .where(
        and(eq(cases.orgId, orgId), inArray(cases.stateType, [...RUNNING]), isNotNull(cases.dueAt)),
      );
    const moved: { caseId: string; from: Date; to: Date }[] = [];
    for (const c of running) {
      const dueDay = bangkokDay(c.dueAt!);
      if (!(bangkokDay(c.createdAt) < day && dueDay >= day)) continue;
      const newDay = addWorkingDays(after, dueDay, 1);
      const to = new Date(c.dueAt!.getTime() + (Date.parse(newDay) - Date.parse(dueDay)));
      await tx.update(cases).set({ dueAt: to }).where(eq(cases.id, c.id));
      await tx.insert(caseUpdates).values({
        orgId,
        caseId: c.id,
        authorKind: 'system',
        note: `เลื่อนกำหนดเสร็จเป็น ${formatThaiDate(to)} เพราะเพิ่มวันหยุด "${name}" (${formatThaiDate(new Date(`${day}T05:00:00Z`))})`,
        createdAt: now,
      });
      moved.push({ caseId: c.id, from: c.dueAt!, to });
    }
    return { moved };
  });
}
