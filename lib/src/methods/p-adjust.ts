/**
 * Adjusted p-values for a family of m tests, controlling the family-wise error rate (the
 * probability of at least one false rejection) — R's p.adjust, statsmodels' multipletests.
 *
 * Bonferroni: p̃ᵢ = min(1, m·pᵢ). Rejecting p̃ᵢ ≤ α keeps the family-wise error ≤ α whatever the
 * dependence between the tests.
 *
 * Holm (1979), step-down: sort p₍₁₎ ≤ … ≤ p₍ₘ₎; p̃₍ᵢ₎ = min(1, maxⱼ≤ᵢ (m − j + 1)·p₍ⱼ₎). The
 * same guarantee as Bonferroni under any dependence, and never less powerful: the smallest
 * p-value is multiplied by m, the next by m − 1, and so on, the running maximum keeping the
 * order. With six models, two regions and a dozen robustness checks, "p < 0.05 somewhere" is
 * likely by chance; the adjusted p-values say which findings survive the search.
 */
import { DataError } from "../data/errors";

function checkP(p: number[], what: string): void {
  if (!Array.isArray(p) || p.length === 0) {
    throw new DataError(`${what} needs at least one p-value`);
  }
  p.forEach((v, i) => {
    if (typeof v !== "number" || !(v >= 0 && v <= 1)) {
      throw new DataError(`p-value ${i + 1} is ${String(v)}, not a probability in [0, 1]`, {
        hint: "drop tests without a p-value before adjusting (and count them out of m)",
      });
    }
  });
}

/**
 * Holm's step-down adjusted p-values, in the order given.
 *
 * Formula: with p sorted ascending, p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1)·p₍ⱼ₎); ties keep
 * their order (as R). Throws: DataError for an empty array or a value outside [0, 1] (NaN).
 * @example
 * holm([0.01, 0.04, 0.03]);    // [0.03, 0.06, 0.06]
 * holm([0.01, 0.04, 0.03]).map((q) => q <= 0.05); // [true, false, false]
 */
export function holm(p: number[]): number[] {
  checkP(p, "holm");
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((i, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p[i]));
    out[i] = running;
  });
  return out;
}

/**
 * Bonferroni-adjusted p-values.
 *
 * Formula: p̃ᵢ = min(1, m·pᵢ). Throws: DataError for an empty array or a value outside [0, 1].
 * @example
 * bonferroni([0.01, 0.04, 0.03]); // [0.03, 0.12, 0.09]
 */
export function bonferroni(p: number[]): number[] {
  checkP(p, "bonferroni");
  return p.map((v) => Math.min(1, p.length * v));
}
