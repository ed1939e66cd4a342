/**
 * Joint tests of linear hypotheses on the parameters of a fitted model: the Wald χ² test and its
 * F form (R's car::linearHypothesis, statsmodels' `wald_test` / `f_test`, Stata's `test`).
 *
 * A set of q linear restrictions is written Rβ = r (R is q×k, one row per restriction). With the
 * estimate β̂ and an estimate V of its covariance — classical s²(X'X)⁻¹, HC1, or cluster-robust
 * CR1, whichever the fit used — the Wald statistic measures how far Rβ̂ − r is from 0 in the
 * metric of its own covariance RVR':
 *
 *   W = (Rβ̂ − r)' (R V R')⁻¹ (Rβ̂ − r)  ~  χ²(q) under H₀ (asymptotically),
 *   F = W / q                            ~  F(q, d) (exact for classical V and normal errors).
 *
 * With the classical V, F equals the textbook ((SSR_restricted − SSR)/q)/(SSR/(n − k)). The
 * denominator degrees of freedom d default to the fit's `dfInference`: n − k for the classical
 * and HC1 covariances, G − 1 for a cluster-robust one (G clusters; what Stata and statsmodels
 * use, and the only honest choice with few clusters). car::linearHypothesis uses n − k for every
 * covariance; pass `dfDenom: fit.dfResid` to reproduce it. With a cluster-robust V at most G − 1
 * restrictions can be tested: RVR' has rank ≤ G − 1.
 *
 * Hypotheses can be written as strings over the parameter names (`parseLinearHypotheses`):
 * "x1 = 0, x2 = 0" (two restrictions), "x1 = x2 = 0" (chained: x1 − x2 = 0 and x2 = 0, as in
 * statsmodels), "x1 + x2 = 1", "2*x1 - x3 = const", "x1" (means x1 = 0).
 */
import { DataError } from "../data/errors";
import { chiSquarePValue, fPValue } from "./distributions";
import { choleskyLower } from "./cholesky";
import type { OlsResult } from "./ols-matrix";

/** q linear restrictions Rβ = r, with a readable label for each row. */
export interface LinearHypothesis {
  /** q×k restriction matrix, columns in the order of the parameter names. */
  R: number[][];
  /** Right-hand sides (length q). */
  r: number[];
  /** One label per restriction, e.g. "x1 - x2 = 0". */
  labels: string[];
}

/** What `waldTest` needs from a fit: the array result of `ols(y, X)` (names, params, covariance). */
export type WaldFit = Pick<OlsResult, "names" | "params" | "covParams" | "dfInference"> &
  Partial<Pick<OlsResult, "covType" | "nClusters">>;

/**
 * A fit that holds its array result in `.result`: a formula fit (`ols("y ~ x", df)`), or the
 * result of `fixedEffects`, `randomEffects` or `betweenEstimator`.
 */
export interface HasWaldFit {
  result: WaldFit;
}

/** Options of `waldTest`. */
export interface WaldTestOptions {
  /** Denominator degrees of freedom of the F form (default: the fit's dfInference). */
  dfDenom?: number;
}

/** Result of `waldTest`, with statsmodels-like names. */
export interface WaldTestResult {
  /** The restrictions tested. */
  hypothesis: LinearHypothesis;
  /** Rβ̂ − r, one value per restriction. */
  value: number[];
  /** R V R', the covariance of Rβ̂ (q×q). */
  valueCov: number[][];
  /** Wald statistic W = (Rβ̂ − r)'(RVR')⁻¹(Rβ̂ − r). */
  statistic: number;
  /** Number of restrictions q (the χ² degrees of freedom). */
  df: number;
  /** P(χ²(q) > W). */
  pValue: number;
  /** F = W/q. */
  fvalue: number;
  dfNum: number;
  dfDenom: number;
  /** P(F(q, dfDenom) > F). */
  fPvalue: number;
  /** The covariance the fit used ("classical", "HC1", "cluster"), when the fit says. */
  covType?: string;
}

/**
 * Wald χ² and F tests of the joint hypothesis Rβ = r on a fitted model.
 *
 * Formula: W = (Rβ̂ − r)'(RVR')⁻¹(Rβ̂ − r) with V = fit.covParams, p = P(χ²(q) > W);
 * F = W/q, p_F = P(F(q, d) > F), d = opts.dfDenom ?? fit.dfInference (n − k, or G − 1 when
 * clustered). (RVR')⁻¹ is applied through a Cholesky factorisation.
 * The fit is `ols()`'s result (formula or arrays) or a fixed-/random-effects/between result;
 * the constant is "Intercept" in a formula fit and "const" in an array fit.
 * Throws: DataError for a hypothesis that names an unknown parameter or cannot be parsed, an
 * R with the wrong number of columns, non-finite R or r, or restrictions that are linearly
 * dependent or untestable with this covariance (RVR' singular, e.g. more restrictions than
 * clusters − 1).
 * @example
 * const res = ols("y ~ x1 + x2", df, { cov: "cluster", groups: "firm" });
 * waldTest(res, "x1 = 0, x2 = 0").fPvalue; // joint test of both slopes, F(2, G − 1)
 * waldTest(res, "x1 = x2").pValue;         // equality of two coefficients, χ²(1)
 * waldTest(ols(y, X), { R: [[0, 1, -1]], r: [0] }); // the same with arrays and a matrix
 */
export function waldTest(
  model: WaldFit | HasWaldFit,
  hypotheses: string | string[] | { R: number[][]; r?: number[] },
  opts: WaldTestOptions = {},
): WaldTestResult {
  const fit = unwrapFit(model);
  const { names, params, covParams } = fit;
  const k = names.length;
  if (params.length !== k || covParams.length !== k || covParams.some((row) => row.length !== k)) {
    throw new DataError(
      `the fit has ${k} names, ${params.length} parameters and a ${covParams.length}-row covariance`,
      { hint: "pass the result of ols() (or a fixed/random-effects result's .result)" },
    );
  }
  const hyp =
    typeof hypotheses === "string" || Array.isArray(hypotheses)
      ? parseLinearHypotheses(hypotheses, names)
      : hypothesisFromMatrix(hypotheses.R, hypotheses.r, names);
  const { R, r } = hyp;
  const q = R.length;
  params.forEach((b, j) => {
    if (!Number.isFinite(b)) {
      throw new DataError(`the estimate is ${String(b)}`, { variable: names[j] });
    }
  });

  // value = Rβ̂ − r and its covariance M = R V R'.
  const value = R.map((row, i) => row.reduce((s, c, j) => s + c * params[j], 0) - r[i]);
  const RV = R.map((row) =>
    names.map((_, b) => row.reduce((s, c, a) => s + c * covParams[a][b], 0)),
  );
  const M = RV.map((row) => R.map((other) => row.reduce((s, v, b) => s + v * other[b], 0)));

  const L = choleskyLower(M, { relative: 1e-10 });
  if (L === null) {
    throw new DataError(
      `the ${q} restrictions cannot be tested jointly: R V R' is singular (${hyp.labels.join("; ")})`,
      {
        hint: "drop restrictions implied by the others; with a cluster-robust covariance test at most G − 1 restrictions",
      },
    );
  }
  // W = value' M⁻¹ value = ‖L⁻¹ value‖², by forward substitution.
  const z = new Array<number>(q);
  let W = 0;
  for (let i = 0; i < q; i++) {
    let s = value[i];
    for (let l = 0; l < i; l++) s -= L[i][l] * z[l];
    z[i] = s / L[i][i];
    W += z[i] * z[i];
  }
  const dfDenom = opts.dfDenom ?? fit.dfInference;
  if (!(dfDenom > 0) || !Number.isFinite(dfDenom)) {
    throw new DataError(`denominator degrees of freedom must be positive (got ${dfDenom})`, {
      hint: "the model needs more observations (or clusters) than parameters",
    });
  }
  const F = W / q;
  const fPvalue = fPValue(F, q, dfDenom);
  return {
    hypothesis: hyp,
    value,
    valueCov: M,
    statistic: W,
    df: q,
    pValue: chiSquarePValue(W, q),
    fvalue: F,
    dfNum: q,
    dfDenom,
    fPvalue,
    ...(fit.covType !== undefined ? { covType: fit.covType } : {}),
  };
}

/** The array result inside a formula/panel fit, or the fit itself. */
function unwrapFit(model: WaldFit | HasWaldFit): WaldFit {
  const inner = (model as HasWaldFit).result;
  if (inner !== undefined && Array.isArray(inner.params)) return inner;
  const fit = model as WaldFit;
  if (!Array.isArray(fit.names) || !Array.isArray(fit.params) || !Array.isArray(fit.covParams)) {
    throw new DataError("waldTest needs a fitted model (names, estimates and their covariance)", {
      hint: 'pass the result of ols(...), e.g. waldTest(ols("y ~ x1 + x2", df), "x1 = x2")',
    });
  }
  return fit;
}

function hypothesisFromMatrix(
  R: number[][],
  r: number[] | undefined,
  names: string[],
): LinearHypothesis {
  const k = names.length;
  if (!Array.isArray(R) || R.length === 0) {
    throw new DataError("the restriction matrix R has no rows", {
      hint: "give one row per restriction, one column per parameter",
    });
  }
  const rhs = r ?? R.map(() => 0);
  if (rhs.length !== R.length) {
    throw new DataError(`R has ${R.length} rows but r has ${rhs.length} values`, {
      hint: "give one right-hand side per restriction",
    });
  }
  R.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== k) {
      throw new DataError(
        `row ${i + 1} of R has ${Array.isArray(row) ? row.length : 0} columns, expected ${k} (${names.join(", ")})`,
      );
    }
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) {
        throw new DataError(`R[${i + 1}, ${j + 1}] is ${String(v)}`, { variable: names[j] });
      }
    });
    if (!Number.isFinite(rhs[i])) throw new DataError(`r[${i + 1}] is ${String(rhs[i])}`);
  });
  const labels = R.map((row, i) => `${formatCombination(row, names)} = ${rhs[i]}`);
  return { R: R.map((row) => [...row]), r: [...rhs], labels };
}

// ─── Parsing hypotheses written over parameter names ────────────────────────────────────────

/**
 * Parses linear hypotheses written over parameter names into R and r.
 *
 * Syntax: restrictions are separated by "," ";" or a newline, or given as array elements; each
 * is two or more linear expressions joined by "=" ("a = b = c" means a − b = 0 and b − c = 0;
 * an expression alone means "= 0"). An expression is a sum of terms, each a number, a
 * parameter name, or products and quotients of numbers with at most one name ("2*x1", "x2/4",
 * "-0.5 x3" is not allowed: write the "*"). Names are matched longest first, so "x10" is never
 * read as "x1" followed by "0". (A name containing "=", "," or ";" cannot be written here: pass
 * { R, r } to `waldTest` instead.)
 * Formula: each restriction is rewritten as Σⱼ Rᵢⱼβⱼ = rᵢ (left minus right).
 * Throws: DataError naming the hypothesis and position for an unknown name, a product of two
 * names, a dangling operator, a number where an operator is expected, or a restriction that
 * involves no parameter.
 * @example
 * parseLinearHypotheses("x1 = x2 = 0", ["const", "x1", "x2"]);
 * // { R: [[0, 1, -1], [0, 0, 1]], r: [0, 0], labels: ["x1 = x2", "x2 = 0"] }
 * parseLinearHypotheses(["x1 + x2 = 1"], ["const", "x1", "x2"]).R; // [[0, 1, 1]]
 */
export function parseLinearHypotheses(text: string | string[], names: string[]): LinearHypothesis {
  const pieces = (Array.isArray(text) ? text : [text]).flatMap((t) => {
    if (typeof t !== "string") {
      throw new DataError(`a hypothesis must be a string (got ${String(t)})`);
    }
    return t.split(/[,;\n]/);
  });
  const R: number[][] = [];
  const r: number[] = [];
  const labels: string[] = [];
  for (const piece of pieces) {
    const h = piece.trim();
    if (h === "") continue;
    const sides = h.split("=").map((s) => s.trim());
    if (sides.length === 1) sides.push("0");
    const parsed = sides.map((side) => parseExpression(side, names, h));
    for (let s = 0; s + 1 < sides.length; s++) {
      const left = parsed[s];
      const right = parsed[s + 1];
      const row = left.coef.map((c, j) => c - right.coef[j]);
      if (row.every((c) => c === 0)) {
        throw new DataError(
          `restriction "${sides[s]} = ${sides[s + 1]}" involves no parameter (in "${h}")`,
          { hint: `write it over the parameter names: ${names.join(", ")}` },
        );
      }
      R.push(row);
      r.push(right.constant - left.constant);
      labels.push(`${sides[s]} = ${sides[s + 1]}`);
    }
  }
  if (R.length === 0) {
    throw new DataError("no hypothesis given", {
      hint: 'write e.g. "x1 = 0, x2 = 0" or "x1 = x2"',
    });
  }
  return { R, r, labels };
}

interface LinearExpression {
  coef: number[];
  constant: number;
}

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const IDENT_CHAR = /[A-Za-z0-9_.]/;

/** Parses one side: ['+'|'-'] term (('+'|'-') term)*, term = factor (('*'|'/') factor)*. */
function parseExpression(side: string, names: string[], whole: string): LinearExpression {
  const coef = names.map(() => 0);
  let constant = 0;
  const byLength = names
    .map((name, j) => ({ name, j }))
    .sort((a, b) => b.name.length - a.name.length);
  const fail = (problem: string, at: number): DataError =>
    new DataError(`${problem} at position ${at + 1} of "${side}" (in "${whole}")`, {
      hint: `parameters are ${names.join(", ")}; write terms like 2*x1 and join them with + or -`,
    });

  let p = 0;
  const skip = (): void => {
    while (p < side.length && /\s/.test(side[p])) p++;
  };
  skip();
  if (p >= side.length) throw fail("empty expression", p);
  let sign = 1;
  let expectTerm = true;
  while (p < side.length) {
    if (!expectTerm) {
      const op = side[p];
      if (op !== "+" && op !== "-") throw fail(`expected + or - but found "${op}"`, p);
      sign = op === "+" ? 1 : -1;
      p++;
      skip();
      expectTerm = true;
      if (p >= side.length) throw fail("the expression ends with an operator", p);
      continue;
    }
    // leading unary signs
    while (side[p] === "+" || side[p] === "-") {
      if (side[p] === "-") sign = -sign;
      p++;
      skip();
    }
    // term: factors joined by * or /
    let factor = sign;
    let param = -1;
    let op: "*" | "/" = "*";
    for (;;) {
      if (p >= side.length) throw fail("the expression ends with an operator", p);
      const rest = side.slice(p);
      const hit = byLength.find(
        ({ name }) => rest.startsWith(name) && !IDENT_CHAR.test(rest.charAt(name.length) || " "),
      );
      const num = NUMBER.exec(rest);
      if (hit && !(num && num[0].length > hit.name.length)) {
        if (param >= 0)
          throw fail(
            `a product of two parameters ("${names[param]}" and "${hit.name}") is not linear`,
            p,
          );
        if (op === "/") throw fail(`cannot divide by the parameter "${hit.name}"`, p);
        param = hit.j;
        p += hit.name.length;
      } else if (num) {
        const v = Number(num[0]);
        factor = op === "*" ? factor * v : factor / v;
        p += num[0].length;
      } else {
        const word = /^[^\s+\-*/=]+/.exec(rest);
        throw fail(`unknown parameter "${word ? word[0] : rest.charAt(0)}"`, p);
      }
      skip();
      if (side[p] === "*" || side[p] === "/") {
        op = side[p] as "*" | "/";
        p++;
        skip();
        continue;
      }
      break;
    }
    if (!Number.isFinite(factor)) throw fail("a coefficient is not finite (division by 0?)", p);
    if (param >= 0) coef[param] += factor;
    else constant += factor;
    sign = 1;
    expectTerm = false;
  }
  return { coef, constant };
}

/** "x1 - x2", "2*x1 + const" from a row of R. */
function formatCombination(row: number[], names: string[]): string {
  const terms: string[] = [];
  row.forEach((c, j) => {
    if (c === 0) return;
    const mag = Math.abs(c) === 1 ? names[j] : `${Math.abs(c)}*${names[j]}`;
    terms.push(terms.length === 0 ? (c < 0 ? `-${mag}` : mag) : `${c < 0 ? "-" : "+"} ${mag}`);
  });
  return terms.length === 0 ? "0" : terms.join(" ");
}
