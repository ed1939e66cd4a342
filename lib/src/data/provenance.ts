/**
 * Per-cell provenance of the panel (`data/provenance.csv`, named by the codebook's
 * `provenanceFile`): one row per quantity cell — city, year, column, kind and source — where
 * kind is
 *   real           a source gives the value (source: the file of data/real/ it is copied from);
 *   interpolated   an interior gap between two real values, left empty in the panel and filled
 *                  by the pipeline's linear interpolation (source: the years it lies between);
 *   reconstructed  no source gives it: solved by `npm run reconstruct` (source: what shaped it).
 *
 * `realShare` counts how much of a selection of cells is real; `variableColumns` names the raw
 * columns a variable is computed from, so a banner can say how much of what a table shows is
 * real (`realShareOfVariables`).
 */
import type { Codebook } from "./codebook";
import { codebookQuantityColumns, formulaInputs } from "./codebook";
import { DataError } from "./errors";
import { readCsvFile } from "./read-csv";

/** Where one cell comes from. */
export type CellKind = "real" | "interpolated" | "reconstructed";

/** One row of the provenance file. */
export interface CellProvenance {
  city: string;
  year: number;
  column: string;
  kind: CellKind;
  source: string;
}

/** The provenance of every quantity cell, with a lookup. */
export interface ProvenanceTable {
  file: string;
  cells: CellProvenance[];
  /** The provenance of one cell, or undefined when the file has no such cell. */
  at(city: string, year: number, column: string): CellProvenance | undefined;
}

const KINDS: readonly CellKind[] = ["real", "interpolated", "reconstructed"];

/**
 * Reads and checks a provenance file against the codebook.
 *
 * Checks: the columns city, year, column, kind, source; kind is real, interpolated or
 * reconstructed; every quantity column of the codebook appears for every city and year of the
 * codebook exactly once, and nothing else does.
 * Throws: DataError naming the file, line and column of the first problem, or the first cell
 * that is missing.
 * @example
 * const prov = loadProvenance("data/provenance.csv", loadCodebook("data/codebook.json"));
 * prov.at("Hangzhou", 2014, "fiscal_expenditure")?.kind; // "real"
 */
export function loadProvenance(path: string, codebook: Codebook): ProvenanceTable {
  const csv = readCsvFile(path, ["city", "year", "column", "kind", "source"]);
  const columns = new Set(codebookQuantityColumns(codebook).map((c) => c.name));
  const cities = new Set(codebook.cities.map((c) => c.name));
  const { first, last } = codebook.years;
  const byKey = new Map<string, CellProvenance>();
  const cells: CellProvenance[] = [];
  for (const { cells: rec, line } of csv.records) {
    const where = (column: string, hint: string) => ({ file: path, line, column, hint });
    const city = rec.city.trim();
    if (!cities.has(city)) throw new DataError(`unknown city "${rec.city}"`, where("city", "use the codebook's spelling"));
    const year = Number(rec.year);
    if (!Number.isInteger(year) || year < first || year > last) {
      throw new DataError(`year "${rec.year}" is outside ${first}–${last}`, where("year", "use a year of the codebook"));
    }
    const column = rec.column.trim();
    if (!columns.has(column)) {
      throw new DataError(`"${column}" is not a quantity column of the codebook`, where("column", "name a column of data/codebook.json"));
    }
    const kind = rec.kind.trim() as CellKind;
    if (!KINDS.includes(kind)) {
      throw new DataError(`kind "${rec.kind}" is not real, interpolated or reconstructed`, where("kind", "use one of the three kinds"));
    }
    const key = `${city}|${year}|${column}`;
    if (byKey.has(key)) throw new DataError(`${city} ${year} ${column} appears twice`, where("column", "keep one row per cell"));
    const cell = { city, year, column, kind, source: rec.source };
    byKey.set(key, cell);
    cells.push(cell);
  }
  for (const city of cities) {
    for (let year = first; year <= last; year++) {
      for (const column of columns) {
        if (!byKey.has(`${city}|${year}|${column}`)) {
          throw new DataError(`no provenance for ${city} ${year} ${column}`, {
            file: path,
            city,
            year,
            column,
            hint: "run npm run reconstruct, which writes the panel and its provenance together",
          });
        }
      }
    }
  }
  return { file: path, cells, at: (city, year, column) => byKey.get(`${city}|${year}|${column}`) };
}

/** How much of a selection of cells is real. */
export interface RealShare {
  real: number;
  interpolated: number;
  reconstructed: number;
  total: number;
  /** real / total (0 when the selection is empty). */
  share: number;
}

/**
 * Counts the real, interpolated and reconstructed cells among the selected ones (all cells when
 * nothing is selected; each filter keeps the cells whose column, city or year it lists).
 *
 * Formula: share = #real / #selected. Throws: never.
 * @example
 * realShare(prov).real;                                   // 1767 of 2750
 * realShare(prov, { columns: ["fiscal_expenditure"] }).share; // 1
 */
export function realShare(
  prov: ProvenanceTable,
  select: { columns?: readonly string[]; cities?: readonly string[]; years?: readonly number[] } = {},
): RealShare {
  const out = { real: 0, interpolated: 0, reconstructed: 0, total: 0, share: 0 };
  for (const c of prov.cells) {
    if (select.columns && !select.columns.includes(c.column)) continue;
    if (select.cities && !select.cities.includes(c.city)) continue;
    if (select.years && !select.years.includes(c.year)) continue;
    out[c.kind] += 1;
    out.total += 1;
  }
  out.share = out.total === 0 ? 0 : out.real / out.total;
  return out;
}

/**
 * The raw columns a model variable (an index or a control of the codebook) is computed from,
 * in codebook column order.
 *
 * Formula: the inputs of the control's formula, or of every indicator formula of the index.
 * Throws: DataError naming a variable the codebook does not define.
 * @example
 * variableColumns(cb, ["GOV"]);          // ["gdp", "fiscal_expenditure"]
 * variableColumns(cb, ["UIS", "RCY"]);   // ["secondary_va", "tertiary_va", "patents_granted"]
 */
export function variableColumns(codebook: Codebook, variables: readonly string[]): string[] {
  const used = new Set<string>();
  for (const v of variables) {
    const ix = codebook.indices.find((i) => i.name === v);
    const ct = codebook.controls.find((c) => c.name === v);
    if (!ix && !ct) {
      throw new DataError(`"${v}" is not a variable of the codebook`, {
        variable: v,
        hint: `use one of ${codebook.variables.join(", ")}`,
      });
    }
    const formulas = ix ? ix.indicators.map((d) => d.formula) : [ct!.formula];
    for (const f of formulas) for (const c of formulaInputs(f)) used.add(c);
  }
  return codebook.columns.map((c) => c.name).filter((c) => used.has(c));
}

/**
 * How much of the raw data behind some model variables is real: over all of them together and
 * per variable.
 *
 * Formula: realShare over the cells of `variableColumns(codebook, variables)` (and of each
 * variable's own columns). Throws: DataError naming an unknown variable.
 * @example
 * realShareOfVariables(prov, cb, ["UIS", "GOV"]).share;      // 1: both are real
 * realShareOfVariables(prov, cb, ["NQP"]).byVariable.NQP.real; // real cells behind NQP
 */
export function realShareOfVariables(
  prov: ProvenanceTable,
  codebook: Codebook,
  variables: readonly string[],
  select: { cities?: readonly string[]; years?: readonly number[] } = {},
): RealShare & { byVariable: Record<string, RealShare> } {
  const all = realShare(prov, { ...select, columns: variableColumns(codebook, variables) });
  const byVariable: Record<string, RealShare> = {};
  for (const v of variables) {
    byVariable[v] = realShare(prov, { ...select, columns: variableColumns(codebook, [v]) });
  }
  return { ...all, byVariable };
}
