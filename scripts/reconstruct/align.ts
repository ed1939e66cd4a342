/**
 * Between Stages 2 and 3: a smooth alignment of the base to the target region moments.
 *
 * Stage 3's exact step can reach any moments, but when the base's correlations differ from the
 * targets it does so by amplifying the base's year-to-year noise, and the city series turn
 * erratic. Here each city gets a level shift and a linear trend per variable,
 *   x_ct ← x_ct + a_c + b_c (t − 4.5),
 * chosen by least squares so that the region moments come close to the targets while the
 * shifts stay small (a ridge pull in units of the variable's SD). Stage 3 then only has to make
 * a small, exact correction, and the series keep the base's smooth city profiles.
 */
import { sampleCov } from "./linalg";
import { IDX, type Moments, type VarName } from "./moments";
import { levenbergMarquardt } from "./solve";
import type { Columns } from "./stages";

/**
 * Imposed realism for the alignment: city means over 2014–2023 follow tiers of real economic
 * size (ranks of mean real GDP: 1st | 2nd | 3rd–7th | 8th | 9th–11th), upwards for CO, NQP
 * and RCY and downwards for GOV (small cities spend more per unit of GDP); CO, NQP and RCY
 * rise over the decade in every city.
 */
export interface RealismRules {
  /** tiers of cities, largest economy first */
  tiers: string[][];
  up: VarName[];
  down: VarName[];
  rising: VarName[];
  /** variables whose city series should stay roughly level (change < 0.5 SD over the decade) */
  level: VarName[];
}

/** Tiers of cities by mean real GDP (from the real data, largest first). */
export function sizeTiers(cities: string[], gdp: number[], years: number): string[][] {
  const mean = cities.map((_, c) =>
    gdp.slice(c * years, (c + 1) * years).reduce((a, b) => a + b, 0),
  );
  const order = cities.map((_, c) => c).sort((a, b) => mean[b] - mean[a]);
  const name = (k: number) => cities[order[k]];
  const n = cities.length;
  return [
    [name(0)],
    [name(1)],
    order.slice(2, n - 4).map((c) => cities[c]),
    [name(n - 4)],
    order.slice(n - 3).map((c) => cities[c]),
  ];
}

/** Hinge residuals of the realism rules on aligned columns (0 when every rule holds). */
export function realismGaps(
  cols: Columns,
  vars: VarName[],
  cities: string[],
  years: number,
  sd: number[],
  rules: RealismRules,
): number[] {
  const out: number[] = [];
  const hinge = (x: number) => Math.max(0, x);
  vars.forEach((v, k) => {
    const x = cols[v];
    const cityMean = cities.map((_, c) => {
      let s = 0;
      for (let t = 0; t < years; t++) s += x[c * years + t];
      return s / years;
    });
    const margin = 0.05 * sd[k];
    const sign = rules.up.includes(v) ? 1 : rules.down.includes(v) ? -1 : 0;
    // the tiers order the cities' decade means
    const views = [cityMean];
    if (sign !== 0) {
      for (const view of views) {
        const at = (name: string) => view[cities.indexOf(name)];
        for (let tier = 1; tier < rules.tiers.length; tier++)
          for (const hiCity of rules.tiers[tier - 1])
            for (const loCity of rules.tiers[tier])
              out.push(hinge(sign * (at(loCity) - at(hiCity)) + margin) / sd[k]);
      }
    }
    if (rules.rising.includes(v)) {
      cities.forEach((_, c) => {
        out.push(hinge(x[c * years] - x[c * years + years - 1] + 2 * margin) / sd[k]);
      });
    }
    if (rules.level.includes(v)) {
      cities.forEach((_, c) => {
        const first = (x[c * years] + x[c * years + 1]) / 2;
        const last = (x[c * years + years - 2] + x[c * years + years - 1]) / 2;
        out.push(hinge(Math.abs(last - first) - 10 * margin) / sd[k]);
      });
    }
  });
  return out;
}

export function alignBase(
  start: Columns,
  rows: Record<string, number[]>,
  target: Record<string, Moments>,
  fixedVars: VarName[],
  freeVars: VarName[],
  cities: string[],
  years: number,
  rules: RealismRules,
  opts: { ridge?: number; log?: (s: string) => void } = {},
): Columns {
  const ridge = opts.ridge ?? 0.05;
  const nCity = cities.length;
  const q = freeVars.length;
  const all = [...freeVars, ...fixedVars];
  const sd = all.map((v) => {
    const x = start[v];
    const m = x.reduce((a, b) => a + b, 0) / x.length;
    return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
  });
  const apply = (theta: number[]): Columns => {
    const out: Columns = { ...start };
    freeVars.forEach((v, k) => {
      out[v] = start[v].map((x, i) => {
        const c = Math.floor(i / years);
        const t = (i % years) - (years - 1) / 2;
        const base = k * 2 * nCity;
        return x + sd[k] * (theta[base + c] + (theta[base + nCity + c] * t) / years);
      });
    });
    return out;
  };
  const residuals = (theta: number[]): number[] => {
    const cols = apply(theta);
    const res: number[] = [];
    for (const [model, idx] of Object.entries(rows)) {
      const { means, cov } = sampleCov(idx.map((i) => all.map((v) => cols[v][i])));
      const tg = target[model];
      for (let a = 0; a < q; a++) {
        const ia = IDX[all[a]];
        res.push((means[a] - tg.means[ia]) / sd[a]);
        for (let b = 0; b < all.length; b++) {
          if (b > a && b < q) continue; // each free pair once
          if (b >= q || b <= a) {
            const ib = IDX[all[b]];
            res.push((cov[a][b] - tg.cov[ia][ib]) / (sd[a] * sd[b]));
          }
        }
      }
    }
    for (const g of realismGaps(cols, freeVars, cities, years, sd, rules)) res.push(10 * g);
    for (const x of theta) res.push(ridge * x);
    return res;
  };
  const theta0 = new Array<number>(2 * nCity * q).fill(0);
  const fit = levenbergMarquardt(residuals, theta0, { maxIter: 200 });
  const r = residuals(fit.x);
  const nReal = realismGaps(apply(fit.x), freeVars, cities, years, sd, rules).length;
  const momentPart = r.slice(0, r.length - theta0.length - nReal);
  const realismLeft = r.slice(r.length - theta0.length - nReal, r.length - theta0.length);
  opts.log?.(
    `  aligned ${freeVars.join(",")}: largest moment gap ${Math.max(...momentPart.map(Math.abs)).toFixed(3)} (in SD units), realism gaps ${realismLeft.filter((x) => x > 1e-9).length}, ${fit.iterations} it`,
  );
  return apply(fit.x);
}
