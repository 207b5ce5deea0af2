/**
 * Walking a survey definition: its questions in order and the options each offers. Kept apart
 * from definition.ts (the zod schemas) so the LIFF page can use these without shipping zod.
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
