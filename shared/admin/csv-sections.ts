/**
 * The admin console's CSV sections: their Thai column headers, how a row becomes the input of
 * the section's shared schema, and the check of a whole file, row by row, before anything is
 * changed. Lists inside a cell are separated by "|".
 */
import type { z } from 'zod';
import { thAdmin } from '../text/th-admin';
import { readCsv, unneutralise } from './csv';
import { categoryUpdateSchema, faqEntrySchema, holidaySchema, serviceSchema } from './schemas';

type Column = { key: string; header: string };
type Section = {
  columns: Column[];
  /** The column whose value names the row (unique within a file). */
  key: string;
  schema: z.ZodType;
  fromRow: (r: Record<string, string>) => unknown;
};

export const LIST_SEP = ' | ';
const list = (s: string | undefined) =>
  (s ?? '')
    .split('|')
    .map((x) => x.trim())
    .filter(Boolean);
const num = (s: string | undefined) => (s?.trim() ? Number(s.trim()) : null);

export const CSV_SECTIONS = {
  faq: {
    key: 'id',
    columns: [
      { key: 'id', header: 'รหัส' },
      { key: 'question', header: 'คำถาม' },
      { key: 'variants', header: 'คำถามแบบอื่น' },
      { key: 'answer', header: 'คำตอบ' },
    ],
    schema: faqEntrySchema,
    fromRow: (r) => ({ ...r, variants: list(r.variants) }),
  },
  categories: {
    key: 'code',
    columns: [
      { key: 'code', header: 'รหัส' },
      { key: 'name', header: 'ชื่อประเภท' },
      { key: 'divisionCode', header: 'รหัสกอง' },
      { key: 'finishDays', header: 'กำหนดเสร็จ (วันทำการ)' },
      { key: 'keywords', header: 'คำที่ประชาชนใช้' },
      { key: 'duplicateRadiusM', header: 'รัศมีเรื่องซ้ำ (เมตร)' },
    ],
    schema: categoryUpdateSchema,
    fromRow: (r) => ({
      name: r.name,
      divisionCode: r.divisionCode?.trim() || null,
      finishDays: num(r.finishDays),
      keywords: list(r.keywords),
      duplicateRadiusM: num(r.duplicateRadiusM),
    }),
  },
  services: {
    key: 'code',
    columns: [
      { key: 'code', header: 'รหัส' },
      { key: 'name', header: 'ชื่องานบริการ' },
      { key: 'divisionCode', header: 'รหัสกอง' },
      { key: 'steps', header: 'ขั้นตอน' },
      { key: 'timeFrame', header: 'ระยะเวลา' },
      { key: 'documents', header: 'เอกสาร' },
      { key: 'fees', header: 'ค่าธรรมเนียม' },
      { key: 'channels', header: 'ช่องทาง' },
    ],
    schema: serviceSchema,
    fromRow: (r) => ({
      ...r,
      divisionCode: r.divisionCode?.trim() || null,
      steps: list(r.steps),
      documents: list(r.documents),
      channels: list(r.channels),
    }),
  },
  holidays: {
    key: 'day',
    columns: [
      { key: 'day', header: 'วันที่ (ค.ศ. ปปปป-ดด-วว)' },
      { key: 'name', header: 'ชื่อวันหยุด' },
    ],
    schema: holidaySchema,
    fromRow: (r) => r,
  },
} satisfies Record<string, Section>;
export type CsvSection = keyof typeof CSV_SECTIONS;
/** Export only: staff join through invites, never from a file. */
export const STAFF_CSV_HEADERS = ['ชื่อ', 'ตำแหน่ง', 'รหัสกอง', 'บทบาท', 'สถานะ', 'เชื่อม LINE'];

export const isCsvSection = (s: string): s is CsvSection => Object.hasOwn(CSV_SECTIONS, s);

/** The header row and the rows of an export. */
export function csvRows(section: CsvSection, items: Record<string, unknown>[]): string[][] {
  const cols = CSV_SECTIONS[section].columns;
  const cell = (v: unknown) =>
    Array.isArray(v) ? v.join(LIST_SEP) : v === null || v === undefined ? '' : String(v);
  return [cols.map((c) => c.header), ...items.map((it) => cols.map((c) => cell(it[c.key])))];
}

/** An error as the clerk finds it in Excel: the row number (the header is row 1) and column. */
export type CsvError = { row: number; column: string; message: string };

const T = thAdmin.csv;
const isBlank = (cells: string[]) => cells.every((x) => x.trim() === '');

/**
 * Every row of a file checked with the section's schema. `rows` holds the parsed inputs with
 * their key and row number; nothing is changed by the caller unless `errors` is empty.
 */
export function checkCsv(
  section: CsvSection,
  text: string,
): { rows: { row: number; key: string; input: unknown }[]; errors: CsvError[] } {
  const def: Section = CSV_SECTIONS[section];
  const read = readCsv(text);
  if (!read.ok)
    return { rows: [], errors: [{ row: read.row, column: '-', message: T.unreadable }] };
  const [header, ...body] = read.rows;
  const errors: CsvError[] = [];
  if (!header || isBlank(header))
    return { rows: [], errors: [{ row: 1, column: '-', message: 'ไฟล์ว่าง' }] };
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  for (const c of def.columns)
    if (!index.has(c.header))
      errors.push({ row: 1, column: c.header, message: 'ไม่พบคอลัมน์นี้ในแถวหัวตาราง' });
  if (errors.length) return { rows: [], errors };
  const headerOf = (key: string) => def.columns.find((c) => c.key === key)?.header ?? key;
  const seen = new Map<string, number>();
  const rows: { row: number; key: string; input: unknown }[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    if (isBlank(cells)) return;
    const record = Object.fromEntries(
      def.columns.map((c) => [c.key, unneutralise((cells[index.get(c.header)!] ?? '').trim())]),
    );
    const key = record[def.key] ?? '';
    const r = def.schema.safeParse(def.fromRow(record));
    if (!r.success)
      for (const issue of r.error.issues)
        errors.push({
          row,
          column: headerOf(String(issue.path[0] ?? def.key)),
          message: issue.message,
        });
    else if (seen.has(key))
      errors.push({
        row,
        column: headerOf(def.key),
        message: `ซ้ำกับแถวที่ ${seen.get(key)}`,
      });
    else rows.push({ row, key, input: r.data });
    if (!seen.has(key)) seen.set(key, row);
  });
  return { rows, errors };
}
