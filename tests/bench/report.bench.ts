/**
 * `npm run bench:report [-- --scale 0.1] [--keep]`: the satisfaction report at scale, in
 * PostgreSQL (DATABASE_URL, default the local server). One organisation with 1,000,000
 * survey answers (12 per response: 9 EIT, 2 satisfaction, 1 profile; 80 % in round
 * 2569-1, the rest in 2568-2) and 100,000 cases, made with INSERT … SELECT
 * generate_series in a fresh database that is dropped afterwards (unless --keep).
 * Measures: the round's figures (buildSatisfactionReport: every SQL aggregate plus
 * scoring), HTML, XLSX and PDF rendering, and memory. Targets: figures ≤ 2 s, HTML ≤ 3 s.
 * Then the console's route end to end (bot/reports/routes.ts through Hono, an admin signed in):
 * the draft's JSON, the HTML, and the PDF made on the first click and served kept on the second,
 * with the PDF's page count. `--scale 0.125` is a round of 100,000 answers.
 * Output JSON: .tmp/bench-report.json (and .tmp/bench-report.pdf).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppDeps } from '../../bot/deps';
import type { OrgChannel } from '../../bot/orgs';
import { reportRoutes } from '../../bot/reports/routes';
import { DiskPhotoStore } from '../../bot/storage/disk-photo-store';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { reportXlsx } from '../../bot/reports/export';
import { renderReportHtml } from '../../bot/reports/html';
import { htmlToPdf } from '../../bot/reports/pdf';
import { buildSatisfactionReport } from '../../bot/reports/satisfaction';
import { openPostgres } from '../../db/postgres';
import { parseRound, roundInstants } from '../../shared/metrics/round';
import { DEFINITION, QUESTIONS } from '../helpers/report-fixtures';

const args = process.argv.slice(2);
const flag = (n: string) => {
  const i = args.indexOf(`--${n}`);
  return i < 0 ? undefined : (args[i + 1] ?? '');
};
const scale = Number(flag('scale') ?? process.env.BENCH_SCALE ?? 1);
const keep = args.includes('--keep');
const ANSWERS = Math.round(1_000_000 * scale);
const CASES = Math.round(100_000 * scale);
const PER_RESPONSE = QUESTIONS.length + 1;
const RESPONSES = Math.round(ANSWERS / PER_RESPONSE);

const base = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const name = `fs_bench_report_${Date.now().toString(36)}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
const u = new URL(base);
u.pathname = `/${name}`;

const mb = (b: number) => Math.round(b / 1048576);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, Math.round(performance.now() - t)];
}

await admin.unsafe(`CREATE DATABASE ${name}`);
const database = openPostgres(u.toString(), { max: 10 });
const sql = postgres(u.toString(), { max: 1, onnotice: () => {} });
const out: Record<string, unknown> = {
  scale,
  answers: ANSWERS,
  responses: RESPONSES,
  cases: CASES,
};
try {
  await database.migrate();
  const round = parseRound('2569-1')!;
  const cur = roundInstants(round);
  const prev = roundInstants(parseRound('2568-2')!);
  const [seedMs] = await time(async () => {
    const [org] =
      await sql`insert into orgs (slug, name) values ('bench', 'เทศบาลตำบลทดสอบประสิทธิภาพ') returning id`;
    const orgId = org!.id as string;
    const divs = await sql`insert into divisions (org_id, code, name) values
      (${orgId}, 'palad', 'สำนักปลัด'), (${orgId}, 'chang', 'กองช่าง'), (${orgId}, 'klang', 'กองคลัง') returning id`;
    const svcs = await sql`insert into services (org_id, code, name, division_id) values
      (${orgId}, 's1', 'ขออนุญาตก่อสร้างอาคาร', ${divs[1]!.id}),
      (${orgId}, 's2', 'ชำระภาษีที่ดินและสิ่งปลูกสร้าง', ${divs[2]!.id}),
      (${orgId}, 's3', 'รับแจ้งเรื่องร้องเรียน', ${divs[0]!.id}),
      (${orgId}, 's4', 'ขอรับเบี้ยยังชีพผู้สูงอายุ', ${divs[0]!.id}) returning id, division_id`;
    await sql`insert into service_categories (org_id, code, name, kind) values
      (${orgId}, 'road', 'ถนน/ทางเท้า', 'complaint'), (${orgId}, 'light', 'ไฟฟ้าส่องสว่าง', 'service_request'),
      (${orgId}, 'water', 'น้ำประปา', 'service_request'), (${orgId}, 'bribe', 'เรียกรับสินบน', 'corruption')`;
    const [survey] =
      await sql`insert into surveys (org_id, code, version, assessment_year, title, definition, published_at)
      values (${orgId}, 'eit', 1, 2569, ${DEFINITION.title}, ${sql.json(DEFINITION as never)}, now()) returning id`;
    await sql`insert into survey_rounds (org_id, label, starts_on, ends_on, target_sample)
      values (${orgId}, '2569-1', ${round.startsOn}, ${round.endsOn}, 400)`;
    const svcIds = svcs.map((s) => s.id as string);
    const svcDivs = svcs.map((s) => s.division_id as string);
    const nCur = Math.round(RESPONSES * 0.8);
    const span = (p: { from: Date; to: Date }) => (p.to.getTime() - p.from.getTime()) / 1000;
    for (const [n, p, offset] of [
      [nCur, cur, 0],
      [RESPONSES - nCur, prev, nCur],
    ] as const) {
      await sql`insert into survey_responses (org_id, survey_id, channel, respondent_type, service_id, division_id, dedupe_hash, comment, submitted_at)
        select ${orgId}, ${survey!.id}, (array['line','counter','online','paper'])[1 + g % 4],
          (array['public','contact'])[1 + g % 2],
          (${svcIds}::uuid[])[1 + g % 4], (${svcDivs}::uuid[])[1 + g % 4],
          'b' || (g + ${offset}),
          case when g % 200 = 0 then (array['เจ้าหน้าที่สุภาพ บริการดี','รอคิวนานมาก โทร 081-234-5678','ที่จอดรถไม่พอ','อยากให้มีบริการออนไลน์'])[1 + (g / 200) % 4] else '' end,
          ${p.from.toISOString()}::timestamptz + ((g - 0.5) / ${n}) * ${span(p)} * interval '1 second'
        from generate_series(1, ${n}) g`;
    }
    const qs = QUESTIONS.map(
      (q) => `('${q.code}','${q.indicator}',${q.scale === 'a4' ? 4 : 5})`,
    ).join(',');
    await sql.unsafe(`insert into survey_answers (response_id, org_id, question_code, indicator, value, score)
      select r.id, r.org_id, q.code, q.indicator, x.v::text,
        case q.levels when 4 then round(x.v * 100 / 3.0, 2) else x.v * 25 end
      from survey_responses r cross join (values ${qs}) q(code, indicator, levels)
      cross join lateral (select least(q.levels - 1, floor(sqrt(random()) * q.levels))::int + 0 * length(r.id::text) as v) x
      where r.org_id = '${orgId}'`);
    await sql`insert into survey_answers (response_id, org_id, question_code, indicator, value, score)
      select id, org_id, 'gender', 'profile', case when random() < 0.6 then 'f' else 'm' end, null
      from survey_responses where org_id = ${orgId}`;
    await sql`insert into cases (org_id, tracking_code, kind, category, subject, state_type, state_label, division_id,
        created_at, accepted_at, finished_at, due_at)
      select ${orgId}, 'FS-B' || g, k.kind::case_kind, k.cat, 'เรื่องทดสอบ', s.st::state_type, s.st, (${divs.map((d) => d.id as string)}::uuid[])[1 + g % 3],
        c.created, c.created + (1 + g % 48) * interval '1 hour',
        case when s.st = 'finished' then c.created + (24 + g % 600) * interval '1 hour' end,
        c.created + interval '15 days'
      from generate_series(1, ${CASES}) g
      cross join lateral (select ${prev.from.toISOString()}::timestamptz + ((g - 0.5) / ${CASES}) * ${span(prev) + span(cur)} * interval '1 second' as created) c
      cross join lateral (select (array['complaint','service_request','service_request','corruption'])[1 + g % 4] as kind,
                                 (array['road','light','water','bribe'])[1 + g % 4] as cat) k
      cross join lateral (select (array['finished','finished','finished','in_progress','waiting','rejected'])[1 + (g / 4) % 6] as st) s`;
    await sql`analyze`;
    return orgId;
  }).then(async ([orgId, ms]) => {
    out.orgId = orgId;
    return [ms];
  });
  out.seedMs = seedMs;
  const [[counts]] = await Promise.all([
    sql`select (select count(*) from survey_answers)::int as answers, (select count(*) from cases)::int as cases`,
  ]);
  out.rows = counts;
  const org = { id: out.orgId as string, name: 'เทศบาลตำบลทดสอบประสิทธิภาพ', slug: 'bench' };
  const now = new Date('2026-04-01T10:00:00+07:00');
  // One warm-up (plans, caches), then the measured runs.
  await buildSatisfactionReport(database.db, org, '2569-1', now);
  const figureRuns: number[] = [];
  let report!: Awaited<ReturnType<typeof buildSatisfactionReport>>;
  for (let i = 0; i < 3; i++) {
    const [r, ms] = await time(() => buildSatisfactionReport(database.db, org, '2569-1', now));
    report = r;
    figureRuns.push(ms);
  }
  out.figuresMs = figureRuns;
  out.respondents = report.card.respondents;
  out.eit = report.card.eit;
  const [html, htmlMs] = await time(() => renderReportHtml(report));
  const [, htmlMs2] = await time(() => renderReportHtml(report));
  out.htmlMs = [htmlMs, htmlMs2];
  out.htmlKiB = Math.round(Buffer.byteLength(html) / 1024);
  const [xlsx, xlsxMs] = await time(() => reportXlsx(report));
  out.xlsxMs = xlsxMs;
  out.xlsxKiB = Math.round(xlsx.length / 1024);
  const [pdf, pdfMs] = await time(() => htmlToPdf(html));
  out.pdfMs = pdfMs;
  out.pdfKiB = Math.round(pdf.length / 1024);
  const m = process.memoryUsage();
  out.memory = {
    rssMiB: mb(m.rss),
    peakRssMiB: mb(Math.max(peakRss, m.rss)),
    heapUsedMiB: mb(m.heapUsed),
  };
  // The console's route end to end: auth (an admin; the LINE token check stubbed), figures,
  // rendering and the kept file.
  await sql`insert into staff (org_id, name, line_user_id) values (${org.id}, 'ผู้ดูแลระบบ', 'Ubench')`;
  await sql`insert into staff_roles (org_id, staff_id, role)
    select org_id, id, 'admin' from staff where line_user_id = 'Ubench'`;
  const [orgRow] = await sql`select * from orgs where id = ${org.id}`;
  const filesDir = mkdtempSync(join(tmpdir(), 'bench-report-files-'));
  const channel = {
    org: { ...orgRow, id: org.id, slug: 'bench', name: org.name },
  } as unknown as OrgChannel;
  const deps = {
    db: database.db,
    orgs: { bySlug: async (slug: string) => (slug === 'bench' ? channel : null) },
    services: { idTokens: { lineUser: async () => 'Ubench' } },
    clock: () => now,
  } as unknown as AppDeps;
  const routes = reportRoutes(deps, new DiskPhotoStore(filesDir));
  const call = async (path: string) => {
    const res = await routes.request(`/bench/rounds/2569-1${path}`, {
      headers: { authorization: 'Bearer bench' },
    });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  };
  const [, jsonMs] = await time(() => call(''));
  const [, htmlRouteMs] = await time(() => call('/report.html'));
  const [first, pdfFirstMs] = await time(() => call('/report.pdf'));
  const [second, pdfKeptMs] = await time(() => call('/report.pdf'));
  writeFileSync('.tmp/bench-report.pdf', first.body);
  const pages = Number(
    /Pages:\s+(\d+)/.exec(
      execFileSync('pdfinfo', ['.tmp/bench-report.pdf'], { encoding: 'utf8' }),
    )![1],
  );
  out.console = {
    draftJsonMs: jsonMs,
    htmlMs: htmlRouteMs,
    pdfFirstClickMs: pdfFirstMs,
    pdfFirstClick: first.res.headers.get('x-report-file'),
    pdfSecondClickMs: pdfKeptMs,
    pdfSecondClick: second.res.headers.get('x-report-file'),
    pdfPages: pages,
    charts: (html.match(/<figure class="chart-box">/g) ?? []).length,
  };
  rmSync(filesDir, { recursive: true, force: true });
  out.targets = {
    figuresUnder2s: Math.max(...figureRuns) <= 2000,
    htmlUnder3s: Math.max(htmlMs, htmlMs2) <= 3000,
  };
  console.log(JSON.stringify(out, null, 2));
  mkdirSync('.tmp', { recursive: true });
  writeFileSync('.tmp/bench-report.json', JSON.stringify(out, null, 2));
} finally {
  clearInterval(sampler);
  await sql.end();
  await database.close();
  if (!keep) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  else console.log(`kept database ${name}`);
  await admin.end();
}
