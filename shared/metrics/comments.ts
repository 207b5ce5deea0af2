/** Groups free-text survey comments by theme (keyword match, first theme wins), redacted for publishing. */
import { redactForPublishing } from '../redact';
import { metrics } from '../text/th-metrics';

export type Theme = keyof typeof metrics.commentThemes;

export interface CommentGroup {
  theme: Theme;
  label: string;
  comments: string[];
}

export function groupComments(raw: readonly string[], perTheme = 20): CommentGroup[] {
  const themes = Object.entries(metrics.commentThemes) as [
    Theme,
    { label: string; words: readonly string[] },
  ][];
  const groups = new Map<Theme, string[]>();
  for (const c of raw) {
    const text = redactForPublishing(c.trim());
    if (!text) continue;
    const lower = text.toLowerCase();
    const hit = themes.find(([, t]) => t.words.some((w) => lower.includes(w.toLowerCase())));
    const theme = hit ? hit[0] : 'other';
    const list = groups.get(theme) ?? [];
    list.push(text);
    groups.set(theme, list);
  }
  return themes
    .filter(([k]) => groups.has(k))
    .map(([k, t]) => ({ theme: k, label: t.label, comments: groups.get(k)!.slice(0, perTheme) }));
}
