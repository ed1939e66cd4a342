/**
 * Audit rule 6 — what Table 6's regressions can have been. The table prints one coefficient
 * (NQP), its t value, N, R² and adj. R² per region, but not the other regressors.
 *
 * Identities used, for a regression with k regressors plus a constant on N observations:
 * - bivariate (k = 1): R² = t²/(t² + N − 2) exactly (F = t²);
 * - any k: the partial R² of one regressor is t²/(t² + N − k − 1), and
 *   1 − R² = (1 − R²_without)(1 − partial R²) ≥ … so R² ≥ t²/(t² + N − k − 1);
 * - adj. R² = 1 − (1 − R²)(N − 1)/(N − k − 1).
 * A regressor count k is compatible when, for some values inside the printed intervals, all
 * that apply hold (each is monotone in the one printed number it uses, so the check is exact).
 * Also: the two regions partition the pooled sample, so their N must add up to Table 5's N.
 *
 * What a rejection of k = 1 means: the printed R² cannot come from regressing CO on NQP alone
 * in that region, so the table shows one coefficient of a larger model (controls not shown).
 * It does not mean the coefficient is wrong; it means the text's "benchmark regression
 * analysis" must be read as Model-6-style regressions with controls.
 */
import { auditAdjustedR2FromR2, AUDIT_CANDIDATE_K } from "./adjusted-r2";
import { auditR2FromT } from "./bivariate-identities";
import { formatInterval, intervalsOverlap } from "./interval";
import type { AuditCheck, AuditInput } from "./types";
import { AuditTables } from "./types";

/** Verdict for one regressor count in one region. */
export interface AuditKVerdict {
  k: number;
  /** adj. R² implied by the printed R², N and k. */
  adjImplied: [number, number];
  adjFits: boolean;
  /** k = 1: R² implied by t (identity); k > 1: the lower bound t²/(t² + N − k − 1). */
  r2FromT: [number, number];
  tFits: boolean;
  compatible: boolean;
}

/**
 * Which regressor counts k = 1…5 are compatible with one region's printed t, N, R², adj. R².
 *
 * Formula: k fits when 1 − (1 − R²)(N − 1)/(N − k − 1) meets the printed adj. R² and
 * t²/(t² + N − k − 1) is compatible with the printed R² (equal for k = 1, a lower bound else).
 * Throws: nothing.
 * @example
 * auditTable6Ks([11.965, 11.975], 60, [0.9225, 0.9235], [0.915, 0.925]).map((v) => v.compatible);
 * // [false, true, true, true, true]
 */
export function auditTable6Ks(
  t: [number, number],
  n: number,
  r2: [number, number],
  adj: [number, number],
  ks: number[] = AUDIT_CANDIDATE_K,
): AuditKVerdict[] {
  return ks.map((k) => {
    const adjImplied = auditAdjustedR2FromR2(r2, n, k);
    const adjFits = intervalsOverlap(adjImplied, adj);
    const r2FromT = auditR2FromT(t, n - k - 1);
    // k = 1: equality; k > 1: R² must be at least the partial R² of the printed regressor
    const tFits = k === 1 ? intervalsOverlap(r2FromT, r2) : r2[1] >= r2FromT[0];
    return { k, adjImplied, adjFits, r2FromT, tFits, compatible: adjFits && tFits };
  });
}

/**
 * Runs rule 6 on Table 6: per region the bivariate identity and the set of compatible k, and
 * the sample-size partition.
 * Throws: DataError when a region's N, R², adj. R² or t is missing.
 * @example
 * const checks = auditTable6Specification({ cells });
 * checks[0].ok; // false for the published table: Table 6 is not bivariate
 */
export function auditTable6Specification(input: AuditInput): AuditCheck[] {
  const T = new AuditTables(input.cells);
  const out: AuditCheck[] = [];
  const regions = T.models(6);
  for (const region of regions) {
    const n = T.n(6, region);
    const coef = T.cells.find((c) => c.table === 6 && c.model === region && c.kind === "coef");
    if (!coef) continue;
    const tCell = T.need(6, "t", region, coef.variable);
    const r2Cell = T.need(6, "r2", region, "");
    const adjCell = T.need(6, "adj_r2", region, "");
    const t = T.interval(tCell);
    const r2 = T.interval(r2Cell);
    const adj = T.interval(adjCell);
    const verdicts = auditTable6Ks(t, n, r2, adj);
    const biv = verdicts.find((v) => v.k === 1);
    if (biv) {
      out.push({
        rule: "table6-specification",
        subject: `Table 6, ${region}: could it be a bivariate regression (R² from t)?`,
        published: `R² = ${r2Cell.printed} (t = ${tCell.printed}, N = ${n})`,
        implied: biv.r2FromT,
        ok: biv.tFits,
        note:
          `bivariate identity R² = t²/(t² + N − 2): implied ${formatInterval(biv.r2FromT)} vs printed ${formatInterval(r2)}.` +
          (biv.tFits
            ? " A regression of the outcome on this regressor alone is compatible."
            : " No bivariate regression gives both numbers: the printed R² belongs to a model with more regressors than the table shows (controls not printed)."),
      });
    }
    const ok = verdicts.filter((v) => v.compatible).map((v) => v.k);
    const detail = verdicts
      .map(
        (v) =>
          `k=${v.k}: adj ${formatInterval(v.adjImplied)}${v.adjFits ? "✓" : "✗"}, ` +
          `${v.k === 1 ? "R² from t" : "R² ≥"} ${formatInterval(v.r2FromT)}${v.tFits ? "✓" : "✗"}`,
      )
      .join("; ");
    out.push({
      rule: "table6-specification",
      subject: `Table 6, ${region}: regressor counts compatible with t, N, R² and adj. R²`,
      published: `t = ${tCell.printed}, N = ${n}, R² = ${r2Cell.printed}, adj. R² = ${adjCell.printed}`,
      implied: ok.length > 0 ? [Math.min(...ok), Math.max(...ok)] : [0, 0],
      ok: ok.length > 0,
      note:
        `${detail}. ` +
        (ok.length > 0
          ? `Compatible: k ∈ {${ok.join(", ")}}; Model 6's regressor set (k = 5) ${ok.includes(5) ? "is" : "is not"} among them.`
          : "No regressor count 1…5 is compatible with the printed numbers."),
    });
  }
  if (regions.length >= 2) {
    const pooled = T.models(5).map((m) => T.n(5, m));
    if (pooled.length > 0) {
      const sum = regions.reduce((s, r) => s + T.n(6, r), 0);
      const nPooled = pooled[0];
      out.push({
        rule: "table6-specification",
        subject: "Table 6: the regions' N add up to Table 5's N",
        published: `N = ${regions.map((r) => T.n(6, r)).join(" + ")} (Table 5: ${nPooled})`,
        implied: sum,
        ok: sum === nPooled,
        note:
          `the regions partition the pooled sample: ${regions.map((r) => T.n(6, r)).join(" + ")} = ${sum} vs ${nPooled}.` +
          (sum === nPooled
            ? ""
            : " The subsamples do not add up: cities or years dropped, or overlapping regions."),
      });
    }
  }
  return out;
}
