/**
 * Proof-of-fix photos (decision 040), pure: what an image is by its first bytes, its EXIF
 * capture time, and the same image without metadata (EXIF, XMP, comments, text chunks),
 * so nothing a camera recorded (GPS, device serials) is ever shown.
 */

export type ImageType = 'image/jpeg' | 'image/png';

/** JPEG or PNG by their first bytes (a declared type is not trusted); null otherwise. */
export function sniffImage(b: Uint8Array): ImageType | null {
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47)
    return 'image/png';
  return null;
}

interface Segment {
  marker: number;
  /** Offset of the 0xFF marker byte and the end (exclusive) of the segment. */
  start: number;
  end: number;
  /** Payload (after the two length bytes). */
  data: Uint8Array;
}

/** The JPEG's header segments up to the start of scan (SOS); null when the structure is broken. */
function jpegSegments(b: Uint8Array): { segments: Segment[]; sos: number } | null {
  if (sniffImage(b) !== 'image/jpeg') return null;
  const segments: Segment[] = [];
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xda) return { segments, sos: i };
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2 || i + 2 + len > b.length) return null;
    segments.push({ marker, start: i, end: i + 2 + len, data: b.subarray(i + 4, i + 2 + len) });
    i += 2 + len;
  }
  return null;
}

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"

/**
 * The time the photo was taken, from EXIF DateTimeOriginal (else DateTime), with
 * OffsetTimeOriginal when present; a camera without an offset is taken to be in Thai
 * time (+07:00). Null when there is no EXIF time or it cannot be read.
 */
export function exifTakenAt(b: Uint8Array): Date | null {
  const parsed = jpegSegments(b);
  if (!parsed) return null;
  const app1 = parsed.segments.find(
    (s) => s.marker === 0xe1 && EXIF_HEADER.every((x, k) => s.data[k] === x),
  );
  if (!app1) return null;
  const t = app1.data.subarray(6);
  if (t.length < 8) return null;
  const le = t[0] === 0x49 && t[1] === 0x49;
  if (!le && !(t[0] === 0x4d && t[1] === 0x4d)) return null;
  const view = new DataView(t.buffer, t.byteOffset, t.byteLength);
  const u16 = (o: number) => view.getUint16(o, le);
  const u32 = (o: number) => view.getUint32(o, le);
  const ascii = (count: number, valueOffset: number) => {
    const off = count > 4 ? u32(valueOffset) : valueOffset;
    if (off + count > t.length) return null;
    let s = '';
    for (let k = 0; k < count && t[off + k] !== 0; k++) s += String.fromCharCode(t[off + k]!);
    return s;
  };
  const readIfd = (off: number): Map<number, string | number> | null => {
    if (off + 2 > t.length) return null;
    const n = u16(off);
    const out = new Map<number, string | number>();
    for (let k = 0; k < n; k++) {
      const e = off + 2 + k * 12;
      if (e + 12 > t.length) return null;
      const tag = u16(e);
      const type = u16(e + 2);
      const count = u32(e + 4);
      if (type === 2) {
        const s = ascii(count, e + 8);
        if (s !== null) out.set(tag, s);
      } else if (type === 4) out.set(tag, u32(e + 8));
    }
    return out;
  };
  try {
    const ifd0 = readIfd(u32(4));
    if (!ifd0) return null;
    const exifOff = ifd0.get(0x8769);
    const exif = typeof exifOff === 'number' ? readIfd(exifOff) : null;
    const when = (exif?.get(0x9003) ?? ifd0.get(0x0132)) as string | undefined;
    const offset = exif?.get(0x9011) as string | undefined;
    return parseExifDate(when, offset);
  } catch {
    return null;
  }
}

/** "2026:11:30 14:05:09" (+ "+07:00") → the instant; null when malformed or all zeros. */
export function parseExifDate(s: string | undefined, offset?: string): Date | null {
  const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(s?.trim() ?? '');
  if (!m || m[1] === '0000') return null;
  const tz = offset && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : '+07:00';
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${tz}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The image without metadata: for JPEG every APPn segment except APP0 (JFIF) and APP14
 * (Adobe colour transform), and COM; for PNG the eXIf, tEXt, zTXt, iTXt and tIME chunks.
 * Pixels are untouched. Null when the file's structure cannot be read.
 */
export function stripMetadata(b: Uint8Array): Uint8Array | null {
  const type = sniffImage(b);
  if (type === 'image/jpeg') {
    const parsed = jpegSegments(b);
    if (!parsed) return null;
    const drop = (m: number) => (m >= 0xe1 && m <= 0xef && m !== 0xee) || m === 0xfe;
    const parts: Uint8Array[] = [b.subarray(0, 2)];
    for (const s of parsed.segments) if (!drop(s.marker)) parts.push(b.subarray(s.start, s.end));
    parts.push(b.subarray(parsed.sos));
    return concat(parts);
  }
  if (type === 'image/png') {
    const DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);
    const parts: Uint8Array[] = [b.subarray(0, 8)];
    let i = 8;
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    while (i + 12 <= b.length) {
      const len = view.getUint32(i);
      const end = i + 12 + len;
      if (end > b.length) return null;
      const name = String.fromCharCode(...b.subarray(i + 4, i + 8));
      if (!DROP.has(name)) parts.push(b.subarray(i, end));
      i = end;
      if (name === 'IEND') return concat(parts);
    }
    return null;
  }
  return null;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
