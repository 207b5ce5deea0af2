/**
 * Decoded pixels for the perceptual hash: JPEG through jpeg-js (pure JavaScript, so the same
 * on Node and Workers), capped in size and memory. PNG is not decoded here: its fingerprint is
 * an exact digest of the stripped bytes (the caller's), so only identical PNGs match.
 */
import jpeg from 'jpeg-js';
import type { Pixels } from './phash';

export function decodeJpeg(bytes: Uint8Array): Pixels | null {
  try {
    const img = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: 50,
      maxMemoryUsageInMB: 512,
    });
    return { width: img.width, height: img.height, data: img.data };
  } catch {
    return null;
  }
}
