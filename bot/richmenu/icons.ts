import type { MenuKey } from '../../shared/line/richmenu';

/**
 * One simple line icon per menu key, as SVG in a 200×200 box centred on (100, 100),
 * drawn in `currentColor` so the caller picks the colour. Thick strokes with round
 * ends stay legible when LINE shrinks the menu to a phone's width.
 */
const STROKE = 'fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round"';

function star(cx: number, cy: number, outer: number): string {
  const inner = outer * 0.45;
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const rad = i % 2 ? inner : outer;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push(`${(cx + rad * Math.cos(a)).toFixed(1)},${(cy + rad * Math.sin(a)).toFixed(1)}`);
  }
  return `<polygon points="${pts.join(' ')}" fill="currentColor" stroke="currentColor" stroke-width="6" stroke-linejoin="round"/>`;
}

export const ICONS: Record<MenuKey, string> = {
  // A speech bubble with a question mark.
  ask:
    `<path ${STROKE} stroke-width="13" d="M52 38h96a24 24 0 0 1 24 24v62a24 24 0 0 1-24 24h-52l-34 28v-28h-10a24 24 0 0 1-24-24v-62a24 24 0 0 1 24-24z"/>` +
    `<path ${STROKE} stroke-width="14" d="M80 76a20 20 0 1 1 28 18c-5 3-8 6-8 13"/>` +
    `<circle cx="100" cy="128" r="8.5" fill="currentColor"/>`,
  // A megaphone with sound waves.
  report:
    `<path ${STROKE} stroke-width="13" d="M34 82h32l64-36v108l-64-36h-32z"/>` +
    `<path ${STROKE} stroke-width="17" d="M58 126l8 28"/>` +
    `<path ${STROKE} stroke-width="12" d="M152 78a30 30 0 0 1 0 44M166 60a56 56 0 0 1 0 80"/>`,
  // A speech bubble with an exclamation mark.
  complain:
    `<path ${STROKE} stroke-width="13" d="M52 38h96a24 24 0 0 1 24 24v62a24 24 0 0 1-24 24h-10v28l-34-28h-52a24 24 0 0 1-24-24v-62a24 24 0 0 1 24-24z"/>` +
    `<path ${STROKE} stroke-width="15" d="M100 64v38"/>` +
    `<circle cx="100" cy="126" r="9" fill="currentColor"/>`,
  // A magnifying glass over a document line.
  track:
    `<circle ${STROKE} stroke-width="14" cx="88" cy="86" r="46"/>` +
    `<path ${STROKE} stroke-width="20" d="M122 120l44 44"/>` +
    `<path ${STROKE} stroke-width="11" d="M68 86h40M68 66h26"/>`,
  // Three stars, the middle one raised.
  survey: star(46, 116, 34) + star(100, 86, 46) + star(154, 116, 34),
  // A telephone handset.
  contact: `<path fill="currentColor" d="M62 30c9-3 18 1 22 10l12 28c3 8 1 17-6 22l-13 10c9 19 24 34 43 43l10-13c5-7 14-9 22-6l28 12c9 4 13 13 10 22l-6 18c-3 9-11 15-21 15C92 191 9 108 29 59c0-10 6-18 15-21z"/>`,
};
