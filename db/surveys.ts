import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Round } from '../shared/survey/rounds';
import {
  cases,
  residents,
  servicePoints,
  services,
  surveyAnswers,
  surveyDedupeKeys,
  surveyInvitations,
  surveyResponses,
  surveyRounds,
  surveys,
} from './schema';
import type { Db, Queryable } from './types';

/**
 * The survey side of an organisation as the routes use it: service points, rounds, invitations
 * after a finished case and the responses themselves. Versions of the survey definition are in
 * db/admin-surveys.ts, seeding in db/survey-seed.ts, paper batches in db/paper-batches.ts.
 */
export type SurveyRow = typeof surveys.$inferSelect;
export type SurveyRoundRow = typeof surveyRounds.$inferSelect;
export type ServicePointRow = typeof servicePoints.$inferSelect;
/** A response to store, without its organisation (given apart). */
export type NewSurveyResponse = Omit<typeof surveyResponses.$inferInsert, 'id' | 'orgId'>;
/** A scored answer to store with its response. */
export type NewSurveyAnswer = Omit<typeof surveyAnswers.$inferInsert, 'responseId' | 'orgId'>;

/** A service point (a counter with its own QR code) of the organisation by its code. */
export async function servicePointByCode(
  db: Queryable,
  orgId: string,
  code: string,
): Promise<ServicePointRow | null> {
  const [row] = await db
    .select()
    .from(servicePoints)
    .where(and(eq(servicePoints.orgId, orgId), eq(servicePoints.code, code)));
  return row ?? null;
}

/** The organisation's services as the survey lists them, in their printed order. */
export async function surveyServices(
  db: Queryable,
  orgId: string,
): Promise<{ id: string; code: string; name: string; divisionId: string | null }[]> {
  return db
    .select({
      id: services.id,
      code: services.code,
      name: services.name,
      divisionId: services.divisionId,
    })
    .from(services)
    .where(eq(services.orgId, orgId))
    .orderBy(asc(services.sort));
}

/** The organisation's round with this label (2569-1, …), or null when it has none yet. */
export async function surveyRoundByLabel(
  db: Queryable,
  orgId: string,
  label: string,
): Promise<SurveyRoundRow | null> {
  const [row] = await db
    .select()
    .from(surveyRounds)
    .where(and(eq(surveyRounds.orgId, orgId), eq(surveyRounds.label, label)));
  return row ?? null;
}

/** Paper forms count once their batch is confirmed (db/paper-batches.ts), as in the report. */
const countedRaw = sql.raw(
  `(r.paper_batch_id is null or exists (select 1 from paper_batches b where b.id = r.paper_batch_id and b.confirmed_at is not null))`,
);

/** A round as the console and the organisation file show it. */
export const roundColumns = {
  label: surveyRounds.label,
  startsOn: surveyRounds.startsOn,
  endsOn: surveyRounds.endsOn,
  targetSample: surveyRounds.targetSample,
  openedAt: surveyRounds.openedAt,
  closedAt: surveyRounds.closedAt,
};

/** The organisation's rounds, oldest first, with their counted responses (all, and paper). */
export async function roundsWithCounts(db: Queryable, orgId: string) {
  return db
    .select({
      ...roundColumns,
      responses: sql<number>`(select count(*)::int from ${surveyResponses} r where r.round_id = survey_rounds.id and ${countedRaw})`,
      paper: sql<number>`(select count(*)::int from ${surveyResponses} r where r.round_id = survey_rounds.id and r.channel = 'paper' and ${countedRaw})`,
    })
    .from(surveyRounds)
    .where(eq(surveyRounds.orgId, orgId))
    .orderBy(asc(surveyRounds.startsOn));
}

/**
 * Opens or closes a round and/or sets its target sample, adding the round first when the
 * organisation has none with its label. Returns the round as it is now.
 */
export async function changeRound(
  db: Queryable,
  orgId: string,
  round: Round,
  change: { action?: 'open' | 'close'; targetSample?: number | null },
  now: Date,
): Promise<SurveyRoundRow> {
  await db
    .insert(surveyRounds)
    .values({ orgId, label: round.label, startsOn: round.startsOn, endsOn: round.endsOn })
    .onConflictDoNothing();
  const { action, targetSample } = change;
  const [row] = await db
    .update(surveyRounds)
    .set({
      ...(action === 'open' ? { openedAt: now, closedAt: null } : {}),
      ...(action === 'close' ? { closedAt: now } : {}),
      ...(targetSample !== undefined ? { targetSample } : {}),
    })
    .where(and(eq(surveyRounds.orgId, orgId), eq(surveyRounds.label, round.label)))
    .returning();
  return row!;
}

/** A new invitation for the case; null when the case has one already (one per case). */
export async function createSurveyInvitation(
  tx: Queryable,
  orgId: string,
  caseId: string,
): Promise<string | null> {
  const [row] = await tx
    .insert(surveyInvitations)
    .values({ orgId, caseId })
    .onConflictDoNothing()
    .returning({ id: surveyInvitations.id });
  return row?.id ?? null;
}

/** Records the outbox push that carried an invitation. */
export async function setInvitationOutbox(
  tx: Queryable,
  invitationId: string,
  outboxId: string,
): Promise<void> {
  await tx
    .update(surveyInvitations)
    .set({ outboxId })
    .where(eq(surveyInvitations.id, invitationId));
}

/** An invitation's case and the LINE user of that case's resident, or null. */
export async function invitationRecipient(
  db: Queryable,
  orgId: string,
  invitationId: string,
): Promise<{ caseId: string; lineUserId: string } | null> {
  const [row] = await db
    .select({ caseId: cases.id, lineUserId: residents.lineUserId })
    .from(surveyInvitations)
    .innerJoin(cases, eq(cases.id, surveyInvitations.caseId))
    .innerJoin(residents, eq(residents.id, cases.residentId))
    .where(and(eq(surveyInvitations.orgId, orgId), eq(surveyInvitations.id, invitationId)));
  return row ?? null;
}

class Refused extends Error {
  constructor(readonly status: 'duplicate_submission' | 'already_answered') {
    super(status);
  }
}

/**
 * Stores a response with its answers in one transaction, claiming its dedupe keys first: the
 * submission's own key (taken: `duplicate_submission`) and every scope key (any taken:
 * `already_answered`). A refused response leaves nothing behind. Keys carry only `day`.
 */
export async function storeSurveyResponse(
  db: Db,
  input: {
    orgId: string;
    submissionKey: string | null;
    keys: string[];
    day: Date;
    response: NewSurveyResponse;
    answers: NewSurveyAnswer[];
  },
): Promise<
  | { status: 'stored'; responseId: string }
  | { status: 'duplicate_submission' }
  | { status: 'already_answered' }
> {
  const { orgId, submissionKey, keys, day } = input;
  try {
    return await db.transaction(async (tx) => {
      if (submissionKey) {
        const fresh = await tx
          .insert(surveyDedupeKeys)
          .values({ orgId, keyHash: submissionKey, createdAt: day })
          .onConflictDoNothing()
          .returning({ k: surveyDedupeKeys.keyHash });
        if (!fresh.length) throw new Refused('duplicate_submission');
      }
      const taken = keys.length
        ? await tx
            .insert(surveyDedupeKeys)
            .values(keys.map((keyHash) => ({ orgId, keyHash, createdAt: day })))
            .onConflictDoNothing()
            .returning({ k: surveyDedupeKeys.keyHash })
        : [];
      if (taken.length !== keys.length) throw new Refused('already_answered');
      const [response] = await tx
        .insert(surveyResponses)
        .values({ ...input.response, orgId })
        .returning({ id: surveyResponses.id });
      if (input.answers.length) {
        await tx
          .insert(surveyAnswers)
          .values(input.answers.map((a) => ({ ...a, responseId: response!.id, orgId })));
      }
      return { status: 'stored' as const, responseId: response!.id };
    });
  } catch (e) {
    if (e instanceof Refused) return { status: e.status };
    throw e;
  }
}

/** The definitions of the organisation's newest survey versions (by year, then version). */
export async function recentSurveyDefinitions(
  db: Queryable,
  orgId: string,
  limit = 10,
): Promise<SurveyRow['definition'][]> {
  const rows = await db
    .select({ definition: surveys.definition })
    .from(surveys)
    .where(eq(surveys.orgId, orgId))
    .orderBy(desc(surveys.assessmentYear), desc(surveys.version))
    .limit(limit);
  return rows.map((r) => r.definition);
}
