import type { Tx } from '../../db/types';
import type { Message } from '../../shared/line/messages';
import type { WebhookEvent } from '../../shared/line/webhook';
import type { Logger } from '../logger';
import type { OrgRow } from '../orgs';

export interface HandlerContext {
  /** The open transaction: everything a handler writes commits with the inbox row's "processed". */
  tx: Tx;
  org: OrgRow;
  now: Date;
  logger: Logger;
}

/** What a handler wants sent back. Replies use the event's reply token, or fall back to a push. */
export interface HandlerResult {
  reply?: Message[];
}

export type EventHandler = (
  event: WebhookEvent,
  ctx: HandlerContext,
) => Promise<HandlerResult | void>;
