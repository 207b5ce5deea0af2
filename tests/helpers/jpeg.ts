/** Test JPEGs: a drawn scene encoded by jpeg-js, optionally with an EXIF block (time, GPS-like text). */
import jpeg from 'jpeg-js';

/**
 * A scene: `seed` picks a random grid of 12×9 colours, smoothly interpolated (the same scene
 * at any size); `shift` nudges brightness (a re-saved, edited copy).
 */
export function scenePixels(seed: number, width = 160, height = 120, shift = 0) {
  let state = (seed * 2654435761) >>> 0 || 1;
  const rand = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const GX = 12;
  const GY = 9;
  const grid = Array.from({ length: GX * GY }, () => [rand() * 255, rand() * 255, rand() * 255]);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const gx = (x / width) * (GX - 1);
      const gy = (y / height) * (GY - 1);
      const x0 = Math.floor(gx);
      const y0 = Math.floor(gy);
      const fx = gx - x0;
      const fy = gy - y0;
      const at = (cx: number, cy: number) =>
        grid[Math.min(GY - 1, cy) * GX + Math.min(GX - 1, cx)]!;
      const i = (y * width + x) * 4;
      for (let ch = 0; ch < 3; ch++) {
        const v =
          at(x0, y0)[ch]! * (1 - fx) * (1 - fy) +
          at(x0 + 1, y0)[ch]! * fx * (1 - fy) +
          at(x0, y0 + 1)[ch]! * (1 - fx) * fy +
          at(x0 + 1, y0 + 1)[ch]! * fx * fy;
        data[i + ch] = Math.max(0, Math.min(255, Math.round(v + shift)));
      }
      data[i + 3] = 255;
    }
  return { width, height, data };
}

/** An APP1 Exif segment (big-endian TIFF) with DateTimeOriginal and a Make string. */
export function exifSegment(dateTime: string, make = 'SECRET-CAMERA-SERIAL'): Uint8Array {
  const str = (s: string) => [...s].map((c) => c.charCodeAt(0)).concat(0);
  const makeB = str(make);
  const dtB = str(dateTime); // 20 bytes
  // TIFF header (8) | IFD0 at 8: 2 entries (Make, ExifIFD) + next(4) = 2+24+4 = 30 → ends 38
  // Exif IFD at 38: 1 entry (DateTimeOriginal) = 2+12+4 = 18 → ends 56; data at 56: make, dt
  const makeOff = 56;
  const dtOff = makeOff + makeB.length;
  const t: number[] = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8];
  const u16 = (v: number) => [(v >> 8) & 255, v & 255];
  const u32 = (v: number) => [(v >>> 24) & 255, (v >> 16) & 255, (v >> 8) & 255, v & 255];
  t.push(...u16(2));
  t.push(...u16(0x010f), ...u16(2), ...u32(makeB.length), ...u32(makeOff));
  t.push(...u16(0x8769), ...u16(4), ...u32(1), ...u32(38));
  t.push(...u32(0));
  t.push(...u16(1));
  t.push(...u16(0x9003), ...u16(2), ...u32(dtB.length), ...u32(dtOff));
  t.push(...u32(0));
  t.push(...makeB, ...dtB);
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...t];
  const len = payload.length + 2;
  return new Uint8Array([0xff, 0xe1, (len >> 8) & 255, len & 255, ...payload]);
}

/** A JPEG of a scene; with `exif`, an EXIF block with that "YYYY:MM:DD HH:MM:SS" time. */
export function makeJpeg(
  seed: number,
  opts: { exif?: string; quality?: number; shift?: number; width?: number; height?: number } = {},
): Uint8Array {
  const px = scenePixels(seed, opts.width, opts.height, opts.shift);
  const enc = new Uint8Array(jpeg.encode(px, opts.quality ?? 80).data);
  if (!opts.exif) return enc;
  const app1 = exifSegment(opts.exif);
  const out = new Uint8Array(enc.length + app1.length);
  out.set(enc.subarray(0, 2));
  out.set(app1, 2);
  out.set(enc.subarray(2), 2 + app1.length);
  return out;
}
