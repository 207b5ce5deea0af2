/**
 * The staff console's survey screens (issue 5):
 * - `#paper`: the numbered batches of paper forms, each with a confirm form for a second person
 *   who counted the paper, and (for staff granted paper entry) the current survey as one plain
 *   form, to type in a paper questionnaire (posted to /api/survey/:org/staff/paper, stored with
 *   channel = paper in the typist's open batch; bot/survey/paper.ts);
 * - `#rounds`: the rounds with respondents against the target sample, and for the clerk's
 *   office, executives and admins: open, close and set the target.
 * The server decides who may do what; the page only hides what would be refused.
 */
import { formatThaiDate } from '../../shared/dates';
import { optionsOf } from '../../shared/survey/walk';
import {
  type Answers,
  type SurveyDefinition,
  type SurveyQuestion,
} from '../../shared/survey/definition';
import { pruneHidden, validateAnswers } from '../../shared/survey/scoring';
import { survey as S } from '../../shared/text/th-survey';

const W = S.console;

/** What console.ts lends these screens. */
export type SurveyScreenContext = {
  app: HTMLElement;
  org: string;
  api: <R>(method: string, path: string, body?: unknown) => Promise<R>;
  esc: (s: unknown) => string;
  /** Whether this member of staff may open/close rounds and set targets (same set as the API). */
  canManageRounds: boolean;
};

/** Roles the API lets open and close rounds (bot/survey/staff.ts ADMIN_ROLES). */
export const ROUND_ADMIN_ROLES = ['admin', 'clerk_office', 'executive'];

type SurveyPage = {
  survey: { id: string; version: number; definition: SurveyDefinition };
  services: { code: string; name: string }[];
  round: { label: string; open: boolean };
};

type RoundRow = {
  label: string;
  startsOn: string;
  endsOn: string;
  targetSample: number | null;
  responses: number;
  paper: number;
  open: boolean;
  progress: number | null;
};

type BatchRow = {
  number: number;
  count: number;
  enteredBy: string;
  createdAt: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
  mine: boolean;
  canConfirm: boolean;
};

const surveyBase = (org: string) => `/api/survey/${encodeURIComponent(org)}`;

/** A status line that screen readers announce (an error as an alert). */
function say(box: HTMLElement, text: string, kind: 'notice' | 'error') {
  box.className = kind;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  box.textContent = text;
  box.hidden = false;
  box.focus();
}

function questionField(ctx: SurveyScreenContext, page: SurveyPage, q: SurveyQuestion): string {
  const { esc } = ctx;
  const def = page.survey.definition;
  const name = esc(q.code);
  const star = q.required ? ` <span aria-hidden="true">${W.required}</span>` : '';
  const parent = q.showIf
    ? def.sections.flatMap((s) => s.questions).find((p) => p.code === q.showIf!.question)
    : null;
  const hint = [q.hint, parent ? W.followUp(parent.text) : null]
    .filter(Boolean)
    .map((t) => esc(t))
    .join(' · ');
  const hintHtml = hint ? `<small id="hint-${name}">${hint}</small>` : '';
  if (q.kind === 'text')
    return `<div class="q"><label for="q-${name}">${esc(q.text)}${star}</label>${hintHtml}
      <textarea id="q-${name}" name="${name}" maxlength="${q.maxLength ?? 1000}"${hint ? ` aria-describedby="hint-${name}"` : ''}></textarea></div>`;
  const type = q.kind === 'multi' ? 'checkbox' : 'radio';
  const options = optionsOf(def, q, page.services)
    .map(
      (o) =>
        `<label class="inline choice"><input type="${type}" name="${name}" value="${esc(o.value)}"${
          q.required && type === 'radio' ? ' required' : ''
        }> ${esc(o.label)}</label>`,
    )
    .join('');
  return `<fieldset class="q" data-code="${name}"${hint ? ` aria-describedby="hint-${name}"` : ''}${
    q.required ? ' aria-required="true"' : ''
  }><legend>${esc(q.text)}${star}</legend>${hintHtml}${options}</fieldset>`;
}

function readAnswers(form: HTMLFormElement, def: SurveyDefinition): Answers {
  const fd = new FormData(form);
  const answers: Answers = {};
  for (const q of def.sections.flatMap((s) => s.questions)) {
    if (q.kind === 'multi') answers[q.code] = fd.getAll(q.code).map(String);
    else {
      const v = fd.get(q.code);
      if (v !== null) answers[q.code] = String(v);
    }
  }
  return pruneHidden(def, answers);
}

function batchList(ctx: SurveyScreenContext, batches: BatchRow[]): string {
  const { esc } = ctx;
  const items = batches
    .map(
      (b) => `<li class="card" data-batch="${b.number}">
        <h3>${esc(W.batch(b.number))}</h3>
        <p>${esc(W.batchLine(b.count, b.enteredBy, formatThaiDate(new Date(b.createdAt))))}</p>
        <p>${b.confirmedAt ? esc(W.batchConfirmed(b.confirmedBy ?? '', formatThaiDate(new Date(b.confirmedAt)))) : esc(W.batchPending)}</p>
        ${
          b.canConfirm
            ? `<form class="row" data-confirm="${b.number}">
            <label>${esc(W.confirmCount(b.count))}<input type="number" name="count" min="1" required inputmode="numeric"></label>
            <button type="submit">${W.confirmBatch}</button></form>`
            : ''
        }</li>`,
    )
    .join('');
  return `<h3>${W.batchesTitle}</h3><p>${W.batchesHint}</p>
    ${items ? `<ul class="batches">${items}</ul>` : `<p>${W.noBatches}</p>`}`;
}

/** `#paper`: the batches (confirm another's), and one paper questionnaire typed in. */
export async function showPaper(ctx: SurveyScreenContext, flash?: string): Promise<void> {
  const [page, list] = await Promise.all([
    ctx.api<SurveyPage>('GET', surveyBase(ctx.org)),
    ctx.api<{ canEnter: boolean; batches: BatchRow[] }>(
      'GET',
      `${surveyBase(ctx.org)}/staff/paper/batches`,
    ),
  ]);
  const def = page.survey.definition;
  const { esc } = ctx;
  const sections = def.sections
    .map(
      (s) => `<section class="card" aria-labelledby="sec-${esc(s.id)}">
        <h3 id="sec-${esc(s.id)}">${esc(s.title)}</h3>
        ${s.questions.map((q) => questionField(ctx, page, q)).join('')}</section>`,
    )
    .join('');
  ctx.app.innerHTML = `<p><a href="#">${W.back}</a></p>
    <h2 id="paper-title" tabindex="-1">${W.paperTitle}</h2>
    <p>${esc(def.title)} · ${esc(W.round(page.round.label))}</p>
    ${page.round.open ? '' : `<p class="error" role="alert">${W.roundClosed}</p>`}
    <p id="paper-status" tabindex="-1" ${flash ? 'class="notice" role="status"' : 'hidden'}>${flash ? esc(flash) : ''}</p>
    ${batchList(ctx, list.batches)}
    ${
      list.canEnter
        ? `<p>${W.paperHint}</p>
    <form id="paper-form" novalidate>${sections}
      <button type="submit" id="paper-save">${W.save}</button>
    </form>
    <form id="paper-new-batch"><button type="submit" class="secondary">${W.newBatch}</button></form>`
        : `<p>${S.errors.paperNotGranted}</p>`
    }`;
  const status = ctx.app.querySelector<HTMLElement>('#paper-status')!;
  ctx.app.querySelector<HTMLElement>(flash ? '#paper-status' : '#paper-title')!.focus();
  for (const f of ctx.app.querySelectorAll<HTMLFormElement>('form[data-confirm]')) {
    f.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const button = f.querySelector('button')!;
      button.disabled = true;
      try {
        await ctx.api(
          'POST',
          `${surveyBase(ctx.org)}/staff/paper/batches/${f.dataset.confirm}/confirm`,
          {
            count: Number(new FormData(f).get('count')),
          },
        );
        await showPaper(ctx, W.done);
      } catch (e) {
        button.disabled = false;
        say(status, e instanceof Error ? e.message : W.failed, 'error');
      }
    });
  }
  ctx.app
    .querySelector<HTMLFormElement>('#paper-new-batch')
    ?.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const r = await ctx.api<{ batch: { number: number } }>(
          'POST',
          `${surveyBase(ctx.org)}/staff/paper/batches`,
        );
        await showPaper(ctx, W.batch(r.batch.number));
      } catch (e) {
        say(status, e instanceof Error ? e.message : W.failed, 'error');
      }
    });
  const form = ctx.app.querySelector<HTMLFormElement>('#paper-form');
  if (!form) return;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const answers = readAnswers(form, def);
    const issues = validateAnswers(
      def,
      answers,
      page.services.map((s) => s.code),
    );
    if (issues.length) {
      const missing = issues.filter((i) => i.problem === 'required');
      say(status, missing.length ? W.missing(missing.length) : S.errors.invalidAnswers, 'error');
      const first = form.querySelector<HTMLElement>(
        `[data-code="${issues[0]!.code}"] input, #q-${issues[0]!.code}`,
      );
      first?.focus();
      return;
    }
    const button = form.querySelector<HTMLButtonElement>('#paper-save')!;
    button.disabled = true;
    button.textContent = W.saving;
    try {
      const r = await ctx.api<{ batch: { number: number; count: number } }>(
        'POST',
        `${surveyBase(ctx.org)}/staff/paper`,
        {
          surveyId: page.survey.id,
          version: page.survey.version,
          answers,
          clientId: crypto.randomUUID(),
        },
      );
      await showPaper(ctx, W.saved(r.batch.number, r.batch.count));
    } catch (e) {
      button.disabled = false;
      button.textContent = W.save;
      const st = (e as { body?: { status?: string } }).body?.status;
      say(
        status,
        st === 'round_closed' ? W.roundClosed : e instanceof Error ? e.message : W.failed,
        'error',
      );
    }
  });
}

const dateOf = (iso: string) => formatThaiDate(new Date(`${iso}T12:00:00+07:00`));

/** `#rounds`: respondents against the target; open, close and set the target. */
export async function showRounds(ctx: SurveyScreenContext, flash?: string): Promise<void> {
  const { rounds } = await ctx.api<{ rounds: RoundRow[] }>(
    'GET',
    `${surveyBase(ctx.org)}/staff/rounds`,
  );
  const { esc } = ctx;
  const items = [...rounds]
    .reverse()
    .map((r) => {
      const pct = r.progress === null ? null : Math.round(r.progress * 100);
      const actions = ctx.canManageRounds
        ? `<form class="row" data-round="${esc(r.label)}" data-kind="target">
            <label>${W.target}<input type="number" name="target" min="1" max="100000" required inputmode="numeric" value="${r.targetSample ?? ''}"></label>
            <button type="submit" class="secondary">${W.setTarget}</button></form>
          <form class="row" data-round="${esc(r.label)}" data-kind="${r.open ? 'close' : 'open'}">
            <button type="submit"${r.open ? ' class="secondary"' : ''}>${r.open ? W.close : W.open}</button></form>`
        : '';
      return `<li class="card" data-label="${esc(r.label)}">
        <h3>${esc(W.round(r.label))} <span class="state">${r.open ? W.isOpen : W.isClosed}</span></h3>
        <p>${esc(W.span(dateOf(r.startsOn), dateOf(r.endsOn)))}</p>
        <p data-testid="round-respondents" data-count="${r.responses}">${esc(W.respondents(r.responses, r.targetSample))} · ${esc(W.paperCount(r.paper))}</p>
        ${pct === null ? '' : `<label>${W.progress} ${pct}%<progress max="100" value="${pct}">${pct}%</progress></label>`}
        ${actions}</li>`;
    })
    .join('');
  ctx.app.innerHTML = `<p><a href="#">${W.back}</a></p>
    <h2 id="rounds-title" tabindex="-1">${W.roundsTitle}</h2>
    <p id="rounds-status" tabindex="-1" ${flash ? 'class="notice" role="status"' : 'hidden'}>${flash ? esc(flash) : ''}</p>
    ${ctx.canManageRounds ? '' : `<p>${W.readOnly}</p>`}
    ${items ? `<ul class="rounds">${items}</ul>` : `<p>${W.noRounds}</p>`}`;
  const status = ctx.app.querySelector<HTMLElement>('#rounds-status')!;
  ctx.app.querySelector<HTMLElement>(flash ? '#rounds-status' : '#rounds-title')!.focus();
  for (const form of ctx.app.querySelectorAll<HTMLFormElement>('form[data-round]')) {
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const label = form.dataset.round!;
      const kind = form.dataset.kind!;
      if (kind === 'close' && !confirm(W.confirmClose(label))) return;
      const body =
        kind === 'target'
          ? { targetSample: Number(new FormData(form).get('target')) }
          : { action: kind };
      const button = form.querySelector('button')!;
      button.disabled = true;
      try {
        await ctx.api(
          'POST',
          `${surveyBase(ctx.org)}/staff/rounds/${encodeURIComponent(label)}`,
          body,
        );
        await showRounds(ctx, W.done);
      } catch (e) {
        button.disabled = false;
        say(status, e instanceof Error ? e.message : W.failed, 'error');
      }
    });
  }
}
