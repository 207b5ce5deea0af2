import type { messagingApi } from '@line/bot-sdk';
import { th } from '../text/th';

/**
 * The resident rich menu as data: six areas in reading order (left to right, top to
 * bottom), each a postback `menu:<key>` whose displayText is the Thai label, so the
 * chat shows what the resident pressed and the conversation engine gets the key.
 * The image (bot/richmenu/image.ts) draws the same grid.
 */
export const MENU_KEYS = ['ask', 'report', 'complain', 'track', 'survey', 'contact'] as const;
export type MenuKey = (typeof MENU_KEYS)[number];

const PREFIX = 'menu:';

/** Rich menu images LINE accepts at this size; 3 columns × 2 rows. */
export const RICH_MENU_SIZE = { width: 2500, height: 1686 } as const;
export const RICH_MENU_COLUMNS = 3;
export const RICH_MENU_ROWS = 2;

/** Names of rich menus this project creates start with this, so a rerun can replace its own. */
export const RICH_MENU_NAME_PREFIX = 'fangsiang-';

/** The postback data of a menu area. */
export function menuPostback(key: MenuKey): string {
  return `${PREFIX}${key}`;
}

/** The menu key of a postback, or null when the data is not one of ours. */
export function parseMenuPostback(data: string): MenuKey | null {
  if (!data.startsWith(PREFIX)) return null;
  const key = data.slice(PREFIX.length);
  return (MENU_KEYS as readonly string[]).includes(key) ? (key as MenuKey) : null;
}

export interface MenuCell {
  key: MenuKey;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The grid cells in MENU_KEYS order. Edges are rounded to whole pixels from the
 * exact fractions, so the cells tile the image with no gap or overlap (833/834/833).
 */
export function menuCells(): MenuCell[] {
  const { width, height } = RICH_MENU_SIZE;
  const xs = edges(width, RICH_MENU_COLUMNS);
  const ys = edges(height, RICH_MENU_ROWS);
  return MENU_KEYS.map((key, i) => {
    const col = i % RICH_MENU_COLUMNS;
    const row = Math.floor(i / RICH_MENU_COLUMNS);
    return {
      key,
      x: xs[col]!,
      y: ys[row]!,
      width: xs[col + 1]! - xs[col]!,
      height: ys[row + 1]! - ys[row]!,
    };
  });
}

function edges(length: number, parts: number): number[] {
  return Array.from({ length: parts + 1 }, (_, i) => Math.round((length * i) / parts));
}

/** The rich menu request for LINE's createRichMenu; upload the image from bot/richmenu/image.ts. */
export function buildRichMenu(
  opts: {
    name?: string;
    chatBarText?: string;
    /**
     * The LIFF report form (bot/report-form/url.ts). Given, the แจ้งเหตุ area opens it (a uri
     * action); the chat's report flow stays a word away (แจ้งเหตุ typed, or the menu's quick reply).
     */
    reportFormUrl?: string;
  } = {},
): messagingApi.RichMenuRequest {
  const name = opts.name ?? `${RICH_MENU_NAME_PREFIX}resident-menu`;
  const chatBarText = opts.chatBarText ?? th.menuChatBar;
  // LINE's limits; checked here so a bad option fails before any call.
  if (!name || name.length > 300) throw new RangeError('rich menu name must be 1-300 characters');
  if (!chatBarText || chatBarText.length > 14) {
    throw new RangeError('rich menu chatBarText must be 1-14 characters');
  }
  return {
    size: { ...RICH_MENU_SIZE },
    selected: true,
    name,
    chatBarText,
    areas: menuCells().map(({ key, x, y, width, height }) => ({
      bounds: { x, y, width, height },
      action:
        key === 'report' && opts.reportFormUrl
          ? { type: 'uri', label: th.menu[key], uri: opts.reportFormUrl }
          : {
              type: 'postback',
              // Spoken by screen readers; LINE allows 20 characters.
              label: th.menu[key],
              data: menuPostback(key),
              displayText: th.menu[key],
            },
    })),
  };
}
