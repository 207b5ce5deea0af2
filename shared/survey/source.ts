/**
 * How a survey answer was collected: the link (or form) it came through, as opposed to the
 * respondent's own answer about how they contacted the office (question p3). Pure.
 *
 * - `chat_menu`: the link the bot sends from the chat menu (`src=menu`);
 * - `counter_qr`: a counter's QR code (`point=<code>`, `src=qr`);
 * - `case_invitation`: the invitation after a finished case (`inv=<id>`, `src=invite`);
 * - `paper`: a paper form typed in by staff;
 * - `unknown`: a link with none of these (answers stored before the source was recorded).
 */
export const SURVEY_SOURCES = [
  'chat_menu',
  'counter_qr',
  'case_invitation',
  'paper',
  'unknown',
] as const;
export type SurveySource = (typeof SURVEY_SOURCES)[number];

/** The `src` link parameter each kind of link carries. */
export const LINK_SOURCES = {
  menu: 'chat_menu',
  qr: 'counter_qr',
  invite: 'case_invitation',
} as const;
export type LinkSource = keyof typeof LINK_SOURCES;

/**
 * Decides the source of one submission. What the server has verified wins over the link's
 * `src`: a paper form, an invitation that matched its resident, a known service point. The
 * `src` parameter alone only tells the chat menu's link apart from an unmarked one.
 */
export function collectionSource(s: {
  paper: boolean;
  invitation: boolean;
  point: boolean;
  src?: string | null;
}): SurveySource {
  if (s.paper) return 'paper';
  if (s.invitation) return 'case_invitation';
  if (s.point) return 'counter_qr';
  if (s.src === 'menu') return 'chat_menu';
  return 'unknown';
}
