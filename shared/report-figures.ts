/**
 * reports.figures: what a published report froze, tagged with its kind and layout version,
 * so a reader can tell a layout it knows from an older or newer one.
 */
export interface FrozenFigures {
  kind: string;
  /** The figures' layout; absent in reports frozen before it was recorded (read as 1). */
  figuresVersion?: number;
  publishedAt?: string | null;
  /** The report version for its round (decision 025). */
  version?: number;
  round?: { label?: string; title?: string };
}

/** The title a published report is listed under. */
export function frozenTitle(figures: FrozenFigures | null, fallback: string): string {
  return figures?.round?.title ?? fallback;
}
