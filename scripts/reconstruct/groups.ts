/**
 * Stages 1–2 of the reconstruction: choose the sample moments of the two regions (Northeast,
 * Southwest) so that their pooled moments reproduce Tables 3–5 and each region's own
 * regression reproduces Table 6.
 *
 * Each region's moments are parametrised around the columns that are already fixed as data
 * (the real UIS, later also the rounded RCY): with F the fixed and G the free variables,
 *   m_G free,  S_GF = B S_FF,  S_GG = B S_FF Bᵀ + L Lᵀ  (L lower triangular, log-diagonal),
 * which is positive definite for every parameter value and always agrees with the data's own
 * fixed block. Pooled moments follow from the two regions exactly (combineMoments).
 */
import type { PublishedRow } from "cplib";
import { inverse, matmul, transpose, zeros, type Mat } from "./linalg";
import {
  combineMoments,
  halfUnits,
  isMomentCell,
  printedCentre,
  statsFromMoments,
  VARS,
  type Moments,
} from "./moments";
import { levenbergMarquardt, minimaxPolish } from "./solve";

/** The fixed block of one region: indices (into VARS) and the data's own moments of them. */
export interface FixedBlock {
  idx: number[];
  n: number;
  means: number[];
  cov: Mat;
}

/** Layout of one region's parameter vector. */
export class RegionParams {
  readonly free: number[];
  readonly size: number;
  constructor(readonly fixed: FixedBlock) {
    this.free = VARS.map((_, i) => i).filter((i) => !fixed.idx.includes(i));
    const q = this.free.length;
    const f = fixed.idx.length;
    this.size = q + q * f + (q * (q + 1)) / 2;
  }

  /** A natural scale of each parameter (for the pull towards the base), from variable SDs. */
  scales(sd: number[]): number[] {
    const { free, fixed } = this;
    const out = free.map((a) => sd[a]);
    for (const a of free) for (const b of fixed.idx) out.push(sd[a] / sd[b]);
    for (let i = 0; i < free.length; i++)
      for (let j = 0; j <= i; j++) out.push(i === j ? 1 : sd[free[i]]);
    return out;
  }

  /** Full 6-variable moments from a parameter slice. */
  moments(theta: number[]): Moments {
    const { free, fixed } = this;
    const q = free.length;
    const f = fixed.idx.length;
    let k = 0;
    const mG = theta.slice(0, q);
    k = q;
    const B: Mat = zeros(q, f);
    for (let i = 0; i < q; i++) for (let j = 0; j < f; j++) B[i][j] = theta[k++];
    const L: Mat = zeros(q, q);
    for (let i = 0; i < q; i++)
      for (let j = 0; j <= i; j++) L[i][j] = i === j ? Math.exp(theta[k++]) : theta[k++];
    const SGF = matmul(B, fixed.cov);
    const SGG = matmul(SGF, transpose(B));
    const LL = matmul(L, transpose(L));
    const p = VARS.length;
    const means = new Array<number>(p).fill(0);
    const cov = zeros(p, p);
    fixed.idx.forEach((a, i) => {
      means[a] = fixed.means[i];
      fixed.idx.forEach((b, j) => (cov[a][b] = fixed.cov[i][j]));
    });
    free.forEach((a, i) => {
      means[a] = mG[i];
      fixed.idx.forEach((b, j) => {
        cov[a][b] = SGF[i][j];
        cov[b][a] = SGF[i][j];
      });
      free.forEach((b, j) => (cov[a][b] = SGG[i][j] + LL[i][j]));
    });
    return { n: fixed.n, means, cov };
  }

  /** Parameter slice reproducing given moments (which must agree with the fixed block). */
  theta(m: Moments): number[] {
    const { free, fixed } = this;
    const SFFinv = inverse(fixed.cov);
    const SGF = free.map((a) => fixed.idx.map((b) => m.cov[a][b]));
    const B = matmul(SGF, SFFinv);
    const C = free.map((a, i) =>
      free.map((b, j) => m.cov[a][b] - matmul([B[i]], matmul(fixed.cov, transpose([B[j]])))[0][0]),
    );
    // Cholesky of the conditional covariance
    const q = free.length;
    const L = zeros(q, q);
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
    return out;
  }
}

/** The two-region moment model: parameters → (pooled, per-region) moments → published cells. */
export class MomentModel {
  readonly params: Record<string, RegionParams>;
  readonly models: string[];
  readonly cells: PublishedRow[];
  constructor(
    readonly published: PublishedRow[],
    fixed: Record<string, FixedBlock>,
  ) {
    this.models = Object.keys(fixed);
    this.params = Object.fromEntries(this.models.map((m) => [m, new RegionParams(fixed[m])]));
    // a single sample called "all" is the pooled-only fit of Stage 1 (Tables 3–5)
    this.cells = published.filter(
      (r) => isMomentCell(r) && (this.models.length > 1 || r.table !== 6),
    );
  }

  get size(): number {
    return this.models.reduce((s, m) => s + this.params[m].size, 0);
  }

  split(theta: number[]): Record<string, Moments> {
    const out: Record<string, Moments> = {};
    let k = 0;
    for (const m of this.models) {
      const p = this.params[m];
      out[m] = p.moments(theta.slice(k, k + p.size));
      k += p.size;
    }
    return out;
  }

  thetaOf(groups: Record<string, Moments>): number[] {
    return this.models.flatMap((m) => this.params[m].theta(groups[m]));
  }

  /**
   * The same residuals in relative units, (x − printed)/max(|printed|, 0.05): a smooth,
   * well-scaled version of the problem for getting close from a poor start.
   */
  relativeResiduals(theta: number[]): number[] {
    const r = this.residuals(theta);
    return r.map((v, i) => {
      const { half } = printedCentre(this.cells[i].printed);
      return (v * half) / Math.max(Math.abs(Number(this.cells[i].printed)), 0.05);
    });
  }

  /** Residuals of every moment cell in half rounding units, in `cells` order. */
  residuals(theta: number[]): number[] {
    const groups = this.split(theta);
    const pooled =
      this.models.length === 1
        ? groups[this.models[0]]
        : combineMoments(this.models.map((m) => groups[m]));
    const stats = statsFromMoments(this.cells, pooled, groups);
    return this.cells.map((c) => halfUnits(stats.get(c.id) as number, c.printed));
  }
}

/**
 * Fits the region moments: least squares on all cells with a pull towards the base's region
 * moments (weight `lambda`), then a minimax polish with a weaker pull.
 */
export function fitMoments(
  model: MomentModel,
  start: Record<string, Moments>,
  opts: {
    lambda?: number;
    pullTo?: Record<string, Moments>;
    maxIter?: number;
    log?: (s: string) => void;
  } = {},
): { groups: Record<string, Moments>; worst: number; theta: number[] } {
  const lambda = opts.lambda ?? 0.05;
  const thetaStart = model.thetaOf(start);
  // pull towards the base: each region's means and SDs, in units of the pooled SD
  const target = opts.pullTo ?? start;
  const sd0 = combineMoments(model.models.map((m) => target[m])).cov.map((r, i) => Math.sqrt(r[i]));
  const pull = (lam: number) => (x: number[]) => {
    if (lam === 0) return [];
    const g = model.split(x);
    const out: number[] = [];
    for (const m of model.models)
      for (let v = 0; v < VARS.length; v++) {
        out.push((lam * (g[m].means[v] - target[m].means[v])) / sd0[v]);
        out.push((lam * (Math.sqrt(g[m].cov[v][v]) - Math.sqrt(target[m].cov[v][v]))) / sd0[v]);
        for (let w = 0; w < v; w++) out.push(lam * (corrOf(g[m], v, w) - corrOf(target[m], v, w)));
      }
    return out;
  };
  // first in relative units (smooth, well scaled), then in half rounding units
  const coarse = levenbergMarquardt(
    (x) => [...model.relativeResiduals(x), ...pull(lambda / 100)(x)],
    thetaStart,
    { maxIter: opts.maxIter ?? 300 },
  );
  const ls = levenbergMarquardt((x) => [...model.residuals(x), ...pull(lambda)(x)], coarse.x, {
    maxIter: opts.maxIter ?? 300,
  });
  const worstLs = Math.max(...model.residuals(ls.x).map(Math.abs));
  opts.log?.(`  least squares: worst ${worstLs.toFixed(3)} half-units (${ls.iterations} it)`);
  const mm = minimaxPolish((x) => model.residuals(x), ls.x, {
    extra: pull(lambda / 10),
    maxIter: 150,
  });
  opts.log?.(`  minimax: worst ${mm.worst.toFixed(3)} half-units`);
  return { groups: model.split(mm.x), worst: mm.worst, theta: mm.x };
}

/**
 * Moments of a region in which the free variables G depend on the fixed ones F exactly as in
 * the pooled moments: S_GF = B S_FF(region), S_GG = B S_FF(region) Bᵀ + C, m_G = m_G + B (m_F,region − m_F),
 * with B = P_GF P_FF⁻¹ and C = P_GG − B P_FF Bᵀ from the pooled moments P.
 */
export function structuralSplit(pooled: Moments, fixed: FixedBlock): Moments {
  const p = VARS.length;
  const F = fixed.idx;
  const G = VARS.map((_, i) => i).filter((i) => !F.includes(i));
  const PFFinv = inverse(F.map((a) => F.map((b) => pooled.cov[a][b])));
  const B = matmul(
    G.map((a) => F.map((b) => pooled.cov[a][b])),
    PFFinv,
  );
  const PGF = G.map((a) => F.map((b) => pooled.cov[a][b]));
  const BPFG = matmul(B, transpose(PGF));
  const SGF = matmul(B, fixed.cov);
  const BSB = matmul(SGF, transpose(B));
  const means = new Array<number>(p).fill(0);
  const cov = zeros(p, p);
  F.forEach((a, i) => {
    means[a] = fixed.means[i];
    F.forEach((b, j) => (cov[a][b] = fixed.cov[i][j]));
  });
  G.forEach((a, i) => {
    means[a] =
      pooled.means[a] + F.reduce((s, b, j) => s + B[i][j] * (fixed.means[j] - pooled.means[b]), 0);
    F.forEach((b, j) => {
      cov[a][b] = SGF[i][j];
      cov[b][a] = SGF[i][j];
    });
    G.forEach((b, j) => (cov[a][b] = BSB[i][j] + pooled.cov[a][b] - BPFG[i][j]));
  });
  return { n: fixed.n, means, cov };
}

const corrOf = (m: Moments, a: number, b: number) =>
  m.cov[a][b] / Math.sqrt(m.cov[a][a] * m.cov[b][b]);
