/**
 * Flex messages for staff: the new-case alert with its buttons. Pure (no I/O).
 */
import type { messagingApi } from '@line/bot-sdk';
import type { CaseKind } from '../cases';
import { formatThaiDateTime } from '../dates';
import type { Message } from '../line/messages';
import { staff as T } from '../text/th-staff';
import { flexRow } from '../line/flex';

export interface AlertCase {
  id: string;
  trackingCode: string;
  kind: CaseKind;
  categoryName: string;
  subject: string;
  description: string;
  createdAt: Date;
  dueAt: Date | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
}

const row = flexRow;

/**
 * The alert a member of staff gets for a new case: what, where, when it is due, and
 * รับเรื่อง / มอบหมาย (postbacks) and เปิดดู (the console). Corruption alerts carry no
 * description in the chat preview beyond the essentials; the details stay in the console.
 */
export function newCaseAlert(c: AlertCase, consoleUrl: string): Message {
  const kind = T.kinds[c.kind];
  const summary = (c.subject || c.description).slice(0, 300);
  const place =
    c.address ??
    (c.latitude !== null && c.longitude !== null
      ? `${c.latitude.toFixed(5)}, ${c.longitude.toFixed(5)}`
      : '');
  const bubble: messagingApi.FlexBubble = {
    type: 'bubble',
    header: {
      type: 'box',
      layout: 'vertical',
      backgroundColor: c.kind === 'corruption' ? '#7a1f1f' : '#0b6e4f',
      contents: [
        { type: 'text', text: T.alert.newCase(kind), color: '#ffffff', weight: 'bold', wrap: true },
      ],
    },
    body: {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      contents: [
        { type: 'text', text: summary || '-', wrap: true, weight: 'bold', maxLines: 4 },
        row(T.alert.code, c.trackingCode),
        row(T.alert.category, c.categoryName),
        row(T.alert.filedAt, formatThaiDateTime(c.createdAt)),
        row(T.alert.dueAt, c.dueAt ? formatThaiDateTime(c.dueAt) : '-'),
        ...(c.kind === 'corruption' ? [] : [row(T.alert.location, place)]),
      ],
    },
    footer: {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      contents: [
        {
          type: 'button',
          style: 'primary',
          action: {
            type: 'postback',
            label: T.alert.accept,
            data: `staff:accept:${c.id}`,
            displayText: T.alert.accept,
          },
        },
        {
          type: 'button',
          style: 'secondary',
          action: {
            type: 'postback',
            label: T.alert.assign,
            data: `staff:assign:${c.id}`,
            displayText: T.alert.assign,
          },
        },
        {
          type: 'button',
          style: 'link',
          action: { type: 'uri', label: T.alert.open, uri: consoleUrl },
        },
      ],
    },
  };
  return { type: 'flex', altText: T.alert.altText(kind, c.trackingCode), contents: bubble };
}
