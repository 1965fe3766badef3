/**
 * How many runs a fast-check property makes: `runs` in `npm test`. The mutation run
 * (stryker.config.mjs) sets LEADPANE_PROPERTY_RUNS_SCALE to a fraction, since every mutant a
 * property reaches reruns it; an unset, empty or out-of-range value keeps `runs`.
 */
export function propertyRuns(runs: number): number {
  const scale = Number(process.env.LEADPANE_PROPERTY_RUNS_SCALE || 1);
  if (!(scale > 0 && scale < 1)) return runs;
  return Math.max(Math.min(runs, 10), Math.round(runs * scale));
}
