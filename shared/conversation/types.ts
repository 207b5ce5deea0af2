import type { CaseKind, CasePhoto } from '../cases';
import type { Message } from '../line/messages';

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
  | { type: 'needPin'; code: string };

export type FlowName = 'idle' | 'ask' | 'report' | 'complaint' | 'corruption' | 'track' | 'data';

/** Persisted per resident (conversation_states). `data` holds what the flow collected. */
export interface ConversationState {
  flow: FlowName;
  step: string;
  data: Record<string, unknown>;
  /** ISO time after which a half-finished flow is dropped (the resident is told). */
  expiresAt: string | null;
}

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
}

/** Work for the executor (bot/conversation/executor.ts). Commands are data. */
export type Command =
  | { type: 'reply'; messages: Message[] }
  | { type: 'createCase'; draft: CaseDraft }
  | { type: 'listCases' }
  | { type: 'trackCase'; code: string; pin?: string }
  | { type: 'handoff'; question: string }
  | { type: 'exportData' }
  | { type: 'deleteData' };

export interface StepResult {
  state: ConversationState;
  commands: Command[];
}
