import { surveyDefinitionSchema, type SurveyDefinition } from '../survey/definition';
import { checkDefinition } from '../survey/walk';
import { thAdmin } from '../text/th-admin';

const S = thAdmin.surveys.issues;

/** A zod issue code or a checkDefinition message, in Thai. */
function thai(code: string, message: string): string {
  if (code === 'check') {
    const m = /^unknown scale (.+)$/.exec(message);
    if (m) return S.unknownScale(m[1]!);
    const f = /^showIf refers to (.+), not an earlier question$/.exec(message);
    if (f) return S.showIfEarlier(f[1]!);
    const v = /^showIf value (.+) not offered$/.exec(message);
    if (v) return S.showIfValue(v[1]!);
    return (S.check as Record<string, string>)[message] ?? message;
  }
  return (S.zod as Record<string, string>)[code] ?? S.zod.other;
}

/**
 * A survey definition as the admin console sends it, checked by the shared schema and then by
 * checkDefinition (the same checks as `survey publish`), every problem in Thai with its path.
 */
export function checkSurveyJson(
  json: unknown,
):
  | { ok: true; definition: SurveyDefinition }
  | { ok: false; issues: { path: string; message: string }[] } {
  const parsed = surveyDefinitionSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: i.path.join('.') || 'definition',
        message: thai(i.code, i.message),
      })),
    };
  const problems = checkDefinition(parsed.data);
  if (problems.length)
    return {
      ok: false,
      issues: problems.map((p) => ({ path: p.path, message: thai('check', p.message) })),
    };
  return { ok: true, definition: parsed.data };
}
