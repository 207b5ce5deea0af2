import type { messagingApi } from '@line/bot-sdk';

/**
 * A label–value line for Flex cards. LINE refuses a Flex text with an empty `text`, so
 * an empty value shows as "-" and the label must not be empty.
 */
export function flexRow(
  label: string,
  value: string,
  valueColor = '#222222',
): messagingApi.FlexBox {
  if (!label) throw new Error('flexRow needs a label: LINE refuses empty Flex text');
  return {
    type: 'box',
    layout: 'baseline',
    spacing: 'sm',
    contents: [
      { type: 'text', text: label, size: 'sm', color: '#888888', flex: 3, wrap: true },
      { type: 'text', text: value || '-', size: 'sm', color: valueColor, flex: 5, wrap: true },
    ],
  };
}
