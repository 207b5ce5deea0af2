/**
 * The admin console's screens (issue 14), for the `admin` role: `#admin` (FAQ entries with a
 * "try a question" box, case categories), `#admin/profile` (console-admin-profile.ts),
 * `#admin/staff` and `#admin/holidays` (console-admin-staff.ts), `#admin/services`
 * (console-admin-services.ts), `#admin/surveys` (console-admin-surveys.ts), `#admin/templates`
 * (console-admin-templates.ts). Every change goes
 * to /api/admin/:org/…, which validates it with the shared schemas and audits it; the page
 * shows the server's Thai message naming the field when it refuses.
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
import { showProfile } from './console-admin-profile';
import { showServices } from './console-admin-services';
import { showHolidays, showStaff } from './console-admin-staff';
import { showSurveys } from './console-admin-surveys';
import { showTemplates } from './console-admin-templates';

const W = thAdmin.console;

export type { AdminScreenContext };

type FaqEntry = {
  id: string;
  question: string;
  variants: string[];
  answer: string;
  links: { label: string; uri: string }[];
  quickReplies: string[];
};
type Category = {
  code: string;
  name: string;
  divisionName: string | null;
  finishDays: number | null;
  keywords: string[];
  duplicateRadiusM: number | null;
};

/** Whether to show the admin entry (the API decides; this only hides what would be refused). */
export const isAdmin = (roles: { role: string }[]) => roles.some((r) => r.role === 'admin');

export async function showAdmin(ctx: AdminScreenContext): Promise<void> {
  if (ctx.view === 'profile') return showProfile(ctx);
  if (ctx.view === 'staff') return showStaff(ctx);
  if (ctx.view === 'holidays') return showHolidays(ctx);
  if (ctx.view === 'services') return showServices(ctx);
  if (ctx.view === 'surveys') return showSurveys(ctx);
  if (ctx.view === 'templates') return showTemplates(ctx);
  const { app, esc } = ctx;
  const call = adminCall(ctx);
  const [{ entries }, { categories }] = await Promise.all([
    call<{ entries: FaqEntry[] }>('GET', '/faq'),
    call<{ categories: Category[] }>('GET', '/categories'),
  ]);
  const faqRows = entries
    .map(
      (e) => `<li><details data-faq="${esc(e.id)}"><summary>${esc(e.question)}</summary>
      <form class="faq-edit" data-id="${esc(e.id)}">
        <label>${W.question}<input name="question" value="${esc(e.question)}" required></label>
        <label>${W.variants}<textarea name="variants" rows="2">${esc(e.variants.join('\n'))}</textarea></label>
        <label>${W.answer}<textarea name="answer" rows="4" required>${esc(e.answer)}</textarea></label>
        <button type="submit">${W.save}</button> <span class="saved" role="status"></span>
      </form></details></li>`,
    )
    .join('');
  const catRows = categories
    .map(
      (c) => `<tr><td>${esc(c.name)}</td><td>${esc(c.divisionName ?? '-')}</td>
      <td><form class="cat-edit row" data-code="${esc(c.code)}">
        <input name="finishDays" type="number" min="1" max="365" value="${esc(c.finishDays ?? '')}" aria-label="${W.finishDays}">
        <input name="keywords" value="${esc(c.keywords.join(', '))}" aria-label="${W.keywords}" placeholder="${W.keywords}">
        <button type="submit">${W.save}</button><span class="saved" role="status"></span></form></td></tr>`,
    )
    .join('');
  app.innerHTML = `${adminNav('faq')}
    <section><h3>${W.tryTitle}</h3>
      <form id="faq-try" class="row"><input name="text" required placeholder="${W.tryPlaceholder}" aria-label="${W.tryTitle}">
      <button type="submit">${W.tryButton}</button></form>
      <div id="faq-try-result" role="status"></div></section>
    <section><h3>${W.faqTitle} (${entries.length})</h3><ul class="admin-faq">${faqRows}</ul>${csvBox('faq')}</section>
    <section><h3>${W.categoriesTitle}</h3>
      <div class="table-wrap"><table><thead><tr><th>${W.category}</th><th>${W.division}</th><th>${W.finishDays} / ${W.keywords}</th></tr></thead>
      <tbody>${catRows}</tbody></table></div>${csvBox('categories')}</section>`;
  bindCsvBoxes(ctx, () => showAdmin(ctx));

  for (const form of app.querySelectorAll<HTMLFormElement>('form.faq-edit')) {
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const e = entries.find((x) => x.id === form.dataset.id)!;
      const fd = new FormData(form);
      try {
        await call('PUT', `/faq/${encodeURIComponent(e.id)}`, {
          ...e,
          question: String(fd.get('question')),
          variants: String(fd.get('variants'))
            .split('\n')
            .map((v) => v.trim())
            .filter(Boolean),
          answer: String(fd.get('answer')),
        });
        flash(form, W.saved);
      } catch (err) {
        flash(form, (err as Error).message, true);
      }
    });
  }
  for (const form of app.querySelectorAll<HTMLFormElement>('form.cat-edit')) {
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const fd = new FormData(form);
      const days = String(fd.get('finishDays'));
      try {
        await call('PATCH', `/categories/${encodeURIComponent(form.dataset.code!)}`, {
          finishDays: days ? Number(days) : null,
          keywords: String(fd.get('keywords'))
            .split(',')
            .map((k) => k.trim())
            .filter(Boolean),
        });
        flash(form, W.saved);
      } catch (err) {
        flash(form, (err as Error).message, true);
      }
    });
  }
  app.querySelector<HTMLFormElement>('#faq-try')!.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const out = app.querySelector<HTMLElement>('#faq-try-result')!;
    const text = String(new FormData(ev.target as HTMLFormElement).get('text'));
    const r = await call<{
      kind: 'answer' | 'suggest' | 'none';
      question?: string;
      confidence?: number;
      suggestions?: { question: string; confidence: number }[];
      resident: { text: string; quickReplies?: string[] };
    }>('POST', '/faq/try', { text });
    const who =
      r.kind === 'answer'
        ? W.tryAnswer(r.question!, Math.round(r.confidence! * 100))
        : r.kind === 'suggest'
          ? W.trySuggest(
              r
                .suggestions!.map((s) => `${s.question} (${Math.round(s.confidence * 100)}%)`)
                .join(', '),
            )
          : W.tryNone;
    out.innerHTML = `<p>${esc(who)}</p><p>${W.residentSees}</p><div class="bubble">${esc(r.resident.text)}</div>
      ${(r.resident.quickReplies ?? []).map((q) => `<span class="chip">${esc(q)}</span>`).join(' ')}`;
  });
}
