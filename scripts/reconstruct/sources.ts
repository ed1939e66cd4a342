/**
 * The real data: every series in data/real/ with its role, as data/real/sources.csv lists them.
 *
 *  - role "panel": copied into the codebook column it names, value for value (GDP and the sector
 *    value added keep their exact text; the other series are written as the number they hold);
 *  - role "shape": never copied; it shapes the reconstructed cells of the column it names
 *    (data/README.md says how);
 *  - role "check": used only by the real-data checks of the paper (lib/src/paper/real-data-checks.ts).
 *
 * Rows are the codebook's cities (the paper's order) × years, 110 in all.
 */
import { join } from "node:path";
import { loadCodebook, readCsvFile, type Codebook } from "cplib";

/** data/ in the repository (resolved from this file). */
export const DATA_DIR = join(__dirname, "..", "..", "data");
export const CODEBOOK_JSON = join(DATA_DIR, "codebook.json");
export const REAL_DIR = join(DATA_DIR, "real");
export const SOURCES_CSV = join(REAL_DIR, "sources.csv");
export const GDP_CSV = join(REAL_DIR, "zhejiang_gdp_structure_2014_2023.csv");

/** One row of data/real/sources.csv. */
export interface SourceEntry {
  file: string;
  /** The codebook column(s) the series belongs to (space-separated in the file). */
  columns: string[];
  role: "panel" | "shape" | "check";
  source: string;
  repository: string;
  path: string;
  commit: string;
  header: string;
  sourceUnit: string;
  unit: string;
  conversion: string;
  note: string;
}

/** One city-year key. */
export interface Key {
  city: string;
  year: number;
  region: string;
}

/** Everything real, arranged as the panel's rows. */
export interface RealData {
  codebook: Codebook;
  keys: Key[];
  cities: string[];
  years: number[];
  sources: SourceEntry[];
  /** Real values of the panel columns (null where no source gives one), by column. */
  panel: Record<string, (number | null)[]>;
  /** The source text of each real value (written to the panel as it is for GDP and sectors). */
  text: Record<string, (string | null)[]>;
  /** Which file each real panel value comes from, by column. */
  file: Record<string, (string | null)[]>;
  /** The "shape" and "check" series, by file name (without .csv). */
  aux: Record<string, (number | null)[]>;
}

/** Reads data/real/sources.csv. */
export function loadSources(path = SOURCES_CSV): SourceEntry[] {
  const csv = readCsvFile(path, ["file", "column", "role", "source", "header", "unit"]);
  return csv.records.map(({ cells, line }) => {
    const role = cells.role.trim();
    if (role !== "panel" && role !== "shape" && role !== "check") {
      throw new Error(`${path}:${line}: role must be panel, shape or check (got "${role}")`);
    }
    return {
      file: cells.file.trim(),
      columns: cells.column.trim().split(/\s+/),
      role,
      source: cells.source,
      repository: cells.repository ?? "",
      path: cells.path ?? "",
      commit: cells.commit ?? "",
      header: cells.header,
      sourceUnit: cells.source_unit ?? "",
      unit: cells.unit,
      conversion: cells.conversion ?? "",
      note: cells.note ?? "",
    };
  });
}

/** Reads one `city,year,value` series (or a column of the GDP file) into panel order. */
function readSeries(
  file: string,
  keys: Key[],
  valueColumn = "value",
): { values: (number | null)[]; text: (string | null)[] } {
  const csv = readCsvFile(join(REAL_DIR, file), ["city", "year", valueColumn]);
  const at = new Map<string, string>();
  for (const { cells, line } of csv.records) {
    const k = `${cells.city.trim()}|${Number(cells.year)}`;
    if (at.has(k)) throw new Error(`${file}:${line}: ${k} appears twice`);
    at.set(k, cells[valueColumn].trim());
  }
  const text = keys.map((k) => {
    const t = at.get(`${k.city}|${k.year}`);
    return t === undefined || t === "" ? null : t;
  });
  const values = text.map((t, i) => {
    if (t === null) return null;
    const x = Number(t);
    if (!Number.isFinite(x)) throw new Error(`${file}: ${keys[i].city} ${keys[i].year}: "${t}"`);
    return x;
  });
  return { values, text };
}

/** Loads the codebook, the manifest and every series it lists. */
export function loadRealData(): RealData {
  const codebook = loadCodebook(CODEBOOK_JSON);
  const years: number[] = [];
  for (let y = codebook.years.first; y <= codebook.years.last; y++) years.push(y);
  const keys: Key[] = codebook.cities.flatMap((c) =>
    years.map((year) => ({ city: c.name, year, region: c.region })),
  );
  const sources = loadSources();
  const panel: RealData["panel"] = {};
  const text: RealData["text"] = {};
  const file: RealData["file"] = {};
  const aux: RealData["aux"] = {};
  const known = new Set(codebook.columns.map((c) => c.name));
  for (const s of sources) {
    for (const c of s.columns) {
      if (!known.has(c)) throw new Error(`${SOURCES_CSV}: ${s.file} names unknown column "${c}"`);
    }
    if (s.role !== "panel") {
      aux[s.file.replace(/\.csv$/, "")] = readSeries(s.file, keys).values;
      continue;
    }
    for (const c of s.columns) {
      if (panel[c]) throw new Error(`${SOURCES_CSV}: two panel series for column "${c}"`);
      const r = readSeries(s.file, keys, s.columns.length > 1 ? c : "value");
      panel[c] = r.values;
      text[c] = r.text;
      file[c] = r.values.map((v) => (v === null ? null : s.file));
    }
  }
  return {
    codebook,
    keys,
    cities: codebook.cities.map((c) => c.name),
    years,
    sources,
    panel,
    text,
    file,
    aux,
  };
}
