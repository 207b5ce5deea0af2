import { z } from 'zod';

/**
 * An organisation's settings (orgs.settings), with their defaults in one place. A stored
 * value that does not fit falls back to its default instead of failing the request; keys
 * this schema does not know are kept (newer code may have written them).
 */
/** Longest logo kept in settings (a data URL of about 150 KB of image). */
export const LOGO_MAX_DATA_URL = 200_000;
const signatory = z
  .object({ name: z.string().max(200), position: z.string().max(200) })
  .optional()
  .catch(undefined);
const positiveDays = (fallback: number) => z.number().int().min(1).max(365).catch(fallback);

export const orgSettingsSchema = z.looseObject({
  /** The organisation's own names for the case states (else the catalogue's). */
  stateLabels: z.record(z.string(), z.string()).catch({}).default({}),
  /** Shown to residents (LINE menu, public page). */
  contact: z
    .object({
      phone: z.string().optional().catch(undefined),
      address: z.string().optional().catch(undefined),
      officeHours: z.string().optional().catch(undefined),
    })
    .catch({})
    .default({}),
  /** The LINE Official Account's basic id (@xxxx), for the public page's add-friend link. */
  lineBasicId: z.string().optional().catch(undefined),
  /** Minutes of silence after which a half-finished report is dropped. */
  flowTimeoutMinutes: z.number().int().min(1).max(1440).catch(30).default(30),
  /** Working days to finish a case whose category sets none. */
  defaultFinishDays: positiveDays(15).default(15),
  /** Working days to accept a case whose category sets none. */
  defaultAcceptDays: positiveDays(1).default(1),
  /** Working days after which an unfinished case needs an explanation to the resident. */
  explanationDays: positiveDays(15).default(15),
  /** Days after finishing in which a resident may reopen (shared/staff/transitions.ts). */
  reopenWindowDays: positiveDays(30).optional(),
  /**
   * The organisation's profile, edited on the admin console's profile screen (issue 14) and
   * printed on the half-year report and public pages (issue 15). The logo is a small image kept
   * inline as a data URL (image/png, image/jpeg or image/svg+xml, at most LOGO_MAX_DATA_URL
   * characters), so the report, the export and Workers need no file store for it.
   */
  profile: z
    .object({
      website: z.string().optional().catch(undefined),
      logoDataUrl: z
        .string()
        .max(LOGO_MAX_DATA_URL)
        .regex(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/)
        .optional()
        .catch(undefined),
    })
    .catch({})
    .default({}),
  /**
   * The report's signature block: who prepared it, the ปลัด and the นายก (or นายก อบต.).
   * Each is a name and a position as they are to be printed; a missing one prints a blank line.
   */
  signatories: z
    .object({
      preparer: signatory,
      permanentSecretary: signatory,
      executive: signatory,
    })
    .partial()
    .catch({})
    .default({}),
  /**
   * Corruption alerts to the integrity officers sent one by one in any hour; cases beyond it
   * wait for one digest push (bot/staff/corruption-digest.ts), so a flood cannot fill the
   * officers' chat or drain the push quota, and no case is left out.
   */
  corruptionAlertsPerHour: z.number().int().min(1).max(1000).catch(5).default(5),
  /** Paper survey forms one staff member may type in per Bangkok day (bot/survey/paper.ts). */
  paperDailyCap: z.number().int().min(1).max(10_000).catch(50).default(50),
  /**
   * The organisation's own wording of the messages in shared/messages/templates.ts, by key.
   * Read fresh where a message is made (db/message-templates.ts); an invalid one falls back
   * to the catalogue's default there.
   */
  messageTemplates: z.record(z.string(), z.string()).catch({}).default({}),
  /** Share of the month's push quota after which staff alerts become a digest. */
  alertQuotaThreshold: z.number().min(0).max(1).catch(0.9).default(0.9),
});

/** Settings as read, every default filled in. */
export type OrgSettings = z.output<typeof orgSettingsSchema>;
/** Settings as stored: every key optional. */
export type StoredOrgSettings = z.input<typeof orgSettingsSchema>;

/** Each stored settings object is parsed once: organisation rows are cached (bot/orgs.ts). */
const parsed = new WeakMap<object, OrgSettings>();

/**
 * Parses stored settings (anything, even null) into complete settings; never throws. The
 * result is shared by every caller with the same stored object: read it, never change it.
 */
export function orgSettings(stored: unknown): OrgSettings {
  const isObject = !!stored && typeof stored === 'object' && !Array.isArray(stored);
  const hit = isObject ? parsed.get(stored) : undefined;
  if (hit) return hit;
  const r = orgSettingsSchema.safeParse(isObject ? stored : {});
  const settings = r.success ? r.data : orgSettingsSchema.parse({});
  if (isObject) parsed.set(stored, settings);
  return settings;
}
