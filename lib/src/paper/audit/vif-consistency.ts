/**
 * Audit rule 4 — Table 4's internal arithmetic: each 1/VIF against its VIF, and the mean VIF.
 *
 * Identities: tolerance_j = 1/VIF_j = 1 − R²_j (R²_j from regressing x_j on the other
 * regressors), and mean VIF = (1/m)·Σ_j VIF_j.
 *
 * Rounding: 1/x is decreasing and the mean is a sum with each VIF once, so interval arithmetic
 * gives the exact implied ranges. Note that "1.06" (two decimals) against "0.944" (three)
 * pins TRADE's VIF to [1.0587, 1.0598]: the printed 1/VIF carries more information than the
 * printed VIF.
 *
 * What a failure would mean: a typo, or tolerances and VIFs taken from different regressions.
 * It says nothing about whether multicollinearity is a problem (that is the text's claim,
 * checked in rule 5).
 */
import type { Interval } from "./interval";
import {
  formatInterval,
  intervalAdd,
  intervalMonotone,
  intervalScale,
  intervalsOverlap,
} from "./interval";
import type { AuditCheck, AuditInput } from "./types";
import { AuditTables } from "./types";

/**
 * Checks 1/VIF for every Table 4 row and the printed mean VIF.
 * Throws: nothing for a table without VIFs (returns no checks).
 * @example
 * auditVifConsistency({ cells }).find((c) => c.subject.includes("mean"))?.implied; // ≈ [2.0994, 2.1022]
 */
export function auditVifConsistency(input: AuditInput): AuditCheck[] {
  const T = new AuditTables(input.cells);
  const out: AuditCheck[] = [];
  const vifs = T.cells.filter((c) => c.table === 4 && c.kind === "vif");
  for (const v of vifs) {
    const inv = T.cell(4, "inv_vif", "", v.variable);
    if (!inv) continue;
    const vif = T.interval(v);
    const implied = intervalMonotone(vif, (x) => 1 / x);
    const printed = T.interval(inv);
    const ok = intervalsOverlap(implied, printed);
    const pinned: Interval = intervalMonotone(printed, (x) => 1 / x);
    out.push({
      rule: "vif-consistency",
      subject: `Table 4, ${v.variable}: 1/VIF from VIF`,
      published: `1/VIF = ${inv.printed} (VIF = ${v.printed})`,
      implied,
      ok,
      note:
        `1/VIF over VIF ∈ ${formatInterval(vif)}: ${formatInterval(implied)} vs printed ${formatInterval(printed)}` +
        (ok
          ? `; together they pin VIF to ${formatInterval([Math.max(vif[0], pinned[0]), Math.min(vif[1], pinned[1])])}.`
          : `. The printed 1/VIF implies VIF ∈ ${formatInterval(pinned)}: a typo in one of the two columns.`),
    });
  }
  const meanCell = T.cells.find((c) => c.table === 4 && c.kind === "vif_mean");
  if (meanCell && vifs.length > 0) {
    const sum = vifs.map((v) => T.interval(v)).reduce(intervalAdd);
    const implied = intervalScale(sum, 1 / vifs.length);
    const printed = T.interval(meanCell);
    const ok = intervalsOverlap(implied, printed);
    out.push({
      rule: "vif-consistency",
      subject: "Table 4: mean VIF from the VIFs",
      published: `VIF mean = ${meanCell.printed}`,
      implied,
      ok,
      note:
        `mean VIF = (${vifs.map((v) => v.printed).join(" + ")})/${vifs.length}: ${formatInterval(implied)} vs printed ${formatInterval(printed)}.` +
        (ok
          ? ""
          : " The printed mean is not the mean of the printed VIFs: a typo or a different set of regressors."),
    });
  }
  return out;
}
