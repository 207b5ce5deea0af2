/**
 * The messages an organisation may reword (issue 14): a fixed set of keys, each with the
 * placeholders it may use and those it must keep. The Thai defaults stay in the text catalogue:
 * each is the catalogue's own wording with the placeholders written in
 * (docs/decisions/048-message-templates.md). Pure: callers pass the stored overrides in.
 */
import { th } from '../text/th';
import { thAdmin } from '../text/th-admin';
import { survey } from '../text/th-survey';
import { fillTemplate, placeholdersIn } from './fill';

export { residentNotice } from './fill';

export const TEMPLATE_KEYS = [
  'greeting',
  'privacyNotice',
  'caseReceipt',
  'stateChanged',
  'reply',
  'explanation',
  'forwarded',
  'surveyInvite',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];
export type Placeholder = keyof typeof thAdmin.templates.placeholders;

/** Longest text a clerk may save (LINE allows 5,000; the staff note is added to it). */
export const TEMPLATE_MAX_CHARS = 1000;
/** A buttons template's text: at most 160 characters (LINE Messaging API). */
export const SURVEY_INVITE_MAX_CHARS = 160;

type Spec = {
  placeholders: readonly Placeholder[];
  required: readonly Placeholder[];
  /** A tighter limit than TEMPLATE_MAX_CHARS where LINE has one. */
  maxChars?: number;
};
const R = th.staff.resident;

export const TEMPLATE_SPECS: Record<TemplateKey, Spec & { default: string }> = {
  greeting: { placeholders: ['org'], required: [], default: th.greeting('{org}') },
  privacyNotice: { placeholders: ['org'], required: [], default: th.privacyNotice },
  caseReceipt: {
    placeholders: ['org', 'code', 'category', 'days'],
    required: [],
    default: th.conv.receipt.track,
  },
  stateChanged: {
    placeholders: ['code', 'state', 'note'],
    required: ['note'],
    default: R.stateChanged('{code}', '{state}', '{note}'),
  },
  reply: {
    placeholders: ['code', 'note'],
    required: ['note'],
    default: R.reply('{code}', '{note}'),
  },
  explanation: {
    placeholders: ['code', 'note'],
    required: ['note'],
    default: R.explanation('{code}', '{note}'),
  },
  forwarded: {
    placeholders: ['code', 'division', 'note'],
    required: ['note'],
    default: R.forwarded('{code}', '{division}', '{note}'),
  },
  /** The text of the survey invitation's button card (LINE allows 160 characters there). */
  surveyInvite: {
    placeholders: ['code'],
    required: [],
    maxChars: SURVEY_INVITE_MAX_CHARS,
    default: survey.invitation('{code}'),
  },
};

/** The longest text a message may have: LINE's own limit for it, else TEMPLATE_MAX_CHARS. */
export const maxCharsOf = (key: TemplateKey) => TEMPLATE_SPECS[key].maxChars ?? TEMPLATE_MAX_CHARS;

export const isTemplateKey = (k: string): k is TemplateKey =>
  (TEMPLATE_KEYS as readonly string[]).includes(k);

/** What is wrong with a text for a key, in Thai, or null when it may be saved. */
export function templateProblem(key: TemplateKey, text: string): string | null {
  const T = thAdmin.templates;
  const spec = TEMPLATE_SPECS[key];
  if (!text.trim()) return T.empty;
  if ([...text].length > maxCharsOf(key)) return T.tooLong(maxCharsOf(key));
  const used = placeholdersIn(text);
  const unknown = used.find((p) => !(spec.placeholders as readonly string[]).includes(p));
  if (unknown) return T.unknown(unknown, spec.placeholders.map((p) => `{${p}}`).join(' '));
  const missing = spec.required.find((p) => !used.includes(p));
  if (missing) return T.missing(missing);
  return null;
}

/** Every key's text: the organisation's own where it has a valid one, else the default. */
export type MessageTexts = Record<TemplateKey, string>;

export function messageTexts(overrides: Partial<Record<string, unknown>> = {}): MessageTexts {
  return Object.fromEntries(
    TEMPLATE_KEYS.map((k) => {
      const own = overrides[k];
      const ok = typeof own === 'string' && templateProblem(k, own) === null;
      return [k, ok ? own.trim() : TEMPLATE_SPECS[k].default];
    }),
  ) as MessageTexts;
}

/** The defaults, for callers that have no organisation (tests, the simulator's fallbacks). */
export const DEFAULT_TEXTS: MessageTexts = messageTexts();

/** A key's text with its values filled in. */
export function render(
  texts: MessageTexts,
  key: TemplateKey,
  values: Partial<Record<Placeholder, string | number>>,
): string {
  return fillTemplate(texts[key], values);
}

/** The preview's values: the samples, with the organisation's own name. */
export const sampleValues = (orgName: string): Record<Placeholder, string> => ({
  ...thAdmin.templates.samples,
  org: orgName,
});

/** The receipt's last line (shared/conversation/render.ts `receipt`), filled in for one case. */
export const receiptNote = (
  texts: MessageTexts,
  r: { orgName: string; trackingCode: string; categoryName: string; finishDays: number },
): string =>
  render(texts, 'caseReceipt', {
    org: r.orgName,
    code: r.trackingCode,
    category: r.categoryName,
    days: r.finishDays,
  });
