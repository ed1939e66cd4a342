/**
 * Audit rule 2 — identities of a bivariate regression y = a + b·x (Table 5, models with a
 * single regressor), checked against Table 3's means and standard deviations.
 *
 * With one regressor, OLS is a function of five moments and N:
 *   R² = t²/(t² + df), df = N − 2                       (t of the slope; F = t²)
 *   b  = r·s_y/s_x, r = sign(t)·√R²                     (slope from the correlation)
 *   a  = ȳ − b·x̄                                        (the line passes through the means)
 *   t_a = a·t_b / (b·√((N−1)s_x²/N + x̄²))               (intercept t from the slope t:
 *        se(a)/se(b) = √(S_xx/N + x̄²), S_xx = (N−1)s_x²)
 *
 * Rounding: R² from t is monotone in |t|, so its range is the image of the t interval. In the
 * other three formulas every printed number occurs once, so plain interval arithmetic gives
 * the exact range over the box of printed intervals. A check fails only if that range misses
 * the printed interval of the left-hand side.
 *
 * What a failure would mean: the model was not estimated on the sample Table 3 describes (a
 * different sample, transformed variables, weights), or a typo. What it would not mean: that
 * the regression is wrong — only that the two tables do not describe the same data.
 */
import type { Interval } from "./interval";
import {
  formatInterval,
  intervalAdd,
  intervalDiv,
  intervalAbs,
  intervalMonotone,
  intervalMul,
  intervalScale,
  intervalSqrt,
  intervalSquare,
  intervalSub,
  intervalsOverlap,
} from "./interval";
import type { AuditCheck, AuditInput } from "./types";
import { AuditTables } from "./types";

/**
 * R² implied by a bivariate slope t value, as an interval over the printed t.
 *
 * Formula: R² = t²/(t² + df), increasing in |t|. Throws: nothing.
 * @example
 * auditR2FromT([17.245, 17.255], 108); // ≈ [0.7336, 0.7338]
 * auditR2FromT([11.965, 11.975], 58);  // ≈ [0.7117, 0.7120], far from Table 6's 0.923
 */
export function auditR2FromT(t: Interval, df: number): Interval {
  return intervalMonotone(intervalAbs(t), (x) => (x * x) / (x * x + df));
}

function check(
  subject: string,
  published: string,
  printed: Interval,
  implied: Interval,
  identity: string,
  failMeaning: string,
): AuditCheck {
  const ok = intervalsOverlap(printed, implied);
  return {
    rule: "bivariate-identities",
    subject,
    published,
    implied,
    ok,
    note:
      `${identity}: implied ${formatInterval(implied)} vs printed ${formatInterval(printed)}.` +
      (ok ? "" : ` No values inside the printed intervals satisfy it: ${failMeaning}`),
  };
}

/**
 * Runs the four bivariate identities for every Table 5 model with exactly one regressor.
 * Throws: DataError when a needed cell (t, R², coefficient, Table 3 mean/SD, N) is missing.
 * @example
 * const checks = auditBivariateIdentities({ cells });
 * checks.map((c) => [c.subject, c.ok]); // 4 checks per bivariate model
 */
export function auditBivariateIdentities(input: AuditInput): AuditCheck[] {
  const T = new AuditTables(input.cells);
  const yName = T.dependentVariable();
  const out: AuditCheck[] = [];
  for (const model of T.models(5)) {
    const regs = T.regressors(5, model);
    if (regs.length !== 1) continue;
    const x = regs[0];
    const n = T.n(5, model);
    const bCell = T.need(5, "coef", model, x);
    const tCell = T.need(5, "t", model, x);
    const aCell = T.need(5, "coef", model, "_cons");
    const taCell = T.cell(5, "t", model, "_cons");
    const r2Cell = T.need(5, "r2", model, "");
    const b = T.interval(bCell);
    const t = T.interval(tCell);
    const a = T.interval(aCell);
    const r2 = T.interval(r2Cell);
    const yMean = T.interval(T.need(3, "mean", "", yName));
    const ySd = T.interval(T.need(3, "sd", "", yName));
    const xMean = T.interval(T.need(3, "mean", "", x));
    const xSd = T.interval(T.need(3, "sd", "", x));
    const label = `Table 5, ${model} (${yName} on ${x})`;

    out.push(
      check(
        `${label}: R² from t and N`,
        `R² = ${r2Cell.printed} (t = ${tCell.printed}, N = ${n})`,
        r2,
        auditR2FromT(t, n - 2),
        `R² = t²/(t² + N − 2)`,
        "the printed R² and t cannot come from the same bivariate regression on N observations (another specification, sample or standard error).",
      ),
    );

    // slope: b = sign(t)·√R²·s_y/s_x; the sign of the correlation is the sign of t.
    const sign = Number(tCell.printed) < 0 ? -1 : 1;
    const slope = intervalScale(intervalDiv(intervalMul(intervalSqrt(r2), ySd), xSd), sign);
    out.push(
      check(
        `${label}: slope from R² and Table 3's SDs`,
        `b = ${bCell.printed}`,
        b,
        slope,
        `b = r·s_y/s_x with r = ±√R² (R² ${r2Cell.printed}, s_y ${T.need(3, "sd", "", yName).printed}, s_x ${T.need(3, "sd", "", x).printed})`,
        "the regression sample is not the one Table 3 describes, or a number is mistyped.",
      ),
    );

    const intercept = intervalSub(yMean, intervalMul(b, xMean));
    out.push(
      check(
        `${label}: intercept from Table 3's means`,
        `a = ${aCell.printed}`,
        a,
        intercept,
        `a = ȳ − b·x̄ (ȳ ${T.need(3, "mean", "", yName).printed}, b ${bCell.printed}, x̄ ${T.need(3, "mean", "", x).printed})`,
        "the fitted line does not pass through Table 3's means: another sample or transformed variables.",
      ),
    );

    if (taCell) {
      // t_a = a·t_b / (b·√((N−1)s_x²/N + x̄²)); each printed number occurs once.
      const root = intervalSqrt(
        intervalAdd(intervalScale(intervalSquare(xSd), (n - 1) / n), intervalSquare(xMean)),
      );
      const ta = intervalDiv(intervalMul(a, t), intervalMul(b, root));
      out.push(
        check(
          `${label}: intercept t from the slope t`,
          `t(a) = ${taCell.printed}`,
          T.interval(taCell),
          ta,
          `t_a = a·t_b/(b·√((N−1)s_x²/N + x̄²)), since se(a)/se(b) = √(S_xx/N + x̄²)`,
          "the two standard errors do not come from one classical OLS fit on Table 3's sample (robust or clustered errors, or another sample).",
        ),
      );
    }
  }
  return out;
}
