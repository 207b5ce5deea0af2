import { describe, expect, it } from 'vitest';
import { describeZodError, sourceIdOf, webhookBodySchema } from './webhook';

const event = {
  type: 'message',
  mode: 'active',
  timestamp: 1_700_000_000_000,
  source: { type: 'user', userId: 'U1' },
  webhookEventId: '01HXYZ',
  deliveryContext: { isRedelivery: false },
  message: { type: 'text', id: '1', text: 'hi' },
};

describe('webhookBodySchema', () => {
  it('accepts a LINE body and keeps fields it does not know', () => {
    const parsed = webhookBodySchema.parse({ destination: 'Ub', events: [event] });
    expect(parsed.events[0]).toMatchObject({ message: { text: 'hi' } });
    expect(sourceIdOf(parsed.events[0]!)).toBe('U1');
  });

  it('says what is wrong', () => {
    const r = webhookBodySchema.safeParse({
      destination: 'Ub',
      events: [{ ...event, webhookEventId: undefined }],
    });
    expect(r.success).toBe(false);
    expect(describeZodError(r.error!)).toMatch(/^events\.0\.webhookEventId: /);
    const r2 = webhookBodySchema.safeParse([]);
    expect(describeZodError(r2.error!)).toMatch(/^\(body\): /);
  });
});
