/**
 * The base: a first value for every reconstructed cell, carried from the city's own real
 * figures (and, where the codebook column has no real figure at all, from a related real
 * series). The fit (fit.ts) then moves each city's reconstructed stretch smoothly away from
 * it, as little as the published tables require. Every assumption is listed here and in
 * data/README.md ("How the remaining cells are reconstructed"); none is fitted to a table.
 *
 * Real cells keep their values; interpolated cells get the pipeline's linear interpolation
 * (lib's `interpolateLinear`), so a base series is complete and can be read as a city path.
 */
import { interpolateLinear } from "cplib";
import type { CellKinds } from "./cells";
import type { RealData } from "./sources";

/** A complete value for every row of every quantity column, and what shaped each column. */
export interface Base {
  values: Record<string, Float64Array>;
  /** How the reconstructed cells of each column were first placed (for the provenance). */
  shapedBy: Record<string, string>;
}

/** The 2015 average exchange rate (yuan per US dollar), National Bureau of Statistics. */
export const CNY_PER_USD_2015 = 6.2284;
/** Assumed yearly growth of the average wage after the last real year (2021). */
export const WAGE_GROWTH = 0.06;
/** Assumed yearly growth of S&T personnel (the R&D personnel series is too short to tell). */
export const ST_PERSONNEL_GROWTH = 0.07;
/** S&T personnel per R&D person (S&T activity counts more people than R&D). */
export const ST_PER_RD = 1.3;
/** Yearly rise of the urban share of residents (about one point a year in Zhejiang). */
export const URBAN_SHARE_RISE = 0.01;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Geometric yearly growth between two positive values `years` apart. */
const growth = (a: number, b: number, years: number) => Math.pow(b / a, 1 / years);

/** Per-city helper over one column: the 10 values of city c. */
function cityRows(real: RealData, c: number): number[] {
  const n = real.years.length;
  return Array.from({ length: n }, (_, t) => c * n + t);
}

/**
 * Fills a column: real values, interpolated interior gaps, and `edge(c, t, nearest)` for the
 * reconstructed cells (`nearest` = the nearest real year of that city, or −1 if none).
 */
function buildColumn(
  real: RealData,
  kinds: CellKinds,
  column: string,
  edge: (c: number, t: number, seriesOf: (s: number) => number | null) => number,
): Float64Array {
  const out = new Float64Array(real.keys.length);
  const values = real.panel[column] ?? real.keys.map(() => null);
  real.cities.forEach((_, c) => {
    const rows = cityRows(real, c);
    const series = rows.map((i) => values[i]);
    const seriesOf = (s: number) => series[s];
    const hasInterior = rows.some((i) => kinds[column][i] === "interpolated");
    const filled = hasInterior
      ? interpolateLinear(series, { edges: "nearest", years: real.years, variable: column })
      : null;
    rows.forEach((i, t) => {
      if (kinds[column][i] === "real") out[i] = series[t] as number;
      else if (kinds[column][i] === "interpolated") out[i] = (filled as number[])[t];
      else out[i] = edge(c, t, seriesOf);
    });
  });
  return out;
}

/** The nearest year with a value, and the value. */
function nearestObserved(
  seriesOf: (s: number) => number | null,
  t: number,
  n: number,
): { s: number; v: number } | null {
  for (let d = 1; d < n; d++) {
    for (const s of [t - d, t + d]) {
      if (s >= 0 && s < n) {
        const v = seriesOf(s);
        if (v !== null) return { s, v };
      }
    }
  }
  return null;
}

/** log-linear growth per year of a city's observed values (first and last observed). */
function observedGrowth(seriesOf: (s: number) => number | null, n: number): number | null {
  let first = -1;
  let last = -1;
  for (let s = 0; s < n; s++) {
    if (seriesOf(s) !== null) {
      if (first < 0) first = s;
      last = s;
    }
  }
  if (first < 0 || last === first) return null;
  return growth(seriesOf(first) as number, seriesOf(last) as number, last - first);
}

/**
 * A short positive series with single-year breaks removed. With g_s = ln(y_s/y_{s−1}) and m the
 * median of the g: an interior point whose two adjacent growths depart from m by more than 2%
 * in opposite directions (a spike) goes on the line through its neighbours; an end point whose
 * one adjacent growth departs from m by more than 3% goes on the line from its neighbour at
 * growth m.
 */
export function cleanBreaks(x: number[]): number[] {
  const y = [...x];
  const n = y.length;
  if (n < 3) return y;
  const g = y.slice(1).map((v, s) => Math.log(v / y[s]));
  const sorted = [...g].sort((a, b) => a - b);
  const m =
    sorted.length % 2 === 1
      ? sorted[(sorted.length - 1) / 2]
      : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const out = [...y];
  const growth = (s: number) => Math.log(out[s] / out[s - 1]);
  for (let s = 1; s < n - 1; s++) {
    const a = growth(s) - m;
    const b = growth(s + 1) - m;
    if (a * b < 0 && Math.abs(a) > 0.02 && Math.abs(b) > 0.02) {
      out[s] = Math.sqrt(out[s - 1] * out[s + 1]);
    }
  }
  if (Math.abs(growth(1) - m) > 0.03) out[0] = out[1] * Math.exp(-m);
  if (Math.abs(growth(n - 1) - m) > 0.03) out[n - 1] = out[n - 2] * Math.exp(m);
  return out;
}

/** Builds the base of every quantity column (see the file comment and data/README.md). */
export function buildBase(real: RealData, kinds: CellKinds): Base {
  const n = real.years.length;
  const values: Record<string, Float64Array> = {};
  const shapedBy: Record<string, string> = {};
  const aux = (name: string) => {
    const s = real.aux[name];
    if (!s) throw new Error(`data/real/sources.csv lists no series "${name}"`);
    return s;
  };
  const gdp = real.panel.gdp as number[];
  const at = (c: number, t: number) => c * n + t;
  const yearIndex = (y: number) => real.years.indexOf(y);

  // Columns whose every cell is real need no base beyond the real values.
  const plain = (column: string, rule: string, edge: Parameters<typeof buildColumn>[3]) => {
    values[column] = buildColumn(real, kinds, column, edge);
    shapedBy[column] = rule;
  };
  const carry = (c: number, t: number, seriesOf: (s: number) => number | null) => {
    const near = nearestObserved(seriesOf, t, n);
    if (!near) throw new Error(`no real value to carry for city ${real.cities[c]}`);
    return near.v;
  };

  for (const col of real.codebook.columns) {
    if (col.kind !== "amount" && col.kind !== "count") continue;
    if (kinds[col.name].every((k) => k === "real")) {
      values[col.name] = Float64Array.from(real.panel[col.name] as number[]);
    }
  }

  // population before 2020: the average resident population implied by real per-capita GDP
  // over 2014–19 (before the 2020 census revision), cleaned of single-year breaks (the worst
  // point more than 3% off the line through its neighbours is put on that line, twice at most)
  // and scaled to year-end by the city's 2023 ratio of real year-end to implied population
  const implied = aux("resident_population_implied");
  const censusYear = yearIndex(2020);
  const cleanedImplied = real.cities.map((_, c) =>
    cleanBreaks(Array.from({ length: censusYear }, (_, s) => implied[at(c, s)] as number)),
  );
  plain(
    "population",
    "implied by real per-capita GDP (real/resident_population_implied.csv), single-year breaks smoothed, scaled to year-end",
    (c, t, seriesOf) => {
      const last = yearIndex(2023);
      const ratio = (seriesOf(last) as number) / (implied[at(c, last)] as number);
      return cleanedImplied[c][t] * ratio;
    },
  );

  // consumption_pc before 2021: the 2021 real value carried back at the city's 2021–23 growth
  // (kept between 4% and 8% a year)
  plain(
    "consumption_pc",
    "carried back from the real 2021 value at the city's real 2021–2023 growth",
    (c, t, seriesOf) => {
      const g = clamp(observedGrowth(seriesOf, n) ?? 1.06, 1.04, 1.08);
      const near = nearestObserved(seriesOf, t, n) as { s: number; v: number };
      return near.v * Math.pow(g, t - near.s);
    },
  );

  // urban and rural income: carried from the nearest real year at the city's own real growth
  // (2015→2023), or, for cities with 2023 only, at the mean growth of the cities with both
  const meanGrowth = (column: string) => {
    const gs: number[] = [];
    real.cities.forEach((_, c) => {
      const g = observedGrowth((s) => real.panel[column][at(c, s)], n);
      if (g !== null) gs.push(Math.log(g));
    });
    return Math.exp(gs.reduce((a, b) => a + b, 0) / gs.length);
  };
  for (const column of ["urban_income_pc", "rural_income_pc"]) {
    const g0 = meanGrowth(column);
    plain(
      column,
      "carried from the nearest real year (2015 or 2023) at the city's real growth, or the mean growth of the cities with two real years",
      (c, t, seriesOf) => {
        const g = observedGrowth(seriesOf, n) ?? g0;
        const near = nearestObserved(seriesOf, t, n) as { s: number; v: number };
        return near.v * Math.pow(g, t - near.s);
      },
    );
  }

  // income_pc (no source): urban and rural income weighted by the urban share of residents,
  // the share read off the real 2021–23 consumption of all, urban and rural residents and
  // falling by URBAN_SHARE_RISE a year before that
  const cons = real.panel.consumption_pc;
  const consU = aux("urban_consumption_pc");
  const consR = aux("rural_consumption_pc");
  const urbanWeight = real.cities.map((_, c) => {
    const ws: number[] = [];
    for (let t = 0; t < n; t++) {
      const i = at(c, t);
      const a = cons[i];
      const u = consU[i];
      const r = consR[i];
      if (a !== null && u !== null && r !== null && u > r) ws.push((a - r) / (u - r));
    }
    if (ws.length === 0) throw new Error(`no consumption split for ${real.cities[c]}`);
    return clamp(ws.reduce((x, y) => x + y, 0) / ws.length, 0.3, 0.95);
  });
  values.income_pc = Float64Array.from(real.keys, (_, i) => {
    const c = Math.floor(i / n);
    const t = i % n;
    const w = clamp(urbanWeight[c] - URBAN_SHARE_RISE * (yearIndex(2022) - t), 0.2, 0.95);
    return w * values.urban_income_pc[i] + (1 - w) * values.rural_income_pc[i];
  });
  shapedBy.income_pc =
    "urban and rural income weighted by the urban share of residents read off real 2021–2023 consumption (data/real/*consumption_pc.csv)";

  // sports facilities: the median of the city's real counts (robust to the source's odd years)
  plain("sports_facilities", "the median of the city's real counts", (c, t, seriesOf) => {
    const v: number[] = [];
    for (let s = 0; s < n; s++) if (seriesOf(s) !== null) v.push(seriesOf(s) as number);
    v.sort((a, b) => a - b);
    return v[Math.floor((v.length - 1) / 2)];
  });
  // higher-education institutions: the nearest real count
  plain("higher_ed_institutions", "the city's 2022 count carried to 2023", carry);

  // S&T personnel (no source): the city's real R&D personnel 2017–19 (log mean, at 2018),
  // times ST_PER_RD, growing ST_PERSONNEL_GROWTH a year
  const rd = aux("rd_personnel");
  values.st_personnel = Float64Array.from(real.keys, (_, i) => {
    const c = Math.floor(i / n);
    const t = i % n;
    let s = 0;
    let k = 0;
    for (let u = 0; u < n; u++) {
      const v = rd[at(c, u)];
      if (v !== null) {
        s += Math.log(v) - Math.log(1 + ST_PERSONNEL_GROWTH) * (u - yearIndex(2018));
        k++;
      }
    }
    if (k === 0) throw new Error(`no R&D personnel for ${real.cities[c]}`);
    return ST_PER_RD * Math.exp(s / k) * Math.pow(1 + ST_PERSONNEL_GROWTH, t - yearIndex(2018));
  });
  shapedBy.st_personnel = `the city's real R&D personnel 2017–2019 (data/real/rd_personnel.csv) × ${ST_PER_RD}, growing ${ST_PERSONNEL_GROWTH * 100}% a year`;

  // average wage after 2021: the 2021 real value growing WAGE_GROWTH a year
  plain("avg_wage", `the real 2021 wage growing ${WAGE_GROWTH * 100}% a year`, (c, t, seriesOf) => {
    const near = nearestObserved(seriesOf, t, n) as { s: number; v: number };
    return near.v * Math.pow(1 + WAGE_GROWTH, t - near.s);
  });

  // emissions after the last real year: the city's own real trend (first to last real year),
  // kept between −20% and +2% a year
  for (const column of ["wastewater", "dust_emissions", "so2_emissions"]) {
    plain(
      column,
      "carried from the last real year at the city's own real trend (between −20% and +2% a year)",
      (c, t, seriesOf) => {
        const g = clamp(observedGrowth(seriesOf, n) ?? 0.95, 0.8, 1.02);
        const near = nearestObserved(seriesOf, t, n) as { s: number; v: number };
        return near.v * Math.pow(g, t - near.s);
      },
    );
  }

  // telecom revenue: interior gaps only (interpolated), nothing to reconstruct
  if (!values.telecom_revenue) {
    plain("telecom_revenue", "the nearest real value carried", carry);
  }

  // broadband subscribers before 2023: the real 2023 figure carried back at the city's growth
  // of internet users (data/real/internet_users.csv, a proxy), kept between 3% and 15% a year
  const inet = aux("internet_users");
  plain(
    "broadband_subscribers",
    "the real 2023 figure carried back at the city's growth of internet users (data/real/internet_users.csv)",
    (c, t, seriesOf) => {
      const g = clamp(observedGrowth((s) => inet[at(c, s)], n) ?? 1.08, 1.03, 1.15);
      const near = nearestObserved(seriesOf, t, n) as { s: number; v: number };
      return near.v * Math.pow(g, t - near.s);
    },
  );

  // patents before 2017: the real 2017 count carried back unchanged
  plain("patents_granted", "the real 2017 count carried back", carry);

  // exports and imports before 2018: the real 2018 shares of GDP carried back; where the 2016
  // yearbook gives 2015 exports in US dollars (7 cities), 2015 (and 2014) exports at that share
  // of GDP (converted at CNY_PER_USD_2015), 2016–17 on the line to 2018
  const usd = aux("exports_usd_2015_yearbook");
  const y2015 = yearIndex(2015);
  const y2018 = yearIndex(2018);
  for (const column of ["exports", "imports"]) {
    plain(
      column,
      column === "exports"
        ? "the city's real 2018 share of GDP carried back; 2015 at the 2016 yearbook's US-dollar exports (data/real/exports_usd_2015_yearbook.csv, 7 cities) × 6.2284"
        : "the city's real 2018 share of GDP carried back",
      (c, t, seriesOf) => {
        const share2018 = (seriesOf(y2018) as number) / gdp[at(c, y2018)];
        let share = share2018;
        const u = usd[at(c, y2015)];
        if (column === "exports" && u !== null) {
          const share2015 = (u * CNY_PER_USD_2015) / gdp[at(c, y2015)];
          share =
            t <= y2015
              ? share2015
              : share2015 + ((share2018 - share2015) * (t - y2015)) / (y2018 - y2015);
        }
        return share * gdp[at(c, t)];
      },
    );
  }

  for (const col of real.codebook.columns) {
    if ((col.kind === "amount" || col.kind === "count") && !values[col.name]) {
      throw new Error(`base.ts: no base for column ${col.name}`);
    }
  }
  return { values, shapedBy };
}
