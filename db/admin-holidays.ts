import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { formatThaiDate } from '../shared/dates';
import {
  addWorkingDays,
  bangkokDay,
  isWorkingDay,
  previousWorkingDay,
  type WorkingCalendar,
} from '../shared/staff/calendar';
import { thAdmin } from '../shared/text/th-admin';
import { addOrgHoliday, loadCalendar, removeOrgHoliday } from './holidays';
import { caseUpdates, cases, holidays } from './schema';
import type { Queryable as Db, Tx } from './types';

const RUNNING = ['waiting', 'in_progress', 'forwarded', 'follow_up'] as const;

export type MovedCase = { caseId: string; from: Date; to: Date };

/**
 * Moves the running deadlines (accept-by and finish-by) that a changed day off affects, by one
 * working day: later when the day became a holiday (a deadline on or after it, of a case filed
 * before it), earlier when it stopped being one (a deadline after it). Each moved case gets a
 * system entry in its timeline. `after` is the calendar with the change made.
 */
async function moveDeadlines(
  tx: Tx,
  orgId: string,
  day: string,
  name: string,
  added: boolean,
  after: WorkingCalendar,
  now: Date,
): Promise<MovedCase[]> {
  const running = await tx
    .select({
      id: cases.id,
      dueAt: cases.dueAt,
      acceptDueAt: cases.acceptDueAt,
      createdAt: cases.createdAt,
    })
    .from(cases)
    .where(
      and(
        eq(cases.orgId, orgId),
        inArray(cases.stateType, [...RUNNING]),
        or(isNotNull(cases.dueAt), isNotNull(cases.acceptDueAt)),
      ),
    );
  const shift = (at: Date | null, filed: string): Date | null => {
    if (!at) return null;
    const d = bangkokDay(at);
    if (!(filed < day && (added ? d >= day : d > day))) return null;
    const to = added ? addWorkingDays(after, d, 1) : previousWorkingDay(after, d);
    return new Date(at.getTime() + (Date.parse(to) - Date.parse(d)));
  };
  const when = formatThaiDate(new Date(`${day}T05:00:00Z`));
  const moved: MovedCase[] = [];
  for (const c of running) {
    const filed = bangkokDay(c.createdAt);
    const due = shift(c.dueAt, filed);
    const accept = shift(c.acceptDueAt, filed);
    if (!due && !accept) continue;
    await tx
      .update(cases)
      .set({ ...(due ? { dueAt: due } : {}), ...(accept ? { acceptDueAt: accept } : {}) })
      .where(eq(cases.id, c.id));
    await tx.insert(caseUpdates).values({
      orgId,
      caseId: c.id,
      authorKind: 'system',
      note: thAdmin.holidays.moved({
        accept: accept ? formatThaiDate(accept) : null,
        finish: due ? formatThaiDate(due) : null,
        added,
        name,
        day: when,
      }),
      createdAt: now,
    });
    if (due) moved.push({ caseId: c.id, from: c.dueAt!, to: due });
    else moved.push({ caseId: c.id, from: c.acceptDueAt!, to: accept! });
  }
  return moved;
}

/**
 * Adds an organisation's day off. When it falls on a working day, the running deadlines it
 * affects move one working day later, each in its case's timeline.
 */
export async function addHolidayMovingDeadlines(
  db: Db,
  orgId: string,
  day: string,
  name: string,
  now: Date,
): Promise<{ moved: MovedCase[] }> {
  return db.transaction(async (tx) => {
    const before = await loadCalendar(tx, orgId);
    await addOrgHoliday(tx, orgId, day, name);
    if (!isWorkingDay(before, day)) return { moved: [] };
    const after = await loadCalendar(tx, orgId);
    return { moved: await moveDeadlines(tx, orgId, day, name, true, after, now) };
  });
}

/**
 * Removes an organisation's own day off (never a national one). When the day becomes a working
 * day again, the running deadlines after it move one working day earlier, each in its timeline.
 * Null when the organisation has no day off that day.
 */
export async function removeHolidayMovingDeadlines(
  db: Db,
  orgId: string,
  day: string,
  now: Date,
): Promise<{ name: string; moved: MovedCase[] } | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ name: holidays.name })
      .from(holidays)
      .where(and(eq(holidays.orgId, orgId), eq(holidays.day, day)));
    if (!row || !(await removeOrgHoliday(tx, orgId, day))) return null;
    const after = await loadCalendar(tx, orgId);
    if (!isWorkingDay(after, day)) return { name: row.name, moved: [] };
    return {
      name: row.name,
      moved: await moveDeadlines(tx, orgId, day, row.name, false, after, now),
    };
  });
}
