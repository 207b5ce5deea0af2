/**
 * Walking a survey definition: its questions in order, the options each offers, and the checks
 * the schema cannot make. Kept apart from definition.ts (the zod schemas) so the LIFF page can
 * use these without shipping zod.
 */
import type { SurveyDefinition, SurveyOption, SurveyQuestion } from './definition';

/** Every question in order. */
export function allQuestions(def: SurveyDefinition): SurveyQuestion[] {
  return def.sections.flatMap((s) => s.questions);
}

/** The options a question offers (its scale's or its own); `service` questions take them from `services`. */
export function optionsOf(
  def: SurveyDefinition,
  q: SurveyQuestion,
  services: { code: string; name: string }[] = [],
): SurveyOption[] {
  if (q.kind === 'service') return services.map((s) => ({ value: s.code, label: s.name }));
  if (q.scale) return def.scales[q.scale]?.options ?? [];
  return q.options ?? [];
}

export type DefinitionIssue = { path: string; message: string };

/**
 * Checks what the schema cannot: unique codes, known scales, follow-ups that point at an
 * earlier question and at values it offers. Returns no issues for a usable definition.
 */
export function checkDefinition(def: SurveyDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const seen = new Map<string, SurveyQuestion>();
  for (const q of allQuestions(def)) {
    const at = `questions.${q.code}`;
    if (seen.has(q.code)) issues.push({ path: at, message: 'duplicate code' });
    if (q.kind === 'single' && !q.scale && !q.options?.length)
      issues.push({ path: at, message: 'single needs a scale or options' });
    if (q.scale && !def.scales[q.scale])
      issues.push({ path: at, message: `unknown scale ${q.scale}` });
    if (q.kind === 'multi' && !q.options?.length)
      issues.push({ path: at, message: 'multi needs options' });
    if (q.showIf) {
      const parent = seen.get(q.showIf.question);
      if (!parent) {
        issues.push({
          path: at,
          message: `showIf refers to ${q.showIf.question}, not an earlier question`,
        });
      } else if (parent.kind !== 'service') {
        const values = new Set(optionsOf(def, parent).map((o) => o.value));
        for (const v of q.showIf.in)
          if (!values.has(v)) issues.push({ path: at, message: `showIf value ${v} not offered` });
      }
    }
    seen.set(q.code, q);
  }
  return issues;
}
