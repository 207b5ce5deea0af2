/**
 * Survey rounds: the two half-years of the Thai fiscal year (1 Oct – 30 Sep).
 * 2569-1 = 1 Oct 2568 – 31 Mar 2569, 2569-2 = 1 Apr – 30 Sep 2569 (Buddhist era).
 */
// One definition of rounds for surveys and reports: shared/metrics/round.ts.
export { nextRound, parseRound as roundByLabel, roundOf, type Round } from '../metrics/round';

/**
 * The sample a round needs, after the ITA rule of thumb: 10% of the service users, at least
 * 30 (or everyone, when fewer), and 400 is enough however many there are.
 */
export function targetSample(serviceUsers: number): number {
  if (serviceUsers <= 30) return Math.max(0, Math.floor(serviceUsers));
  return Math.min(400, Math.max(30, Math.ceil(serviceUsers * 0.1)));
}
