import { z } from 'zod';

/**
 * How a category takes reports in the chat (service_categories.intake): the words and
 * example phrases that point at it, whether it is urgent (first advice and emergency
 * numbers at once, filed and alerted as urgent) and the radius within which an open case
 * of it counts as the same problem. Organisations edit it with their categories.
 */
export const categoryIntakeSchema = z.object({
  keywords: z.array(z.string()).default([]),
  examples: z.array(z.string()).default([]),
  urgent: z.boolean().default(false),
  advice: z.string().default(''),
  /** Emergency numbers offered as buttons, e.g. ["1669", "199"]. */
  phones: z.array(z.string()).default([]),
  duplicateRadiusM: z.number().int().min(0).max(5000).default(50),
});
export type CategoryIntake = z.infer<typeof categoryIntakeSchema>;

/** The intake of a stored row; anything unreadable falls back to the defaults. */
export function parseIntake(raw: unknown): CategoryIntake {
  const parsed = categoryIntakeSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : categoryIntakeSchema.parse({});
}

/** Metres between two points (haversine; plenty for "within 50 m"). */
export function metresBetween(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const R = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}
