import { z } from 'zod';
import { LOGO_MAX_DATA_URL } from '../org-settings';
import { CASE_KINDS } from '../cases';
import { STAFF_ROLES } from '../roles';
import { thAdmin } from '../text/th-admin';
import { templateProblem, type TemplateKey } from '../messages/templates';
import { checkSurveyJson } from './survey-definition';

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

/** An optional text; an empty one clears the stored value. */
const optional = (max: number, what: string) =>
  z.string().trim().max(max, `${what}ยาวเกิน ${max} ตัวอักษร`).optional();
const signatoryInput = (what: string) =>
  z
    .object({ name: optional(200, `ชื่อ${what}`), position: optional(200, `ตำแหน่ง${what}`) })
    .optional();

export const LOGO_TOO_BIG = thAdmin.api.logoTooBig(Math.floor((LOGO_MAX_DATA_URL * 3) / 4 / 1024));

/** The profile screen: names, contact channels, website, logo, the report's signature block. */
export const orgProfileSchema = z.object({
  name: text(200, 'ชื่อองค์กร'),
  orgType: optional(100, 'ประเภทองค์กร'),
  province: optional(100, 'จังหวัด'),
  contact: z
    .object({
      phone: optional(100, 'เบอร์โทรศัพท์'),
      address: optional(500, 'ที่อยู่'),
      officeHours: optional(200, 'เวลาทำการ'),
    })
    .default({}),
  lineBasicId: z
    .string()
    .trim()
    .regex(/^(@[A-Za-z0-9._-]{1,30})?$/, 'LINE ID ต้องขึ้นต้นด้วย @ เช่น @abc1234')
    .optional(),
  website: z
    .string()
    .trim()
    .max(300, 'เว็บไซต์ยาวเกิน 300 ตัวอักษร')
    .regex(/^(https?:\/\/[^\s<>"]+)?$/, 'เว็บไซต์ต้องขึ้นต้นด้วย https://')
    .optional(),
  /** A data URL sets the logo, null removes it, absent keeps it. */
  logoDataUrl: z
    .string()
    .max(LOGO_MAX_DATA_URL, LOGO_TOO_BIG)
    .regex(
      /^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/,
      'โลโก้ต้องเป็นรูปแบบ PNG, JPEG หรือ SVG',
    )
    .nullable()
    .optional(),
  signatories: z
    .object({
      preparer: signatoryInput('ผู้จัดทำรายงาน'),
      permanentSecretary: signatoryInput('ปลัด'),
      executive: signatoryInput('ผู้บริหาร'),
    })
    .default({}),
});
export type OrgProfileInput = z.infer<typeof orgProfileSchema>;

const divisionCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9_-]{1,32}$/, 'รหัสกองใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข _ - (ไม่เกิน 32 ตัว)');
export const divisionCreateSchema = z.object({ code: divisionCode, name: text(200, 'ชื่อกอง') });
export const divisionRenameSchema = z.object({ name: text(200, 'ชื่อกอง') });

/** A staff member's division, position and roles (replaced as a whole). */
export const staffUpdateSchema = z.object({
  divisionCode: z.string().trim().min(1).max(64).nullable(),
  position: optional(200, 'ตำแหน่ง'),
  roles: z
    .array(z.enum(STAFF_ROLES, { error: 'บทบาทไม่ถูกต้อง' }))
    .min(1, 'ต้องมีอย่างน้อยหนึ่งบทบาท')
    .max(STAFF_ROLES.length),
});
export type StaffUpdate = z.infer<typeof staffUpdateSchema>;

/** How a service can be used, as the public service manual names them (th-metrics channels). */
export const SERVICE_CHANNELS = ['counter', 'online', 'line'] as const;
const lines = (max: number, what: string) =>
  z
    .array(z.string().trim().min(1).max(500, `${what}ยาวเกิน 500 ตัวอักษร`))
    .max(max, `${what}ไม่เกิน ${max} ข้อ`);

/** A service with its standard (คู่มือสำหรับประชาชน): steps, time frame, documents, fees, channels. */
export const serviceSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{1,48}$/, 'รหัสงานบริการใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข _ - (ไม่เกิน 48 ตัว)'),
  name: text(300, 'ชื่องานบริการ'),
  divisionCode: z.string().trim().min(1).max(64).nullable(),
  steps: lines(30, 'ขั้นตอน').min(1, 'ต้องมีอย่างน้อยหนึ่งขั้นตอน'),
  timeFrame: text(200, 'ระยะเวลาให้บริการ'),
  documents: lines(30, 'เอกสาร').default([]),
  fees: optional(200, 'ค่าธรรมเนียม').default(''),
  channels: z
    .array(z.enum(SERVICE_CHANNELS, { error: 'ช่องทางไม่ถูกต้อง' }))
    .min(1, 'ต้องเลือกอย่างน้อยหนึ่งช่องทาง'),
  sort: z.number().int().min(0).max(10000).optional(),
});
export type ServiceInput = z.infer<typeof serviceSchema>;

/** The whole organisation in one JSON file (a move or a backup): never secrets, no cases. */
export const ORG_EXPORT_FORMAT = 'fangsiang.org/1';
export const orgExportSchema = z.object({
  format: z.literal(ORG_EXPORT_FORMAT, { error: `ไฟล์ต้องเป็นแบบ ${ORG_EXPORT_FORMAT}` }),
  org: z.object({
    name: text(200, 'ชื่อองค์กร'),
    orgType: z.string().max(100).default(''),
    province: z.string().max(100).default(''),
    settings: z.record(z.string(), z.unknown()).default({}),
  }),
  divisions: z.array(divisionCreateSchema).max(200).default([]),
  categories: z
    .array(
      z.object({
        code: z
          .string()
          .trim()
          .regex(/^[a-z0-9_-]{1,64}$/, 'รหัสประเภทไม่ถูกต้อง'),
        name: text(200, 'ชื่อประเภท'),
        kind: z.enum(CASE_KINDS, { error: 'ชนิดเรื่องไม่ถูกต้อง' }),
        divisionCode: z.string().nullable(),
        acceptDays: z.number().int().min(1).max(365).nullable(),
        finishDays: z
          .number()
          .int()
          .min(1, 'กำหนดเวลาต้องอยู่ระหว่าง 1–365 วันทำการ')
          .max(365, 'กำหนดเวลาต้องอยู่ระหว่าง 1–365 วันทำการ')
          .nullable(),
        sort: z.number().int(),
        active: z.boolean(),
        keywords: z.array(z.string()).max(100),
        duplicateRadiusM: z.number().int().min(0).max(5000).nullable(),
        intake: z.record(z.string(), z.unknown()),
      }),
    )
    .max(500)
    .default([]),
  services: z
    .array(serviceSchema.extend({ sort: z.number().int() }))
    .max(500)
    .default([]),
  faq: z.array(faqEntrySchema).max(2000).default([]),
  holidays: z.array(holidaySchema).max(1000).default([]),
  /**
   * Every survey version: its definition (code, version, title and year are in it) and when it
   * was published (null: a draft). Checked as the console checks one, in Thai by path.
   */
  surveys: z
    .array(
      z.object({
        definition: z.unknown().transform((v, ctx) => {
          const r = checkSurveyJson(v);
          if (r.ok) return r.definition;
          for (const i of r.issues)
            ctx.addIssue({ code: 'custom', path: i.path.split('.'), message: i.message });
          return z.NEVER;
        }),
        publishedAt: z.iso.datetime({ offset: true }).nullable(),
      }),
    )
    .max(200)
    .default([]),
  /** The survey rounds (half years), with their target sample and when they were opened and closed. */
  rounds: z
    .array(
      z.object({
        label: z.string().regex(/^\d{4}-[12]$/, 'รอบต้องมีรูปแบบ ปปปป-1 หรือ ปปปป-2 เช่น 2569-1'),
        startsOn: z.iso.date('วันที่ต้องอยู่ในรูปแบบ YYYY-MM-DD'),
        endsOn: z.iso.date('วันที่ต้องอยู่ในรูปแบบ YYYY-MM-DD'),
        targetSample: z.number().int().min(1).max(1_000_000).nullable(),
        openedAt: z.iso.datetime({ offset: true }).nullable(),
        closedAt: z.iso.datetime({ offset: true }).nullable(),
      }),
    )
    .max(200)
    .default([]),
});
export type OrgExport = z.infer<typeof orgExportSchema>;

/**
 * A message template's new text (PUT /api/admin/:org/templates/:key): not empty, at most
 * TEMPLATE_MAX_CHARS, only the key's placeholders and all it requires; refusals name the message.
 */
export const messageTemplateSchema = (key: TemplateKey) =>
  z.object({
    text: z
      .string({ error: `${thAdmin.templates.labels[key]}: ${thAdmin.templates.empty}` })
      .superRefine((t, ctx) => {
        const problem = templateProblem(key, t);
        if (problem)
          ctx.addIssue({ code: 'custom', message: `${thAdmin.templates.labels[key]}: ${problem}` });
      })
      .transform((t) => t.trim()),
  });

/** `{field, message}` of every issue, for JSON answers that name the field. */
export function issuesOf(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
}
