/**
 * `#admin/services`: the services with their standard (steps, time frame, documents, fees,
 * responsible division, channels), i.e. the public service manual at /public/:org/services.
 */
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
const V = W.services;

type Service = {
  code: string;
  name: string;
  divisionCode: string | null;
  steps: string[];
  timeFrame: string;
  documents: string[];
  fees: string;
  channels: string[];
};

export async function showServices(ctx: AdminScreenContext): Promise<void> {
  const { app, esc } = ctx;
  const call = adminCall(ctx);
  const [{ services }, { divisions }] = await Promise.all([
    call<{ services: Service[] }>('GET', '/services'),
    call<{ divisions: { code: string; name: string }[] }>('GET', '/divisions'),
  ]);
  const form = (s: Service | null) => {
    const v = s ?? {
      code: '',
      name: '',
      divisionCode: null,
      steps: [],
      timeFrame: '',
      documents: [],
      fees: '',
      channels: [],
    };
    return `<form class="service-edit" data-code="${esc(v.code)}">
      ${s ? '' : `<label>${V.code}<input name="code" required pattern="[a-z0-9_-]{1,48}"></label>`}
      <label>${V.name}<input name="name" required maxlength="300" value="${esc(v.name)}"></label>
      <label>${W.division}<select name="divisionCode"><option value="">${W.staff.noDivision}</option>${divisions
        .map(
          (d) =>
            `<option value="${esc(d.code)}"${d.code === v.divisionCode ? ' selected' : ''}>${esc(d.name)}</option>`,
        )
        .join('')}</select></label>
      <label>${V.steps}<textarea name="steps" rows="3">${esc(v.steps.join('\n'))}</textarea></label>
      <label>${V.timeFrame}<input name="timeFrame" required maxlength="200" value="${esc(v.timeFrame)}"></label>
      <label>${V.documents}<textarea name="documents" rows="3">${esc(v.documents.join('\n'))}</textarea></label>
      <label>${V.fees}<input name="fees" maxlength="200" value="${esc(v.fees)}"></label>
      <fieldset><legend>${V.channels}</legend>${Object.entries(V.channelNames)
        .map(
          ([k, name]) =>
            `<label class="inline"><input type="checkbox" name="channels" value="${k}"${v.channels.includes(k) ? ' checked' : ''}> ${name}</label>`,
        )
        .join('')}</fieldset>
      <p><button type="submit">${W.save}</button> <span class="saved" role="status"></span></p>
    </form>`;
  };
  app.innerHTML = `${adminNav('services')}
    <section><h3>${V.title} (${services.length})</h3><p class="hint">${V.hint}</p>
      <p><a href="/public/${encodeURIComponent(ctx.org)}/services" target="_blank" rel="noopener">${V.openPublic}</a></p>
      <ul class="admin-services">${services
        .map(
          (s) =>
            `<li><details data-service="${esc(s.code)}"><summary>${esc(s.name)} <small>(${esc(s.timeFrame)})</small></summary>${form(s)}</details></li>`,
        )
        .join('')}
        <li><details data-service=""><summary>${V.add}</summary>${form(null)}</details></li></ul>${csvBox('services')}</section>`;
  bindCsvBoxes(ctx, () => showServices(ctx));

  const list = (v: FormDataEntryValue | null) =>
    String(v ?? '')
      .split('\n')
      .map((x) => x.trim())
      .filter(Boolean);
  for (const f of app.querySelectorAll<HTMLFormElement>('form.service-edit'))
    f.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const fd = new FormData(f);
      const code = f.dataset.code || String(fd.get('code') ?? '').trim();
      try {
        await call('PUT', `/services/${encodeURIComponent(code)}`, {
          code,
          name: String(fd.get('name')).trim(),
          divisionCode: String(fd.get('divisionCode') ?? '') || null,
          steps: list(fd.get('steps')),
          timeFrame: String(fd.get('timeFrame')).trim(),
          documents: list(fd.get('documents')),
          fees: String(fd.get('fees') ?? '').trim(),
          channels: fd.getAll('channels').map(String),
        });
        if (!f.dataset.code) await showServices(ctx);
        else flash(f, W.saved);
      } catch (err) {
        flash(f, (err as Error).message, true);
      }
    });
}
