/**
 * The follow-up date of a case forwarded to another agency (decision 038): when it passes and
 * the case is still "forwarded", the people working the case (the division head among them)
 * hear once, by the sent ledger; forwards older than 30 days past their date are left alone.
 */
import { dueForwardFollowUps } from '../../db/agencies';
import { formatThaiDate } from '../../shared/dates';
import { text } from '../../shared/line/messages';
import { forward as F } from '../../shared/text/th-forward';
import type { JobDeps } from '../deps';
import { alertTargets, sendOnce } from '../staff/alerts';

const LOOK_BACK_MS = 30 * 86_400_000;

export async function followUpForwards(deps: JobDeps): Promise<number> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const due = await dueForwardFollowUps(tx, now, new Date(now.getTime() - LOOK_BACK_MS));
    let sent = 0;
    const seen = new Set<string>();
    for (const { f, c, agency } of due) {
      if (seen.has(c.id)) continue; // only the latest forward of a case
      seen.add(c.id);
      const message = F.followUpDue(c.trackingCode, agency, formatThaiDate(f.followUpAt));
      for (const to of await alertTargets(tx, c)) {
        const fresh = await sendOnce(tx, c.orgId, `forward-followup:${f.id}:${to}`, now, to, [
          text(`${message}\n${deps.services.links.console(c.id)}`),
        ]);
        if (fresh) sent++;
      }
    }
    return sent;
  });
}
