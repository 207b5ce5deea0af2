import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineEvents } from '../../bot/dev/events';
import { reportXlsx } from '../../bot/reports/export';
import { renderReportHtml } from '../../bot/reports/html';
import { htmlToPdf } from '../../bot/reports/pdf';
import { buildSatisfactionReport } from '../../bot/reports/satisfaction';
import { inviteToSurvey } from '../../bot/survey/invite';
import { submitResponse } from '../../bot/survey/submit';
import { cases, outbox, residents, staff, surveyResponses } from '../../db/schema';
import { roundOf } from '../../shared/survey/rounds';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';

const ARTIFACTS = join(import.meta.dirname, '../../.tmp/report');
const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;
const answers = (p3: string) => ({
  p1: 'resident',
  p2: 'welfare',
  p3,
  e1: '4',
  e2: '3',
  e3: '4',
  e4: 'no',
  e5: '3',
  e6: '4',
  e7: '2',
  e8: '3',
  e9: 'na',
  s1: '5',
});
const R = th.metrics.report;

/**
 * How a survey was collected (the link) is kept apart from how the respondent contacted the
 * office (their answer to p3): one answer through each of the four collection channels, each
 * with a contact answer that differs from it, read back from the HTML, the PDF's text and the
 * XLSX (issue 15).
 */
describe('survey collection channel vs the respondent’s contact channel', () => {
  let h: Harness;
  let surveyId: string;
  beforeAll(async () => {
    h = await createHarness();
    const def = await h.app.request(`/api/survey/${h.slug}`);
    surveyId = ((await def.json()) as { survey: { id: string } }).survey.id;
  });
  afterAll(() => h.close());

  const submit = async (userId: string, body: Record<string, unknown>) => {
    const res = await h.app.request(`/api/survey/${h.slug}/responses`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${await h.fake.issueIdToken(userId, 'simulator')}`,
      },
      body: JSON.stringify({ surveyId, version: 1, ...body }),
    });
    expect(res.status).toBe(201);
  };
  const srcOf = (url: string) => new URL(url).searchParams.get('src');

  it('records the source from each link and reports both tables in HTML, PDF and XLSX', async () => {
    // 1. The chat menu's link (src=menu); the respondent says they came to the office.
    const menuUser = newUser();
    await h.deliver([
      lineEvents.text({
        userId: menuUser,
        replyToken: h.fake.issueReplyToken(menuUser),
        text: th.menu.survey,
      }),
    ]);
    const menuLink = /https?:\/\/[^"\s\\]+survey\.html\?[^"\s\\]+/.exec(
      JSON.stringify(h.fake.messagesFor(menuUser).map((m) => m.message)),
    )![0];
    expect(srcOf(menuLink)).toBe('menu');
    await submit(menuUser, { answers: answers('counter'), source: 'menu' });

    // 2. A counter's QR code (point + src=qr); the respondent says they contacted online.
    const poster = await (
      await h.app.request(`/public/${h.slug}/survey/poster/clerk-counter`)
    ).text();
    const qrLink = /https?:\/\/[^<\s]+survey\.html\?[^<\s]+/
      .exec(poster)![0]
      .replace(/&amp;/g, '&');
    expect(srcOf(qrLink)).toBe('qr');
    await submit(newUser(), {
      answers: answers('online'),
      point: 'clerk-counter',
      source: 'qr',
    });

    // 3. The invitation after a finished case (inv + src=invite); they say LINE.
    const invited = newUser();
    const [resident] = await h.db
      .insert(residents)
      .values({ orgId: h.org.id, lineUserId: invited })
      .returning();
    const [kase] = await h.db
      .insert(cases)
      .values({
        orgId: h.org.id,
        trackingCode: `FS-T-${crypto.randomUUID().slice(0, 6)}`,
        kind: 'complaint',
        stateType: 'finished',
        stateLabel: 'เสร็จสิ้น',
        residentId: resident!.id,
        anonymity: 'none',
        finishedAt: h.deps.clock(),
      })
      .returning();
    await h.db.transaction((tx) =>
      inviteToSurvey(tx, kase!, { now: h.deps.clock(), env: h.deps.env, orgSlug: h.slug }),
    );
    const [push] = await h.db.select().from(outbox).where(eq(outbox.target, invited));
    const invLink = /https?:\/\/[^"\s\\]+survey\.html\?[^"\s\\]+/.exec(JSON.stringify(push))![0];
    expect(srcOf(invLink)).toBe('invite');
    await submit(invited, {
      answers: answers('line'),
      invitation: new URL(invLink).searchParams.get('inv'),
      source: 'invite',
    });

    // 4. A paper form typed in by staff; the respondent ticked "online".
    const [clerk] = await h.db.select().from(staff).where(eq(staff.orgId, h.org.id)).limit(1);
    const paper = await submitResponse(h.db, async (...p) => p.join('|'), {
      orgId: h.org.id,
      lineUserId: null,
      enteredByStaffId: clerk!.id,
      body: { surveyId, version: 1, answers: answers('online') },
      now: h.deps.clock(),
    });
    expect(paper.status).toBe('stored');

    const stored = await h.db
      .select({ source: surveyResponses.source })
      .from(surveyResponses)
      .where(eq(surveyResponses.orgId, h.org.id));
    expect(stored.map((r) => r.source).sort()).toEqual([
      'case_invitation',
      'chat_menu',
      'counter_qr',
      'paper',
    ]);

    const report = await buildSatisfactionReport(
      h.db,
      h.org,
      roundOf(h.deps.clock()).label,
      h.deps.clock(),
    );
    expect(report.method.sources.map((s) => [s.key, s.n]).sort()).toEqual([
      ['case_invitation', 1],
      ['chat_menu', 1],
      ['counter_qr', 1],
      ['paper', 1],
    ]);
    const contactLabels = { counter: 'ติดต่อที่สำนักงาน', online: 'ออนไลน์ (เว็บไซต์ อีเมล โทรศัพท์)' };
    expect(report.method.contact.map((c) => [c.label, c.n]).sort()).toEqual(
      [
        [contactLabels.online, 2],
        [contactLabels.counter, 1],
        ['LINE', 1],
      ].sort(),
    );

    // HTML: two headings, two tables, each with its own rows.
    const html = renderReportHtml(report);
    const tableAfter = (heading: string) => {
      const at = html.indexOf(heading);
      expect(at).toBeGreaterThan(0);
      const start = html.indexOf('<table', at);
      return html.slice(start, html.indexOf('</table>', start)).replace(/<[^>]+>/g, ' ');
    };
    const collected = tableAfter(R.collectedHeading);
    const contacted = tableAfter(R.contactHeading);
    for (const k of ['chat_menu', 'counter_qr', 'case_invitation', 'paper'])
      expect(collected).toMatch(new RegExp(`${esc(R.sources[k]!)}\\s+1\\s+25\\.00`));
    expect(contacted).toMatch(new RegExp(`${esc(contactLabels.online)}\\s+2\\s+50\\.00`));
    expect(contacted).toMatch(new RegExp(`${esc(contactLabels.counter)}\\s+1\\s+25\\.00`));
    expect(contacted).not.toContain(R.sources.counter_qr);
    expect(collected).not.toContain(contactLabels.counter);
    expect(html).not.toContain('ผ่านณ');

    // PDF text layer.
    const pdf = await htmlToPdf(html);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'source-report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
      .normalize('NFC')
      .replace(/[ \t]+/g, ' ');
    expect(text).toContain(R.collectedHeading);
    expect(text).toContain(R.contactHeading);
    for (const k of ['chat_menu', 'counter_qr', 'case_invitation'])
      expect(text).toContain(R.sources[k]!);
    expect(text).toMatch(/ออนไลน์ \(เว็บไซต์ อีเมล โทรศัพท์\) 2 50\.00/);

    // XLSX: both tables' rows, with their labels.
    const zip = unzipSync(new Uint8Array(await reportXlsx(report)));
    const strings = Object.entries(zip)
      .filter(([n]) => n.startsWith('xl/'))
      .map(([, b]) => strFromU8(b))
      .join('\n');
    for (const k of ['chat_menu', 'counter_qr', 'case_invitation', 'paper'])
      expect(strings).toContain(R.sources[k]!);
    expect(strings).toContain(contactLabels.online);
    expect(strings).toContain(contactLabels.counter);
  }, 120_000);
});

function esc(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
