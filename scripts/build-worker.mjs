#!/usr/bin/env node
/**
 * `npm run build:worker`: bundles the Worker with `wrangler deploy --dry-run --outdir …`
 * (nothing is uploaded) and checks what a dry run alone does not:
 * - wrangler.toml turns on `nodejs_compat`: without it wrangler still exits 0 and only
 *   warns that node:buffer & co. "may throw errors at runtime" — here that fails;
 * - wrangler printed no such warning and no error;
 * - the bundle is at most 1 MB gzipped (the size is reported);
 * - the bundle holds no PGlite (code or .wasm), no migrator and no node:fs.
 *
 * Options: --env <name> (default production), --config <file> (default wrangler.toml),
 * --outdir <dir> (default .tmp/worker-build), --max-gzip-bytes <n> (default 1000000),
 * --self-test: also build a copy of the config without nodejs_compat and require that
 * the check rejects it (CI runs this, so the check is known to be able to fail).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const envName = opt('env', 'production');
const config = resolve(root, opt('config', 'wrangler.toml'));
const outdir = resolve(root, opt('outdir', '.tmp/worker-build'));
const maxGzip = Number(opt('max-gzip-bytes', 1_000_000));
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

/** Builds `configPath` into `dir` and returns the list of problems (empty = good). */
async function check(configPath, dir, { quiet = false } = {}) {
  const problems = [];
  const { unstable_readConfig } = await import('wrangler');
  const cfg = unstable_readConfig({ config: configPath, env: envName || undefined });
  const flags = cfg.compatibility_flags ?? [];
  if (!flags.includes('nodejs_compat')) {
    problems.push(
      `compatibility_flags of env "${envName}" lack "nodejs_compat" (postgres.js needs node:buffer, node:events, node:stream)`,
    );
  }
  // The LIFF build may not exist yet; wrangler refuses a missing assets folder.
  if (cfg.assets?.directory)
    mkdirSync(resolve(dirname(configPath), cfg.assets.directory), { recursive: true });

  rmSync(dir, { recursive: true, force: true });
  const run = spawnSync(
    join(root, 'node_modules/.bin/wrangler'),
    [
      'deploy',
      '--dry-run',
      '--outdir',
      dir,
      '--config',
      configPath,
      ...(envName ? ['--env', envName] : []),
    ],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0', NO_COLOR: '1' },
    },
  );
  const output = `${run.stdout}\n${run.stderr}`;
  if (!quiet) process.stdout.write(output.replace(/\n{3,}/g, '\n\n'));
  if (run.status !== 0) problems.push(`wrangler exited with ${run.status ?? run.signal}`);
  if (
    /wasn't found on the file system but is built into node|enable the "nodejs_compat"/.test(output)
  ) {
    problems.push('wrangler warned that Node built-ins are used without nodejs_compat');
  }
  if (/\[ERROR\]|✘/.test(output)) problems.push('wrangler printed an error');

  let modules = [];
  try {
    modules = readdirSync(dir).filter((f) => !f.endsWith('.map') && f !== 'README.md');
  } catch {
    problems.push(`no bundle in ${relative(root, dir)}`);
  }
  if (!modules.length) problems.push('the bundle is empty');
  let raw = 0;
  let gzip = 0;
  for (const f of modules) {
    const bytes = readFileSync(join(dir, f));
    raw += statSync(join(dir, f)).size;
    gzip += gzipSync(bytes, { level: 9 }).length;
    if (/\.(wasm|data)$/.test(f) && /pglite|postgres/i.test(f))
      problems.push(`the bundle has PGlite's ${f}: PGlite must stay out of the Worker`);
    const text = bytes.toString('utf8');
    for (const [re, what] of [
      [/@electric-sql\/pglite|new PGlite\b/, 'PGlite'],
      [/readMigrationFiles/, "drizzle's migrator (Node only)"],
      [
        /from\s*"(node:)?fs(\/promises)?"|require\("(node:)?fs"\)/,
        'node:fs (Node-only file access)',
      ],
    ]) {
      if (re.test(text)) problems.push(`the bundle contains ${what} (${f})`);
    }
  }
  const reported = /gzip:\s*([\d.]+)\s*KiB/.exec(output)?.[1];
  if (gzip > maxGzip)
    problems.push(`the bundle is ${kib(gzip)} gzipped, over the ${kib(maxGzip)} limit`);
  return { problems, raw, gzip, reported, modules };
}

const main = await check(config, outdir);
console.log(
  `\nworker bundle (env ${envName || '(top level)'}): ${main.modules.join(', ')}: ` +
    `${kib(main.raw)} raw, ${kib(main.gzip)} gzipped (gzip -9; wrangler says ${main.reported ?? '?'} KiB), ` +
    `limit ${kib(maxGzip)}`,
);
let failed = main.problems.length > 0;
for (const p of main.problems) console.error(`build:worker: ${p}`);

if (args.includes('--self-test')) {
  // The same config without nodejs_compat must be rejected, by both detectors.
  const dir = join(root, '.tmp/worker-build-selftest');
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, 'wrangler.toml');
  const up = relative(dir, dirname(config)) || '.';
  const text = readFileSync(config, 'utf8')
    .replace(/^compatibility_flags\s*=.*$/m, '')
    .replace(/^main\s*=\s*"(\.\/)?/m, `main = "${up}/`)
    .replace(/^directory\s*=\s*"(\.\/)?/m, `directory = "${up}/`);
  writeFileSync(copy, text);
  const neg = await check(copy, join(dir, 'out'), { quiet: true });
  const caught = ['lack "nodejs_compat"', 'warned that Node built-ins'].map((s) =>
    neg.problems.some((p) => p.includes(s)),
  );
  const alone = neg.problems.some((p) => p.startsWith('wrangler exited'))
    ? 'failed too'
    : 'exited 0';
  if (caught.every(Boolean)) {
    console.log(
      'self-test: a dry run without nodejs_compat is rejected by the config check and by the ' +
        `warning check (wrangler alone ${alone})`,
    );
  } else {
    failed = true;
    console.error(
      `build:worker self-test: a build without nodejs_compat was not rejected: ${JSON.stringify(neg.problems)}`,
    );
  }
}

if (failed) process.exit(1);
console.log('build:worker: ok');
