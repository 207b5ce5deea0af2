import { z } from 'zod';
import { STAFF_ROLES } from '../roles';

/** Validation of every admin-console change (issue 14): one schema per form, messages in Thai. */
const text = (max: number, what: string) =>
  z.string().trim().min(1, `ต้องระบุ${what}`).max(max, `${what}ยาวเกิน ${max} ตัวอักษร`);

export const faqEntrySchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'รหัสใช้ได้เฉพาะอักษรอังกฤษ ตัวเลข _ . - (ไม่เกิน 64 ตัว)'),
  question: text(500, 'คำถาม'),
  variants: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
  answer: text(5000, 'คำตอบ'),
  links: z
    .array(
      z.object({
        label: text(40, 'ชื่อลิงก์'),
        uri: z
          .string()
          .trim()
          .regex(/^(https?:\/\/|tel:)\S+$/, 'ลิงก์ต้องขึ้นต้นด้วย https:// หรือ tel:'),
      }),
    )
    .max(4)
    .default([]),
  quickReplies: z.array(z.string().trim().min(1).max(20)).max(13).default([]),
});
export type FaqEntryInput = z.infer<typeof faqEntrySchema>;

export const faqTrySchema = z.object({ text: text(1000, 'ข้อความ') });

export const categoryUpdateSchema = z.object({
  name: text(200, 'ชื่อประเภท').optional(),
  divisionCode: z.string().trim().min(1).max(64).nullable().optional(),
  finishDays: z
    .number({ error: 'กำหนดเวลาต้องเป็นจำนวนวันทำการ' })
    .int('กำหนดเวลาต้องเป็นจำนวนเต็ม')
    .min(1, 'กำหนดเวลาต้องอยู่ระหว่าง 1–365 วันทำการ')
    .max(365, 'กำหนดเวลาต้องอยู่ระหว่าง 1–365 วันทำการ')
    .nullable()
    .optional(),
  acceptDays: z.number().int().min(1).max(365).nullable().optional(),
  keywords: z.array(z.string().trim().min(1).max(50)).max(100).optional(),
  duplicateRadiusM: z
    .number()
    .int()
    .min(0, 'รัศมีเรื่องซ้ำต้องอยู่ระหว่าง 0–5000 เมตร')
    .max(5000, 'รัศมีเรื่องซ้ำต้องอยู่ระหว่าง 0–5000 เมตร')
    .nullable()
    .optional(),
  active: z.boolean().optional(),
});
export type CategoryUpdate = z.infer<typeof categoryUpdateSchema>;

export const staffInviteSchema = z.object({
  role: z.enum(STAFF_ROLES, { error: 'บทบาทไม่ถูกต้อง' }),
  divisionCode: z.string().trim().min(1).max(64).optional(),
  name: z.string().trim().max(200).optional(),
  days: z.number().int().min(1).max(90).optional(),
});

export const holidaySchema = z.object({
  day: z.iso.date('วันที่ต้องอยู่ในรูปแบบ YYYY-MM-DD'),
  name: text(200, 'ชื่อวันหยุด'),
});

/** `{field, message}` of every issue, for JSON answers that name the field. */
export function issuesOf(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
}
