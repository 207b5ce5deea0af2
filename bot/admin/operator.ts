import { Hono } from 'hono';
import { html } from 'hono/html';
import { findActiveOperator } from '../../db/operators';
import { listOrgs } from '../../db/orgs';
import type { AppDeps } from '../deps';
import type { SecretBox } from '../orgs';
import { createOrganisation, OnboardError } from './onboard';
import { cspNonce } from '../http/security-headers';

/** The keyed hash an operator token is stored as. */
export function operatorTokenHash(secrets: SecretBox, token: string): Promise<string> {
  return secrets.hash('operator-token', token);
}

type Vars = { Variables: { operator: { id: string; name: string } } };

/**
 * `/operator`: a protected page for deployment operators (above organisations, made with
 * `npm run cli -- operator create`) that onboards an organisation exactly as `org create`
 * does. Works on Node and Workers. The API refuses everyone without an operator token —
 * staff and admins of any organisation included.
 */
export function operatorRoutes(deps: AppDeps): Hono<Vars> {
  const app = new Hono<Vars>();
  app.get('/', (c) => c.html(page(cspNonce(c))));

  const api = new Hono<Vars>();
  api.use('*', async (c, next) => {
    const auth = c.req.header('authorization') ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    const op = token
      ? await findActiveOperator(deps.db, await operatorTokenHash(deps.orgs.secrets, token))
      : null;
    if (!op)
      return c.json({ error: { code: 'unauthorized', message: 'operator token required' } }, 401);
    c.set('operator', op);
    await next();
  });
  api.get('/orgs', async (c) => c.json({ orgs: await listOrgs(deps.db) }));
  api.post('/orgs', async (c) => {
    const body = await c.req.json().catch(() => null);
    try {
      const r = await createOrganisation(
        {
          db: deps.db,
          secrets: deps.orgs.secrets,
          line: {
            apiBaseUrl: deps.env.LINE_API_BASE_URL,
            dataApiBaseUrl: deps.env.LINE_DATA_API_BASE_URL,
          },
          publicBaseUrl: deps.env.PUBLIC_BASE_URL ?? new URL(c.req.url).origin,
          now: deps.clock(),
        },
        body ?? {},
      );
      deps.logger.info('organisation created by operator', {
        slug: r.slug,
        operator: c.get('operator').id,
      });
      return c.json(
        { ...r, invite: { ...r.invite, expiresAt: r.invite.expiresAt.toISOString() } },
        201,
      );
    } catch (e) {
      if (e instanceof OnboardError)
        return c.json({ error: { code: 'invalid', field: e.field, message: e.message } }, 400);
      throw e;
    }
  });
  app.route('/api', api);
  return app;
}

function page(nonce: string) {
  return html`<!doctype html>
    <html lang="th">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>ฟังเสียง: เพิ่มองค์กร (ผู้ดูแลระบบกลาง)</title>
        <style>
          body {
            font-family: Sarabun, sans-serif;
            max-width: 40rem;
            margin: 1rem auto;
            padding: 0 1rem;
          }
          label {
            display: block;
            margin-top: 0.75rem;
          }
          input {
            width: 100%;
            padding: 0.5rem;
            font-size: 1rem;
            box-sizing: border-box;
          }
          button {
            margin-top: 1rem;
            padding: 0.6rem 1.2rem;
            font-size: 1rem;
          }
          .err {
            color: #b00020;
          }
          pre {
            white-space: pre-wrap;
            background: #f4f4f4;
            padding: 0.5rem;
          }
        </style>
      </head>
      <body>
        <h1>เพิ่มองค์กรใหม่</h1>
        <p>
          สำหรับผู้ดูแลระบบกลาง (operator) เท่านั้น ได้โทเค็นจาก <code>npm run cli -- operator create</code>
        </p>
        <form id="f">
          <label
            >โทเค็น operator <input name="token" type="password" required autocomplete="off"
          /></label>
          <label>ชื่อองค์กร <input name="name" required placeholder="เทศบาลตำบล…" /></label>
          <label
            >slug (อักษรอังกฤษตัวเล็ก) <input name="slug" required pattern="[a-z0-9][a-z0-9-]{1,62}"
          /></label>
          <label>Channel secret <input name="channelSecret" required /></label>
          <label>Channel access token <input name="accessToken" required /></label>
          <label>LIFF ID (ถ้ามี) <input name="liffId" /></label>
          <button type="submit">สร้างองค์กร</button>
        </form>
        <p id="msg" role="status"></p>
        <pre id="out" hidden></pre>
        <script nonce="${nonce}">
          const f = document.getElementById('f');
          f.addEventListener('submit', async (ev) => {
            ev.preventDefault();
            const d = Object.fromEntries(new FormData(f));
            const token = d.token;
            delete d.token;
            if (!d.liffId) delete d.liffId;
            const msg = document.getElementById('msg');
            const out = document.getElementById('out');
            msg.textContent = 'กำลังตรวจสอบกับ LINE…';
            msg.className = '';
            out.hidden = true;
            const res = await fetch(
              'api/orgs'.replace(/^/, location.pathname.replace(/\\/?$/, '/')),
              {
                method: 'POST',
                headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
                body: JSON.stringify(d),
              },
            );
            const body = await res.json().catch(() => ({}));
            if (!res.ok) {
              msg.className = 'err';
              msg.textContent =
                res.status === 401
                  ? 'โทเค็น operator ไม่ถูกต้อง'
                  : (body.error && body.error.message) || 'ผิดพลาด';
              return;
            }
            msg.textContent = 'สร้างองค์กรแล้ว';
            out.hidden = false;
            out.textContent =
              'Webhook URL: ' +
              body.webhookUrl +
              '\\nรหัสเชิญผู้ดูแล: ' +
              body.invite.code +
              '\\n' +
              body.invite.link;
          });
        </script>
      </body>
    </html>`;
}
