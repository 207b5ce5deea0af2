/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): the pure mapping from a
 * case row to a published service request, and the parsing of the read API's filters.
 * No I/O. What is never published (decision 042): resident ids, names, LINE ids, photo
 * keys, internal notes, corruption complaints and anonymous or confidential cases; only
 * the kinds in OPEN311_KINDS (reports of a problem at a place) appear at all.
 */
import type { CaseKind, StateType } from '../cases';
import { redactPii } from '../redact';

/** The only kinds published: a service request is about a place, not a person. */
export const OPEN311_KINDS = ['service_request'] as const satisfies readonly CaseKind[];

/** GeoReport's defaults: the last 90 days when no dates are given, at most 1000 requests. */
export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;

export type Open311Status = 'open' | 'closed';

/** finished and rejected close a case; every other state (forwarded too) is still open. */
export function statusOf(state: StateType): Open311Status {
  return state === 'finished' || state === 'rejected' ? 'closed' : 'open';
}

/** A service category as GeoReport's services.json lists it. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface CategoryRow {
  code: string;
  name: string;
  keywords: string[];
  divisionName: string | null;
}

export function toService(c: CategoryRow): Open311Service {
  return {
    service_code: c.code,
    service_name: c.name,
    description: c.name,
    metadata: false,
    type: 'realtime',
    keywords: c.keywords.join(','),
    group: c.divisionName ?? '',
  };
}

/** A service request as GeoReport's requests.json lists it. Optional keys are left out when empty. */
export interface Open311Request {
  service_request_id: string;
  status: Open311Status;
  status_notes?: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible?: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime?: string;
  address?: string;
  lat?: number;
  long?: number;
}

/** Only what may be published: the query (db/open311.ts) selects nothing else. */
export interface PublicCaseRow {
  trackingCode: string;
  stateType: StateType;
  category: string;
  categoryName: string | null;
  subject: string;
  description: string;
  latitude: number | null;
  longitude: number | null;
  address: string | null;
  divisionName: string | null;
  createdAt: Date;
  updatedAt: Date;
  dueAt: Date | null;
  /** The newest note staff sent the resident (never an internal one). */
  lastPublicNote: string | null;
}

const clean = (s: string | null | undefined): string => redactPii((s ?? '').trim());

export function toRequest(r: PublicCaseRow): Open311Request {
  const out: Open311Request = {
    service_request_id: r.trackingCode,
    status: statusOf(r.stateType),
    service_name: r.categoryName ?? r.category,
    service_code: r.category,
    description: clean(r.description) || clean(r.subject),
    requested_datetime: w3cDateTime(r.createdAt),
    updated_datetime: w3cDateTime(r.updatedAt),
  };
  const note = clean(r.lastPublicNote);
  if (note) out.status_notes = note;
  if (r.divisionName) out.agency_responsible = r.divisionName;
  if (r.dueAt) out.expected_datetime = w3cDateTime(r.dueAt);
  const address = clean(r.address);
  if (address) out.address = address;
  if (r.latitude !== null && r.longitude !== null) {
    out.lat = r.latitude;
    out.long = r.longitude;
  }
  return out;
}

const BANGKOK_MS = 7 * 3600_000;

/** W3C date-time in Thai time, e.g. 2026-12-02T09:05:00+07:00 (GeoReport's format). */
export function w3cDateTime(d: Date): string {
  return new Date(d.getTime() + BANGKOK_MS).toISOString().slice(0, 19) + '+07:00';
}

/** A GeoReport error body: `[{ code, description }]`. */
export function georeportError(code: number, description: string) {
  return [{ code, description }];
}

export interface RequestFilter {
  /** Tracking codes: when given, every other filter is ignored (as GeoReport specifies). */
  ids: string[] | null;
  serviceCodes: string[] | null;
  statuses: Open311Status[] | null;
  from: Date;
  to: Date;
  limit: number;
}

const W3C = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const CODE = /^[A-Za-z0-9_-]{1,64}$/;

function list(v: string | undefined): string[] | null {
  if (v === undefined) return null;
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : null;
}

/** A date filter: W3C date or date-time; a date alone or without offset is read in Thai time. */
export function parseW3c(v: string): Date | null {
  if (!W3C.test(v)) return null;
  let s = v.length === 10 ? `${v}T00:00:00` : v;
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(s)) s += '+07:00';
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The filters of requests.json, or the reason they are refused. Without dates the window is
 * the last 90 days; one date alone extends 90 days from (or to) it.
 */
export function parseRequestFilter(
  q: Record<string, string | undefined>,
  now: Date,
): { ok: true; filter: RequestFilter } | { ok: false; reason: string } {
  const ids = list(q.service_request_id);
  if (ids && ids.some((id) => !CODE.test(id))) {
    return { ok: false, reason: 'service_request_id must be a comma-separated list of codes' };
  }
  const serviceCodes = list(q.service_code);
  if (serviceCodes && serviceCodes.some((s) => !CODE.test(s))) {
    return { ok: false, reason: 'service_code must be a comma-separated list of codes' };
  }
  const statusList = list(q.status);
  if (statusList && statusList.some((s) => s !== 'open' && s !== 'closed')) {
    return { ok: false, reason: 'status must be open, closed or both (comma-separated)' };
  }
  const start = q.start_date ? parseW3c(q.start_date) : undefined;
  const end = q.end_date ? parseW3c(q.end_date) : undefined;
  if (start === null) return { ok: false, reason: 'start_date must be a W3C date-time' };
  if (end === null) return { ok: false, reason: 'end_date must be a W3C date-time' };
  const window = DEFAULT_WINDOW_DAYS * 86_400_000;
  const to = end ?? (start ? new Date(start.getTime() + window) : now);
  const from = start ?? new Date(to.getTime() - window);
  if (from.getTime() > to.getTime()) {
    return { ok: false, reason: 'start_date must not be after end_date' };
  }
  return {
    ok: true,
    filter: {
      ids: ids ? [...new Set(ids.map((s) => s.toUpperCase()))].slice(0, MAX_REQUESTS) : null,
      serviceCodes,
      statuses: statusList ? [...new Set(statusList as Open311Status[])] : null,
      from,
      to,
      limit: MAX_REQUESTS,
    },
  };
}
