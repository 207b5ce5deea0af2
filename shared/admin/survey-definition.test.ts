import { describe, expect, it } from 'vitest';
import { DEFAULT_SURVEY } from '../survey/default-survey';
import { nextRound, roundByLabel, roundOf } from '../survey/rounds';
import { checkSurveyJson } from './survey-definition';

describe('a survey definition from the admin console', () => {
  it('accepts the default survey', () => {
    expect(checkSurveyJson(structuredClone(DEFAULT_SURVEY)).ok).toBe(true);
  });

  it('names every problem by path, in Thai', () => {
    const def = structuredClone(DEFAULT_SURVEY) as { title: string; code: string };
    def.title = '';
    def.code = 'Bad Code';
    const r = checkSurveyJson(def);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path).sort()).toEqual(['code', 'title']);
    for (const i of r.issues) expect(i.message).toMatch(/[ก-๙]/);
    const noBody = checkSurveyJson(undefined);
    expect(noBody.ok).toBe(false);
  });

  it('translates the cross-question checks (unknown scale, duplicate code)', () => {
    const def = structuredClone(DEFAULT_SURVEY);
    const q = def.sections[0]!.questions[0]!;
    def.sections[0]!.questions.push({ ...q });
    const r = checkSurveyJson(def);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toContainEqual({
      path: `questions.${q.code}`,
      message: 'รหัสคำถามซ้ำกับข้อก่อนหน้า',
    });
  });
});

describe('the round after', () => {
  it('follows the fiscal calendar', () => {
    expect(nextRound(roundByLabel('2570-1')!).label).toBe('2570-2');
    expect(nextRound(roundByLabel('2570-2')!)).toMatchObject({
      label: '2571-1',
      startsOn: '2027-10-01',
      endsOn: '2028-03-31',
    });
    // The last instant of 31 March 2570 (Bangkok) is still in 2570-1.
    expect(roundOf(new Date('2027-03-31T16:59:59Z')).label).toBe('2570-1');
    expect(nextRound(roundOf(new Date('2027-03-31T16:59:59Z'))).label).toBe('2570-2');
  });
});
