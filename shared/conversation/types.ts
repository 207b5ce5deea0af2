import type { CaseKind, CasePhoto } from '../cases';
import type { Message } from '../line/messages';
import type { ConversationState } from './state';

/** What a resident did, reduced from a LINE event to what the conversation cares about. */
export type Input =
  | { type: 'text'; text: string }
  | { type: 'postback'; data: string }
  /** An image. When the flow expects a photo, the executor has already fetched and stored it. */
  | {
      type: 'image';
      messageId: string;
      photo?: CasePhoto;
      photoError?: 'too_large' | 'bad_type' | 'failed';
    }
  | { type: 'location'; latitude: number; longitude: number; address?: string; title?: string }
  | { type: 'sticker' }
  | { type: 'other'; messageType: string }
  /** Results of the executor's work fed back into the flow. */
  | { type: 'needPin'; code: string }
  /** An open case of the same category near the reported place, or none. */
  | { type: 'nearby'; match: NearbyCase | null }
  /** The "+1" was counted on the case. */
  | { type: 'joined'; code: string; affected: number };

export interface NearbyCase {
  code: string;
  stateLabel: string;
  /** Residents affected so far (the reporter and each "+1"). */
  affected: number;
  metres: number;
}

/** Persisted per resident (conversation_states), validated on load (./state.ts). */
export type { ConversationState, FlowName } from './state';

export const IDLE: ConversationState = { flow: 'idle', step: 'idle', data: {}, expiresAt: null };

export interface FaqEntryView {
  extId: string;
  question: string;
  answer: string;
  links?: { label: string; uri: string }[];
  quickReplies?: string[];
}

export type FaqResult =
  | { kind: 'answer'; entry: FaqEntryView }
  | { kind: 'suggest'; entries: FaqEntryView[] }
  | { kind: 'none' };

export interface CategoryView {
  code: string;
  name: string;
  kind: CaseKind;
  /** Working days to finish, from the service standard. */
  finishDays: number;
  /** Words and example phrases that point at this category (the intent classifier). */
  keywords?: string[];
  examples?: string[];
  /** Urgent categories: first advice and emergency numbers, sent at once. */
  urgent?: { advice: string; phones: string[] };
  /** Open cases of this category within this many metres are offered as the same. */
  duplicateRadiusM?: number;
}

/** What a flow needs to know about the organisation. Plain data plus pure lookups. */
export interface OrgConfig {
  orgName: string;
  categories: CategoryView[];
  contact: { phone?: string; address?: string; officeHours?: string };
  /** Minutes a half-finished flow is kept. */
  flowTimeoutMinutes: number;
  /** Working days to finish a case whose category has none (15 unless set). */
  defaultFinishDays: number;
  surveyUrl: string | null;
  /** The LIFF report form (bot/report-form/url.ts), for residents who ask for a form. */
  reportFormUrl?: string | null;
  faq: { match(text: string): FaqResult; byId(extId: string): FaqEntryView | undefined };
}

/** A case as a flow collected it; the executor adds the code, the owner and the times. */
export interface CaseDraft {
  kind: CaseKind;
  category: string;
  subject: string;
  description: string;
  concerning: string;
  photos: CasePhoto[];
  latitude: number | null;
  longitude: number | null;
  address: string | null;
  anonymity: 'none' | 'anonymous' | 'confidential';
  /** Anonymous corruption reports: the PIN the resident chose (hashed by the executor). */
  pin?: string;
  /**
   * Anonymous corruption reports: the reporter asked for progress messages on LINE. The
   * executor keeps the LINE id sealed in case_watchers, never on the case row.
   */
  notify?: boolean;
  /** Confidential reports: how to reach the reporter (encrypted by the executor). */
  contact?: string;
  /** Filed in an urgent category: alerted as urgent. */
  urgent?: boolean;
}

/** Work for the executor (bot/conversation/executor.ts). Commands are data. */
export type Command =
  | { type: 'reply'; messages: Message[] }
  | { type: 'createCase'; draft: CaseDraft }
  | { type: 'listCases' }
  | { type: 'trackCase'; code: string; pin?: string }
  /** Look for an open case of the category near the point; answers with a `nearby` input. */
  | { type: 'findNearby'; category: string; latitude: number; longitude: number; radiusM: number }
  /** "+1": the resident is affected by this open case too; their photos join it. */
  | { type: 'joinCase'; code: string; photos: CasePhoto[] }
  | { type: 'handoff'; question: string }
  | { type: 'exportData' }
  /** The resident's words on why a finished case is not fixed (kept on its timeline, sent to staff). */
  | { type: 'verdictNote'; caseId: string; note: string }
  | { type: 'deleteData' };

export interface StepResult {
  state: ConversationState;
  commands: Command[];
}
