/** What the admin console's screens share: the context, the tabs, the API and the status line. */
import { thAdmin } from '../../shared/text/th-admin';

const W = thAdmin.console;

export type AdminScreenContext = {
  app: HTMLElement;
  org: string;
  api: <R>(method: string, path: string, body?: unknown) => Promise<R>;
  esc: (s: unknown) => string;
  /** A signed-in fetch whose answer the screen reads itself (CSV download and upload). */
  raw: (path: string, init?: RequestInit) => Promise<Response>;
  /** What follows `#admin/` in the address: '' (FAQ and categories), profile, staff, holidays. */
  view?: string;
};

/** The admin screens' tabs and the way back, at the top of each screen. */
export function adminNav(current: string): string {
  const tabs = Object.entries(W.tabs)
    .map(([k, label]) => {
      const href = k === 'faq' ? '#admin' : `#admin/${k}`;
      return k === current
        ? `<strong aria-current="page">${label}</strong>`
        : `<a href="${href}">${label}</a>`;
    })
    .join(' · ');
  return `<h2>${W.title}</h2>
    <p><a href="#">${W.back}</a> · <a href="/guide/" target="_blank" rel="noopener">${W.guide}</a></p>
    <nav class="admin-tabs">${tabs}</nav>`;
}

/** The API of this organisation's admin routes, for the screens in the console-admin-* files. */
export const adminCall =
  (ctx: AdminScreenContext) =>
  <R>(method: string, path: string, body?: unknown) =>
    ctx.api<R>(method, `/api/admin/${encodeURIComponent(ctx.org)}${path}`, body);

/** Shows a form's result in its `.saved` status line. */
export function flash(form: HTMLElement, text: string, bad = false): void {
  const s = form.querySelector<HTMLElement>('.saved') ?? form;
  s.textContent = text;
  s.className = bad ? 'saved error' : 'saved';
}

type ImportAnswer = {
  applied?: boolean;
  encodingNote: string | null;
  create?: string[];
  update?: string[];
  moved?: number;
  error?: { message: string };
  errors?: { row: number; column: string; message: string }[];
};

/**
 * A section's CSV box: download (UTF-8 with BOM), and import as preview first (what would be
 * added and replaced, or every error by row and column), then "confirm" applies all rows.
 * `onApplied` redraws the screen. Staff have no import (they join by invite).
 */
export function csvBox(section: string, withImport = true): string {
  const C = W.csv;
  return `<details class="csv-box" data-section="${section}"><summary>${C.title}</summary>
    <p><button type="button" class="secondary csv-export">${C.download}</button></p>
    ${
      withImport
        ? `<label>${C.pick}<input type="file" class="csv-file" accept=".csv,text/csv"></label>
    <div class="csv-result" role="status"></div>
    <p><button type="button" class="csv-apply" hidden>${C.apply}</button></p>`
        : ''
    }</details>`;
}

export function bindCsvBoxes(ctx: AdminScreenContext, onApplied: () => Promise<void>): void {
  const C = W.csv;
  const base = `/api/admin/${encodeURIComponent(ctx.org)}/csv/`;
  for (const box of ctx.app.querySelectorAll<HTMLElement>('details.csv-box')) {
    const section = box.dataset.section!;
    box.querySelector('.csv-export')!.addEventListener('click', async () => {
      const res = await ctx.raw(base + section);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(await res.blob());
      a.download = `${ctx.org}-${section}.csv`;
      a.click();
    });
    const input = box.querySelector<HTMLInputElement>('.csv-file');
    if (!input) continue;
    const out = box.querySelector<HTMLElement>('.csv-result')!;
    const apply = box.querySelector<HTMLButtonElement>('.csv-apply')!;
    const send = async (commit: boolean) => {
      const file = input.files?.[0];
      if (!file) return;
      const res = await ctx.raw(base + section + (commit ? '?apply=1' : ''), {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv' },
        body: file,
      });
      const r = (await res.json()) as ImportAnswer;
      const note = r.encodingNote ? `<p class="notice">${ctx.esc(r.encodingNote)}</p>` : '';
      apply.hidden = true;
      if (!res.ok) {
        out.innerHTML = `${note}<p class="error">${ctx.esc(r.error?.message ?? res.status)}</p>${
          r.errors?.length
            ? `<div class="table-wrap"><table><thead><tr><th>${C.row}</th><th>${C.column}</th><th>${C.problem}</th></tr></thead><tbody>${r.errors
                .map(
                  (e) =>
                    `<tr><td>${e.row}</td><td>${ctx.esc(e.column)}</td><td>${ctx.esc(e.message)}</td></tr>`,
                )
                .join('')}</tbody></table></div>`
            : ''
        }`;
        return;
      }
      if (commit) {
        await onApplied();
        return;
      }
      out.innerHTML = `${note}<p>${C.preview(r.create?.length ?? 0, r.update?.length ?? 0)}</p>`;
      apply.hidden = false;
    };
    input.addEventListener('change', () => void send(false));
    apply.addEventListener('click', () => void send(true));
  }
}
