/**
 * Builders of LINE webhook events and bodies, shaped as the LINE Platform sends them.
 * The simulator and the tests both use these, so both exercise the real webhook.
 */
let counter = 0;

/** A webhookEventId in LINE's style (a ULID-like 26-character id). */
export function newWebhookEventId(): string {
  const hex = crypto.randomUUID().replace(/-/g, '').toUpperCase();
  return `01${hex.slice(0, 22)}${(counter++ % 100).toString().padStart(2, '0')}`;
}

export interface EventOptions {
  userId: string;
  replyToken?: string;
  webhookEventId?: string;
  isRedelivery?: boolean;
  timestamp?: number;
}

function base(type: string, o: EventOptions) {
  return {
    type,
    mode: 'active',
    timestamp: o.timestamp ?? Date.now(),
    source: { type: 'user', userId: o.userId },
    webhookEventId: o.webhookEventId ?? newWebhookEventId(),
    deliveryContext: { isRedelivery: o.isRedelivery ?? false },
    ...(o.replyToken ? { replyToken: o.replyToken } : {}),
  };
}

const messageId = () => String(Math.floor(Math.random() * 1e17)).padStart(17, '1');

export const lineEvents = {
  follow: (o: EventOptions) => ({ ...base('follow', o), follow: { isUnblocked: false } }),
  unfollow: (o: EventOptions) => base('unfollow', { ...o, replyToken: undefined }),
  text: (o: EventOptions & { text: string }) => ({
    ...base('message', o),
    message: { type: 'text', id: messageId(), quoteToken: 'q', text: o.text },
  }),
  image: (o: EventOptions & { messageId?: string }) => ({
    ...base('message', o),
    message: {
      type: 'image',
      id: o.messageId ?? messageId(),
      quoteToken: 'q',
      contentProvider: { type: 'line' },
    },
  }),
  location: (
    o: EventOptions & { latitude: number; longitude: number; address?: string; title?: string },
  ) => ({
    ...base('message', o),
    message: {
      type: 'location',
      id: messageId(),
      latitude: o.latitude,
      longitude: o.longitude,
      ...(o.address ? { address: o.address } : {}),
      ...(o.title ? { title: o.title } : {}),
    },
  }),
  postback: (o: EventOptions & { data: string }) => ({
    ...base('postback', o),
    postback: { data: o.data },
  }),
};

/** A webhook body as LINE posts it. `destination` is the bot's user id. */
export function webhookBody(
  events: unknown[],
  destination = 'Ufangsiangbot0000000000000000000',
): string {
  return JSON.stringify({ destination, events });
}

export { messageId as newMessageId };
