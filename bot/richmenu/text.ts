import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as hb from 'harfbuzzjs';

/**
 * Thai text as SVG outlines. HarfBuzz shapes the text (Thai needs mark positioning:
 * tone marks above upper vowels, SARA AM split around them, tone marks moved left over
 * ป ฝ ฟ, the descender of ญ ฐ removed above a lower vowel), and the shaped glyphs are
 * written as path data, so the rasteriser draws shapes and never lays out text itself
 * (docs/decisions/014-rich-menu-image.md).
 */

/** Sarabun Bold (SIL Open Font License), the Thai government's standard face, as a TTF. */
const FONT_FILE = '@expo-google-fonts/sarabun/700Bold/Sarabun_700Bold.ttf';

type PathCommand = { type: string; values: number[] };

export class ThaiText {
  readonly #font: hb.Font;
  readonly #upem: number;
  readonly #outlines = new Map<number, PathCommand[]>();

  private constructor(data: Uint8Array) {
    const face = new hb.Face(new hb.Blob(data));
    this.#font = new hb.Font(face);
    this.#upem = face.upem;
  }

  /** Loads the font shipped in the npm package; nothing is fetched. */
  static async load(): Promise<ThaiText> {
    const path = createRequire(import.meta.url).resolve(FONT_FILE);
    return new ThaiText(new Uint8Array(await readFile(path)));
  }

  /** The advance width of one line of `text` at `size` pixels. */
  measure(text: string, size: number): number {
    return this.#shape(text).reduce((w, g) => w + g.xAdvance, 0) * (size / this.#upem);
  }

  /**
   * Path data for one line of text at `size` pixels whose baseline starts at (x, y), or is
   * centred on x with `anchor: 'middle'`. Glyphs the font lacks are left out (their
   * advance stays), rather than drawn as boxes.
   */
  outline(
    text: string,
    opts: { x: number; y: number; size: number; anchor?: 'start' | 'middle' },
  ): string {
    const s = opts.size / this.#upem;
    const glyphs = this.#shape(text);
    const width = glyphs.reduce((w, g) => w + g.xAdvance, 0) * s;
    let penX = opts.anchor === 'middle' ? opts.x - width / 2 : opts.x;
    const out: string[] = [];
    for (const g of glyphs) {
      if (g.codepoint !== 0) {
        const ox = penX + g.xOffset * s;
        const oy = opts.y - g.yOffset * s;
        for (const cmd of this.#outline(g.codepoint)) {
          const v = cmd.values;
          const pts: string[] = [];
          // Font units are y-up; SVG is y-down.
          for (let i = 0; i + 1 < v.length; i += 2) {
            pts.push(`${r(ox + v[i]! * s)} ${r(oy - v[i + 1]! * s)}`);
          }
          out.push(cmd.type + pts.join(' '));
        }
      }
      penX += g.xAdvance * s;
    }
    return out.join('');
  }

  #shape(text: string) {
    const buf = new hb.Buffer();
    buf.addText(text);
    buf.guessSegmentProperties();
    hb.shape(this.#font, buf);
    return buf.getGlyphInfosAndPositions().map((g) => ({
      codepoint: g.codepoint,
      xAdvance: g.xAdvance ?? 0,
      xOffset: g.xOffset ?? 0,
      yOffset: g.yOffset ?? 0,
    }));
  }

  #outline(glyph: number): PathCommand[] {
    let cmds = this.#outlines.get(glyph);
    if (!cmds) {
      cmds = this.#font.glyphToJson(glyph);
      this.#outlines.set(glyph, cmds);
    }
    return cmds;
  }
}

const r = (n: number) => Math.round(n * 10) / 10;

/**
 * Splits a label into at most two centred lines that fit `maxWidth`, or null if it
 * cannot. A label that fits stays on one line. Otherwise it breaks after "/" or at a
 * space when that fits, else between words (Intl.Segmenter knows Thai words), taking
 * the split whose wider line is narrowest. With `topLighter`, only splits whose first
 * line is no wider than the second count, so that "ประเมิน / ความพึงพอใจ" is chosen
 * over "ประเมินความ / พึงพอใจ"; the caller can shrink the text before giving that up.
 */
export function wrapLabel(
  text: string,
  maxWidth: number,
  width: (line: string) => number,
  opts: { topLighter?: boolean } = {},
): string[] | null {
  if (width(text) <= maxWidth) return [text];
  const strong: number[] = [];
  for (let i = 1; i < text.length; i++) {
    if (text[i - 1] === '/' || text[i - 1] === ' ') strong.push(i);
  }
  const weak = [...new Intl.Segmenter('th', { granularity: 'word' }).segment(text)]
    .map((s) => s.index)
    .filter((i) => i > 0);
  for (const breaks of [strong, weak]) {
    let best: { lines: string[]; widest: number } | null = null;
    for (const i of breaks) {
      const a = text.slice(0, i).trimEnd();
      const b = text.slice(i).trimStart();
      if (!a || !b) continue;
      const wa = width(a);
      const wb = width(b);
      if (wa > maxWidth || wb > maxWidth || (opts.topLighter && wa > wb)) continue;
      const widest = Math.max(wa, wb);
      if (!best || widest < best.widest) best = { lines: [a, b], widest };
    }
    if (best) return best.lines;
  }
  return null;
}
