import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { html, raw } from 'hono/html';
import { categoryByCode } from '../../db/admin-categories';
import { claimOnce } from '../../db/rate-limits';
import type { Db } from '../../db/types';
import { randomHex } from '../../shared/crypto';
import { cspNonce } from '../http/security-headers';
import { th } from '../../shared/text/th';
import type { AppDeps } from '../deps';
import { clientAddress, ownHosts } from '../http/client-address';
import type { OrgRow, SecretBox } from '../orgs';
import { orgSettings } from '../../shared/org-settings';

const pub = th.pub;

/** How long a form's CSRF token stays good: long enough to write a careful complaint. */
export const FORM_TOKEN_TTL_MS = 3 * 3_600_000;

/**
 * A fragment of a page built with `hono/html`: text put into it is escaped; fragments nest as
 * they are. `raw()` only for constant markup, never for an organisation's or a person's text.
 */
export type Html = ReturnType<typeof html>;

/** Self-contained styles: system fonts, large touch targets, no external assets. */
const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Noto Sans Thai","Sarabun",Tahoma,sans-serif;font-size:17px;line-height:1.6;color:#1a1a1a;background:#f4f6f8}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;line-height:1.3;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.card{background:#fff;border:1px solid #d6dbe0;border-radius:8px;padding:1rem;margin:0 0 1rem}
.protect li{margin:.25rem 0 .75rem}
fieldset{border:1px solid #d6dbe0;border-radius:8px;margin:0 0 1rem;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
.choice{display:flex;gap:.6rem;align-items:flex-start;font-weight:normal;margin:.5rem 0}
.choice input{width:1.4rem;height:1.4rem;margin:.2rem 0 0;flex:none}
input[type=text],input[type=tel],input[type=password],input[type=email],textarea{width:100%;font:inherit;padding:.6rem;border:1px solid #8a949e;border-radius:6px;background:#fff}
textarea{min-height:9rem}
input:focus,textarea:focus,button:focus,a:focus{outline:3px solid #ffbf47;outline-offset:1px}
.hint{color:#4a545e;font-size:.92rem;margin:.1rem 0 .3rem}
.error{color:#b00020;font-weight:600;margin:.25rem 0}
.invalid{border-color:#b00020 !important;border-width:2px !important}
.summary{border:2px solid #b00020;background:#fff5f5;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
button{font:inherit;font-weight:600;width:100%;padding:.85rem;border:0;border-radius:8px;background:#06613a;color:#fff;cursor:pointer}
.code{font-size:2rem;font-weight:700;letter-spacing:.05em;font-family:ui-monospace,monospace}
dl{margin:0}dt{font-weight:600;margin-top:.5rem}dd{margin:0}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
a{color:#0b5394}
`;

/** One page: Thai, phone-first, no external assets; `script` runs only under this request's nonce. */
export function layout(
  c: Context,
  opts: { title: string; body: Html; orgName?: string; script?: string },
): Html {
  // The CSP itself is set for every page by bot/http/security-headers.ts.
  const nonce = opts.script ? cspNonce(c) : '';
  // Not `no-referrer`: that makes browsers send `Origin: null` with the page's own form posts.
  c.header('Referrer-Policy', 'same-origin');
  c.header('Cache-Control', 'no-store');
  c.header('X-Content-Type-Options', 'nosniff');
  const heading = opts.orgName ? `${opts.title} · ${opts.orgName}` : opts.title;
  // CSS and the script are the code's own constants, never data: put in as they are.
  // Kept as written: formatting would add a `;` and indentation to the script and the styles.
  // prettier-ignore
  return html`<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${heading}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<main>
${opts.body}
</main>
${opts.script ? html`<script nonce="${nonce}">${raw(opts.script)}</script>` : ''}
</body>
</html>`;
}

/** A short page with a title and a message, e.g. 404, 403, 429. */
export function messagePage(
  c: Context,
  status: 403 | 404 | 413 | 429,
  title: string,
  message: string,
  back?: string,
) {
  const body = html`<h1>${title}</h1>
    <div class="card" role="alert">
      <p>${message}</p>
      ${back ? html`<p><a href="${back}">${pub.backToForm}</a></p>` : ''}
    </div>`;
  return c.html(layout(c, { title, body }), status);
}

/** The organisation of `/public/:org`, or null (the caller answers with a Thai 404 page). */
export async function orgOf(c: Context, deps: AppDeps): Promise<OrgRow | null> {
  const slug = c.req.param('org') ?? '';
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/i.test(slug)) return null;
  return (await deps.orgs.bySlug(slug))?.org ?? null;
}

export const unknownOrg = (c: Context) => messagePage(c, 404, pub.notFoundTitle, pub.notFoundOrg);

/** What the organisation middleware puts on a public page's request: the database and the organisation. */
export type PublicEnv = { Variables: { db: Db; org: OrgRow } };

/** Puts the organisation of `/public/:org` and the database on `c.var`; false when there is no such organisation. */
export async function loadPublicOrg(c: Context<PublicEnv>, deps: AppDeps): Promise<boolean> {
  const org = await orgOf(c, deps);
  if (!org) return false;
  c.set('db', deps.db);
  c.set('org', org);
  return true;
}

/**
 * The middleware of a `/public/:org/…` page: the organisation and the database on `c.var`
 * (as bot/staff/api/context.ts does for the staff API), or the Thai 404 page.
 */
export const publicOrg = (deps: AppDeps) =>
  createMiddleware<PublicEnv>(async (c, next) =>
    (await loadPublicOrg(c, deps)) ? next() : unknownOrg(c),
  );

/**
 * A stateless CSRF token: issue time plus a keyed hash of it, the organisation and the
 * form. No cookie, so the form also works embedded in the organisation's website (where
 * third-party cookies are blocked); the same-origin check does the rest.
 */
export async function formToken(
  secrets: SecretBox,
  orgId: string,
  form: string,
  now: Date,
): Promise<string> {
  const t = String(now.getTime());
  // A random part: two visitors in the same millisecond get different (single-use) tokens.
  const n = randomHex(8);
  return `${t}.${n}.${await secrets.hash('csrf', orgId, form, t, n)}`;
}

export async function checkFormToken(
  secrets: SecretBox,
  orgId: string,
  form: string,
  token: unknown,
  now: Date,
): Promise<boolean> {
  if (typeof token !== 'string') return false;
  const m = /^(\d{1,15})\.([0-9a-f]{16})\.(.+)$/.exec(token);
  if (!m) return false;
  const age = now.getTime() - Number(m[1]);
  if (age < -60_000 || age > FORM_TOKEN_TTL_MS) return false;
  return (await secrets.hash('csrf', orgId, form, m[1]!, m[2]!)) === m[3];
}

/**
 * Checks a form token and uses it up (issue 12): a token opens one POST only, so a script
 * cannot file or guess many times with one page load. The used token's keyed hash sits in
 * rate_limits until it would have expired anyway (the cleanup job deletes it then).
 */
export async function useFormToken(
  db: Db,
  secrets: SecretBox,
  orgId: string,
  form: string,
  token: unknown,
  now: Date,
): Promise<'ok' | 'bad' | 'used'> {
  if (!(await checkFormToken(secrets, orgId, form, token, now))) return 'bad';
  const issued = new Date(Number(String(token).split('.')[0]));
  const key = `formtoken:${await secrets.hash('form-token-used', orgId, String(token))}`;
  return (await claimOnce(db, key, issued)) ? 'ok' : 'used';
}

/** The page for a refused form token: expired/forged, or already sent once. */
export function refusedToken(c: Context, outcome: 'bad' | 'used') {
  return messagePage(
    c,
    403,
    th.pub.forbiddenTitle,
    outcome === 'used' ? th.sec.tokenUsed : th.pub.forbidden,
    c.req.path,
  );
}

/**
 * A cross-site POST is refused: a browser says where a form came from in
 * `Sec-Fetch-Site` and `Origin`; with neither (old browsers) the token decides.
 * `Origin: null` (privacy modes) passes only when `Sec-Fetch-Site` says same-origin.
 */
export function sameOrigin(c: Context, deps: Pick<AppDeps, 'env'>): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin') return false;
  const origin = c.req.header('origin');
  if (!origin) return true;
  if (origin === 'null') return site === 'same-origin';
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return ownHosts(c, deps).includes(host.toLowerCase());
}

/**
 * A rate-limit key for the client's network address: a keyed hash, never the address.
 * The address is bot/http/client-address.ts's (forwarding headers only under TRUST_PROXY).
 */
export async function clientKey(
  c: Context,
  deps: Pick<AppDeps, 'env' | 'peerAddress'>,
  secrets: SecretBox,
  orgId: string,
  form: string,
): Promise<string> {
  const ip = clientAddress(c, deps);
  return `web:${form}:${orgId}:${await secrets.hash('ip', orgId, ip)}`;
}

/** Working days to finish a category's cases (the service standard), default 15. */
export async function finishDaysOf(db: Db, org: OrgRow, category: string): Promise<number> {
  const cat = await categoryByCode(db, org.id, category);
  return cat?.finishDays ?? orgSettings(org.settings).defaultFinishDays;
}
