import { and, desc, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SIMULATED_RESIDENTS } from '../../bot/dev/people';
import { renderReportHtml } from '../../bot/reports/html';
import {
  buildSatisfactionReport,
  publishReport,
  saveRecommendations,
} from '../../bot/reports/satisfaction';
import { bumpConfigVersion } from '../../db/orgs';
import { cases, faqEntries, orgs } from '../../db/schema';
import { roundOf } from '../../shared/survey/rounds';
import { th } from '../../shared/text/th';
import { useServerAndBrowser } from '../helpers/e2e';

/** A payload per field, so a fired dialog says where it came from. */
const xss = (where: string) =>
  `<img src=x onerror=alert('${where}')><script>alert('${where}')</script>`;
const SUBJECT = xss('subject');
const NAME = `<svg onload=alert('name')>`;
const FAQ = xss('faq');
const RECOMMENDATIONS = xss('recommendations');

/**
 * Issue 12: stored XSS payloads in complaint text, a resident's name, an FAQ answer and the
 * report's recommendations, rendered in Chromium in the staff console, the simulator, the
 * public pages and the report HTML: no dialog fires, the text is shown literally, and the
 * pages' CSP refuses nothing they need.
 */
describe('stored XSS is inert everywhere it is shown (Chromium)', () => {
  const e2e = useServerAndBrowser({ liff: true });
  const resident = SIMULATED_RESIDENTS[0]!;
  let caseId: string;
  let clerk: string;
  let label: string;
  const dialogs: string[] = [];
  const cspErrors: string[] = [];

  const send = async (body: Record<string, unknown>) => {
    const res = await fetch(`${e2e.base}/dev/line/api/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: resident.userId, displayName: NAME, ...body }),
    });
    expect(res.status).toBe(200);
    await e2e.server.drain();
  };

  async function open(url: string): Promise<Page> {
    const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on('dialog', (d) => {
      dialogs.push(`${url}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text()))
        cspErrors.push(`${url}: ${m.text()}`);
    });
    await page.goto(url);
    return page;
  }

  beforeAll(async () => {
    const db = e2e.server.deps.db;
    const [org] = await db.select().from(orgs).where(eq(orgs.slug, 'demo'));
    // An FAQ answer with a payload (as an admin could type it).
    const [entry] = await db
      .update(faqEntries)
      .set({ answer: FAQ })
      .where(and(eq(faqEntries.orgId, org!.id), eq(faqEntries.extId, 'borrow-equipment')))
      .returning();
    expect(entry).toBeTruthy();
    await bumpConfigVersion(db, org!.id);
    // A complaint whose subject and description are payloads, from a resident with one as a name.
    await send({ kind: 'follow' });
    await send({ kind: 'postback', data: 'menu:complain' });
    for (const text of [SUBJECT, xss('description'), 'งานทะเบียน', th.conv.skip, th.conv.confirm])
      await send({ kind: 'text', text });
    await send({ kind: 'text', text: entry!.question });
    const [c] = await db
      .select()
      .from(cases)
      .where(and(eq(cases.orgId, org!.id), eq(cases.kind, 'complaint')))
      .orderBy(desc(cases.createdAt))
      .limit(1);
    expect(c?.subject).toBe(SUBJECT);
    caseId = c!.id;
    // The report's recommendations, published.
    label = roundOf(new Date()).label;
    await saveRecommendations(db, org!.id, label, RECOMMENDATIONS);
    await publishReport(
      db,
      org!.id,
      await buildSatisfactionReport(db, org!, label, new Date()),
      new Date(),
    );
    const { staff } = (await (await fetch(`${e2e.base}/api/staff/demo/dev/staff`)).json()) as {
      staff: { position: string; lineUserId: string }[];
    };
    clerk = staff.find((s) => s.position === 'ปลัดเทศบาล')!.lineUserId;
  });

  it('the staff console shows the complaint and the name as text', async () => {
    const page = await open(`${e2e.base}/liff/console.html?org=demo&user=${clerk}#case=${caseId}`);
    try {
      await page.getByText(SUBJECT).first().waitFor();
      expect(await page.locator('#app').textContent()).toContain(xss('description'));
      expect(await page.locator('#app img[src="x"], #app svg[onload]').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('the simulator shows the chat, the echo and the FAQ answer as text', async () => {
    // The bot answered the question with the FAQ answer (through the fake LINE Platform).
    const said = JSON.stringify(
      e2e.server.simulator!.messagesFor(resident.userId).map((m) => m.message),
    );
    expect(said).toContain(JSON.stringify(FAQ).slice(1, -1));
    const page = await open(`${e2e.base}/dev/line?user=${resident.userId}`);
    try {
      await page.getByText(SUBJECT).first().waitFor({ timeout: 20_000 });
      await page.getByText(FAQ).first().waitFor({ timeout: 20_000 });
      expect(await page.locator('.bubble img[src="x"], .bubble script').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('the public report page and the report HTML show the recommendations as text', async () => {
    const page = await open(`${e2e.base}/public/demo/reports/${label}`);
    try {
      await page.getByText(RECOMMENDATIONS).first().waitFor();
      const report = await buildSatisfactionReport(
        e2e.server.deps.db,
        {
          id: e2e.server.deps.db ? (await e2e.server.deps.orgs.bySlug('demo'))!.org.id : '',
          name: NAME,
          slug: 'demo',
        },
        label,
        new Date(),
      );
      await page.setContent(renderReportHtml(report));
      await page.getByText(RECOMMENDATIONS).first().waitFor();
      expect(await page.getByText(NAME).count()).toBeGreaterThan(0);
      await page.waitForTimeout(300);
    } finally {
      await page.close();
    }
  });

  it('the survey and report-form LIFF pages load under their CSP', async () => {
    for (const path of ['/liff/survey.html?org=demo', '/liff/report.html?org=demo']) {
      const page = await open(e2e.base + path);
      try {
        await page.waitForLoadState('networkidle');
        // The survey's inline prefetch script ran (allowed by its hash).
        if (path.includes('survey'))
          expect(await page.evaluate(() => typeof (window as any).__surveyMeta)).toBe('object');
      } finally {
        await page.close();
      }
    }
  });

  it('no dialog fired on any page, and no CSP refusal', () => {
    expect(dialogs).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
