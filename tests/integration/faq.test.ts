import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../bot/cli';
import { faqVersion, importFaq, loadFaqEntries, loadFaqIndex } from '../../db/faq';
import { bumpConfigVersion } from '../../db/orgs';
import { FaqIndexes } from '../../bot/services';
import { seedDemoFaq } from '../../db/faq-seed';
import { faqEntries, orgs } from '../../db/schema';
import type { Database } from '../../db/types';
import { parseFaqCsv, type FaqCsvRow } from '../../shared/faq/csv';
import { matchFaq, rankFaq } from '../../shared/faq/match';
import { createTestDatabase } from '../helpers/db';

const demoCsv = readFileSync(new URL('../../db/seed/faq-demo.csv', import.meta.url), 'utf8');
const heldOut: { q: string; expect: string | null; set?: 'fresh' }[] = JSON.parse(
  readFileSync(new URL('../fixtures/faq-heldout.json', import.meta.url), 'utf8'),
);

function demoRows(): FaqCsvRow[] {
  const r = parseFaqCsv(demoCsv);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.rows;
}

const row = (id: string, question: string, answer = `คำตอบ ${id}ค่ะ`) => ({
  id,
  question,
  variants: ['ถามอีกแบบ'],
  answer,
  links: [{ label: 'โทร', uri: 'tel:043000000' }],
  quickReplies: ['ถามต่อ'],
});

describe('FAQ in the database', () => {
  let d: Database;
  let n = 0;
  const newOrg = async () => {
    const [org] = await d.db
      .insert(orgs)
      .values({ slug: `faq-${Date.now().toString(36)}-${n++}`, name: 'เทศบาลตำบลทดสอบ' })
      .returning();
    return org!;
  };
  beforeAll(async () => {
    d = await createTestDatabase();
  });
  afterAll(() => d.close());

  describe('the demo FAQ against held-out paraphrases', () => {
    // Measured with `npm run bench:faq` on the whole held-out set: top-1 0.901, top-3 0.977,
    // 69% answered confidently at precision 0.966, 1 of 25 out-of-scope questions answered
    // confidently; on the fresh batch written after tuning alone, top-1 0.806. Floors sit
    // just under.
    it('ranks the right entry first for at least 87% of them and answers few out-of-scope ones', async () => {
      const org = await newOrg();
      const counts = await importFaq(d.db, org.id, demoRows());
      expect(counts.inserted).toBeGreaterThanOrEqual(45);
      // Importing the same file again changes nothing (links and all, as jsonb returns them).
      expect(await importFaq(d.db, org.id, demoRows())).toMatchObject({ updated: 0, inserted: 0 });
      const index = await loadFaqIndex(d.db, org.id);
      const score = (items: typeof heldOut) => {
        let top1 = 0;
        let top3 = 0;
        let answered = 0;
        let answeredRight = 0;
        for (const h of items) {
          const ranked = rankFaq(index, h.q, 3).map((r) => r.entry.extId);
          if (ranked[0] === h.expect) top1++;
          if (ranked.includes(h.expect!)) top3++;
          const m = matchFaq(index, h.q);
          if (m.kind === 'answer') {
            answered++;
            if (m.entry.extId === h.expect) answeredRight++;
          }
        }
        const n = items.length;
        return {
          top1: top1 / n,
          top3: top3 / n,
          answered: answered / n,
          precision: answeredRight / answered,
        };
      };
      const inScope = heldOut.filter((h) => h.expect !== null);
      expect(inScope.length).toBeGreaterThanOrEqual(80);
      const all = score(inScope);
      expect(all.top1).toBeGreaterThanOrEqual(0.87);
      expect(all.top3).toBeGreaterThanOrEqual(0.95);
      expect(all.answered).toBeGreaterThanOrEqual(0.6);
      expect(all.precision).toBeGreaterThanOrEqual(0.93);
      const fresh = score(inScope.filter((h) => h.set === 'fresh'));
      expect(fresh.top1).toBeGreaterThanOrEqual(0.75);
      const outOfScope = heldOut.filter((h) => h.expect === null);
      expect(outOfScope.length).toBeGreaterThanOrEqual(15);
      const wronglyAnswered = outOfScope.filter((h) => matchFaq(index, h.q).kind === 'answer');
      expect(wronglyAnswered.length).toBeLessThanOrEqual(1);
    });

    it('finds every entry by its own question, and each quick reply leads on to another entry', async () => {
      const org = await newOrg();
      await importFaq(d.db, org.id, demoRows());
      const index = await loadFaqIndex(d.db, org.id);
      for (const e of index.entries) {
        expect(rankFaq(index, e.question, 1)[0]?.entry.extId, e.question).toBe(e.extId);
        for (const q of e.quickReplies) {
          const top = rankFaq(index, q, 1)[0]?.entry.extId;
          expect(top, q).toBeDefined();
          expect(top, q).not.toBe(e.extId);
        }
      }
    });
  });

  describe('importFaq', () => {
    it('upserts by id: inserts, updates what changed, leaves the rest, keeps other orgs apart', async () => {
      const org = await newOrg();
      const other = await newOrg();
      await importFaq(d.db, other.id, [row('a', 'เก็บขยะวันไหน')]);
      expect(
        await importFaq(d.db, org.id, [row('a', 'เก็บขยะวันไหน'), row('b', 'ภาษีป้ายยื่นเมื่อไหร่')]),
      ).toEqual({ inserted: 2, updated: 0, unchanged: 0, deleted: 0 });
      const before = await faqVersion(d.db, org.id);
      expect(
        await importFaq(d.db, org.id, [row('a', 'เก็บขยะวันไหน'), row('b', 'ภาษีป้ายยื่นเมื่อไหร่')]),
      ).toEqual({ inserted: 0, updated: 0, unchanged: 2, deleted: 0 });
      expect(await faqVersion(d.db, org.id)).toBe(before);

      const c = await importFaq(d.db, org.id, [
        row('a', 'รถเก็บขยะมาวันไหน', 'ทุกวันจันทร์ค่ะ'),
        row('c', 'สุนัขจรจัด'),
      ]);
      expect(c).toEqual({ inserted: 1, updated: 1, unchanged: 0, deleted: 0 });
      const rows = await loadFaqEntries(d.db, org.id);
      expect(rows.map((r) => r.extId)).toEqual(['a', 'b', 'c']);
      const a = rows.find((r) => r.extId === 'a')!;
      expect(a.answer).toBe('ทุกวันจันทร์ค่ะ');
      // Tokens are stored at import time, from the new question.
      expect(a.tokens).toContain('รถ');
      expect(await faqVersion(d.db, org.id)).not.toBe(before);
      // The other organisation's entry with the same id is untouched.
      const [o] = await loadFaqEntries(d.db, other.id);
      expect(o!.question).toBe('เก็บขยะวันไหน');
    });

    it('with replace, deletes the organisation’s entries that the file no longer has', async () => {
      const org = await newOrg();
      const other = await newOrg();
      await importFaq(d.db, other.id, [row('x', 'ไฟถนนดับ')]);
      await importFaq(d.db, org.id, [row('x', 'ไฟถนนดับ'), row('y', 'น้ำไม่ไหล'), row('z', 'ขอรถน้ำ')]);
      const c = await importFaq(d.db, org.id, [row('y', 'น้ำประปาไม่ไหล')], { replace: true });
      expect(c).toEqual({ inserted: 0, updated: 1, unchanged: 0, deleted: 2 });
      expect((await loadFaqEntries(d.db, org.id)).map((r) => r.extId)).toEqual(['y']);
      expect((await loadFaqEntries(d.db, other.id)).map((r) => r.extId)).toEqual(['x']);
    });

    it('refuses a repeated id and writes nothing', async () => {
      const org = await newOrg();
      await expect(importFaq(d.db, org.id, [row('a', 'ก'), row('a', 'ข')])).rejects.toThrow(
        /twice/,
      );
      expect(await loadFaqEntries(d.db, org.id)).toEqual([]);
    });

    it('imports thousands of entries in one go', async () => {
      const org = await newOrg();
      const many = Array.from({ length: 1200 }, (_, i) => row(`e${i}`, `คำถามเรื่องขยะ ข้อที่ ${i}`));
      expect((await importFaq(d.db, org.id, many)).inserted).toBe(1200);
      const c = await importFaq(d.db, org.id, many.slice(0, 100), { replace: true });
      expect(c.deleted).toBe(1100);
      expect((await loadFaqIndex(d.db, org.id)).entries).toHaveLength(100);
    });
  });

  describe('FaqIndexes (bot/services.ts)', () => {
    const version = async (id: string) => {
      const [o] = await d.db.select().from(orgs).where(eq(orgs.id, id));
      return { id, configVersion: o!.configVersion };
    };

    it('serves the cached index until an import changes the FAQ', async () => {
      const org = await newOrg();
      await importFaq(d.db, org.id, [row('a', 'เก็บขยะวันไหน')]);
      let now = 0;
      const cache = new FaqIndexes({ recheckMs: 1000, now: () => now });
      const o = await version(org.id);
      const [first, same] = await Promise.all([cache.get(d.db, o), cache.get(d.db, o)]);
      expect(same).toBe(first);
      expect(cache.builds).toBe(1);
      expect(first.entries.map((e) => e.extId)).toEqual(['a']);

      await importFaq(d.db, org.id, [row('b', 'ภาษีป้าย')]);
      // Within recheckMs: no query, the old index.
      expect(await cache.get(d.db, o)).toBe(first);
      now += 1000;
      const second = await cache.get(d.db, o);
      expect(second.entries.map((e) => e.extId)).toEqual(['a', 'b']);
      // Checked again, unchanged: the same object.
      now += 1000;
      expect(await cache.get(d.db, o)).toBe(second);
      // A replace that only deletes is seen too (the count changes).
      await importFaq(d.db, org.id, [row('b', 'ภาษีป้าย')], { replace: true });
      now += 1000;
      expect((await cache.get(d.db, o)).entries.map((e) => e.extId)).toEqual(['b']);
    });

    it("rebuilds at once when the organisation's config_version is bumped", async () => {
      const org = await newOrg();
      await importFaq(d.db, org.id, [row('a', 'เก็บขยะวันไหน')]);
      const cache = new FaqIndexes({ recheckMs: 60_000, now: () => 0 });
      const first = await cache.get(d.db, await version(org.id));
      expect(await cache.get(d.db, await version(org.id))).toBe(first);
      expect(cache.builds).toBe(1);
      expect(await bumpConfigVersion(d.db, org.id)).toBe(1);
      const rebuilt = await cache.get(d.db, await version(org.id));
      expect(rebuilt).not.toBe(first);
      expect(cache.builds).toBe(2);
      expect(await cache.get(d.db, await version(org.id))).toBe(rebuilt);
    });
  });

  describe('seedDemoFaq', () => {
    it('imports the demo CSV only into an organisation without entries', async () => {
      const org = await newOrg();
      const first = await seedDemoFaq(d.db, org.id);
      expect(first.seeded).toBe(true);
      expect(first.counts!.inserted).toBe(demoRows().length);
      await d.db.delete(faqEntries).where(eq(faqEntries.extId, 'office-hours'));
      expect(await seedDemoFaq(d.db, org.id)).toEqual({ seeded: false });
      const own = await newOrg();
      await importFaq(d.db, own.id, [row('mine', 'คำถามของเราเอง')]);
      expect(await seedDemoFaq(d.db, own.id)).toEqual({ seeded: false });
      expect(await loadFaqEntries(d.db, own.id)).toHaveLength(1);
    });
  });

  describe('npm run cli -- faq import', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'faq-cli-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const cli = async (argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      let closed = 0;
      const code = await runCli(argv, {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
        env: {},
        cwd: dir,
        open: async () => ({
          ...d,
          close: async () => {
            closed++;
          },
        }),
      });
      return { code, out: out.join('\n'), err: err.join('\n'), closed };
    };

    it('imports a file for an organisation by slug, then replaces', async () => {
      const org = await newOrg();
      writeFileSync(
        join(dir, 'faq.csv'),
        '\ufeffid,question,variants,answer\r\na,เก็บขยะวันไหน,รถขยะมาวันไหน,"ทุกวันจันทร์, พฤหัสค่ะ"\r\nb,ภาษีป้าย,,ยื่นในเดือนมีนาคมค่ะ\r\n',
      );
      const first = await cli(['faq', 'import', 'faq.csv', '--org', org.slug]);
      expect(first).toMatchObject({ code: 0, err: '', closed: 1 });
      expect(first.out).toContain('2 inserted, 0 updated, 0 unchanged, 0 deleted');

      writeFileSync(
        join(dir, 'less.csv'),
        'id,question,variants,answer\nb,ภาษีป้ายยื่นเมื่อไหร่,,ยื่นในเดือนมีนาคมค่ะ\n',
      );
      const second = await cli([
        'faq',
        'import',
        join(dir, 'less.csv'),
        `--org=${org.slug}`,
        '--replace',
      ]);
      expect(second.code).toBe(0);
      expect(second.out).toContain('0 inserted, 1 updated, 0 unchanged, 1 deleted');
      expect((await loadFaqEntries(d.db, org.id)).map((e) => e.extId)).toEqual(['b']);
    });

    it('fails with the file’s errors and line numbers, writing nothing', async () => {
      const org = await newOrg();
      writeFileSync(join(dir, 'bad.csv'), 'id,question,variants,answer\na,คำถาม,,คำตอบ\na,ซ้ำ,,\n');
      const r = await cli(['faq', 'import', 'bad.csv', '--org', org.slug]);
      expect(r.code).toBe(1);
      expect(r.err).toContain('line 3: id "a" repeats line 2');
      expect(r.err).toContain('line 3: answer is empty');
      expect(r.closed).toBe(0);
      expect(await loadFaqEntries(d.db, org.id)).toEqual([]);
    });

    it('names an unknown organisation and a missing file', async () => {
      writeFileSync(join(dir, 'ok.csv'), 'id,question,variants,answer\na,คำถาม,,คำตอบค่ะ\n');
      const r = await cli(['faq', 'import', 'ok.csv', '--org', 'no-such-org']);
      expect(r.code).toBe(1);
      expect(r.err).toContain('no organisation with slug "no-such-org"');
      expect(r.closed).toBe(1);
      const missing = await cli(['faq', 'import', 'nope.csv', '--org', 'demo']);
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('cannot read nope.csv: ENOENT');
    });

    it('prints usage for unknown commands and wrong arguments', async () => {
      const unknown = await cli(['faq', 'export']);
      expect(unknown.code).toBe(2);
      expect(unknown.err).toContain('unknown command: faq export');
      expect(unknown.err).toContain('faq import <file.csv> --org <slug> [--replace]');
      expect((await cli([])).code).toBe(2);
      expect((await cli(['--help'])).code).toBe(0);
      const noOrg = await cli(['faq', 'import', 'ok.csv']);
      expect(noOrg).toMatchObject({ code: 2, closed: 0 });
      expect(noOrg.err).toContain('--org <slug> is required');
      expect((await cli(['faq', 'import', 'ok.csv', '--org'])).err).toContain(
        '--org needs a value',
      );
      expect((await cli(['faq', 'import', 'ok.csv', '--org', 'x', '--force'])).err).toContain(
        'unknown option --force',
      );
    });
  });
});
