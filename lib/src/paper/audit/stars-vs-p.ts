/**
 * Audit rule 1 — significance stars against p-values recomputed from the printed t values.
 *
 * Identity: p = 2·P(T_df > |t|) with df = N − k − 1 (k regressors plus a constant), and the
 * paper's legend: *** p < 0.01, ** p < 0.05, * p < 0.10, none otherwise.
 *
 * Rounding: t is printed to two decimals, so |t| lies in an interval and, p being decreasing
 * in |t|, p lies in [p(|t|_hi), p(|t|_lo)]. A cell fails only if its printed stars are not the
 * stars of ANY p in that range. For Table 6, whose regressors are not printed, df runs over
 * every regressor count k = 1…5 (p is monotone in df too, so the range is the hull).
 *
 * What a failure would mean: a typo in the t value or in the stars, one-sided p-values, a
 * different legend, or standard errors other than the ones the t value was computed from.
 * What it would not mean: that the coefficient itself is wrong.
 */
import { twoSidedPValueT } from "../../methods/distributions";
import type { Interval } from "./interval";
import { formatInterval, intervalAbs } from "./interval";
import type { AuditCheck, AuditInput } from "./types";
import { AuditTables, auditStarsOf } from "./types";

/**
 * Stars the paper's legend gives a p-value: 3 (p < 0.01), 2 (< 0.05), 1 (< 0.10) or 0.
 *
 * Formula: #{τ in thresholds : p < τ}. Throws: nothing.
 * @example
 * auditStarsForP(0.003); // 3
 * auditStarsForP(0.07);  // 1
 */
export function auditStarsForP(
  p: number,
  thresholds: [number, number, number] = [0.1, 0.05, 0.01],
): number {
  if (p < thresholds[2]) return 3;
  if (p < thresholds[1]) return 2;
  if (p < thresholds[0]) return 1;
  return 0;
}

/**
 * Range of the two-sided p-value over a printed t interval and a range of residual df.
 *
 * Formula: p = 2·tCdf(−|t|, df); decreasing in |t| and (for fixed |t| > 0) in df, so the
 * extremes are p(|t|max, dfmax) and p(|t|min, dfmin).
 * Throws: DataError if a df is not positive.
 * @example
 * auditPRange([17.245, 17.255], [108, 108]); // both ends ≈ 8e-33
 * auditPRange([0.725, 0.735], [108, 108]);   // ≈ [0.464, 0.470]
 */
export function auditPRange(t: Interval, df: Interval): Interval {
  const a = intervalAbs(t);
  return [twoSidedPValueT(a[1], df[1]), twoSidedPValueT(a[0], df[0])];
}

const STAR_TEXT = ["no stars", "*", "**", "***"];

/**
 * Checks every starred coefficient of Tables 5 and 6 against its t value.
 *
 * Returns one check per coefficient that has both a t value and known stars.
 * Throws: DataError when a model's N is missing or not an integer.
 * @example
 * const checks = auditStarsVsP({ cells });
 * checks.filter((c) => !c.ok); // cells whose stars no t in its rounding interval supports
 */
export function auditStarsVsP(input: AuditInput): AuditCheck[] {
  const T = new AuditTables(input.cells);
  const out: AuditCheck[] = [];
  for (const table of [5, 6]) {
    for (const model of T.models(table)) {
      const coefs = T.cells.filter(
        (c) => c.table === table && c.model === model && c.kind === "coef",
      );
      if (coefs.length === 0) continue;
      const n = T.n(table, model);
      const k = T.regressors(table, model).length;
      // Table 6 prints only NQP: its regressor count is unknown, so allow k = 1…5.
      const df: Interval = table === 6 ? [n - 5 - 1, n - 1 - 1] : [n - k - 1, n - k - 1];
      for (const coef of coefs) {
        const tCell = T.cell(table, "t", model, coef.variable);
        const stars = auditStarsOf(coef);
        if (!tCell || stars === null) continue;
        const tIv = T.interval(tCell);
        const p = auditPRange(tIv, df);
        const pPoint = twoSidedPValueT(Number(tCell.printed), df[1]);
        const starsMax = auditStarsForP(p[0]);
        const starsMin = auditStarsForP(p[1]);
        const ok = stars >= starsMin && stars <= starsMax;
        const dfText = df[0] === df[1] ? `df = ${df[0]}` : `df ∈ [${df[0]}, ${df[1]}] (k = 1…5)`;
        const allowed =
          starsMin === starsMax
            ? STAR_TEXT[starsMin]
            : `${STAR_TEXT[starsMin]} to ${STAR_TEXT[starsMax]}`;
        out.push({
          rule: "stars-vs-p",
          subject: `Table ${table}, ${model}, ${coef.variable}: stars vs p from t`,
          published: `${coef.printed}${"*".repeat(stars)} (t = ${tCell.printed})`,
          implied: p,
          ok,
          note:
            `p = 2·P(T > |t|), ${dfText}: p ≈ ${pPoint.toExponential(3)}; over t ∈ ${formatInterval(tIv, 3)} ` +
            `p ∈ [${p[0].toExponential(3)}, ${p[1].toExponential(3)}] → ${allowed}; printed ${STAR_TEXT[stars]}.` +
            (ok
              ? ""
              : ` No t value in its rounding interval gives ${STAR_TEXT[stars]}: a typo in the t value or the stars, one-sided p-values or another legend.`),
        });
      }
    }
  }
  return out;
}
