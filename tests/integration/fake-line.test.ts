import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLinePlatform } from '../fakes/line-platform';

/** The fake refuses what LINE refuses, so a bad message fails in our tests, not in production. */
describe('fake LINE Platform: message checks', () => {
  let line: Awaited<ReturnType<typeof startFakeLinePlatform>>;
  beforeAll(async () => {
    line = await startFakeLinePlatform();
  });
  afterAll(() => line.close());

  const push = (messages: unknown) =>
    fetch(`${line.url}/v2/bot/message/push`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      body: JSON.stringify({ to: 'U1', messages }),
    });

  it('accepts a valid message', async () => {
    expect((await push([{ type: 'text', text: 'สวัสดี' }])).status).toBe(200);
  });

  it('refuses empty Flex text, long quick-reply labels, empty and too many messages', async () => {
    const flex = {
      type: 'flex',
      altText: 'x',
      contents: {
        type: 'bubble',
        body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: '' }] },
      },
    };
    const bad = await push([flex]);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { details: { property: string }[] }).details[0]!.property).toBe(
      'messages[0].contents.body.contents[0]',
    );
    const label = {
      type: 'text',
      text: 'x',
      quickReply: {
        items: [{ type: 'action', action: { type: 'message', label: 'ก'.repeat(21), text: 'x' } }],
      },
    };
    expect((await push([label])).status).toBe(400);
    expect((await push([{ type: 'text', text: '' }])).status).toBe(400);
    expect((await push(Array(6).fill({ type: 'text', text: 'x' }))).status).toBe(400);
  });
});
