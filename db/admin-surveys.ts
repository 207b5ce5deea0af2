import { and, asc, desc, eq, isNull, max } from 'drizzle-orm';
import type { SurveyDefinition } from '../shared/survey/definition';
import type { Round } from '../shared/survey/rounds';
import { surveyRounds, surveys } from './schema';
import { roundColumns } from './surveys';
import type { Queryable as Db } from './types';

/** Every version of every survey of the organisation, newest first, without the definitions. */
export async function listSurveyVersions(db: Db, orgId: string) {
  const rows = await db
    .select({
      id: surveys.id,
      code: surveys.code,
      version: surveys.version,
      title: surveys.title,
      assessmentYear: surveys.assessmentYear,
      publishedAt: surveys.publishedAt,
      createdAt: surveys.createdAt,
    })
    .from(surveys)
    .where(eq(surveys.orgId, orgId))
    .orderBy(asc(surveys.code), desc(surveys.version));
  return rows.map((r) => ({ ...r, published: r.publishedAt !== null }));
}

/** One version with its definition, or null. */
export async function surveyVersion(db: Db, orgId: string, id: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const [row] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.orgId, orgId), eq(surveys.id, id)));
  return row ?? null;
}

/**
 * A new draft (not published) of `def.code` with the next free version number; the
 * definition's own `version` is set to it.
 */
export async function createSurveyDraft(db: Db, orgId: string, def: SurveyDefinition) {
  return db.transaction(async (tx) => {
    const [m] = await tx
      .select({ v: max(surveys.version) })
      .from(surveys)
      .where(and(eq(surveys.orgId, orgId), eq(surveys.code, def.code)));
    const version = (m?.v ?? 0) + 1;
    const definition = { ...def, version };
    const [row] = await tx
      .insert(surveys)
      .values({
        orgId,
        code: def.code,
        version,
        assessmentYear: def.assessmentYear,
        title: def.title,
        definition,
      })
      .returning({ id: surveys.id, code: surveys.code, version: surveys.version });
    return row!;
  });
}

/**
 * Replaces a draft's definition (its code and version stay). 'published' when the version is
 * published (the database refuses that too, migration 0006), null when there is no such version.
 */
export async function updateSurveyDraft(
  db: Db,
  orgId: string,
  id: string,
  def: SurveyDefinition,
): Promise<'published' | null | { code: string; version: number }> {
  const row = await surveyVersion(db, orgId, id);
  if (!row) return null;
  if (row.publishedAt) return 'published';
  const definition = { ...def, code: row.code, version: row.version };
  await db
    .update(surveys)
    .set({ definition, title: def.title, assessmentYear: def.assessmentYear })
    .where(and(eq(surveys.id, id), isNull(surveys.publishedAt)));
  return { code: row.code, version: row.version };
}

/** Publishes a draft: from now on it never changes. 'published' if it already was, null if none. */
export async function publishSurveyDraft(db: Db, orgId: string, id: string, now: Date) {
  const [row] = await db
    .update(surveys)
    .set({ publishedAt: now })
    .where(and(eq(surveys.orgId, orgId), eq(surveys.id, id), isNull(surveys.publishedAt)))
    .returning({ code: surveys.code, version: surveys.version });
  if (row) return row;
  return (await surveyVersion(db, orgId, id)) ? ('published' as const) : null;
}

/** The organisation's rounds, oldest first. */
export async function listRounds(db: Db, orgId: string) {
  const rows = await db
    .select(roundColumns)
    .from(surveyRounds)
    .where(eq(surveyRounds.orgId, orgId))
    .orderBy(asc(surveyRounds.startsOn));
  return rows.map((r) => ({ ...r, open: Boolean(r.openedAt) && !r.closedAt }));
}

/**
 * Adds a round, opened at `openedAt` (null: not yet open; the `#rounds` screen opens it and sets
 * its target sample). False when the organisation has it already.
 */
export async function createRound(db: Db, orgId: string, r: Round, openedAt: Date | null) {
  const rows = await db
    .insert(surveyRounds)
    .values({ orgId, label: r.label, startsOn: r.startsOn, endsOn: r.endsOn, openedAt })
    .onConflictDoNothing()
    .returning({ id: surveyRounds.id });
  return rows.length > 0;
}
