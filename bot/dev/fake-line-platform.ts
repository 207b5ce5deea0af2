import { Hono } from 'hono';

/**
 * A fake LINE Platform: the Messaging API and data API endpoints the bot uses,
 * recording every request and able to fail on demand. Integration tests and the
 * benchmark run it as a real loopback HTTP server (tests/fakes/line-platform.ts);
 * simulator mode mounts it inside the app at /dev/line/platform
 * (docs/decisions/005-simulator-mode.md).
 */
export interface RecordedRequest {
  seq: number;
  at: Date;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
}

export interface DeliveredMessage {
  seq: number;
  at: string;
  via: 'reply' | 'push' | 'multicast';
  to: string;
  message: unknown;
}

export interface FailRule {
  /** Matches when the request path ends with this string (or matches the RegExp). */
  path?: string | RegExp;
  status: number;
  /** How many requests this rule fails; default 1. */
  times?: number;
  retryAfter?: string;
  message?: string;
}

export interface FakeLineOptions {
  /** When set, requests must carry `Authorization: Bearer <accessToken>`. */
  accessToken?: string;
  /** Reject reply tokens the fake did not issue (default true). */
  strictReplyTokens?: boolean;
  /** Reply token lifetime in ms (LINE's is short; default 60 s). */
  replyTokenTtlMs?: number;
  now?: () => Date;
}

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const fromB64url = (s: string) =>
  new TextDecoder().decode(
    Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0)),
  );

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class FakeLinePlatform {
  readonly app = new Hono();
  readonly requests: RecordedRequest[] = [];
  readonly delivered: DeliveredMessage[] = [];
  quota = { type: 'limited' as 'limited' | 'none', value: 500 };
  /** Added to every answer, to simulate a slow platform. */
  delayMs = 0;
  /** Share of Messaging API calls (0..1) that fail with `failureStatus`. */
  failureRate = 0;
  failureStatus = 500;
  /**
   * Decides per request whether it fails (the fault suite's flaky platform): return a
   * status (and Retry-After) to refuse it, or null to handle it.
   */
  failWhen:
    ((req: { path: string; body: unknown }) => Omit<FailRule, 'path' | 'times'> | null) | null =
    null;

  #seq = 0;
  #rules: FailRule[] = [];
  #replyTokens = new Map<string, { userId: string; expiresAt: number; used: boolean }>();
  #retryKeys = new Map<string, string>();
  #content = new Map<string, { bytes: Uint8Array; contentType: string }>();
  #richMenus = new Map<string, unknown>();
  #defaultRichMenu: string | null = null;
  #idTokenKey = crypto.getRandomValues(new Uint8Array(32));
  #channels = new Map<string, { userId: string; basicId: string; displayName: string }>();
  #opts: Required<Omit<FakeLineOptions, 'accessToken'>> & { accessToken?: string };

  constructor(opts: FakeLineOptions = {}) {
    this.#opts = {
      strictReplyTokens: true,
      replyTokenTtlMs: 60_000,
      now: () => new Date(),
      ...opts,
    };
    this.#routes();
  }

  /**
   * Another LINE channel this platform knows (one per organisation): its access token is
   * accepted, and `GET /v2/bot/info` answers with its bot. Once any channel is added,
   * bot info refuses tokens it doesn't know, as LINE does.
   */
  addChannel(accessToken: string, bot: { basicId?: string; displayName?: string } = {}): string {
    const userId = `U${crypto.randomUUID().replace(/-/g, '')}`;
    this.#channels.set(accessToken, {
      userId,
      basicId: bot.basicId ?? `@${userId.slice(1, 9)}`,
      displayName: bot.displayName ?? 'FangSiang',
    });
    return userId;
  }

  /** Fails the next matching request(s) with the given status. */
  failNext(rule: FailRule): void {
    this.#rules.push({ times: 1, ...rule });
  }

  /** A reply token as LINE would put in a webhook event from `userId`. */
  issueReplyToken(userId: string): string {
    const token = crypto.randomUUID().replace(/-/g, '');
    this.#replyTokens.set(token, {
      userId,
      expiresAt: this.#opts.now().getTime() + this.#opts.replyTokenTtlMs,
      used: false,
    });
    return token;
  }

  /**
   * An ID token as LIFF would give `userId` in a LINE Login channel `clientId`: a JWT signed with
   * a key only this fake knows, so `POST /oauth2/v2.1/verify` can tell forged ones apart.
   */
  async issueIdToken(
    userId: string,
    clientId: string,
    opts: { ttlSeconds?: number; name?: string } = {},
  ): Promise<string> {
    const iat = Math.floor(this.#opts.now().getTime() / 1000);
    const claims = {
      iss: 'https://access.line.me',
      sub: userId,
      aud: clientId,
      exp: iat + (opts.ttlSeconds ?? 3600),
      iat,
      ...(opts.name ? { name: opts.name } : {}),
    };
    const b64 = (v: unknown) => b64url(new TextEncoder().encode(JSON.stringify(v)));
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
    return `${unsigned}.${await this.#idTokenSignature(unsigned)}`;
  }

  async #idTokenSignature(unsigned: string): Promise<string> {
    const key = await crypto.subtle.importKey(
      'raw',
      this.#idTokenKey,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const sig = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(unsigned));
    return b64url(new Uint8Array(sig));
  }

  /** Stores what a user "sent" so the bot can download it from the data API. */
  putContent(messageId: string, bytes: Uint8Array, contentType: string): void {
    this.#content.set(messageId, { bytes, contentType });
  }

  getContent(messageId: string) {
    return this.#content.get(messageId);
  }

  /** Messages the bot delivered to one user, after a sequence number. */
  messagesFor(userId: string, after = 0): DeliveredMessage[] {
    return this.delivered.filter((m) => m.to === userId && m.seq > after);
  }

  /** Requests to an endpoint, e.g. calls('/v2/bot/message/push'). */
  calls(pathSuffix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.endsWith(pathSuffix));
  }

  get defaultRichMenu() {
    return this.#defaultRichMenu;
  }

  reset(): void {
    this.requests.length = 0;
    this.delivered.length = 0;
    this.#rules = [];
    this.failureRate = 0;
    this.failWhen = null;
    this.delayMs = 0;
  }

  #routes() {
    const app = this.app;

    app.use('*', async (c, next) => {
      const raw = c.req.header('content-type')?.includes('json') ? await c.req.text() : '';
      let body: unknown = null;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          return c.json({ message: 'The request body has 1 error(s)' }, 400);
        }
      }
      c.set('body' as never, body as never);
      const path = new URL(c.req.url).pathname;
      const record: RecordedRequest = {
        seq: ++this.#seq,
        at: this.#opts.now(),
        method: c.req.method,
        path,
        headers: Object.fromEntries(c.req.raw.headers),
        body,
        status: 0,
      };
      this.requests.push(record);
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      const auth = c.req.header('authorization');
      // LINE Login's verify endpoint takes no access token; the LIFF mock's token desk neither.
      const open = path.includes('/oauth2/') || path.includes('/liff-mock/');
      if (
        !open &&
        (!auth?.startsWith('Bearer ') ||
          (this.#opts.accessToken &&
            auth !== `Bearer ${this.#opts.accessToken}` &&
            !this.#channels.has(auth.slice(7))))
      ) {
        record.status = 401;
        return c.json(
          {
            message:
              'Authentication failed. Confirm that the access token in the authorization header is valid.',
          },
          401,
        );
      }
      const rule = this.#rules.find((r) =>
        r.path === undefined
          ? true
          : typeof r.path === 'string'
            ? path.endsWith(r.path)
            : r.path.test(path),
      );
      if (rule) {
        rule.times = (rule.times ?? 1) - 1;
        if (rule.times <= 0) this.#rules.splice(this.#rules.indexOf(rule), 1);
        record.status = rule.status;
        if (rule.retryAfter) c.header('Retry-After', rule.retryAfter);
        return c.json(
          { message: rule.message ?? `fake failure ${rule.status}` },
          rule.status as 500,
        );
      }
      const chosen = this.failWhen?.({ path, body });
      if (chosen) {
        record.status = chosen.status;
        if (chosen.retryAfter) c.header('Retry-After', chosen.retryAfter);
        return c.json(
          { message: chosen.message ?? `fake failure ${chosen.status}` },
          chosen.status as 500,
        );
      }
      if (this.failureRate > 0 && Math.random() < this.failureRate) {
        record.status = this.failureStatus;
        return c.json({ message: 'fake random failure' }, this.failureStatus as 500);
      }
      await next();
      record.status = c.res.status;
    });

    const body = (c: { get: (k: never) => unknown }) =>
      c.get('body' as never) as Record<string, any>;

    app.post('/v2/bot/message/reply', (c) => {
      const b = body(c);
      const messages = b?.messages;
      const invalid = invalidMessages(messages);
      if (invalid) return c.json(invalid, 400);
      const token = this.#replyTokens.get(b.replyToken);
      if (!token && this.#opts.strictReplyTokens)
        return c.json({ message: 'Invalid reply token' }, 400);
      if (token && (token.used || token.expiresAt < this.#opts.now().getTime())) {
        return c.json({ message: 'Invalid reply token' }, 400);
      }
      if (token) token.used = true;
      this.#deliver('reply', token?.userId ?? '(unknown)', messages);
      return c.json({
        sentMessages: messages.map((_: unknown, i: number) => ({
          id: String(Date.now() + i),
          quoteToken: 'q',
        })),
      });
    });

    const pushLike = (via: 'push' | 'multicast') => (c: any) => {
      const b = body(c);
      const key = c.req.header('x-line-retry-key');
      if (key !== undefined && !UUID_RE.test(key))
        return c.json({ message: 'Invalid retry key' }, 400);
      if (key && this.#retryKeys.has(key)) {
        c.header('x-line-accepted-request-id', this.#retryKeys.get(key)!);
        return c.json({ message: 'The retry key is already accepted', sentMessages: [] }, 409);
      }
      const messages = b?.messages;
      const invalid = invalidMessages(messages);
      if (invalid) return c.json(invalid, 400);
      const targets: string[] = via === 'push' ? [b.to] : b.to;
      if (!targets?.length || targets.some((t) => typeof t !== 'string' || !t)) {
        return c.json({ message: 'The request body has 1 error(s)' }, 400);
      }
      for (const to of targets) this.#deliver(via, to, messages);
      const requestId = crypto.randomUUID();
      if (key) this.#retryKeys.set(key, requestId);
      c.header('x-line-request-id', requestId);
      return c.json({
        sentMessages: messages.map((_: unknown, i: number) => ({ id: String(Date.now() + i) })),
      });
    };
    app.post('/v2/bot/message/push', pushLike('push'));
    app.post('/v2/bot/message/multicast', pushLike('multicast'));

    app.get('/v2/bot/profile/:userId', (c) => {
      const userId = c.req.param('userId');
      return c.json({ userId, displayName: `ผู้ใช้ ${userId.slice(-4)}`, language: 'th' });
    });
    app.get('/v2/bot/info', (c) => {
      const token = (c.req.header('authorization') ?? '').slice(7);
      const known = this.#channels.get(token);
      if (!known && this.#channels.size && token !== this.#opts.accessToken)
        return c.json(
          {
            message:
              'Authentication failed. Confirm that the access token in the authorization header is valid.',
          },
          401,
        );
      const bot = known ?? { userId: 'Ufakebot', basicId: '@fakebot', displayName: 'FangSiang' };
      return c.json({ ...bot, chatMode: 'bot', markAsReadMode: 'auto' });
    });
    app.post('/v2/bot/chat/loading/start', (c) => c.json({}, 202));
    app.post('/v2/bot/chat/markAsRead', (c) =>
      typeof body(c).markAsReadToken === 'string'
        ? c.json({}, 200)
        : c.json({ message: 'markAsReadToken is required' }, 400),
    );
    app.get('/v2/bot/message/quota', (c) => c.json(this.quota));
    app.get('/v2/bot/message/quota/consumption', (c) =>
      c.json({ totalUsage: this.delivered.filter((m) => m.via !== 'reply').length }),
    );
    app.get('/v2/bot/message/:id/content', (c) => {
      const content = this.#content.get(c.req.param('id'));
      if (!content) return c.json({ message: 'Not found' }, 404);
      return c.body(content.bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': content.contentType,
      });
    });

    app.post('/v2/bot/richmenu', (c) => {
      const richMenuId = `richmenu-${crypto.randomUUID().replace(/-/g, '')}`;
      this.#richMenus.set(richMenuId, body(c));
      return c.json({ richMenuId });
    });
    app.post('/v2/bot/richmenu/:id/content', async (c) => {
      if (!this.#richMenus.has(c.req.param('id'))) return c.json({ message: 'Not found' }, 404);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      this.putContent(`richmenu:${c.req.param('id')}`, bytes, c.req.header('content-type') ?? '');
      return c.json({});
    });
    app.post('/v2/bot/user/all/richmenu/:id', (c) => {
      if (!this.#richMenus.has(c.req.param('id'))) return c.json({ message: 'Not found' }, 404);
      this.#defaultRichMenu = c.req.param('id');
      return c.json({});
    });
    app.get('/v2/bot/richmenu/list', (c) =>
      c.json({
        richmenus: [...this.#richMenus].map(([richMenuId, m]) => ({
          richMenuId,
          ...(m as object),
        })),
      }),
    );
    app.delete('/v2/bot/richmenu/:id', (c) => {
      this.#richMenus.delete(c.req.param('id'));
      return c.json({});
    });
    // LINE Login: verify an ID token (form body id_token, client_id), as LINE answers it.
    app.post('/oauth2/v2.1/verify', async (c) => {
      const form = await c.req.parseBody();
      const token = String(form.id_token ?? '');
      const clientId = String(form.client_id ?? '');
      const bad = (description: string) =>
        c.json({ error: 'invalid_request', error_description: description }, 400);
      const [h, p, sig] = token.split('.');
      if (!h || !p || !sig || sig !== (await this.#idTokenSignature(`${h}.${p}`)))
        return bad('Invalid IdToken.');
      const claims = JSON.parse(fromB64url(p));
      if (claims.exp * 1000 <= this.#opts.now().getTime()) return bad('IdToken expired.');
      if (claims.aud !== clientId) return bad('Invalid IdToken Audience.');
      return c.json(claims);
    });
    // The LIFF mock's token desk (simulator mode): an ID token for a simulator user.
    app.post('/liff-mock/id-token', async (c) => {
      const b = body(c);
      if (
        typeof b?.userId !== 'string' ||
        !/^U[0-9a-f]{32}$/.test(b.userId) ||
        typeof b?.clientId !== 'string'
      )
        return c.json({ message: 'userId and clientId required' }, 400);
      return c.json({ idToken: await this.issueIdToken(b.userId, b.clientId) });
    });
    app.notFound((c) => c.json({ message: 'Not found' }, 404));
  }

  #deliver(via: DeliveredMessage['via'], to: string, messages: unknown[]) {
    const at = this.#opts.now().toISOString();
    for (const message of messages) {
      const m: DeliveredMessage = { seq: ++this.#seq, at, via, to, message };
      this.delivered.push(m);
      this.onDeliver?.(m);
    }
  }

  /** Called with every message the bot delivers (the simulator saves its chats with it). */
  onDeliver: ((m: DeliveredMessage) => void) | null = null;

  /** Messages delivered before a restart (the simulator's saved chats): kept; numbering goes on. */
  restore(messages: DeliveredMessage[]): void {
    for (const m of messages) {
      this.delivered.push(m);
      this.#seq = Math.max(this.#seq, m.seq);
    }
  }
}

/**
 * The checks LINE makes that our own code could get wrong: 1–5 messages, a text message
 * with text, quick replies ≤ 13 with labels ≤ 20 characters, and no empty text inside Flex.
 */
function invalidMessages(
  messages: unknown,
): { message: string; details: { property: string; message: string }[] } | null {
  const problems: { property: string; message: string }[] = [];
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 5) {
    problems.push({ property: 'messages', message: 'Size must be between 1 and 5' });
  } else {
    messages.forEach((m: any, i) => {
      if (m?.type === 'text' && !(typeof m.text === 'string' && m.text.length)) {
        problems.push({ property: `messages[${i}].text`, message: 'Must not be empty' });
      }
      const items = m?.quickReply?.items;
      if (Array.isArray(items)) {
        if (items.length > 13) {
          problems.push({
            property: `messages[${i}].quickReply.items`,
            message: 'Size must be between 1 and 13',
          });
        }
        items.forEach((it: any, j: number) => {
          const label = it?.action?.label;
          if (typeof label === 'string' && [...label].length > 20) {
            problems.push({
              property: `messages[${i}].quickReply.items[${j}].action.label`,
              message: 'Length must be between 0 and 20',
            });
          }
        });
      }
      if (m?.type === 'flex') {
        const walk = (node: any, path: string): void => {
          if (!node || typeof node !== 'object') return;
          if (
            node.type === 'text' &&
            !(typeof node.text === 'string' && node.text.length) &&
            !node.contents?.length
          ) {
            problems.push({ property: path, message: 'Must not be empty' });
          }
          for (const [k, v] of Object.entries(node)) {
            if (Array.isArray(v)) v.forEach((x, n) => walk(x, `${path}.${k}[${n}]`));
            else if (v && typeof v === 'object') walk(v, `${path}.${k}`);
          }
        };
        walk(m.contents, `messages[${i}].contents`);
      }
    });
  }
  return problems.length
    ? { message: `The request body has ${problems.length} error(s)`, details: problems }
    : null;
}
