/**
 * The paper's analysis frame in one call, as a danfo DataFrame a pandas user can `head()`,
 * `query()` and `groupby()`:
 *
 *   const df = loadPaperData();                          // 110 city-years, the paper's choices
 *   const eq = loadPaperData({ weighting: "equal" });    // indicators weighted equally
 *   const noHz = loadPaperData({ dropCities: ["Hangzhou"] }); // indices rebuilt on 10 cities
 *
 * Columns: city, year, region; the raw yearbook-shaped columns of the panel (interior gaps filled
 * by linear interpolation, as the pipeline does); then the six variables CO, NQP, TRADE, UIS,
 * GOV, RCY (and, with `indicators: true`, every normalised-before indicator of Tables 1–2).
 *
 * Dropping a city here is not the same as dropping its rows from the frame: the indices are
 * min–max normalised and entropy weighted over the city-years present, so without Hangzhou every
 * index (and every coefficient) moves. `df.query(...)` keeps the indices as built on 11 cities.
 *
 * The work (reading, validating, interpolating, weighting) is memoised on the options and on the
 * files' size and modification time: calling it in every cell is cheap, so a cell re-run after
 * the parameters cell changes always sees the new parameters.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { toDataFrame, type DataFrame } from "../data/danfo";
import { DataError } from "../data/errors";
import { loadPanel, type Panel } from "../data/panel";
import { loadProvenance, type ProvenanceTable } from "../data/provenance";
import { buildVariables, type BuildVariablesOptions, type BuiltVariables } from "./indices";

/** Options of `loadPaperData`: where the data are and the choices the paper makes. */
export interface PaperDataOptions {
  /** Panel CSV (default: the repository's data/zhejiang_panel.csv). */
  data?: string;
  /** Codebook JSON (default: codebook.json beside the panel, else the repository's). */
  codebook?: string;
  /** "entropy" (the paper, default), "equal", or explicit weights per index. */
  weighting?: BuildVariablesOptions["weighting"];
  /** Cities left out before the indices are built (they are re-normalised on the rest). */
  dropCities?: string[];
  /** Region per city, overriding the panel's (to try another split for Table 6). */
  region?: Record<string, string>;
  /** Also include every indicator column of Tables 1–2 (default false). */
  indicators?: boolean;
}

/** Everything `loadPaperData` is built from, memoised together. */
export interface PaperData {
  panel: Panel;
  built: BuiltVariables;
  /**
   * Where each raw cell comes from (real, interpolated, reconstructed), when the panel is the
   * one the codebook describes (its `panelFile`, beside it); null for a panel supplied elsewhere.
   */
  provenance: ProvenanceTable | null;
  /** The analysis frame's columns, in order. */
  columns: Record<string, (number | string)[]>;
}

/** The repository's data folder, found from this file's place in lib/ (src or dist). */
function repoDataPath(name: string): string {
  return resolve(__dirname, "..", "..", "..", "data", name);
}

function fileStamp(path: string, what: string): string {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    throw new DataError(`cannot read the ${what} file`, {
      file: path,
      hint: "check the path (relative paths start from the notebook's folder)",
    });
  }
}

const cache = new Map<string, PaperData>();
const CACHE_SIZE = 16;

/**
 * The panel, the built variables and the analysis frame's columns for the given options,
 * memoised on the options and the files' size and modification time.
 *
 * Throws: DataError from `loadPanel` (file, line, column) and `buildVariables` (city, year), or
 * when a file cannot be read.
 * @example
 * paperData().built.indices.NQP.weights; // the entropy weights of Table 2's indicators
 */
export function paperData(options: PaperDataOptions = {}): PaperData {
  const data = options.data ? resolvePath(options.data) : repoDataPath("zhejiang_panel.csv");
  const beside = join(data, "..", "codebook.json");
  const codebook = options.codebook
    ? resolvePath(options.codebook)
    : existsSync(beside)
      ? beside
      : repoDataPath("codebook.json");
  const codebookStamp = fileStamp(codebook, "codebook");
  const key = JSON.stringify([
    data,
    fileStamp(data, "panel"),
    codebook,
    codebookStamp,
    options.weighting ?? "entropy",
    [...(options.dropCities ?? [])].sort(),
    options.region ?? null,
    options.indicators ?? false,
  ]);
  const hit = cache.get(key);
  if (hit) return hit;
  const panel = loadPanel(data, codebook);
  const built = buildVariables(panel, {
    weighting: options.weighting,
    dropCities: options.dropCities,
    region: options.region,
  });
  const { frame } = built;
  const filled = new Map(built.filled.map((f) => [`${f.city}|${f.year}|${f.column}`, f.value]));
  const rowOf = new Map(panel.rows.map((r) => [`${r.city}|${r.year}`, r]));
  const columns: Record<string, (number | string)[]> = {
    city: frame.city,
    year: frame.year,
    region: frame.region,
  };
  for (const c of panel.columns) {
    columns[c] = frame.city.map((city, i) => {
      const year = frame.year[i];
      const v = rowOf.get(`${city}|${year}`)?.values[c];
      return typeof v === "number" ? v : (filled.get(`${city}|${year}|${c}`) as number);
    });
  }
  for (const v of panel.codebook.variables) columns[v] = frame[v];
  if (options.indicators) {
    for (const [name, values] of Object.entries(built.indicators)) {
      if (!(name in columns)) columns[name] = values;
    }
  }
  const cb = panel.codebook;
  const provFile = join(dirname(codebook), cb.provenanceFile);
  const described = resolve(data) === resolve(dirname(codebook), cb.panelFile);
  const provenance =
    described && existsSync(provFile)
      ? provenanceOf(provFile, cb, `${codebook}|${codebookStamp}`)
      : null;
  const result = { panel, built, columns, provenance };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

/**
 * The provenance table of `file`, read once per file version and codebook: it does not depend on
 * the analysis choices (weighting, dropped cities, regions) that make the other cache entries.
 */
const provenanceCache = new Map<string, ProvenanceTable>();
function provenanceOf(
  file: string,
  cb: Panel["codebook"],
  codebookVersion: string,
): ProvenanceTable {
  const key = JSON.stringify([file, fileStamp(file, "provenance"), codebookVersion]);
  let table = provenanceCache.get(key);
  if (!table) {
    table = loadProvenance(file, cb);
    if (provenanceCache.size >= CACHE_SIZE) {
      provenanceCache.delete(provenanceCache.keys().next().value as string);
    }
    provenanceCache.set(key, table);
  }
  return table;
}

function resolvePath(p: string): string {
  return isAbsolute(p) ? p : resolve(process.cwd(), p);
}

/**
 * The paper's analysis frame as a danfo DataFrame: city, year, region, the raw columns and the
 * six variables (see the file header); a new DataFrame each call, from memoised work.
 *
 * Formula: CO, NQP, TRADE are entropy-weighted indices of min–max normalised indicators; UIS,
 * GOV, RCY follow the codebook's formulas (see `buildVariables`).
 * Throws: DataError as `paperData`.
 * @example
 * const df = loadPaperData();
 * df.shape; // [110, 34]
 * df.query(df["city"].ne("Hangzhou")).shape; // [100, 34]
 */
export function loadPaperData(options: PaperDataOptions = {}): DataFrame {
  return toDataFrame(paperData(options).columns);
}
