/** What the admin console's screens share: the context, the tabs, the API and the status line. */
import { thAdmin } from '../../shared/text/th-admin';

const W = thAdmin.console;

export type AdminScreenContext = {
  app: HTMLElement;
  org: string;
  api: <R>(method: string, path: string, body?: unknown) => Promise<R>;
  esc: (s: unknown) => string;
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
