/**
 * How the reconstructed cells move: each city's reconstructed stretch of a column is its base
 * (base.ts) times a smooth factor exp(Σ_k c·tanh(θ_k/c)·φ_k(t)), a few shape functions φ_k
 * (|φ_k| ≤ 1) with bounded coefficients. So a reconstructed series stays a smooth continuation
 * of the city's real figures — no single-year dip or jump can appear that the base does not have
 * — and its factor never leaves [1/bound, bound] (c = ln(bound)/K for K shape functions):
 *
 *  - an "anchored" stretch (the city has real years in the column) uses φ_k = (d/9)^k, d the
 *    distance in years to the nearest real year (9 = the panel's span): the factor is 1 next to
 *    the real data and bends away from it smoothly, a short stretch only a little (a bound is
 *    a bound over nine years);
 *  - a "free" series (no real year at all: S&T personnel) uses φ = 1, τ (τ the year centred and
 *    scaled to [−1, 1]): a level and a trend;
 *  - income per resident is an urban-weighted mean of urban and rural income, w·urban +
 *    (1 − w)·rural, with logit w moved by a bounded level and trend around its base;
 *  - exports before 2018 where the 2016 yearbook gives 2015 exports (in US dollars) keep their
 *    base path between those two anchors (base.ts), and do not move.
 *
 * The fit penalises θ_j/scale_j (scale_j = c): a coefficient at the size of its bound costs as
 * much as `penalty` half rounding units.
 */
import type { CellKinds } from "./cells";
import type { Base } from "./base";
import type { RealData } from "./sources";

/** The composite (or control) a block's cells feed: it is recomputed when the block moves. */
export type Target = "CO" | "NQP" | "TRADE" | "RCY";

/** Raw columns, complete (every row), by column name. */
export type Raw = Record<string, Float64Array>;

/** One group of parameters: one city and one column (or the income composite). */
export interface Block {
  name: string;
  column: string;
  target: Target;
  city: number;
  size: number;
  /** Penalty scale of each parameter (its bound c). */
  scale: number[];
  /** Writes this block's cells into `raw` from θ[offset … offset + size − 1]. */
  apply(theta: ArrayLike<number>, offset: number, raw: Raw): void;
}

/** The blocks, in the order they must be applied (income after urban and rural income). */
export interface Model {
  blocks: Block[];
  offsets: number[];
  size: number;
  scales: Float64Array;
  /** Writes every reconstructed cell into `raw` (a copy of the base). */
  applyAll(theta: ArrayLike<number>, raw: Raw): void;
}

/** Which columns move, what they feed, how many shape functions and how far they may bend. */
export const MOVING: { column: string; target: Target; terms: number; bound: number }[] = [
  { column: "patents_granted", target: "RCY", terms: 2, bound: 2 },
  { column: "exports", target: "TRADE", terms: 2, bound: 1.5 },
  { column: "imports", target: "TRADE", terms: 2, bound: 1.5 },
  { column: "st_personnel", target: "NQP", terms: 2, bound: 2 },
  { column: "broadband_subscribers", target: "NQP", terms: 2, bound: 2 },
  { column: "avg_wage", target: "NQP", terms: 1, bound: 1.1 },
  { column: "wastewater", target: "NQP", terms: 2, bound: 2 },
  { column: "dust_emissions", target: "NQP", terms: 1, bound: 2 },
  { column: "consumption_pc", target: "CO", terms: 2, bound: 1.3 },
  { column: "urban_income_pc", target: "CO", terms: 1, bound: 1.2 },
  { column: "rural_income_pc", target: "CO", terms: 1, bound: 1.2 },
];

/** Bound of the income block's logit shifts (level and trend). */
export const INCOME_LOGIT_BOUND = 0.4;

const bounded = (theta: number, c: number) => c * Math.tanh(theta / c);

/** Builds the model (see the file comment). */
export function buildModel(real: RealData, kinds: CellKinds, base: Base): Model {
  const n = real.years.length;
  const blocks: Block[] = [];
  const y2015 = real.years.indexOf(2015);
  const usd = real.aux.exports_usd_2015_yearbook;
  real.cities.forEach((city, c) => {
    const rows = Array.from({ length: n }, (_, t) => c * n + t);
    for (const mv of MOVING) {
      const own = rows.filter((i) => kinds[mv.column][i] === "reconstructed");
      if (own.length === 0) continue;
      const realYears = rows
        .map((i, t) => (kinds[mv.column][i] === "real" ? t : -1))
        .filter((t) => t >= 0);
      let basis: number[][];
      // exports anchored at the 2016 yearbook's 2015 US-dollar figure keep their base path
      if (mv.column === "exports" && usd?.[c * n + y2015] != null) continue;
      if (realYears.length === 0) {
        basis = own.map((i) => {
          const tau = ((i % n) - (n - 1) / 2) / ((n - 1) / 2);
          return [1, tau].slice(0, mv.terms);
        });
      } else {
        const d = own.map((i) => Math.min(...realYears.map((t) => Math.abs((i % n) - t))));
        basis = d.map((x) =>
          Array.from({ length: mv.terms }, (_, k) => Math.pow(x / (n - 1), k + 1)),
        );
      }
      const terms = basis[0].length;
      const bound = Math.log(mv.bound) / terms;
      const b = base.values[mv.column];
      blocks.push({
        name: `${mv.column}/${city}`,
        column: mv.column,
        target: mv.target,
        city: c,
        size: terms,
        scale: new Array<number>(terms).fill(bound),
        apply(theta, offset, raw) {
          const col = raw[mv.column];
          own.forEach((i, r) => {
            let e = 0;
            for (let k = 0; k < terms; k++) e += bounded(theta[offset + k], bound) * basis[r][k];
            col[i] = b[i] * Math.exp(e);
          });
        },
      });
    }

    // income per resident: urban-weighted mean of urban and rural income (see file comment)
    const incRows = rows.filter((i) => kinds.income_pc[i] === "reconstructed");
    if (incRows.length > 0) {
      const logit = (w: number) => Math.log(w / (1 - w));
      const w0 = incRows.map((i) => {
        const u = base.values.urban_income_pc[i];
        const r = base.values.rural_income_pc[i];
        return logit((base.values.income_pc[i] - r) / (u - r));
      });
      const cB = INCOME_LOGIT_BOUND;
      blocks.push({
        name: `income_pc/${city}`,
        column: "income_pc",
        target: "CO",
        city: c,
        size: 2,
        scale: [cB, cB],
        apply(theta, offset, raw) {
          const a = bounded(theta[offset], cB);
          const s = bounded(theta[offset + 1], cB);
          incRows.forEach((i, r) => {
            const tau = ((i % n) - (n - 1) / 2) / ((n - 1) / 2);
            const w = 1 / (1 + Math.exp(-(w0[r] + a + s * tau)));
            raw.income_pc[i] = w * raw.urban_income_pc[i] + (1 - w) * raw.rural_income_pc[i];
          });
        },
      });
    }
  });
  // urban and rural income before income (income reads them)
  blocks.sort((a, b) => Number(a.column === "income_pc") - Number(b.column === "income_pc"));
  const offsets: number[] = [];
  let size = 0;
  for (const b of blocks) {
    offsets.push(size);
    size += b.size;
  }
  const scales = Float64Array.from(blocks.flatMap((b) => b.scale));
  return {
    blocks,
    offsets,
    size,
    scales,
    applyAll(theta, raw) {
      blocks.forEach((b, k) => b.apply(theta, offsets[k], raw));
    },
  };
}
