import type { messagingApi } from '@line/bot-sdk';
import type { CaseKind, StateType } from '../cases';
import { formatThaiDate, formatThaiDateTime } from '../dates';
import type { Message } from '../line/messages';
import { conv } from '../text/th-conversation';
import { th } from '../text/th';
import { flexRow } from '../line/flex';

/** A quick-reply option: a word to send, a postback, or a LINE action button. */
export type Option =
  | { label: string; text?: string }
  | { label: string; data: string; displayText?: string }
  | { kind: 'location'; label: string }
  | { kind: 'camera'; label: string }
  | { kind: 'cameraRoll'; label: string }
  /** A link or a phone number (tel:) as a button, never as raw text. */
  | { kind: 'uri'; label: string; uri: string };

/** LINE's limits: 13 quick replies, 20 characters a label. */
export function clip(label: string, max = 20): string {
  const chars = [...label];
  return chars.length <= max ? label : chars.slice(0, max - 1).join('') + '…';
}

function action(o: Option): messagingApi.Action {
  if ('kind' in o && o.kind === 'uri') return { type: 'uri', label: clip(o.label), uri: o.uri };
  if ('kind' in o) return { type: o.kind, label: clip(o.label) } as messagingApi.Action;
  if ('data' in o)
    return { type: 'postback', label: clip(o.label), data: o.data, displayText: o.displayText };
  return { type: 'message', label: clip(o.label), text: o.text ?? o.label };
}

/** A text message with options as quick replies. Text is cut to LINE's 5,000 characters. */
export function ask(text: string, options: Option[] = []): Message {
  const message: messagingApi.TextMessage = { type: 'text', text: text.slice(0, 5000) };
  if (options.length) {
    message.quickReply = {
      items: options.slice(0, 13).map((o) => ({ type: 'action', action: action(o) })),
    };
  }
  return message;
}

export const MENU_OPTIONS: Option[] = Object.values(th.menu).map((label) => ({ label }));
export const CANCEL: Option = { label: conv.cancel };
export const SKIP: Option = { label: conv.skip };

/** The main menu as quick replies under a line of text. */
export const menu = (text: string = th.chooseMenu): Message => ask(text, MENU_OPTIONS);

const KIND_LABEL: Record<CaseKind, string> = {
  question: th.menu.ask,
  service_request: th.menu.report,
  complaint: th.menu.complain,
  corruption: conv.flowName.corruption,
};

const row = flexRow;

export interface ReceiptView {
  orgName: string;
  trackingCode: string;
  kind: CaseKind;
  categoryName: string;
  createdAt: Date;
  finishDays: number;
  anonymous: boolean;
  /** Anonymous reports: whether the reporter opted in to progress messages on LINE. */
  notify?: boolean;
  /**
   * The line under the details (how to track), in the organisation's words: its `caseReceipt`
   * template filled in (shared/messages/templates.ts). Anonymous reports keep the PIN line.
   */
  note?: string;
}

/** The "receipt" after filing: code, category, date in พ.ศ., time frame, how to track. */
export function receipt(r: ReceiptView): Message {
  const bubble: messagingApi.FlexBubble = {
    type: 'bubble',
    size: 'kilo',
    header: {
      type: 'box',
      layout: 'vertical',
      backgroundColor: '#06C755',
      contents: [
        { type: 'text', text: conv.receipt.title, color: '#FFFFFF', weight: 'bold', size: 'lg' },
        { type: 'text', text: r.orgName, color: '#E8FFF0', size: 'xs', wrap: true },
      ],
    },
    body: {
      type: 'box',
      layout: 'vertical',
      spacing: 'md',
      contents: [
        { type: 'text', text: conv.receipt.code, size: 'xs', color: '#888888' },
        { type: 'text', text: r.trackingCode, size: 'xxl', weight: 'bold', color: '#111111' },
        { type: 'separator' },
        row(conv.receipt.category, `${KIND_LABEL[r.kind]} · ${r.categoryName}`),
        row(conv.receipt.date, formatThaiDate(r.createdAt)),
        row(conv.receipt.timeframe, conv.receipt.days(r.finishDays)),
        ...(r.anonymous
          ? [
              row(conv.receipt.reporter, conv.receipt.anonymousNote),
              row(
                conv.receipt.notify,
                r.notify ? conv.receipt.notifyLine : conv.receipt.notifyNone,
              ),
            ]
          : []),
        {
          type: 'text',
          text: r.anonymous ? conv.receipt.trackWithPin : (r.note ?? conv.receipt.track),
          size: 'xs',
          color: '#555555',
          wrap: true,
        },
      ],
    },
  };
  return {
    type: 'flex',
    altText: `${conv.receipt.title} ${conv.receipt.code} ${r.trackingCode}`,
    contents: bubble,
  };
}

export interface CaseCardView {
  trackingCode: string;
  kind: CaseKind;
  categoryName: string;
  stateType: StateType;
  stateLabel: string;
  createdAt: Date;
  updatedAt: Date;
  lastNote: string | null;
}

const STATE_COLOR: Record<StateType, string> = {
  waiting: '#F5A623',
  in_progress: '#1E88E5',
  forwarded: '#8E24AA',
  follow_up: '#00897B',
  finished: '#06C755',
  rejected: '#757575',
};

function caseBubble(c: CaseCardView): messagingApi.FlexBubble {
  return {
    type: 'bubble',
    size: 'kilo',
    body: {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      contents: [
        { type: 'text', text: c.trackingCode, weight: 'bold', size: 'lg' },
        {
          type: 'text',
          text: c.stateLabel,
          color: STATE_COLOR[c.stateType],
          weight: 'bold',
          size: 'sm',
        },
        row(conv.receipt.category, `${KIND_LABEL[c.kind]} · ${c.categoryName}`),
        row(conv.track.filed, formatThaiDate(c.createdAt)),
        row(conv.track.lastUpdate, formatThaiDateTime(c.updatedAt)),
        ...(c.lastNote
          ? [{ type: 'text', text: c.lastNote, size: 'sm', wrap: true } as messagingApi.FlexText]
          : []),
      ],
    },
  };
}

/** The resident's cases, newest first, as a carousel (LINE allows 12 bubbles). */
export function caseList(cases: CaseCardView[]): Message {
  return {
    type: 'flex',
    altText: `${conv.track.listTitle} ${cases.length}`,
    contents: { type: 'carousel', contents: cases.slice(0, 12).map(caseBubble) },
  };
}

export function caseCard(c: CaseCardView): Message {
  return { type: 'flex', altText: `${c.trackingCode} ${c.stateLabel}`, contents: caseBubble(c) };
}

const wordSegmenter = new Intl.Segmenter('th', { granularity: 'word' });

/**
 * Button labels for similar texts (FAQ questions that start alike), each ≤ `max`
 * characters and told apart: when clipping makes two the same, the shared beginning is
 * dropped at a word boundary ("…ใช้ที่ดิน" / "…อาคาร"); if that is not enough, numbered.
 */
export function distinctLabels(labels: readonly string[], max = 20): string[] {
  const unique = (xs: string[]) => new Set(xs).size === xs.length;
  const clipped = labels.map((l) => clip(l, max));
  if (unique(clipped) || labels.length < 2) return clipped;
  let common = labels[0]!;
  for (const l of labels) while (!l.startsWith(common)) common = common.slice(0, -1);
  // Back off to the last word boundary inside the common beginning.
  let cut = 0;
  for (const s of wordSegmenter.segment(labels[0]!)) {
    if (s.index + s.segment.length > common.length) break;
    cut = s.index + s.segment.length;
  }
  const tails = labels.map((l) => clip(`…${l.slice(cut).trim()}`, max));
  if (cut > 0 && unique(tails)) return tails;
  return labels.map((l, i) => clip(`${i + 1}. ${l}`, max));
}
