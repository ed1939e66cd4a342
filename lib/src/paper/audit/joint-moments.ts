/**
 * Audit rule 8 — joint consistency of Tables 3–5: is there ONE data set behind all of them?
 *
 * Pooled OLS coefficients, classical standard errors, t values, R², adjusted R² and VIFs depend
 * on the data only through the sample means, standard deviations and correlation matrix. So
 * the question "could Tables 3, 4 and 5 come from the same data?" is: is there one vector of
 * means m, SDs s and one correlation matrix C (positive definite) that reproduces every printed
 * mean, SD, VIF, 1/VIF, mean VIF, coefficient, t value, R² and adjusted R² at its printed
 * precision? (The first stage of the reconstruction; see data/README.md.)
 *
 * The formulas, for a model of y on the regressors J (k of them) with N observations, A = C_JJ,
 * c = C_Jy:
 *   β* = A⁻¹c (standardised slopes),  R² = cᵀβ*,  b_j = β*_j·s_y/s_j,  a = m_y − Σ b_j m_j,
 *   σ² = (N−1)s_y²(1 − R²)/(N−k−1),   se(b_j)² = σ²(A⁻¹)_jj/((N−1)s_j²),
 *   se(a)² = σ²(1/N + zᵀA⁻¹z/(N−1)) with z_j = m_j/s_j,  VIF_j = (C_XX⁻¹)_jj.
 * These are moment identities (no data matrix exists), solved with a Cholesky factor of the
 * small (≤ 5×5) positive definite A.
 *
 * Parametrisation: C = D^−½ L Lᵀ D^−½ with L unit lower triangular (15 free entries for 6
 * variables) and D = diag(L Lᵀ): every L gives a valid correlation matrix, so the search is
 * unconstrained. Means and SDs are free parameters too (their printed values are targets).
 *
 * Residuals are in half-rounding units: r_i = (value_i − centre_i)/half_i, where the printed
 * interval is [centre − half, centre + half]; |r_i| ≤ 1 means "rounds to the printed number".
 * Stage 1: Levenberg–Marquardt least squares (lib's `levenbergMarquardt`, each step solved by
 * Householder QR). Stage 2, minimax polish (lib's `minimaxLevenbergMarquardt`): minimise
 * Σ|r_i/m|^p for p = 4, 8, …, 256 (an L_p approximation of the maximum), keeping the iterate
 * with the smallest max |r_i|. Start: printed means and SDs, L = I
 * (uncorrelated) — fixed, so the result is deterministic.
 *
 * What the result means: max |r| ≤ 1 says the tables are jointly consistent (one data set can
 * produce every printed number). A value above 1 at a local optimum does not prove
 * inconsistency (the search is local), but a large value points at the cells that resist.
 */
import { DataError } from "../../data/errors";
import { applyQt, backSubstitute, householderQR } from "../../methods/qr";
import { levenbergMarquardt, minimaxLevenbergMarquardt } from "../../methods/levenberg-marquardt";
import { intervalCentre, printedInterval } from "./interval";
import { choleskyInverse, choleskyLower } from "../../methods/cholesky";
import type { AuditCheck, AuditInput } from "./types";
import { AuditTables, auditFmt } from "./types";

/** One printed number the joint solution must reproduce. */
export interface JointTarget {
  id: string;
  table: number;
  printed: string;
  centre: number;
  half: number;
}

/** One target with the recovered value and its residual in half-rounding units. */
export interface JointResidual extends JointTarget {
  value: number;
  residual: number;
}

/** The recovered moments and how well they reproduce the tables. */
export interface JointMomentsResult {
  variables: string[];
  means: number[];
  sds: number[];
  /** Recovered correlation matrix, variables × variables. */
  correlation: number[][];
  residuals: JointResidual[];
  /** max |residual| after the minimax polish (the reported number). */
  maxAbsResidual: number;
  /** id of the target with the largest |residual|. */
  worst: string;
  /** max |residual| after stage 1 (least squares) only. */
  leastSquaresMax: number;
  /** Sum of squared residuals after stage 1. */
  leastSquaresSsr: number;
  iterations: number;
}

interface ModelSpec {
  name: string;
  y: number;
  regs: number[];
  n: number;
}

type Evaluator = (theta: Float64Array) => Float64Array;

/** Cholesky inverse of a small symmetric positive definite matrix (row arrays). */
function spdInverse(A: number[][]): number[][] {
  const L = cholesky(A);
  if (!L) throw new DataError("moment matrix is not positive definite");
  return choleskyInverse(L);
}

/**
 * Correlation matrix from the free entries of a unit lower-triangular L (row by row), the
 * unconstrained parametrisation the joint-moments search optimises over.
 *
 * Formula: S = LLᵀ, R = D^−½ S D^−½ with D = diag(S). Throws: nothing (R is always valid).
 * @example
 * auditCorrelationFromFactor(2, [1]); // [[1, 0.7071…], [0.7071…, 1]]
 * auditCorrelationFromFactor(3, [0, 0, 0]); // the 3×3 identity
 */
export function auditCorrelationFromFactor(p: number, lower: ArrayLike<number>): number[][] {
  const L: number[][] = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => (i === j ? 1 : 0)),
  );
  let q = 0;
  for (let i = 1; i < p; i++) for (let j = 0; j < i; j++) L[i][j] = lower[q++];
  const S: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < p; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let l = 0; l <= j; l++) s += L[i][l] * L[j][l];
      S[i][j] = s;
      S[j][i] = s;
    }
  const d = S.map((row, i) => Math.sqrt(row[i]));
  return S.map((row, i) => row.map((v, j) => v / (d[i] * d[j])));
}

/**
 * A deterministic starting correlation matrix from the printed coefficients alone.
 *
 * For every model, the standardised slopes β*_l = b_l·s_l/s_y satisfy C_JJ·β* = C_Jy: one
 * equation per regressor, linear in the unknown correlations. Stacking them over the nested
 * models of Table 5 gives (for the paper) 16 equations in the 15 correlations, solved by
 * Householder least squares; the result is pulled towards the identity until it is positive
 * definite, then written as the unit lower-triangular factor L (rows of the Cholesky factor
 * divided by their diagonal, so that D^−½LLᵀD^−½ = C).
 */
function startingFactor(T: AuditTables, variables: string[], y: number): Float64Array {
  const p = variables.length;
  const pairs: [number, number][] = [];
  for (let i = 1; i < p; i++) for (let j = 0; j < i; j++) pairs.push([i, j]);
  const pairIndex = (a: number, b: number) =>
    pairs.findIndex(([i, j]) => (i === a && j === b) || (i === b && j === a));
  const sd = variables.map((v) => Number(T.need(3, "sd", "", v).printed));
  const rows: number[][] = [];
  const rhs: number[] = [];
  for (const m of T.models(5)) {
    const regs = T.regressors(5, m).map((v) => variables.indexOf(v));
    const beta = regs.map((r) => {
      const c = T.need(5, "coef", m, variables[r]);
      return (Number(c.printed) * sd[r]) / sd[y];
    });
    regs.forEach((j, a) => {
      const row = new Array<number>(pairs.length).fill(0);
      regs.forEach((l, b) => {
        if (l !== j) row[pairIndex(j, l)] += beta[b];
      });
      row[pairIndex(j, y)] -= 1;
      rows.push(row);
      rhs.push(-beta[a]);
    });
  }
  const q = pairs.length;
  const corr = new Float64Array(q);
  if (rows.length > 0) {
    const f = householderQR(Float64Array.from(rows.flat()), rows.length, q);
    const c = Float64Array.from(rhs);
    applyQt(f.qr, f.tau, rows.length, f.rank, c);
    const sol = new Float64Array(q);
    backSubstitute(f.qr, rows.length, f.rank, c, sol);
    for (let r = 0; r < f.rank; r++) corr[f.pivot[r]] = Math.max(-0.99, Math.min(0.99, sol[r]));
  }
  for (const w of [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1]) {
    const C: number[][] = Array.from({ length: p }, (_, i) =>
      Array.from({ length: p }, (_, j) => (i === j ? 1 : (1 - w) * corr[pairIndex(i, j)])),
    );
    const G = cholesky(C);
    if (!G) continue;
    const lower = new Float64Array(q);
    let k = 0;
    for (let i = 1; i < p; i++) for (let j = 0; j < i; j++) lower[k++] = G[i][j] / G[i][i];
    return lower;
  }
  return new Float64Array(q);
}

/** Lower Cholesky factor of a symmetric matrix, or null if it is not positive definite. */
function cholesky(A: number[][]): number[][] | null {
  return choleskyLower(A, { absolute: 1e-10 });
}

/** Builds the targets (Tables 3–5) and the function mapping parameters to their values. */
function buildProblem(T: AuditTables): {
  variables: string[];
  targets: JointTarget[];
  evaluate: Evaluator;
} {
  const variables = T.descriptiveVariables();
  const p = variables.length;
  const idx = (v: string) => {
    const i = variables.indexOf(v);
    if (i < 0) {
      throw new DataError(`variable "${v}" is not described in Table 3`, {
        variable: v,
        hint: "joint consistency needs the mean and SD of every variable used in Tables 4–5",
      });
    }
    return i;
  };
  const y = idx(T.dependentVariable());
  const targets: JointTarget[] = [];
  const kinds: ((st: State) => number)[] = [];
  const add = (cell: { id: string; table: number; printed: string }, f: (st: State) => number) => {
    const { centre, half } = intervalCentre(printedInterval(cell.printed));
    targets.push({ id: cell.id, table: cell.table, printed: cell.printed, centre, half });
    kinds.push(f);
  };

  for (const v of variables) {
    const i = idx(v);
    add(T.need(3, "mean", "", v), (st) => st.means[i]);
    add(T.need(3, "sd", "", v), (st) => st.sds[i]);
  }

  const vifCells = T.cells.filter((c) => c.table === 4 && c.kind === "vif");
  const X = vifCells.map((c) => idx(c.variable));
  vifCells.forEach((c, j) => {
    add(c, (st) => st.vif[j]);
    const inv = T.cell(4, "inv_vif", "", c.variable);
    if (inv) add(inv, (st) => 1 / st.vif[j]);
  });
  const meanVif = T.cells.find((c) => c.table === 4 && c.kind === "vif_mean");
  if (meanVif && X.length > 0) add(meanVif, (st) => st.vif.reduce((a, b) => a + b, 0) / X.length);

  const models: ModelSpec[] = T.models(5).map((name) => ({
    name,
    y,
    regs: T.regressors(5, name).map(idx),
    n: T.n(5, name),
  }));
  models.forEach((m, mi) => {
    const regNames = m.regs.map((r) => variables[r]);
    regNames.forEach((v, j) => {
      const c = T.cell(5, "coef", m.name, v);
      if (c) add(c, (st) => st.models[mi].b[j]);
      const t = T.cell(5, "t", m.name, v);
      if (t) add(t, (st) => st.models[mi].b[j] / st.models[mi].se[j]);
    });
    const a = T.cell(5, "coef", m.name, "_cons");
    if (a) add(a, (st) => st.models[mi].a);
    const ta = T.cell(5, "t", m.name, "_cons");
    if (ta) add(ta, (st) => st.models[mi].a / st.models[mi].seA);
    const r2 = T.cell(5, "r2", m.name, "");
    if (r2) add(r2, (st) => st.models[mi].r2);
    const adj = T.cell(5, "adj_r2", m.name, "");
    if (adj) {
      const f = (m.n - 1) / (m.n - m.regs.length - 1);
      add(adj, (st) => 1 - (1 - st.models[mi].r2) * f);
    }
  });

  const nL = (p * (p - 1)) / 2;
  const evaluate: Evaluator = (theta) => {
    const means = Array.from(theta.subarray(0, p));
    const sds = Array.from(theta.subarray(p, 2 * p));
    const C = auditCorrelationFromFactor(p, theta.subarray(2 * p, 2 * p + nL));
    const vif =
      X.length > 0 ? spdInverse(X.map((i) => X.map((j) => C[i][j]))).map((r, j) => r[j]) : [];
    const fitted = models.map((m) => {
      const k = m.regs.length;
      const Ainv = spdInverse(m.regs.map((i) => m.regs.map((j) => C[i][j])));
      const c = m.regs.map((i) => C[i][m.y]);
      const beta = Ainv.map((row) => row.reduce((s, v, j) => s + v * c[j], 0));
      const r2 = beta.reduce((s, v, j) => s + v * c[j], 0);
      const sy = sds[m.y];
      const b = beta.map((v, j) => (v * sy) / sds[m.regs[j]]);
      const a = means[m.y] - b.reduce((s, v, j) => s + v * means[m.regs[j]], 0);
      const sigma2 = ((m.n - 1) * sy * sy * (1 - r2)) / (m.n - k - 1);
      const se = m.regs.map((r, j) =>
        Math.sqrt((sigma2 * Ainv[j][j]) / ((m.n - 1) * sds[r] * sds[r])),
      );
      const z = m.regs.map((r) => means[r] / sds[r]);
      let q = 0;
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) q += z[i] * Ainv[i][j] * z[j];
      const seA = Math.sqrt(sigma2 * (1 / m.n + q / (m.n - 1)));
      return { b, se, a, seA, r2 };
    });
    const st: State = { means, sds, vif, models: fitted };
    const out = new Float64Array(targets.length);
    for (let i = 0; i < targets.length; i++) out[i] = kinds[i](st);
    return out;
  };
  return { variables, targets, evaluate };
}

interface State {
  means: number[];
  sds: number[];
  vif: number[];
  models: { b: number[]; se: number[]; a: number; seA: number; r2: number }[];
}

/** Residuals in half-units, given target values. */
function halfUnits(values: Float64Array, targets: JointTarget[]): Float64Array {
  const r = new Float64Array(values.length);
  for (let i = 0; i < r.length; i++) r[i] = (values[i] - targets[i].centre) / targets[i].half;
  return r;
}

/** max |rᵢ| (0 for no residuals). */
function maxAbs(r: Float64Array): number {
  let value = 0;
  for (let i = 0; i < r.length; i++) if (Math.abs(r[i]) > value) value = Math.abs(r[i]);
  return value;
}

/**
 * Recovers one set of means, SDs and correlations that reproduces Tables 3–5 together.
 *
 * Formula: minimise the residuals r_i = (value_i − printed centre_i)/half-unit_i, first in
 * least squares (LM), then towards the minimax max|r_i| (L_p continuation). See the module comment.
 * Throws: DataError when a variable used in Tables 4–5 is missing from Table 3.
 * @example
 * const res = auditRecoverJointMoments({ cells });
 * res.maxAbsResidual; // < 1 for the published tables: every number is reproduced
 */
export function auditRecoverJointMoments(
  input: AuditInput,
  opts: { lsIterations?: number; polishIterations?: number; powers?: number[] } = {},
): JointMomentsResult {
  const T = new AuditTables(input.cells);
  const { variables, targets, evaluate } = buildProblem(T);
  const p = variables.length;
  const nL = (p * (p - 1)) / 2;
  const theta0 = new Float64Array(2 * p + nL);
  variables.forEach((v, i) => {
    theta0[i] = Number(T.need(3, "mean", "", v).printed);
    theta0[p + i] = Number(T.need(3, "sd", "", v).printed);
  });
  theta0.set(startingFactor(T, variables, variables.indexOf(T.dependentVariable())), 2 * p);
  const res = (x: Float64Array) => halfUnits(evaluate(x), targets);

  const ls = levenbergMarquardt(res, theta0, { maxIterations: opts.lsIterations ?? 300 });
  const lsMax = maxAbs(ls.residuals);
  const mm = minimaxLevenbergMarquardt(res, ls.x, {
    powers: opts.powers ?? [4, 8, 16, 32, 64, 128, 256],
    maxIterations: opts.polishIterations ?? 60,
  });
  const best = mm.x; // the least-squares iterate unless the polish improved on it
  const iterations = ls.iterations + mm.iterations;

  const values = evaluate(best);
  const r = halfUnits(values, targets);
  const worst = { value: mm.maxAbs, at: mm.at }; // the polish's measure of r at `best`
  return {
    variables,
    means: Array.from(best.subarray(0, p)),
    sds: Array.from(best.subarray(p, 2 * p)),
    correlation: auditCorrelationFromFactor(p, best.subarray(2 * p)),
    residuals: targets.map((t, i) => ({ ...t, value: values[i], residual: r[i] })),
    maxAbsResidual: worst.value,
    worst: targets[worst.at].id,
    leastSquaresMax: lsMax,
    leastSquaresSsr: ls.cost,
    iterations,
  };
}

/**
 * Rule 8 as audit checks: the overall largest residual, and the largest per table.
 *
 * Formula: residual = (value implied by the recovered moments − printed)/(½·10^−d); a check
 * passes when |residual| ≤ 1.
 * Throws: DataError when a variable used in Tables 4–5 is missing from Table 3.
 * @example
 * auditJointMoments({ cells })[0].implied; // largest residual in half-rounding units (≈ 0.8)
 */
export function auditJointMoments(input: AuditInput, result?: JointMomentsResult): AuditCheck[] {
  const res = result ?? auditRecoverJointMoments(input);
  const worst = res.residuals.find((r) => r.id === res.worst);
  const out: AuditCheck[] = [
    {
      rule: "joint-moments",
      subject: "Tables 3–5 jointly: one set of means, SDs and correlations",
      published: `${res.residuals.length} printed numbers (Table 3 means/SDs, Table 4, Table 5)`,
      implied: res.maxAbsResidual,
      ok: res.maxAbsResidual <= 1,
      note:
        `largest residual ${auditFmt(res.maxAbsResidual, 3)} half-rounding units at ${res.worst} ` +
        `(printed ${worst?.printed}, recovered ${auditFmt(worst?.value ?? NaN, 5)}); least squares alone left ` +
        `${auditFmt(res.leastSquaresMax, 3)}. ` +
        (res.maxAbsResidual <= 1
          ? "Every printed number is reproduced to its printed precision by one moment set: the tables are jointly consistent."
          : "No moment set found reproduces every number at its printed precision (a local search: suggestive, not proof)."),
    },
  ];
  for (const table of [3, 4, 5]) {
    const rs = res.residuals.filter((r) => r.table === table);
    if (rs.length === 0) continue;
    const w = rs.reduce((a, b) => (Math.abs(b.residual) > Math.abs(a.residual) ? b : a));
    out.push({
      rule: "joint-moments",
      subject: `Table ${table} under the joint moment solution`,
      published: `${rs.length} printed numbers`,
      implied: Math.abs(w.residual),
      ok: Math.abs(w.residual) <= 1,
      note: `largest |residual| ${auditFmt(Math.abs(w.residual), 3)} half-units at ${w.id} (printed ${w.printed}, recovered ${auditFmt(w.value, 5)}).`,
    });
  }
  return out;
}
