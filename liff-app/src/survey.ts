/**
 * The satisfaction survey page: one question per screen (large targets on a small phone, a
 * clear progress count, one tap answers and moves on), answers kept in localStorage until the
 * server has them, a failed submit retried when the phone is back online.
 */
import type {
  Answers,
  SurveyDefinition,
  SurveyQuestion,
  SurveySubmission,
} from '../../shared/survey/definition';
import { pruneHidden, visibleQuestions } from '../../shared/survey/scoring';
import { optionsOf } from '../../shared/survey/walk';
import { survey as T } from '../../shared/text/th-survey';
import { createAuth, type Auth } from './auth';

type Meta = {
  org: { slug: string; name: string };
  survey: { id: string; version: number; definition: unknown };
  services: { code: string; name: string }[];
  point: { code: string; name: string; service: string | null } | null;
  round: { label: string; open: boolean };
  liff: { id: string | null; clientId: string | null };
};
type Saved = {
  meta: Meta;
  answers: Answers;
  step: number;
  clientId: string;
  /** 'filling' | 'pending' (waiting to be sent) | a final outcome. */
  phase: 'filling' | 'pending' | 'stored' | 'already_answered';
};

/**
 * The page's parameters. Opened through https://liff.line.me/<id>/survey.html?…, LINE first loads
 * the endpoint with them packed into `liff.state`; liff.init() then moves to the real address.
 */
const params = (() => {
  const own = new URLSearchParams(location.search);
  const state = own.get('liff.state');
  const at = state?.indexOf('?') ?? -1;
  return state && at >= 0 ? new URLSearchParams(state.slice(at)) : own;
})();
const org = params.get('org') ?? 'demo';
const point = params.get('point') ?? undefined;
const invitation = params.get('inv') ?? undefined;
/** Which kind of link opened the page (chat menu, counter QR, case invitation). */
const source = ['menu', 'qr', 'invite'].find((s) => s === params.get('src')) as
  'menu' | 'qr' | 'invite' | undefined;
const KEY = `fangsiang.survey.${org}.${invitation ?? point ?? 'general'}`;
const app = document.getElementById('app')!;

let state: Saved;
let def: SurveyDefinition;
let auth: Promise<Auth> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelay = 5_000;
let tapped = false;
let shownAt = 0;
let shownCode = '';
const TAP_GUARD_MS = 300;

const save = () => {
  try {
    localStorage.setItem(KEY, JSON.stringify(state));
  } catch {
    /* private mode: the survey still works, only not across reloads */
  }
};
const load = (): Saved | null => {
  try {
    return JSON.parse(localStorage.getItem(KEY) || 'null');
  } catch {
    return null;
  }
};

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v as EventListener);
    else if (k in el && k !== 'list') Object.assign(el, { [k]: v });
    else el.setAttribute(k, String(v));
  }
  for (const c of children) if (c) el.append(c);
  return el;
}

function show(...nodes: (Node | null)[]) {
  app.replaceChildren(...nodes.filter((n): n is Node => Boolean(n)));
  app.querySelector<HTMLElement>('h1')?.focus();
}

/** Questions the person goes through: the shown ones, less those the QR code already answered. */
function steps(): SurveyQuestion[] {
  return visibleQuestions(def, state.answers).filter(
    (q) =>
      !(q.code === 'p2' && state.meta.point?.service) && !(q.code === 'p3' && state.meta.point),
  );
}

/**
 * The definition as the server sent it. The server checked it with the zod schema when it was
 * stored and checks every submission with it again; the page only makes sure it can walk it, so
 * zod stays out of the page (decision 030: ≤ 40 KB gzipped for the first screen with the SDK).
 */
function asDefinition(raw: unknown): SurveyDefinition {
  const d = raw as SurveyDefinition | null;
  if (!d || !Array.isArray(d.sections) || typeof d.scales !== 'object' || !d.scales)
    throw new Error('survey definition unreadable');
  for (const s of d.sections)
    if (!Array.isArray(s.questions)) throw new Error('survey definition unreadable');
  return d;
}

function presets(meta: Meta): Answers {
  const a: Answers = {};
  if (meta.point?.service) a.p2 = meta.point.service;
  if (meta.point) a.p3 = 'counter';
  return a;
}

async function start() {
  const saved = load();
  if (saved?.phase === 'pending') {
    state = saved;
    def = asDefinition(saved.meta.survey.definition);
    return submit();
  }
  let meta: Meta;
  try {
    const q = point ? `?point=${encodeURIComponent(point)}` : '';
    const url = `/api/survey/${encodeURIComponent(org)}${q}`;
    // survey.html starts this request before the script arrives.
    const early = (window as { __surveyMeta?: { url: string; response: Promise<Response | null> } })
      .__surveyMeta;
    const res = (early?.url === url ? await early.response : null) ?? (await fetch(url));
    if (early) early.url = '';
    if (!res.ok) throw new Error(String(res.status));
    meta = await res.json();
  } catch {
    if (saved?.phase === 'filling') meta = saved.meta;
    else
      return show(h('p', { className: 'status', role: 'alert' }, T.loadFailed), retryButton(start));
  }
  def = asDefinition(meta.survey.definition);
  // A real channel without a LIFF app: no way to know who answers, so no survey.
  if (!meta.liff.id && !meta.liff.clientId)
    return show(h('p', { className: 'status', role: 'alert' }, T.notConfigured));
  const sameVersion =
    saved &&
    saved.meta.survey.id === meta.survey.id &&
    saved.meta.survey.version === meta.survey.version;
  if (saved && sameVersion && saved.phase !== 'filling') {
    state = { ...saved, meta };
    return outcome(saved.phase);
  }
  state =
    saved && sameVersion
      ? { ...saved, meta }
      : { meta, answers: presets(meta), step: -1, clientId: crypto.randomUUID(), phase: 'filling' };
  save();
  auth = createAuth(meta.liff);
  auth.catch(() => {});
  render();
}

function retryButton(fn: () => void) {
  return h(
    'div',
    { className: 'nav' },
    h('button', { className: 'primary', onclick: fn }, T.retry),
  );
}

function render() {
  if (!state.meta.round.open) return outcome('round_closed');
  const list = steps();
  if (state.step < 0) return intro();
  if (state.step >= list.length) state.step = list.length - 1;
  const q = list[state.step]!;
  if (shownCode !== q.code) shownAt = performance.now();
  shownCode = q.code;
  const total = list.length;
  const n = state.step + 1;
  const section = def.sections.find((s) => s.questions.includes(q));
  const answer = state.answers[q.code];
  const answered = Array.isArray(answer) ? answer.length > 0 : Boolean(answer?.trim());
  const last = n === total;
  const legendId = `q-${q.code}`;

  const body: Node[] = [];
  if (q.kind === 'text') {
    body.push(
      h('textarea', {
        id: `t-${q.code}`,
        'aria-labelledby': legendId,
        maxLength: q.maxLength ?? 1000,
        placeholder: T.textPlaceholder,
        value: typeof answer === 'string' ? answer : '',
        oninput: (e: Event) => {
          setAnswer(q.code, (e.target as HTMLTextAreaElement).value, false);
        },
      }),
    );
  } else {
    const multi = q.kind === 'multi';
    const opts = optionsOf(def, q, state.meta.services);
    body.push(
      h(
        'div',
        { className: 'opts', role: multi ? 'group' : 'radiogroup', 'aria-labelledby': legendId },
        ...opts.map((o) => {
          const checked = multi
            ? Array.isArray(answer) && answer.includes(o.value)
            : answer === o.value;
          return h(
            'label',
            { className: 'opt' },
            h('input', {
              type: multi ? 'checkbox' : 'radio',
              name: q.code,
              value: o.value,
              checked,
              // A click runs before its change event; detail 0 means the keyboard chose.
              onclick: (e: MouseEvent) => {
                // A tap this soon after the screen changed was meant for the previous screen (a
                // double tap, a shaky finger): ignore it rather than answer the new question.
                if (e.detail > 0 && performance.now() - shownAt < TAP_GUARD_MS) {
                  e.preventDefault();
                  return;
                }
                tapped = e.detail > 0;
              },
              onchange: (e: Event) => {
                const input = e.target as HTMLInputElement;
                // Keyboard users move through the options with the arrows: no re-render (it
                // would take the focus away) and no moving on until they press Next.
                const byTap = tapped;
                tapped = false;
                if (multi) {
                  const cur = new Set(
                    Array.isArray(state.answers[q.code]) ? (state.answers[q.code] as string[]) : [],
                  );
                  if (input.checked) cur.add(o.value);
                  else cur.delete(o.value);
                  setAnswer(q.code, [...cur], byTap);
                } else {
                  setAnswer(q.code, o.value, byTap);
                  // One tap answers and moves on; the person can always come back.
                  if (byTap && !last) setTimeout(() => go(+1), 180);
                }
              },
            }),
            h('span', {}, o.label),
          );
        }),
      ),
    );
  }

  show(
    h(
      'div',
      { className: 'progress' },
      h('p', {}, T.progress(n, total)),
      h(
        'div',
        {
          className: 'bar',
          role: 'progressbar',
          'aria-valuemin': 0,
          'aria-valuemax': total,
          'aria-valuenow': n,
          'aria-label': T.progress(n, total),
        },
        h('span', { style: `width:${Math.round((n / total) * 100)}%` }),
      ),
    ),
    section ? h('p', { className: 'section' }, section.title) : null,
    h(
      'fieldset',
      {},
      h('legend', {}, h('h1', { id: legendId, tabIndex: -1 }, q.text)),
      q.hint ? h('p', { className: 'hint' }, q.hint) : null,
      h(
        'p',
        { className: 'hint' },
        q.required
          ? q.kind === 'multi'
            ? T.chooseMany
            : q.kind === 'text'
              ? ''
              : T.chooseOne
          : T.optional,
      ),
      ...body,
    ),
    h(
      'div',
      { className: 'nav' },
      h('button', { type: 'button', onclick: () => go(-1) }, T.back),
      h(
        'button',
        {
          type: 'button',
          className: 'primary',
          id: 'next',
          disabled: q.required && !answered,
          onclick: () => (state.step >= steps().length - 1 ? finish() : go(+1)),
        },
        last ? T.send : !answered && !q.required ? T.skip : T.next,
      ),
    ),
  );
}

function setAnswer(code: string, value: string | string[], rerender: boolean) {
  state.answers = { ...state.answers, [code]: value };
  save();
  if (rerender) {
    const pos = steps().findIndex((q) => q.code === code);
    if (pos >= 0) state.step = pos;
    render();
  } else {
    const next = document.getElementById('next') as HTMLButtonElement | null;
    const q = steps()[state.step];
    if (next && q) {
      next.disabled =
        Boolean(q.required) && !(typeof value === 'string' ? value.trim() : value.length);
      if (!q.required && state.step < steps().length - 1)
        next.textContent = value.length ? T.next : T.skip;
    }
  }
}

function go(delta: number) {
  state.step = Math.max(-1, Math.min(steps().length - 1, state.step + delta));
  save();
  render();
}

function intro() {
  // For the slow-network measurement (tests/e2e/survey.test.ts): the first usable screen.
  performance.mark('fs:intro');
  show(
    h('h1', { tabIndex: -1 }, def.title),
    h('p', {}, state.meta.org.name),
    state.meta.point ? h('p', {}, T.point(state.meta.point.name)) : null,
    def.intro ? h('p', {}, def.intro) : null,
    h('p', { className: 'note' }, T.privacy),
    h(
      'div',
      { className: 'nav' },
      h('button', { type: 'button', className: 'primary', onclick: () => go(+1) }, T.start),
    ),
  );
}

function finish() {
  state.answers = pruneHidden(def, state.answers);
  state.phase = 'pending';
  save();
  void submit();
}

async function submit() {
  clearTimeout(retryTimer);
  show(h('p', { className: 'status', role: 'status' }, T.sending));
  const body: SurveySubmission = {
    surveyId: state.meta.survey.id,
    version: state.meta.survey.version,
    answers: state.answers,
    clientId: state.clientId,
    ...(point ? { point } : {}),
    ...(invitation ? { invitation } : {}),
    ...(source ? { source } : {}),
  };
  let res: Response;
  try {
    auth ??= createAuth(state.meta.liff);
    const token = await (await auth).idToken();
    res = await fetch(`/api/survey/${encodeURIComponent(org)}/responses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  } catch {
    auth = null;
    return pending();
  }
  if (res.status >= 500 || res.status === 408 || res.status === 429) return pending();
  const result = (await res.json().catch(() => ({}))) as { status?: string };
  if (res.ok) return outcome('stored');
  if (res.status === 409 && result.status === 'already_answered')
    return outcome('already_answered');
  if (res.status === 409 && result.status === 'round_closed') return outcome('round_closed');
  if (res.status === 401) {
    auth = null;
    return show(h('p', { className: 'status', role: 'alert' }, T.authFailed), retryButton(submit));
  }
  outcome('rejected');
}

function pending() {
  show(
    h(
      'div',
      { className: 'done', role: 'status' },
      h('h1', { tabIndex: -1 }, T.offlineTitle),
      h('p', {}, T.offlineBody),
    ),
    retryButton(submit),
  );
  retryTimer = setTimeout(submit, retryDelay);
  retryDelay = Math.min(retryDelay * 2, 60_000);
}

function outcome(kind: 'stored' | 'already_answered' | 'round_closed' | 'rejected') {
  clearTimeout(retryTimer);
  if (kind === 'stored' || kind === 'already_answered') {
    state.phase = kind;
    save();
  } else if (kind === 'rejected') {
    try {
      localStorage.removeItem(KEY);
    } catch {
      /* nothing kept */
    }
  }
  const [title, text] = {
    stored: [T.thanksTitle, T.thanksBody],
    already_answered: [T.alreadyTitle, T.alreadyBody],
    round_closed: [T.roundClosedTitle, T.roundClosedBody],
    rejected: [T.rejectedTitle, T.rejectedBody],
  }[kind];
  show(
    h(
      'div',
      { className: 'done', id: `outcome-${kind}` },
      h('div', { className: 'icon', 'aria-hidden': 'true' }, kind === 'stored' ? '✓' : 'ℹ'),
      h('h1', { tabIndex: -1 }, title),
      h('p', {}, text),
    ),
    kind === 'rejected' ? retryButton(() => location.reload()) : null,
  );
}

window.addEventListener('online', () => {
  if (state?.phase === 'pending') {
    retryDelay = 5_000;
    void submit();
  }
});
document.title = T.pageTitle;
void start();
