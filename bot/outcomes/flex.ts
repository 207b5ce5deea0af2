/** The resident's "finished" card: before and after side by side, the verdict and a 1–5 rating. */
import type { messagingApi } from '@line/bot-sdk';
import type { Message } from '../../shared/line/messages';
import { outcomes } from '../../shared/text/th-outcomes';

const T = outcomes.resident;

export const VERDICTS = ['fixed', 'not_fixed', 'partly'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const verdictPostback = (caseId: string, v: Verdict) => `outcome:v:${caseId}:${v}`;
export const ratingPostback = (caseId: string, n: number) => `outcome:r:${caseId}:${n}`;

function side(label: string, url: string | null): messagingApi.FlexBox {
  return {
    type: 'box',
    layout: 'vertical',
    flex: 1,
    spacing: 'xs',
    contents: [
      { type: 'text', text: label, size: 'sm', weight: 'bold', align: 'center' },
      url
        ? { type: 'image', url, size: 'full', aspectRatio: '1:1', aspectMode: 'cover' }
        : { type: 'text', text: T.noPhoto, size: 'xs', color: '#888888', align: 'center' },
    ],
  };
}

export function finishFlex(o: {
  caseId: string;
  trackingCode: string;
  beforeUrl: string | null;
  afterUrl: string | null;
  waiver: string | null;
}): Message {
  const button = (label: string, data: string, style: 'primary' | 'secondary' = 'secondary') =>
    ({
      type: 'button',
      style,
      height: 'sm',
      action: { type: 'postback', label, data, displayText: label },
    }) as messagingApi.FlexButton;
  const body: messagingApi.FlexComponent[] = [
    { type: 'text', text: T.title(o.trackingCode), weight: 'bold', wrap: true },
    {
      type: 'box',
      layout: 'horizontal',
      spacing: 'sm',
      contents: [side(T.before, o.beforeUrl), side(T.after, o.afterUrl)],
    },
  ];
  if (o.waiver) body.push({ type: 'text', text: T.waiver(o.waiver), size: 'xs', wrap: true });
  body.push({ type: 'text', text: T.question, weight: 'bold', margin: 'md' });
  return {
    type: 'flex',
    altText: `${T.title(o.trackingCode)} ${T.question}`,
    contents: {
      type: 'bubble',
      body: { type: 'box', layout: 'vertical', spacing: 'sm', contents: body },
      footer: {
        type: 'box',
        layout: 'vertical',
        spacing: 'sm',
        contents: [
          button(T.fixed, verdictPostback(o.caseId, 'fixed'), 'primary'),
          button(T.partly, verdictPostback(o.caseId, 'partly')),
          button(T.notFixed, verdictPostback(o.caseId, 'not_fixed')),
          { type: 'text', text: T.rate, size: 'xs', color: '#888888', align: 'center' },
          {
            type: 'box',
            layout: 'horizontal',
            spacing: 'xs',
            contents: [1, 2, 3, 4, 5].map((n) => ({
              type: 'button',
              style: 'link',
              height: 'sm',
              action: {
                type: 'postback',
                label: String(n),
                data: ratingPostback(o.caseId, n),
                displayText: T.star(n),
              },
            })) as messagingApi.FlexButton[],
          },
        ],
      },
    },
  };
}
