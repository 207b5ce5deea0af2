import { Resvg } from '@resvg/resvg-js';
import { MENU_KEYS, menuCells, RICH_MENU_SIZE, type MenuKey } from '../../shared/line/richmenu';
import { th } from '../../shared/text/th';
import { ICONS } from './icons';
import { ThaiText, wrapLabel } from './text';

/**
 * The rich menu image, generated: six tiles on the grid of shared/line/richmenu.ts,
 * each a coloured round badge with a white line icon above its Thai label in large
 * bold type, with the organisation's name under "ติดต่อเรา". Drawn as SVG (text as
 * HarfBuzz-shaped outlines) and rasterised by resvg to a PNG under LINE's 1 MB limit.
 */

/** LINE refuses rich menu images over 1 MB. */
export const MAX_IMAGE_BYTES = 1024 * 1024;

export const INK = '#1F2933';
export const MUTED = '#52606D';
const SEPARATOR = '#D9E2EC';
/** Badge colour and a faint tile tint of the same hue; LINE green first. */
export const PALETTE: Record<MenuKey, { badge: string; tint: string }> = {
  ask: { badge: '#06C755', tint: '#F1FBF4' },
  report: { badge: '#E8772E', tint: '#FDF5EF' },
  complain: { badge: '#D64545', tint: '#FCF3F3' },
  track: { badge: '#2F80ED', tint: '#F1F6FE' },
  survey: { badge: '#8B5CF6', tint: '#F6F2FE' },
  contact: { badge: '#0F9D8F', tint: '#EFF9F8' },
};

export const BADGE_RADIUS = 150;
/** From the top of a tile. */
export const BADGE_CENTRE_Y = 285;
const TEXT_TOP = 475;
const TEXT_BOTTOM_MARGIN = 45;
const SIDE_MARGIN = 50;
/** Label sizes tried, largest first; below 90 px a label is hard to read on an old phone. */
const LABEL_MAX = 128;
const LABEL_MIN = 90;
const ORG_MAX = 58;
const ORG_MIN = 40;
/** Distance between baselines, in ems. */
const LINE_PITCH = 1.3;

let textPromise: Promise<ThaiText> | undefined;

export async function renderRichMenuImage(opts: {
  orgName: string;
}): Promise<{ bytes: Uint8Array; contentType: 'image/png' }> {
  const svg = richMenuSvg(await (textPromise ??= ThaiText.load()), opts.orgName);
  const png = new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
  if (png.length > MAX_IMAGE_BYTES) {
    throw new Error(`rich menu image is ${png.length} bytes, over LINE's ${MAX_IMAGE_BYTES}`);
  }
  return { bytes: new Uint8Array(png), contentType: 'image/png' };
}

/** The SVG source of the image (exported for inspection; the PNG is what LINE gets). */
export function richMenuSvg(text: ThaiText, orgName: string): string {
  const { width: W, height: H } = RICH_MENU_SIZE;
  const cells = menuCells();
  const maxText = labelWidth();

  const { size, lines } = layoutLabels(text, maxText);

  const parts: string[] = [];
  cells.forEach((cell, i) => {
    const { badge, tint } = PALETTE[cell.key];
    const cx = cell.x + cell.width / 2;
    const cy = cell.y + BADGE_CENTRE_Y;
    parts.push(
      `<rect x="${cell.x}" y="${cell.y}" width="${cell.width}" height="${cell.height}" fill="${tint}"/>`,
      `<circle cx="${cx}" cy="${cy}" r="${BADGE_RADIUS}" fill="${badge}"/>`,
      // The icon's 200-unit box scaled into the badge.
      `<g color="#FFFFFF" transform="translate(${cx - 100 * 1.2} ${cy - 100 * 1.2}) scale(1.2)">${ICONS[cell.key]}</g>`,
    );

    const block = lines[i]!.map((line) => ({ line, size, fill: INK }));
    if (cell.key === 'contact' && orgName.trim()) {
      for (const o of fitOrgName(text, orgName.trim(), maxText)) block.push({ ...o, fill: MUTED });
    }
    // Centre the block in the space under the badge. A Thai line's visual middle sits
    // about 0.3 em above its baseline (consonant bodies, with marks above and below).
    const centres = block.map(() => 0);
    for (let j = 1; j < block.length; j++) {
      centres[j] = centres[j - 1]! + LINE_PITCH * ((block[j - 1]!.size + block[j]!.size) / 2);
    }
    const middle = cell.y + TEXT_TOP + (cell.height - TEXT_TOP - TEXT_BOTTOM_MARGIN) / 2;
    const offset = middle - centres[centres.length - 1]! / 2;
    block.forEach((b, j) => {
      const d = text.outline(b.line, {
        x: cx,
        y: offset + centres[j]! + 0.3 * b.size,
        size: b.size,
        anchor: 'middle',
      });
      parts.push(`<path fill="${b.fill}" d="${d}"/>`);
    });
  });

  // Thin separators on the inner edges of the grid.
  const xs = [...new Set(cells.map((c) => c.x))].filter((x) => x > 0);
  const ys = [...new Set(cells.map((c) => c.y))].filter((y) => y > 0);
  for (const x of xs) {
    parts.push(`<rect x="${x - 2}" y="0" width="4" height="${H}" fill="${SEPARATOR}"/>`);
  }
  for (const y of ys) {
    parts.push(`<rect x="0" y="${y - 2}" width="${W}" height="4" fill="${SEPARATOR}"/>`);
  }

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="${W}" height="${H}" fill="#FFFFFF"/>${parts.join('')}</svg>`;
}

/** The widest a line of text may be in a tile. */
export function labelWidth(): number {
  return Math.min(...menuCells().map((c) => c.width)) - 2 * SIDE_MARGIN;
}

/**
 * One size for every label, the largest at which each fits in two lines with a shorter
 * first line, and failing that in any two lines; the lines of each label in MENU_KEYS order.
 */
export function layoutLabels(
  text: ThaiText,
  maxWidth = labelWidth(),
): { size: number; lines: string[][] } {
  for (const topLighter of [true, false]) {
    for (let size = LABEL_MAX; size >= LABEL_MIN; size -= 2) {
      const lines = MENU_KEYS.map((key) =>
        wrapLabel(th.menu[key], maxWidth, (t) => text.measure(t, size), { topLighter }),
      );
      if (lines.every((l) => l !== null)) return { size, lines: lines as string[][] };
    }
  }
  throw new Error(`a menu label does not fit in two lines at ${LABEL_MIN} px`);
}

/**
 * The organisation's name in one or two lines, as large as fits; a name too long even
 * for two lines at the smallest size is cut with an ellipsis.
 */
function fitOrgName(text: ThaiText, name: string, maxWidth: number) {
  for (let size = ORG_MAX; size >= ORG_MIN; size -= 2) {
    const lines = wrapLabel(name, maxWidth, (t) => text.measure(t, size));
    if (lines) return lines.map((line) => ({ line, size }));
  }
  const graphemes = [...new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(name)].map(
    (g) => g.segment,
  );
  for (let n = graphemes.length - 1; n > 0; n--) {
    const line = `${graphemes.slice(0, n).join('').trimEnd()}…`;
    if (text.measure(line, ORG_MIN) <= maxWidth) return [{ line, size: ORG_MIN }];
  }
  return [];
}
