import type { CsvError, CsvSection } from '../shared/admin/csv-sections';
import type { CategoryUpdate, FaqEntryInput, ServiceInput } from '../shared/admin/schemas';
import { updateCategory, listCategories } from './admin-categories';
import { listDivisions } from './admin-divisions';
import { listFaq, saveFaqEntry } from './admin-faq';
import { addHolidayMovingDeadlines } from './admin-holidays';
import { listServices, saveService } from './admin-services';
import { listOrgHolidays } from './holidays';
import type { Db } from './types';

export type CheckedRow = { row: number; key: string; input: unknown };

const NO_DIVISION = 'ไม่พบกองนี้ในองค์กร';
const NO_CATEGORY = 'ไม่พบประเภทเรื่องนี้ (นำเข้าได้เฉพาะการแก้ประเภทที่มีอยู่)';

/**
 * The checks a file's rows need the database for (a division or category that must exist),
 * and which rows would add and which would replace. Changes nothing.
 */
export async function checkImportAgainstDb(
  db: Db,
  orgId: string,
  section: CsvSection,
  rows: CheckedRow[],
): Promise<{ errors: CsvError[]; create: string[]; update: string[] }> {
  const existing = new Set<string>(
    section === 'faq'
      ? (await listFaq(db, orgId)).map((e) => e.id)
      : section === 'categories'
        ? (await listCategories(db, orgId)).map((c) => c.code)
        : section === 'services'
          ? (await listServices(db, orgId)).map((s) => s.code)
          : (await listOrgHolidays(db, orgId)).map((h) => h.day),
  );
  const divisions = new Set((await listDivisions(db, orgId)).map((d) => d.code));
  const errors: CsvError[] = [];
  for (const r of rows) {
    const div = (r.input as { divisionCode?: string | null }).divisionCode;
    if ((section === 'services' || section === 'categories') && div && !divisions.has(div))
      errors.push({ row: r.row, column: 'รหัสกอง', message: NO_DIVISION });
    if (section === 'categories' && !existing.has(r.key))
      errors.push({ row: r.row, column: 'รหัส', message: NO_CATEGORY });
  }
  return {
    errors,
    create: rows.filter((r) => !existing.has(r.key)).map((r) => r.key),
    update: rows.filter((r) => existing.has(r.key)).map((r) => r.key),
  };
}

class RowFailed extends Error {
  constructor(readonly error: CsvError) {
    super(error.message);
  }
}

/**
 * Applies checked rows in one transaction: all of them or, when any fails, none. FAQ rows keep
 * an entry's links and quick replies (the CSV does not carry them); holidays move deadlines as
 * the holiday screen does.
 */
export async function applyImport(
  db: Db,
  orgId: string,
  section: CsvSection,
  rows: CheckedRow[],
  now: Date,
): Promise<{ ok: true; moved: number } | { ok: false; error: CsvError }> {
  try {
    return await db.transaction(async (tx) => {
      let moved = 0;
      const faq = section === 'faq' ? await listFaq(tx, orgId) : [];
      for (const r of rows) {
        if (section === 'faq') {
          const e = r.input as FaqEntryInput;
          const old = faq.find((x) => x.id === e.id);
          await saveFaqEntry(
            tx,
            orgId,
            { ...e, links: old?.links ?? [], quickReplies: old?.quickReplies ?? [] },
            now,
          );
        } else if (section === 'categories') {
          const u = await updateCategory(tx, orgId, r.key, r.input as CategoryUpdate);
          if (!u.ok)
            throw new RowFailed({
              row: r.row,
              column: u.field === 'code' ? 'รหัส' : 'รหัสกอง',
              message: u.reason === 'no_category' ? NO_CATEGORY : NO_DIVISION,
            });
        } else if (section === 'services') {
          const s = await saveService(tx, orgId, r.input as ServiceInput);
          if (!s.ok) throw new RowFailed({ row: r.row, column: 'รหัสกอง', message: NO_DIVISION });
        } else {
          const h = r.input as { day: string; name: string };
          moved += (await addHolidayMovingDeadlines(tx, orgId, h.day, h.name, now)).moved.length;
        }
      }
      return { ok: true as const, moved };
    });
  } catch (e) {
    if (e instanceof RowFailed) return { ok: false, error: e.error };
    throw e;
  }
}
