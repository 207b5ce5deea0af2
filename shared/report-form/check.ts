/**
 * The LIFF report form's fields, checked the same way by the page (before sending) and by the
 * server (the real check). Pure: no I/O, no zod (the page stays small, decision 030).
 */
export const REPORT_FORM_LIMITS = {
  /** Photos per report. */
  maxPhotos: 3,
  /** Bytes per photo after the page has compressed it. */
  maxPhotoBytes: 1024 * 1024,
  maxDescription: 2000,
  maxPlace: 200,
} as const;

export interface ReportFormFields {
  category: string;
  description: string;
  /** Decimal degrees as typed or sent; empty when no pin. */
  latitude: string;
  longitude: string;
  /** A typed place, the fallback when there is no pin (no location permission, no map). */
  place: string;
}

export type ReportFormError =
  'category' | 'description' | 'descriptionTooLong' | 'place' | 'placeTooLong' | 'badLocation';

export type CheckedReport = {
  category: string;
  description: string;
  latitude: number | null;
  longitude: number | null;
  place: string | null;
};

/**
 * Checks the fields against the organisation's category codes. A report needs a category, a
 * description and a place: a pin, a typed place, or both. Returns the first error per field.
 */
export function checkReportForm(
  f: ReportFormFields,
  categoryCodes: readonly string[],
):
  | { ok: true; value: CheckedReport }
  | { ok: false; errors: Partial<Record<string, ReportFormError>> } {
  const errors: Partial<Record<string, ReportFormError>> = {};
  const category = f.category.trim();
  if (!category || !categoryCodes.includes(category)) errors.category = 'category';
  const description = f.description.trim();
  if (!description) errors.description = 'description';
  else if ([...description].length > REPORT_FORM_LIMITS.maxDescription)
    errors.description = 'descriptionTooLong';
  const place = f.place.trim().replace(/\s+/g, ' ');
  if ([...place].length > REPORT_FORM_LIMITS.maxPlace) errors.place = 'placeTooLong';
  let latitude: number | null = null;
  let longitude: number | null = null;
  if (f.latitude.trim() || f.longitude.trim()) {
    const lat = Number(f.latitude);
    const lng = Number(f.longitude);
    if (
      !f.latitude.trim() ||
      !f.longitude.trim() ||
      !Number.isFinite(lat) ||
      !Number.isFinite(lng) ||
      Math.abs(lat) > 90 ||
      Math.abs(lng) > 180
    )
      errors.location = 'badLocation';
    else {
      latitude = Math.round(lat * 1e6) / 1e6;
      longitude = Math.round(lng * 1e6) / 1e6;
    }
  }
  if (!errors.location && !errors.place && latitude === null && !place) errors.place = 'place';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { category, description, latitude, longitude, place: place || null } };
}

/** JPEG or PNG by the first bytes (a browser's declared type is not trusted); '' otherwise. */
export function sniffImage(b: Uint8Array): '' | 'image/jpeg' | 'image/png' {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  return '';
}
