import fc from 'fast-check';
import { FUZZ_SEED } from './seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineEvents, webhookBody } from '../../bot/dev/events';
import type { Logger } from '../../bot/logger';
import { createHarness, type Harness } from '../helpers/harness';

/**
 * Issue 17: signed random and mutated LINE payloads through the real webhook. Never a
 * 500, never an unhandled rejection, and no stored event whose handling throws. Bounded
 * runs for CI (FUZZ_RUNS raises them); a failure prints its seed: add it to REGRESSIONS.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const REGRESSIONS: { seed: number; path?: string }[] = [];

const PATHS = [
  'type',
  'mode',
  'timestamp',
  'source',
  'source.type',
  'source.userId',
  'webhookEventId',
  'deliveryContext',
  'deliveryContext.isRedelivery',
  'replyToken',
  'message',
  'message.type',
  'message.text',
  'message.id',
  'message.latitude',
  'postback',
  'postback.data',
  'follow',
];

function mutate(event: Record<string, unknown>, path: string, value: unknown, remove: boolean) {
  const copy = structuredClone(event);
  const keys = path.split('.');
  let o: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  const last = keys.at(-1)!;
  if (remove) delete o[last];
  else o[last] = value;
  return copy;
}

describe('fuzz: the LINE webhook', () => {
  let h: Harness;
  const errors: string[] = [];
  const rejections: unknown[] = [];
  const onRejection = (e: unknown) => rejections.push(e);
  beforeAll(async () => {
    h = await createHarness();
    const logger: Logger = {
      debug() {},
      info() {},
      warn() {},
      error: (msg, fields) => errors.push(`${msg} ${JSON.stringify(fields)}`),
    };
    h.deps.logger = logger;
    process.on('unhandledRejection', onRejection);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await h.close();
  });

  const validEvent = fc
    .constantFrom('text', 'postback', 'follow', 'unfollow', 'location', 'image', 'sticker')
    .map((kind) => {
      const userId = `U${crypto.randomUUID().replace(/-/g, '')}`;
      const o = { userId, replyToken: h.fake.issueReplyToken(userId) };
      switch (kind) {
        case 'text':
          return lineEvents.text({ ...o, text: 'ร้องเรียน' });
        case 'postback':
          return lineEvents.postback({ ...o, data: 'menu:report' });
        case 'follow':
          return lineEvents.follow(o);
        case 'unfollow':
          return lineEvents.unfollow(o);
        case 'location':
          return lineEvents.location({ ...o, latitude: 16.4, longitude: 102.8 });
        case 'image':
          return lineEvents.image(o);
        default:
          return {
            ...lineEvents.text({ ...o, text: 'x' }),
            message: { type: 'sticker', id: '1', packageId: '1', stickerId: '1' },
          };
      }
    }) as fc.Arbitrary<Record<string, unknown>>;

  const mutated = fc
    .tuple(
      validEvent,
      fc.array(fc.tuple(fc.constantFrom(...PATHS), fc.jsonValue({ maxDepth: 2 }), fc.boolean()), {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([event, changes]) =>
      webhookBody([changes.reduce((e, [p, v, rm]) => mutate(e, p, v, rm), event)]),
    );
  const randomJson = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v));
  const randomEvents = fc
    .array(
      fc.dictionary(
        fc.constantFrom(...PATHS.filter((p) => !p.includes('.'))),
        fc.jsonValue({ maxDepth: 2 }),
      ),
      {
        maxLength: 3,
      },
    )
    .map((events) => JSON.stringify({ destination: 'U0', events }));
  const bytes = fc.string({ maxLength: 500 });

  const property = fc.asyncProperty(
    fc.oneof(mutated, mutated, randomJson, randomEvents, bytes),
    async (body) => {
      const res = await h.post(body);
      await h.queue.drain();
      expect([200, 400]).toContain(res.status);
      if (res.status !== 200) {
        const json = (await res.json()) as { error?: { message?: string } };
        expect(typeof json.error?.message).toBe('string');
      }
    },
  );

  it(`signed random and mutated payloads (${RUNS} runs): never 500, nothing unhandled, no handler throws`, async () => {
    await fc.assert(property, { numRuns: RUNS, seed: FUZZ_SEED });
    expect(errors).toEqual([]);
    expect(rejections).toEqual([]);
  });
  for (const r of REGRESSIONS) {
    it(`regression seed ${r.seed}`, async () => {
      await fc.assert(property, { seed: r.seed, path: r.path, endOnFailure: true });
    });
  }
});
