import {
  and,
  asc,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import {
  auditLog,
  caseUpdates,
  cases,
  divisions,
  sentLedger,
  serviceCategories,
  staff,
} from '../../db/schema';
import { fromBase64 } from '../../shared/crypto';
import {
  MAX_STAFF_PHOTO_BYTES,
  OPEN_STATES,
  PHOTO_TYPES,
  STATE_TYPES,
  type CasePhoto,
} from '../../shared/cases';
import { can, canAssignTo, isCaseStaff, queueScope } from '../../shared/staff/permissions';
import type { CaseAction } from '../../shared/staff/transitions';
import { th } from '../../shared/text/th';
import { consoleText } from '../../shared/text/th-console';
import type { AppDeps } from '../deps';
import { isSimulatorMode } from '../env';
import type { OrgChannel } from '../orgs';
import { sendOutbox } from '../pipeline/outbox';
import { liffClientId } from '../line/id-token';
import { inviteToSurvey } from '../survey/invite';
import { buildDashboard } from '../reports/dashboard';
import { applyCaseAction, type ActionError } from './actions';
import { actorById, actorByLineUser, type StaffActor } from './actor';
import { parseInviteCode, redeemInviteLimited } from './invite';
import { registerNoteRoutes } from './notes';
import { registerUndeliveredRoutes } from './undelivered';
import { outcomeFigures } from '../../db/outcomes';
import { fiscalYearInstants, fiscalYearOf } from '../../shared/metrics/round';
import {
  discardProof,
  finishMessages,
  prepareFinishProof,
  recordFinishProof,
} from '../outcomes/proof';
import { orgSettings } from '../../shared/org-settings';

const A = th.staff.api;
const MAX_PHOTOS = 3;

type Env = { Variables: { channel: OrgChannel; actor: StaffActor } };

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
 * The only staff-API routes that run without a signed-in staff member, by method and full
 * path (the invite link checks the LINE ID token itself). Everything else under
 * `/api/staff/:org/` passes the staff middleware first.
 */
export const PUBLIC_STAFF_ROUTES: readonly { method: string; path: RegExp }[] = [
  { method: 'GET', path: /^\/api\/staff\/[^/]+\/config$/ },
  { method: 'GET', path: /^\/api\/staff\/[^/]+\/dev\/staff$/ },
  { method: 'POST', path: /^\/api\/staff\/[^/]+\/link$/ },
];
export const isPublicStaffRoute = (method: string, path: string) =>
  PUBLIC_STAFF_ROUTES.some((r) => r.method === method && r.path.test(path));

/**
 * `/api/staff/:org/*`: the staff console's JSON. Every request carries the LIFF ID token
 * (`Authorization: Bearer`), verified with LINE through the organisation's LINE client
 * (cached until it expires, at most five minutes) and mapped to an active staff record of
 * *this* organisation; every route then checks the role against the case.
 */
export function staffRoutes(deps: AppDeps): Hono<Env> {
  const app = new Hono<Env>();
  const ids = deps.services.idTokens;
  const verify = (channel: OrgChannel, authorization: string | undefined) =>
    ids.lineUser(channel, authorization, {
      unauthorized: A.unauthorized,
      unavailable: A.lineUnavailable,
    });

  /** The console's start: LIFF settings (public: nothing in it is secret). */
  app.get('/:org/config', async (c) => {
    const channel = await deps.orgs.bySlug(c.req.param('org'));
    if (!channel) throw new HTTPException(404, { message: A.notFound });
    return c.json({
      org: { slug: channel.org.slug, name: channel.org.name },
      liff: { id: deps.env.LIFF_ID ?? null, clientId: liffClientId(deps.env) },
      simulator: isSimulatorMode(deps.env),
    });
  });

  /**
   * Simulator mode only: the staff picker. Lists the organisation's staff, giving each a
   * simulator LINE id (derived from the staff id) if they have none, so the LIFF mock can
   * sign in as them. Absent (404) with a real LINE channel.
   */
  app.get('/:org/dev/staff', async (c) => {
    const channel = await deps.orgs.bySlug(c.req.param('org'));
    if (!isSimulatorMode(deps.env) || !channel)
      throw new HTTPException(404, { message: A.notFound });
    const rows = await deps.db
      .select()
      .from(staff)
      .where(and(eq(staff.orgId, channel.org.id), eq(staff.active, true)))
      .orderBy(asc(staff.name));
    const divisionNames = new Map(
      (
        await deps.db
          .select({ id: divisions.id, name: divisions.name })
          .from(divisions)
          .where(eq(divisions.orgId, channel.org.id))
      ).map((d) => [d.id, d.name]),
    );
    const out = [];
    for (const s of rows) {
      let lineUserId = s.lineUserId;
      if (!lineUserId) {
        lineUserId = `U${s.id.replace(/-/g, '')}`;
        await deps.db.update(staff).set({ lineUserId }).where(eq(staff.id, s.id));
      }
      const a = await actorById(deps.db, s.id);
      out.push({
        name: s.name,
        position: s.position,
        lineUserId,
        roles: (a?.roles ?? []).map((r) => r.role),
        divisions: [
          ...new Set(
            [s.divisionId, ...(a?.roles ?? []).map((r) => r.divisionId)]
              .map((d) => (d ? divisionNames.get(d) : undefined))
              .filter((n): n is string => !!n),
          ),
        ],
      });
    }
    return c.json({ staff: out });
  });

  /**
   * The other way to use an invite: the LIFF link the CLI prints (`…console.html?invite=…`).
   * The LINE account comes from the verified ID token only, never from the body.
   */
  app.post('/:org/link', async (c) => {
    const channel = await deps.orgs.bySlug(c.req.param('org'));
    if (!channel) throw new HTTPException(404, { message: A.notFound });
    const sub = await verify(channel, c.req.header('authorization'));
    const body = z
      .object({ code: z.string().max(40) })
      .safeParse(await c.req.json().catch(() => null));
    const code = body.success ? parseInviteCode(body.data.code) : null;
    if (!code) throw new HTTPException(400, { message: th.staff.invite.invalid });
    const linked = await deps.db.transaction((tx) =>
      redeemInviteLimited(tx, deps.orgs.secrets, {
        orgId: channel.org.id,
        code,
        lineUserId: sub,
        displayName: null,
        now: deps.clock(),
      }),
    );
    if (linked === 'too_many') throw new HTTPException(429, { message: th.sec.inviteLocked });
    if (!linked) throw new HTTPException(400, { message: th.staff.invite.invalid });
    return c.json({
      message: th.staff.invite.linked(linked.name, th.staff.roles[linked.role], channel.org.name),
    });
  });

  app.use('/:org/*', async (c, next) => {
    if (isPublicStaffRoute(c.req.method, c.req.path)) return next();
    const channel = await deps.orgs.bySlug(c.req.param('org')!);
    if (!channel) throw new HTTPException(404, { message: A.notFound });
    const sub = await verify(channel, c.req.header('authorization'));
    const actor = await actorByLineUser(deps.db, channel.org.id, sub);
    if (!actor) throw new HTTPException(403, { message: A.notStaff });
    c.set('channel', channel);
    c.set('actor', actor);
    c.header('Cache-Control', 'no-store');
    await next();
  });

  /** Anyone who works with cases (not admins, whose role is settings). */
  const caseStaff = (c: Context<Env>) => {
    const actor = c.get('actor');
    if (!isCaseStaff(actor)) throw new HTTPException(403, { message: A.forbidden });
    return actor;
  };

  app.get('/:org/me', async (c) => {
    const actor = c.get('actor');
    const org = c.get('channel').org;
    const divs = await deps.db.select().from(divisions).where(eq(divisions.orgId, org.id));
    return c.json({
      staff: { id: actor.staffId, name: actor.staff.name, position: actor.staff.position },
      roles: actor.roles,
      org: { slug: org.slug, name: org.name },
      divisions: divs.map((d) => ({ id: d.id, code: d.code, name: d.name })),
      categories: await deps.db
        .select({ code: serviceCategories.code, name: serviceCategories.name })
        .from(serviceCategories)
        .where(eq(serviceCategories.orgId, org.id))
        .orderBy(asc(serviceCategories.name)),
      stateLabels: Object.fromEntries(
        STATE_TYPES.map((s) => [
          s,
          orgSettings(org.settings).stateLabels[s] ?? th.cases.stateLabels[s],
        ]),
      ),
      quota: deps.services.quota.last(org.id),
    });
  });

  /** The executive dashboard (issue 6): executives and admins only, scored like the report. */
  app.get('/:org/dashboard', async (c) => {
    const actor = c.get('actor');
    if (!actor.roles.some((r) => r.role === 'executive' || r.role === 'admin')) {
      throw new HTTPException(403, { message: A.forbidden });
    }
    const org = c.get('channel').org;
    const now = deps.clock();
    const outcomes = await outcomeFigures(deps.db, org.id, fiscalYearInstants(fiscalYearOf(now)));
    return c.json({ ...(await buildDashboard(deps.db, org, now)), outcomes });
  });

  app.get('/:org/cases', async (c) => {
    const actor = caseStaff(c);
    const org = c.get('channel').org;
    const q = c.req.query();
    const scope = queueScope(actor);
    const now = deps.clock();
    const visible: SQL[] = [];
    if (scope.corruption) visible.push(eq(cases.kind, 'corruption'));
    const others = sql`${cases.kind} <> 'corruption'`;
    if (scope.allOthers) visible.push(others);
    else {
      if (scope.divisions.length)
        visible.push(and(others, inArray(cases.divisionId, scope.divisions))!);
      visible.push(and(others, eq(cases.assigneeId, actor.staffId))!);
    }
    const where: SQL[] = [eq(cases.orgId, org.id), or(...visible)!];
    if (q.scope === 'mine') where.push(eq(cases.assigneeId, actor.staffId));
    if (q.scope === 'division' && actor.divisionId)
      where.push(eq(cases.divisionId, actor.divisionId));
    if (q.state && (STATE_TYPES as readonly string[]).includes(q.state))
      where.push(eq(cases.stateType, q.state as (typeof STATE_TYPES)[number]));
    else if (q.state === 'open') where.push(inArray(cases.stateType, [...OPEN_STATES]));
    if (q.category) where.push(eq(cases.category, q.category));
    if (q.division && z.uuid().safeParse(q.division).success)
      where.push(eq(cases.divisionId, q.division));
    if (q.overdue === '1')
      where.push(lt(cases.dueAt, now), inArray(cases.stateType, [...OPEN_STATES]));
    if (q.from && /^\d{4}-\d{2}-\d{2}$/.test(q.from))
      where.push(gte(cases.createdAt, new Date(`${q.from}T00:00:00+07:00`)));
    if (q.to && /^\d{4}-\d{2}-\d{2}$/.test(q.to))
      where.push(lte(cases.createdAt, new Date(`${q.to}T23:59:59.999+07:00`)));
    const rows = await deps.db
      .select({
        id: cases.id,
        trackingCode: cases.trackingCode,
        kind: cases.kind,
        category: cases.category,
        categoryName: serviceCategories.name,
        hasPhoto: sql<boolean>`jsonb_array_length(${cases.photos}) > 0`,
        subject: cases.subject,
        description: cases.description,
        stateType: cases.stateType,
        stateLabel: cases.stateLabel,
        divisionId: cases.divisionId,
        assigneeId: cases.assigneeId,
        createdAt: cases.createdAt,
        dueAt: cases.dueAt,
        explanationRequestedAt: cases.explanationRequestedAt,
        explanationSentAt: cases.explanationSentAt,
        /** Residents affected (the reporter and each "+1" at intake) and urgency. */
        affectedCount: cases.affectedCount,
        urgent: cases.urgent,
        /** Its alert was held back for the quota (a digest went instead): flag it in the queue. */
        alertHeld: sql<boolean>`exists (select 1 from ${sentLedger} where ${sentLedger.key} = 'alert-held:' || ${cases.id})`,
      })
      .from(cases)
      .leftJoin(
        serviceCategories,
        and(eq(serviceCategories.orgId, cases.orgId), eq(serviceCategories.code, cases.category)),
      )
      .where(and(...where))
      .orderBy(asc(cases.dueAt), desc(cases.createdAt))
      .limit(200);
    return c.json({
      cases: rows.map((r) => ({
        ...r,
        description: r.description.slice(0, 200),
        overdue: !!r.dueAt && r.dueAt < now && !['finished', 'rejected'].includes(r.stateType),
      })),
      quota: deps.services.quota.last(org.id),
    });
  });

  /** The case if the actor may read it; 404 otherwise (no hint that it exists). */
  async function readable(c: Context<Env>, id: string) {
    const actor = caseStaff(c);
    const org = c.get('channel').org;
    if (!z.uuid().safeParse(id).success) throw new HTTPException(404, { message: A.notFound });
    const [row] = await deps.db
      .select()
      .from(cases)
      .where(and(eq(cases.id, id), eq(cases.orgId, org.id)));
    if (!row || !can(actor, 'read', row)) throw new HTTPException(404, { message: A.notFound });
    return { actor, org, row };
  }

  app.get('/:org/cases/:id', async (c) => {
    const { actor, org, row } = await readable(c, c.req.param('id')!);
    // Who viewed what: every read of a case is logged (corruption reads above all).
    await deps.db.insert(auditLog).values({
      orgId: org.id,
      staffId: actor.staffId,
      action: 'case.view',
      caseId: row.id,
      detail: { kind: row.kind },
      at: deps.clock(),
    });
    const timeline = await deps.db
      .select({
        id: caseUpdates.id,
        authorKind: caseUpdates.authorKind,
        authorName: staff.name,
        note: caseUpdates.note,
        fromState: caseUpdates.fromState,
        toState: caseUpdates.toState,
        photos: caseUpdates.photos,
        internal: caseUpdates.internal,
        createdAt: caseUpdates.createdAt,
      })
      .from(caseUpdates)
      .leftJoin(staff, eq(staff.id, caseUpdates.authorStaffId))
      .where(eq(caseUpdates.caseId, row.id))
      .orderBy(asc(caseUpdates.createdAt), asc(caseUpdates.id));
    const [cat] = await deps.db
      .select({ name: serviceCategories.name })
      .from(serviceCategories)
      .where(and(eq(serviceCategories.orgId, org.id), eq(serviceCategories.code, row.category)));
    const assignee = row.assigneeId ? await actorById(deps.db, row.assigneeId) : null;
    const [division] = row.divisionId
      ? await deps.db.select().from(divisions).where(eq(divisions.id, row.divisionId))
      : [];
    return c.json({
      case: {
        id: row.id,
        trackingCode: row.trackingCode,
        kind: row.kind,
        category: row.category,
        categoryName: cat?.name ?? th.staff.kinds[row.kind],
        subject: row.subject,
        description: row.description,
        concerning: row.concerning,
        anonymity: row.anonymity,
        stateType: row.stateType,
        stateLabel: row.stateLabel,
        affectedCount: row.affectedCount,
        urgent: row.urgent,
        division: division ? { id: division.id, name: division.name } : null,
        assignee: assignee ? { id: assignee.staffId, name: assignee.staff.name } : null,
        photos: (row.photos as CasePhoto[]).map((_, i) => `cases/${row.id}/photos/case/${i}`),
        latitude: row.latitude,
        longitude: row.longitude,
        address: row.address,
        mapUrl:
          row.latitude !== null && row.longitude !== null
            ? `https://www.google.com/maps?q=${row.latitude},${row.longitude}`
            : null,
        createdAt: row.createdAt,
        acceptedAt: row.acceptedAt,
        finishedAt: row.finishedAt,
        dueAt: row.dueAt,
        acceptDueAt: row.acceptDueAt,
        reopenCount: row.reopenCount,
        explanationRequestedAt: row.explanationRequestedAt,
        explanationSentAt: row.explanationSentAt,
      },
      timeline: timeline.map((u) => ({
        ...u,
        photos: (u.photos as CasePhoto[]).map((_, i) => `cases/${row.id}/photos/${u.id}/${i}`),
      })),
      can: {
        work: can(actor, 'work', row),
        assign: can(actor, 'assign', row) || can(actor, 'work', row),
        forward: can(actor, 'forward', row),
      },
    });
  });

  /** A photo of the case (`case`) or of a timeline entry, for the console (token-checked). */
  app.get('/:org/cases/:id/photos/:update/:n', async (c) => {
    const { row } = await readable(c, c.req.param('id')!);
    const which = c.req.param('update');
    let photos = row.photos as CasePhoto[];
    if (which !== 'case') {
      if (!z.uuid().safeParse(which).success) throw new HTTPException(404, { message: A.notFound });
      const [u] = await deps.db
        .select({ photos: caseUpdates.photos })
        .from(caseUpdates)
        .where(and(eq(caseUpdates.id, which), eq(caseUpdates.caseId, row.id)));
      photos = (u?.photos as CasePhoto[]) ?? [];
    }
    const p = photos[Number(c.req.param('n'))];
    const stored = p ? await deps.photos.get(p.key) : null;
    if (!p || !stored) throw new HTTPException(404, { message: A.notFound });
    return c.body(stored.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': p.contentType,
      'Cache-Control': 'private, no-store',
    });
  });

  /** Who the case can be assigned to by this actor. */
  app.get('/:org/cases/:id/assignees', async (c) => {
    const { actor, org, row } = await readable(c, c.req.param('id')!);
    if (!can(actor, 'work', row)) throw new HTTPException(403, { message: A.forbidden });
    const people = await deps.db
      .select({ id: staff.id })
      .from(staff)
      .where(and(eq(staff.orgId, org.id), eq(staff.active, true), isNotNull(staff.lineUserId)));
    const out = [];
    for (const p of people) {
      const target = await actorById(deps.db, p.id);
      if (target && canAssignTo(actor, row, target))
        out.push({ id: target.staffId, name: target.staff.name, position: target.staff.position });
    }
    return c.json({ staff: out });
  });

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
  registerNoteRoutes(app, deps);
  registerUndeliveredRoutes(app, deps);

  return app;
}
