/**
 * A fast, allocation-light copy of the paper's index pipeline (PANEL.md) for the
 * reconstruction's inner loops: ratios → min–max normalisation → entropy weights → composites.
 * The final check always runs the project's own pipeline (cplib) on the stored file; this copy
 * only has to agree with it, which `scripts/reconstruct.ts` verifies.
 */

/** A raw panel row: real and reconstructed columns by their PANEL.md names (null = missing). */
export type RawRow = Record<string, number | null>;

export type Direction = "+" | "-";

/** One indicator of a composite: how its value is formed from raw columns. */
export interface IndicatorDef {
  name: string;
  direction: Direction;
  /** raw columns it reads */
  columns: string[];
  /** its value from the raw row (after interpolation) */
  value: (r: RawRow) => number;
}

const v = (r: RawRow, c: string): number => {
  const x = r[c];
  if (x === null || x === undefined) throw new Error(`missing ${c}`);
  return x;
};

/** Table 1 (CO), in the paper's order. */
export const CO_INDICATORS: IndicatorDef[] = [
  {
    name: "gdp_pc",
    direction: "+",
    columns: ["gdp", "population"],
    value: (r) => (v(r, "gdp") * 1e8) / (v(r, "population") * 1e4),
  },
  {
    name: "consumption_pc",
    direction: "+",
    columns: ["consumption_pc"],
    value: (r) => v(r, "consumption_pc"),
  },
  { name: "income_pc", direction: "+", columns: ["income_pc"], value: (r) => v(r, "income_pc") },
  {
    name: "sports_facilities",
    direction: "+",
    columns: ["sports_facilities"],
    value: (r) => v(r, "sports_facilities"),
  },
  {
    name: "higher_ed_institutions",
    direction: "+",
    columns: ["higher_ed_institutions"],
    value: (r) => v(r, "higher_ed_institutions"),
  },
  {
    name: "education_expenditure",
    direction: "+",
    columns: ["education_expenditure"],
    value: (r) => v(r, "education_expenditure"),
  },
  {
    name: "urban_rural_ratio",
    direction: "-",
    columns: ["urban_income_pc", "rural_income_pc"],
    value: (r) => v(r, "urban_income_pc") / v(r, "rural_income_pc"),
  },
];

/** Table 2 (NQP), in the paper's order. */
export const NQP_INDICATORS: IndicatorDef[] = [
  {
    name: "college_share",
    direction: "+",
    columns: ["college_students", "population"],
    value: (r) => v(r, "college_students") / (v(r, "population") * 1e4),
  },
  {
    name: "st_personnel",
    direction: "+",
    columns: ["st_personnel"],
    value: (r) => v(r, "st_personnel"),
  },
  {
    name: "st_expenditure",
    direction: "+",
    columns: ["st_expenditure"],
    value: (r) => v(r, "st_expenditure"),
  },
  { name: "avg_wage", direction: "+", columns: ["avg_wage"], value: (r) => v(r, "avg_wage") },
  {
    name: "so2_intensity",
    direction: "-",
    columns: ["so2_emissions", "gdp"],
    value: (r) => v(r, "so2_emissions") / v(r, "gdp"),
  },
  {
    name: "wastewater_intensity",
    direction: "-",
    columns: ["wastewater", "gdp"],
    value: (r) => v(r, "wastewater") / v(r, "gdp"),
  },
  {
    name: "dust_intensity",
    direction: "-",
    columns: ["dust_emissions", "gdp"],
    value: (r) => v(r, "dust_emissions") / v(r, "gdp"),
  },
  {
    name: "telecom_revenue",
    direction: "+",
    columns: ["telecom_revenue"],
    value: (r) => v(r, "telecom_revenue"),
  },
  {
    name: "broadband_subscribers",
    direction: "+",
    columns: ["broadband_subscribers"],
    value: (r) => v(r, "broadband_subscribers"),
  },
];

/** §2.2.3 (TRADE): trade scale and the trade competitiveness index. */
export const TRADE_INDICATORS: IndicatorDef[] = [
  {
    name: "trade_scale",
    direction: "+",
    columns: ["exports", "imports", "gdp"],
    value: (r) => (v(r, "exports") + v(r, "imports")) / v(r, "gdp"),
  },
  {
    name: "trade_competitiveness",
    direction: "+",
    columns: ["exports", "imports"],
    value: (r) => (v(r, "exports") - v(r, "imports")) / (v(r, "exports") + v(r, "imports")),
  },
];

export const COMPOSITES = { CO: CO_INDICATORS, NQP: NQP_INDICATORS, TRADE: TRADE_INDICATORS };
export type CompositeName = keyof typeof COMPOSITES;

/** Min–max normalisation with direction: (x − min)/(max − min) or (max − x)/(max − min). */
export function normalize(x: number[], dir: Direction): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of x) {
    if (a < lo) lo = a;
    if (a > hi) hi = a;
  }
  const d = hi - lo;
  return x.map((a) => (dir === "+" ? (a - lo) / d : (hi - a) / d));
}

/** Entropy weights of normalised columns Z (columns as arrays): p = z/Σz, e = −Σ p ln p / ln n. */
export function entropyWeightsOf(cols: number[][]): number[] {
  const n = cols[0].length;
  const k = 1 / Math.log(n);
  const d = cols.map((z) => {
    let s = 0;
    for (const a of z) s += a;
    let e = 0;
    for (const a of z) {
      if (a > 0) {
        const p = a / s;
        e -= p * Math.log(p);
      }
    }
    return 1 - k * e;
  });
  const sd = d.reduce((a, b) => a + b, 0);
  return d.map((x) => x / sd);
}

/** Composite scores Σ_j w_j z_ij. */
export function scoresOf(cols: number[][], w: number[]): number[] {
  const n = cols[0].length;
  const s = new Array<number>(n).fill(0);
  cols.forEach((z, j) => {
    for (let i = 0; i < n; i++) s[i] += w[j] * z[i];
  });
  return s;
}

/** Linear interpolation of interior gaps of one series (per city over years). */
export function interpolateSeries(x: (number | null)[]): number[] {
  const out = [...x];
  for (let i = 0; i < out.length; i++) {
    if (out[i] !== null) continue;
    let a = i - 1;
    while (a >= 0 && out[a] === null) a--;
    let b = i + 1;
    while (b < out.length && x[b] === null) b++;
    if (a < 0 || b >= out.length) throw new Error("gap at the edge of a series");
    const xa = out[a] as number;
    const xb = x[b] as number;
    out[i] = xa + ((xb - xa) * (i - a)) / (b - a);
  }
  return out as number[];
}

/** The six regression variables of every row of a raw panel (rows in city-then-year order). */
export function variablesOf(
  rows: RawRow[],
  cities: string[],
  years: number,
): { CO: number[]; NQP: number[]; TRADE: number[]; UIS: number[]; GOV: number[]; RCY: number[] } {
  // interpolate every numeric column per city
  const cols = Object.keys(rows[0]);
  const filled: RawRow[] = rows.map((r) => ({ ...r }));
  for (let c = 0; c < cities.length; c++) {
    for (const col of cols) {
      const series = rows.slice(c * years, (c + 1) * years).map((r) => r[col]);
      if (!series.some((s) => s === null)) continue;
      const f = interpolateSeries(series);
      for (let t = 0; t < years; t++) filled[c * years + t][col] = f[t];
    }
  }
  const comp = (defs: IndicatorDef[]): number[] => {
    const z = defs.map((d) =>
      normalize(
        filled.map((r) => d.value(r)),
        d.direction,
      ),
    );
    return scoresOf(z, entropyWeightsOf(z));
  };
  return {
    CO: comp(CO_INDICATORS),
    NQP: comp(NQP_INDICATORS),
    TRADE: comp(TRADE_INDICATORS),
    UIS: filled.map((r) => v(r, "tertiary_va") / v(r, "secondary_va")),
    GOV: filled.map((r) => v(r, "fiscal_expenditure") / v(r, "gdp")),
    RCY: filled.map((r) => Math.log(v(r, "patents_granted"))),
  };
}
