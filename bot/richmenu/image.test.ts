import { Resvg } from '@resvg/resvg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRichMenu, MENU_KEYS, type MenuKey } from '../../shared/line/richmenu';
import { th } from '../../shared/text/th';
import {
  BADGE_CENTRE_Y,
  BADGE_RADIUS,
  INK,
  layoutLabels,
  MAX_IMAGE_BYTES,
  MUTED,
  PALETTE,
  renderRichMenuImage,
  richMenuSvg,
} from './image';
import { pngHeader } from '../../tests/helpers/png';
import { ThaiText } from './text';

const ORG = 'เทศบาลตำบลทดสอบ';

describe('renderRichMenuImage', () => {
  it('makes a 2500×1686 PNG under LINE’s 1 MB limit', async () => {
    const image = await renderRichMenuImage({ orgName: ORG });
    expect(image.contentType).toBe('image/png');
    expect(pngHeader(image.bytes)).toEqual({ width: 2500, height: 1686 });
    expect(image.bytes.length).toBeLessThanOrEqual(MAX_IMAGE_BYTES);
  });
});

describe('layoutLabels', () => {
  let text: ThaiText;
  beforeAll(async () => {
    text = await ThaiText.load();
  });

  it('sets every label at one size of at least 90 px, in one or two lines', () => {
    const { size, lines } = layoutLabels(text);
    expect(size).toBeGreaterThanOrEqual(90);
    MENU_KEYS.forEach((key, i) => {
      expect(lines[i]!.join('')).toBe(th.menu[key]);
      expect(lines[i]!.length).toBeLessThanOrEqual(2);
    });
    expect(lines[MENU_KEYS.indexOf('ask')]).toEqual([th.menu.ask]);
  });

  it('breaks "แจ้งเหตุ/ขอรับบริการ" after the slash', () => {
    const { lines } = layoutLabels(text);
    const [a, b] = th.menu.report.split('/');
    expect(lines[MENU_KEYS.indexOf('report')]).toEqual([`${a}/`, b]);
  });
});

describe('the drawing', () => {
  let pixels: Buffer;
  let width: number;
  const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const at = (x: number, y: number) => {
    const i = (Math.round(y) * width + Math.round(x)) * 4;
    return [pixels[i], pixels[i + 1], pixels[i + 2]];
  };
  const count = (hex: string, x0: number, y0: number, w: number, h: number) => {
    const [r, g, b] = rgb(hex);
    let n = 0;
    for (let y = y0; y < y0 + h; y += 2) {
      for (let x = x0; x < x0 + w; x += 2) {
        const [pr, pg, pb] = at(x, y);
        if (pr === r && pg === g && pb === b) n++;
      }
    }
    return n;
  };
  const draw = async (orgName: string) => {
    const img = new Resvg(richMenuSvg(await ThaiText.load(), orgName)).render();
    pixels = img.pixels;
    width = img.width;
  };

  it('puts each badge, tile colour and label inside the area that sends its key', async () => {
    await draw(ORG);
    for (const area of buildRichMenu().areas!) {
      const {
        x,
        y,
        width: w,
        height: h,
      } = area.bounds as Required<NonNullable<typeof area.bounds>>;
      const key = (area.action as { data: string }).data.slice('menu:'.length) as MenuKey;
      const cx = x + w / 2;
      expect(at(cx, y + BADGE_CENTRE_Y - BADGE_RADIUS + 15)).toEqual(rgb(PALETTE[key].badge));
      expect(at(x + 20, y + h - 20)).toEqual(rgb(PALETTE[key].tint));
      // Dark label ink under the badge, within the area.
      const below = y + BADGE_CENTRE_Y + BADGE_RADIUS;
      expect(count(INK, x, below, w, y + h - below)).toBeGreaterThan(1000);
    }
  });

  it('writes the organisation’s name in the contact tile only when there is one', async () => {
    const contact = buildRichMenu().areas![MENU_KEYS.indexOf('contact')]!.bounds!;
    const region = [contact.x!, contact.y!, contact.width!, contact.height!] as const;
    await draw(ORG);
    expect(count(MUTED, ...region)).toBeGreaterThan(200);
    await draw('');
    expect(count(MUTED, ...region)).toBe(0);
  });
});
