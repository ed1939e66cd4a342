/**
 * The paper tested against real data alone (data/real/, read by `loadRealSources`): which of its
 * printed numbers the real series confirm, and which they contradict.
 *
 *  - GOV = general public budget expenditure / GDP (both real, 110 city-years): Table 3's GOV row
 *    (mean, SD, min, max) recomputed from the real series alone;
 *  - UIS = tertiary / secondary value added (real, 110): Table 3's UIS row;
 *  - RCY = ln(patents granted): the real series covers 2017–2023 (77 city-years); its maximum is
 *    Table 3's (Hangzhou 2021, all patent types), not that of invention patents or applications;
 *    the 33 missing city-years must then average a given ln, and one of them must hold the
 *    printed minimum;
 *  - TRADE from trade scale (X + M)/GDP and competitiveness (X − M)/(X + M): the real
 *    2018–2023 figures, the 2015 US-dollar exports of the 2016 yearbook, and the TRADE row the
 *    real figures give with the missing years carried back at each city's 2018 shares;
 *  - NQP's maximum: the real college-student share of the city-year that tops every other NQP
 *    indicator (Hangzhou 2023) is below Hangzhou's own earlier shares.
 *
 * Every function is pure: real series, codebook and published rows come in as parameters.
 */
import type { Codebook } from "../data/codebook";
import { DataError } from "../data/errors";
import type { PublishedRow } from "../data/published-data";
import type { RealSources } from "../data/real-sources";
import { entropyWeights } from "../methods/entropy-weights";
import { formulaValue } from "./indices";
import { matchesPublished } from "./match";

/**
 * The model variables (controls) whose every raw input is real in every city-year, computed
 * from the real series alone by the codebook's formulas — for the paper's data, UIS and GOV.
 *
 * Formula: the control's codebook formula on the real series, row by row.
 * Throws: never (a control with a missing input in some row is left out).
 * @example
 * Object.keys(realVariableColumns(loadRealSources("data/real", cb), cb)); // ["UIS", "GOV"]
 */
export function realVariableColumns(
  real: RealSources,
  codebook: Codebook,
): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const c of codebook.controls) {
    const values: number[] = [];
    let complete = true;
    real.keys.forEach((_, i) => {
      const v = formulaValue(c.formula, (col) => real.panel[col]?.[i] ?? NaN);
      if (!Number.isFinite(v)) complete = false;
      values.push(v);
    });
    if (complete) out[c.name] = values;
  }
  return out;
}

/** Descriptive statistics of a (partly empty) series, with where its extremes are. */
export interface SeriesStatistics {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1). */
  sd: number;
  min: number;
  max: number;
  argmin: { city: string; year: number };
  argmax: { city: string; year: number };
}

/** One statistic recomputed from real data beside the printed one. */
export interface RealCheckRow {
  id: string;
  statistic: string;
  printed: string;
  value: number;
  match: boolean;
  note?: string;
}

/** The result of one real-data check. */
export interface RealDataCheck {
  variable: string;
  /** What was recomputed, in words. */
  definition: string;
  n: number;
  rows: RealCheckRow[];
  /** confirms: every printed statistic matches; contradicts: some cannot; partial: both. */
  verdict: "confirms" | "contradicts" | "partial";
  note: string;
}

/**
 * Mean, sample SD, min and max of the non-empty values, with the city-years of the extremes.
 *
 * Throws: DataError when fewer than two values are present.
 * @example
 * seriesStatistics([1, null, 3], [{ city: "A", year: 1 }, { city: "A", year: 2 }, { city: "B", year: 1 }]);
 * // { n: 2, mean: 2, sd: 1.414…, min: 1, max: 3, argmin: A 1, argmax: B 1 }
 */
export function seriesStatistics(
  values: readonly (number | null)[],
  keys: readonly { city: string; year: number }[],
): SeriesStatistics {
  const idx = values
    .map((v, i) => (v === null || !Number.isFinite(v) ? -1 : i))
    .filter((i) => i >= 0);
  if (idx.length < 2) throw new DataError(`a series needs at least two values (got ${idx.length})`);
  const x = idx.map((i) => values[i] as number);
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  let lo = 0;
  let hi = 0;
  x.forEach((v, k) => {
    if (v < x[lo]) lo = k;
    if (v > x[hi]) hi = k;
  });
  const at = (k: number) => ({ city: keys[idx[k]].city, year: keys[idx[k]].year });
  return { n, mean, sd, min: x[lo], max: x[hi], argmin: at(lo), argmax: at(hi) };
}

function printedOf(published: readonly PublishedRow[], id: string): string {
  const row = published.find((r) => r.id === id);
  if (!row)
    throw new DataError(`tables.csv has no cell ${id}`, { file: "data/published/tables.csv" });
  return row.printed;
}

function need(real: RealSources, column: string): (number | null)[] {
  const s = real.panel[column];
  if (!s) throw new DataError(`data/real/ has no series for the column "${column}"`, { column });
  return s;
}

function aux(real: RealSources, name: string): (number | null)[] {
  const s = real.aux[name];
  if (!s) throw new DataError(`data/real/sources.csv lists no series "${name}"`);
  return s;
}

/** Table 3's mean, SD, min and max of a variable beside the same statistics of a series. */
function table3Rows(
  variable: string,
  stats: SeriesStatistics,
  published: readonly PublishedRow[],
): RealCheckRow[] {
  const where = (p: { city: string; year: number }) => `${p.city} ${p.year}`;
  return (
    [
      ["mean", stats.mean, undefined],
      ["sd", stats.sd, undefined],
      ["min", stats.min, where(stats.argmin)],
      ["max", stats.max, where(stats.argmax)],
    ] as const
  ).map(([k, v, note]) => {
    const id = `T3.${variable}.${k}`;
    const printed = printedOf(published, id);
    return { id, statistic: k, printed, value: v, match: matchesPublished(v, printed), note };
  });
}

function verdictOf(rows: RealCheckRow[]): RealDataCheck["verdict"] {
  const ok = rows.filter((r) => r.match).length;
  return ok === rows.length ? "confirms" : ok === 0 ? "contradicts" : "partial";
}

/** A ratio column a/b of two real series (null where either is missing). */
function ratio(a: readonly (number | null)[], b: readonly (number | null)[]): (number | null)[] {
  return a.map((x, i) => (x === null || b[i] === null ? null : x / (b[i] as number)));
}

/** A Table 3 row checked against a variable computed from real series alone. */
function ratioCheck(
  variable: string,
  values: readonly (number | null)[],
  real: RealSources,
  published: readonly PublishedRow[],
  definition: string,
  note: (stats: SeriesStatistics) => string,
): RealDataCheck {
  const stats = seriesStatistics(values, real.keys);
  const rows = table3Rows(variable, stats, published);
  return { variable, definition, n: stats.n, rows, verdict: verdictOf(rows), note: note(stats) };
}

/**
 * Table 3's GOV row from real data alone: general public budget expenditure ÷ GDP.
 *
 * Formula: GOV_it = fiscal_expenditure_it / gdp_it (both 100 million yuan), 110 city-years.
 * Throws: DataError when data/real/ has no fiscal expenditure or GDP, or tables.csv no GOV row.
 * @example
 * const gov = govFromRealData(real, published);
 * gov.rows.map((r) => r.match); // [true, true, true, true]: mean, SD, min, max
 */
export function govFromRealData(
  real: RealSources,
  published: readonly PublishedRow[],
): RealDataCheck {
  return ratioCheck(
    "GOV",
    ratio(need(real, "fiscal_expenditure"), need(real, "gdp")),
    real,
    published,
    "general public budget expenditure (data/real/fiscal_expenditure.csv) ÷ GDP (data/real/zhejiang_gdp_structure_2014_2023.csv)",
    (stats) =>
      `${stats.n} real city-years; minimum ${stats.argmin.city} ${stats.argmin.year}, maximum ${stats.argmax.city} ${stats.argmax.year}.`,
  );
}

/**
 * Table 3's UIS row from real data alone: tertiary ÷ secondary value added.
 *
 * Formula: UIS_it = tertiary_va_it / secondary_va_it, 110 city-years.
 * Throws: DataError when data/real/ lacks the sector series or tables.csv the UIS row.
 * @example
 * uisFromRealData(real, published).verdict; // "confirms"
 */
export function uisFromRealData(
  real: RealSources,
  published: readonly PublishedRow[],
): RealDataCheck {
  return ratioCheck(
    "UIS",
    ratio(need(real, "tertiary_va"), need(real, "secondary_va")),
    real,
    published,
    "tertiary ÷ secondary value added (data/real/zhejiang_gdp_structure_2014_2023.csv)",
    (stats) => `${stats.n} real city-years; maximum ${stats.argmax.city} ${stats.argmax.year}.`,
  );
}

/** RCY against the real patent series (see `rcyFromRealData`). */
export interface RcyCheck extends RealDataCheck {
  /** The alternative definitions tested, with their maxima. */
  alternatives: { definition: string; n: number; max: number; where: string; match: boolean }[];
  /** Mean ln(patents) the missing city-years must have for the printed full-panel mean. */
  missingMeanNeeded: number;
  /** Patents whose logarithm rounds to the printed minimum: [low, high]. */
  minimumPatents: [number, number];
  /** The smallest real count, for comparison with `minimumPatents`. */
  smallestReal: { value: number; city: string; year: number };
}

/**
 * RCY = ln(patents granted) against the real series (2017–2023): the maximum is Table 3's, at
 * Hangzhou 2021, and only for all patent types; what the 33 missing city-years must hold.
 *
 * Formula: max ln(patents); missing mean = (110·printed mean − Σ real ln)/(110 − n); minimum
 * patents = [e^(min − ½·10⁻³), e^(min + ½·10⁻³)].
 * Throws: DataError when data/real/ has no patent series or tables.csv no RCY row.
 * @example
 * const rcy = rcyFromRealData(real, published);
 * rcy.rows.find((r) => r.statistic === "max")?.match; // true (Hangzhou 2021)
 */
export function rcyFromRealData(real: RealSources, published: readonly PublishedRow[]): RcyCheck {
  const ln = (s: readonly (number | null)[]) =>
    s.map((v) => (v === null || v <= 0 ? null : Math.log(v)));
  const all = seriesStatistics(ln(need(real, "patents_granted")), real.keys);
  const maxRow = table3Rows("RCY", all, published).find(
    (r) => r.statistic === "max",
  ) as RealCheckRow;
  const printedMax = maxRow.printed;
  const alternatives = [
    ["ln(all patents granted)", need(real, "patents_granted")],
    ["ln(invention patents granted)", aux(real, "invention_patents_granted")],
    ["ln(patent applications)", aux(real, "patent_applications")],
  ].map(([definition, series]) => {
    const s = seriesStatistics(ln(series as (number | null)[]), real.keys);
    return {
      definition: definition as string,
      n: s.n,
      max: s.max,
      where: `${s.argmax.city} ${s.argmax.year}`,
      match: matchesPublished(s.max, printedMax),
    };
  });
  const N = Number(printedOf(published, "T3.RCY.n"));
  const mean = Number(printedOf(published, "T3.RCY.mean"));
  const sumReal = all.mean * all.n;
  const missingMeanNeeded = (N * mean - sumReal) / (N - all.n);
  const minPrinted = printedOf(published, "T3.RCY.min");
  const half = 0.5 * 10 ** -(minPrinted.split(".")[1]?.length ?? 0);
  const minimumPatents: [number, number] = [
    Math.ceil(Math.exp(Number(minPrinted) - half)),
    Math.floor(Math.exp(Number(minPrinted) + half)),
  ];
  const patents = need(real, "patents_granted");
  let k = -1;
  patents.forEach((v, i) => {
    if (v !== null && (k < 0 || v < (patents[k] as number))) k = i;
  });
  const rows: RealCheckRow[] = [
    { ...maxRow, note: `${maxRow.note}; ${Math.round(Math.exp(all.max))} patents` },
  ];
  return {
    variable: "RCY",
    definition: "ln(patents granted, all types) (data/real/patents_granted.csv, 2017–2023)",
    n: all.n,
    rows,
    verdict: verdictOf(rows),
    note:
      `The real maximum ${all.max.toFixed(3)} (${all.argmax.city} ${all.argmax.year}) is Table 3's ${printedMax}; ` +
      `invention patents (max ${alternatives[1].max.toFixed(3)}) and applications (max ${alternatives[2].max.toFixed(3)}) ` +
      `do not reach it. For the printed mean ${mean}, the ${N - all.n} missing city-years (2014–2016) must average ` +
      `ln = ${missingMeanNeeded.toFixed(3)}, ${(all.mean - missingMeanNeeded).toFixed(2)} below the real 2017–2023 mean; ` +
      `the printed minimum ${minPrinted} needs ${minimumPatents[0]}–${minimumPatents[1]} patents, fewer than the smallest ` +
      `real count (${patents[k]}, ${real.keys[k].city} ${real.keys[k].year}): a city-year of 2014–2016.`,
    alternatives,
    missingMeanNeeded,
    minimumPatents,
    smallestReal: { value: patents[k] as number, city: real.keys[k].city, year: real.keys[k].year },
  };
}

/** TRADE against the real trade series (see `tradeFromRealData`). */
export interface TradeCheck extends RealDataCheck {
  /** Real trade scale (X + M)/GDP and competitiveness (X − M)/(X + M), where both are real. */
  scale: SeriesStatistics;
  competitiveness: SeriesStatistics;
  /** 2015 exports ÷ GDP from the 2016 yearbook's US-dollar figures, beside each city's 2018 share. */
  exports2015: { city: string; share2015: number; share2018: number }[];
  /** TRADE's weights with the missing years carried back at each city's 2018 shares. */
  weights: number[];
}

/** Yuan per US dollar, 2015 average (National Bureau of Statistics). */
export const CNY_PER_USD_2015 = 6.2284;

/**
 * TRADE's Table 3 row against the real 2018–2023 exports and imports.
 *
 * The real figures cover 66 of the 110 city-years. With the 44 missing ones (2014–2017) carried
 * back at each city's 2018 shares of GDP — the neutral choice, and a generous one: the 2016
 * yearbook's 2015 exports (US dollars × `CNY_PER_USD_2015`) are a larger share of GDP than in
 * 2018 for every city it covers — TRADE = entropy composite of min–max normalised trade scale
 * and competitiveness (the codebook's method) gives the row compared with Table 3.
 * Formula: TS = (X + M)/GDP, TC = (X − M)/(X + M); TRADE = w₁z₁ + w₂z₂ (entropy weights).
 * Throws: DataError when data/real/ lacks exports, imports or GDP, or tables.csv the TRADE row.
 * @example
 * tradeFromRealData(real, cb, published).verdict; // "contradicts" (see data/README.md)
 */
export function tradeFromRealData(
  real: RealSources,
  codebook: Codebook,
  published: readonly PublishedRow[],
): TradeCheck {
  const X = need(real, "exports");
  const M = need(real, "imports");
  const gdp = need(real, "gdp") as number[];
  const ts = X.map((x, i) =>
    x === null || M[i] === null ? null : (x + (M[i] as number)) / gdp[i],
  );
  const tc = X.map((x, i) =>
    x === null || M[i] === null ? null : (x - (M[i] as number)) / (x + (M[i] as number)),
  );
  const nYears = codebook.years.last - codebook.years.first + 1;
  // the missing years carried back at the city's first real year's shares
  const xs = [...X];
  const ms = [...M];
  const firstReal = (c: number) => {
    for (let t = 0; t < nYears; t++) if (X[c * nYears + t] !== null) return c * nYears + t;
    throw new DataError(`no real trade figures for ${real.keys[c * nYears].city}`);
  };
  real.keys.forEach((_, i) => {
    if (xs[i] !== null) return;
    const f = firstReal(Math.floor(i / nYears));
    xs[i] = ((X[f] as number) / gdp[f]) * gdp[i];
    ms[i] = ((M[f] as number) / gdp[f]) * gdp[i];
  });
  const trade = codebook.indices.find((ix) => ix.name === "TRADE");
  if (!trade) throw new DataError("the codebook has no TRADE index");
  const rowsX = real.keys.map((_, i) => [
    ((xs[i] as number) + (ms[i] as number)) / gdp[i],
    ((xs[i] as number) - (ms[i] as number)) / ((xs[i] as number) + (ms[i] as number)),
  ]);
  const ent = entropyWeights(
    rowsX,
    trade.indicators.map((d) => d.direction),
    trade.indicators.map((d) => d.name),
    { shift: codebook.method.entropy.shift },
  );
  const stats = seriesStatistics(ent.scores, real.keys);
  const rows = table3Rows("TRADE", stats, published);
  const scale = seriesStatistics(ts, real.keys);
  const competitiveness = seriesStatistics(tc, real.keys);
  const usd = aux(real, "exports_usd_2015_yearbook");
  const exports2015: TradeCheck["exports2015"] = [];
  real.keys.forEach((k, i) => {
    if (k.year !== 2015 || usd[i] === null) return;
    const f = firstReal(Math.floor(i / nYears));
    exports2015.push({
      city: k.city,
      share2015: ((usd[i] as number) * CNY_PER_USD_2015) / gdp[i],
      share2018: (X[f] as number) / gdp[f],
    });
  });
  const higher = exports2015.filter((e) => e.share2015 > e.share2018).length;
  return {
    variable: "TRADE",
    definition:
      "entropy composite of trade scale (X + M)/GDP and competitiveness (X − M)/(X + M); real exports and imports 2018–2023 (data/real/exports.csv, imports.csv), 2014–2017 carried back at each city's 2018 shares",
    n: stats.n,
    rows,
    verdict: verdictOf(rows),
    note:
      `Real 2018–2023: trade scale ${scale.min.toFixed(3)}–${scale.max.toFixed(3)}, ` +
      `competitiveness ${competitiveness.min.toFixed(3)}–${competitiveness.max.toFixed(3)}. ` +
      `With 2014–2017 at the 2018 shares, TRADE's weights are ${ent.weights.map((w) => w.toFixed(3)).join(" / ")} and its row ` +
      `${rows.map((r) => `${r.statistic} ${r.value.toFixed(3)} (printed ${r.printed})`).join(", ")}. ` +
      `The 2016 yearbook's 2015 exports are a larger share of GDP than in 2018 in ${higher} of the ${exports2015.length} cities it covers, ` +
      `so the missing years are unlikely to have traded less than 2018.`,
    scale,
    competitiveness,
    exports2015,
    weights: ent.weights,
  };
}

/** NQP's maximum against the real college-student shares (see `nqpMaximumFromRealData`). */
export interface NqpMaximumCheck {
  /** Hangzhou's college-student share (students per resident) by year, where population is real or between real years. */
  shares: { year: number; share: number; population: "real" | "interpolated" }[];
  /** The city-year at the top of every other real NQP indicator. */
  top: { city: string; year: number };
  /** Its share relative to the city's largest share. */
  relative: number;
  note: string;
}

/**
 * Why NQP's printed maximum (0.997) is out of reach: the city-year that tops S&T expenditure,
 * telecom revenue and SO₂ intensity (Hangzhou 2023) has a smaller college-student share than
 * Hangzhou in 2020–2022, so its normalised share is below 1 and its NQP at most 1 − w·(1 − z).
 *
 * Formula: share_t = college_students_t / (population_t × 10⁴), population real (2020, 2023)
 * or linearly interpolated between them (2021–2022).
 * Throws: DataError when data/real/ lacks college students or population.
 * @example
 * nqpMaximumFromRealData(real).relative; // Hangzhou 2023's share ÷ Hangzhou's largest share (< 1)
 */
export function nqpMaximumFromRealData(real: RealSources): NqpMaximumCheck {
  const students = need(real, "college_students");
  const pop = need(real, "population");
  const city = "Hangzhou";
  const rows = real.keys.map((k, i) => ({ ...k, i })).filter((k) => k.city === city);
  const popAt = (t: number): { value: number; kind: "real" | "interpolated" } | null => {
    const v = pop[rows[t].i];
    if (v !== null) return { value: v, kind: "real" };
    let a = t - 1;
    while (a >= 0 && pop[rows[a].i] === null) a--;
    let b = t + 1;
    while (b < rows.length && pop[rows[b].i] === null) b++;
    if (a < 0 || b >= rows.length) return null;
    const pa = pop[rows[a].i] as number;
    const pb = pop[rows[b].i] as number;
    return { value: pa + ((pb - pa) * (t - a)) / (b - a), kind: "interpolated" };
  };
  const shares: NqpMaximumCheck["shares"] = [];
  rows.forEach((r, t) => {
    const p = popAt(t);
    if (p && students[r.i] !== null) {
      shares.push({
        year: r.year,
        share: (students[r.i] as number) / (p.value * 1e4),
        population: p.kind,
      });
    }
  });
  const top = { city, year: rows[rows.length - 1].year };
  const topShare = shares.find((s) => s.year === top.year)?.share ?? NaN;
  const best = shares.reduce((a, b) => (b.share > a.share ? b : a));
  const relative = topShare / best.share;
  return {
    shares,
    top,
    relative,
    note:
      `Hangzhou ${top.year} tops S&T expenditure, telecom revenue and SO₂ intensity, but its college-student share ` +
      `(${topShare.toFixed(4)}) is ${((1 - relative) * 100).toFixed(0)}% below Hangzhou ${best.year}'s (${best.share.toFixed(4)}, ` +
      `population ${best.population}): its normalised share is below 1, so its NQP falls short of 1 by the college ` +
      `share's weight times that gap — more than the 0.003 that Table 3's maximum (0.997) allows.`,
  };
}
