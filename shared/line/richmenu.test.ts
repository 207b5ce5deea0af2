import { describe, expect, it } from 'vitest';
import { th } from '../text/th';
import {
  buildRichMenu,
  MENU_KEYS,
  menuCells,
  menuPostback,
  parseMenuPostback,
  RICH_MENU_NAME_PREFIX,
  type MenuKey,
} from './richmenu';

type Bounds = { x: number; y: number; width: number; height: number };

describe('menu postbacks', () => {
  it('has the six keys in reading order', () => {
    expect(MENU_KEYS).toEqual(['ask', 'report', 'complain', 'track', 'survey', 'contact']);
  });

  it('round-trips every key and rejects anything else', () => {
    for (const key of MENU_KEYS) {
      expect(menuPostback(key)).toBe(`menu:${key}`);
      expect(parseMenuPostback(menuPostback(key))).toBe(key);
    }
    for (const data of [
      '',
      'menu:',
      'menu:Ask',
      'menu:ask ',
      'ask',
      'x:menu:ask',
      'menu:toString',
    ]) {
      expect(parseMenuPostback(data)).toBeNull();
    }
  });
});

describe('buildRichMenu', () => {
  const menu = buildRichMenu();
  const areas = menu.areas!;

  it('is a selected 2500×1686 menu named with our prefix and the catalogue chat-bar text', () => {
    expect(menu.size).toEqual({ width: 2500, height: 1686 });
    expect(menu.selected).toBe(true);
    expect(menu.name!.startsWith(RICH_MENU_NAME_PREFIX)).toBe(true);
    expect(menu.chatBarText).toBe(th.menuChatBar);
    expect(menu.chatBarText).toBe('เมนู');
  });

  it('has six postback areas with the keys in order and labels from th', () => {
    expect(areas).toHaveLength(6);
    areas.forEach((area, i) => {
      const key = MENU_KEYS[i] as MenuKey;
      expect(area.action).toEqual({
        type: 'postback',
        label: th.menu[key],
        data: `menu:${key}`,
        displayText: th.menu[key],
      });
      // LINE's limit on an action label.
      expect([...th.menu[key]].length).toBeLessThanOrEqual(20);
    });
  });

  it('with the LIFF report form, แจ้งเหตุ opens the form and the other areas stay postbacks', () => {
    const url = 'https://liff.line.me/1657000000-AbCdEfGh/report.html?org=demo';
    const withForm = buildRichMenu({ reportFormUrl: url }).areas!;
    expect(withForm[MENU_KEYS.indexOf('report')]!.action).toEqual({
      type: 'uri',
      label: th.menu.report,
      uri: url,
    });
    expect(withForm.filter((a) => a.action?.type === 'postback')).toHaveLength(5);
    expect(withForm.map((a) => a.bounds)).toEqual(areas.map((a) => a.bounds));
  });

  it('lays the areas out 3 across and 2 down, in reading order', () => {
    const b = areas.map((a) => a.bounds as Bounds);
    expect(b.map((r) => r.x)).toEqual([0, 833, 1667, 0, 833, 1667]);
    expect(b.map((r) => r.y)).toEqual([0, 0, 0, 843, 843, 843]);
    expect(menuCells().map(({ key, ...r }) => r)).toEqual(b);
  });

  it('tiles the image exactly: every pixel in one area, none outside', () => {
    const { width, height } = menu.size as { width: number; height: number };
    const cover = new Uint8Array(width * height);
    for (const area of areas) {
      const { x, y, width: w, height: h } = area.bounds as Bounds;
      for (const v of [x, y, w, h]) expect(Number.isInteger(v)).toBe(true);
      expect(w).toBeGreaterThan(0);
      expect(h).toBeGreaterThan(0);
      expect(x + w).toBeLessThanOrEqual(width);
      expect(y + h).toBeLessThanOrEqual(height);
      for (let row = y; row < y + h; row++) {
        for (let col = x; col < x + w; col++) cover[row * width + col]!++;
      }
    }
    expect(cover.every((n) => n === 1)).toBe(true);
    const area = areas.reduce((s, a) => s + a.bounds!.width! * a.bounds!.height!, 0);
    expect(area).toBe(width * height);
  });

  it('takes a name and chat-bar text, and refuses ones LINE would reject', () => {
    const custom = buildRichMenu({ name: 'fangsiang-test', chatBarText: 'บริการ' });
    expect(custom.name).toBe('fangsiang-test');
    expect(custom.chatBarText).toBe('บริการ');
    expect(() => buildRichMenu({ chatBarText: 'x'.repeat(15) })).toThrow(RangeError);
    expect(() => buildRichMenu({ chatBarText: '' })).toThrow(RangeError);
    expect(() => buildRichMenu({ name: 'x'.repeat(301) })).toThrow(RangeError);
  });
});
