import type { messagingApi } from '@line/bot-sdk';
import { th } from '../text/th';

export type Message = messagingApi.Message;

/** A text message with the main menu as quick replies, so the resident always has a way on. */
export function textWithMenu(text: string): Message {
  const items = Object.values(th.menu).map((label) => ({
    type: 'action' as const,
    action: { type: 'message' as const, label, text: label },
  }));
  return { type: 'text', text, quickReply: { items } };
}

export function text(text: string): Message {
  return { type: 'text', text };
}
