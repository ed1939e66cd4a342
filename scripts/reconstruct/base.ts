/**
 * The realistic base: a first, plausible raw panel built from the real GDP and industry
 * structure plus a few imposed assumptions (documented in data/README.md). It decides what the
 * reconstructed data look like — city levels, rankings and trends — while the later stages move
 * it just enough to carry the moments the published tables imply.
 *
 * Every constant here is an assumption about orders of magnitude (e.g. "incomes grow a few per
 * cent a year faster than their GDP elasticity alone implies"), never a number fitted to a
 * published table.
 */
import mt19937 from "@stdlib/random-base-mt19937";
import type { City, RealRow } from "./real";
import type { RawRow } from "./pipeline";

/** A seeded standard-normal generator (Box–Muller on MT19937). */
export function normalRng(seed: number): () => number {
  const rng = mt19937.factory({ seed });
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    // uniforms on [0, 1) from the generator's 32-bit integers
    let u = 0;
    while (u <= 0) u = rng() / 4294967296;
    const w = rng() / 4294967296;
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * w);
    return r * Math.cos(2 * Math.PI * w);
  };
}

/**
 * Imposed: approximate year-end resident population in 2014 (10,000 persons), rounded to tens.
 * Orders of magnitude as the cities are commonly known; not yearbook values.
 */
export const POPULATION_2014: Record<City, number> = {
  Hangzhou: 890,
  Ningbo: 780,
  Wenzhou: 910,
  Shaoxing: 500,
  Huzhou: 290,
  Jiaxing: 460,
  Jinhua: 540,
  Quzhou: 210,
  Zhoushan: 115,
  Taizhou: 600,
  Lishui: 210,
};

/**
 * Imposed: a city's trade profile — trade scale (exports + imports)/GDP and trade
 * competitiveness (X − M)/(X + M) in 2014 and 2023 (linear in between). Export-heavy
 * Jinhua (Yiwu) and Wenzhou, port cities Ningbo and Zhoushan, inland Quzhou and Lishui.
 */
export const TRADE_PROFILE: Record<City, { ts: [number, number]; tc: [number, number] }> = {
  Hangzhou: { ts: [0.5, 0.4], tc: [0.4, 0.3] },
  Ningbo: { ts: [0.85, 0.8], tc: [0.35, 0.3] },
  Wenzhou: { ts: [0.35, 0.35], tc: [0.7, 0.6] },
  Shaoxing: { ts: [0.5, 0.5], tc: [0.75, 0.7] },
  Huzhou: { ts: [0.35, 0.4], tc: [0.6, 0.55] },
  Jiaxing: { ts: [0.6, 0.55], tc: [0.35, 0.3] },
  Jinhua: { ts: [0.8, 1.05], tc: [0.85, 0.85] },
  Quzhou: { ts: [0.25, 0.35], tc: [0.45, 0.4] },
  Zhoushan: { ts: [0.55, 0.95], tc: [0.2, 0.05] },
  Taizhou: { ts: [0.4, 0.4], tc: [0.65, 0.6] },
  Lishui: { ts: [0.25, 0.3], tc: [0.8, 0.75] },
};

/**
 * Imposed: patenting intensity relative to GDP — high in the private-manufacturing cities of
 * the south (Wenzhou, Taizhou, Jinhua's hardware towns), lower in the port and service cities.
 */
export const PATENT_INTENSITY: Record<City, number> = {
  Hangzhou: 0.8,
  Ningbo: 0.95,
  Wenzhou: 1.4,
  Shaoxing: 1.2,
  Huzhou: 1.1,
  Jiaxing: 1.0,
  Jinhua: 1.6,
  Quzhou: 0.9,
  Zhoushan: 0.8,
  Taizhou: 1.5,
  Lishui: 1.1,
};

/** A smooth AR(1) noise path per city (one draw per year), unit marginal SD. */
function arPath(rnd: () => number, len: number, rho: number): number[] {
  const out: number[] = [];
  let e = rnd();
  for (let t = 0; t < len; t++) {
    if (t > 0) e = rho * e + Math.sqrt(1 - rho * rho) * rnd();
    out.push(e);
  }
  return out;
}

/**
 * Builds the base panel: every reconstructed column as a smooth function of real GDP, industry
 * structure, the imposed population and trade profiles and a small seeded noise.
 */
export function buildBase(real: RealRow[], seed: number): RawRow[] {
  const rnd = normalRng(seed);
  const byCity = new Map<string, RealRow[]>();
  for (const r of real) byCity.set(r.city, [...(byCity.get(r.city) ?? []), r]);
  const out: RawRow[] = [];
  for (const [city, rows] of byCity) {
    const c: City = city;
    if (!(c in POPULATION_2014 && c in TRADE_PROFILE && c in PATENT_INTENSITY)) {
      throw new Error(`base.ts: no imposed population, trade profile or patent intensity for ${c}`);
    }
    const g0 = rows[0].gdp;
    const noise = (sd: number, rho = 0.6) => arPath(rnd, rows.length, rho).map((e) => sd * e);
    const nInc = noise(0.06, 0.9);
    const nCons = noise(0.08, 0.9);
    const nSport = noise(0.2, 0.9);
    const nEdu = noise(0.15, 0.9);
    const nCol = noise(0.2, 0.9);
    const nSt = noise(0.25, 0.9);
    const nStx = noise(0.25, 0.9);
    const nWage = noise(0.06, 0.9);
    const nSo2 = noise(0.3, 0.8);
    const nWw = noise(0.3, 0.8);
    const nDust = noise(0.3, 0.8);
    const nTel = noise(0.2, 0.9);
    const nBb = noise(0.15, 0.9);
    const nGov = noise(0.08, 0.9);
    const nPat = noise(0.15, 0.9);
    const nTs = noise(0.05);
    const nTc = noise(0.04);
    const ter0 = rows[0].tertiary_va;
    const sec0 = rows[0].secondary_va / g0;
    const pop0 = POPULATION_2014[c];
    const pc0 = (g0 * 1e4) / pop0;
    rows.forEach((r, t) => {
      const g = r.gdp;
      const sec = r.secondary_va / g;
      const pop = pop0 * (g / g0) ** 0.3;
      const pc = (g * 1e4) / pop; // yuan per person
      const income = 40000 * (pc / 103600) ** 0.684 * 1.03 ** t * Math.exp(nInc[t]);
      const ratio = 1.2 + 0.9 * (60000 / pc) ** 0.35 - 0.02 * t;
      const urbanShare = Math.min(0.85, 0.5 + 0.25 * Math.sqrt(pc / 150000) + 0.01 * t);
      const urban = income / (urbanShare + (1 - urbanShare) / ratio);
      const gov =
        0.105 * (g0 / 9206) ** -0.3 * (pc0 / 103600) ** -0.5 * (1 + 0.012 * t) * Math.exp(nGov[t]);
      const fiscal = gov * g;
      const hed = 0.3 * (ter0 / 100) ** 1.24 * (1 + 0.015 * t);
      const [ts0, ts1] = TRADE_PROFILE[c].ts;
      const [tc0, tc1] = TRADE_PROFILE[c].tc;
      const ts = (ts0 + ((ts1 - ts0) * t) / 9) * Math.exp(nTs[t]);
      const tc = tc0 + ((tc1 - tc0) * t) / 9 + nTc[t];
      out.push({
        population: pop,
        consumption_pc: 0.64 * income * (1 + 0.005 * t) * Math.exp(nCons[t]),
        income_pc: income,
        urban_income_pc: urban,
        rural_income_pc: urban / ratio,
        sports_facilities: 20 * pop * 1.06 ** t * Math.exp(nSport[t]),
        higher_ed_institutions: hed,
        education_expenditure: 0.16 * fiscal * 1e4 * Math.exp(nEdu[t]),
        college_students: hed * 8000 * 1.03 ** t * Math.exp(nCol[t]),
        st_personnel: 25 * g * 1.05 ** t * Math.exp(nSt[t]),
        st_expenditure: g * 1e4 * 0.02 * Math.sqrt(pc / 80000) * 1.04 ** t * Math.exp(nStx[t]),
        avg_wage: 68000 * (pc / 103600) ** 0.35 * 1.075 ** t * Math.exp(nWage[t]),
        so2_emissions: g * 14 * (sec / 0.47) ** 2 * 0.78 ** t * Math.exp(nSo2[t]),
        wastewater: g * 10 * (sec / 0.47) ** 1.5 * 0.95 ** t * Math.exp(nWw[t]),
        dust_emissions: g * 9 * (sec0 / 0.47) ** 2 * 0.85 ** t * Math.exp(nDust[t]),
        telecom_revenue: pop * 1000 * Math.sqrt(pc / 80000) * 1.04 ** t * Math.exp(nTel[t]),
        broadband_subscribers: pop * (0.35 + 0.022 * t) * Math.exp(nBb[t]),
        exports: (ts * g * (1 + tc)) / 2,
        imports: (ts * g * (1 - tc)) / 2,
        fiscal_expenditure: fiscal,
        patents_granted:
          1900 * PATENT_INTENSITY[c] * (g / 1015) ** 1.36 * 1.03 ** t * Math.exp(nPat[t]),
      });
    });
  }
  return out;
}
