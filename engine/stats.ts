// Statistics over seeds: mean, sample standard deviation (simple-statistics), the % change of
// the means, and Welch's t-test p-value (jstat's Student t distribution).
import jstat from 'jstat';
import { mean, sampleStandardDeviation, sampleVariance } from 'simple-statistics';

export interface Summary {
  readonly mean: number;
  readonly stddev: number;
}

export function summarize(xs: readonly number[]): Summary {
  return { mean: mean(xs as number[]), stddev: xs.length > 1 ? sampleStandardDeviation(xs as number[]) : 0 };
}

/** (after − before) / before in percent; null when before is 0 (no meaningful ratio). */
export function changePct(before: number, after: number): number | null {
  if (before === 0) return after === 0 ? 0 : null;
  return (100 * (after - before)) / Math.abs(before);
}

/**
 * Two-sided Welch's t-test of equal means. 1 when both samples are constant and equal, 0 when
 * they are constant and different, null with fewer than two values on a side.
 */
export function welchPValue(a: readonly number[], b: readonly number[]): number | null {
  if (a.length < 2 || b.length < 2) return null;
  const va = sampleVariance(a as number[]) / a.length;
  const vb = sampleVariance(b as number[]) / b.length;
  const diff = mean(b as number[]) - mean(a as number[]);
  if (va + vb === 0) return diff === 0 ? 1 : 0;
  const t = diff / Math.sqrt(va + vb);
  const dof = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return 2 * (1 - jstat.jStat.studentt.cdf(Math.abs(t), dof));
}
