import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as z from 'zod/mini';
import {
  auditPaper,
  confirmPaperBatch,
  listPaperBatches,
  openPaperBatch,
  paperBatchByNumber,
  paperBatchCount,
  paperEnteredSince,
} from '../../db/paper-batches';
import { orgSettings } from '../../shared/org-settings';
import { bangkokDay } from '../../shared/staff/calendar';
import { canConfirmPaper, canEnterPaper } from '../../shared/staff/permissions';
import { surveySubmissionSchema } from '../../shared/survey/definition';
import { survey as words } from '../../shared/text/th-survey';
import type { AppDeps } from '../deps';
import { setPaperEntry, staffById } from '../../db/staff';
import type { SurveyStaffEnv } from './routes';
import { submissionResponse, submitResponse } from './submit';

const E = words.errors;
const confirmBody = z.object({ count: z.number().check(z.int(), z.gte(1)) });
const grantBody = z.object({ staffId: z.string().check(z.uuid()), grant: z.boolean() });

/** Start of the Bangkok day holding `now`. */
const bangkokMidnight = (now: Date) => new Date(`${bangkokDay(now)}T00:00:00+07:00`);

/**
 * Paper survey forms (issue 12, decision 019), under `/api/survey/:org/staff/paper*` behind the
 * staff middleware of bot/survey/staff.ts:
 * - `POST paper`: one form, by a holder of `paper_entry` only, into their open numbered batch,
 *   at most `paperDailyCap` forms a Bangkok day per person;
 * - `GET paper/batches`: the batches with their counts, who entered and who confirmed;
 * - `POST paper/batches`: starts a new batch (the previous one waits for confirmation as it is);
 * - `POST paper/batches/:number/confirm {count}`: a second, different person who counted the
 *   paper confirms; only then do the batch's forms count in the figures (db/metrics.ts);
 * - `POST paper/grants {staffId, grant}`: an admin grants or takes back `paper_entry`.
 * Every step is written to the audit log.
 */
export function paperRoutes(app: Hono<SurveyStaffEnv>, deps: AppDeps) {
  app.post('/:org/staff/paper', async (c) => {
    const actor = c.get('actor');
    if (!canEnterPaper(actor)) throw new HTTPException(403, { message: E.paperNotGranted });
    const parsed = surveySubmissionSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success || parsed.data.invitation)
      throw new HTTPException(400, { message: E.invalidAnswers });
    const org = c.get('channel').org;
    const now = deps.clock();
    const cap = orgSettings(org.settings).paperDailyCap;
    if ((await paperEnteredSince(c.var.db, actor.staffId, bangkokMidnight(now))) >= cap)
      return c.json({ error: { code: 'paper_daily_cap', message: E.paperCap(cap) }, cap }, 429);
    const { batch, created } = await openPaperBatch(c.var.db, org.id, actor.staffId, now);
    if (created)
      await auditPaper(c.var.db, {
        orgId: org.id,
        staffId: actor.staffId,
        action: 'paper.batch_opened',
        detail: { batch: batch.number },
        at: now,
      });
    const result = await submitResponse(c.var.db, (...p) => deps.orgs.secrets.hash(...p), {
      orgId: org.id,
      lineUserId: null,
      enteredByStaffId: actor.staffId,
      paperBatchId: batch.id,
      body: parsed.data,
      now,
    });
    if (result.status !== 'stored') return submissionResponse(c, result);
    const count = await paperBatchCount(c.var.db, batch.id);
    await auditPaper(c.var.db, {
      orgId: org.id,
      staffId: actor.staffId,
      action: 'paper.entered',
      detail: { batch: batch.number, responseId: result.responseId, count },
      at: now,
    });
    return c.json({ status: 'stored', batch: { number: batch.number, count } }, 201);
  });

  app.get('/:org/staff/paper/batches', async (c) => {
    const actor = c.get('actor');
    const batches = await listPaperBatches(c.var.db, c.get('channel').org.id);
    return c.json({
      canEnter: canEnterPaper(actor),
      batches: batches.map(({ id: _id, enteredByStaffId, ...b }) => ({
        ...b,
        mine: enteredByStaffId === actor.staffId,
        canConfirm: !b.confirmedAt && b.count > 0 && canConfirmPaper(actor, { enteredByStaffId }),
      })),
    });
  });

  app.post('/:org/staff/paper/batches', async (c) => {
    const actor = c.get('actor');
    if (!canEnterPaper(actor)) throw new HTTPException(403, { message: E.paperNotGranted });
    const org = c.get('channel').org;
    const now = deps.clock();
    const { batch } = await openPaperBatch(c.var.db, org.id, actor.staffId, now, true);
    await auditPaper(c.var.db, {
      orgId: org.id,
      staffId: actor.staffId,
      action: 'paper.batch_opened',
      detail: { batch: batch.number },
      at: now,
    });
    return c.json({ batch: { number: batch.number, count: 0 } }, 201);
  });

  app.post('/:org/staff/paper/batches/:number/confirm', async (c) => {
    const actor = c.get('actor');
    const org = c.get('channel').org;
    const n = Number(c.req.param('number'));
    const batch = Number.isSafeInteger(n) ? await paperBatchByNumber(c.var.db, org.id, n) : null;
    if (!batch) throw new HTTPException(404, { message: E.paperUnknownBatch });
    if (batch.enteredByStaffId === actor.staffId)
      throw new HTTPException(403, { message: E.paperOwnBatch });
    if (!canConfirmPaper(actor, batch)) throw new HTTPException(403, { message: E.paperNoConfirm });
    const parsed = confirmBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) throw new HTTPException(400, { message: E.invalidAnswers });
    if (batch.confirmedAt)
      return c.json({ error: { code: 'confirmed', message: E.paperConfirmed } }, 409);
    const count = await paperBatchCount(c.var.db, batch.id);
    if (!count) return c.json({ error: { code: 'empty', message: E.paperEmpty } }, 409);
    if (count !== parsed.data.count)
      return c.json(
        { error: { code: 'count_mismatch', message: E.paperCountMismatch(count) }, count },
        409,
      );
    const now = deps.clock();
    const done = await confirmPaperBatch(c.var.db, batch.id, actor.staffId, now);
    if (!done) return c.json({ error: { code: 'confirmed', message: E.paperConfirmed } }, 409);
    await auditPaper(c.var.db, {
      orgId: org.id,
      staffId: actor.staffId,
      action: 'paper.batch_confirmed',
      detail: { batch: batch.number, count, enteredBy: batch.enteredByStaffId },
      at: now,
    });
    return c.json({ batch: { number: batch.number, count, confirmedAt: now.toISOString() } });
  });

  app.post('/:org/staff/paper/grants', async (c) => {
    const actor = c.get('actor');
    if (!actor.roles.some((r) => r.role === 'admin'))
      throw new HTTPException(403, { message: E.forbidden });
    const parsed = grantBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) throw new HTTPException(400, { message: E.invalidAnswers });
    const org = c.get('channel').org;
    const { staffId, grant } = parsed.data;
    const member = await staffById(c.var.db, staffId);
    if (member?.orgId !== org.id) throw new HTTPException(404, { message: E.notStaffMember });
    const now = deps.clock();
    await c.var.db.transaction(async (tx) => {
      await setPaperEntry(tx, org.id, staffId, grant);
      await auditPaper(tx, {
        orgId: org.id,
        staffId: actor.staffId,
        action: grant ? 'paper.granted' : 'paper.revoked',
        detail: { staffId },
        at: now,
      });
    });
    return c.json({ staffId, paperEntry: grant });
  });
}
