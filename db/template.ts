import { count, eq } from 'drizzle-orm';
import { seedDemoAnswers } from './demo-answers';
import { seedDemoFaq } from './faq-seed';
import { seedHolidays } from './holidays';
import { divisions, faqEntries, serviceCategories, services } from './schema';
import { seedOrg, type OrgSeed } from './seed';
import demoOrg from './seed/demo-org.json' with { type: 'json' };
import demoServices from './seed/demo-services.json' with { type: 'json' };
import { seedSurveys } from './survey-seed';
import type { Db } from './types';

/**
 * A new organisation's starting point, copied from the demo data (db/seed/*.json, which a user
 * can copy and edit): divisions, categories with their time limits, services and standards,
 * the FAQ, the default survey with its current round, and the national holidays. No staff: the
 * first admin comes from an invite. Used by `org create` and by a real deployment's first start.
 * Does nothing to an organisation whose slug exists. Node only (the FAQ is read from a file).
 */
export async function createOrgFromTemplate(
  db: Db,
  org: { slug: string; name: string; settings?: Record<string, unknown> },
  now: Date,
): Promise<{ id: string; created: boolean }> {
  const template = demoOrg as OrgSeed;
  const result = await seedOrg(db, {
    ...template,
    slug: org.slug,
    name: org.name,
    settings: { ...(template.settings ?? {}), ...org.settings },
    staff: [],
  });
  if (result.created) await fillFromTemplate(db, result.id, now);
  return result;
}

/** Holidays, FAQ, services and the survey; each part leaves what already exists alone. */
async function fillFromTemplate(db: Db, orgId: string, now: Date): Promise<void> {
  await seedHolidays(db);
  await seedDemoFaq(db, orgId);
  await seedSurveys(db, orgId, demoServices, now);
}

/**
 * The demo organisation of simulator mode and `npm run seed`: the template plus its demo staff
 * (ปลัด, division heads, officers), so every role can be tried in the simulator. Safe to run
 * on every start: existing rows are left as they are and the current survey round is opened.
 */
export async function seedDemo(
  db: Db,
  now: Date,
  opts: { answers?: boolean } = {},
): Promise<{ id: string; created: boolean }> {
  const demo = await seedOrg(db, demoOrg as OrgSeed);
  await fillFromTemplate(db, demo.id, now);
  // Survey answers for this and earlier rounds, so the half-year report has figures (once).
  if (opts.answers) await seedDemoAnswers(db, demo.id, now);
  return demo;
}

/** What an organisation holds of the template, as `org create` reports it. */
export async function templateCounts(db: Db, orgId: string) {
  const n = async (
    table: typeof divisions | typeof serviceCategories | typeof faqEntries | typeof services,
  ) => (await db.select({ n: count() }).from(table).where(eq(table.orgId, orgId)))[0]!.n;
  return {
    divisions: await n(divisions),
    categories: await n(serviceCategories),
    faq: await n(faqEntries),
    services: await n(services),
  };
}
