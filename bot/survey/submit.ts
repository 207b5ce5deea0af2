import { surveyVersion } from '../../db/admin-surveys';
import {
  invitationRecipient,
  servicePointByCode,
  storeSurveyResponse,
  surveyRoundByLabel,
  surveyServices,
  type ServicePointRow,
} from '../../db/surveys';
import type { Db } from '../../db/types';
import { dedupeKeys, dedupeScopes } from '../../shared/survey/dedupe';
import {
  surveyDefinitionSchema,
  type SurveyChannel,
  type SurveySubmission,
} from '../../shared/survey/definition';
import { roundOf } from '../../shared/survey/rounds';
import { collectionSource } from '../../shared/survey/source';
import { scoreResponse, validateAnswers, type AnswerIssue } from '../../shared/survey/scoring';
import { openCurrentRound } from '../../db/survey-seed';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { survey as words } from '../../shared/text/th-survey';

export type SubmitResult =
  | { status: 'stored'; responseId: string }
  /** The same filled survey sent again (a retry after a lost answer): nothing new stored. */
  | { status: 'duplicate_submission' }
  | { status: 'already_answered' }
  | { status: 'round_closed' }
  | { status: 'wrong_version' }
  | { status: 'unknown_point' }
  | { status: 'not_your_invitation' }
  | { status: 'invalid'; issues: AnswerIssue[] };

/**
 * Stores one online response for the person `lineUserId` (from a verified ID token), who is
 * never written down: every dedupe scope (the case, the service in the round, and this filled
 * survey's own client id) becomes a keyed hash in survey_dedupe_keys, in the same transaction as
 * the response. A scope already taken refuses the response whole.
 */
export async function submitResponse(
  db: Db,
  hash: (...parts: string[]) => Promise<string>,
  input: {
    orgId: string;
    /** The verified person; null for a paper form typed in by `enteredByStaffId`. */
    lineUserId: string | null;
    enteredByStaffId?: string;
    /** A paper form's batch (bot/survey/paper.ts): counted once the batch is confirmed. */
    paperBatchId?: string;
    body: SurveySubmission;
    now: Date;
  },
): Promise<SubmitResult> {
  const { orgId, lineUserId, body, now } = input;
  const paper = lineUserId === null;
  if (paper && !input.enteredByStaffId) throw new Error('a paper response needs the staff member');
  const row = await surveyVersion(db, orgId, body.surveyId);
  if (!row || !row.publishedAt || row.version !== body.version) return { status: 'wrong_version' };
  const def = surveyDefinitionSchema.parse(row.definition);

  let point: ServicePointRow | null = null;
  if (body.point) {
    point = await servicePointByCode(db, orgId, body.point);
    if (!point) return { status: 'unknown_point' };
  }
  let caseId: string | null = null;
  if (body.invitation && !paper) {
    const inv = await invitationRecipient(db, orgId, body.invitation);
    if (!inv || inv.lineUserId !== lineUserId) return { status: 'not_your_invitation' };
    caseId = inv.caseId;
  }

  const orgServices = await surveyServices(db, orgId);
  const answers = { ...body.answers };
  // A counter's QR code fixes the service it serves.
  const pointService = point?.serviceId ? orgServices.find((s) => s.id === point.serviceId) : null;
  if (pointService) answers.p2 = pointService.code;
  const issues = validateAnswers(
    def,
    answers,
    orgServices.map((s) => s.code),
  );
  if (issues.length) return { status: 'invalid', issues };
  const service =
    pointService ??
    orgServices.find((s) => s.code === answers.p2 && typeof answers.p2 === 'string');

  const round = roundOf(now);
  const roundRow = await surveyRoundByLabel(db, orgId, round.label);
  if (roundRow?.closedAt) return { status: 'round_closed' };
  const roundId = roundRow?.id ?? (await openCurrentRound(db, orgId, now));

  const scopes = dedupeScopes({ roundLabel: round.label, serviceCode: service?.code, caseId });
  // Paper forms carry no identity: nothing to deduplicate on but the form's own number.
  const keys = paper ? [] : await dedupeKeys(hash, orgId, lineUserId, scopes);
  const submissionKey = body.clientId
    ? (
        await dedupeKeys(hash, orgId, paper ? `paper` : lineUserId, [`submission:${body.clientId}`])
      )[0]!
    : null;
  const channel: SurveyChannel = paper
    ? 'paper'
    : answers.p3 === 'counter' || answers.p3 === 'online' || answers.p3 === 'line'
      ? answers.p3
      : point
        ? 'counter'
        : 'line';
  const comment = typeof answers.comment === 'string' ? answers.comment : '';

  // Dedupe keys carry only the day, so their times can't be matched to a response's.
  const day = new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000);
  return storeSurveyResponse(db, {
    orgId,
    submissionKey,
    keys,
    day,
    response: {
      surveyId: row.id,
      roundId,
      channel,
      respondentType: typeof answers.p1 === 'string' ? answers.p1 : '',
      serviceId: service?.id ?? null,
      servicePointId: point?.id ?? null,
      divisionId: point?.divisionId ?? service?.divisionId ?? null,
      // Not the person's hash: with APP_SECRET, it would tell whose answers these are.
      dedupeHash: null,
      enteredByStaffId: input.enteredByStaffId ?? null,
      paperBatchId: input.paperBatchId ?? null,
      comment,
      submittedAt: now,
      source: collectionSource({
        paper,
        invitation: caseId !== null,
        point: !!point,
        src: body.source,
      }),
    },
    answers: scoreResponse(def, answers)
      .filter((a) => a.code !== 'comment')
      .map((a) => ({
        questionCode: a.code,
        indicator: a.indicator,
        value: a.value,
        score: a.score,
      })),
  });
}

/** The HTTP answer to a submission, the same for online and paper answers. */
export function submissionResponse(c: Context, result: SubmitResult): Response {
  switch (result.status) {
    case 'stored':
      return c.json({ status: 'stored' }, 201);
    case 'duplicate_submission':
      return c.json({ status: 'stored' }, 200);
    case 'already_answered':
    case 'round_closed':
      return c.json({ status: result.status }, 409);
    case 'not_your_invitation':
      throw new HTTPException(403, { message: words.errors.notYourInvitation });
    case 'unknown_point':
      throw new HTTPException(404, { message: words.errors.unknownPoint });
    case 'wrong_version':
      throw new HTTPException(400, { message: words.errors.wrongVersion });
    case 'invalid':
      return c.json(
        {
          error: { code: 'bad_request', message: words.errors.invalidAnswers },
          issues: result.issues,
        },
        400,
      );
  }
}
