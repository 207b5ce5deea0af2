/** Conditional logic, answer validation and scoring of one response. Pure. */
import type { Answers, Indicator, SurveyDefinition, SurveyQuestion } from './definition';
import { allQuestions, optionsOf } from './walk';

/** Whether a question is shown, given the answers so far (follow-ups depend on an earlier answer). */
export function isVisible(q: SurveyQuestion, answers: Answers): boolean {
  if (!q.showIf) return true;
  const parent = answers[q.showIf.question];
  if (parent === undefined) return false;
  const values = Array.isArray(parent) ? parent : [parent];
  return values.some((v) => q.showIf!.in.includes(v));
}

/** The questions shown for these answers, in order (a follow-up appears right after its parent). */
export function visibleQuestions(def: SurveyDefinition, answers: Answers): SurveyQuestion[] {
  return allQuestions(def).filter((q) => isVisible(q, answers));
}

/** Drops answers to questions that are no longer shown (e.g. a follow-up after the parent changed). */
export function pruneHidden(def: SurveyDefinition, answers: Answers): Answers {
  const out: Answers = {};
  for (const q of visibleQuestions(def, answers)) {
    const a = answers[q.code];
    if (a !== undefined && !isEmpty(a)) out[q.code] = a;
  }
  return out;
}

const isEmpty = (a: Answers[string]) => (Array.isArray(a) ? a.length === 0 : a.trim() === '');

export type AnswerIssue = {
  code: string;
  problem:
    'required' | 'unknown_question' | 'hidden' | 'invalid_option' | 'wrong_type' | 'too_long';
};

/**
 * Checks answers against the definition: every shown required question answered, values among
 * the offered options, no answers to unknown or hidden questions, text within its length.
 * `services` are the codes a `service` question accepts.
 */
export function validateAnswers(
  def: SurveyDefinition,
  answers: Answers,
  services: string[] = [],
): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const byCode = new Map(allQuestions(def).map((q) => [q.code, q]));
  for (const code of Object.keys(answers)) {
    const q = byCode.get(code);
    if (!q) issues.push({ code, problem: 'unknown_question' });
    else if (!isVisible(q, answers)) issues.push({ code, problem: 'hidden' });
  }
  for (const q of visibleQuestions(def, answers)) {
    const a = answers[q.code];
    if (a === undefined || isEmpty(a)) {
      if (q.required) issues.push({ code: q.code, problem: 'required' });
      continue;
    }
    if (q.kind === 'text') {
      if (typeof a !== 'string') issues.push({ code: q.code, problem: 'wrong_type' });
      else if (a.length > (q.maxLength ?? 1000)) issues.push({ code: q.code, problem: 'too_long' });
      continue;
    }
    const allowed = new Set(
      q.kind === 'service' ? services : optionsOf(def, q).map((o) => o.value),
    );
    if (q.kind === 'multi') {
      if (!Array.isArray(a)) issues.push({ code: q.code, problem: 'wrong_type' });
      else if (a.some((v) => !allowed.has(v)) || new Set(a).size !== a.length)
        issues.push({ code: q.code, problem: 'invalid_option' });
    } else if (typeof a !== 'string') issues.push({ code: q.code, problem: 'wrong_type' });
    else if (!allowed.has(a)) issues.push({ code: q.code, problem: 'invalid_option' });
  }
  return issues;
}

/** The score (0–100) of one answer, or null when the question is not scored or was "not applicable". */
export function scoreAnswer(
  def: SurveyDefinition,
  q: SurveyQuestion,
  value: Answers[string] | undefined,
): number | null {
  if (typeof value !== 'string' || q.kind !== 'single') return null;
  const option = optionsOf(def, q).find((o) => o.value === value);
  return option?.score ?? null;
}

export type ScoredAnswer = {
  code: string;
  indicator: Indicator;
  /** Stored as text: an option value, values joined by ',', or the text itself. */
  value: string;
  score: number | null;
};

/** The rows to store for one (validated) response: one per answered question, with its score. */
export function scoreResponse(def: SurveyDefinition, answers: Answers): ScoredAnswer[] {
  const out: ScoredAnswer[] = [];
  for (const q of visibleQuestions(def, answers)) {
    const a = answers[q.code];
    if (a === undefined || isEmpty(a)) continue;
    out.push({
      code: q.code,
      indicator: q.indicator,
      value: Array.isArray(a) ? a.join(',') : a,
      score: scoreAnswer(def, q, a),
    });
  }
  return out;
}

/**
 * Mean scores of many responses: per question (mean of its scored answers), per indicator (mean
 * of its question means, as the ITA computes it) and the EIT (mean of indicators 6, 7, 8).
 */
export function summarise(rows: { code: string; indicator: string; score: number | null }[]): {
  questions: Record<string, { mean: number; n: number }>;
  indicators: Record<string, number>;
  eit: number | null;
} {
  const acc = new Map<string, { indicator: string; sum: number; n: number }>();
  for (const r of rows) {
    if (r.score === null) continue;
    const a = acc.get(r.code) ?? { indicator: r.indicator, sum: 0, n: 0 };
    a.sum += r.score;
    a.n++;
    acc.set(r.code, a);
  }
  const questions: Record<string, { mean: number; n: number }> = {};
  const perIndicator = new Map<string, number[]>();
  for (const [code, a] of acc) {
    const mean = a.sum / a.n;
    questions[code] = { mean, n: a.n };
    perIndicator.set(a.indicator, [...(perIndicator.get(a.indicator) ?? []), mean]);
  }
  const indicators: Record<string, number> = {};
  for (const [ind, means] of perIndicator)
    indicators[ind] = means.reduce((s, m) => s + m, 0) / means.length;
  const eitParts = ['6', '7', '8'].filter((i) => i in indicators).map((i) => indicators[i]!);
  return {
    questions,
    indicators,
    eit: eitParts.length === 3 ? eitParts.reduce((s, m) => s + m, 0) / 3 : null,
  };
}
