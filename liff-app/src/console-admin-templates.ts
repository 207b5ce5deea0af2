/**
 * `#admin/templates`: the messages the bot sends that the organisation may reword (greeting,
 * privacy notice, the receipt's last line, the notices to residents). Each shows its default,
 * an editor, and a preview drawn as a LINE chat bubble with sample values, live as the clerk
 * types; save and "คืนค่าเริ่มต้น". The server checks every text with the shared schema and
 * says in Thai what is wrong (docs/decisions/048-message-templates.md).
 */
import { fillTemplate } from '../../shared/messages/fill';
import { thAdmin } from '../../shared/text/th-admin';
import { survey } from '../../shared/text/th-survey';
import { adminCall, adminNav, flash, type AdminScreenContext } from './console-admin-common';

const W = thAdmin.console;
const M = W.templates;
const PH = thAdmin.templates.placeholders;

type Template = {
  key: string;
  label: string;
  placeholders: (keyof typeof PH)[];
  required: string[];
  default: string;
  text: string;
  custom: boolean;
  maxChars: number;
};
type Answer = { templates: Template[]; samples: Record<string, string> };

export async function showTemplates(ctx: AdminScreenContext, open?: string): Promise<void> {
  const { app, esc } = ctx;
  const call = adminCall(ctx);
  const { templates, samples } = await call<Answer>('GET', '/templates');
  /** One LINE chat bubble; the receipt's line sits under a small receipt card as in LINE. */
  const bubble = (t: Template, text: string) => {
    const filled = esc(fillTemplate(text, samples));
    if (t.key === 'caseReceipt')
      return `<div class="line-bubble line-card"><strong class="line-card-head">${M.receiptTitle}</strong>
          <small>${esc(samples.org)}</small><b>${esc(samples.code)}</b><span>${filled}</span></div>`;
    if (t.key === 'surveyInvite')
      return `<div class="line-bubble line-card"><span>${filled}</span><span class="line-button">${survey.invitationButton}</span></div>`;
    return `<div class="line-bubble">${filled}</div>`;
  };
  const items = templates
    .map((t) => {
      // Each placeholder is a button that puts it where the cursor is (braces are hard to type on a phone).
      const uses = t.placeholders
        .map(
          (p) =>
            `<button type="button" class="chip ph-insert" data-ph="${p}" aria-label="${esc(M.insert(p, PH[p]))}">{${p}}</button> ${esc(PH[p])}`,
        )
        .join(' · ');
      return `<li><details data-template="${esc(t.key)}"${t.key === open ? ' open' : ''}>
        <summary>${esc(t.label)} <span class="chip">${t.custom ? M.custom : M.usesDefault}</span></summary>
        <div class="admin-split"><form class="template-edit" data-key="${esc(t.key)}">
          <label>${M.text}<textarea name="text" rows="5" maxlength="${t.maxChars}" aria-label="${esc(t.label)}">${esc(t.text)}</textarea></label>
          <p class="hint">${uses ? `${M.canUse} ${uses}` : ''}${
            t.required.length
              ? `<br>${M.mustKeep} ${t.required.map((p) => `<code>{${esc(p)}}</code>`).join(' ')}`
              : ''
          }</p>
          <details><summary>${M.defaultText}</summary><p class="preview-text">${esc(t.default)}</p></details>
          <p><button type="submit">${W.save}</button>
          <button type="button" class="secondary template-reset"${t.custom ? '' : ' disabled'}>${M.reset}</button>
          <span class="saved" role="status"></span></p>
        </form>
        <div><p class="hint">${M.preview}</p><div class="line-chat" data-preview="${esc(t.key)}">${bubble(t, t.text)}</div></div></div>
      </details></li>`;
    })
    .join('');
  app.innerHTML = `${adminNav('templates')}
    <section><h3>${M.title}</h3><p class="hint">${M.hint}</p>
    <ul class="admin-templates">${items}</ul></section>`;

  for (const form of app.querySelectorAll<HTMLFormElement>('form.template-edit')) {
    const t = templates.find((x) => x.key === form.dataset.key)!;
    const area = form.querySelector<HTMLTextAreaElement>('textarea')!;
    const preview = app.querySelector<HTMLElement>(`[data-preview="${t.key}"]`)!;
    area.addEventListener('input', () => {
      preview.innerHTML = bubble(t, area.value);
    });
    for (const b of form.querySelectorAll<HTMLButtonElement>('.ph-insert'))
      b.addEventListener('click', () => {
        area.setRangeText(`{${b.dataset.ph}}`, area.selectionStart, area.selectionEnd, 'end');
        area.focus();
        area.dispatchEvent(new Event('input'));
      });
    const send = async (method: 'PUT' | 'DELETE', done: string) => {
      try {
        await call(
          method,
          `/templates/${encodeURIComponent(t.key)}`,
          method === 'PUT' ? { text: area.value } : undefined,
        );
        await showTemplates(ctx, t.key);
        flash(app.querySelector<HTMLElement>(`form[data-key="${t.key}"]`)!, done);
      } catch (err) {
        flash(form, (err as Error).message, true);
      }
    };
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void send('PUT', W.saved);
    });
    form.querySelector('.template-reset')!.addEventListener('click', () => {
      if (confirm(M.resetConfirm)) void send('DELETE', M.resetDone);
    });
  }
}
