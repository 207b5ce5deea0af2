import { findOrgById } from '../../db/orgs';
import { hasRecentLedgerKey, heldCorruptionCases } from '../../db/sent-ledger';
import { staffTargets } from '../../db/staff';
import { formatThaiDateTime } from '../../shared/dates';
import { text } from '../../shared/line/messages';
import { orgSettings } from '../../shared/org-settings';
import { th } from '../../shared/text/th';
import type { JobDeps } from '../deps';
import { HOUR_MS, sendOnce } from './alerts';

/**
 * The ceiling on corruption alerts (issue 12): at most `corruptionAlertsPerHour` cases of an
 * organisation are alerted one by one in any hour; the rest are marked held and listed, all
 * of them, in one digest push per integrity officer, at most one digest an hour. The marks are
 * sent_ledger keys, written in the filing transaction:
 * - `corruption-alert:<case>`: alerted one by one (counted against the ceiling);
 * - `corruption-held:<case>`: waiting for a digest;
 * - `corruption-digested:<case>`: listed in a digest;
 * - `corruption-digest:<org>:<time>`: one digest (its time limits the next).
 */
const CODES_PER_MESSAGE = 100;

/** The job: one digest per organisation with held cases, unless one went out in the last hour. */
export async function runCorruptionDigests(deps: JobDeps): Promise<{ queued: number }> {
  const now = deps.clock();
  let queued = 0;
  const held = await heldCorruptionCases(deps.db);
  const byOrg = new Map<string, typeof held>();
  for (const c of held) byOrg.set(c.orgId, [...(byOrg.get(c.orgId) ?? []), c]);
  for (const [orgId, list] of byOrg) {
    const recent = await hasRecentLedgerKey(
      deps.db,
      orgId,
      `corruption-digest:${orgId}:`,
      new Date(now.getTime() - HOUR_MS),
    );
    if (recent) continue;
    const org = await findOrgById(deps.db, orgId);
    if (!org) continue;
    const ceiling = orgSettings(org.settings).corruptionAlertsPerHour;
    await deps.db.transaction(async (tx) => {
      await sendOnce(tx, orgId, `corruption-digest:${orgId}:${now.toISOString()}`, now, null, []);
      const lines = list.map((c) =>
        th.staff.alert.corruptionDigestLine(c.code, formatThaiDateTime(c.at)),
      );
      const texts: string[] = [];
      for (let i = 0; i < lines.length; i += CODES_PER_MESSAGE) {
        const head = i === 0 ? `${th.staff.alert.corruptionDigest(ceiling, list.length)}\n` : '';
        texts.push(head + lines.slice(i, i + CODES_PER_MESSAGE).join('\n'));
      }
      texts[texts.length - 1] += `\n${deps.services.links.console()}`;
      const targets = await staffTargets(tx, orgId, ['integrity_officer']);
      for (const t of targets) {
        // A push carries at most 5 messages.
        for (let i = 0; i < texts.length; i += 5) {
          const key = `corruption-digest:${orgId}:${now.toISOString()}:${t.lineUserId}:${i}`;
          if (await sendOnce(tx, orgId, key, now, t.lineUserId, texts.slice(i, i + 5).map(text)))
            queued++;
        }
      }
      for (const c of list) await sendOnce(tx, orgId, `corruption-digested:${c.id}`, now, null, []);
    });
  }
  return { queued };
}
