import { z } from 'zod';

/**
 * What onboarding a new organisation needs (CLI `org create` and the operator page).
 * Field names are the ones the CLI flags and the form use, so errors name them.
 */
export const SLUG_RE = /^[a-z0-9][a-z0-9-]{1,62}$/;

export const orgCreateSchema = z.object({
  name: z.string().trim().min(1, 'ต้องระบุชื่อองค์กร').max(200, 'ชื่อยาวเกิน 200 ตัวอักษร'),
  slug: z.string().trim().regex(SLUG_RE, 'ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข และ - (2–63 ตัว)'),
  channelSecret: z
    .string()
    .trim()
    .regex(
      /^[0-9a-f]{32}$/i,
      'Channel secret ต้องเป็นเลขฐานสิบหก 32 ตัว (จาก LINE Developers, แท็บ Basic settings)',
    ),
  accessToken: z
    .string()
    .trim()
    .min(20, 'Channel access token สั้นเกินไป (จาก LINE Developers, แท็บ Messaging API)')
    .max(1000),
  liffId: z
    .string()
    .trim()
    .regex(/^\d{6,}-[A-Za-z0-9]{4,}$/, 'LIFF ID มีรูปแบบเช่น 1234567890-AbCdEfGh')
    .optional(),
});
export type OrgCreateInput = z.infer<typeof orgCreateSchema>;

/** The first failing field and its Thai message: `{field, message}`. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0]!;
  return { field: issue.path.join('.') || 'input', message: issue.message };
}
