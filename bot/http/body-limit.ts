import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { LOGO_MAX_DATA_URL } from '../../shared/org-settings';
import { th } from '../../shared/text/th';
import { MAX_WEBHOOK_BYTES } from '../webhook';
import { html } from 'hono/html';
import { layout } from '../public/web';
import { REPORT_FORM_MAX_BODY } from '../report-form/routes';

const KB = 1024;
const MB = 1024 * KB;

/** One staff photo (bot/staff/routes.ts) and at most three per action, base64 in JSON. */
const STAFF_PHOTO_BYTES = 5 * MB;
/** The corruption form's photo (bot/public/corruption.ts) plus the form's text fields. */
const WEB_PHOTO_BYTES = 10 * MB;

/**
 * The body limit of every route that reads a body, by method and path: the first rule that
 * matches wins, and a route not listed gets the small default of its area. Checked before
 * any parsing (Content-Length first; a chunked body is counted while it streams), so an
 * oversized request costs us at most `maxSize` bytes of memory.
 */
export const BODY_RULES: readonly {
  re: RegExp;
  maxSize: number;
  why: string;
  routeChecks?: boolean;
}[] = [
  { re: /^\/webhook(\/[^/]+)?$/, maxSize: MAX_WEBHOOK_BYTES, why: 'LINE webhook' },
  {
    re: /^\/public\/[^/]+\/corruption$/,
    maxSize: WEB_PHOTO_BYTES + 256 * KB,
    why: 'corruption form with one photo',
  },
  {
    re: /^\/api\/staff\/[^/]+\/cases\/[^/]+\/(state|reply)$/,
    maxSize: Math.ceil((3 * STAFF_PHOTO_BYTES * 4) / 3) + 64 * KB,
    why: 'staff action with up to three photos (base64)',
  },
  {
    re: /^\/api\/report\/[^/]+\/cases$/,
    maxSize: REPORT_FORM_MAX_BODY,
    why: 'LIFF report form with up to three photos',
    // The route checks this same limit itself, before parsing, with the form's own Thai message.
    routeChecks: true,
  },
  {
    re: /^\/api\/admin\/[^/]+\/profile$/,
    maxSize: LOGO_MAX_DATA_URL + 64 * KB,
    why: 'admin console: organisation profile with its logo (data URL)',
  },
  {
    re: /^\/api\/admin\/[^/]+\/csv\/[^/]+$/,
    maxSize: 2 * MB,
    why: 'admin console: one section imported from a CSV file',
  },
  {
    re: /^\/api\/admin\/[^/]+\/org-file$/,
    maxSize: 5 * MB,
    why: 'admin console: the whole organisation imported from its JSON file',
  },
  // Development only (loopback): the simulator's image events and the fake platform's uploads.
  { re: /^\/dev\/line\//, maxSize: 15 * MB, why: 'LINE simulator' },
  // Forms without files: a few KB (the longest field is 2,000 characters of Thai: 6 KB of UTF-8,
  // up to 18 KB percent-encoded).
  { re: /^\/public\//, maxSize: 24 * KB, why: 'web form without files' },
  // JSON APIs: survey answers, paper entry, staff actions without photos, invite links.
  { re: /^\/api\//, maxSize: 64 * KB, why: 'JSON API' },
];
/** Anything else that ever reads a body. */
export const DEFAULT_BODY_BYTES = 16 * KB;

export function bodyLimitFor(path: string): number {
  return BODY_RULES.find((r) => r.re.test(path))?.maxSize ?? DEFAULT_BODY_BYTES;
}

const human = (n: number) => (n >= MB ? `${Math.round(n / MB)} MB` : `${Math.round(n / KB)} KB`);

/**
 * 413 with a reason: a Thai page for the public forms, JSON for programs. `Connection: close`
 * so the server stops reading the rest of an oversized upload.
 */
export function tooLarge(c: Context, maxSize: number): Response | Promise<Response> {
  c.header('Connection', 'close');
  const message = th.sec.tooLarge(human(maxSize));
  if (c.req.path.startsWith('/public/')) {
    const body = html`<h1>${th.sec.tooLargeTitle}</h1>
      <div class="card" role="alert"><p>${message}</p></div>`;
    return c.html(layout(c, { title: th.sec.tooLargeTitle, body }), 413);
  }
  return c.json(
    { error: { code: 'payload_too_large', message, reason: 'body_too_large', maxBytes: maxSize } },
    413,
  );
}

/** The app-wide middleware: every request with a body passes the limit of its path. */
export function bodyLimits(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') {
      return next();
    }
    if (BODY_RULES.find((r) => r.re.test(c.req.path))?.routeChecks) return next();
    const maxSize = bodyLimitFor(c.req.path);
    return bodyLimit({ maxSize, onError: (c) => tooLarge(c, maxSize) })(c, next);
  };
}
