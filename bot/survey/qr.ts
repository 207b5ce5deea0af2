/**
 * QR codes for service points: SVG, PNG (a tiny encoder over CompressionStream, so it runs on
 * Node and on Workers alike) and a printable A4 poster in Thai.
 */
import qrcode from 'qrcode-generator';

/** The dark modules of a QR code for `text` (error correction M: survives a worn poster). */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/** A scalable SVG with a 4-module quiet zone, drawn as one path. */
export function qrSvg(text: string, title = ''): string {
  const m = qrMatrix(text);
  const size = m.length + 8;
  let d = '';
  m.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) d += `M${c + 4} ${r + 4}h1v1h-1z`;
    }),
  );
  const label = title
    ? `<title>${title.replace(/[&<>]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[ch]!)}</title>`
    : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" role="img">` +
    `${label}<rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`
  );
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A black-and-white PNG (8-bit greyscale), `scale` pixels per module, with a quiet zone. */
export async function qrPng(text: string, scale = 10): Promise<Uint8Array> {
  const m = qrMatrix(text);
  const modules = m.length + 8;
  const px = modules * scale;
  const raw = new Uint8Array((px + 1) * px);
  for (let y = 0; y < px; y++) {
    const row = Math.floor(y / scale) - 4;
    raw[y * (px + 1)] = 0; // filter: none
    for (let x = 0; x < px; x++) {
      const col = Math.floor(x / scale) - 4;
      const dark = m[row]?.[col] ?? false;
      raw[y * (px + 1) + 1 + x] = dark ? 0 : 255;
    }
  }
  const zlib = new Uint8Array(
    await new Response(
      new Blob([raw]).stream().pipeThrough(new CompressionStream('deflate')),
    ).arrayBuffer(),
  );
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, px);
  hv.setUint32(4, px);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib),
    chunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
