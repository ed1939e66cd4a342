/**
 * Audit rule 9 — the published tables against the real data.
 *
 * 1. Moments with real columns fixed. Rule 8 finds one set of means, SDs and correlations that
 *    reproduces Tables 3–5. Here the variables whose data are real in every city-year (UIS and
 *    GOV) keep their real moments — means, SDs and their correlation — and only the others are
 *    free. For the free variables G given the fixed F, the moments are parametrised as
 *      m_G free,  S_GF = B S_FF,  S_GG = B S_FF Bᵀ + L Lᵀ  (L lower triangular, log diagonal),
 *    valid for every parameter value. Lib's Levenberg–Marquardt and minimax polish give the
 *    smallest largest residual (half rounding units); above 1, some printed number cannot be met
 *    with the real columns as they are. Then each number at that maximum is left out in turn:
 *    the one whose removal leaves the smallest maximum is the smallest set of published numbers
 *    that must yield (when that maximum is below 1). A local search: a result above 1 is strong
 *    evidence, not proof.
 * 2. The real correlation of the fixed columns beside the one rule 8 recovers without them.
 * 3. Every published number the panel does not reproduce, with the panel's value and its
 *    distance from the print, and how much of the raw data behind it is real.
 */
import { DataError } from "../../data/errors";
import type { PublishedKind } from "../../data/published-data";
import { levenbergMarquardt, minimaxLevenbergMarquardt } from "../../methods/levenberg-marquardt";
import { applyQt, backSubstitute, householderQR } from "../../methods/qr";
import type { PublishedComparison } from "../match";
import {
  compilePublishedFromMoments,
  sampleMoments,
  type SampleMoments,
} from "../moment-statistics";
import { intervalCentre, printedInterval, halfUnit } from "./interval";
import { auditRecoverJointMoments, type JointMomentsResult } from "./joint-moments";
import type { AuditCell, AuditCheck } from "./types";
import { auditFmt } from "./types";

/** The variables of Table 3, in order. */
const VARS = ["CO", "NQP", "TRADE", "UIS", "GOV", "RCY"];

/** The printed numbers of Tables 3–5 that one set of moments must reproduce (not min, max, N). */
const isJointTarget = (c: AuditCell) =>
  c.table >= 3 && c.table <= 5 && !["min", "max", "n"].includes(c.kind);

/** Solves the square system A x = b by lib's Householder QR. */
function solveSquare(A: number[][], b: number[]): number[] {
  const k = A.length;
  const f = householderQR(Float64Array.from(A.flat()), k, k);
  const y = Float64Array.from(b);
  applyQt(f.qr, f.tau, k, f.rank, y);
  const sol = new Float64Array(k);
  backSubstitute(f.qr, k, f.rank, y, sol);
  const out = new Array<number>(k).fill(0);
  for (let p = 0; p < f.rank; p++) out[f.pivot[p]] = sol[p];
  return out;
}

/** Moments of all six variables with the fixed ones as given (see the file comment). */
class FixedParams {
  readonly free: number[];
  readonly size: number;
  constructor(
    readonly fixedIdx: number[],
    readonly fixed: SampleMoments,
  ) {
    this.free = VARS.map((_, i) => i).filter((i) => !fixedIdx.includes(i));
    const q = this.free.length;
    this.size = q + q * fixedIdx.length + (q * (q + 1)) / 2;
  }

  moments(theta: ArrayLike<number>): SampleMoments {
    const { free, fixedIdx, fixed: F } = this;
    const q = free.length;
    const f = fixedIdx.length;
    let k = 0;
    const mG = Array.from({ length: q }, () => theta[k++]);
    const B = Array.from({ length: q }, () => Array.from({ length: f }, () => theta[k++]));
    const L = Array.from({ length: q }, () => new Array<number>(q).fill(0));
    for (let i = 0; i < q; i++)
      for (let j = 0; j <= i; j++) L[i][j] = i === j ? Math.exp(theta[k++]) : theta[k++];
    const SGF = B.map((row) =>
      F.cov[0].map((_, c) => row.reduce((s, b, a) => s + b * F.cov[a][c], 0)),
    );
    const p = VARS.length;
    const means = new Array<number>(p).fill(0);
    const cov = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    fixedIdx.forEach((a, i) => {
      means[a] = F.means[i];
      fixedIdx.forEach((b, j) => (cov[a][b] = F.cov[i][j]));
    });
    free.forEach((a, i) => {
      means[a] = mG[i];
      fixedIdx.forEach((b, j) => (cov[a][b] = cov[b][a] = SGF[i][j]));
      free.forEach((b, j) => {
        let s = 0;
        for (let c = 0; c < f; c++) s += SGF[i][c] * B[j][c];
        for (let c = 0; c < q; c++) s += L[i][c] * L[j][c];
        cov[a][b] = s;
      });
    });
    return { n: F.n, means, cov };
  }

  theta(m: SampleMoments): Float64Array {
    const { free, fixedIdx, fixed: F } = this;
    const q = free.length;
    const f = fixedIdx.length;
    const B = free.map((a) =>
      solveSquare(
        F.cov,
        fixedIdx.map((b) => m.cov[a][b]),
      ),
    );
    const C = free.map((a, i) =>
      free.map((b, j) => {
        let s = m.cov[a][b];
        for (let u = 0; u < f; u++)
          for (let v = 0; v < f; v++) s -= B[i][u] * F.cov[u][v] * B[j][v];
        return s;
      }),
    );
    const L = Array.from({ length: q }, () => new Array<number>(q).fill(0));
    for (let i = 0; i < q; i++) {
      for (let j = 0; j <= i; j++) {
        let s = C[i][j];
        for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
        L[i][j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / L[j][j];
      }
    }
    const out = free.map((a) => m.means[a]);
    for (const row of B) out.push(...row);
    for (let i = 0; i < q; i++)
      for (let j = 0; j <= i; j++) out.push(i === j ? Math.log(L[i][j]) : L[i][j]);
    return Float64Array.from(out);
  }
}

/** What `auditFixedMoments` finds. */
export interface FixedMomentsResult {
  fixed: string[];
  /** The fixed variables' real moments: means, SDs and correlations. */
  means: number[];
  sds: number[];
  correlation: number[][];
  /** Smallest largest residual (half rounding units) over Tables 3–5 with them fixed. */
  maxAbsResidual: number;
  worst: string;
  /** Published numbers at (within 5% of) that maximum. */
  active: string[];
  /**
   * For each active number, the smallest largest residual of all others when it is left out,
   * best first; the first entry with a value below 1 is the smallest set that must yield.
   */
  leaveOneOut: { id: string; maxAbsResidual: number }[];
}

/**
 * Tables 3–5 with some variables' moments fixed at real data (see the file comment, part 1).
 *
 * Formula: minimise max_i |(value_i(θ) − centre_i)/half_i| over the free moments θ; then the same
 * with each active number i left out.
 * `opts.leaveOneOut: false` skips the leave-one-out search; `opts.candidates` limits it to the
 * numbers named.
 * Throws: DataError when a fixed column is not a Table 3 variable or has fewer than 2 values.
 * @example
 * const r = auditFixedMoments(cells, { UIS: uis, GOV: gov });
 * r.maxAbsResidual; // ≈ 1.03: one printed number cannot be met with the real UIS and GOV
 */
export function auditFixedMoments(
  cells: AuditCell[],
  columns: Record<string, readonly number[]>,
  opts: { leaveOneOut?: boolean; candidates?: string[]; joint?: JointMomentsResult } = {},
): FixedMomentsResult {
  const fixed = Object.keys(columns);
  const fixedIdx = fixed.map((v) => {
    const i = VARS.indexOf(v);
    if (i < 0) throw new DataError(`"${v}" is not a variable of Table 3`, { variable: v });
    return i;
  });
  const F = sampleMoments(fixed.map((v) => columns[v]));
  const params = new FixedParams(fixedIdx, F);
  const aims = cells
    .filter(isJointTarget)
    .map((c) => ({ cell: c, ...intervalCentre(printedInterval(c.printed)) }));
  const stats = compilePublishedFromMoments(
    aims.map((a) => ({ ...a.cell, kind: a.cell.kind as PublishedKind })),
    VARS,
  );
  const residuals = (keep: boolean[]) => (theta: Float64Array) => {
    const v = stats(params.moments(theta));
    const out: number[] = [];
    aims.forEach((a, i) => {
      if (keep[i]) out.push((v[i] - a.centre) / a.half);
    });
    return out;
  };
  // start: rule 8's joint solution with the fixed block put in
  const joint = opts.joint ?? auditRecoverJointMoments({ cells });
  const order = VARS.map((v) => joint.variables.indexOf(v));
  const m0: SampleMoments = {
    n: F.n,
    means: order.map((i) => joint.means[i]),
    cov: order.map((i) => order.map((j) => joint.correlation[i][j] * joint.sds[i] * joint.sds[j])),
  };
  fixedIdx.forEach((a, i) => {
    m0.means[a] = F.means[i];
    fixedIdx.forEach((b, j) => (m0.cov[a][b] = F.cov[i][j]));
  });
  const all = aims.map(() => true);
  const ls = levenbergMarquardt(residuals(all), params.theta(m0), { maxIterations: 300 });
  const powers = [4, 8, 16, 32, 64, 128, 256];
  const mm = minimaxLevenbergMarquardt(residuals(all), ls.x, { powers, maxIterations: 100 });
  const r = residuals(all)(mm.x);
  const active = aims
    .map((a, i) => (Math.abs(r[i]) >= 0.95 * mm.maxAbs ? a.cell.id : ""))
    .filter((x) => x);
  const leaveOneOut: FixedMomentsResult["leaveOneOut"] = [];
  if (opts.leaveOneOut ?? true) {
    for (const id of opts.candidates ?? active) {
      const keep = aims.map((a) => a.cell.id !== id);
      const out = minimaxLevenbergMarquardt(residuals(keep), mm.x, {
        powers: [32, 128],
        maxIterations: 40,
      });
      leaveOneOut.push({ id, maxAbsResidual: out.maxAbs });
    }
    leaveOneOut.sort((a, b) => a.maxAbsResidual - b.maxAbsResidual);
  }
  const sds = F.cov.map((row, i) => Math.sqrt(row[i]));
  return {
    fixed,
    means: F.means,
    sds,
    correlation: F.cov.map((row, i) => row.map((v, j) => v / (sds[i] * sds[j]))),
    maxAbsResidual: mm.maxAbs,
    worst: aims[mm.at].cell.id,
    active,
    leaveOneOut,
  };
}

/** What rule 9 reads besides the printed cells. */
export interface RealDataAuditInput {
  cells: AuditCell[];
  /** Columns that are real in every city-year, by variable (e.g. UIS and GOV). */
  realColumns: Record<string, readonly number[]>;
  /** Published numbers beside the panel's (reproducePublished on the panel). */
  comparison?: PublishedComparison[];
  /** Share of the raw cells behind each variable that is real (0–1), for the notes. */
  realShareByVariable?: Record<string, number>;
}

/**
 * Rule 9 as audit checks (see the file comment).
 *
 * Throws: DataError when a real column is not a Table 3 variable.
 * @example
 * auditRealData({ cells, realColumns: { UIS: uis, GOV: gov }, comparison });
 * // [moments with UIS and GOV fixed, their correlation, one check per number the panel misses]
 */
export function auditRealData(
  input: RealDataAuditInput,
  opts: { fixed?: FixedMomentsResult; leaveOneOut?: boolean; joint?: JointMomentsResult } = {},
): AuditCheck[] {
  const joint =
    opts.joint ?? (opts.fixed ? undefined : auditRecoverJointMoments({ cells: input.cells }));
  const res = opts.fixed ?? auditFixedMoments(input.cells, input.realColumns, { ...opts, joint });
  const names = res.fixed.join(" and ");
  const yielding = res.leaveOneOut.find((x) => x.maxAbsResidual < 1);
  const out: AuditCheck[] = [
    {
      rule: "real-data",
      subject: `Tables 3–5 with ${names} fixed at the real data`,
      published: `${input.cells.filter(isJointTarget).length} printed numbers (Table 3 means/SDs, Table 4, Table 5)`,
      implied: res.maxAbsResidual,
      ok: res.maxAbsResidual <= 1,
      note:
        `With the real ${names} (means ${res.means.map((m) => auditFmt(m, 4)).join(", ")}; SDs ${res.sds.map((s) => auditFmt(s, 4)).join(", ")}` +
        (res.fixed.length > 1 ? `; correlation ${auditFmt(res.correlation[0][1], 4)}` : "") +
        `), the best moments leave a largest residual of ${auditFmt(res.maxAbsResidual, 3)} half rounding units (at ${res.worst}; ${res.active.length} numbers at that maximum). ` +
        (res.maxAbsResidual <= 1
          ? "Every printed number can still be met."
          : yielding
            ? `Leaving out ${yielding.id} alone brings the others to ${auditFmt(yielding.maxAbsResidual, 3)}: the smallest set of published numbers that must yield is that one number (other single choices: ${
                res.leaveOneOut
                  .filter((x) => x.maxAbsResidual < 1 && x.id !== yielding.id)
                  .map((x) => `${x.id} → ${auditFmt(x.maxAbsResidual, 3)}`)
                  .join(", ") || "none"
              }).`
            : "No single number left out brings the others below 1."),
    },
  ];
  if (res.fixed.length >= 2) {
    const j = joint ?? auditRecoverJointMoments({ cells: input.cells });
    const a = j.variables.indexOf(res.fixed[0]);
    const b = j.variables.indexOf(res.fixed[1]);
    const implied = j.correlation[a][b];
    const realCorr = res.correlation[0][1];
    out.push({
      rule: "real-data",
      subject: `Correlation of ${res.fixed[0]} and ${res.fixed[1]}: real data vs what the tables imply`,
      published: `Tables 3–5 (rule 8's joint moments)`,
      implied,
      ok: Math.abs(implied - realCorr) < 0.01,
      note: `The tables imply r = ${auditFmt(implied, 4)}; the real data give r = ${auditFmt(realCorr, 4)} — ${Math.abs(implied - realCorr) < 0.01 ? "the same to within 0.01, a confirmation that these are the paper's data" : "different"}; the gap of ${auditFmt(Math.abs(implied - realCorr), 4)} is what leaves the largest residual above at ${auditFmt(res.maxAbsResidual, 3)}.`,
    });
  }
  for (const c of input.comparison ?? []) {
    if (c.match) continue;
    const off = (c.reproduced - Number(c.published)) / halfUnit(c.published);
    const cell = input.cells.find((x) => x.id === c.id);
    const shares = input.realShareByVariable ?? {};
    const involved =
      cell?.variable && cell.variable !== "_cons" && cell.variable !== "" ? [cell.variable] : [];
    out.push({
      rule: "real-data",
      subject: `${c.id}: not reproduced by the panel with every real value kept`,
      published: c.published,
      implied: c.reproduced,
      ok: false,
      note:
        `The panel gives ${auditFmt(c.reproduced, 5)}, ${auditFmt(off, 1)} half rounding units from the print. ` +
        (involved.length && shares[involved[0]] !== undefined
          ? `${Math.round(shares[involved[0]] * 100)}% of the raw cells behind ${involved[0]} are real. `
          : "") +
        "The reconstructed cells stay within their plausible bounds (data/README.md); the real series put this number out of reach (data/conflicts.csv).",
    });
  }
  return out;
}
