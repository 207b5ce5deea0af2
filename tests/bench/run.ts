/**
 * `npm run bench`: runs the benchmarks one after the other, each in its own process, and
 * writes one Markdown table and one JSON file under bench/results/<date>-<commit>.{md,json}
 * with the commit and the machine (CPUs, memory, Node, load average at the start).
 *
 *   npm run bench                              every benchmark (about 10–15 min on 2 vCPU)
 *   npm run bench -- --only webhook,alerts     a subset (names below)
 *   npm run bench -- --quick                   a smoke run: tiny sizes, figures meaningless
 *   npm run bench -- --compare <commit|file>   run, then print the ratio to a saved run
 *   npm run bench -- --compare <a> --to <b>    no run: compare two saved runs
 *
 * --pg URL (BENCH_PG_URL, default the local server) is where the PostgreSQL parts create
 * their own databases; --out DIR (BENCH_RESULTS_DIR) replaces bench/results.
 * Figures taken on a busy machine are meaningless: a load average above 1 at the start is
 * written into the results and warned about. Benchmarks are never timed tests.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Metric {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  /** Which way is better, for --compare. */
  better: 'higher' | 'lower';
}

export interface BenchRun {
  at: string;
  commit: string;
  dirty: boolean;
  quick: boolean;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    platform: string;
    loadAverageAtStart: number[];
  };
  warnings: string[];
  metrics: Metric[];
  failures: Record<string, string>;
  raw: Record<string, unknown>;
}

type Json = Record<string, any>;
interface Bench {
  name: string;
  what: string;
  script: string;
  args: (o: { quick: boolean; pg: string }) => string[];
  env?: (o: { pg: string }) => Record<string, string>;
  json: string;
  metrics: (j: Json) => Array<Omit<Metric, 'bench'>>;
}

const m = (
  metric: string,
  value: unknown,
  unit: string,
  better: 'higher' | 'lower',
): Omit<Metric, 'bench'> | null =>
  typeof value === 'number' && Number.isFinite(value) ? { metric, value, unit, better } : null;
const maxOf = (v: unknown) => (Array.isArray(v) && v.length ? Math.max(...v) : v);
const compact = <T>(xs: Array<T | null>) => xs.filter((x): x is T => x !== null);

export const BENCHES: Bench[] = [
  {
    name: 'webhook',
    what: 'webhook ingest vs the bare signature-checking server (PGlite, PostgreSQL)',
    script: 'tests/bench/webhook.bench.ts',
    args: ({ quick, pg }) =>
      quick
        ? ['--only', 'bare,pglite', '--events', '100', '--seconds', '1', '--rate', '50'].concat([
            '--warmup-seconds',
            '0',
            '--concurrency',
            '4',
          ])
        : ['--pg', pg],
    json: '.tmp/bench-webhook.json',
    metrics: (j) => {
      const servers = (j.servers ?? {}) as Json;
      const bare = servers.bare?.closedLoop?.eventsPerSec;
      return Object.entries(servers).flatMap(([kind, s]: [string, Json]) =>
        compact([
          m(`${kind}: acked ev/s (closed loop)`, s.closedLoop?.eventsPerSec, 'ev/s', 'higher'),
          kind === 'bare'
            ? null
            : m(
                `${kind}: share of the bare server`,
                s.closedLoop?.eventsPerSec / bare,
                '',
                'higher',
              ),
          m(`${kind}: processed ev/s`, s.closedLoop?.processedPerSec, 'ev/s', 'higher'),
          m(`${kind}: p99 ack at ${j.config?.rate}/s`, s.fixedRate?.p99Ms, 'ms', 'lower'),
          m(`${kind}: server CPU per event`, s.closedLoop?.serverCpuMsPerEvent, 'ms', 'lower'),
          m(
            `${kind}: machine CPU per event`,
            s.closedLoop?.cpu?.machineCpuMsPerEvent,
            'ms',
            'lower',
          ),
          m(`${kind}: start`, s.startupMs, 'ms', 'lower'),
          m(`${kind}: RSS at start`, s.startRssMb, 'MB', 'lower'),
          m(`${kind}: peak RSS`, s.peakRssMb, 'MB', 'lower'),
          s.exactlyOnce
            ? m(`${kind}: exactly once (1 = yes)`, s.exactlyOnce.ok ? 1 : 0, '', 'higher')
            : null,
        ]),
      );
    },
  },
  {
    name: 'residents',
    what: 'end-to-end answer latency, 200 residents at once (webhook → reply at the fake LINE)',
    script: 'tests/bench/flow.bench.ts',
    args: ({ quick, pg }) =>
      ['--only', 'residents', '--pg', pg].concat(
        quick ? ['--residents', '10', '--messages', '2'] : [],
      ),
    json: '.tmp/bench-flow.json',
    metrics: (j) =>
      compact([
        m('p50 answer', j.residents?.p50Ms, 'ms', 'lower'),
        m('p95 answer', j.residents?.p95Ms, 'ms', 'lower'),
        m('answered messages/s', j.residents?.messagesPerS, 'msg/s', 'higher'),
      ]),
  },
  {
    name: 'alerts',
    what: 'new complaint → staff alert sent, under 100 background events/s',
    script: 'tests/bench/staff-alert.bench.ts',
    args: ({ quick, pg }) => ['--pg', pg].concat(quick ? ['--complaints', '3', '--rate', '5'] : []),
    json: '.tmp/bench-staff-alert.json',
    metrics: (j) =>
      compact([
        m('median', j.medianMs, 'ms', 'lower'),
        m('p95', j.p95Ms, 'ms', 'lower'),
        m('max', j.maxMs, 'ms', 'lower'),
      ]),
  },
  {
    name: 'survey',
    what: 'survey submissions (LIFF ID token verified, 32 in flight)',
    script: 'tests/bench/flow.bench.ts',
    args: ({ quick, pg }) =>
      ['--only', 'survey', '--pg', pg].concat(
        quick ? ['--submissions', '20', '--concurrency', '4'] : [],
      ),
    json: '.tmp/bench-flow.json',
    metrics: (j) =>
      compact([
        m('submissions/s', j.survey?.perS, '/s', 'higher'),
        m('p95', j.survey?.p95Ms, 'ms', 'lower'),
        m(
          'accepted (201/200)',
          (j.survey?.statuses?.[201] ?? 0) + (j.survey?.statuses?.[200] ?? 0),
          '',
          'higher',
        ),
      ]),
  },
  {
    name: 'report',
    what: 'satisfaction report at 1,000,000 answers (PostgreSQL)',
    script: 'tests/bench/report.bench.ts',
    args: ({ quick }) => (quick ? ['--scale', '0.001'] : []),
    env: ({ pg }) => ({ DATABASE_URL: pg }),
    json: '.tmp/bench-report.json',
    metrics: (j) =>
      compact([
        m('figures (slowest run)', maxOf(j.figuresMs), 'ms', 'lower'),
        m('HTML (slowest run)', maxOf(j.htmlMs), 'ms', 'lower'),
        m('XLSX', j.xlsxMs, 'ms', 'lower'),
        m('PDF', j.pdfMs, 'ms', 'lower'),
        m('peak RSS', j.memory?.peakRssMiB, 'MiB', 'lower'),
      ]),
  },
  {
    name: 'pglite',
    what: 'PGlite: open a fresh directory with migrations, RSS after',
    script: 'tests/bench/flow.bench.ts',
    args: () => ['--only', 'pglite'],
    json: '.tmp/bench-flow.json',
    metrics: (j) =>
      compact([
        m('start', j.pglite?.startMs, 'ms', 'lower'),
        m('RSS', j.pglite?.rssMb, 'MB', 'lower'),
      ]),
  },
];

// ---------------------------------------------------------------- options

export function parseArgs(argv: string[]) {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  const only = (get('only') ?? '').split(',').filter(Boolean);
  for (const n of only) {
    if (!BENCHES.some((b) => b.name === n)) {
      throw new Error(`--only takes ${BENCHES.map((b) => b.name).join(',')} (got "${n}")`);
    }
  }
  return {
    only,
    quick: argv.includes('--quick'),
    compare: get('compare'),
    to: get('to'),
    pg:
      get('pg') ??
      process.env.BENCH_PG_URL ??
      'postgres://postgres:postgres@127.0.0.1:5432/postgres',
    out: resolve(ROOT, get('out') ?? process.env.BENCH_RESULTS_DIR ?? 'bench/results'),
  };
}

// ---------------------------------------------------------------- saved runs

const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();

/** A saved run by file path, or the newest saved run of a commit (any prefix of its hash). */
export function findRun(dir: string, ref: string): string {
  if (existsSync(ref) && ref.endsWith('.json')) return ref;
  let hash = ref;
  try {
    hash = git('rev-parse', '--short', ref);
  } catch {
    /* not a git ref here: match the text as given */
  }
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .filter((f) => {
          const c = f.slice(0, -5).split('-').at(-1)!;
          return c.startsWith(hash.slice(0, 7)) || hash.startsWith(c);
        })
        .sort()
    : [];
  if (!files.length) throw new Error(`no saved run for "${ref}" in ${dir}`);
  return join(dir, files.at(-1)!);
}

export function compareRuns(current: BenchRun, saved: BenchRun): string {
  const lines = [
    `Compared with ${saved.commit} (${saved.at}${saved.quick ? ', quick' : ''}): ratio = this run / saved run`,
    '',
    '| bench | metric | saved | this run | ratio | |',
    '|---|---|---:|---:|---:|---|',
  ];
  for (const now of current.metrics) {
    const was = saved.metrics.find((x) => x.bench === now.bench && x.metric === now.metric);
    if (!was) continue;
    const ratio = was.value === 0 ? NaN : now.value / was.value;
    const verdict = !Number.isFinite(ratio)
      ? ''
      : Math.abs(ratio - 1) < 0.05
        ? 'same'
        : ratio > 1 === (now.better === 'higher')
          ? 'better'
          : 'worse';
    lines.push(
      `| ${now.bench} | ${now.metric} | ${fmt(was.value)} | ${fmt(now.value)} | ${Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a'} | ${verdict} |`,
    );
  }
  return lines.join('\n');
}

const fmt = (v: number) =>
  Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toFixed(3);

export function markdown(run: BenchRun): string {
  const mc = run.machine;
  const out = [
    `# Benchmark ${run.commit}${run.dirty ? ' (uncommitted changes)' : ''}${run.quick ? ' — quick smoke run, figures meaningless' : ''}`,
    '',
    `${run.at} · ${mc.cpus} × ${mc.cpuModel} · ${mc.memoryGb} GB · Node ${mc.node} · ${mc.platform} · load average at start ${mc.loadAverageAtStart.join(' / ')}`,
    '',
    ...run.warnings.map((w) => `> **Warning:** ${w}\n`),
    '| bench | metric | value | unit |',
    '|---|---|---:|---|',
    ...run.metrics.map((x) => `| ${x.bench} | ${x.metric} | ${fmt(x.value)} | ${x.unit} |`),
  ];
  const failed = Object.entries(run.failures);
  if (failed.length) out.push('', '## Failed', '', ...failed.map(([b, e]) => `- ${b}: ${e}`));
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- running

function runBench(b: Bench, o: { quick: boolean; pg: string }): Json {
  const jsonPath = join(ROOT, b.json);
  const started = Date.now();
  console.log(`\n== ${b.name}: ${b.what}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', b.script, ...b.args(o)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...(b.env?.(o) ?? {}) },
  });
  if (r.status !== 0) throw new Error(`exited with ${r.status ?? r.signal}`);
  if (!existsSync(jsonPath)) throw new Error(`wrote no ${b.json}`);
  const j = JSON.parse(readFileSync(jsonPath, 'utf8')) as Json;
  // A file older than this run is a previous run's: the bench did not write its figures.
  if (j.at && Date.parse(j.at) < started - 1000)
    throw new Error(`${b.json} is from an earlier run`);
  return j;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.compare && o.to) {
    const a = JSON.parse(readFileSync(findRun(o.out, o.compare), 'utf8')) as BenchRun;
    const b = JSON.parse(readFileSync(findRun(o.out, o.to), 'utf8')) as BenchRun;
    console.log(compareRuns(b, a));
    return;
  }
  const savedPath = o.compare ? findRun(o.out, o.compare) : null;
  let commit = 'unknown';
  let dirty = false;
  try {
    commit = git('rev-parse', '--short', 'HEAD');
    dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
  } catch {
    /* not a git checkout */
  }
  const load = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const warnings: string[] = [];
  if (load[0]! > 1) {
    warnings.push(
      `load average ${load[0]} > 1 at the start: the machine is busy, the figures are not comparable.`,
    );
  }
  if (o.quick)
    warnings.push('--quick: smoke-run sizes; the figures say nothing about performance.');
  for (const w of warnings) console.warn(`warning: ${w}`);
  const run: BenchRun = {
    at: new Date().toISOString(),
    commit,
    dirty,
    quick: o.quick,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverageAtStart: load,
    },
    warnings,
    metrics: [],
    failures: {},
    raw: {},
  };
  for (const b of BENCHES.filter((x) => !o.only.length || o.only.includes(x.name))) {
    try {
      const j = runBench(b, o);
      run.raw[b.name] = j;
      run.metrics.push(...b.metrics(j).map((x) => ({ bench: b.name, ...x })));
    } catch (e) {
      run.failures[b.name] = (e as Error).message;
      console.error(`${b.name} failed: ${(e as Error).message}`);
    }
  }
  mkdirSync(o.out, { recursive: true });
  const stamp = run.at.slice(0, 16).replace(/:/g, '');
  const base = join(o.out, `${stamp}Z-${commit}`);
  const md = markdown(run);
  writeFileSync(`${base}.json`, JSON.stringify(run, null, 2) + '\n');
  writeFileSync(`${base}.md`, md);
  console.log('\n' + md);
  console.log(`written: ${base}.md and ${base}.json`);
  if (savedPath) {
    console.log('\n' + compareRuns(run, JSON.parse(readFileSync(savedPath, 'utf8')) as BenchRun));
  }
  process.exitCode = Object.keys(run.failures).length ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
