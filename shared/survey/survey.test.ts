import { describe, expect, it } from 'vitest';
import { deriveHmacKey, signBody } from '../crypto';
import { DEFAULT_SURVEY as def } from './default-survey';
import { surveyDefinitionSchema, surveySubmissionSchema, type Answers } from './definition';
import { allQuestions, checkDefinition } from './walk';
import { dedupeKeys, dedupeScopes } from './dedupe';
import { roundByLabel, roundOf, targetSample } from './rounds';
import {
  pruneHidden,
  scoreAnswer,
  scoreResponse,
  summarise,
  validateAnswers,
  visibleQuestions,
} from './scoring';

const q = (code: string) => allQuestions(def).find((x) => x.code === code)!;
const full: Answers = {
  p1: 'resident',
  p2: 'civil_registration',
  p3: 'counter',
  e1: '4',
  e2: '3',
  e3: '4',
  e4: 'no',
  e5: '3',
  e6: '4',
  e7: '2',
  e8: '3',
  e9: 'na',
  s1: '5',
};
const services = ['civil_registration', 'tax'];

describe('default survey', () => {
  it('is a valid definition covering the three EIT indicators, satisfaction and a profile', () => {
    expect(checkDefinition(def)).toEqual([]);
    const codes = allQuestions(def).map((x) => x.code);
    expect(codes.filter((c) => /^e\d$/.test(c))).toEqual([
      'e1',
      'e2',
      'e3',
      'e4',
      'e5',
      'e6',
      'e7',
      'e8',
      'e9',
    ]);
    const ind = (i: string) => allQuestions(def).filter((x) => x.indicator === i && !x.showIf);
    expect(ind('6').length).toBe(4);
    expect(ind('7').length).toBe(2);
    expect(ind('8').length).toBe(3);
    expect(ind('satisfaction').length).toBeGreaterThan(0);
    expect(ind('profile').map((x) => x.code)).toEqual(['p1', 'p2', 'p3']);
  });

  it('checkDefinition finds broken follow-ups and duplicate codes', () => {
    const broken = structuredClone(def);
    broken.sections[1]!.questions[1]!.showIf = { question: 'e1', in: ['9'] };
    broken.sections[2]!.questions[0]!.code = 'e1';
    broken.sections[0]!.questions[0]!.showIf = { question: 's1', in: ['1'] };
    const problems = checkDefinition(surveyDefinitionSchema.parse(broken)).map((i) => i.message);
    expect(problems).toContain('showIf value 9 not offered');
    expect(problems).toContain('duplicate code');
    expect(problems).toContain('showIf refers to s1, not an earlier question');
  });
});

describe('scoring', () => {
  it('scores the 4-level scale 0/50/85/100', () => {
    expect(['1', '2', '3', '4'].map((v) => scoreAnswer(def, q('e1'), v))).toEqual([0, 50, 85, 100]);
  });
  it('scores yes/no 100/0, and "asked for money" the other way round', () => {
    expect(def.scales.yes_no!.options.map((o) => o.score)).toEqual([100, 0]);
    expect(scoreAnswer(def, q('e4'), 'no')).toBe(100);
    expect(scoreAnswer(def, q('e4'), 'yes')).toBe(0);
  });
  it('scores 5-level satisfaction 1–5 as 0/25/50/75/100', () => {
    expect(['1', '2', '3', '4', '5'].map((v) => scoreAnswer(def, q('s1'), v))).toEqual([
      0, 25, 50, 75, 100,
    ]);
  });
  it('leaves "not applicable", profile and text answers unscored', () => {
    expect(scoreAnswer(def, q('e9'), 'na')).toBeNull();
    expect(scoreAnswer(def, q('p1'), 'resident')).toBeNull();
    expect(scoreAnswer(def, q('comment'), 'ดีมาก')).toBeNull();
    expect(scoreAnswer(def, q('e1'), 'bogus')).toBeNull();
  });
  it('uses the scores of the definition (configurable)', () => {
    const custom = structuredClone(def);
    custom.scales.four_level!.options[2]!.score = 75;
    expect(scoreAnswer(custom, q('e1'), '3')).toBe(75);
  });
  it('scores a response into rows and summarises indicators as means of question means', () => {
    const rows = scoreResponse(def, { ...full, comment: 'ขอบคุณ' });
    expect(rows.find((r) => r.code === 'e2')).toEqual({
      code: 'e2',
      indicator: '6',
      value: '3',
      score: 85,
    });
    expect(rows.find((r) => r.code === 'comment')?.value).toBe('ขอบคุณ');
    const second = scoreResponse(def, { ...full, e1: '2', e4: 'yes', e1_why: ['slow', 'steps'] });
    expect(second.find((r) => r.code === 'e1_why')).toMatchObject({
      value: 'slow,steps',
      score: null,
    });
    const s = summarise([...rows, ...second]);
    expect(s.questions.e1).toEqual({ mean: 75, n: 2 });
    // Indicator 6: e1 75, e2 85, e3 100, e4 50 → 77.5
    expect(s.indicators['6']).toBeCloseTo(77.5, 10);
    // Indicator 8: e7 50, e8 85, e9 not applicable → 67.5
    expect(s.indicators['8']).toBeCloseTo(67.5, 10);
    expect(s.eit).toBeCloseTo((77.5 + 92.5 + 67.5) / 3, 10);
  });
});

describe('conditional follow-ups', () => {
  it('shows the e1 follow-up only after a low answer, right after e1', () => {
    const codes = (a: Answers) => visibleQuestions(def, a).map((x) => x.code);
    expect(codes({ e1: '4' })).not.toContain('e1_why');
    expect(codes({ e1: '1' })).toContain('e1_why');
    expect(codes({ e1: '2' }).indexOf('e1_why')).toBe(codes({ e1: '2' }).indexOf('e1') + 1);
    expect(codes({ s1: '2' })).toContain('s1_why');
    expect(codes({ s1: '3' })).not.toContain('s1_why');
  });
  it('prunes a follow-up whose parent answer changed', () => {
    const a = pruneHidden(def, { ...full, e1: '4', e1_why: ['slow'] });
    expect(a.e1_why).toBeUndefined();
    expect(a.e1).toBe('4');
  });
});

describe('validation', () => {
  it('accepts a complete response', () => {
    expect(validateAnswers(def, full, services)).toEqual([]);
    expect(validateAnswers(def, { ...full, e1: '1', e1_why: ['slow'] }, services)).toEqual([]);
  });
  it('reports missing, unknown, hidden, invalid and over-long answers', () => {
    const { e2: _, ...missing } = full;
    expect(validateAnswers(def, missing, services)).toEqual([{ code: 'e2', problem: 'required' }]);
    expect(validateAnswers(def, { ...full, zz: '1' }, services)).toContainEqual({
      code: 'zz',
      problem: 'unknown_question',
    });
    expect(validateAnswers(def, { ...full, e1_why: ['slow'] }, services)).toContainEqual({
      code: 'e1_why',
      problem: 'hidden',
    });
    expect(validateAnswers(def, { ...full, e3: '7' }, services)).toContainEqual({
      code: 'e3',
      problem: 'invalid_option',
    });
    expect(validateAnswers(def, { ...full, p2: 'nope' }, services)).toContainEqual({
      code: 'p2',
      problem: 'invalid_option',
    });
    expect(validateAnswers(def, { ...full, e1: '1', e1_why: 'slow' }, services)).toContainEqual({
      code: 'e1_why',
      problem: 'wrong_type',
    });
    expect(validateAnswers(def, { ...full, comment: 'ก'.repeat(1001) }, services)).toContainEqual({
      code: 'comment',
      problem: 'too_long',
    });
  });
  it('the submission schema refuses a body without a version or with a bad code', () => {
    const base = { surveyId: crypto.randomUUID(), version: 1, answers: full };
    expect(surveySubmissionSchema.safeParse(base).success).toBe(true);
    expect(surveySubmissionSchema.safeParse({ ...base, version: undefined }).success).toBe(false);
    expect(surveySubmissionSchema.safeParse({ ...base, answers: { 'E 1': '1' } }).success).toBe(
      false,
    );
  });
});

describe('rounds', () => {
  it('labels the half-years of the fiscal year in the Buddhist era, in Thai time', () => {
    expect(roundOf(new Date('2025-10-01T00:00:00+07:00')).label).toBe('2569-1');
    expect(roundOf(new Date('2025-09-30T23:59:00+07:00')).label).toBe('2568-2');
    // 31 Mar 2026 18:00 UTC is already 1 Apr in Bangkok.
    expect(roundOf(new Date('2026-03-31T18:00:00Z')).label).toBe('2569-2');
    expect(roundOf(new Date('2026-03-31T16:59:00Z')).label).toBe('2569-1');
    expect(roundOf(new Date('2026-01-15T00:00:00Z'))).toEqual({
      label: '2569-1',
      fiscalYear: 2569,
      half: 1,
      startsOn: '2025-10-01',
      endsOn: '2026-03-31',
    });
    expect(roundByLabel('2569-2')).toMatchObject({ startsOn: '2026-04-01', endsOn: '2026-09-30' });
    expect(roundByLabel('2569-3')).toBeNull();
  });
  it('target sample: 10%, at least 30, at most 400', () => {
    expect(targetSample(12)).toBe(12);
    expect(targetSample(200)).toBe(30);
    expect(targetSample(1234)).toBe(124);
    expect(targetSample(9000)).toBe(400);
  });
});

describe('keyed-hash dedupe', () => {
  const hasher = async (secret: string) => {
    const key = await deriveHmacKey(secret, 'keyed-hash');
    return (...parts: string[]) => signBody(key, parts.join('\u0000'));
  };
  it('scopes: the case and the service in the round, or one general answer per round', () => {
    expect(dedupeScopes({ roundLabel: '2569-1', serviceCode: 'tax', caseId: 'c1' })).toEqual([
      'case:c1',
      'round:2569-1:service:tax',
    ]);
    expect(dedupeScopes({ roundLabel: '2569-1' })).toEqual(['round:2569-1:general']);
  });
  it('same person and scope → same key; another person, scope, org or secret → another key', async () => {
    const h = await hasher('a'.repeat(32));
    const [k1] = await dedupeKeys(h, 'org1', 'Uaaa', ['round:2569-1:service:tax']);
    const [k2] = await dedupeKeys(h, 'org1', 'Uaaa', ['round:2569-1:service:tax']);
    expect(k1).toBe(k2);
    const others = await Promise.all([
      dedupeKeys(h, 'org1', 'Ubbb', ['round:2569-1:service:tax']),
      dedupeKeys(h, 'org1', 'Uaaa', ['round:2569-2:service:tax']),
      dedupeKeys(h, 'org2', 'Uaaa', ['round:2569-1:service:tax']),
      dedupeKeys(await hasher('b'.repeat(32)), 'org1', 'Uaaa', ['round:2569-1:service:tax']),
    ]);
    for (const [k] of others) expect(k).not.toBe(k1);
    expect(k1).not.toContain('Uaaa');
    await expect(dedupeKeys(h, 'org1', '', ['x'])).rejects.toThrow();
  });
});
