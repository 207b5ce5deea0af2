import {
  addCaseUpdate,
  deleteCaseWatcher,
  orgCaseWatchers,
  residentCases,
  updateCase,
} from '../../db/cases';
import { findNearbyOpenCase, joinCase } from '../../db/nearby';
import { activeCategories } from '../../db/categories';
import { clearConversationState, residentWithState, saveState } from '../../db/conversations';
import { forgetResidentIdentity, type ResidentRow } from '../../db/residents';
import { parseIntake } from '../../shared/conversation/intake';
import { parseState } from '../../shared/conversation/state';
import { MAX_PHOTO_BYTES, PHOTO_TYPES, type CasePhoto } from '../../shared/cases';
import { expectsPhoto, step } from '../../shared/conversation/engine';
import { ask, caseCard, caseList, menu, receipt } from '../../shared/conversation/render';
import {
  IDLE,
  type CaseDraft,
  type Command,
  type ConversationState,
  type Input,
  type OrgConfig,
} from '../../shared/conversation/types';
import { formatThaiDate } from '../../shared/dates';
import type { Message } from '../../shared/line/messages';
import type { WebhookEvent } from '../../shared/line/webhook';
import { redactPii } from '../../shared/redact';
import { th } from '../../shared/text/th';
import type { CaseRow } from '../../db/cases';
import { fileCase, stateLabel } from '../cases/file';
import { allowTry, findCase, lastNote, pinMatches, withCodeLock } from '../cases/track';
import type { HandlerContext } from '../events/types';
import { orgSettings } from '../../shared/org-settings';
import { keepVerdictNote } from '../outcomes/verdict';
import { orgMessageTexts } from '../../db/message-templates';
import { receiptNote } from '../../shared/messages/templates';

const conv = th.conv;

/** Turns a LINE event into the conversation's input (null: not something a resident said). */
export function toInput(event: WebhookEvent): Input | null {
  if (event.type === 'postback') {
    const data = (event.postback as { data?: string } | undefined)?.data;
    return typeof data === 'string' ? { type: 'postback', data } : null;
  }
  if (event.type !== 'message') return null;
  const m = (event.message ?? {}) as Record<string, unknown>;
  switch (m.type) {
    case 'text':
      return { type: 'text', text: String(m.text ?? '') };
    case 'image':
      return { type: 'image', messageId: String(m.id) };
    case 'location':
      return {
        type: 'location',
        latitude: Number(m.latitude),
        longitude: Number(m.longitude),
        address: typeof m.address === 'string' ? m.address : undefined,
        title: typeof m.title === 'string' ? m.title : undefined,
      };
    case 'sticker':
      return { type: 'sticker' };
    default:
      return { type: 'other', messageType: String(m.type) };
  }
}

/**
 * Runs one resident event through the conversation: loads their state and the
 * organisation's configuration, fetches a photo when the flow expects one, calls the
 * pure step, performs its commands inside the handler's transaction and returns the
 * reply. Results of the work (e.g. "this case needs a PIN") go back into the step.
 */
export async function converse(
  event: WebhookEvent,
  input: Input,
  ctx: HandlerContext,
): Promise<Message[]> {
  const lineUserId = event.source?.userId;
  if (!lineUserId) return [menu(th.notUnderstood)];
  // "…" when the answer is slow to come (a photo download shows it at once, fetchPhoto).
  const showLoading = () => void ctx.line?.showLoadingAnimation(lineUserId, 5).catch(() => {});
  const after = ctx.services.loadingAnimationAfterMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (input.type === 'text') {
    if (after > 0) timer = setTimeout(showLoading, after);
    else showLoading();
  }
  try {
    return await answer(event, input, ctx, lineUserId);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

async function answer(
  event: WebhookEvent,
  input: Input,
  ctx: HandlerContext,
  lineUserId: string,
): Promise<Message[]> {
  const { tx, now } = ctx;
  const known = ctx.residentState;
  const { resident, saved, configVersion } =
    known?.resident.lineUserId === lineUserId
      ? known
      : await residentWithState(tx, ctx.org.id, lineUserId);
  const config = await loadOrgConfig(ctx, configVersion);
  const loaded = saved
    ? parseState({
        flow: saved.flow,
        step: saved.step,
        data: saved.data,
        expiresAt: saved.expiresAt?.toISOString() ?? null,
      })
    : { state: IDLE, reset: false };
  let state: ConversationState = loaded.state;
  if (loaded.reset) {
    ctx.logger.warn('saved conversation state did not fit; reset to idle', {
      flow: saved?.flow,
      step: saved?.step,
    });
  }

  if (input.type === 'image' && expectsPhoto(state, now)) {
    input = { ...input, ...(await fetchPhoto(ctx, input.messageId, lineUserId)) };
  }

  const messages: Message[] = loaded.reset ? [ask(conv.stateReset)] : [];
  let pending: Input | null = input;
  for (let round = 0; pending && round < 3; round++) {
    const result = step(state, pending, now, config);
    state = result.state;
    pending = null;
    for (const command of result.commands) {
      const out = await perform(command, { ctx, resident, config, lineUserId });
      messages.push(...out.messages);
      if (out.feedback) pending = out.feedback;
    }
  }
  // Idle stays idle (a question answered, a menu shown): nothing to write.
  if (state.flow !== 'idle' || (saved && saved.flow !== 'idle'))
    await saveState(tx, ctx.org.id, resident.id, state, now);
  markAsRead(event, ctx);
  return messages.length ? messages.slice(-5) : [menu(th.notUnderstood)];
}

/** Marks the resident's messages read when the reply is ready (where the channel allows it). */
function markAsRead(event: WebhookEvent, ctx: HandlerContext): void {
  const token = (event.message as { markAsReadToken?: unknown } | undefined)?.markAsReadToken;
  if (typeof token !== 'string' || !ctx.line) return;
  ctx.line.markAsRead(token).catch((e: unknown) => {
    ctx.logger.warn('mark as read failed', { error: String(e) });
  });
}

interface Performed {
  messages: Message[];
  feedback?: Input;
}

/** Files a draft as the resident of this conversation (the shared filing, bot/cases/file.ts). */
function createCase(
  ctx: HandlerContext,
  draft: CaseDraft,
  env: { resident: ResidentRow; lineUserId: string },
): Promise<CaseRow> {
  return fileCase(ctx.tx, ctx, draft, {
    residentId: env.resident.id,
    lineUserId: env.lineUserId,
    displayName: env.resident.displayName,
  });
}

async function perform(
  command: Command,
  env: { ctx: HandlerContext; resident: ResidentRow; config: OrgConfig; lineUserId: string },
): Promise<Performed> {
  const { ctx, resident, config } = env;
  switch (command.type) {
    case 'reply':
      return { messages: command.messages };
    case 'createCase': {
      const c = await createCase(ctx, command.draft, env);
      const cat = config.categories.find((x) => x.code === c.category);
      const view = {
        orgName: config.orgName,
        trackingCode: c.trackingCode,
        kind: c.kind,
        categoryName: cat?.name ?? categoryFallbackName(c.kind),
        createdAt: c.createdAt,
        finishDays: cat?.finishDays ?? config.defaultFinishDays,
        anonymous: c.anonymity === 'anonymous',
        notify: c.anonymity === 'anonymous' && command.draft.notify === true,
      };
      const messages: Message[] = [
        receipt({ ...view, note: receiptNote(await orgMessageTexts(ctx.tx, ctx.org.id), view) }),
      ];
      if (c.urgent) messages.push(ask(conv.urgent.filed));
      if (c.anonymity === 'anonymous')
        messages.push(
          menu(
            command.draft.notify
              ? conv.corruption.protectAnonymousNotify
              : conv.corruption.protectAnonymous,
          ),
        );
      else if (c.anonymity === 'confidential')
        messages.push(menu(conv.corruption.protectConfidential));
      else messages.push(menu());
      return { messages };
    }
    case 'handoff': {
      const c = await createCase(
        ctx,
        {
          kind: 'question',
          category: 'question',
          subject: '',
          description: command.question || th.cases.handoffDescription,
          concerning: '',
          photos: [],
          latitude: null,
          longitude: null,
          address: null,
          anonymity: 'none',
        },
        env,
      );
      return {
        messages: [menu(conv.handoff.done(c.trackingCode, config.contact.officeHours ?? '-'))],
      };
    }
    case 'listCases': {
      const mine = await residentCases(ctx.tx, ctx.org.id, resident.id, 12);
      if (!mine.length) return { messages: [menu(conv.track.none)] };
      return { messages: [caseList(await Promise.all(mine.map((c) => cardOf(ctx, c, config))))] };
    }
    case 'trackCase':
      return trackCase(ctx, command.code, command.pin, env);
    case 'findNearby': {
      const match = await findNearbyOpenCase(ctx.tx, ctx.org.id, command);
      return {
        messages: [],
        feedback: {
          type: 'nearby',
          match: match && {
            code: match.trackingCode,
            stateLabel: match.stateLabel,
            affected: match.affectedCount,
            metres: match.metres,
          },
        },
      };
    }
    case 'joinCase': {
      const joined = await joinCase(ctx.tx, ctx, command.code, resident.id, command.photos);
      if (!joined) return { messages: [], feedback: { type: 'nearby', match: null } };
      return {
        messages: [],
        feedback: { type: 'joined', code: joined.trackingCode, affected: joined.affectedCount },
      };
    }
    case 'exportData':
      return { messages: [menu(await exportData(ctx, resident))] };
    case 'verdictNote':
      await keepVerdictNote(ctx, resident.id, command.caseId, command.note);
      return { messages: [] };
    case 'deleteData':
      await deleteData(ctx, resident);
      return { messages: [menu(conv.data.deleted)] };
  }
}

function categoryFallbackName(kind: CaseRow['kind']): string {
  return kind === 'corruption'
    ? conv.flowName.corruption
    : kind === 'complaint'
      ? conv.flowName.complaint
      : th.menu.ask;
}

/** The organisation's categories, contact details and FAQ, as the pure flows see them. */
export async function loadOrgConfig(
  ctx: HandlerContext,
  configVersion = ctx.org.configVersion,
): Promise<OrgConfig> {
  const settings = orgSettings(ctx.org.settings);
  const defaultFinishDays = settings.defaultFinishDays;
  const categories = await ctx.services.categories.get(ctx.org.id, configVersion, async () =>
    (await activeCategories(ctx.tx, ctx.org.id)).map((c) => {
      const intake = parseIntake(c.intake);
      return {
        code: c.code,
        name: c.name,
        kind: c.kind,
        finishDays: c.finishDays ?? defaultFinishDays,
        // The admin console edits `keywords` and `duplicate_radius_m`; seeds carry `intake`.
        keywords: [...new Set([...intake.keywords, ...c.keywords])],
        examples: intake.examples,
        duplicateRadiusM: c.duplicateRadiusM ?? intake.duplicateRadiusM,
        ...(intake.urgent ? { urgent: { advice: intake.advice, phones: intake.phones } } : {}),
      };
    }),
  );
  return {
    orgName: ctx.org.name,
    categories,
    contact: settings.contact,
    flowTimeoutMinutes: settings.flowTimeoutMinutes,
    defaultFinishDays,
    surveyUrl: ctx.surveyUrl ?? null,
    reportFormUrl: ctx.reportFormUrl ?? null,
    faq: ctx.faq,
  };
}

/** Downloads a photo from LINE (showing "…" meanwhile), checks it and stores it. */
async function fetchPhoto(
  ctx: HandlerContext,
  messageId: string,
  lineUserId: string,
): Promise<Pick<Extract<Input, { type: 'image' }>, 'photo' | 'photoError'>> {
  if (!ctx.line) return { photoError: 'failed' };
  ctx.line.showLoadingAnimation(lineUserId, 10).catch(() => {});
  try {
    const { bytes, contentType } = await ctx.line.getContent(messageId);
    const type = contentType.split(';')[0]!.trim().toLowerCase();
    if (bytes.length > MAX_PHOTO_BYTES) return { photoError: 'too_large' };
    if (!PHOTO_TYPES[type]) return { photoError: 'bad_type' };
    const key = `${ctx.org.id}/line/${messageId.replace(/[^A-Za-z0-9]/g, '')}.${PHOTO_TYPES[type]}`;
    await ctx.photos.put(key, bytes, type);
    return { photo: { key, contentType: type, bytes: bytes.length } };
  } catch (e) {
    ctx.logger.warn('photo download failed', { messageId, error: String(e) });
    return { photoError: 'failed' };
  }
}

async function cardOf(ctx: HandlerContext, c: CaseRow, config: OrgConfig) {
  const note = await lastNote(ctx.tx, c.id);
  return {
    trackingCode: c.trackingCode,
    kind: c.kind,
    categoryName:
      config.categories.find((x) => x.code === c.category)?.name ?? categoryFallbackName(c.kind),
    stateType: c.stateType,
    stateLabel: stateLabel(ctx.org.settings, c.stateType),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    lastNote: note,
  };
}

/**
 * Looks a case up by code. The resident sees their own cases; an anonymous case needs
 * its PIN (guesses are limited per resident per hour); a confidential case is shown to
 * the LINE account that filed it. Anything else reads as "not found".
 */
async function trackCase(
  ctx: HandlerContext,
  code: string,
  pin: string | undefined,
  env: { resident: ResidentRow; config: OrgConfig; lineUserId: string },
): Promise<Performed> {
  const c = await findCase(ctx.tx, ctx.org.id, code);
  const notFound = { messages: [menu(conv.track.notFound)] };
  if (!c) return notFound;
  if (c.residentId === env.resident.id)
    return { messages: [caseCard(await cardOf(ctx, c, env.config))] };
  if (c.anonymity === 'anonymous' && c.pinHash) {
    if (!pin) return { messages: [], feedback: { type: 'needPin', code } };
    if (!(await allowTry(ctx.tx, ctx.now, `pin:${ctx.org.id}:${env.resident.id}`))) {
      return { messages: [menu(conv.track.tooMany)] };
    }
    // The per-code lockout counts chat guesses too (issue 12).
    const r = await withCodeLock(ctx.tx, ctx.org.id, c.trackingCode, ctx.now, () =>
      pinMatches(ctx, c, pin),
    );
    if ('locked' in r) return { messages: [menu(conv.track.tooMany)] };
    return r.ok
      ? { messages: [caseCard(await cardOf(ctx, c, env.config))] }
      : { messages: [menu(conv.track.wrongPin)] };
  }
  if (c.anonymity === 'confidential' && c.reporterIdentityEnc) {
    const who = JSON.parse(await ctx.secrets.open(c.reporterIdentityEnc)) as {
      lineUserId?: string;
    };
    if (who.lineUserId === env.lineUserId)
      return { messages: [caseCard(await cardOf(ctx, c, env.config))] };
  }
  return notFound;
}

async function exportData(ctx: HandlerContext, r: ResidentRow): Promise<string> {
  const mine = await residentCases(ctx.tx, ctx.org.id, r.id);
  const D = conv.data;
  return D.export([
    `${D.name}: ${r.displayName ?? D.none}`,
    `${D.since}: ${formatThaiDate(r.createdAt)}`,
    `${D.consent}: ${r.consentAt ? formatThaiDate(r.consentAt) : D.none}`,
    `${D.cases}: ${mine.length ? mine.map((c) => `${c.trackingCode} (${formatThaiDate(c.createdAt)})`).join(', ') : D.none}`,
  ]);
}

/**
 * Forgets a resident: the LINE id, name and consent go, their photos are deleted and
 * their cases stay for statistics, unlinked and with personal data redacted; the sealed
 * LINE id kept for anonymous progress messages (case_watchers) is deleted.
 */
async function deleteData(ctx: HandlerContext, r: ResidentRow): Promise<void> {
  const { tx, now } = ctx;
  const mine = await residentCases(tx, ctx.org.id, r.id);
  for (const c of mine) {
    for (const p of c.photos as CasePhoto[]) await ctx.photos.delete(p.key).catch(() => {});
    await updateCase(tx, c.id, {
      residentId: null,
      description: redactPii(c.description),
      subject: redactPii(c.subject),
      concerning: redactPii(c.concerning),
      address: c.address ? redactPii(c.address) : null,
      photos: [],
      updatedAt: now,
    });
    await addCaseUpdate(tx, {
      orgId: ctx.org.id,
      caseId: c.id,
      authorKind: 'system',
      note: th.cases.identityRemoved,
      createdAt: now,
    });
  }
  // Progress messages an anonymous reporter asked for stop too. Watcher rows hold only the
  // sealed LINE id (nothing links them to the resident), so each is opened to find theirs.
  for (const w of await orgCaseWatchers(tx, ctx.org.id)) {
    const who = await ctx.secrets.open(w.targetEnc).catch(() => null);
    if (who === r.lineUserId) await deleteCaseWatcher(tx, w.id);
  }
  await clearConversationState(tx, r.id);
  await forgetResidentIdentity(tx, r.id);
}
