/**
 * The result of a formula fit, read by name as in statsmodels and fixest:
 *
 *   const res = ols("CO ~ NQP + TRADE + UIS + GOV + RCY", df);
 *   res.params.NQP; res.bse.NQP; res.tvalues.TRADE; res.pvalues.TRADE; res.confInt().NQP;
 *   res.nobs; res.rsquared; res.rsquaredAdj; res.fvalue; res.dfResid; res.summary();
 *
 * Names are statsmodels' in camelCase (`rsquared_adj` → `rsquaredAdj`, `conf_int()` →
 * `confInt()`, `cov_params()` → `covParams()`); the constant is "Intercept" as in statsmodels'
 * formula API and R. Everything is computed once at fit time by the array estimator (`olsMatrix`,
 * Householder QR) and kept in `result`; this class only names it.
 *
 * `summary()` returns the numbers of statsmodels' summary as a `RegressionSummary` (plain text
 * with `asText()`; present/ renders it as HTML): estimation and presentation stay apart.
 */
import { DataError } from "../data/errors";
import { chiSquarePValue, tQuantile } from "./distributions";
import type { OlsResult } from "./ols-matrix";

/** A value per parameter name, in the model's order ("Intercept" first when there is one). */
export type Named<T = number> = Record<string, T>;

/** What the model was fitted on, as statsmodels' `res.model`. */
export interface ModelData {
  /** The formula as given. */
  formula: string;
  /** Name of the dependent variable ("CO"). */
  endogName: string;
  /** The dependent variable (after fixed effects are absorbed: demeaned). */
  endog: number[];
  /** Names of the columns of `exog` (the parameter names). */
  exogNames: string[];
  /** The design matrix, one row per observation, with the constant column when there is one. */
  exog: number[][];
  /** Fixed effects absorbed (fixest's "|"), by column name; [] for pooled OLS. */
  fixedEffects: string[];
}

/** The covariance chosen at fit time. */
export type CovName = "nonrobust" | "HC1" | "cluster";

/** Extra facts of a fixed-effects fit. */
export interface AbsorbedEffects {
  /** Column names of the absorbed effects. */
  names: string[];
  /** Number of levels of each. */
  levels: number[];
  /** R² of the demeaned regression (fixest's "within R²"). */
  withinRsquared: number;
}

/** One row of the coefficient table of a summary (numbers, not strings). */
export interface SummaryCoefficient {
  name: string;
  coef: number;
  stdErr: number;
  t: number;
  p: number;
  low: number;
  high: number;
}

/**
 * The content of statsmodels' `summary()`: header fields, coefficient table, residual diagnostics
 * and notes, with `asText()` for aligned plain text (present/ renders it as HTML).
 */
export class RegressionSummary {
  constructor(
    readonly title: string,
    /** Left and right header columns: [label, formatted value]. */
    readonly left: [string, string][],
    readonly right: [string, string][],
    /** Header of the interval columns, e.g. ["[0.025", "0.975]"]. */
    readonly intervalLabels: [string, string],
    readonly coefficients: SummaryCoefficient[],
    /** Residual diagnostics: [label, formatted value] pairs, two per line. */
    readonly diagnostics: [string, string][],
    readonly notes: string[],
  ) {}

  /**
   * The summary as aligned plain text, 78 characters wide (statsmodels' `as_text()`).
   *
   * Throws: never.
   * @example
   * console.log(ols("y ~ x", data).summary().asText());
   */
  asText(): string {
    return summaryText(this);
  }

  /** The text form, so `String(summary)` and template literals print the table. */
  toString(): string {
    return this.asText();
  }
}

/**
 * Formats a number as statsmodels' summary does: 4 significant decimals for coefficients,
 * 3 decimals for statistics, scientific for tiny p-values.
 */
function fmt(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return "—";
  if (x !== 0 && Math.abs(x) < 10 ** -decimals) return x.toExponential(2);
  if (Math.abs(x) >= 1e6) return x.toExponential(3);
  return x.toFixed(decimals);
}

/** Turns an array aligned with `names` into a record keyed by name. */
function byName(names: string[], values: ArrayLike<number>): Named {
  const out: Named = {};
  names.forEach((nm, j) => (out[nm] = values[j]));
  return out;
}

/**
 * A fitted linear model with every per-term quantity available by name.
 *
 * Construct it through `ols(formula, data, options)`; the constructor only wraps an `OlsResult`.
 * @example
 * const res = ols("CO ~ NQP + TRADE", df);
 * res.params.NQP; res.confInt().TRADE; // [low, high]
 */
export class RegressionResults {
  /** The array-level result (numbers in model order, `names` with "Intercept"). */
  readonly result: OlsResult;
  readonly model: ModelData;
  /** Parameter names in order. */
  readonly names: string[];
  readonly params: Named;
  readonly bse: Named;
  readonly tvalues: Named;
  readonly pvalues: Named;
  readonly nobs: number;
  readonly rsquared: number;
  readonly rsquaredAdj: number;
  /** Overall F statistic (a Wald F under robust or cluster covariance) and its p-value. */
  readonly fvalue: number;
  readonly fPvalue: number;
  readonly dfModel: number;
  readonly dfResid: number;
  /** Sum of squared residuals, explained sum of squares, and σ̂² = ssr/dfResid ("scale"). */
  readonly ssr: number;
  readonly ess: number;
  readonly scale: number;
  readonly resid: number[];
  readonly fittedvalues: number[];
  readonly covType: CovName;
  /** Number of clusters (cluster covariance only). */
  readonly nClusters?: number;
  /** Fixed effects absorbed (fixest's "|"), or undefined for pooled OLS. */
  readonly absorbed?: AbsorbedEffects;
  /** Gaussian log-likelihood, and the information criteria built on it (statsmodels' llf, aic, bic). */
  readonly llf: number;
  readonly aic: number;
  readonly bic: number;

  constructor(result: OlsResult, model: ModelData, absorbed?: AbsorbedEffects) {
    const names = result.names.map((nm) => (nm === "const" ? "Intercept" : nm));
    this.result = { ...result, names };
    this.model = model;
    this.names = names;
    this.params = byName(names, result.params);
    this.bse = byName(names, result.bse);
    this.tvalues = byName(names, result.tvalues);
    this.pvalues = byName(names, result.pvalues);
    this.nobs = result.nobs;
    this.rsquared = result.rsquared;
    this.rsquaredAdj = result.rsquaredAdj;
    this.fvalue = result.fvalue;
    this.fPvalue = result.fPvalue;
    this.dfModel = result.dfModel;
    this.dfResid = result.dfResid;
    this.ssr = result.ssr;
    this.ess = result.ess;
    this.scale = result.sigma2;
    this.resid = result.resid;
    this.fittedvalues = result.fitted;
    this.covType = result.covType === "classical" ? "nonrobust" : (result.covType as CovName);
    if (result.nClusters !== undefined) this.nClusters = result.nClusters;
    if (absorbed) this.absorbed = absorbed;
    const n = result.nobs;
    this.llf = -(n / 2) * (Math.log(2 * Math.PI) + Math.log(result.ssr / n) + 1);
    // statsmodels counts the parameters as dfModel + (1 if constant); absorbed effects count too.
    const k = n - result.dfResid;
    this.aic = -2 * this.llf + 2 * k;
    this.bic = -2 * this.llf + Math.log(n) * k;
  }

  /**
   * Confidence intervals [low, high] per parameter: β̂ ± t_{1−α/2}(df)·se, with df = dfResid
   * (G − 1 for cluster covariance).
   *
   * Throws: DataError unless 0 < alpha < 1.
   * @example
   * res.confInt().NQP; // [0.77, 0.98]; res.confInt(0.1) for 90% intervals
   */
  confInt(alpha = 0.05): Named<[number, number]> {
    if (!(alpha > 0 && alpha < 1)) {
      throw new DataError(`alpha must be between 0 and 1 (got ${alpha})`, {
        hint: "use 0.05 for 95% intervals",
      });
    }
    const q = tQuantile(1 - alpha / 2, this.result.dfInference);
    const out: Named<[number, number]> = {};
    this.names.forEach((nm, j) => {
      const b = this.result.params[j];
      const s = this.result.bse[j];
      out[nm] = [b - q * s, b + q * s];
    });
    return out;
  }

  /**
   * The covariance matrix of the estimates by name: `covParams().NQP.TRADE`.
   *
   * Throws: never.
   * @example
   * res.covParams().NQP.NQP === res.bse.NQP ** 2; // true
   */
  covParams(): Named<Named> {
    const out: Named<Named> = {};
    this.names.forEach((a, i) => (out[a] = byName(this.names, this.result.covParams[i])));
    return out;
  }

  /**
   * statsmodels' summary: model facts, the coefficient table with 95% intervals, and residual
   * diagnostics (skew, kurtosis, Jarque–Bera, Durbin–Watson in row order).
   *
   * Throws: never. Display it with `display(res.summary())`; `asText()` gives aligned text.
   * @example
   * console.log(res.summary().asText());
   */
  summary(alpha = 0.05): RegressionSummary {
    const ci = this.confInt(alpha);
    const cov =
      this.covType === "cluster"
        ? `cluster (CR1, ${this.nClusters} groups)`
        : this.covType === "HC1"
          ? "HC1"
          : "nonrobust";
    const e = this.resid;
    const n = e.length;
    const mean = e.reduce((a, b) => a + b, 0) / n;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    let dw = 0;
    for (let i = 0; i < n; i++) {
      const d = e[i] - mean;
      m2 += d * d;
      m3 += d * d * d;
      m4 += d * d * d * d;
      if (i > 0) dw += (e[i] - e[i - 1]) ** 2;
    }
    m2 /= n;
    m3 /= n;
    m4 /= n;
    const skew = m3 / m2 ** 1.5;
    const kurt = m4 / (m2 * m2);
    const jb = (n / 6) * (skew * skew + ((kurt - 3) * (kurt - 3)) / 4);
    const dwStat = dw / e.reduce((a, b) => a + b * b, 0);
    const left: [string, string][] = [
      ["Dep. Variable:", this.model.endogName],
      ["Model:", this.absorbed ? "OLS, fixed effects" : "OLS"],
      ["Method:", "Least Squares (QR)"],
      ["No. Observations:", String(this.nobs)],
      ["Df Residuals:", String(this.dfResid)],
      ["Df Model:", String(this.dfModel)],
      ["Covariance Type:", cov],
    ];
    if (this.absorbed) {
      left.push([
        "Fixed effects:",
        this.absorbed.names.map((nm, j) => `${nm} (${this.absorbed!.levels[j]})`).join(", "),
      ]);
    }
    const right: [string, string][] = [
      ["R-squared:", fmt(this.rsquared, 3)],
      ["Adj. R-squared:", fmt(this.rsquaredAdj, 3)],
      ["F-statistic:", fmt(this.fvalue, 2)],
      ["Prob (F-statistic):", fmt(this.fPvalue, 3)],
      ["Log-Likelihood:", fmt(this.llf, 2)],
      ["AIC:", fmt(this.aic, 1)],
      ["BIC:", fmt(this.bic, 1)],
    ];
    if (this.absorbed) right.push(["Within R-squared:", fmt(this.absorbed.withinRsquared, 3)]);
    const diagnostics: [string, string][] = [
      ["Skew:", fmt(skew, 3)],
      ["Durbin-Watson:", fmt(dwStat, 3)],
      ["Kurtosis:", fmt(kurt, 3)],
      ["Jarque-Bera (JB):", fmt(jb, 3)],
      ["Prob(JB):", fmt(chiSquarePValue(jb, 2), 3)],
      ["Cond. No. (scaled X):", fmt(this.result.conditionNumber, 1)],
    ];
    const notes = [
      this.covType === "nonrobust"
        ? "Standard errors assume that the covariance matrix of the errors is correctly specified."
        : this.covType === "HC1"
          ? "Standard errors are heteroskedasticity-robust (HC1)."
          : `Standard errors are cluster-robust (CR1) with ${this.nClusters} clusters; t and p use t(${this.nClusters! - 1}).`,
    ];
    const coefficients = this.names.map((nm) => ({
      name: nm,
      coef: this.params[nm],
      stdErr: this.bse[nm],
      t: this.tvalues[nm],
      p: this.pvalues[nm],
      low: ci[nm][0],
      high: ci[nm][1],
    }));
    const lo = `[${String(alpha / 2)}`;
    const hi = `${String(1 - alpha / 2)}]`;
    const title = this.absorbed
      ? "OLS Regression Results (fixed effects absorbed)"
      : "OLS Regression Results";
    const labels: [string, string] = [lo, hi];
    const summary = new RegressionSummary(
      title,
      left,
      right,
      labels,
      coefficients,
      diagnostics,
      notes,
    );
    return summary;
  }
}

/** Breaks text into lines of at most `width` characters at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line];
}

/** statsmodels-style aligned text of a summary, 78 characters wide. */
function summaryText(s: RegressionSummary): string {
  const W = 78;
  const half = W / 2;
  const rule = (c: string) => c.repeat(W);
  const pairLine = (a?: [string, string], b?: [string, string]): string => {
    const cell = (p?: [string, string]) =>
      p ? p[0] + p[1].padStart(half - p[0].length - 1) + " " : " ".repeat(half);
    return (cell(a) + cell(b)).trimEnd();
  };
  const lines = [s.title.padStart((W + s.title.length) / 2), rule("=")];
  for (let i = 0; i < Math.max(s.left.length, s.right.length); i++) {
    lines.push(pairLine(s.left[i], s.right[i]));
  }
  lines.push(rule("="));
  const nameWidth = Math.max(10, ...s.coefficients.map((c) => c.name.length)) + 1;
  const head = ["coef", "std err", "t", "P>|t|", s.intervalLabels[0], s.intervalLabels[1]];
  lines.push(" ".repeat(nameWidth) + head.map((h) => h.padStart(11)).join(""));
  lines.push(rule("-"));
  for (const c of s.coefficients) {
    const cells = [
      fmt(c.coef, 4),
      fmt(c.stdErr, 3),
      fmt(c.t, 3),
      fmt(c.p, 3),
      fmt(c.low, 3),
      fmt(c.high, 3),
    ];
    lines.push(c.name.padEnd(nameWidth) + cells.map((v) => v.padStart(11)).join(""));
  }
  lines.push(rule("="));
  for (let i = 0; i < s.diagnostics.length; i += 2) {
    lines.push(pairLine(s.diagnostics[i], s.diagnostics[i + 1]));
  }
  lines.push(rule("="));
  lines.push("Notes:");
  s.notes.forEach((note, i) => lines.push(...wrap(`[${i + 1}] ${note}`, W)));
  return lines.join("\n");
}
