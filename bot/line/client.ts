import type { messagingApi } from '@line/bot-sdk';
import type { Message } from '../../shared/line/messages';

/**
 * The one module that calls the LINE Messaging API. Its bases come from
 * LINE_API_BASE_URL / LINE_DATA_API_BASE_URL, so tests and the simulator point it
 * at the fake LINE Platform. Pushes are not sent from handlers: they go through
 * the outbox (bot/pipeline/outbox.ts), which calls `push` with the row's retry key.
 */
export interface LineClientOptions {
  apiBaseUrl: string;
  dataApiBaseUrl: string;
  channelAccessToken: string;
  fetch?: typeof fetch;
  /** Milliseconds before a call is abandoned. */
  timeoutMs?: number;
}

/** A non-2xx answer, or no answer, from LINE. `status` is 0 when the request never got one. */
export class LineApiError extends Error {
  override name = 'LineApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfter: string | null = null,
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

export class LineClient {
  readonly #opts: Required<Omit<LineClientOptions, 'fetch'>>;
  readonly #fetch: typeof fetch;

  constructor(opts: LineClientOptions) {
    if (!opts.channelAccessToken) throw new Error('LINE channel access token is empty');
    this.#opts = {
      apiBaseUrl: opts.apiBaseUrl.replace(/\/$/, ''),
      dataApiBaseUrl: opts.dataApiBaseUrl.replace(/\/$/, ''),
      channelAccessToken: opts.channelAccessToken,
      timeoutMs: opts.timeoutMs ?? 10_000,
    };
    this.#fetch = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  reply(replyToken: string, messages: Message[]): Promise<messagingApi.ReplyMessageResponse> {
    return this.#json('POST', '/v2/bot/message/reply', { replyToken, messages });
  }

  /** `retryKey` (a UUID) makes LINE accept the push once however often it is sent. */
  push(
    to: string,
    messages: Message[],
    retryKey: string,
  ): Promise<messagingApi.PushMessageResponse> {
    return this.#json(
      'POST',
      '/v2/bot/message/push',
      { to, messages },
      { 'X-Line-Retry-Key': retryKey },
    );
  }

  multicast(to: string[], messages: Message[], retryKey: string): Promise<unknown> {
    return this.#json(
      'POST',
      '/v2/bot/message/multicast',
      { to, messages },
      {
        'X-Line-Retry-Key': retryKey,
      },
    );
  }

  /** The channel's bot (GET /v2/bot/info): checks an access token when an organisation is onboarded. */
  getBotInfo(): Promise<messagingApi.BotInfoResponse> {
    return this.#json('GET', '/v2/bot/info');
  }

  getProfile(userId: string): Promise<messagingApi.UserProfileResponse> {
    return this.#json('GET', `/v2/bot/profile/${encodeURIComponent(userId)}`);
  }

  /** Shows "…" in the chat while the bot works (1:1 chats only). */
  showLoadingAnimation(chatId: string, loadingSeconds = 5): Promise<unknown> {
    return this.#json('POST', '/v2/bot/chat/loading/start', { chatId, loadingSeconds });
  }

  /** Marks the user's messages as read, up to the event that carried this token. */
  markAsRead(markAsReadToken: string): Promise<unknown> {
    return this.#json('POST', '/v2/bot/chat/markAsRead', { markAsReadToken });
  }

  /** The bytes of an image, video, audio or file a user sent. */
  async getContent(messageId: string): Promise<{ bytes: Uint8Array; contentType: string }> {
    const res = await this.#call(
      'GET',
      `${this.#opts.dataApiBaseUrl}/v2/bot/message/${encodeURIComponent(messageId)}/content`,
    );
    return {
      bytes: new Uint8Array(await res.arrayBuffer()),
      contentType: res.headers.get('content-type') ?? 'application/octet-stream',
    };
  }

  /**
   * Verifies a LIFF / LINE Login ID token with LINE (signature, expiry, and that it was issued to
   * `clientId`, the LINE Login channel id). Resolves to the claims; LINE answers 400 for a forged,
   * expired or wrong-channel token, which surfaces as a LineApiError with status 400.
   */
  verifyIdToken(
    idToken: string,
    clientId: string,
  ): Promise<{ iss: string; sub: string; aud: string; exp: number; iat: number; name?: string }> {
    return this.#form('/oauth2/v2.1/verify', { id_token: idToken, client_id: clientId });
  }

  getQuota(): Promise<messagingApi.MessageQuotaResponse> {
    return this.#json('GET', '/v2/bot/message/quota');
  }

  getQuotaConsumption(): Promise<messagingApi.QuotaConsumptionResponse> {
    return this.#json('GET', '/v2/bot/message/quota/consumption');
  }

  createRichMenu(menu: messagingApi.RichMenuRequest): Promise<messagingApi.RichMenuIdResponse> {
    return this.#json('POST', '/v2/bot/richmenu', menu);
  }

  async uploadRichMenuImage(
    richMenuId: string,
    image: Uint8Array,
    contentType: string,
  ): Promise<void> {
    await this.#call(
      'POST',
      `${this.#opts.dataApiBaseUrl}/v2/bot/richmenu/${encodeURIComponent(richMenuId)}/content`,
      image as Uint8Array<ArrayBuffer>,
      { 'Content-Type': contentType },
    );
  }

  setDefaultRichMenu(richMenuId: string): Promise<unknown> {
    return this.#json('POST', `/v2/bot/user/all/richmenu/${encodeURIComponent(richMenuId)}`);
  }

  listRichMenus(): Promise<messagingApi.RichMenuListResponse> {
    return this.#json('GET', '/v2/bot/richmenu/list');
  }

  deleteRichMenu(richMenuId: string): Promise<unknown> {
    return this.#json('DELETE', `/v2/bot/richmenu/${encodeURIComponent(richMenuId)}`);
  }

  async #json<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const res = await this.#call(
      method,
      `${this.#opts.apiBaseUrl}${path}`,
      body === undefined ? undefined : JSON.stringify(body),
      body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    );
    const text = await res.text();
    return (text ? JSON.parse(text) : {}) as T;
  }

  async #form<T>(path: string, fields: Record<string, string>): Promise<T> {
    const res = await this.#call(
      'POST',
      `${this.#opts.apiBaseUrl}${path}`,
      new URLSearchParams(fields),
      {
        'Content-Type': 'application/x-www-form-urlencoded',
      },
    );
    return (await res.json()) as T;
  }

  async #call(
    method: string,
    url: string,
    body?: BodyInit,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    let res: Response;
    try {
      res = await this.#fetch(url, {
        method,
        body,
        headers: { Authorization: `Bearer ${this.#opts.channelAccessToken}`, ...headers },
        signal: AbortSignal.timeout(this.#opts.timeoutMs),
      });
    } catch (e) {
      throw new LineApiError(0, `LINE ${method} ${new URL(url).pathname}: ${(e as Error).message}`);
    }
    if (res.ok) return res;
    let detail: unknown = null;
    const raw = await res.text().catch(() => '');
    try {
      detail = JSON.parse(raw);
    } catch {
      detail = raw;
    }
    const message =
      (detail && typeof detail === 'object' && 'message' in detail && String(detail.message)) ||
      String(raw).slice(0, 200) ||
      res.statusText;
    throw new LineApiError(
      res.status,
      `LINE ${method} ${new URL(url).pathname} → ${res.status}: ${message}`,
      res.headers.get('retry-after'),
      detail,
    );
  }
}
