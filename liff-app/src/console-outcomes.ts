/**
 * Proof of fix in the staff console (decision 040): finishing a report needs an "after"
 * photo (the form's photo field) or a reason from this list; the server checks both and
 * answers in Thai, which the console shows as for any refused action.
 */
import { escapeHtml } from '../../shared/html';
import { outcomes } from '../../shared/text/th-outcomes';

const esc = escapeHtml;

/** The "no photo because…" field of the change-state form (sent as `waiver`). */
export function waiverField(): string {
  const opts = Object.entries(outcomes.waivers)
    .map(([k, v]) => `<option value="${k}">${esc(v)}</option>`)
    .join('');
  return `<label>${esc(outcomes.console.waiver)}<select name="waiver" id="state-waiver"><option value="">${esc(outcomes.console.withPhoto)}</option>${opts}</select></label>`;
}

/** The dashboard's outcomes of the fiscal year (decision 041): every case counted once. */
export function outcomesTable(
  o: { total: number; byOutcome: Record<string, number>; onTime: number } | undefined,
): string {
  if (!o) return '';
  const P = outcomes.publicPage;
  const rows = Object.entries(outcomes.kinds)
    .map(
      ([k, label]) =>
        `<tr><th scope="row">${esc(label)}</th><td data-outcome="${k}">${o.byOutcome[k] ?? 0}</td></tr>`,
    )
    .join('');
  return `<h3>${esc(P.title)}</h3><table id="dash-outcomes"><tbody>${rows}<tr><th scope="row">${esc(P.total)}</th><td>${o.total}</td></tr><tr><th scope="row">${esc(P.onTime)}</th><td>${o.onTime}</td></tr></tbody></table>`;
}
