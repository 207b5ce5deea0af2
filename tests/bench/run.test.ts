import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchRun } from './run';

/**
 * Smoke test of `npm run bench` (not timed; the figures are not looked at): a quick run of
 * the cheapest part writes its Markdown and JSON, and --compare reads them back. Once per CI
 * (the PGlite run), since the database under test plays no part.
 */
describe.skipIf(!!process.env.DATABASE_URL)('npm run bench (smoke)', () => {
  const out = mkdtempSync(join(tmpdir(), 'fs-bench-results-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const bench = (...args: string[]) =>
    execFileSync(
      process.execPath,
      ['--import', 'tsx', 'tests/bench/run.ts', '--out', out, ...args],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );

  it('--quick --only pglite writes <date>-<commit>.md/.json; --compare parses the saved run', () => {
    bench('--quick', '--only', 'pglite');
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT\d{4}Z-[0-9a-f]{7,}\.json$/);
    expect(files[1]).toBe(files[0]!.replace(/json$/, 'md'));
    const run = JSON.parse(readFileSync(join(out, files[0]!), 'utf8')) as BenchRun;
    expect(run.quick).toBe(true);
    expect(run.failures).toEqual({});
    expect(run.machine.cpus).toBeGreaterThan(0);
    expect(run.machine.loadAverageAtStart).toHaveLength(3);
    expect(run.metrics.map((m) => m.metric)).toEqual(['start', 'RSS']);
    expect(readFileSync(join(out, files[1]!), 'utf8')).toContain('| pglite | start |');

    const saved = join(out, files[0]!);
    const compared = bench('--compare', saved, '--to', run.commit);
    expect(compared).toContain(`Compared with ${run.commit}`);
    expect(compared).toMatch(/\| pglite \| RSS \| [\d.]+ \| [\d.]+ \| 1\.00 \| same \|/);
    expect(() => bench('--compare', 'fffffff', '--to', saved)).toThrow(/no saved run/);
  }, 180_000);
});
