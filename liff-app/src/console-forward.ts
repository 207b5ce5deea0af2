/**
 * The case screen's outcome and forwarding to another agency (decisions 038, 041), and the
 * agency directory (`#agencies`). The server decides and refuses in Thai (corruption and
 * anonymous cases, loops); this page only shows and asks.
 */
import { formatThaiDate, formatThaiDateTime } from '../../shared/dates';
import { forward as F } from '../../shared/text/th-forward';
import { outcomes as O } from '../../shared/text/th-outcomes';

export interface ForwardContext {
  app: HTMLElement;
  api: <R>(method: string, path: string, body?: unknown) => Promise<R>;
  esc: (s: unknown) => string;
}

interface Agency {
  id: string;
  name: string;
  contact: string;
  channel: keyof typeof F.channels;
  channelLabel: string;
  address?: string;
  active: boolean;
}
interface Forwards {
  outcome: {
    outcome: keyof typeof O.kinds;
    verdict: 'fixed' | 'not_fixed' | 'partly' | null;
    rating: number | null;
    verdictNote: string;
  } | null;
  forwards: {
    id: string;
    agency: string;
    note: string;
    createdAt: string;
    followUpAt: string;
    deliveryState: keyof typeof F.console.delivery | 'sending';
    mail: { to: string; subject: string; body: string } | null;
  }[];
}

const VERDICT = {
  fixed: O.resident.fixed,
  not_fixed: O.resident.notFixed,
  partly: O.resident.partly,
};

function mailBlock(esc: ForwardContext['esc'], m: { to: string; subject: string; body: string }) {
  return `<p>${F.console.clerkToSend}</p><textarea readonly rows="8" class="forward-mail">${esc(
    `ถึง: ${m.to}\nเรื่อง: ${m.subject}\n\n${m.body}`,
  )}</textarea>`;
}

/** Adds the outcome card and, where allowed, the forward form to the case screen. */
export async function showCaseForwards(
  ctx: ForwardContext,
  c: { id: string; stateType: string },
  canForward: boolean,
  reload: (flash: string) => Promise<void>,
  /** False once the case page was drawn again (an action's reload): then this card is stale. */
  current: () => boolean = () => true,
): Promise<void> {
  const { app, api, esc } = ctx;
  const d = await api<Forwards>('GET', `/cases/${c.id}/forwards`).catch(() => null);
  if (!d) return;
  const o = d.outcome;
  const rows = d.forwards
    .map(
      (f) => `<li><small>${esc(formatThaiDateTime(new Date(f.createdAt)))}</small> ${esc(f.agency)}
        <span class="state">${esc(F.console.delivery[f.deliveryState === 'sending' ? 'pending' : f.deliveryState])}</span>
        <br>${esc(f.note)}<br><small>${F.console.followUp} ${esc(formatThaiDate(new Date(f.followUpAt)))}</small>
        ${f.mail ? mailBlock(esc, f.mail) : ''}</li>`,
    )
    .join('');
  const card = document.createElement('section');
  card.className = 'card';
  card.id = 'case-outcome';
  card.innerHTML = `<h2>${F.console.forwards}</h2>
    ${o ? `<p id="outcome-kind"><span class="state">${esc(O.kinds[o.outcome])}</span></p>` : ''}
    ${o?.verdict ? `<p id="outcome-verdict">${esc(O.resident.question)} ${esc(VERDICT[o.verdict])}${o.rating ? ` · ${esc(O.resident.star(o.rating))}` : ''}</p>` : ''}
    ${o?.verdictNote ? `<p>${esc(o.verdictNote)}</p>` : ''}
    ${rows ? `<ol class="timeline" id="forward-list">${rows}</ol>` : ''}
    <p><a href="#agencies">${F.console.directory}</a></p>`;
  const closed = c.stateType === 'finished' || c.stateType === 'rejected';
  if (canForward && !closed) {
    const agencies = (await api<{ agencies: Agency[] }>('GET', '/agencies')).agencies.filter(
      (a) => a.active,
    );
    const form = document.createElement('form');
    form.id = 'forward-out-form';
    form.innerHTML = agencies.length
      ? `<label>${F.console.agency}<select name="agencyId" id="forward-out-to">${agencies
          .map((a) => `<option value="${a.id}">${esc(a.name)} (${esc(a.channelLabel)})</option>`)
          .join('')}</select></label>
        <label>${F.console.note}<input name="note" id="forward-out-note" required maxlength="2000"></label>
        <button type="submit" class="secondary" id="forward-out">${F.console.button}</button>`
      : `<p>${F.console.none}</p>`;
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const button = form.querySelector('button');
      if (button) button.disabled = true;
      const fd = new FormData(form);
      try {
        const r = await api<{ followUpAt: string; mail: Forwards['forwards'][0]['mail'] }>(
          'POST',
          `/cases/${c.id}/forward-out`,
          { agencyId: String(fd.get('agencyId')), note: String(fd.get('note')) },
        );
        const name = agencies.find((a) => a.id === fd.get('agencyId'))?.name ?? '';
        await reload(F.console.sent(name, formatThaiDate(new Date(r.followUpAt))));
      } catch (e) {
        if (button) button.disabled = false;
        form.querySelector('.error')?.remove();
        const box = document.createElement('p');
        box.className = 'error';
        box.setAttribute('role', 'alert');
        box.textContent = e instanceof Error ? e.message : String(e);
        form.append(box);
      }
    });
    card.append(form);
  }
  if (current()) (app.querySelector('.detail > div') ?? app).append(card);
}

/** `#agencies`: the directory, and an add form for admins and the clerk's office. */
export async function showAgencies(ctx: ForwardContext): Promise<void> {
  const { app, api, esc } = ctx;
  const d = await api<{ agencies: Agency[]; canManage: boolean }>('GET', '/agencies');
  const list = d.agencies
    .map(
      (a) =>
        `<li>${esc(a.name)} · ${esc(a.channelLabel)}${a.address ? ` · ${esc(a.address)}` : ''}${a.contact ? `<br><small>${esc(a.contact)}</small>` : ''}</li>`,
    )
    .join('');
  const channels = Object.entries(F.channels)
    .map(([k, v]) => `<option value="${k}">${esc(v)}</option>`)
    .join('');
  app.innerHTML = `<p><a href="#">←</a></p><section class="card"><h2>${F.console.directory}</h2>
    ${list ? `<ul id="agency-list">${list}</ul>` : `<p>${F.console.none}</p>`}
    ${
      d.canManage
        ? `<form id="agency-form">
      <label>${F.console.name}<input name="name" required maxlength="200"></label>
      <label>${F.console.contact}<input name="contact" maxlength="300"></label>
      <label>${F.console.channel}<select name="channel">${channels}</select></label>
      <label>${F.console.address}<input name="address" required maxlength="500"></label>
      <button type="submit" id="agency-add">${F.console.add}</button></form>`
        : ''
    }</section>`;
  const form = app.querySelector<HTMLFormElement>('#agency-form');
  form?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]));
    try {
      await api('POST', '/agencies', body);
      await showAgencies(ctx);
    } catch (e) {
      form.querySelector('.error')?.remove();
      const box = document.createElement('p');
      box.className = 'error';
      box.setAttribute('role', 'alert');
      box.textContent = e instanceof Error ? e.message : String(e);
      form.append(box);
    }
  });
}
