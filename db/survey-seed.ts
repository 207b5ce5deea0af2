import { and, eq, isNotNull } from 'drizzle-orm';
import { DEFAULT_SURVEY } from '../shared/survey/default-survey';
import type { SurveyDefinition } from '../shared/survey/definition';
import { roundOf } from '../shared/survey/rounds';
import { divisions, servicePoints, services, surveyRounds, surveys } from './schema';
import type { Db, Queryable } from './types';

export interface ServicesSeed {
  services: {
    code: string;
    name: string;
    division?: string;
    steps?: string[];
    timeFrame?: string;
    documents?: string[];
    fees?: string;
    channels?: string[];
  }[];
  points: { code: string; name: string; service?: string; division?: string }[];
}

/**
 * Publishes a survey version for an organisation unless that (code, version) exists. A
 * published version is never changed: a new wording is a new version (a new row).
 */
export async function publishSurvey(
  q: Queryable,
  orgId: string,
  def: SurveyDefinition,
  now: Date,
): Promise<{ id: string; created: boolean }> {
  const [row] = await q
    .insert(surveys)
    .values({
      orgId,
      code: def.code,
      version: def.version,
      assessmentYear: def.assessmentYear,
      title: def.title,
      definition: def,
      publishedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: surveys.id });
  if (row) return { id: row.id, created: true };
  const [existing] = await q
    .select({ id: surveys.id })
    .from(surveys)
    .where(
      and(eq(surveys.orgId, orgId), eq(surveys.code, def.code), eq(surveys.version, def.version)),
    );
  return { id: existing!.id, created: false };
}

/** Opens the round `now` falls in (2569-1, 2569-2, …) unless it exists. */
export async function openCurrentRound(q: Queryable, orgId: string, now: Date): Promise<string> {
  const r = roundOf(now);
  await q
    .insert(surveyRounds)
    .values({ orgId, label: r.label, startsOn: r.startsOn, endsOn: r.endsOn, openedAt: now })
    .onConflictDoNothing();
  const [row] = await q
    .select({ id: surveyRounds.id })
    .from(surveyRounds)
    .where(and(eq(surveyRounds.orgId, orgId), eq(surveyRounds.label, r.label)));
  return row!.id;
}

/**
 * The survey side of an organisation from plain data (db/seed/demo-services.json): its
 * services and service points (missing codes are added, existing ones left alone), the default
 * survey published, and the current round open. Safe to run on every start.
 */
export async function seedSurveys(
  db: Db,
  orgId: string,
  seed: ServicesSeed,
  now: Date,
  def: SurveyDefinition = DEFAULT_SURVEY,
): Promise<void> {
  await db.transaction(async (tx) => {
    const divs = await tx
      .select({ id: divisions.id, code: divisions.code })
      .from(divisions)
      .where(eq(divisions.orgId, orgId));
    const divId = (code?: string) =>
      code ? (divs.find((d) => d.code === code)?.id ?? null) : null;
    if (seed.services.length) {
      await tx
        .insert(services)
        .values(
          seed.services.map((s, sort) => ({
            orgId,
            code: s.code,
            name: s.name,
            divisionId: divId(s.division),
            steps: s.steps ?? [],
            timeFrame: s.timeFrame ?? '',
            documents: s.documents ?? [],
            fees: s.fees ?? '',
            channels: s.channels ?? [],
            sort,
          })),
        )
        .onConflictDoNothing();
    }
    const svc = await tx
      .select({ id: services.id, code: services.code })
      .from(services)
      .where(eq(services.orgId, orgId));
    if (seed.points.length) {
      await tx
        .insert(servicePoints)
        .values(
          seed.points.map((p) => ({
            orgId,
            code: p.code,
            name: p.name,
            serviceId: p.service ? (svc.find((s) => s.code === p.service)?.id ?? null) : null,
            divisionId: divId(p.division),
          })),
        )
        .onConflictDoNothing();
    }
    await publishSurvey(tx, orgId, def, now);
    await openCurrentRound(tx, orgId, now);
  });
}

/** The newest published version of a survey code. */
export async function currentSurvey(q: Queryable, orgId: string, code = DEFAULT_SURVEY.code) {
  const rows = await q
    .select()
    .from(surveys)
    .where(and(eq(surveys.orgId, orgId), eq(surveys.code, code), isNotNull(surveys.publishedAt)))
    .orderBy(surveys.version);
  return rows.at(-1) ?? null;
}
