/**
 * Loading the paper's published numbers (`data/published/tables.csv` and `claims.csv`).
 *
 * This is the only file of the library that reads the published tables from disk; the code that
 * compares them with the pipeline (`reproduce-published.ts`) takes the rows as a parameter.
 * Every number stays the string the paper printed ("0.190" has three decimals; as a float it
 * would silently become 0.19).
 */
import { DataError } from "./errors";
import { decimalsOf } from "./printed-number";
import { readCsvFile } from "./read-csv";

/** What a published cell is. */
export type PublishedKind =
  | "n"
  | "mean"
  | "sd"
  | "min"
  | "max"
  | "vif"
  | "inv_vif"
  | "vif_mean"
  | "coef"
  | "t"
  | "r2"
  | "adj_r2";

/** All kinds, in the order the tables use them. */
export const PUBLISHED_KINDS: readonly PublishedKind[] = [
  "n",
  "mean",
  "sd",
  "min",
  "max",
  "vif",
  "inv_vif",
  "vif_mean",
  "coef",
  "t",
  "r2",
  "adj_r2",
];

/** One printed cell of Tables 3–6 (one row of `tables.csv`). */
export interface PublishedRow {
  /** Stable key, e.g. `T5.m3.TRADE.coef`. */
  id: string;
  /** 3, 4, 5 or 6. */
  table: number;
  /** The row as printed, e.g. `Common Prosperity (CO)`, `NQP (t)`, `Adj. R²`. */
  row: string;
  /** The column as printed, e.g. `Mean`, `(3)`, `(1) Northeast Zhejiang`. */
  column: string;
  /** The number exactly as printed (no stars, no parentheses), e.g. `0.190`, `-0.00`. */
  printed: string;
  kind: PublishedKind;
  /** `m1`…`m6` (Table 5), `northeast`/`southwest` (Table 6), "" in Tables 3–4. */
  model: string;
  /** `CO`, `NQP`, …, `_cons`; "" for N, R², adj. R² and the VIF mean. */
  variable: string;
  /** Human-readable label. */
  label: string;
}

/** One numeric claim of the text (one row of `claims.csv`). */
export interface PublishedClaim {
  id: string;
  /** `Abstract`, `3.1`, `3.2`, `3.3`. */
  section: string;
  /** The sentence, verbatim. */
  sentence: string;
  /** The number as it appears in the sentence (`0.79`, `76.3%`). */
  printed: string;
  /** Ids of `tables.csv` cells the claim corresponds to (may be empty). */
  refersTo: string[];
}

const TABLE_COLUMNS = [
  "id",
  "table",
  "row",
  "column",
  "printed",
  "kind",
  "model",
  "variable",
  "label",
] as const;
const CLAIM_COLUMNS = ["id", "section", "sentence", "printed", "refers_to"] as const;

/** Reads a CSV with a header into records and their file lines. */
function readCsv(
  path: string,
  required: readonly string[],
): { records: Record<string, string>[]; lines: number[] } {
  const csv = readCsvFile(path, required);
  return { records: csv.records.map((r) => r.cells), lines: csv.records.map((r) => r.line) };
}

/**
 * Loads `tables.csv`: the 113 printed cells of Tables 3–6, in the file's order.
 *
 * Checks: the header has every column; ids are unique and non-empty; `table` is 3–6; `kind` is
 * one of {@link PUBLISHED_KINDS}; `printed` is a plain decimal number.
 * Throws: DataError naming the file, line and column of the first problem.
 * @example
 * const rows = loadPublished("data/published/tables.csv");
 * rows.find((r) => r.id === "T5.m3.TRADE.coef")?.printed; // "0.190"
 */
export function loadPublished(path: string): PublishedRow[] {
  const { records, lines } = readCsv(path, TABLE_COLUMNS);
  const seen = new Map<string, number>();
  return records.map((rec, i) => {
    const line = lines[i];
    const where = (column: string, hint: string) => ({ file: path, line, column, hint });
    const id = rec.id.trim();
    if (id === "") throw new DataError("empty id", where("id", "give every cell a unique id"));
    const before = seen.get(id);
    if (before !== undefined) {
      throw new DataError(
        `duplicate id "${id}" (first on line ${before})`,
        where("id", "ids must be unique"),
      );
    }
    seen.set(id, line);
    const table = Number(rec.table);
    if (![3, 4, 5, 6].includes(table)) {
      throw new DataError(
        `table "${rec.table}" is not 3, 4, 5 or 6`,
        where("table", "only Tables 3–6 print numbers"),
      );
    }
    const kind = rec.kind.trim() as PublishedKind;
    if (!PUBLISHED_KINDS.includes(kind)) {
      throw new DataError(
        `unknown kind "${rec.kind}"`,
        where("kind", `use one of ${PUBLISHED_KINDS.join(", ")}`),
      );
    }
    try {
      decimalsOf(rec.printed);
    } catch {
      throw new DataError(
        `printed value "${rec.printed}" is not a number`,
        where("printed", "copy the number exactly as the paper prints it, e.g. 0.190 or -0.00"),
      );
    }
    return {
      id,
      table,
      row: rec.row,
      column: rec.column,
      printed: rec.printed.trim(),
      kind,
      model: rec.model.trim(),
      variable: rec.variable.trim(),
      label: rec.label,
    };
  });
}

/**
 * Loads `claims.csv`: the numbers the abstract and sections 3.1–3.3 state in words.
 *
 * Checks: the header has every column; ids are unique; `printed` is a number (a trailing % is
 * allowed); when `tableIds` is given, every id in `refers_to` must be one of them.
 * Throws: DataError naming the file, line and column of the first problem.
 * @example
 * const claims = loadClaims("data/published/claims.csv");
 * claims.find((c) => c.id === "C.3.2.ratio")?.refersTo; // ["T5.m6.NQP.coef", "T5.m6.TRADE.coef"]
 */
export function loadClaims(path: string, tableIds?: Iterable<string>): PublishedClaim[] {
  const { records, lines } = readCsv(path, CLAIM_COLUMNS);
  const known = tableIds ? new Set(tableIds) : undefined;
  const seen = new Set<string>();
  return records.map((rec, i) => {
    const line = lines[i];
    const where = (column: string, hint: string) => ({ file: path, line, column, hint });
    const id = rec.id.trim();
    if (id === "" || seen.has(id)) {
      throw new DataError(`empty or duplicate id "${id}"`, where("id", "ids must be unique"));
    }
    seen.add(id);
    try {
      decimalsOf(rec.printed);
    } catch {
      throw new DataError(
        `printed value "${rec.printed}" is not a number`,
        where("printed", "copy the number as the sentence prints it, e.g. 0.79 or 76.3%"),
      );
    }
    if (!rec.sentence.includes(rec.printed.trim())) {
      throw new DataError(
        `the sentence does not contain "${rec.printed}"`,
        where("sentence", "quote the whole sentence the number comes from"),
      );
    }
    const refersTo = rec.refers_to.split(/\s+/).filter((s) => s !== "");
    if (known) {
      for (const ref of refersTo) {
        if (!known.has(ref)) {
          throw new DataError(
            `refers to unknown table cell "${ref}"`,
            where("refers_to", "use ids from tables.csv, separated by spaces"),
          );
        }
      }
    }
    return {
      id,
      section: rec.section.trim(),
      sentence: rec.sentence,
      printed: rec.printed.trim(),
      refersTo,
    };
  });
}
