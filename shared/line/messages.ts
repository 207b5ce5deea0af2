import type { messagingApi } from '@line/bot-sdk';

export type Message = messagingApi.Message;

export function text(text: string): Message {
  return { type: 'text', text };
}
