/**
 * The staff console: the queue (filters: mine, my division, state, overdue, category, dates),
 * a case with its timeline, photos and map link, and the actions (accept, assign, change state
 * with a note and photos, reply to the resident, forward, explain). Every call carries the LIFF
 * ID token; the server decides what this member of staff may see and do.
 * In simulator mode (no LIFF_ID) a staff picker chooses who to sign in as (LIFF mock).
 */
import { escapeHtml } from '../../shared/html';
import { formatThaiDateTime, formatThaiMonth } from '../../shared/dates';
import { formatThaiDateInput, parseThaiDate } from '../../shared/staff/thai-date';
import { consoleText as K } from '../../shared/text/th-console';
import { metrics } from '../../shared/text/th-metrics';
import { staff as T } from '../../shared/text/th-staff';
import { survey as TS } from '../../shared/text/th-survey';
import { ROUND_ADMIN_ROLES, showPaper, showRounds } from './console-survey';
import { outcomesTable, waiverField } from './console-outcomes';
import { isAdmin, showAdmin } from './console-admin';
import { showAgencies, showCaseForwards } from './console-forward';
import { mayManageUndelivered, showUndelivered, undeliveredLink } from './console-outbox';
import { dashboardBars, reportLink, showReport } from './console-report';
import { thAdmin } from '../../shared/text/th-admin';
import { residentNotice } from '../../shared/messages/fill';

const W = T.console;
const params = new URLSearchParams(location.search);
const org = params.get('org') || 'demo';
const app = document.getElementById('app')!;
const base = `/api/staff/${encodeURIComponent(org)}`;

type Config = {
  org: { slug: string; name: string };
  liff: { id: string | null; clientId: string | null };
  simulator: boolean;
};
type Me = {
  staff: { id: string; name: string; position: string };
  roles: { role: keyof typeof T.roles; divisionId: string | null }[];
  divisions: { id: string; code: string; name: string }[];
  categories: { code: string; name: string }[];
  stateLabels: Record<string, string>;
  /** The organisation's wording of what residents read (shared/messages/templates.ts). */
  residentTexts: Parameters<typeof residentNotice>[0];
  quota: { nearLimit: boolean } | null;
};
type QueueItem = {
  id: string;
  trackingCode: string;
  kind: keyof typeof T.kinds;
  category: string;
  categoryName: string | null;
  hasPhoto: boolean;
  subject: string;
  description: string;
  stateType: string;
  stateLabel: string;
  dueAt: string | null;
  createdAt: string;
  overdue: boolean;
  explanationRequestedAt: string | null;
  explanationSentAt: string | null;
  alertHeld?: boolean;
  affectedCount?: number;
  urgent?: boolean;
};
type Detail = {
  case: QueueItem & {
    categoryName: string;
    concerning: string;
    division: { id: string; name: string } | null;
    assignee: { id: string; name: string } | null;
    photos: string[];
    address: string | null;
    mapUrl: string | null;
    reopenCount: number;
  };
  timeline: {
    id: string;
    authorKind: 'staff' | 'resident' | 'system';
    authorName: string | null;
    note: string;
    toState: string | null;
    photos: string[];
    internal: boolean;
    createdAt: string;
  }[];
  can: { work: boolean; assign: boolean; forward: boolean };
};

type Dashboard = {
  round: { label: string; title: string; span: string };
  respondents: number;
  smallSample: boolean;
  eit: number | null;
  satisfaction: { topTwoShare: number; mean: number } | null;
  indicators: { indicator: string; score: number | null }[];
  trend: {
    month: string;
    respondents: number;
    eit: number | null;
    satisfactionMean: number | null;
    satisfactionTopTwoShare: number | null;
  }[];
  cases: {
    total: number;
    onTimeShare: number | null;
    openByDivision: { name: string; open: number; overdue: number }[];
  };
};

type Auth = { idToken(): Promise<string> };
let auth: Auth;

/**
 * The ID token for the API: from the LINE SDK with a LIFF id, else (simulator mode) from the
 * LIFF mock's token desk for the staff member picked (`?user=`). Kept apart from the survey's
 * auth module so the two pages share no chunk (the survey page stays one small module).
 */
async function createAuth(liff: Config['liff']): Promise<Auth> {
  if (liff.id) {
    const { default: sdk } = await import('./liff-sdk');
    await sdk.init({ liffId: liff.id });
    if (!sdk.isLoggedIn()) {
      sdk.login({ redirectUri: location.href });
      await new Promise(() => {});
    }
    return {
      async idToken() {
        const t = sdk.getIDToken();
        if (!t) throw new Error('no ID token');
        return t;
      },
    };
  }
  return {
    async idToken() {
      const res = await fetch('/dev/line/platform/liff-mock/id-token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          userId: params.get('user'),
          clientId: liff.clientId ?? 'simulator',
        }),
      });
      if (!res.ok) throw new Error(`mock token ${res.status}`);
      return ((await res.json()) as { idToken: string }).idToken;
    },
  };
}
let token: string | null = null;
let me: Me;

const esc = escapeHtml;
const when = (iso: string | null) => (iso ? formatThaiDateTime(new Date(iso)) : '-');

async function api<R>(method: string, path: string, body?: unknown, retried = false): Promise<R> {
  token ??= await auth.idToken();
  // Paths under /api/ are absolute (the survey's staff routes); others are the staff API's.
  const res = await fetch(path.startsWith('/api/') ? path : base + path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status === 401 && !retried) {
    token = null; // expired: ask LIFF again
    return api(method, path, body, true);
  }
  if (!res.ok) {
    const e = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw Object.assign(new Error(e?.error?.message ?? `${W.failed} (${res.status})`), {
      status: res.status,
      body: e,
    });
  }
  return res.json() as Promise<R>;
}

/** A signed-in request whose answer the caller reads itself (the report's files, the admin console's CSV files). */
async function raw(path: string, init: RequestInit = {}): Promise<Response> {
  token ??= await auth.idToken();
  return fetch(path, { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` } });
}

async function blobUrl(path: string): Promise<string> {
  token ??= await auth.idToken();
  const res = await fetch(`${base}/${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return res.ok ? URL.createObjectURL(await res.blob()) : '';
}

function showError(e: unknown) {
  const box = document.createElement('p');
  box.className = 'error';
  box.setAttribute('role', 'alert');
  box.textContent = e instanceof Error ? e.message : String(e);
  app.prepend(box);
}

/** An error beside the form whose action failed, not at the top of a long page. */
function showFormError(form: HTMLFormElement, e: unknown) {
  form.querySelector('.error')?.remove();
  const box = document.createElement('p');
  box.className = 'error';
  box.setAttribute('role', 'alert');
  box.textContent = e instanceof Error ? e.message : String(e);
  form.append(box);
  box.scrollIntoView({ block: 'center' });
}

async function staffPicker(): Promise<void> {
  const res = await fetch(`${base}/dev/staff`);
  const { staff } = (await res.json()) as {
    staff: {
      name: string;
      position: string;
      lineUserId: string;
      roles: string[];
      divisions?: string[];
    }[];
  };
  const current = params.get('user') ?? '';
  const options = staff
    .map(
      (s) =>
        `<option value="${esc(s.lineUserId)}"${s.lineUserId === current ? ' selected' : ''}>${esc(
          K.picker.option(
            s.name,
            s.roles.map((r) => T.roles[r as keyof typeof T.roles] ?? r).join(', '),
            (s.divisions ?? []).join(', '),
          ),
        )}</option>`,
    )
    .join('');
  const bar = document.createElement('form');
  bar.className = 'filters';
  bar.innerHTML = `<label>${W.pickStaff}<select name="user" id="staff-picker"><option value=""></option>${options}</select></label>`;
  bar.querySelector('select')!.addEventListener('change', (ev) => {
    const v = (ev.target as HTMLSelectElement).value;
    if (!v) return;
    params.set('user', v);
    location.search = params.toString();
  });
  document.querySelector('header')!.after(bar);
}

function filtersForm(): string {
  const q = new URLSearchParams(location.hash.startsWith('#q=') ? location.hash.slice(3) : '');
  const states = Object.entries(me.stateLabels)
    .map(
      ([k, v]) =>
        `<option value="${k}"${q.get('state') === k ? ' selected' : ''}>${esc(v)}</option>`,
    )
    .join('');
  const scope = q.get('scope') ?? '';
  const categories = (me.categories ?? [])
    .map(
      (c) =>
        `<option value="${esc(c.code)}"${q.get('category') === c.code ? ' selected' : ''}>${esc(c.name)}</option>`,
    )
    .join('');
  const divisions = me.divisions
    .map(
      (d) =>
        `<option value="${esc(d.id)}"${q.get('division') === d.id ? ' selected' : ''}>${esc(d.name)}</option>`,
    )
    .join('');
  const F = K.filters;
  const dateBox = (name: 'from' | 'to', label: string) =>
    `<label>${label}<input name="${name}" id="filter-${name}" inputmode="numeric" size="10" placeholder="${F.datePlaceholder}" title="${F.dateHint}" pattern="\\d{1,2}/\\d{1,2}/\\d{4}" value="${esc(formatThaiDateInput(q.get(name) ?? ''))}"></label>`;
  return `<form class="filters" id="filters">
    <label>${W.scope}<select name="scope">
      <option value="">${W.scopes.all}</option>
      <option value="mine"${scope === 'mine' ? ' selected' : ''}>${W.scopes.mine}</option>
      <option value="division"${scope === 'division' ? ' selected' : ''}>${W.scopes.division}</option>
    </select></label>
    <label>${W.state}<select name="state">
      <option value="">${W.anyState}</option>
      <option value="open"${q.get('state') === 'open' ? ' selected' : ''}>${W.openStates}</option>${states}
    </select></label>
    <label>${F.category}<select name="category" id="filter-category"><option value="">${F.anyCategory}</option>${categories}</select></label>
    <label>${F.division}<select name="division" id="filter-division"><option value="">${F.anyDivision}</option>${divisions}</select></label>
    ${dateBox('from', W.from)}
    ${dateBox('to', W.to)}
    <label class="inline"><input type="checkbox" name="overdue" value="1"${q.get('overdue') ? ' checked' : ''}> ${W.overdue}</label>
    <button type="submit">${W.filter}</button>
  </form>`;
}

async function showQueue(): Promise<void> {
  const q = location.hash.startsWith('#q=') ? location.hash.slice(3) : '';
  const data = await api<{ cases: QueueItem[]; quota: { nearLimit: boolean } | null }>(
    'GET',
    `/cases${q ? `?${q}` : ''}`,
  );
  const items = data.cases
    .map(
      (c) => `<li><a href="#case=${c.id}" data-case="${c.trackingCode}">
        ${c.hasPhoto ? `<img class="thumb" alt="${K.card.photo}" data-thumb="cases/${c.id}/photos/case/0">` : ''}
        <span class="code">${esc(c.trackingCode)}</span> · ${esc(T.kinds[c.kind])}
        <span class="state">${esc(c.stateLabel)}</span>
        <br><small class="category">${K.card.category}: ${esc(c.categoryName ?? T.kinds[c.kind])}</small>
        ${c.overdue ? `<span class="late">${W.overdue}</span>` : ''}
        ${c.alertHeld ? `<span class="late">${W.alertHeld}</span>` : ''}
        ${c.urgent ? `<span class="late">${W.urgent}</span>` : ''}
        ${(c.affectedCount ?? 1) > 1 ? `<span class="state">${W.affected(c.affectedCount!)}</span>` : ''}
        <br>${esc((c.subject || c.description).slice(0, 120))}
        <br><small>${W.due}: ${when(c.dueAt)}</small></a></li>`,
    )
    .join('');
  app.innerHTML = `${data.quota?.nearLimit ? `<p class="notice">${W.quotaLow}</p>` : ''}
    ${isExecutive() ? `<p><a href="#dashboard" id="dashboard-link">${D.link}</a></p>` : ''}
    ${surveyLinks()}
    ${filtersForm()}
    ${items ? `<ul class="queue">${items}</ul>` : `<p>${W.empty}</p>`}`;
  app.querySelector<HTMLFormElement>('#filters')!.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    const fd = new FormData(form);
    const out = new URLSearchParams();
    for (const [k, v] of fd) {
      const value = String(v).trim();
      if (!value) continue;
      if (k === 'from' || k === 'to') {
        const iso = parseThaiDate(value);
        if (!iso) {
          form.querySelector('.error')?.remove();
          const box = document.createElement('p');
          box.className = 'error';
          box.setAttribute('role', 'alert');
          box.textContent = K.filters.badDate;
          form.append(box);
          return;
        }
        out.set(k, iso);
      } else out.set(k, value);
    }
    location.hash = `q=${out.toString()}`;
  });
  for (const img of app.querySelectorAll<HTMLImageElement>('img[data-thumb]')) {
    void blobUrl(img.dataset.thumb!).then((u) => {
      if (u) img.src = u;
      else img.remove();
    });
  }
}

const D = W.dashboard;
/** Any member of staff may type in paper forms and see the rounds (bot/survey/staff.ts). */
const surveyLinks = () =>
  `<p class="row"><a href="#paper" id="paper-link">${TS.console.paperLink}</a> · <a href="#rounds" id="rounds-link">${TS.console.roundsLink}</a></p>`;
const surveyContext = () => ({
  app,
  org,
  api,
  esc,
  canManageRounds: me.roles.some((r) => ROUND_ADMIN_ROLES.includes(r.role)),
});
const num = (n: number | null) => (n === null ? D.none : n.toFixed(2));
/** An admin with no case role has no queue: the dashboard is their start page. */
const adminOnly = () => me.roles.every((r) => r.role === 'admin');
const isExecutive = () => me.roles.some((r) => r.role === 'executive' || r.role === 'admin');

/** The one-line explanation under a dashboard figure. */
const explain = (line: string | undefined) =>
  line ? `<br><small class="explain">${esc(line)}</small>` : '';

/** Executives and admins: the round's scores, the monthly trend and open cases by division. */
async function showDashboard(): Promise<void> {
  const d = await api<Dashboard>('GET', '/dashboard');
  const indicators = d.indicators
    .map(
      (i) =>
        `<tr><th scope="row">${esc(K.dashboard.indicator(i.indicator, metrics.indicators[Number(i.indicator)] ?? ''))}${explain(K.dashboard.explain[i.indicator])}</th><td>${num(i.score)}</td></tr>`,
    )
    .join('');
  const trend = d.trend
    .map(
      (t) =>
        `<tr><th scope="row">${esc(formatThaiMonth(t.month))}</th><td>${t.respondents}</td><td>${num(t.eit)}</td><td>${num(t.satisfactionMean)}</td></tr>`,
    )
    .join('');
  const divisions = d.cases.openByDivision
    .map(
      (r) =>
        `<tr><th scope="row">${esc(r.name || D.noDivision)}</th><td>${r.open}</td><td${r.overdue ? ' class="late"' : ''}>${r.overdue}</td></tr>`,
    )
    .join('');
  app.innerHTML = `<p><a href="#">${D.back}</a></p>
    ${surveyLinks()}
    ${reportLink()}
    <section id="dashboard" aria-labelledby="dash-title">
      <h2 id="dash-title">${esc(D.round(d.round.title || d.round.label))}</h2>
      <p>${esc(d.round.span)}</p>
      ${d.smallSample ? `<p class="notice">${D.smallSample}</p>` : ''}
      <table>
        <tr><th scope="row">${D.respondents}</th><td data-testid="dash-respondents">${d.respondents}</td></tr>
        <tr><th scope="row">${D.eit}${explain(K.dashboard.eit)}</th><td data-testid="dash-eit">${num(d.eit)}</td></tr>
        ${indicators}
        <tr><th scope="row">${D.satisfaction}${explain(K.dashboard.satisfaction)}</th><td>${num(d.satisfaction?.mean ?? null)}</td></tr>
        <tr><th scope="row">${D.topTwo}${explain(K.dashboard.topTwo)}</th><td>${d.satisfaction ? `${num(d.satisfaction.topTwoShare)}%` : D.none}</td></tr>
        <tr><th scope="row">${D.onTime}${explain(K.dashboard.onTime)}</th><td>${d.cases.onTimeShare === null ? D.none : `${num(d.cases.onTimeShare)}%`}</td></tr>
      </table>
      ${dashboardBars(
        [
          ...d.indicators.map((i) => ({
            label: K.dashboard.indicator(i.indicator, '').trim(),
            value: i.score,
          })),
          { label: D.topTwo, value: d.satisfaction?.topTwoShare ?? null },
        ],
        metrics.report.charts.indicators,
        esc,
      )}
      <h3>${D.trend}</h3>
      ${dashboardBars(
        d.trend.map((t) => ({ label: formatThaiMonth(t.month), value: t.satisfactionTopTwoShare })),
        metrics.report.charts.trend,
        esc,
      )}
      <table><thead><tr><th>${D.month}</th><th>${D.respondents}</th><th>EIT</th><th>${D.satisfaction}</th></tr></thead><tbody>${trend}</tbody></table>
      <h3>${D.cases}</h3>
      <table><thead><tr><th>${D.division}</th><th>${D.open}</th><th>${D.overdue}</th></tr></thead><tbody>${divisions}</tbody></table>
      ${outcomesTable((d as { outcomes?: Parameters<typeof outcomesTable>[0] }).outcomes)}
    </section>`;
}

/** The line beside a button whose text goes to the resident, and the live preview of it. */
const toResident = (kind: string, button: string) =>
  `<div class="preview" aria-live="polite"><small>${K.toResident.preview}</small>
    <div class="preview-text" data-preview-of="${kind}" id="${kind}-preview">${K.toResident.emptyPreview}</div></div>
  <div class="send-row">${button}<small class="to-resident">${K.toResident.hint}</small></div>`;

function actionForms(d: Detail): string {
  const c = d.case;
  if (!d.can.work && !d.can.assign) return `<p>${W.readOnly}</p>`;
  const closed = c.stateType === 'finished' || c.stateType === 'rejected';
  const states = Object.entries(me.stateLabels)
    .filter(([k]) => k !== c.stateType && k !== 'forwarded' && k !== 'waiting')
    .map(([k, v]) => `<option value="${k}">${esc(v)}</option>`)
    .join('');
  const divisions = me.divisions
    .filter((x) => x.id !== c.division?.id)
    .map((x) => `<option value="${x.id}">${esc(x.name)}</option>`)
    .join('');
  const explain =
    c.explanationRequestedAt && !c.explanationSentAt
      ? `<form data-action="explain" class="card"><p class="late">${W.explainDue}</p>
        <label>${K.reply.note}<textarea name="note" required></textarea></label>
        ${toResident('explain', `<button type="submit">${W.explain}</button>`)}</form>`
      : c.explanationSentAt
        ? `<p>${W.explainSent}</p>`
        : '';
  const work = d.can.work;
  return `
    ${work && (c.stateType === 'waiting' || c.stateType === 'forwarded') ? `<form data-action="accept"><button type="submit" id="accept">${W.accept}</button></form>` : ''}
    ${!closed && d.can.assign ? `<form data-action="assign" class="row"><label>${W.assign}<select name="staffId" id="assignee"></select></label><button type="submit" class="secondary">${W.assign}</button></form>` : ''}
    ${
      work
        ? `<form data-action="note" id="note-form" class="internal">
      <h3>${K.internalNote.heading}</h3>
      <p class="hint">${K.internalNote.hint}</p>
      <label>${K.internalNote.label}<textarea name="note" id="internal-note" required></textarea></label>
      <button type="submit" class="secondary" id="note-save">${K.internalNote.button}</button>
    </form>
    <form data-action="reply" id="reply-form"><h3>${K.reply.heading}</h3>
      <label>${K.reply.note}<textarea name="note" id="reply-note" required></textarea></label>
      ${toResident('reply', `<button type="submit" class="secondary" id="reply-send">${K.reply.button}</button>`)}
    </form>
    <form data-action="${closed ? 'reopen' : 'state'}" id="state-form">
      <h3>${closed ? W.changeState : K.state.heading}</h3>
      <p class="hint">${K.state.explain}</p>
      ${closed ? '' : `<label>${K.state.choose}<select name="to" id="state-to" required><option value="" selected>${K.state.placeholder}</option>${states}</select></label>`}
      <label>${K.state.note}<textarea name="note" id="state-note" required placeholder="${W.notePlaceholder}"></textarea></label>
      <label>${W.photos}<input type="file" name="photos" accept="image/jpeg,image/png" multiple></label>
      ${closed ? '' : waiverField()}
      ${toResident(closed ? 'reopen' : 'state', `<button type="submit" id="state-save">${closed ? W.save : K.state.button}</button>`)}
    </form>
    ${explain}`
        : ''
    }
    ${
      !closed && d.can.forward
        ? `<form data-action="forward" id="forward-form"><label>${W.forward}<select name="divisionId" id="forward-to">${divisions}</select></label>
      <label>${K.forward.note}<input name="note" required></label>
      ${toResident('forward', `<button type="submit" class="secondary">${W.forward}</button>`)}</form>`
        : ''
    }`;
}

/** What the resident would read if this form were sent now (the server's own templates). */
function previewText(c: Detail['case'], form: HTMLFormElement): string {
  const fd = new FormData(form);
  const note = String(fd.get('note') ?? '').trim();
  if (!note) return K.toResident.emptyPreview;
  const fill = (state: string, division?: string) =>
    residentNotice(me.residentTexts, form.dataset.action ?? '', {
      code: c.trackingCode,
      note,
      state,
      division,
    });
  switch (form.dataset.action) {
    case 'forward': {
      const id = String(fd.get('divisionId') ?? '');
      return fill('', me.divisions.find((x) => x.id === id)?.name ?? '');
    }
    case 'reopen':
      return fill(me.stateLabels.in_progress ?? '');
    default: {
      const to = String(fd.get('to') ?? '');
      return fill(to ? (me.stateLabels[to] ?? to) : '…');
    }
  }
}

/** The feedback shown beside the form that was used. */
function doneText(action: string, form: HTMLFormElement, notified: number): string {
  const fd = new FormData(form);
  const toResident = ['state', 'reply', 'explain', 'forward', 'reopen', 'accept'];
  if (toResident.includes(action) && notified === 0) return `${W.done} ${K.toResident.noResident}`;
  switch (action) {
    case 'note':
      return K.internalNote.saved;
    case 'reply':
      return K.reply.sent;
    case 'explain':
      return K.explain.sent;
    case 'accept':
      return K.accepted;
    case 'assign':
      return K.assigned;
    case 'reopen':
      return K.reopened;
    case 'forward': {
      const id = String(fd.get('divisionId') ?? '');
      return K.forward.sent(me.divisions.find((x) => x.id === id)?.name ?? '');
    }
    case 'state': {
      const to = String(fd.get('to') ?? '');
      return K.state.saved(me.stateLabels[to] ?? to);
    }
    default:
      return W.done;
  }
}

async function readPhotos(input: HTMLInputElement | null) {
  const files = [...(input?.files ?? [])].slice(0, 3);
  return Promise.all(
    files.map(
      (f) =>
        new Promise<{ contentType: string; data: string }>((resolve, reject) => {
          const r = new FileReader();
          r.onload = () =>
            resolve({ contentType: f.type, data: String(r.result).split(',')[1] ?? '' });
          r.onerror = () => reject(r.error);
          r.readAsDataURL(f);
        }),
    ),
  );
}

/** Counts the case page's drawings: an action draws it again while the last one may still load. */
let caseDrawings = 0;

async function showCase(id: string, flash?: { action: string; text: string }): Promise<void> {
  const drawing = ++caseDrawings;
  const d = await api<Detail>('GET', `/cases/${encodeURIComponent(id)}`);
  const c = d.case;
  const timeline = d.timeline
    .map(
      (u) => `<li${u.internal ? ' class="internal"' : ''}><small>${when(u.createdAt)} · ${esc(
        u.authorKind === 'staff' ? u.authorName : u.authorKind === 'system' ? W.system : W.resident,
      )}</small>${u.toState ? ` <span class="state">${esc(me.stateLabels[u.toState] ?? u.toState)}</span>` : ''}${u.internal ? ` <span class="state internal-badge">${K.internalNote.badge}</span>` : ''}
        <br>${esc(u.note)}<div class="photos" data-photos="${esc(u.photos.join(' '))}"></div></li>`,
    )
    .join('');
  app.innerHTML = `<p><a href="#">${W.back}</a></p>
    <div class="detail">
      <div>
        <section class="card"><h2 class="code" id="case-code">${esc(c.trackingCode)}</h2>
          <p><span class="state" id="case-state">${esc(c.stateLabel)}</span>${(c.affectedCount ?? 1) > 1 ? ` <span class="state" id="case-affected">${W.affected(c.affectedCount!)}</span>` : ''}
          ${c.reopenCount ? ` · ${W.reopenCount(c.reopenCount)}` : ''}</p>
          <dl>
            <dt>${K.card.category}</dt><dd>${esc(c.categoryName)}</dd>
            <dt>${W.details}</dt><dd>${esc(c.subject)} ${esc(c.description)}</dd>
            ${c.concerning ? `<dt>${W.concerning}</dt><dd>${esc(c.concerning)}</dd>` : ''}
            <dt>${W.division}</dt><dd>${esc(c.division?.name ?? '-')}</dd>
            <dt>${W.assignee}</dt><dd>${esc(c.assignee?.name ?? T.sla.unassigned)}</dd>
            <dt>${W.due}</dt><dd class="${c.overdue ? 'late' : ''}">${when(c.dueAt)}</dd>
          </dl>
          ${c.address ? `<p>${esc(c.address)}</p>` : ''}
          ${c.mapUrl ? `<p><a href="${esc(c.mapUrl)}" target="_blank" rel="noopener">${W.map}</a></p>` : ''}
          <div class="photos" data-photos="${esc(c.photos.join(' '))}"></div>
        </section>
        <section class="card"><h2>${W.timeline}</h2><ol class="timeline">${timeline}</ol></section>
      </div>
      <section class="card"><h2 id="actions-title">${W.actions}</h2>${actionForms(d)}</section>
    </div>`;
  if (flash) {
    // Beside the form that was used (or atop the actions when that form is gone, e.g. accept).
    const box = document.createElement('p');
    box.className = 'notice';
    box.id = 'flash';
    box.setAttribute('role', 'status');
    box.textContent = flash.text;
    const at = app.querySelector(`form[data-action="${flash.action}"]`);
    if (at) at.after(box);
    else app.querySelector('#actions-title')!.after(box);
    box.scrollIntoView({ block: 'center' });
  }
  for (const form of app.querySelectorAll<HTMLFormElement>('form[data-action]')) {
    const preview = form.querySelector<HTMLElement>('[data-preview-of]');
    if (preview) {
      const update = () => (preview.textContent = previewText(c, form));
      form.addEventListener('input', update);
      form.addEventListener('change', update);
    }
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const button = form.querySelector('button');
      if (button) button.disabled = true;
      try {
        const fd = new FormData(form);
        const body: Record<string, unknown> = {};
        for (const [k, v] of fd) if (k !== 'photos') body[k] = String(v);
        const photos = await readPhotos(form.querySelector('input[type=file]'));
        if (photos.length) body.photos = photos;
        const action = form.dataset.action!;
        const r = await api<{ notified?: number }>('POST', `/cases/${c.id}/${action}`, body);
        await showCase(c.id, { action, text: doneText(action, form, r.notified ?? 0) });
      } catch (e) {
        if (button) button.disabled = false;
        showFormError(form, e);
      }
    });
  }
  // Then what needs more requests: the forms above work at once, so a tap on a slow phone
  // (before the photos arrive) is an action, not a reload of the page.
  const photos = [...app.querySelectorAll<HTMLElement>('[data-photos]')].flatMap((box) =>
    (box.dataset.photos ?? '')
      .split(' ')
      .filter(Boolean)
      .map((p) => ({ box, p })),
  );
  const assignee = app.querySelector<HTMLSelectElement>('#assignee');
  // Photos and the assignee list load side by side; photos are shown in their order.
  const loads = photos.map(({ p }) => blobUrl(p));
  const shown = (async () => {
    for (const [i, { box }] of photos.entries()) {
      const img = document.createElement('img');
      img.alt = W.photos;
      img.src = await loads[i]!;
      box.append(img);
    }
  })();
  const staffList = assignee
    ? api<{ staff: { id: string; name: string; position: string }[] }>(
        'GET',
        `/cases/${c.id}/assignees`,
      )
        .catch(() => ({ staff: [] }))
        .then(({ staff }) => {
          assignee.innerHTML = staff
            .map((s) => `<option value="${s.id}">${esc(s.name)} (${esc(s.position)})</option>`)
            .join('');
        })
    : null;
  await Promise.all([shown, staffList]);
  // Last: the forwards card waits on two more requests.
  await showCaseForwards(
    { app, api, esc },
    c,
    d.can.forward,
    (text) => showCase(c.id, { action: 'forward-out', text }),
    () => drawing === caseDrawings,
  );
}

async function route(): Promise<void> {
  try {
    const m = /^#case=([0-9a-f-]{36})$/.exec(location.hash);
    if (m) await showCase(m[1]!);
    else if (location.hash === '#paper') await showPaper(surveyContext());
    else if (location.hash === '#rounds') await showRounds(surveyContext());
    else if (location.hash.startsWith('#admin'))
      await showAdmin({ app, org, api, esc, view: location.hash.slice('#admin/'.length), raw });
    else if (location.hash === '#agencies') await showAgencies({ app, api, esc });
    else if (location.hash === '#undelivered') await showUndelivered({ app, api, esc });
    else if (isExecutive() && location.hash.startsWith('#report'))
      await showReport({ app, org, api, raw, esc });
    else if (isExecutive() && (location.hash === '#dashboard' || adminOnly()))
      await showDashboard();
    else await showQueue();
  } catch (e) {
    app.textContent = '';
    showError(e);
  }
}

async function main(): Promise<void> {
  const config = (await (await fetch(`${base}/config`)).json()) as Config;
  document.getElementById('title')!.textContent = `${W.title} · ${config.org.name}`;
  if (config.simulator) await staffPicker();
  if (config.simulator && !params.get('user')) {
    app.textContent = W.pickStaffHint;
    return;
  }
  auth = await createAuth(config.liff);
  const invite = params.get('invite');
  if (invite) {
    // An invite link: link this LINE account first, then open the console.
    try {
      const r = await api<{ message: string }>('POST', '/link', { code: invite });
      const note = document.createElement('p');
      note.className = 'notice';
      note.textContent = r.message;
      document.querySelector('header')!.after(note);
    } catch (e) {
      app.textContent = '';
      showError(e);
      return;
    }
  }
  const deepLink = params.get('case');
  if (deepLink && !location.hash) location.hash = `case=${deepLink}`;
  try {
    me = await api<Me>('GET', '/me');
  } catch (e) {
    app.textContent = '';
    showError(e);
    return;
  }
  document.getElementById('who')!.textContent =
    `${me.staff.name} · ${me.roles.map((r) => T.roles[r.role]).join(', ')}`;
  if (isAdmin(me.roles))
    document
      .getElementById('who')!
      .insertAdjacentHTML(
        'afterend',
        ` · <a href="#admin" id="admin-link">${thAdmin.console.link}</a>`,
      );
  if (mayManageUndelivered(me.roles))
    document.getElementById('who')!.insertAdjacentHTML('afterend', undeliveredLink);
  window.addEventListener('hashchange', () => void route());
  await route();
}

void main();
