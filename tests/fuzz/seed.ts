/**
 * The fuzz suites' seed: fixed by default, so CI is reproducible and a red run can be
 * replayed; `FUZZ_SEED=random` explores new cases (a failure prints its seed and path:
 * add them to the file's REGRESSIONS), `FUZZ_SEED=<n>` replays one run.
 */
export const FUZZ_SEED: number | undefined =
  process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20261202);
