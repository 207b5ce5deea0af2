import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { thAdmin } from '../../shared/text/th-admin';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../bot/cli';
import { seedOrg } from '../../db/seed';
import { servicePoints, services, surveyRounds, surveys } from '../../db/schema';
import type { Database } from '../../db/types';
import { DEFAULT_SURVEY } from '../../shared/survey/default-survey';
import { createTestDatabase } from '../helpers/db';

describe('npm run cli -- survey setup / survey publish', () => {
  let d: Database;
  const dir = mkdtempSync(join(tmpdir(), 'fs-survey-cli-'));
  beforeAll(async () => {
    d = await createTestDatabase();
  });
  afterAll(async () => {
    await d.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const cli = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: {},
      cwd: dir,
      open: async () => ({ ...d, close: async () => {} }),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('sets up services, points, the default survey and the round; publishes a new version once', async () => {
    const org = await seedOrg(d.db, {
      slug: 'cli-org',
      name: 'อบต.ทดสอบ',
      divisions: [{ code: 'clerk', name: 'สำนักปลัด' }],
      staff: [],
    });
    writeFileSync(
      join(dir, 'services.json'),
      JSON.stringify({
        services: [{ code: 'tax', name: 'ชำระภาษี', division: 'clerk' }],
        points: [{ code: 'counter-1', name: 'ช่องบริการ 1', service: 'tax' }],
      }),
    );
    const setup = await cli(['survey', 'setup', '--org', 'cli-org', 'services.json']);
    expect(setup).toMatchObject({ code: 0 });
    expect(setup.out).toContain('1 services, 1 service points');
    expect(await d.db.select().from(services).where(eq(services.orgId, org.id))).toHaveLength(1);
    const [point] = await d.db.select().from(servicePoints).where(eq(servicePoints.orgId, org.id));
    expect(point!.serviceId).not.toBeNull();
    expect(
      await d.db.select().from(surveyRounds).where(eq(surveyRounds.orgId, org.id)),
    ).toHaveLength(1);

    const v2 = { ...structuredClone(DEFAULT_SURVEY), version: 2, title: 'แบบประเมิน ฉบับที่ 2' };
    writeFileSync(join(dir, 'v2.json'), JSON.stringify(v2));
    expect((await cli(['survey', 'publish', 'v2.json', '--org', 'cli-org'])).out).toContain(
      'version 2 published',
    );
    const again = await cli(['survey', 'publish', 'v2.json', '--org', 'cli-org']);
    expect(again.out).toContain('left unchanged');
    const rows = await d.db
      .select()
      .from(surveys)
      .where(and(eq(surveys.orgId, org.id), eq(surveys.code, 'service')));
    expect(rows.map((r) => r.version).sort()).toEqual([1, 2]);

    const broken = structuredClone(v2);
    broken.version = 3;
    broken.sections[1]!.questions[1]!.showIf = { question: 'e1', in: ['9'] };
    writeFileSync(join(dir, 'v3.json'), JSON.stringify(broken));
    const bad = await cli(['survey', 'publish', 'v3.json', '--org', 'cli-org']);
    expect(bad.code).toBe(1);
    // The console's checker, in Thai by path.
    expect(bad.err).toContain(`v3.json: ${thAdmin.surveys.invalid(1)}`);
    expect(bad.err).toMatch(
      new RegExp(`  questions\\.[a-z0-9_]+: ${thAdmin.surveys.issues.showIfValue('9')}`),
    );
    const untyped = structuredClone(v2) as Record<string, unknown>;
    delete untyped.title;
    writeFileSync(join(dir, 'v4.json'), JSON.stringify(untyped));
    const shapeless = await cli(['survey', 'publish', 'v4.json', '--org', 'cli-org']);
    expect(shapeless.code).toBe(1);
    expect(shapeless.err).toContain(`  title: ${thAdmin.surveys.issues.zod.invalid_type}`);
    expect((await cli(['survey', 'publish', 'v2.json'])).code).toBe(2);
    expect((await cli(['survey', 'setup', '--org', 'nobody'])).code).toBe(1);
  });
});
