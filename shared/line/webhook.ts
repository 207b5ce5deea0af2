import { z } from 'zod';

/**
 * The shape a LINE webhook body must have before anything is stored. Only what the
 * pipeline relies on is checked; the rest of each event is kept raw for its handler.
 */
const source = z.looseObject({
  type: z.enum(['user', 'group', 'room']),
  userId: z.string().optional(),
  groupId: z.string().optional(),
  roomId: z.string().optional(),
});

export const webhookEventSchema = z.looseObject({
  type: z.string().min(1),
  timestamp: z.number().int().nonnegative(),
  webhookEventId: z.string().min(1).max(64),
  mode: z.enum(['active', 'standby']).optional(),
  deliveryContext: z.object({ isRedelivery: z.boolean() }),
  source: source.optional(),
  replyToken: z.string().optional(),
});

export const webhookBodySchema = z.object({
  destination: z.string().min(1),
  events: z.array(webhookEventSchema).max(1000),
});

export type WebhookEvent = z.infer<typeof webhookEventSchema>;
export type WebhookBody = z.infer<typeof webhookBodySchema>;

/** The id events are ordered by: the user, group or room the event came from. */
export function sourceIdOf(event: WebhookEvent): string | null {
  const s = event.source;
  return s?.userId ?? s?.groupId ?? s?.roomId ?? null;
}

/** One line per problem, e.g. "events.0.webhookEventId: expected string". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
}
