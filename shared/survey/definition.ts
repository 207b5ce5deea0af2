/**
 * Survey definitions as versioned data (ประเมินความพึงพอใจ / EIT-style questions): the zod
 * schemas shared by the server and the LIFF page. Written with `zod/mini` so the page stays
 * small; the same schemas validate on both sides.
 */
import * as z from 'zod/mini';

/** The ITA external indicators (6 quality of operations, 7 communication, 8 improving work), satisfaction, or the respondent profile. */
export const INDICATORS = ['6', '7', '8', 'satisfaction', 'profile'] as const;
export type Indicator = (typeof INDICATORS)[number];

const code = z.string().check(z.regex(/^[a-z][a-z0-9_]{0,31}$/));

export const optionSchema = z.object({
  value: z.string().check(z.regex(/^[a-z0-9_]{1,32}$/)),
  label: z.string().check(z.minLength(1)),
  /** 0–100; null means "not applicable" (left out of the means). Profile options have none. */
  score: z.optional(z.nullable(z.number().check(z.gte(0), z.lte(100)))),
});

export const scaleSchema = z.object({
  options: z.array(optionSchema).check(z.minLength(2)),
});

/** Show this question only when an earlier answer is one of `in`. */
export const conditionSchema = z.object({ question: code, in: z.array(z.string()) });

export const questionSchema = z.object({
  code,
  indicator: z.enum(INDICATORS),
  text: z.string().check(z.minLength(1)),
  hint: z.optional(z.string()),
  /**
   * `single`: one option of `scale` (a key of `scales`); `multi`: any of `options`;
   * `text`: free text; `service`: one of the organisation's services (options come from its list).
   */
  kind: z.enum(['single', 'multi', 'text', 'service']),
  scale: z.optional(z.string()),
  options: z.optional(z.array(optionSchema)),
  required: z.optional(z.boolean()),
  showIf: z.optional(conditionSchema),
  maxLength: z.optional(z.number().check(z.int(), z.gte(1), z.lte(2000))),
});

export const sectionSchema = z.object({
  id: code,
  title: z.string().check(z.minLength(1)),
  questions: z.array(questionSchema).check(z.minLength(1)),
});

export const surveyDefinitionSchema = z.object({
  code,
  version: z.number().check(z.int(), z.gte(1)),
  /** Buddhist-era assessment year, e.g. 2569. */
  assessmentYear: z.number().check(z.int(), z.gte(2500), z.lte(2700)),
  title: z.string().check(z.minLength(1)),
  intro: z.optional(z.string()),
  scales: z.record(z.string(), scaleSchema),
  sections: z.array(sectionSchema).check(z.minLength(1)),
});

export type SurveyOption = z.infer<typeof optionSchema>;
export type SurveyQuestion = z.infer<typeof questionSchema>;
export type SurveySection = z.infer<typeof sectionSchema>;
export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;

/** An answer: an option value, several (multi), or text. */
export const answerValueSchema = z.union([
  z.string().check(z.maxLength(2000)),
  z.array(z.string().check(z.maxLength(64))).check(z.maxLength(32)),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;
export type Answers = Record<string, AnswerValue>;

export const CHANNELS = ['counter', 'online', 'line', 'paper'] as const;
export type SurveyChannel = (typeof CHANNELS)[number];

/** What the LIFF page posts (the person comes from the ID token, never from the body). */
export const surveySubmissionSchema = z.object({
  surveyId: z.string().check(z.uuid()),
  version: z.number().check(z.int(), z.gte(1)),
  answers: z.record(code, answerValueSchema),
  /** The counter's QR code (service point code), when the survey was opened from one. */
  point: z.optional(z.string().check(z.regex(/^[a-z0-9-]{1,40}$/))),
  /** The invitation after a finished case. */
  invitation: z.optional(z.string().check(z.uuid())),
  /** The link's `src` (shared/survey/source.ts): which kind of link opened the survey. */
  source: z.optional(z.enum(['menu', 'qr', 'invite'])),
  /** Made once by the page per filled survey, so a retried submit is recognised. */
  clientId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9-]{8,64}$/))),
});
export type SurveySubmission = z.infer<typeof surveySubmissionSchema>;

/** The 4-level ITA scale (น้อยที่สุดหรือไม่มีเลย / น้อย / มาก / มากที่สุด) with its default scores. */
export const FOUR_LEVEL_SCORES = [0, 50, 85, 100] as const;
/** 5-level satisfaction 1–5. */
export const FIVE_LEVEL_SCORES = [0, 25, 50, 75, 100] as const;
