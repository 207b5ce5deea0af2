import { describe, expect, it } from 'vitest';
import { checkForward, MAX_FORWARDS, publicPart, validAddress } from './forward';

const open = { kind: 'service_request' as const, anonymity: 'none' as const, closed: false };

describe('checkForward', () => {
  it('refuses corruption, anonymous/confidential and closed cases', () => {
    expect(checkForward({ ...open, kind: 'corruption' }, [], 'a')).toBe('corruption');
    expect(checkForward({ ...open, anonymity: 'anonymous' }, [], 'a')).toBe('confidential');
    expect(checkForward({ ...open, anonymity: 'confidential' }, [], 'a')).toBe('confidential');
    expect(checkForward({ ...open, closed: true }, [], 'a')).toBe('closed');
    expect(checkForward(open, [], 'a')).toBeNull();
  });
  it('refuses a loop back to an agency and more than MAX_FORWARDS forwards', () => {
    expect(checkForward(open, ['a', 'b'], 'a')).toBe('loop');
    const many = Array.from({ length: MAX_FORWARDS }, (_, i) => `x${i}`);
    expect(checkForward(open, many, 'new')).toBe('too_many');
  });
});

describe('publicPart', () => {
  it('redacts names, phones and house numbers; carries no identity field', () => {
    const p = publicPart(
      {
        trackingCode: 'FS-6901-AAAA',
        category: 'street_light',
        subject: 'ไฟดับ',
        description: 'หน้าบ้านเลขที่ 12/3 ของนางสาวมาลี ดีใจ โทร 0812345678',
        latitude: 16.4,
        longitude: 102.8,
        address: 'ถนนมิตรภาพ',
        createdAt: new Date('2026-01-01T00:00:00Z'),
      },
      { orgSlug: 'demo', orgName: 'เทศบาลทดสอบ', categoryName: 'ไฟฟ้า', note: 'โทร 02-123-4567' },
    );
    const s = JSON.stringify(p);
    for (const x of ['มาลี', '0812345678', '12/3', '02-123-4567']) expect(s).not.toContain(x);
    expect(p.location).toEqual({ lat: 16.4, long: 102.8, address: 'ถนนมิตรภาพ' });
    expect(Object.keys(p).sort()).toEqual(
      [
        'category',
        'description',
        'filedAt',
        'from',
        'location',
        'note',
        'photos',
        'reference',
        'schema',
      ].sort(),
    );
  });
});

describe('validAddress', () => {
  it('webhooks need https (http only when allowed); e-mail needs an address', () => {
    expect(validAddress('webhook', 'https://a.example/hook')).toBe(true);
    expect(validAddress('webhook', 'http://127.0.0.1:1/hook')).toBe(false);
    expect(validAddress('webhook', 'http://127.0.0.1:1/hook', true)).toBe(true);
    expect(validAddress('email', 'a@b.co')).toBe(true);
    expect(validAddress('email', 'not mail')).toBe(false);
  });

  it('a webhook may not point into the server’s own network (unless local fakes are allowed)', () => {
    for (const internal of [
      'https://127.0.0.1/hook',
      'https://2130706433/hook', // 127.0.0.1 written as one number
      'https://0x7f.1/hook',
      'https://localhost:8443/hook',
      'https://api.localhost/hook',
      'https://10.1.2.3/hook',
      'https://172.20.0.5/hook',
      'https://192.168.1.10/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://100.100.1.1/hook',
      'https://0.0.0.0/hook',
      'https://[::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://[fd00::1]/hook',
      'https://[fe80::1]/hook',
      'https://intranet/hook',
      'https://db.internal/hook',
      'https://printer.local./hook',
    ]) {
      expect(validAddress('webhook', internal), internal).toBe(false);
      expect(validAddress('webhook', internal, true), internal).toBe(true);
    }
    for (const open of [
      'https://a.example/hook',
      'https://8.8.8.8/hook',
      'https://172.32.0.1/hook',
      'https://[2001:db8::1]/hook',
      'https://hooks.pwa.co.th/fangsiang',
    ])
      expect(validAddress('webhook', open), open).toBe(true);
  });
});
