import { describe, expect, it } from 'vitest';
import { makeJpeg } from '../../tests/helpers/jpeg';
import { checkProofPhoto, finishProofDecision, MAX_PROOF_BYTES, WAIVER_CODES } from './check';
import { decodeJpeg } from './decode';
import { exifTakenAt, parseExifDate, sniffImage, stripMetadata } from './image';
import { dHash, hammingDistance, samePhoto } from './phash';

const has = (b: Uint8Array, s: string) => new TextDecoder('latin1').decode(b).includes(s);

describe('EXIF', () => {
  it('reads DateTimeOriginal as Thai time and strips every metadata segment', () => {
    const j = makeJpeg(1, { exif: '2026:11:30 14:05:09' });
    expect(sniffImage(j)).toBe('image/jpeg');
    expect(exifTakenAt(j)?.toISOString()).toBe('2026-11-30T07:05:09.000Z');
    expect(has(j, 'SECRET-CAMERA-SERIAL')).toBe(true);
    const s = stripMetadata(j)!;
    expect(has(s, 'SECRET-CAMERA-SERIAL')).toBe(false);
    expect(has(s, 'Exif')).toBe(false);
    expect(exifTakenAt(s)).toBeNull();
    // The pixels survive: it still decodes to the same size.
    expect(decodeJpeg(s)).toMatchObject({ width: 160, height: 120 });
  });

  it('has no time without EXIF, and refuses malformed dates', () => {
    expect(exifTakenAt(makeJpeg(1))).toBeNull();
    expect(parseExifDate('0000:00:00 00:00:00')).toBeNull();
    expect(parseExifDate('garbage')).toBeNull();
    expect(parseExifDate('2026:01:02 03:04:05', '+00:00')?.toISOString()).toBe(
      '2026-01-02T03:04:05.000Z',
    );
  });

  it('does not read a truncated JPEG or a non-image', () => {
    const j = makeJpeg(2, { exif: '2026:11:30 14:05:09' });
    expect(stripMetadata(j.subarray(0, 30))).toBeNull();
    expect(sniffImage(new TextEncoder().encode('%PDF-1.7 hello'))).toBeNull();
  });
});

describe('perceptual hash', () => {
  it('matches a recompressed, brightened copy and tells different scenes apart', () => {
    const a = dHash(decodeJpeg(makeJpeg(3, { quality: 90 }))!);
    const copy = dHash(decodeJpeg(makeJpeg(3, { quality: 40, shift: 6 }))!);
    const bigger = dHash(decodeJpeg(makeJpeg(3, { width: 320, height: 240 }))!);
    const other = dHash(decodeJpeg(makeJpeg(4))!);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(samePhoto(a, copy)).toBe(true);
    expect(samePhoto(a, bigger)).toBe(true);
    expect(hammingDistance(a, other)).toBeGreaterThan(12);
    expect(samePhoto(a, other)).toBe(false);
  });
});

describe('proof of fix rules', () => {
  const filed = new Date('2026-11-30T00:00:00Z');
  it('accepts a photo taken after filing, refuses one taken before, a non-image and 10 MB+', () => {
    const ok = checkProofPhoto(makeJpeg(5, { exif: '2026:11:30 14:00:00' }), filed);
    expect(ok.ok).toBe(true);
    const before = checkProofPhoto(makeJpeg(5, { exif: '2026:11:29 10:00:00' }), filed);
    expect(before).toMatchObject({ ok: false, error: { code: 'taken_before_filing' } });
    expect(checkProofPhoto(new TextEncoder().encode('not an image'), filed)).toEqual({
      ok: false,
      error: { code: 'not_image' },
    });
    const big = new Uint8Array(MAX_PROOF_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect(checkProofPhoto(big, filed)).toEqual({ ok: false, error: { code: 'too_large' } });
  });

  it('a report needs a photo or a reason from the list; other kinds do not', () => {
    const report = { kind: 'service_request' as const };
    expect(finishProofDecision(report, 0, undefined)).toEqual({
      ok: false,
      error: 'photo_required',
    });
    expect(finishProofDecision(report, 1, undefined)).toEqual({ ok: true, waiver: null });
    expect(finishProofDecision(report, 0, 'no_access')).toEqual({ ok: true, waiver: 'no_access' });
    expect(finishProofDecision(report, 0, 'because')).toEqual({ ok: false, error: 'bad_waiver' });
    expect(finishProofDecision({ kind: 'question' }, 0, undefined)).toEqual({
      ok: true,
      waiver: null,
    });
    expect(WAIVER_CODES).toContain('not_physical');
  });
});
