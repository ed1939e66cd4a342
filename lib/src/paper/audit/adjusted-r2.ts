/**
 * Audit rule 3 — adjusted R² from R², N and the number of regressors k.
 *
 * Identity: adj. R² = 1 − (1 − R²)·(N − 1)/(N − k − 1).
 *
 * Rounding: the formula is increasing in R² and R² occurs once, so the implied adj. R² is the
 * image of R²'s printed interval; the check fails only if it misses the printed adj. R²
 * interval. Table 6 does not print its regressors, so every k = 1…5 is tried (Table 5 spans
 * one to five regressors) and the check passes when at least one k fits; the note lists which
 * (rule 6 uses the same computation to narrow Table 6's specification down).
 *
 * What a failure would mean: a typo, a different N (observations dropped), or an adjusted R²
 * from another formula (e.g. a within R² from a fixed-effects routine). What it would not
 * mean: that the coefficients are wrong.
 */
import type { Interval } from "./interval";
import { formatInterval, intervalHull, intervalMonotone, intervalsOverlap } from "./interval";
import type { AuditCheck, AuditInput } from "./types";
import { AuditTables } from "./types";

/**
 * Adjusted R² implied by an R² interval: 1 − (1 − R²)(N − 1)/(N − k − 1).
 * Throws: nothing (N − k − 1 ≤ 0 gives non-finite bounds, which never overlap).
 * @example
 * auditAdjustedR2FromR2([0.8735, 0.8745], 50, 1); // ≈ [0.8709, 0.8719] (printed 0.86: no)
 * auditAdjustedR2FromR2([0.8735, 0.8745], 50, 5); // ≈ [0.8591, 0.8602] (yes)
 */
export function auditAdjustedR2FromR2(r2: Interval, n: number, k: number): Interval {
  return intervalMonotone(r2, (r) => 1 - ((1 - r) * (n - 1)) / (n - k - 1));
}

/** Regressor counts tried for a table that does not print its regressors. */
export const AUDIT_CANDIDATE_K = [1, 2, 3, 4, 5];

/**
 * Checks the adjusted R² of every model in Tables 5 and 6.
 * Throws: DataError when a model's N is missing.
 * @example
 * auditAdjustedR2({ cells }).map((c) => `${c.subject}: ${c.ok}`);
 */
export function auditAdjustedR2(input: AuditInput): AuditCheck[] {
  const T = new AuditTables(input.cells);
  const out: AuditCheck[] = [];
  for (const table of [5, 6]) {
    for (const model of T.models(table)) {
      const r2Cell = T.cell(table, "r2", model, "");
      const adjCell = T.cell(table, "adj_r2", model, "");
      if (!r2Cell || !adjCell) continue;
      const n = T.n(table, model);
      const r2 = T.interval(r2Cell);
      const adj = T.interval(adjCell);
      const ks = table === 6 ? AUDIT_CANDIDATE_K : [T.regressors(table, model).length];
      const per = ks.map((k) => {
        const implied = auditAdjustedR2FromR2(r2, n, k);
        return { k, implied, fits: intervalsOverlap(implied, adj) };
      });
      const fitting = per.filter((p) => p.fits);
      const pool = fitting.length > 0 ? fitting : per;
      const implied = pool.map((p) => p.implied).reduce(intervalHull);
      const ok = fitting.length > 0;
      const identity = `adj. R² = 1 − (1 − R²)(N − 1)/(N − k − 1), R² ${r2Cell.printed}, N = ${n}`;
      let note: string;
      if (table === 5) {
        note =
          `${identity}, k = ${ks[0]}: implied ${formatInterval(implied)} vs printed ${formatInterval(adj)}.` +
          (ok
            ? ""
            : " No R² in its rounding interval gives the printed adj. R²: a typo, another N, or another k.");
      } else {
        const list = per
          .map((p) => `k=${p.k} ${formatInterval(p.implied)}${p.fits ? " ✓" : " ✗"}`)
          .join("; ");
        note =
          `${identity}, regressors not printed, k tried 1…5: ${list}; printed ${formatInterval(adj)}. ` +
          (ok
            ? `Compatible with k ∈ {${fitting.map((p) => p.k).join(", ")}}.`
            : "No regressor count 1…5 fits: a typo, another N or another formula.");
      }
      out.push({
        rule: "adjusted-r2",
        subject: `Table ${table}, ${model}: adj. R² from R², N and k`,
        published: `adj. R² = ${adjCell.printed}`,
        implied,
        ok,
        note,
      });
    }
  }
  return out;
}
