/**
 * `#admin/staff`: divisions (add, rename), staff (division, position, roles, deactivate) and
 * invites; `#admin/holidays`: the organisation's own days off (add, remove; running deadlines
 * move with them on the server).
 */
import { formatThaiDate } from '../../shared/dates';
import { thAdmin } from '../../shared/text/th-admin';
import {
  adminCall,
  adminNav,
  bindCsvBoxes,
  csvBox,
  flash,
  type AdminScreenContext,
} from './console-admin-common';

const W = thAdmin.console;
const S = W.staff;
const H = W.holidays;

type Division = { code: string; name: string; staff: number };
type Member = {
  id: string;
  name: string;
  position: string;
  active: boolean;
  linked: boolean;
  divisionCode: string | null;
  roles: string[];
};

/** Every role an admin may tick: the invitable ones and paper_entry (granted here only). */
const ROLES: Record<string, string> = { ...W.roles, paper_entry: W.paperEntry };
const roleNames = (roles: string[]) => roles.map((r) => ROLES[r] ?? r).join(', ');

export async function showStaff(ctx: AdminScreenContext): Promise<void> {
  const { app, esc } = ctx;
  const call = adminCall(ctx);
  const [{ divisions }, { staff }] = await Promise.all([
    call<{ divisions: Division[] }>('GET', '/divisions'),
    call<{ staff: Member[] }>('GET', '/staff'),
  ]);
  const divisionOptions = (current: string | null) =>
    `<option value="">${S.noDivision}</option>` +
    divisions
      .map(
        (d) =>
          `<option value="${esc(d.code)}"${d.code === current ? ' selected' : ''}>${esc(d.name)}</option>`,
      )
      .join('');
  const divRows = divisions
    .map(
      (d) => `<tr><td><code>${esc(d.code)}</code></td><td>
        <form class="div-rename row" data-code="${esc(d.code)}">
          <input name="name" value="${esc(d.name)}" required maxlength="200" aria-label="${S.divisionName} ${esc(d.code)}">
          <button type="submit">${S.rename}</button><span class="saved" role="status"></span></form></td>
        <td>${d.staff}</td></tr>`,
    )
    .join('');
  const memberRows = staff
    .map(
      (m) => `<li><details data-staff="${esc(m.id)}"><summary>${esc(m.name)}
        <small>${esc(m.position)} · ${esc(roleNames(m.roles))}${m.active ? '' : ` · <span class="error">${S.inactive}</span>`}${m.linked ? '' : ` · ${S.notLinked}`}</small></summary>
      <form class="staff-edit" data-id="${esc(m.id)}">
        <label>${S.position}<input name="position" value="${esc(m.position)}" maxlength="200"></label>
        <label>${W.division}<select name="divisionCode">${divisionOptions(m.divisionCode)}</select></label>
        <fieldset><legend>${W.role}</legend>${Object.entries(ROLES)
          .map(
            ([k, v]) =>
              `<label class="inline"><input type="checkbox" name="roles" value="${k}"${m.roles.includes(k) ? ' checked' : ''}> ${esc(v)}</label>`,
          )
          .join('')}<p class="hint">${W.paperEntryHint}</p></fieldset>
        <p><button type="submit">${W.save}</button>
        <button type="button" class="toggle-active" data-active="${m.active}">${m.active ? S.deactivate : S.activate}</button>
        <span class="saved" role="status"></span></p>
      </form></details></li>`,
    )
    .join('');
  app.innerHTML = `${adminNav('staff')}
    <section><h3>${S.divisionsTitle}</h3>
      <div class="table-wrap"><table><thead><tr><th>${S.code}</th><th>${S.divisionName}</th><th>${S.members}</th></tr></thead>
      <tbody>${divRows}</tbody></table></div>
      <form id="division-add" class="row">
        <input name="code" required placeholder="${S.code}" aria-label="${S.code}" pattern="[a-z0-9_-]{1,32}">
        <input name="name" required placeholder="${S.divisionName}" aria-label="${S.divisionName}">
        <button type="submit">${S.addDivision}</button><span class="saved" role="status"></span></form></section>
    <section><h3>${S.staffTitle} (${staff.length})</h3><ul class="admin-staff">${memberRows}</ul>${csvBox('staff', false)}</section>
    <section><h3>${W.inviteTitle}</h3>
      <form id="staff-invite" class="row">
        <select name="role" aria-label="${W.role}">${Object.entries(W.roles)
          .map(([k, v]) => `<option value="${k}">${esc(v)}</option>`)
          .join('')}</select>
        <select name="divisionCode" aria-label="${W.division}">${divisionOptions(null)}</select>
        <input name="name" placeholder="${W.name}" aria-label="${W.name}">
        <button type="submit">${W.invite}</button></form>
      <div id="invite-result" role="status"></div></section>`;

  const reload = () => showStaff(ctx);
  bindCsvBoxes(ctx, reload);
  const field = (fd: FormData, k: string) => String(fd.get(k) ?? '').trim();

  app.querySelector<HTMLFormElement>('#division-add')!.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    const fd = new FormData(form);
    try {
      await call('POST', '/divisions', { code: field(fd, 'code'), name: field(fd, 'name') });
      await reload();
    } catch (err) {
      flash(form, (err as Error).message, true);
    }
  });
  for (const form of app.querySelectorAll<HTMLFormElement>('form.div-rename'))
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        await call('PATCH', `/divisions/${encodeURIComponent(form.dataset.code!)}`, {
          name: field(new FormData(form), 'name'),
        });
        flash(form, W.saved);
      } catch (err) {
        flash(form, (err as Error).message, true);
      }
    });
  for (const form of app.querySelectorAll<HTMLFormElement>('form.staff-edit')) {
    const id = form.dataset.id!;
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const fd = new FormData(form);
      try {
        await call('PATCH', `/staff/${id}`, {
          divisionCode: field(fd, 'divisionCode') || null,
          position: field(fd, 'position'),
          roles: fd.getAll('roles').map(String),
        });
        flash(form, W.saved);
      } catch (err) {
        flash(form, (err as Error).message, true);
      }
    });
    form
      .querySelector<HTMLButtonElement>('.toggle-active')!
      .addEventListener('click', async (ev) => {
        const active = (ev.target as HTMLElement).dataset.active === 'true';
        const name = staff.find((m) => m.id === id)!.name;
        if (active && !confirm(S.confirmDeactivate(name))) return;
        try {
          await call('POST', `/staff/${id}/${active ? 'deactivate' : 'activate'}`);
          await reload();
        } catch (err) {
          flash(form, (err as Error).message, true);
        }
      });
  }
  app.querySelector<HTMLFormElement>('#staff-invite')!.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const out = app.querySelector<HTMLElement>('#invite-result')!;
    const fd = new FormData(ev.target as HTMLFormElement);
    const body: Record<string, string> = { role: field(fd, 'role') };
    for (const k of ['divisionCode', 'name']) if (field(fd, k)) body[k] = field(fd, k);
    try {
      const r = await call<{ code: string; expiresText: string; link: string; qrSvg: string }>(
        'POST',
        '/staff/invites',
        body,
      );
      out.innerHTML = `<p>${W.inviteCode}: <strong class="code">${esc(r.code)}</strong> (${W.until} ${esc(r.expiresText)})</p>
        <div class="qr">${r.qrSvg}</div>`;
    } catch (err) {
      out.innerHTML = `<p class="error">${esc((err as Error).message)}</p>`;
    }
  });
}

export async function showHolidays(ctx: AdminScreenContext): Promise<void> {
  const { app, esc } = ctx;
  const call = adminCall(ctx);
  const { holidays } = await call<{ holidays: { day: string; name: string }[] }>(
    'GET',
    '/holidays',
  );
  const thai = (day: string) => formatThaiDate(new Date(`${day}T05:00:00Z`));
  const rows = holidays
    .map(
      (h) => `<tr><td>${esc(thai(h.day))}</td><td>${esc(h.name)}</td>
        <td><button type="button" class="secondary holiday-remove" data-day="${esc(h.day)}">${H.remove}</button></td></tr>`,
    )
    .join('');
  app.innerHTML = `${adminNav('holidays')}
    <section><h3>${H.title}</h3><p class="hint">${H.hint}</p>
      ${
        holidays.length
          ? `<div class="table-wrap"><table><thead><tr><th>${H.day}</th><th>${H.name}</th><th></th></tr></thead><tbody>${rows}</tbody></table></div>`
          : `<p>${H.none}</p>`
      }
      <form id="holiday-add" class="row">
        <input type="date" name="day" required aria-label="${H.day}">
        <input name="name" required maxlength="200" placeholder="${H.name}" aria-label="${H.name}">
        <button type="submit">${H.add}</button></form>
      <p id="holiday-result" role="status"></p>${csvBox('holidays')}</section>`;
  bindCsvBoxes(ctx, () => showHolidays(ctx));
  const out = app.querySelector<HTMLElement>('#holiday-result')!;
  const done = async (moved: number) => {
    await showHolidays(ctx);
    app.querySelector<HTMLElement>('#holiday-result')!.textContent = H.moved(moved);
  };
  app.querySelector<HTMLFormElement>('#holiday-add')!.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const fd = new FormData(ev.target as HTMLFormElement);
    try {
      const r = await call<{ moved: number }>('POST', '/holidays', {
        day: String(fd.get('day')),
        name: String(fd.get('name')).trim(),
      });
      await done(r.moved);
    } catch (err) {
      out.className = 'error';
      out.textContent = (err as Error).message;
    }
  });
  for (const b of app.querySelectorAll<HTMLButtonElement>('button.holiday-remove'))
    b.addEventListener('click', async () => {
      const h = holidays.find((x) => x.day === b.dataset.day)!;
      if (!confirm(H.confirmRemove(h.name))) return;
      try {
        const r = await call<{ moved: number }>('DELETE', `/holidays/${h.day}`);
        await done(r.moved);
      } catch (err) {
        out.className = 'error';
        out.textContent = (err as Error).message;
      }
    });
}
