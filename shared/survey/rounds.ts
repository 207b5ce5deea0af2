/**
 * Survey rounds: the two half-years of the Thai fiscal year (1 Oct – 30 Sep).
 * 2569-1 = 1 Oct 2568 – 31 Mar 2569, 2569-2 = 1 Apr – 30 Sep 2569 (Buddhist era).
 */
export type Round = {
  /** e.g. 2569-1 */
  label: string;
  /** Buddhist-era fiscal year. */
  fiscalYear: number;
  half: 1 | 2;
  /** ISO dates (CE), inclusive. */
  startsOn: string;
  endsOn: string;
};

/** The round a moment falls in, by the calendar date in Thailand (UTC+7, no daylight saving). */
export function roundOf(at: Date): Round {
  const bkk = new Date(at.getTime() + 7 * 3600_000);
  const y = bkk.getUTCFullYear();
  const m = bkk.getUTCMonth() + 1;
  const fiscalCe = m >= 10 ? y + 1 : y;
  return roundByLabel(`${fiscalCe + 543}-${m >= 10 || m <= 3 ? 1 : 2}`)!;
}

/** The round with this label (e.g. 2569-2), or null for a malformed one. */
export function roundByLabel(label: string): Round | null {
  const m = /^(\d{4})-([12])$/.exec(label);
  if (!m) return null;
  const fiscalYear = Number(m[1]);
  const half = Number(m[2]) as 1 | 2;
  const ce = fiscalYear - 543;
  return half === 1
    ? { label, fiscalYear, half, startsOn: `${ce - 1}-10-01`, endsOn: `${ce}-03-31` }
    : { label, fiscalYear, half, startsOn: `${ce}-04-01`, endsOn: `${ce}-09-30` };
}

/**
 * The sample a round needs, after the ITA rule of thumb: 10% of the service users, at least
 * 30 (or everyone, when fewer), and 400 is enough however many there are.
 */
export function targetSample(serviceUsers: number): number {
  if (serviceUsers <= 30) return Math.max(0, Math.floor(serviceUsers));
  return Math.min(400, Math.max(30, Math.ceil(serviceUsers * 0.1)));
}
