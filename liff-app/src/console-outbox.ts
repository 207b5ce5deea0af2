/**
 * `#undelivered` (issue 17, decision 045): the messages the outbox gave up on, for the
 * clerk's office and admins, with a "ส่งอีกครั้ง" button per message. The API decides who
 * may see it; the link is only hidden from those it would refuse.
 */
import { formatThaiDateTime } from '../../shared/dates';
import { thUndelivered as U } from '../../shared/text/th-undelivered';

type Row = {
  id: string;
  createdAt: string;
  attempts: number;
  reason: string;
  recipient: keyof typeof U.recipients;
  caseId: string | null;
  trackingCode: string | null;
};

export type OutboxScreenContext = {
  app: HTMLElement;
  api: <R>(method: string, path: string, body?: unknown) => Promise<R>;
  esc: (s: unknown) => string;
};

export const mayManageUndelivered = (roles: { role: string }[]) =>
  roles.some((r) => r.role === 'clerk_office' || r.role === 'admin');

export const undeliveredLink = ` · <a href="#undelivered" id="undelivered-link">${U.link}</a>`;

export async function showUndelivered(ctx: OutboxScreenContext, notice = ''): Promise<void> {
  const { app, esc } = ctx;
  const { messages } = await ctx.api<{ messages: Row[] }>('GET', '/undelivered');
  const rows = messages
    .map(
      (m) => `<tr data-id="${esc(m.id)}">
      <td>${esc(formatThaiDateTime(new Date(m.createdAt)))}</td>
      <td>${esc(U.recipients[m.recipient] ?? m.recipient)}</td>
      <td>${m.caseId ? `<a href="#case=${esc(m.caseId)}">${esc(m.trackingCode)}</a>` : U.noCase}</td>
      <td>${esc(m.attempts)}</td>
      <td>${esc(m.reason)}</td>
      <td><button type="button" class="retry" data-id="${esc(m.id)}">${U.retry}</button></td></tr>`,
    )
    .join('');
  app.innerHTML = `<h2>${U.title}</h2>
    <p><a href="#">${U.back}</a></p>
    <p>${U.intro}</p>
    <p id="undelivered-status" role="status">${esc(notice)}</p>
    ${
      messages.length
        ? `<div class="table-wrap"><table><thead><tr><th>${U.when}</th><th>${U.recipient}</th><th>${U.case}</th>
          <th>${U.attempts}</th><th>${U.reason}</th><th></th></tr></thead><tbody>${rows}</tbody></table></div>`
        : `<p class="empty">${U.none}</p>`
    }`;
  for (const b of app.querySelectorAll<HTMLButtonElement>('button.retry')) {
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        const r = await ctx.api<{ message: string }>('POST', `/undelivered/${b.dataset.id}/retry`);
        await showUndelivered(ctx, r.message);
      } catch (e) {
        b.disabled = false;
        app.querySelector('#undelivered-status')!.textContent = (e as Error).message;
      }
    });
  }
}
