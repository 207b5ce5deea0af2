import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { orgs } from '../../db/schema';
import { createTestDatabase } from '../../tests/helpers/db';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: {},
    cwd: process.cwd(),
    open: () => {
      throw new Error('ita score must not open the database');
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run cli -- ita score', () => {
  it('prints the roll-up and year-over-year table as JSON', async () => {
    const r = await run(['ita', 'score', 'tests/fixtures/ita-scores.json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.out);
    expect(rep.years.map((y: { overall: number; grade: string }) => [y.overall, y.grade])).toEqual([
      [81.94, 'B'],
      [86.22, 'A'],
    ]);
    const overall = rep.yearOverYear[0].rows.find((x: { item: string }) => x.item === 'overall');
    expect(overall.change).toEqual({
      previous: 81.94,
      current: 86.22,
      points: 4.28,
      percent: 5.22,
      trend: 'up',
    });
  });

  it('prints a Thai table with --format text', async () => {
    const r = await run(['ita', 'score', 'tests/fixtures/ita-scores.json', '--format', 'text']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ผลการประเมิน ITA ปีงบประมาณ พ.ศ. 2567, 2568');
    expect(r.out).toMatch(/คะแนนรวม ITA\s+81\.94 B\s+86\.22 A/);
    expect(r.out).toMatch(/1\. การปฏิบัติหน้าที่\s+99\.07\s+90\.12\s+-8\.95\s+-9\.03%\s+ลดลง/);
    expect(r.out).toMatch(/คะแนนรวม ITA\s+81\.94\s+86\.22\s+\+4\.28\s+\+5\.22%\s+เพิ่มขึ้น/);
    expect(r.out).toContain('2568 จุดอ่อน (ต่ำกว่า 85): ตัวชี้วัดที่ 9 70.00, ตัวชี้วัดที่ 4 79.60');
  });

  it('refuses bad input with a reason and the right exit code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ita-'));
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ years: { '2568': { '1': 120 } } }));
    const r = await run(['ita', 'score', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('years.2568.1');

    const partial = join(dir, 'partial.json');
    await writeFile(partial, JSON.stringify({ years: { '2568': { '1': 90 } } }));
    const p = await run(['ita', 'score', partial]);
    expect(p.code).toBe(1);
    expect(p.err).toContain('missing indicators 2, 3');

    expect((await run(['ita', 'score'])).code).toBe(2);
    expect((await run(['ita', 'score', bad, '--format', 'xml'])).code).toBe(2);
    expect((await run(['ita', 'score', join(dir, 'none.json')])).err).toContain('ENOENT');
  });
});

describe('npm run cli -- ita import / ita score --org', () => {
  it('stores scores for an organisation and rolls up the stored ones, with a what-if', async () => {
    const database = await createTestDatabase();
    try {
      const slug = `ita-${Date.now().toString(36)}`;
      await database.db.insert(orgs).values({ slug, name: 'อบต.ทดสอบ' });
      const open = async () => ({ ...database, close: async () => {} });
      const run2 = async (argv: string[]) => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(argv, {
          out: (l) => out.push(l),
          err: (l) => err.push(l),
          env: {},
          cwd: process.cwd(),
          open,
        });
        return { code, out: out.join('\n'), err: err.join('\n') };
      };
      const imp = await run2(['ita', 'import', 'tests/fixtures/ita-scores.json', '--org', slug]);
      expect(imp.err).toBe('');
      expect(imp.out).toBe(`${slug}: 20 ITA scores stored for 2567, 2568`);
      // Importing again updates in place.
      expect(
        (await run2(['ita', 'import', 'tests/fixtures/ita-scores.json', '--org', slug])).code,
      ).toBe(0);
      const r = await run2(['ita', 'score', '--org', slug, '--what-if=9=100']);
      expect(r.code).toBe(0);
      const rep = JSON.parse(r.out);
      expect(rep.years.map((y: { overall: number }) => y.overall)).toEqual([81.94, 86.22]);
      expect(rep.whatIf).toEqual({
        year: '2568',
        changes: { 9: 100 },
        result: { overall: 92.22, grade: 'A', delta: 6 },
      });
      const t = await run2(['ita', 'score', '--org', slug, '--format', 'text', '--what-if=9=100']);
      expect(t.out).toContain('ถ้าตัวชี้วัดที่ 9 ได้ 100.00 คะแนนรวมจะเป็น 92.22 (ระดับ A)');
      expect((await run2(['ita', 'score', '--org', 'no-such-org'])).code).toBe(1);
      expect((await run2(['ita', 'score', '--org', slug, '--what-if=11=5'])).code).toBe(2);
    } finally {
      await database.close();
    }
  });
});

describe('npm run cli -- ita score: arithmetic as published (decision 039)', () => {
  it('reproduces issue 16’s case: 2567 99.00 and a change of −4.89 / −4.94 %', async () => {
    // Published overall and change from issue 16; indicator scores reconstructed (see fixture test).
    const r = await run(['ita', 'score', 'tests/fixtures/ita-issue16-rounding.json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.out);
    expect(rep.years.map((y: { overall: number }) => y.overall)).toEqual([99, 94.11]);
    const overall = rep.yearOverYear[0].rows.find((x: { item: string }) => x.item === 'overall');
    expect([overall.change.points, overall.change.percent]).toEqual([-4.89, -4.94]);
    const t = await run([
      'ita',
      'score',
      'tests/fixtures/ita-issue16-rounding.json',
      '--format',
      'text',
    ]);
    expect(t.out).toMatch(/คะแนนรวม ITA\s+99\.00\s+94\.11\s+-4\.89\s+-4\.94%\s+ลดลง/);
  });

  it('caps a rating by a tool below its threshold, per year, and says why in Thai', async () => {
    const r = await run(['ita', 'score', 'tests/fixtures/ita-capped.json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.out);
    // 2567's rules switch the threshold off; 2568 keeps the default 85.
    expect(rep.years.map((y: { grade: string }) => y.grade)).toEqual(['A', 'B']);
    expect(rep.years[1].cap.reason).toBe('EIT ต่ำกว่า 85 จึงได้ระดับ B');
    const t = await run(['ita', 'score', 'tests/fixtures/ita-capped.json', '--format', 'text']);
    expect(t.out).toContain('2568: EIT ต่ำกว่า 85 จึงได้ระดับ B (ตามคะแนนรวมจะได้ระดับ A)');
    expect(t.out).not.toContain('2567: EIT');
  });
});
