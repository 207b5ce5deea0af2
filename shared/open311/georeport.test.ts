import { describe, expect, it } from 'vitest';
import {
  parseRequestFilter,
  parseW3c,
  statusOf,
  toRequest,
  toService,
  w3cDateTime,
  type PublicCaseRow,
} from './georeport';

const NOW = new Date('2026-12-02T09:00:00Z');

const row = (over: Partial<PublicCaseRow> = {}): PublicCaseRow => ({
  trackingCode: 'FS-6912-K7Q2',
  stateType: 'in_progress',
  category: 'street_light',
  categoryName: 'ไฟฟ้าส่องสว่างชำรุด',
  subject: 'ไฟดับ',
  description: 'ไฟดับ 3 ต้น โทร 081-234-5678 นายสมชาย ใจดี',
  latitude: 16.4419,
  longitude: 102.836,
  address: 'ถนนมิตรภาพ',
  divisionName: 'กองช่าง',
  createdAt: new Date('2026-12-01T01:02:03Z'),
  updatedAt: new Date('2026-12-01T05:00:00Z'),
  dueAt: new Date('2026-12-10T10:00:00Z'),
  lastPublicNote: null,
  ...over,
});

describe('Open311 mapping', () => {
  it('maps state types to open and closed', () => {
    expect(statusOf('waiting')).toBe('open');
    expect(statusOf('in_progress')).toBe('open');
    expect(statusOf('forwarded')).toBe('open');
    expect(statusOf('follow_up')).toBe('open');
    expect(statusOf('finished')).toBe('closed');
    expect(statusOf('rejected')).toBe('closed');
  });

  it('writes W3C date-times in Thai time', () => {
    expect(w3cDateTime(new Date('2026-12-01T20:30:00Z'))).toBe('2026-12-02T03:30:00+07:00');
  });

  it('maps a case to a request with the description redacted', () => {
    const r = toRequest(row());
    expect(r).toEqual({
      service_request_id: 'FS-6912-K7Q2',
      status: 'open',
      service_name: 'ไฟฟ้าส่องสว่างชำรุด',
      service_code: 'street_light',
      description: expect.any(String),
      agency_responsible: 'กองช่าง',
      requested_datetime: '2026-12-01T08:02:03+07:00',
      updated_datetime: '2026-12-01T12:00:00+07:00',
      expected_datetime: '2026-12-10T17:00:00+07:00',
      address: 'ถนนมิตรภาพ',
      lat: 16.4419,
      long: 102.836,
    });
    expect(r.description).toContain('ไฟดับ 3 ต้น');
    expect(r.description).not.toContain('081-234-5678');
    expect(r.description).not.toContain('สมชาย');
  });

  it('leaves out what is absent and falls back to the subject', () => {
    const r = toRequest(
      row({
        description: '',
        latitude: null,
        longitude: null,
        address: null,
        dueAt: null,
        divisionName: null,
        categoryName: null,
        stateType: 'finished',
        lastPublicNote: 'ซ่อมแล้ว ติดต่อ 02-123-4567',
      }),
    );
    expect(r.description).toBe('ไฟดับ');
    expect(r.service_name).toBe('street_light');
    expect(r.status).toBe('closed');
    expect(r.status_notes).toContain('ซ่อมแล้ว');
    expect(r.status_notes).not.toContain('02-123-4567');
    for (const k of ['lat', 'long', 'address', 'expected_datetime', 'agency_responsible']) {
      expect(r).not.toHaveProperty(k);
    }
  });

  it('maps a category to a service', () => {
    expect(
      toService({ code: 'road', name: 'ถนนชำรุด', keywords: ['ถนน', 'หลุม'], divisionName: null }),
    ).toEqual({
      service_code: 'road',
      service_name: 'ถนนชำรุด',
      description: 'ถนนชำรุด',
      metadata: false,
      type: 'realtime',
      keywords: 'ถนน,หลุม',
      group: '',
    });
  });
});

describe('Open311 request filters', () => {
  const parse = (q: Record<string, string | undefined>) => parseRequestFilter(q, NOW);

  it('defaults to the last 90 days', () => {
    const p = parse({});
    if (!p.ok) throw new Error(p.reason);
    expect(p.filter.to).toEqual(NOW);
    expect(NOW.getTime() - p.filter.from.getTime()).toBe(90 * 86_400_000);
    expect(p.filter.limit).toBe(1000);
    expect(p.filter.ids).toBeNull();
  });

  it('reads lists, statuses and dates', () => {
    const p = parse({
      service_request_id: 'fs-6912-k7q2, FS-6912-AAAA',
      service_code: 'road,water',
      status: 'closed',
      start_date: '2026-11-01',
      end_date: '2026-11-30T23:59:59Z',
    });
    if (!p.ok) throw new Error(p.reason);
    expect(p.filter.ids).toEqual(['FS-6912-K7Q2', 'FS-6912-AAAA']);
    expect(p.filter.serviceCodes).toEqual(['road', 'water']);
    expect(p.filter.statuses).toEqual(['closed']);
    expect(p.filter.from.toISOString()).toBe('2026-10-31T17:00:00.000Z');
    expect(p.filter.to.toISOString()).toBe('2026-11-30T23:59:59.000Z');
  });

  it('refuses bad filters with a reason', () => {
    for (const q of [
      { status: 'pending' },
      { start_date: 'yesterday' },
      { end_date: '2026-13-45' },
      { start_date: '2026-11-02', end_date: '2026-11-01' },
      { service_code: "road' or 1=1" },
      { service_request_id: 'FS 1' },
    ]) {
      const p = parse(q);
      expect(p.ok, JSON.stringify(q)).toBe(false);
      if (!p.ok) expect(p.reason.length).toBeGreaterThan(10);
    }
    expect(parseW3c('2026-11-01T10:00:00+07:00')?.toISOString()).toBe('2026-11-01T03:00:00.000Z');
  });
});
