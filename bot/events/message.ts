import { textWithMenu } from '../../shared/line/messages';
import { th } from '../../shared/text/th';
import { upsertResident } from './residents';
import type { EventHandler } from './types';

/**
 * A message from a resident. For now a placeholder answer with the menu, sent through
 * the real reply path; the conversation engine replaces it (issue: resident conversation).
 */
export const message: EventHandler = async (event, ctx) => {
  const userId = event.source?.userId;
  if (userId) await upsertResident(ctx, userId);
  const msg = event.message as { type?: string; text?: string } | undefined;
  const answer =
    msg?.type === 'text' && msg.text ? th.received(msg.text.slice(0, 200)) : th.receivedNonText;
  return { reply: [textWithMenu(answer)] };
};
