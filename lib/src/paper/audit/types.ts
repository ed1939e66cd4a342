/**
 * Shared vocabulary of the audit rules: what a check reports, what a rule reads, and a small
 * index over the printed cells (`data/published/tables.csv` rows) that finds models, their
 * regressors, N and the dependent variable without hard-coding the paper's layout.
 */
import { DataError } from "../../data/errors";
import type { Interval } from "./interval";
import { printedInterval } from "./interval";

/** The audit rules (issue 7; rule 9, real-data, issue 13). */
export type AuditRuleName =
  | "stars-vs-p"
  | "bivariate-identities"
  | "adjusted-r2"
  | "vif-consistency"
  | "text-vs-tables"
  | "table6-specification"
  | "regional-difference"
  | "joint-moments"
  | "real-data";

/** One audit finding, as written to `output/audit.json`. */
export interface AuditCheck {
  rule: AuditRuleName;
  /** What is checked, e.g. "Table 5, Model (1): R² from t and N". */
  subject: string;
  /** The printed number(s) under test, as printed. */
  published: string;
  /** What the other printed numbers imply: a number, an interval [lo, hi], or a p-value. */
  implied: number | Interval;
  /** False only if no values inside the printed intervals satisfy the identity. */
  ok: boolean;
  /** The identity, the numbers and what a failure would mean. */
  note: string;
}

/**
 * One printed cell, structurally compatible with `PublishedRow` from `published-data.ts`.
 * `stars` (0–3) may be given directly; otherwise it is read from the label's
 * "(printed 0.190***)" / "(printed 0.091, no stars)".
 */
export interface AuditCell {
  id: string;
  table: number;
  kind: string;
  model: string;
  variable: string;
  printed: string;
  label?: string;
  stars?: number;
}

/** One numeric claim of the text, structurally compatible with `PublishedClaim`. */
export interface AuditClaim {
  id: string;
  section: string;
  sentence: string;
  printed: string;
  refersTo: string[];
}

/** What every rule reads. */
export interface AuditInput {
  cells: AuditCell[];
  claims?: AuditClaim[];
  /**
   * Rule 9 (real-data) runs only when this is given: the variables that are real in every
   * city-year (their columns), the panel's published-vs-reproduced comparison, and the share of
   * real cells behind each variable.
   */
  real?: {
    realColumns: Record<string, readonly number[]>;
    comparison?: import("../match").PublishedComparison[];
    realShareByVariable?: Record<string, number>;
  };
}

/**
 * Significance stars of a coefficient cell: `cell.stars` if set, else parsed from its label
 * ("printed 0.190***" → 3, "printed 0.091, no stars" → 0). Returns null when neither says.
 *
 * Formula: none (parsing). Throws: nothing.
 * @example
 * auditStarsOf({ id: "x", table: 5, kind: "coef", model: "m1", variable: "NQP", printed: "0.790", label: "(printed 0.790***)" }); // 3
 * auditStarsOf({ id: "y", table: 5, kind: "coef", model: "m1", variable: "NQP", printed: "0.790" }); // null
 */
export function auditStarsOf(cell: AuditCell): number | null {
  if (cell.stars !== undefined) return cell.stars;
  const m = /printed\s+\(?[-\u2212]?\d+(?:\.\d+)?\)?(\**)/.exec(cell.label ?? "");
  return m ? m[1].length : null;
}

/** Orders models as they first appear in the cells (m1 … m6, northeast, southwest). */
function uniqueInOrder(values: string[]): string[] {
  const out: string[] = [];
  for (const v of values) if (v !== "" && !out.includes(v)) out.push(v);
  return out;
}

/**
 * An index over the printed cells. Every lookup that must succeed throws a DataError naming the
 * id it could not find, so a mistyped table fails loudly instead of silently skipping a check.
 */
export class AuditTables {
  readonly cells: AuditCell[];
  private readonly byId = new Map<string, AuditCell>();

  constructor(cells: AuditCell[]) {
    this.cells = cells;
    for (const c of cells) this.byId.set(c.id, c);
  }

  /** The cell with this id, or undefined. */
  find(id: string): AuditCell | undefined {
    return this.byId.get(id);
  }

  /** The cell with this id; throws a DataError if it is missing. */
  get(id: string): AuditCell {
    const c = this.byId.get(id);
    if (!c) {
      throw new DataError(`published cell "${id}" is missing`, {
        file: "data/published/tables.csv",
        hint: "add the row, or check the id's spelling",
      });
    }
    return c;
  }

  /** The first cell matching table/kind/model/variable ("" matches an empty field). */
  cell(table: number, kind: string, model: string, variable: string): AuditCell | undefined {
    return this.cells.find(
      (c) => c.table === table && c.kind === kind && c.model === model && c.variable === variable,
    );
  }

  /** Like `cell`, but throws a DataError naming what is missing. */
  need(table: number, kind: string, model: string, variable: string): AuditCell {
    const c = this.cell(table, kind, model, variable);
    if (!c) {
      throw new DataError(
        `Table ${table} has no ${kind} cell for model "${model}", variable "${variable}"`,
        { file: "data/published/tables.csv", variable: variable || undefined },
      );
    }
    return c;
  }

  /** The printed interval of a cell. */
  interval(c: AuditCell): Interval {
    return printedInterval(c.printed);
  }

  /** Models of a regression table in printed order. */
  models(table: number): string[] {
    return uniqueInOrder(this.cells.filter((c) => c.table === table).map((c) => c.model));
  }

  /** Regressors (coefficient rows other than `_cons`) of a model, in printed order. */
  regressors(table: number, model: string): string[] {
    return uniqueInOrder(
      this.cells
        .filter(
          (c) =>
            c.table === table && c.model === model && c.kind === "coef" && c.variable !== "_cons",
        )
        .map((c) => c.variable),
    );
  }

  /** N of a model (an exact count). */
  n(table: number, model: string): number {
    const c = this.need(table, "n", model, "");
    const n = Number(c.printed);
    if (!Number.isInteger(n) || n <= 0) {
      throw new DataError(`N "${c.printed}" of ${c.id} is not a positive integer`, {
        file: "data/published/tables.csv",
      });
    }
    return n;
  }

  /** Variables of the descriptive table (Table 3) in printed order. */
  descriptiveVariables(): string[] {
    return uniqueInOrder(this.cells.filter((c) => c.table === 3).map((c) => c.variable));
  }

  /**
   * The dependent variable of Table 5: the one Table 3 variable never used as a regressor there.
   * Throws: DataError unless exactly one such variable exists.
   */
  dependentVariable(): string {
    const used = new Set(this.models(5).flatMap((m) => this.regressors(5, m)));
    const cands = this.descriptiveVariables().filter((v) => !used.has(v));
    if (cands.length !== 1) {
      throw new DataError(
        `cannot tell the dependent variable: Table 3 variables not used as regressors in Table 5 are [${cands.join(", ")}]`,
        { file: "data/published/tables.csv", hint: "Table 3 should describe exactly one outcome" },
      );
    }
    return cands[0];
  }
}

/**
 * Formats a number for notes with up to `digits` decimals and no trailing zeros.
 *
 * Formula: x.toFixed(digits) with trailing zeros (and a bare ".") removed; non-finite values as
 * String(x). Throws: nothing.
 * @example
 * auditFmt(0.19);      // "0.19"
 * auditFmt(1 / 3, 2);  // "0.33"
 */
export function auditFmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  const s = x.toFixed(digits);
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}
