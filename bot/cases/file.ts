import { categoryByCode } from '../../db/admin-categories';
import { divisionByCode } from '../../db/admin-divisions';
import {
  addCaseUpdate,
  addCaseWatcher,
  insertCase,
  type CaseChanges,
  type CaseRow,
} from '../../db/cases';
import type { Tx } from '../../db/types';
import { makeTrackingCode } from '../../shared/cases';
import { secureRandom } from '../../shared/crypto';
import type { CaseDraft } from '../../shared/conversation/types';
import { th } from '../../shared/text/th';
import type { LineClient } from '../line/client';
import type { Services } from '../services';
import type { OrgRow, SecretBox } from '../orgs';
import { onCaseFiled } from '../staff/alerts';
import { orgSettings } from '../../shared/org-settings';

/** What filing a case needs; no LINE event, so the chat and the web forms share it. */
export interface FileContext {
  org: OrgRow;
  now: Date;
  random: () => number;
  secrets: SecretBox;
  /** For the staff alerts' quota check (bot/staff/alerts.ts); absent: no check. */
  line?: LineClient | null;
  /** Console links and the quota cache, for the staff alerts. */
  services: Pick<Services, 'links' | 'quota'>;
}

/**
 * Who files. `residentId` is ignored for corruption cases (they never link to a
 * resident). A confidential case seals the identity: from LINE the account and its
 * display name, from the web the name the reporter typed.
 */
export interface Reporter {
  residentId: string | null;
  lineUserId?: string;
  displayName?: string | null;
  /** A member of staff who files (staff can report corruption too). */
  staffId?: string;
  /** Where the case came in; `web` for the public forms. Default `line`. */
  via?: 'line' | 'web';
  /** Web confidential reports: the name the reporter gave (optional). */
  name?: string | null;
}

/**
 * Files a case. Corruption complaints never carry the resident's id: anonymous ones
 * keep a keyed hash of the PIN, confidential ones the reporter's identity encrypted.
 */
export async function fileCase(
  tx: Tx,
  ctx: FileContext,
  draft: CaseDraft,
  reporter: Reporter,
): Promise<CaseRow> {
  const { now, org } = ctx;
  const via = reporter.via ?? 'line';
  const divisionId = await routeTo(tx, org.id, draft);
  const corruption = draft.kind === 'corruption';
  for (let attempt = 0; ; attempt++) {
    // From the CSPRNG, never ctx.random (seeded in tests, Math.random in production): a code is
    // half of what opens an anonymous case.
    const trackingCode = makeTrackingCode(now, secureRandom);
    const secret: CaseChanges = {};
    if (draft.anonymity === 'anonymous' && draft.pin) {
      secret.pinHash = await pinHashOf(ctx.secrets, org.id, trackingCode, draft.pin);
    }
    if (draft.anonymity === 'confidential') {
      secret.reporterIdentityEnc = await ctx.secrets.seal(
        JSON.stringify(
          via === 'web'
            ? { name: reporter.name ?? null, contact: draft.contact ?? null, via }
            : {
                lineUserId: reporter.lineUserId,
                displayName: reporter.displayName ?? null,
                contact: draft.contact ?? null,
              },
        ),
      );
    }
    const row = await insertCase(tx, {
      orgId: org.id,
      trackingCode,
      kind: draft.kind,
      category: draft.category,
      subject: draft.subject,
      description: draft.description,
      concerning: draft.concerning,
      photos: draft.photos,
      latitude: draft.latitude,
      longitude: draft.longitude,
      address: draft.address,
      stateType: 'waiting',
      stateLabel: stateLabel(org.settings, 'waiting'),
      residentId: corruption ? null : reporter.residentId,
      anonymity: draft.anonymity,
      divisionId,
      filedByStaffId: reporter.staffId ?? null,
      channel: via,
      urgent: draft.urgent === true,
      createdAt: now,
      updatedAt: now,
      ...secret,
    });
    if (!row) {
      if (attempt > 5) throw new Error('could not find a free tracking code');
      continue;
    }
    const anonymous = draft.anonymity === 'anonymous';
    // An anonymous reporter who asked for progress messages: the LINE id is sealed in its
    // own row (case_watchers), never on the case, and opened only to address a message.
    if (corruption && anonymous && draft.notify && reporter.lineUserId) {
      await addCaseWatcher(tx, {
        orgId: org.id,
        caseId: row.id,
        targetEnc: await ctx.secrets.seal(reporter.lineUserId),
        createdAt: now,
      });
    }
    await addCaseUpdate(tx, {
      orgId: org.id,
      caseId: row.id,
      authorKind: 'system',
      note:
        via === 'web'
          ? anonymous
            ? th.pub.notes.filedAnonymously
            : th.pub.notes.filed
          : anonymous
            ? th.cases.filedAnonymously
            : th.cases.filedViaLine,
      toState: 'waiting',
      photos: draft.photos,
      createdAt: now,
    });
    // Time limits and staff alerts, in this transaction (bot/staff/alerts.ts).
    return onCaseFiled(tx, ctx, row);
  }
}

/** The keyed hash an anonymous case keeps instead of its PIN (bound to org and code). */
export function pinHashOf(
  secrets: SecretBox,
  orgId: string,
  code: string,
  pin: string,
): Promise<string> {
  return secrets.hash('pin', orgId, code, pin);
}

/** The division that owns a category; complaints and questions go to the clerk's office. */
export async function routeTo(tx: Tx, orgId: string, draft: CaseDraft): Promise<string | null> {
  if (draft.kind === 'corruption') return null;
  if (draft.kind === 'service_request') {
    const cat = await categoryByCode(tx, orgId, draft.category);
    if (cat?.divisionId) return cat.divisionId;
  }
  return (await divisionByCode(tx, orgId, 'clerk'))?.id ?? null;
}

/** The organisation's label for a state type, or the catalogue's default. */
export function stateLabel(settings: unknown, type: CaseRow['stateType']): string {
  return orgSettings(settings).stateLabels[type] ?? th.cases.stateLabels[type];
}
