import type { CaseRow } from '../../db/cases';
import { residentById } from '../../db/residents';
import { createSurveyInvitation, setInvitationOutbox } from '../../db/surveys';
import type { Queryable } from '../../db/types';
import { orgMessageTexts } from '../../db/message-templates';
import { render, SURVEY_INVITE_MAX_CHARS } from '../../shared/messages/templates';
import { survey as words } from '../../shared/text/th-survey';
import type { Env } from '../env';
import { enqueuePush } from '../pipeline/outbox';

/**
 * The survey page's address for an organisation. With LIFF_ID it is the LIFF URL (the LIFF
 * app's endpoint is `<base>/liff/`, so LINE opens `<base>/liff/survey.html?…` inside LINE);
 * without it (simulator mode) the page itself on this server.
 */
export function surveyUrl(env: Env, orgSlug: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams({ org: orgSlug, ...params }).toString();
  const base = env.LIFF_ID
    ? `https://liff.line.me/${env.LIFF_ID}`
    : `${(env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')}/liff`;
  return `${base}/survey.html?${query}`;
}

/**
 * Invites the resident of a finished case to the survey: one push with a one-tap link, through
 * the outbox, in the caller's transaction. At most one invitation per case (survey_invitations
 * is unique by case); none for cases without a resident (anonymous or confidential corruption
 * complaints) and none for corruption complaints at all unless `optedIn`.
 */
export async function inviteToSurvey(
  tx: Queryable,
  kase: Pick<CaseRow, 'id' | 'orgId' | 'kind' | 'residentId' | 'trackingCode'>,
  opts: { now: Date; env: Env; orgSlug: string; optedIn?: boolean },
): Promise<'invited' | 'already_invited' | 'not_invited'> {
  if (!kase.residentId) return 'not_invited';
  if (kase.kind === 'corruption' && !opts.optedIn) return 'not_invited';
  const resident = await residentById(tx, kase.residentId);
  if (!resident || resident.unfollowedAt) return 'not_invited';
  const invitationId = await createSurveyInvitation(tx, kase.orgId, kase.id);
  if (!invitationId) return 'already_invited';
  const link = surveyUrl(opts.env, opts.orgSlug, { inv: invitationId, src: 'invite' });
  const outboxId = await enqueuePush(tx, {
    orgId: kase.orgId,
    to: resident.lineUserId,
    now: opts.now,
    messages: [
      {
        type: 'template',
        altText: words.invitationAlt,
        template: {
          type: 'buttons',
          text: render(await orgMessageTexts(tx, kase.orgId), 'surveyInvite', {
            code: kase.trackingCode,
          }).slice(0, SURVEY_INVITE_MAX_CHARS),
          actions: [{ type: 'uri', label: words.invitationButton, uri: link }],
        },
      },
    ],
  });
  await setInvitationOutbox(tx, invitationId, outboxId);
  return 'invited';
}
