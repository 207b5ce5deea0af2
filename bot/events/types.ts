import type { ResidentState } from '../../db/conversations';
import type { Tx } from '../../db/types';
import type { OrgConfig } from '../../shared/conversation/types';
import type { Message } from '../../shared/line/messages';
import type { WebhookEvent } from '../../shared/line/webhook';
import type { LineClient } from '../line/client';
import type { Logger } from '../logger';
import type { OrgRow, SecretBox } from '../orgs';
import type { Services } from '../services';
import type { PhotoStore } from '../storage/photos';

export interface HandlerContext {
  /** The open transaction: everything a handler writes commits with the inbox row's "processed". */
  tx: Tx;
  org: OrgRow;
  now: Date;
  logger: Logger;
  /** The organisation's LINE client (content downloads, loading animation); null without a token. */
  line: LineClient | null;
  photos: PhotoStore;
  secrets: SecretBox;
  random: () => number;
  /** The organisation's FAQ, ready to match (built once, cached between events). */
  faq: OrgConfig['faq'];
  /** The organisation's survey page, for the menu's ประเมินความพึงพอใจ (bot/survey/invite.ts). */
  surveyUrl?: string | null;
  /** The LIFF report form (bot/report-form/url.ts), offered when a resident asks for a form. */
  reportFormUrl?: string | null;
  /** What lives as long as the process or isolate (bot/services.ts). */
  services: Services;
  /**
   * The resident behind the event's LINE user with their saved state, read by the statement
   * that locked the event (db/inbox.ts); null when that user has never written (the
   * conversation makes the resident), undefined when not read.
   */
  residentState?: ResidentState | null;
}

/** What a handler wants sent back. Replies use the event's reply token, or fall back to a push. */
export interface HandlerResult {
  reply?: Message[];
}

export type EventHandler = (
  event: WebhookEvent,
  ctx: HandlerContext,
) => Promise<HandlerResult | void>;
