/**
 * The real data behind the panel: `data/real/sources.csv` lists every series kept in `data/real/`
 * (file, codebook column, role, source repository, path, commit, original header and unit, the
 * conversion applied), and each series is a `city,year,value` CSV (the GDP file has one column
 * per quantity). This module reads them, in the panel's row order (the codebook's cities, then
 * years), so that the reconstruction and the real-data checks of the paper read one loader.
 *
 * Roles: "panel" — copied into the codebook column it names; "shape" — shapes the reconstructed
 * cells of that column, never copied; "check" — used only to test the paper against real data.
 */
import { join } from "node:path";
import type { Codebook } from "./codebook";
import { DataError } from "./errors";
import { readCsvFile } from "./read-csv";

/** One row of `data/real/sources.csv`. */
export interface RealSourceEntry {
  file: string;
  /** The codebook column(s) the series belongs to. */
  columns: string[];
  role: "panel" | "shape" | "check";
  /** Short tag of the source (DB, ZJ24, ZJ16, GP, derived). */
  source: string;
  repository: string;
  path: string;
  commit: string;
  /** The column header in the source, verbatim. */
  header: string;
  sourceUnit: string;
  unit: string;
  conversion: string;
  note: string;
}

/** Every real series, arranged as the panel's rows. */
export interface RealSources {
  /** The folder read. */
  dir: string;
  entries: RealSourceEntry[];
  keys: { city: string; year: number; region: string }[];
  /** Real values of the panel columns (null where no source gives one), by codebook column. */
  panel: Record<string, (number | null)[]>;
  /** The source text of each real panel value. */
  text: Record<string, (string | null)[]>;
  /** The file each real panel value comes from. */
  file: Record<string, (string | null)[]>;
  /** The "shape" and "check" series, by file name without ".csv". */
  aux: Record<string, (number | null)[]>;
}

/**
 * Reads `sources.csv` in `dir` (the manifest of data/real/).
 *
 * Throws: DataError naming the file and line for a missing column or an unknown role.
 * @example
 * loadRealSourceEntries("data/real").find((e) => e.file === "fiscal_expenditure.csv")?.header;
 * // "地方财政一般预算内支出(万元)"
 */
export function loadRealSourceEntries(dir: string): RealSourceEntry[] {
  const path = join(dir, "sources.csv");
  const csv = readCsvFile(path, ["file", "column", "role", "source", "header", "unit"]);
  return csv.records.map(({ cells, line }) => {
    const role = cells.role.trim();
    if (role !== "panel" && role !== "shape" && role !== "check") {
      throw new DataError(`role "${role}" is not panel, shape or check`, {
        file: path,
        line,
        column: "role",
      });
    }
    return {
      file: cells.file.trim(),
      columns: cells.column.trim().split(/\s+/),
      role,
      source: cells.source ?? "",
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

/** One series (a `value` column, or one named column of a wide file) in the keys' order. */
function readSeries(
  dir: string,
  file: string,
  keys: RealSources["keys"],
  valueColumn: string,
): { values: (number | null)[]; text: (string | null)[] } {
  const path = join(dir, file);
  const csv = readCsvFile(path, ["city", "year", valueColumn]);
  const at = new Map<string, string>();
  for (const { cells, line } of csv.records) {
    const k = `${cells.city.trim()}|${Number(cells.year)}`;
    if (at.has(k)) {
      throw new DataError(`${cells.city} ${cells.year} appears twice`, { file: path, line });
    }
    at.set(k, cells[valueColumn].trim());
  }
  const text = keys.map((k) => {
    const t = at.get(`${k.city}|${k.year}`);
    return t === undefined || t === "" ? null : t;
  });
  const values = text.map((t, i) => {
    if (t === null) return null;
    const x = Number(t);
    if (!Number.isFinite(x)) {
      throw new DataError(`"${t}" is not a number`, {
        file: path,
        city: keys[i].city,
        year: keys[i].year,
        column: valueColumn,
      });
    }
    return x;
  });
  return { values, text };
}

/**
 * Reads the manifest and every series of `dir` (data/real/), in the panel's row order.
 *
 * Throws: DataError for a series naming a column the codebook does not have, two panel series
 * for one column, a duplicated city-year or a value that is not a number (naming file and cell).
 * @example
 * const real = loadRealSources("data/real", loadCodebook("data/codebook.json"));
 * real.panel.fiscal_expenditure[0]; // Hangzhou 2014, 100 million yuan
 */
export function loadRealSources(dir: string, codebook: Codebook): RealSources {
  const years: number[] = [];
  for (let y = codebook.years.first; y <= codebook.years.last; y++) years.push(y);
  const keys = codebook.cities.flatMap((c) =>
    years.map((year) => ({ city: c.name, year, region: c.region })),
  );
  const entries = loadRealSourceEntries(dir);
  const known = new Set(codebook.columns.map((c) => c.name));
  const out: RealSources = { dir, entries, keys, panel: {}, text: {}, file: {}, aux: {} };
  for (const e of entries) {
    for (const c of e.columns) {
      if (!known.has(c)) {
        throw new DataError(`${e.file} names the column "${c}", which the codebook does not have`, {
          file: join(dir, "sources.csv"),
          column: "column",
        });
      }
    }
    if (e.role !== "panel") {
      out.aux[e.file.replace(/\.csv$/, "")] = readSeries(dir, e.file, keys, "value").values;
      continue;
    }
    for (const c of e.columns) {
      if (out.panel[c]) {
        throw new DataError(`two panel series for the column "${c}"`, {
          file: join(dir, "sources.csv"),
          column: c,
        });
      }
      const r = readSeries(dir, e.file, keys, e.columns.length > 1 ? c : "value");
      out.panel[c] = r.values;
      out.text[c] = r.text;
      out.file[c] = r.values.map((v) => (v === null ? null : e.file));
    }
  }
  return out;
}
