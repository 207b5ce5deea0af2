import { unzipSync, strFromU8 } from 'fflate';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCsvFiles, reportXlsx } from '../../bot/reports/export';
import { f2, renderReportHtml } from '../../bot/reports/html';
import { runReportCli } from '../../bot/reports/cli';
import {
  buildSatisfactionReport,
  saveRecommendations,
  type SatisfactionReport,
} from '../../bot/reports/satisfaction';
import type { Database } from '../../db/types';
import { caseStats } from '../../shared/metrics/complaints';
import { scoreAnswers } from '../../shared/metrics/scoring';
import { createTestDatabase } from '../helpers/db';
import { seedReportRound, type ReportFixture } from '../helpers/report-fixtures';

let database: Database;
let fx: ReportFixture;
let report: SatisfactionReport;
// A day after the round closed: open cases past their due time are overdue.
const NOW = new Date('2026-04-01T10:00:00+07:00');
const CFG = { topTwoMinScore: 75 };

beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedReportRound(database.db, { respondents: 40, previous: 12, cases: 30 });
  await saveRecommendations(database.db, fx.org.id, '2569-1', 'ปรับปรุงที่จอดรถ\n\nเพิ่มช่องทางออนไลน์');
  report = await buildSatisfactionReport(database.db, fx.org, '2569-1', NOW);
}, 60_000);
afterAll(async () => database?.close());

describe('satisfaction report figures (SQL) agree with shared/metrics', () => {
  it('scores the round as the pure functions do', () => {
    const expected = scoreAnswers(fx.answers, {}, CFG);
    expect(report.card.respondents).toBe(40);
    expect(report.card.questions).toEqual(expected.questions);
    expect(report.card.indicators).toEqual(expected.indicators);
    expect(report.card.eit).toBe(expected.eit);
    expect(report.card.satisfaction).toEqual(expected.satisfaction);
    expect(report.card.eit).not.toBeNull();
    expect(report.method.topTwoMinScore).toBe(75); // from the survey's 5-level scale
    expect(report.method.targetSample).toBe(100);
  });

  it('scores each service and the previous round', () => {
    for (const [i, id] of fx.serviceIds.entries()) {
      const e = scoreAnswers(fx.answers, { serviceId: id }, CFG);
      const got = report.byService.find((s) => s.id === id)!;
      expect(got.respondents).toBe(e.respondents);
      expect(got.mean).toBe(e.satisfaction!.mean);
      expect(got.topTwoShare).toBe(e.satisfaction!.topTwoShare);
      expect(got.smallSample).toBe(true); // 20 < 30
      expect(i).toBeGreaterThanOrEqual(0);
    }
    expect(report.previous?.label).toBe('2568-2');
    expect(report.previous?.eit).toBe(scoreAnswers(fx.previousAnswers, {}, CFG).eit);
    expect(report.lastYear).toBeNull();
  });

  it('computes case statistics as caseStats does', () => {
    const e = caseStats(fx.cases, NOW);
    const { byCategory, byState, byKind, ...rest } = report.cases;
    const { byCategory: ec, byState: es, byKind: ek, ...erest } = e;
    expect(rest).toEqual({ ...erest });
    expect(new Set(byCategory.map((x) => `${x.category}:${x.count}`))).toEqual(
      new Set(ec.map((x) => `${x.category}:${x.count}`)),
    );
    expect(new Set(byState.map((x) => `${x.stateType}:${x.count}`))).toEqual(
      new Set(es.map((x) => `${x.stateType}:${x.count}`)),
    );
    expect(new Set(byKind.map((x) => `${x.kind}:${x.count}`))).toEqual(
      new Set(ek.map((x) => `${x.kind}:${x.count}`)),
    );
    expect(e.onTimeShare).not.toBeNull();
    expect(e.openOverdue).toBeGreaterThan(0);
  });

  it('groups comments by theme with personal data removed', () => {
    const all = report.comments.flatMap((g) => g.comments).join('\n');
    expect(report.comments.length).toBeGreaterThan(2);
    for (const gone of ['081-234-5678', '1101700230708', 'สมชาย']) expect(all).not.toContain(gone);
    expect(all).toContain('[เบอร์โทร]');
    expect(report.comments.find((g) => g.theme === 'place')!.comments[0]).toContain('ที่จอดรถ');
  });
});

describe('outputs carry the same figures', () => {
  it('HTML shows the title, the scores, the case figures and the recommendations', () => {
    const html = renderReportHtml(report);
    expect(html).toContain('รายงานผลการสำรวจความพึงพอใจ รอบ 6 เดือน');
    expect(html).toContain('1 ตุลาคม 2568 – 31 มีนาคม 2569');
    expect(html).toContain(`<b>${f2(report.card.eit)}</b>`);
    for (const i of report.card.indicators) expect(html).toContain(`>${f2(i.score)}<`);
    for (const q of report.card.questions) expect(html).toContain(`>${f2(q.score)}<`);
    expect(html).toContain(`<b class="ontime">${f2(report.cases.onTimeShare)}</b>`);
    expect(html).toContain('<p>ปรับปรุงที่จอดรถ</p><p>เพิ่มช่องทางออนไลน์</p>');
    expect(html).not.toContain('081-234-5678');
    expect(html).toMatch(/@font-face\{font-family:'Sarabun'/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // self-contained
  });

  it('HTML escapes the text of the organisation, the residents and the recommendations', () => {
    const bad = `<script>alert("x&'y")</script>`;
    const escaped = '&lt;script&gt;alert(&quot;x&amp;&#39;y&quot;)&lt;/script&gt;';
    const q = report.card.questions[0]!.questionCode;
    const html = renderReportHtml(
      {
        ...report,
        org: { ...report.org, name: `อบต ${bad}` },
        recommendations: `ข้อหนึ่ง ${bad}\nบรรทัดสอง\n\nข้อสอง`,
        byService: report.byService.map((s) => ({ ...s, name: `บริการ ${bad}` })),
        questionTexts: { ...report.questionTexts, [q]: `คำถาม ${bad}` },
        comments: [{ ...report.comments[0]!, comments: [`ความเห็น ${bad}`] }],
        signatories: { preparer: { name: `นาย ${bad}`, position: `ตำแหน่ง ${bad}` } },
      },
      { logoDataUrl: `data:image/png;base64,AAA"><script>x</script>` },
    );
    expect(html).not.toContain('<script');
    for (const text of ['อบต', 'บริการ', 'คำถาม', 'ความเห็น', 'นาย', 'ตำแหน่ง'])
      expect(html).toContain(`${text} ${escaped}`);
    expect(html).toContain(`alt="อบต ${escaped}"`); // the logo's alt attribute
    expect(html).toContain(
      'src="data:image/png;base64,AAA&quot;&gt;&lt;script&gt;x&lt;/script&gt;"',
    );
    expect(html).toContain(`<p>ข้อหนึ่ง ${escaped}<br>บรรทัดสอง</p><p>ข้อสอง</p>`);
  });

  it('CSV tables hold the scored figures', () => {
    const files = Object.fromEntries(reportCsvFiles(report).map((f) => [f.name, f.csv]));
    const lines = files['indicators.csv']!.replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('indicator,label,score,answers');
    for (const i of report.card.indicators)
      expect(lines).toContain(
        `${i.indicator},${i.indicator}. ${['', '', '', '', '', '', 'คุณภาพการดำเนินงาน', 'ประสิทธิภาพการสื่อสาร', 'การปรับปรุงระบบการทำงาน'][Number(i.indicator)]},${i.score},${i.n}`,
      );
    expect(files['summary.csv']).toContain(`eit,คะแนน EIT (เฉลี่ยตัวชี้วัดที่ 6–8),${report.card.eit}`);
    expect(files['cases.csv']).toContain(
      `on_time_share,,ร้อยละของเรื่องที่เสร็จภายในเวลาที่กำหนด,${report.cases.onTimeShare}`,
    );
  });

  it('the XLSX workbook has a sheet per table with the same numbers', async () => {
    const zip = unzipSync(new Uint8Array(await reportXlsx(report)));
    const workbook = strFromU8(zip['xl/workbook.xml']!);
    // Thai sheet names; the machine keys only on the raw sheet (issue 15).
    expect(workbook).toContain('name="ตัวชี้วัด"');
    expect(workbook).toContain('name="ข้อมูลดิบ"');
    expect(workbook).not.toContain('name="indicators"');
    const sheets = Object.keys(zip).filter((k) => k.startsWith('xl/worksheets/sheet'));
    expect(sheets.length).toBe(9);
    const indicatorsSheet = strFromU8(zip['xl/worksheets/sheet2.xml']!);
    for (const i of report.card.indicators) expect(indicatorsSheet).toContain(`<v>${i.score}</v>`);
    const strings = Object.keys(zip).some((k) => k.includes('sharedStrings'))
      ? strFromU8(zip['xl/sharedStrings.xml']!)
      : indicatorsSheet;
    expect(strings).toContain('คุณภาพการดำเนินงาน');
    expect(strings).toContain('คะแนน (0–100)');
    expect(strings).toContain('on_time_share'); // on the raw sheet
  });

  it('npm run report writes html, csv and xlsx files under DATA_DIR, prints the path, stores nothing unless asked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-'));
    const io = (out: string[], err: string[], now = NOW) => ({
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      env: { DATA_DIR: 'state' },
      cwd: dir,
      now: () => now,
      open: async () => ({ ...database, close: async () => {} }),
    });
    const out: string[] = [];
    const err: string[] = [];
    for (const format of ['html', 'xlsx', 'csv']) {
      const code = await runReportCli(
        ['--org', fx.org.slug, '--round', '2569-1', '--format', format],
        io(out, err),
      );
      expect(err).toEqual([]);
      expect(code).toBe(0);
    }
    const reports = join(dir, 'state', 'reports');
    const htmlFile = join(reports, `report-${fx.org.slug}-2569-1.html`);
    const html = await readFile(htmlFile, 'utf8');
    expect(html).toContain(f2(report.card.eit));
    expect((await readdir(join(reports, `report-${fx.org.slug}-2569-1`))).sort()).toContain(
      'questions.csv',
    );
    expect(out[0]).toContain(`${report.card.respondents} respondents`);
    expect(out[1]).toBe(htmlFile);
    // Nothing written into the working (project) folder itself.
    expect(await readdir(dir)).toEqual(['state']);
    expect(await runReportCli(['--org', fx.org.slug, '--round', '2569-3'], io(out, err))).toBe(2);
    expect(await runReportCli(['--org', 'nope', '--round', '2569-1'], io(out, err))).toBe(1);
    expect(await runReportCli(['--bogus'], io(out, err))).toBe(2);
  });

  it('npm run report defaults to the current round, answers --help, refuses a round not started', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-'));
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      env: { DATA_DIR: 'state' },
      cwd: dir,
      // 31 March 2569: the last day of round 2569-1.
      now: () => new Date('2026-03-31T12:00:00+07:00'),
      open: async () => ({ ...database, close: async () => {} }),
    };
    expect(await runReportCli(['--help'], io)).toBe(0);
    expect(out.join('\n')).toContain('วิธีใช้: npm run report');
    expect(out.join('\n')).toContain('usage: npm run report');
    expect(out.join('\n')).toContain('2569-1');
    out.length = 0;
    expect(await runReportCli(['--org', fx.org.slug, '--format', 'html'], io)).toBe(0);
    expect(out[1]).toBe(join(dir, 'state', 'reports', `report-${fx.org.slug}-2569-1.html`));
    expect(await runReportCli(['--org', fx.org.slug, '--round', '2569-2'], io)).toBe(2);
    expect(err.join('\n')).toContain('รอบที่ 2/2569 ยังไม่เริ่ม');
    expect(err.join('\n')).toContain('รอบปัจจุบันคือรอบที่ 1/2569');
  });
});
