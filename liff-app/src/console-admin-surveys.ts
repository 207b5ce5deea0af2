/**
 * `#admin/surveys`: survey versions (a draft is copied from the published version or made from
 * a JSON file, edited as JSON with "ตรวจสอบ", then published, after which it never changes) and
 * the rounds, with "สร้างรอบถัดไป" (opening, closing and the target sample stay on `#rounds`).
 */
import { thAdmin } from '../../shared/text/th-admin';
import { adminCall, adminNav, flash, type AdminScreenContext } from './console-admin-common';

const W = thAdmin.console;
const V = W.surveys;

type Version = {
  id: string;
  code: string;
  version: number;
  title: string;
  assessmentYear: number;
  published: boolean;
};
type RoundRow = {
  label: string;
  startsOn: string;
  endsOn: string;
  targetSample: number | null;
  openedAt: string | null;
  open: boolean;
};

export async function showSurveys(ctx: AdminScreenContext): Promise<void> {
  const { app, esc } = ctx;
  const call = adminCall(ctx);
  const { versions, rounds, nextRound } = await call<{
    versions: Version[];
    rounds: RoundRow[];
    nextRound: string | null;
  }>('GET', '/surveys');
  const row = (v: Version) =>
    `<li><details data-survey="${esc(v.id)}" data-version="${v.version}" data-published="${v.published}">
      <summary>${esc(v.title)} · ${V.version(v.version)} · ${V.year(v.assessmentYear)}
        <strong class="${v.published ? 'ok' : 'notice'}">${v.published ? V.published : V.draft}</strong></summary>
      <form class="survey-edit">
        <label>${V.definition}<textarea name="definition" rows="14" spellcheck="false" ${v.published ? 'readonly' : ''}></textarea></label>
        <p class="row">${
          v.published
            ? ''
            : `<button type="button" class="secondary survey-check">${V.check}</button>
          <button type="submit">${V.save}</button>
          <button type="button" class="survey-publish">${V.publish}</button>`
        }</p>
        <div class="saved" role="status"></div>
      </form></details></li>`;
  const roundRows = rounds
    .map(
      (r) =>
        `<tr><td>${esc(r.label)}</td><td>${esc(r.startsOn)} – ${esc(r.endsOn)}</td>
        <td>${r.open ? V.open : r.openedAt ? V.closed : V.notOpened}</td><td>${esc(V.target(r.targetSample))}</td></tr>`,
    )
    .join('');
  app.innerHTML = `${adminNav('surveys')}
    <section><h3>${V.versionsTitle}</h3><p class="hint">${V.hint}</p>
      <p><button type="button" id="survey-from-current">${V.fromCurrent}</button></p>
      <p><label>${V.upload}<input type="file" id="survey-upload" accept=".json,application/json"></label></p>
      <p id="survey-status" role="status"></p>
      <ul class="admin-surveys">${versions.map(row).join('')}</ul></section>
    <section><h3>${V.roundsTitle}</h3><p class="hint">${V.roundsHint} <a href="#rounds">${V.roundsLink}</a></p>
      <div class="table-wrap"><table><tbody>${roundRows}</tbody></table></div>
      <p>${
        nextRound
          ? `<button type="button" id="round-next" data-label="${esc(nextRound)}">${esc(V.createNextLabel(nextRound))}</button>`
          : `<span class="hint">${V.noNext}</span>`
      }</p><p id="round-status" role="status"></p></section>`;

  const status = app.querySelector<HTMLElement>('#survey-status')!;
  const say = (el: HTMLElement, text: string, bad = false) => {
    el.textContent = text;
    el.className = bad ? 'error' : '';
  };
  const draftFrom = async (body: unknown) => {
    try {
      const r = await call<{ survey: { version: number } }>('POST', '/surveys/versions', body);
      await showSurveys(ctx);
      say(app.querySelector<HTMLElement>('#survey-status')!, V.created(r.survey.version));
    } catch (err) {
      say(status, (err as Error).message, true);
    }
  };
  app
    .querySelector('#survey-from-current')!
    .addEventListener('click', () => void draftFrom({ from: 'current' }));
  app.querySelector<HTMLInputElement>('#survey-upload')!.addEventListener('change', async (ev) => {
    const file = (ev.target as HTMLInputElement).files?.[0];
    if (!file) return;
    let definition: unknown;
    try {
      definition = JSON.parse(await file.text());
    } catch {
      return say(status, V.notJson, true);
    }
    await draftFrom({ definition });
  });

  for (const d of app.querySelectorAll<HTMLDetailsElement>('details[data-survey]')) {
    const id = d.dataset.survey!;
    const form = d.querySelector<HTMLFormElement>('form')!;
    const area = form.querySelector<HTMLTextAreaElement>('textarea')!;
    let loaded = false;
    d.addEventListener('toggle', async () => {
      if (!d.open || loaded) return;
      loaded = true;
      const r = await call<{ survey: { definition: unknown } }>('GET', `/surveys/versions/${id}`);
      area.value = JSON.stringify(r.survey.definition, null, 2);
    });
    const definition = () => {
      try {
        return { ok: true as const, value: JSON.parse(area.value) as unknown };
      } catch {
        flash(form, V.notJson, true);
        return { ok: false as const };
      }
    };
    form.querySelector('.survey-check')?.addEventListener('click', async () => {
      const def = definition();
      if (!def.ok) return;
      const r = await call<{ ok: boolean; issues: { path: string; message: string }[] }>(
        'POST',
        '/surveys/check',
        { definition: def.value },
      );
      const s = form.querySelector<HTMLElement>('.saved')!;
      if (r.ok) return flash(form, V.checkOk);
      s.className = 'saved error';
      s.innerHTML = `<ul>${r.issues.map((i) => `<li><code>${esc(i.path)}</code>: ${esc(i.message)}</li>`).join('')}</ul>`;
    });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const def = definition();
      if (!def.ok) return;
      try {
        await call('PUT', `/surveys/versions/${id}`, { definition: def.value });
        flash(form, W.saved);
      } catch (err) {
        flash(form, (err as Error).message, true);
      }
    });
    form.querySelector('.survey-publish')?.addEventListener('click', async () => {
      const version = Number(d.dataset.version);
      if (!confirm(V.confirmPublish(version))) return;
      const def = definition();
      if (!def.ok) return;
      try {
        await call('PUT', `/surveys/versions/${id}`, { definition: def.value });
        await call('POST', `/surveys/versions/${id}/publish`);
        await showSurveys(ctx);
        say(app.querySelector<HTMLElement>('#survey-status')!, V.publishedDone(version));
      } catch (err) {
        flash(form, (err as Error).message, true);
      }
    });
  }

  app.querySelector<HTMLButtonElement>('#round-next')?.addEventListener('click', async (ev) => {
    const label = (ev.target as HTMLButtonElement).dataset.label!;
    try {
      await call('POST', '/surveys/rounds', { label });
      await showSurveys(ctx);
      say(app.querySelector<HTMLElement>('#round-status')!, V.roundCreated(label));
    } catch (err) {
      say(app.querySelector<HTMLElement>('#round-status')!, (err as Error).message, true);
    }
  });
}
