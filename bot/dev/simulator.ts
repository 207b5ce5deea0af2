import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { activeStaff } from '../../db/staff';
import type { Db } from '../../db/types';
import { fromBase64, signBody } from '../../shared/crypto';
import { buildRichMenu } from '../../shared/line/richmenu';
import type { Env } from '../env';
import type { OrgDirectory } from '../orgs';
import { reportFormUrl } from '../report-form/url';
import { lineEvents, newMessageId, webhookBody } from './events';
import type { FakeLinePlatform } from './fake-line-platform';
import { SIMULATED_RESIDENTS } from './people';
import { renderSimulatorPage } from './simulator-page';
import { SimulatorTranscript } from './transcript';
import { cspNonce } from '../http/security-headers';

const eventRequest = z.object({
  userId: z.string().regex(/^U[0-9a-f]{32}$/, 'userId must look like a LINE user id'),
  displayName: z.string().max(60).optional(),
  kind: z.enum(['text', 'location', 'image', 'follow', 'unfollow', 'postback']),
  text: z.string().max(5000).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  address: z.string().max(200).optional(),
  title: z.string().max(100).optional(),
  imageBase64: z.string().max(14_000_000).optional(),
  contentType: z.string().max(100).optional(),
  data: z.string().max(300).optional(),
  displayText: z.string().max(300).optional(),
});

/**
 * The LINE simulator at /dev/line (docs/decisions/005-simulator-mode.md): a chat page,
 * an API that turns what a person does into signed webhook events posted over HTTP to
 * the real /webhook, and the in-process fake LINE Platform that records the bot's answers.
 */
export function simulatorRoutes(opts: {
  fake: FakeLinePlatform;
  orgs: OrgDirectory;
  defaultSlug: string;
  /** Where this server listens, e.g. http://127.0.0.1:8787 (read when a request arrives). */
  selfUrl: () => string;
  /** For the people switcher (staff bound to simulated LINE users) and the rich menu's links. */
  db?: Db;
  env?: Env;
  /** The chats, kept across restarts (DATA_DIR/simulator/chats.jsonl); none: in memory. */
  transcript?: SimulatorTranscript;
}): Hono {
  const { fake } = opts;
  const transcript = opts.transcript ?? new SimulatorTranscript(null);
  const app = new Hono();

  app.route('/platform', fake.app);

  app.get('/', async (c) => {
    const channel = await opts.orgs.bySlug(opts.defaultSlug);
    // The organisation's rich menu as LINE would show it (the same data `npm run line:richmenu`
    // uploads), with the report form's link as in production with a LIFF app.
    const menu = buildRichMenu(
      opts.env ? { reportFormUrl: reportFormUrl(opts.env, opts.defaultSlug) } : {},
    );
    return c.html(
      renderSimulatorPage({
        orgName: channel?.org.name ?? opts.defaultSlug,
        orgSlug: opts.defaultSlug,
        basePath: '/dev/line',
        nonce: cspNonce(c),
        richMenu: {
          chatBarText: menu.chatBarText ?? '',
          areas: (menu.areas ?? []).map((a) => a.action),
        },
      }),
    );
  });

  /** Who the page can talk as: the seeded residents and every linked member of staff. */
  app.get('/api/people', async (c) => {
    const channel = await opts.orgs.bySlug(opts.defaultSlug);
    const members =
      opts.db && channel
        ? (await activeStaff(opts.db, channel.org.id, { linked: true, byName: true })).map(
            ({ name, position, lineUserId }) => ({ name, position, lineUserId }),
          )
        : [];
    return c.json({ residents: SIMULATED_RESIDENTS, staff: members });
  });

  /** One person's chat so far (what they sent and what the bot sent), kept across restarts. */
  app.get('/api/history', (c) => {
    const userId = c.req.query('userId') ?? '';
    return c.json({ entries: transcript.chatOf(userId) });
  });

  app.post('/api/events', async (c) => {
    const parsed = eventRequest.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      throw new HTTPException(400, { message: parsed.error.issues[0]?.message ?? 'invalid' });
    const r = parsed.data;
    const channel = await opts.orgs.bySlug(opts.defaultSlug);
    if (!channel?.hmacKey)
      throw new HTTPException(404, { message: 'default organisation has no channel' });

    const replyToken = r.kind === 'unfollow' ? undefined : fake.issueReplyToken(r.userId);
    const o = { userId: r.userId, replyToken };
    let messageId: string | undefined;
    let event: unknown;
    switch (r.kind) {
      case 'text':
        if (!r.text?.trim()) throw new HTTPException(400, { message: 'text is empty' });
        event = lineEvents.text({ ...o, text: r.text });
        break;
      case 'location':
        if (r.latitude === undefined || r.longitude === undefined) {
          throw new HTTPException(400, { message: 'latitude and longitude are required' });
        }
        event = lineEvents.location({
          ...o,
          latitude: r.latitude,
          longitude: r.longitude,
          address: r.address,
          title: r.title,
        });
        break;
      case 'image': {
        if (!r.imageBase64) throw new HTTPException(400, { message: 'imageBase64 is required' });
        messageId = newMessageId();
        fake.putContent(messageId, fromBase64(r.imageBase64), r.contentType ?? 'image/jpeg');
        event = lineEvents.image({ ...o, messageId });
        break;
      }
      case 'postback':
        event = lineEvents.postback({ ...o, data: r.data ?? '' });
        break;
      default:
        event = lineEvents[r.kind](o);
    }

    transcript.user(r.userId, {
      kind: r.kind,
      ...(r.text !== undefined ? { text: r.text } : {}),
      ...(r.latitude !== undefined ? { latitude: r.latitude, longitude: r.longitude } : {}),
      ...(r.title ? { title: r.title } : {}),
      ...(r.displayText ? { displayText: r.displayText } : {}),
      ...(messageId ? { messageId } : {}),
    });
    const body = webhookBody([event]);
    const res = await fetch(`${opts.selfUrl()}/webhook/${opts.defaultSlug}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Line-Signature': await signBody(channel.hmacKey, body),
      },
      body,
    });
    return c.json({ ok: res.ok, webhookStatus: res.status, messageId }, res.ok ? 200 : 502);
  });

  app.get('/api/messages', (c) => {
    const userId = c.req.query('userId') ?? '';
    const after = Number(c.req.query('after') ?? 0) || 0;
    const messages = fake
      .messagesFor(userId, after)
      .map(({ seq, at, via, message }) => ({ seq, at, via, message }));
    return c.json({ messages });
  });

  app.get('/api/content/:id', (c) => {
    const content = fake.getContent(c.req.param('id'));
    if (!content) throw new HTTPException(404, { message: 'no such content' });
    return c.body(content.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': content.contentType,
    });
  });

  return app;
}
