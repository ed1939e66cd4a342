/**
 * Audit rule 7 — is the regional difference the text stresses statistically significant?
 *
 * The abstract and section 3.3 say the effect of NQP is stronger in the Northeast (0.629) than
 * in the Southwest (0.438); the conclusion calls the heterogeneity "significant" and the effect
 * "markedly stronger". Table 6 prints no test of the difference. From the printed numbers:
 *   se_r = b_r/t_r,   z = (b₁ − b₂)/√(se₁² + se₂²),   p = 2·(1 − Φ(|z|)).
 * Assumption (stated): the two estimates are independent. The regions are disjoint sets of
 * cities, so this holds under classical OLS assumptions with errors independent across cities;
 * a common shock in a year would correlate them. As a small-sample variant the note also
 * gives the p-value from a t distribution with df = (N₁ − k − 1) + (N₂ − k − 1), k = 5.
 *
 * Rounding: with S² = se₁² + se₂², ∂z/∂b₁ = (S² − (b₁ − b₂)·se₁/t₁)/S³, positive for the
 * published numbers ((b₁ − b₂)·se₁/t₁ ≈ 0.0008 against S² ≈ 0.018); when b₁ > b₂ > 0 and
 * t's are positive the other partials have fixed signs (b₂: −, t₁ and t₂: +). A function
 * monotone in each argument takes its extremes at corners of the box; to stay safe without
 * relying on the signs, we evaluate a 5⁴ grid that contains all 16 corners.
 *
 * ok = whether a difference significant at 5% is possible within the printed intervals.
 * A failure does not mean the regions are alike: it means the printed numbers cannot tell, at
 * the 5% level, whether the effect differs — so "significantly stronger" is not supported.
 */
import { normalCdf, twoSidedPValueT } from "../../methods/distributions";
import type { Interval } from "./interval";
import { formatInterval } from "./interval";
import type { AuditCheck, AuditInput } from "./types";
import { AuditTables, auditFmt } from "./types";

/**
 * z statistic for the difference of two independent coefficients from coefficients and t values.
 * Formula: z = (b₁ − b₂)/√((b₁/t₁)² + (b₂/t₂)²).
 * Throws: nothing (a zero t gives a non-finite z).
 * @example
 * auditDifferenceZ(0.629, 11.97, 0.438, 3.53); // ≈ 1.417
 * auditDifferenceZ(1, 10, 1, 10);              // 0
 */
export function auditDifferenceZ(b1: number, t1: number, b2: number, t2: number): number {
  const se1 = b1 / t1;
  const se2 = b2 / t2;
  return (b1 - b2) / Math.sqrt(se1 * se1 + se2 * se2);
}

/**
 * Range of z over the box of printed intervals (5-point grid per argument, corners included).
 *
 * Formula: [min, max] of `auditDifferenceZ` over the 5⁴ grid points of b₁ × t₁ × b₂ × t₂.
 * Throws: nothing.
 * @example
 * auditDifferenceZRange([0.6285, 0.6295], [11.965, 11.975], [0.4375, 0.4385], [3.525, 3.535]);
 * // ≈ [1.407, 1.428]
 */
export function auditDifferenceZRange(
  b1: Interval,
  t1: Interval,
  b2: Interval,
  t2: Interval,
): Interval {
  const grid = (iv: Interval) => [0, 0.25, 0.5, 0.75, 1].map((u) => iv[0] + u * (iv[1] - iv[0]));
  let lo = Infinity;
  let hi = -Infinity;
  for (const x1 of grid(b1))
    for (const y1 of grid(t1))
      for (const x2 of grid(b2))
        for (const y2 of grid(t2)) {
          const z = auditDifferenceZ(x1, y1, x2, y2);
          lo = Math.min(lo, z);
          hi = Math.max(hi, z);
        }
  return [lo, hi];
}

/**
 * Tests the difference between Table 6's two coefficients of the same regressor.
 * Throws: DataError when a region's coefficient, t or N is missing.
 * @example
 * const [c] = auditRegionalDifference({ cells });
 * c.implied; // p ≈ 0.156 for the published table
 */
export function auditRegionalDifference(input: AuditInput, alpha = 0.05): AuditCheck[] {
  const T = new AuditTables(input.cells);
  const regions = T.models(6);
  if (regions.length !== 2) return [];
  const [r1, r2] = regions;
  const c1 = T.cells.find((c) => c.table === 6 && c.model === r1 && c.kind === "coef");
  if (!c1) return [];
  const v = c1.variable;
  const b1c = T.need(6, "coef", r1, v);
  const t1c = T.need(6, "t", r1, v);
  const b2c = T.need(6, "coef", r2, v);
  const t2c = T.need(6, "t", r2, v);
  const z = auditDifferenceZ(
    Number(b1c.printed),
    Number(t1c.printed),
    Number(b2c.printed),
    Number(t2c.printed),
  );
  const p = 2 * (1 - normalCdf(Math.abs(z)));
  const zr = auditDifferenceZRange(
    T.interval(b1c),
    T.interval(t1c),
    T.interval(b2c),
    T.interval(t2c),
  );
  const absMax = Math.max(Math.abs(zr[0]), Math.abs(zr[1]));
  const absMin = zr[0] <= 0 && zr[1] >= 0 ? 0 : Math.min(Math.abs(zr[0]), Math.abs(zr[1]));
  const pRange: Interval = [2 * (1 - normalCdf(absMax)), 2 * (1 - normalCdf(absMin))];
  const df = T.n(6, r1) - 6 + (T.n(6, r2) - 6);
  const pT = twoSidedPValueT(z, df);
  const se1 = Number(b1c.printed) / Number(t1c.printed);
  const se2 = Number(b2c.printed) / Number(t2c.printed);
  const ok = pRange[0] < alpha;
  return [
    {
      rule: "regional-difference",
      subject: `Table 6: difference of the ${v} coefficients, ${r1} vs ${r2}`,
      published: `${b1c.printed} (t = ${t1c.printed}) vs ${b2c.printed} (t = ${t2c.printed})`,
      implied: p,
      ok,
      note:
        `se = b/t: ${auditFmt(se1)} and ${auditFmt(se2)}; z = (${b1c.printed} − ${b2c.printed})/√(se₁² + se₂²) = ${auditFmt(z, 3)}, ` +
        `two-sided normal p = ${auditFmt(p, 3)} (over the rounding box z ∈ ${formatInterval(zr, 3)}, p ∈ ${formatInterval(pRange, 3)}; ` +
        `t(${df}) p = ${auditFmt(pT, 3)}). Assumes the two estimates are independent (disjoint cities, no common shocks). ` +
        (ok
          ? `The difference is significant at ${alpha * 100}%.`
          : `The difference is not significant at ${alpha * 100}%: the printed numbers do not support a "significantly" or "markedly" stronger effect, only a higher point estimate.`),
    },
  ];
}
