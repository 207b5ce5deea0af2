import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { fromBase64 } from '../../../shared/crypto';
import {
  MAX_STAFF_PHOTO_BYTES,
  PHOTO_TYPES,
  STATE_TYPES,
  type CasePhoto,
} from '../../../shared/cases';
import type { CaseAction } from '../../../shared/staff/transitions';
import { consoleText } from '../../../shared/text/th-console';
import type { AppDeps } from '../../deps';
import {
  discardProof,
  finishMessages,
  prepareFinishProof,
  recordFinishProof,
} from '../../outcomes/proof';
import { sendOutbox } from '../../pipeline/outbox';
import { inviteToSurvey } from '../../survey/invite';
import { applyCaseAction, type ActionError } from '../actions';
import { A, caseStaff, type StaffApp } from './context';

const MAX_PHOTOS = 3;

const photoInput = z.object({
  contentType: z.enum(['image/jpeg', 'image/png']),
  // Up to 11 MB so a finishing photo over 10 MB gets the proof check's Thai refusal.
  data: z.string().max(Math.ceil((11 * 1024 * 1024 * 4) / 3) + 4),
});
const note = z.string().max(2000).default('');
const bodies = {
  // Accepted here, in the console: the timeline and the resident's message say so.
  accept: z.object({ note: note.transform((n) => n.trim() || consoleText.acceptNote) }),
  assign: z.object({ staffId: z.uuid(), note }),
  state: z.object({
    to: z.enum(STATE_TYPES),
    note,
    photos: z.array(photoInput).max(MAX_PHOTOS).default([]),
    /** Finishing a report without an "after" photo: a WAIVER_CODES reason (decision 040). */
    waiver: z.string().max(40).optional(),
  }),
  reply: z.object({ note, photos: z.array(photoInput).max(MAX_PHOTOS).default([]) }),
  forward: z.object({ divisionId: z.uuid(), note }),
  explain: z.object({ note }),
  reopen: z.object({ note }),
};

const STATUS: Record<ActionError, 400 | 403 | 404 | 409> = {
  not_found: 404,
  forbidden: 403,
  bad_staff: 400,
  bad_division: 400,
  note_required: 400,
  not_allowed: 409,
  same_state: 409,
  same_division: 409,
  reopen_window_closed: 409,
};
const MESSAGE: Record<ActionError, string> = {
  not_found: A.notFound,
  forbidden: A.forbidden,
  bad_staff: A.badStaff,
  bad_division: A.badDivision,
  note_required: A.noteRequired,
  not_allowed: A.notAllowed,
  same_state: A.sameState,
  same_division: A.sameDivision,
  reopen_window_closed: A.reopenWindowClosed,
};

/**
 * The case actions (accept, assign, state, reply, forward, explain, reopen): each parses its
 * body, acts in one transaction, and sends the resident's message after the commit.
 */
export function registerActionRoutes(app: StaffApp, deps: AppDeps): void {
  async function storePhotos(
    orgId: string,
    caseId: string,
    photos: z.infer<typeof photoInput>[],
  ): Promise<CasePhoto[]> {
    const out: CasePhoto[] = [];
    for (const p of photos) {
      let bytes: Uint8Array;
      try {
        bytes = fromBase64(p.data);
      } catch {
        throw new HTTPException(400, { message: A.invalidBody });
      }
      if (bytes.length > MAX_STAFF_PHOTO_BYTES)
        throw new HTTPException(413, { message: A.tooLarge });
      const key = `${orgId}/staff/${caseId}/${crypto.randomUUID()}.${PHOTO_TYPES[p.contentType]}`;
      await deps.photos.put(key, bytes, p.contentType);
      out.push({ key, contentType: p.contentType, bytes: bytes.length });
    }
    return out;
  }

  /** One action route: parse, act in one transaction, send the resident's message after commit. */
  function action<K extends keyof typeof bodies>(
    path: K,
    toAction: (body: z.infer<(typeof bodies)[K]>) => CaseAction,
  ) {
    app.post(`/:org/cases/:id/${path}`, async (c) => {
      const actor = caseStaff(c);
      const channel = c.get('channel');
      const id = c.req.param('id')!;
      if (!z.uuid().safeParse(id).success) throw new HTTPException(404, { message: A.notFound });
      const parsed = bodies[path].safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) throw new HTTPException(400, { message: A.invalidBody });
      const body = parsed.data as z.infer<(typeof bodies)[K]>;
      const rawPhotos = 'photos' in body ? (body.photos as z.infer<typeof photoInput>[]) : [];
      const finishing = path === 'state' && (body as { to?: string }).to === 'finished';
      const prepared = finishing
        ? await prepareFinishProof(deps, channel.org.id, id, {
            photos: rawPhotos,
            waiver: (body as { waiver?: string }).waiver,
          })
        : null;
      if (prepared && !prepared.ok)
        throw new HTTPException(prepared.status, { message: prepared.message });
      const proof = prepared?.ok ? prepared.proof : null;
      const photos = proof
        ? proof.photos
        : rawPhotos.length
          ? await storePhotos(channel.org.id, id, rawPhotos)
          : [];
      const finishExtra = proof
        ? await finishMessages(deps, { orgSlug: channel.org.slug, caseId: id, proof })
        : [];
      const now = deps.clock();
      const result = await deps.db.transaction(async (tx) => {
        const r = await applyCaseAction(
          { tx, org: channel.org, secrets: deps.orgs.secrets, now, actor },
          id,
          toAction(body),
          { note: body.note, photos, finishExtra },
        );
        if (r.ok && r.finished && proof)
          await recordFinishProof(tx, {
            orgId: channel.org.id,
            caseId: id,
            staffId: actor.staffId,
            now,
            proof,
          });
        if (r.ok && r.finished && r.case.kind !== 'corruption') {
          await inviteToSurvey(tx, r.case, { now, env: deps.env, orgSlug: channel.org.slug });
        }
        return r;
      });
      if (!result.ok) {
        if (proof) await discardProof(deps, proof);
        else await Promise.all(photos.map((p) => deps.photos.delete(p.key).catch(() => {})));
        throw new HTTPException(STATUS[result.error], { message: MESSAGE[result.error] });
      }
      if (result.outboxIds.length) {
        deps.defer.run(
          () => sendOutbox(deps, { ids: result.outboxIds }).then(() => undefined),
          `staff:${result.case.id}`,
          c,
        );
      }
      return c.json({
        case: {
          id: result.case.id,
          stateType: result.case.stateType,
          stateLabel: result.case.stateLabel,
          assigneeId: result.case.assigneeId,
          divisionId: result.case.divisionId,
          reopenCount: result.case.reopenCount,
        },
        updateId: result.updateId,
        notified: result.outboxIds.length,
      });
    });
  }
  action('accept', () => ({ type: 'accept' }));
  action('assign', (b) => ({ type: 'assign', staffId: b.staffId }));
  action('state', (b) => ({ type: 'changeState', to: b.to }));
  action('reply', () => ({ type: 'reply' }));
  action('forward', (b) => ({ type: 'forward', divisionId: b.divisionId }));
  action('explain', () => ({ type: 'explain' }));
  action('reopen', () => ({ type: 'reopen', by: 'staff' }));
}
