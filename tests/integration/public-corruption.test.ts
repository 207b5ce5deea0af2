import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORRUPTION_POSTS_PER_HOUR } from '../../bot/public/corruption';
import { escapeHtml } from '../../shared/html';
import { caseUpdates, cases, orgs } from '../../db/schema';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';

const T = th.pub.corruption;
const JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9,
]);
let ipSeq = 0;
/** Each test posts from its own address, so the per-address limits don't collide. */
const newIp = () => `198.51.100.${++ipSeq}`;

describe('the public corruption complaint form and PIN tracking', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  const url = (p: string) => `http://localhost/public/${h.slug}/${p}`;
  const tokenOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  async function freshToken(p = 'corruption') {
    return tokenOf(await (await h.app.request(url(p))).text());
  }
  async function post(
    p: string,
    fields: Record<string, string | Blob>,
    o: { ip?: string; token?: string | null; origin?: string } = {},
  ) {
    const form = new FormData();
    const token = o.token === undefined ? await freshToken(p) : o.token;
    if (token !== null) form.set('csrf', token);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return h.app.request(url(p), {
      method: 'POST',
      body: form,
      headers: {
        Origin: o.origin ?? 'http://localhost',
        'X-Test-Peer-Address': o.ip ?? newIp(),
      },
    });
  }
  const codeOf = (html: string) => /FS-\d{4}-[A-Z2-9]{4}/.exec(html)?.[0];
  const caseByCode = (code: string) =>
    h.db
      .select()
      .from(cases)
      .where(eq(cases.trackingCode, code))
      .then((r) => r[0]);

  it('serves an accessible Thai page that explains the protections, with the form', async () => {
    const res = await h.app.request(url('corruption'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<html lang="th">');
    expect(html).toContain(T.anonymousExplain);
    expect(html).toContain(T.confidentialExplain);
    expect(html).toContain(T.neverAlerted);
    expect(html).toMatch(/<input type="radio" name="protection" value="anonymous"/);
    expect(html).toMatch(/<label for="description">/);
    expect(html).toContain('enctype="multipart/form-data"');
    expect(tokenOf(html)).toMatch(/^\d+\..+/);
    expect(html).not.toMatch(/<(link|script)[^>]+(src|href)="https?:/);
  });

  it('answers an unknown organisation with a Thai 404 page', async () => {
    const res = await h.app.request('/public/no-such-org/corruption');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain(th.pub.notFoundOrg);
  });

  it('files an anonymous complaint with a photo: no link to anyone, a hashed PIN, a receipt with the code', async () => {
    const res = await post('corruption', {
      protection: 'anonymous',
      description: 'เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต',
      concerning: 'กองช่าง',
      pin: '246813',
      pin2: '246813',
      staff: 'yes',
      photo: new File([JPEG], 'proof.jpg', { type: 'image/jpeg' }),
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const code = codeOf(html)!;
    expect(code).toBeDefined();
    expect(html).toContain(th.pub.receipt.title);
    expect(html).toMatch(/25\d\d/); // พ.ศ.
    expect(html).toContain(th.pub.receipt.days(15));
    expect(html).toContain(escapeHtml(th.pub.receipt.howToTrackAnonymous));

    const c = (await caseByCode(code))!;
    expect(c).toMatchObject({
      orgId: h.org.id,
      kind: 'corruption',
      anonymity: 'anonymous',
      residentId: null,
      reporterIdentityEnc: null,
      divisionId: null,
      channel: 'web',
      concerning: 'กองช่าง',
    });
    expect(c.description).toBe(th.pub.staffPrefix + 'เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต');
    expect(c.pinHash).toBeTruthy();
    expect(c.pinHash).not.toContain('246813');
    expect(JSON.stringify(c)).not.toMatch(/"U[0-9a-f]{32}"/);
    expect(c.photos).toHaveLength(1);
    const stored = await h.deps.photos.get(c.photos[0]!.key);
    expect(stored?.contentType).toBe('image/jpeg');
    const [u] = await h.db.select().from(caseUpdates).where(eq(caseUpdates.caseId, c.id));
    expect(u!.note).toBe(th.pub.notes.filedAnonymously);
  });

  it('files a confidential complaint whose identity only the secret box can read', async () => {
    const res = await post('corruption', {
      protection: 'confidential',
      description: 'มีการฮั้วประมูลโครงการถนน',
      contact: '081-234-5678',
      name: 'สมชาย ใจดี',
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const c = (await caseByCode(codeOf(html)!))!;
    expect(c).toMatchObject({
      kind: 'corruption',
      anonymity: 'confidential',
      residentId: null,
      pinHash: null,
    });
    expect(c.reporterIdentityEnc).toBeTruthy();
    expect(c.reporterIdentityEnc).not.toContain('สมชาย');
    expect(JSON.parse(await h.deps.orgs.secrets.open(c.reporterIdentityEnc!))).toEqual({
      name: 'สมชาย ใจดี',
      contact: '081-234-5678',
      via: 'web',
    });
    expect(c.description).toBe('มีการฮั้วประมูลโครงการถนน');
    expect(html).toContain(th.pub.receipt.protectedConfidential);
  });

  it('refuses a post without a token, with a forged or expired one, or from another site (403)', async () => {
    const before = await h.db.select({ id: cases.id }).from(cases);
    const fields = { protection: 'anonymous', description: 'x', pin: '123456', pin2: '123456' };
    const good = await freshToken();
    const ts = good.split('.')[0]!;
    for (const o of [
      { token: null },
      { token: `${ts}.forged` },
      { token: `${Number(ts) - 4 * 3_600_000}.${good.split('.')[1]}` },
      { token: await freshToken('track') },
      { token: good, origin: 'https://evil.example' },
      { token: good, origin: 'null' },
    ]) {
      const res = await post('corruption', fields, o);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain(th.pub.forbidden);
    }
    expect(await h.db.select({ id: cases.id }).from(cases)).toHaveLength(before.length);
  });

  it('files nothing when the honeypot is filled', async () => {
    const before = await h.db.select({ id: cases.id }).from(cases);
    const res = await post('corruption', {
      protection: 'anonymous',
      description: 'spam spam',
      pin: '123456',
      pin2: '123456',
      website: 'http://spam.example',
    });
    expect(res.status).toBe(200);
    expect(codeOf(await res.text())).toBeUndefined();
    expect(await h.db.select({ id: cases.id }).from(cases)).toHaveLength(before.length);
  });

  it('shows Thai errors next to the fields and keeps what was typed (400)', async () => {
    const res = await post('corruption', {
      protection: 'anonymous',
      description: '   ',
      concerning: 'ปลัด <b>',
      pin: '12',
      pin2: '12',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(T.errorSummary);
    expect(html).toMatch(new RegExp(`id="description-error">${T.errors.descriptionRequired}<`));
    expect(html).toMatch(new RegExp(`id="pin-error">${T.errors.pin}<`));
    expect(html).toContain('value="ปลัด &lt;b&gt;"');
    expect(html).toMatch(/value="anonymous" required checked/);

    const mismatch = await post('corruption', {
      protection: 'anonymous',
      description: 'a'.repeat(2001),
      pin: '123456',
      pin2: '654321',
    });
    const m = await mismatch.text();
    expect(m).toContain(T.errors.pinMismatch);
    expect(m).toContain(T.errors.descriptionTooLong);

    const noChoice = await post('corruption', { description: 'ok' });
    expect(await noChoice.text()).toContain(T.errors.protection);

    const badPhoto = await post('corruption', {
      protection: 'confidential',
      description: 'ok',
      contact: 'not a contact',
      photo: new File([new TextEncoder().encode('GIF89a')], 'x.gif', { type: 'image/gif' }),
    });
    expect(badPhoto.status).toBe(400);
    const b = await badPhoto.text();
    expect(b).toContain(T.errors.photoType);
    expect(b).toContain(T.errors.contact);
  });

  it(`limits posts per network address: ${CORRUPTION_POSTS_PER_HOUR} an hour, then 429`, async () => {
    const ip = newIp();
    for (let i = 0; i < CORRUPTION_POSTS_PER_HOUR; i++) {
      expect((await post('corruption', { description: '' }, { ip })).status).toBe(400);
    }
    const res = await post('corruption', { description: '' }, { ip });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain(th.pub.tooMany);
    // Another address is unaffected, and the key holds a hash, not the address.
    expect((await post('corruption', { description: '' })).status).toBe(400);
    const keys = await h.db.execute<{ key: string }>(
      sql`select key from rate_limits where key like 'web:%'`,
    );
    const rows =
      (keys as unknown as { rows?: { key: string }[] }).rows ??
      (keys as unknown as { key: string }[]);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.key).not.toContain('198.51.100');
  });

  it('tracks an anonymous case with its PIN; a wrong PIN and an unknown code read the same', async () => {
    const filed = await post('corruption', {
      protection: 'anonymous',
      description: 'ใช้รถราชการไปธุระส่วนตัว',
      pin: '135790',
      pin2: '135790',
    });
    const code = codeOf(await filed.text())!;

    const page = await h.app.request(url(`track?code=${code}`));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`value="${code}"`);

    const ok = await post('track', { code: code.toLowerCase(), pin: '135790' });
    expect(ok.status).toBe(200);
    const okHtml = await ok.text();
    expect(okHtml).toContain(th.cases.stateLabels.waiting);
    expect(okHtml).toContain(th.pub.notes.filedAnonymously);

    const wrong = await post('track', { code, pin: '000000' });
    const unknown = await post('track', { code: 'FS-0000-AAAA', pin: '135790' });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    const strip = (s: string) =>
      s
        .replace(/name="csrf" value="[^"]+"/, '')
        .replace(/nonce="[^"]+"/, '')
        .replace(/value="FS-[^"]+"/, '');
    expect(strip(await wrong.text())).toBe(strip(await unknown.text()));

    // A confidential case can't be opened with a PIN at all.
    const conf = await post('corruption', { protection: 'confidential', description: 'x' });
    const confCode = codeOf(await conf.text())!;
    expect((await post('track', { code: confCode, pin: '1234' })).status).toBe(404);
  });

  it('limits PIN guesses per network address', async () => {
    const ip = newIp();
    // A different code each time: the per-code lockout (tests/security) stays out of this.
    for (let i = 0; i < 5; i++) {
      const code = `FS-0001-AAA${i + 2}`;
      expect((await post('track', { code, pin: '1234' }, { ip })).status).toBe(404);
    }
    expect((await post('track', { code: 'FS-0001-AAA9', pin: '1234' }, { ip })).status).toBe(429);
    expect(
      (await post('track', { code: 'FS-0000-AAAA', pin: '1234' }, { token: null })).status,
    ).toBe(403);
  });

  it('escapes the organisation name, what was typed and the last note on the form, receipt and tracking pages', async () => {
    const HOSTILE = `<script>alert(1)</script>"'&`;
    const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;';
    const orgName = h.org.name;
    await h.db
      .update(orgs)
      .set({ name: `อบต. ${HOSTILE}` })
      .where(eq(orgs.id, h.org.id));
    h.deps.orgs.invalidate();
    try {
      const typed = await post('corruption', {
        protection: 'confidential',
        description: `ก ${HOSTILE}`,
        concerning: `ข ${HOSTILE}`,
        contact: `ค ${HOSTILE}`,
        name: `ง ${HOSTILE}`,
      });
      expect(typed.status).toBe(400);
      const form = await typed.text();
      expect(form).toContain(`<title>${T.title} · อบต. ${ESCAPED}</title>`);
      expect(form).toContain(`ช่องทางแจ้งเบาะแสและร้องเรียนการทุจริตของอบต. ${ESCAPED} `);
      expect(form).toContain(`>ก ${ESCAPED}</textarea>`);
      expect(form).toContain(`value="ข ${ESCAPED}"`);
      expect(form).toContain(`value="ค ${ESCAPED}"`);
      expect(form).toContain(`value="ง ${ESCAPED}"`);
      expect(form).not.toContain('<script>alert');

      const filed = await post('corruption', {
        protection: 'anonymous',
        description: `จ ${HOSTILE}`,
        pin: '864209',
        pin2: '864209',
      });
      const receipt = await filed.text();
      expect(receipt).toContain(`<title>${th.pub.receipt.title} · อบต. ${ESCAPED}</title>`);
      expect(receipt).not.toContain('<script>alert');
      const k = (await caseByCode(codeOf(receipt)!))!;
      await h.db.insert(caseUpdates).values({
        orgId: h.org.id,
        caseId: k.id,
        authorKind: 'system',
        note: `ฉ ${HOSTILE}`,
        createdAt: new Date(Date.now() + 60_000),
      });
      const result = await (await post('track', { code: k.trackingCode, pin: '864209' })).text();
      expect(result).toContain(`<dd>ฉ ${ESCAPED}</dd>`);
      expect(result).toContain(`<title>${th.pub.track.title} · อบต. ${ESCAPED}</title>`);
      expect(result).not.toContain('<script>alert');
    } finally {
      await h.db.update(orgs).set({ name: orgName }).where(eq(orgs.id, h.org.id));
      h.deps.orgs.invalidate();
    }
  });
});
