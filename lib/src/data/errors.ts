/**
 * Errors are part of the API. Every error the library throws about data is a `DataError`
 * that names where the problem is (file, line, column, variable, city, year) and says what
 * to do about it, so a re-runner who feeds the pipeline a new panel can fix it at once.
 *
 * @example
 * throw new DataError("value is not a number", { file: "panel.csv", line: 12, column: "gdp",
 *   hint: "write numbers with a dot as decimal separator" });
 * // → DataError: panel.csv, line 12, column "gdp": value is not a number. Write numbers ...
 */
export interface DataErrorWhere {
  file?: string;
  line?: number;
  column?: string;
  variable?: string;
  city?: string;
  year?: number;
  /** Lines quoted after the problem, e.g. a formula with a caret under the bad position. */
  excerpt?: string;
  /** What the user should do about it (one sentence). */
  hint?: string;
}

/**
 * An error about the data (or the arguments) rather than a bug: the problem, where it is, and
 * what to do about it, in one message.
 *
 * Message: "<file>, line <n>, column "<c>", variable "<v>", city <c>, year <y>: <problem>.
 * <Hint>" — only the parts of `where` that are set appear; `where` is kept on the error for
 * programs. Throws: nothing itself (constructing it never throws); it is what the library
 * throws on bad input.
 * @example
 * throw new DataError("row 14 has NaN, not a number", { variable: "TRADE", city: "Ningbo", year: 2017 });
 * // → DataError: variable "TRADE", city Ningbo, year 2017: row 14 has NaN, not a number.
 */
export class DataError extends Error {
  readonly where: DataErrorWhere;

  constructor(problem: string, where: DataErrorWhere = {}) {
    super(DataError.format(problem, where));
    this.name = "DataError";
    this.where = where;
  }

  /** Builds the message: the location first, then the problem, then the hint. */
  static format(problem: string, where: DataErrorWhere): string {
    const parts: string[] = [];
    if (where.file !== undefined) parts.push(where.file);
    if (where.line !== undefined) parts.push(`line ${where.line}`);
    if (where.column !== undefined) parts.push(`column "${where.column}"`);
    if (where.variable !== undefined) parts.push(`variable "${where.variable}"`);
    if (where.city !== undefined) parts.push(`city ${where.city}`);
    if (where.year !== undefined) parts.push(`year ${where.year}`);
    const location = parts.length > 0 ? `${parts.join(", ")}: ` : "";
    const hint = where.hint ? `${where.hint.charAt(0).toUpperCase()}${where.hint.slice(1)}` : "";
    const excerpt = where.excerpt ? `\n${where.excerpt}\n` : hint ? " " : "";
    return `${location}${problem}.${excerpt}${hint}`.replace(/\.\.$/, ".");
  }
}

/**
 * Throws a DataError unless `x` is a finite number.
 *
 * Formula: passes iff typeof x = "number" and x ∉ {NaN, ±Infinity}.
 * Throws: DataError "<problem> (got <x>)" at `where` otherwise.
 * @example
 * assertFinite(0.19, "coefficient is not finite"); // returns
 * assertFinite(NaN, "standard error is not finite", { variable: "NQP" }); // throws
 */
export function assertFinite(x: number, problem: string, where: DataErrorWhere = {}): void {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new DataError(`${problem} (got ${String(x)})`, where);
  }
}
