/**
 * The demo answers a newcomer's `npm start` writes (db/demo-answers.ts): the current round's
 * report has respondents, a previous round to compare with, and writing again adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSatisfactionReport } from '../../bot/reports/satisfaction';
import { seedDemoAnswers } from '../../db/demo-answers';
import { seedOrg, type OrgSeed } from '../../db/seed';
import demoOrg from '../../db/seed/demo-org.json' with { type: 'json' };
import demoServices from '../../db/seed/demo-services.json' with { type: 'json' };
import { seedSurveys } from '../../db/survey-seed';
import type { Database } from '../../db/types';
import { roundOf } from '../../shared/metrics/round';
import { createTestDatabase } from '../helpers/db';

// 2 December 2569 (2026): the README's "today", in round 2570-1.
const NOW = new Date('2026-12-02T10:00:00+07:00');

describe('demo survey answers', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  it('give the current round a real report, with earlier rounds to compare, written once', async () => {
    const slug = `demo-${Math.random().toString(36).slice(2, 8)}`;
    const org = await seedOrg(database.db, { ...(demoOrg as OrgSeed), slug });
    await seedSurveys(database.db, org.id, demoServices, NOW);
    const written = await seedDemoAnswers(database.db, org.id, NOW);
    expect(written).toBeGreaterThan(100);
    expect(await seedDemoAnswers(database.db, org.id, NOW)).toBe(0);

    const round = roundOf(NOW);
    expect(round.label).toBe('2570-1');
    const report = await buildSatisfactionReport(
      database.db,
      { id: org.id, name: 'เทศบาลตำบลฟังเสียง', slug },
      round.label,
      NOW,
    );
    expect(report.card.respondents).toBeGreaterThan(50);
    expect(report.card.eit).not.toBeNull();
    expect(report.previous?.respondents).toBeGreaterThan(0);
    expect(report.lastYear?.respondents).toBeGreaterThan(0);
    expect(report.method.sources.length).toBeGreaterThan(1);
    expect(report.monthly?.length).toBeGreaterThan(0);
  });
});
