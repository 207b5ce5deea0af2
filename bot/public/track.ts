import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { formatThaiDate, formatThaiDateTime } from '../../shared/dates';
import { TRACK_PIN } from '../../shared/security/pin';
import { th } from '../../shared/text/th';
import type { CaseRow } from '../../db/cases';
import { stateLabel } from '../cases/file';
import { lastNote, lookupByCodeAndPin } from '../cases/track';
import type { AppDeps } from '../deps';
import type { OrgRow } from '../orgs';
import {
  clientKey,
  formToken,
  layout,
  messagePage,
  publicOrg,
  refusedToken,
  sameOrigin,
  useFormToken,
  type PublicEnv,
} from './web';

const T = th.pub.track;
const FORM = 'track';
const CODE = /^FS-\d{4}-[A-Z0-9]{4}$/;

/**
 * Tracking an anonymous case by code and PIN. Guesses are limited per network address
 * (bot/cases/track.ts), and an unknown code and a wrong PIN read the same.
 */
export function trackRoutes(deps: AppDeps): Hono<PublicEnv> {
  const app = new Hono<PublicEnv>();
  const withOrg = publicOrg(deps);

  app.get('/track', withOrg, async (c) => {
    const { org } = c.var;
    const code = normaliseCode(c.req.query('code') ?? '');
    return trackPage(c, deps, org, { code: CODE.test(code) ? code : '' }, 200);
  });

  app.post('/track', withOrg, async (c) => {
    const { org, db } = c.var;
    const now = deps.clock();
    const secrets = deps.orgs.secrets;
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    if (!sameOrigin(c, deps)) return refusedToken(c, 'bad');
    const token = await useFormToken(db, secrets, org.id, FORM, body.csrf, now);
    if (token !== 'ok') return refusedToken(c, token);
    const code = normaliseCode(typeof body.code === 'string' ? body.code : '');
    const pin = typeof body.pin === 'string' ? body.pin.trim() : '';
    if (!CODE.test(code) || !TRACK_PIN.test(pin)) {
      return trackPage(c, deps, org, { code, message: T.invalid }, 400);
    }
    const key = await clientKey(c, deps, secrets, org.id, FORM);
    const found = await db.transaction(async (tx) => {
      const r = await lookupByCodeAndPin(tx, { org, now, secrets }, code, pin, key);
      return r.ok ? { ...r, note: await lastNote(tx, r.case.id) } : r;
    });
    if (!found.ok && found.reason === 'too_many') {
      return messagePage(c, 429, th.pub.tooManyTitle, th.pub.tooMany);
    }
    if (!found.ok && found.reason === 'locked') {
      c.header('Retry-After', String(Math.ceil((found.until.getTime() - now.getTime()) / 1000)));
      return messagePage(c, 429, th.pub.tooManyTitle, th.sec.trackLocked);
    }
    if (!found.ok) return trackPage(c, deps, org, { code, message: T.notFound }, 404);
    return resultPage(c, org, found.case, found.note);
  });

  return app;
}

/** Codes are typed on phones: upper-case, no spaces, a Thai-keyboard dash is still a dash. */
function normaliseCode(s: string): string {
  return s.trim().toUpperCase().replace(/\s+/g, '').replace(/[–—]/g, '-').slice(0, 20);
}

async function trackPage(
  c: Context,
  deps: AppDeps,
  org: OrgRow,
  v: { code: string; message?: string },
  status: 200 | 400 | 404,
) {
  const token = await formToken(deps.orgs.secrets, org.id, FORM, deps.clock());
  const body = html` <h1>${T.title}</h1>
    <p>${T.lead}</p>
    ${v.message ? html`<div class="summary" role="alert" data-testid="track-message"><p>${v.message}</p></div>` : ''}
    <form method="post" action="${c.req.path}" class="card">
      <input type="hidden" name="csrf" value="${token}" />
      <label for="code">${T.code}</label>
      <p class="hint" id="code-hint">${T.codeHint}</p>
      <input
        type="text"
        id="code"
        name="code"
        required
        maxlength="20"
        autocapitalize="characters"
        autocomplete="off"
        value="${v.code}"
        aria-describedby="code-hint"
      />
      <label for="pin">${T.pin}</label>
      <input
        type="password"
        id="pin"
        name="pin"
        required
        inputmode="numeric"
        pattern="[0-9]{4,6}"
        maxlength="6"
        autocomplete="off"
      />
      <p></p>
      <button type="submit">${T.submit}</button>
    </form>`;
  return c.html(layout(c, { title: T.title, orgName: org.name, body }), status);
}

function resultPage(c: Context, org: OrgRow, k: CaseRow, note: string | null) {
  const body = html` <h1>${T.title}</h1>
    <div class="card" role="status">
      <p class="code">${k.trackingCode}</p>
      <dl>
        <dt>${T.state}</dt>
        <dd data-testid="case-state">${stateLabel(org.settings, k.stateType)}</dd>
        <dt>${T.filedAt}</dt>
        <dd>${formatThaiDate(k.createdAt)}</dd>
        <dt>${T.updatedAt}</dt>
        <dd>${formatThaiDateTime(k.updatedAt)}</dd>
        ${
          note
            ? html`<dt>${T.lastUpdate}</dt>
                <dd>${note}</dd>`
            : ''
        }
      </dl>
    </div>
    <p><a href="${c.req.path}">${T.again}</a></p>`;
  return c.html(layout(c, { title: T.title, orgName: org.name, body }), 200);
}
