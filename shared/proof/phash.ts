/**
 * A perceptual hash of decoded pixels (decision 040): the difference hash (dHash) of a
 * 9×8 grey thumbnail, 64 bits as 16 hex digits. Re-saving, resizing or recompressing a
 * photo changes few bits; a different scene changes about half. Two photos whose hashes
 * differ in at most `SAME_PHOTO_BITS` bits are taken to be the same photo.
 */

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, row by row. */
  data: Uint8Array;
}

export const SAME_PHOTO_BITS = 6;

/** Mean grey of each cell of a cols×rows grid laid over the image (box filter). */
function greyGrid(p: Pixels, cols: number, rows: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    const y0 = Math.floor((r * p.height) / rows);
    const y1 = Math.max(y0 + 1, Math.floor(((r + 1) * p.height) / rows));
    for (let c = 0; c < cols; c++) {
      const x0 = Math.floor((c * p.width) / cols);
      const x1 = Math.max(x0 + 1, Math.floor(((c + 1) * p.width) / cols));
      // Sample at most ~32×32 points per cell: enough for a mean, fast on 12-megapixel photos.
      const sy = Math.max(1, Math.floor((y1 - y0) / 32));
      const sx = Math.max(1, Math.floor((x1 - x0) / 32));
      let sum = 0;
      let n = 0;
      for (let y = y0; y < y1; y += sy)
        for (let x = x0; x < x1; x += sx) {
          const i = (y * p.width + x) * 4;
          sum += 0.299 * p.data[i]! + 0.587 * p.data[i + 1]! + 0.114 * p.data[i + 2]!;
          n++;
        }
      out.push(sum / n);
    }
  }
  return out;
}

/** dHash: for each of 8 rows, whether each of 8 cells is brighter than its right neighbour. */
export function dHash(p: Pixels): string {
  if (p.width < 1 || p.height < 1 || p.data.length < p.width * p.height * 4)
    throw new Error('dHash: pixels do not match the size');
  const g = greyGrid(p, 9, 8);
  let hex = '';
  for (let r = 0; r < 8; r++) {
    let byte = 0;
    for (let c = 0; c < 8; c++) byte = (byte << 1) | (g[r * 9 + c]! > g[r * 9 + c + 1]! ? 1 : 0);
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

/** Differing bits between two 16-hex-digit hashes. */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== 16 || b.length !== 16) return 64;
  let d = 0;
  for (let i = 0; i < 16; i += 2) {
    let x = parseInt(a.slice(i, i + 2), 16) ^ parseInt(b.slice(i, i + 2), 16);
    while (x) {
      d += x & 1;
      x >>= 1;
    }
  }
  return d;
}

/** Same photo: equal fingerprints (exact ones for images not hashed by pixels) or close dHashes. */
export function samePhoto(a: string, b: string): boolean {
  return a === b || hammingDistance(a, b) <= SAME_PHOTO_BITS;
}
