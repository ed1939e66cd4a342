/**
 * `display(x)`: show anything the notebooks compute, as IPython's `display()` does — danfo
 * DataFrames and Series as HTML tables, regression results as statsmodels' summary, esttab
 * tables, plotly figures, published-vs-reproduced rows, records and named values.
 *
 * Rich display of the last expression. In Jupyter, `df.head()` or `res.summary()` on the last
 * line of a cell shows an HTML table. tslab prints a cell's last value with `console.log`, i.e.
 * as text through `util.inspect`; this module gives danfo frames, `RegressionResults` and
 * `RegressionSummary` an inspect hook that, inside a kernel and only for the value printed at
 * the top level, sends the HTML bundle as a display output instead (and drops the empty line
 * `console.log` would print after it). Outside a kernel the hook returns the aligned text, so
 * `console.log(df)` in a script prints a readable table instead of danfo's internals.
 */
import { inspect } from "node:util";
import { onDanfoLoad } from "../data/danfo";
import { DataError } from "../data/errors";
import { isDanfoFrame } from "../data/frame";
import type { PublishedComparison } from "../paper/match";
import { RegressionResults, RegressionSummary } from "../methods/regression-results";
import {
  comparisonBundle,
  displayBundle,
  frameBundle,
  inKernel,
  matrixBundle,
  plotBundle,
  recordsBundle,
  tableBundle,
  type MimeBundle,
  type PlotlyFigure,
} from "./display";
import { escapeHtml } from "./html";
import type { Table } from "./render-regression-table";

/** Options of `display`: decimals and the number of rows shown. */
export interface DisplayOptions {
  /** Decimals of numbers in tables (default 3; integers print as integers). */
  decimals?: number;
  /** At most this many rows (default 20 for frames, all for records). */
  maxRows?: number;
}

/** The shape of a danfo Series / DataFrame that the table renderer reads. */
interface DanfoLike {
  columns: string[];
  index: (string | number)[];
  values: unknown[];
  $isSeries?: boolean;
}

function isTable(x: unknown): x is Table {
  const t = x as Partial<Table>;
  return Array.isArray(t?.header) && Array.isArray(t?.body) && Array.isArray(t?.notes);
}

function isFigure(x: unknown): x is PlotlyFigure {
  const f = x as Partial<PlotlyFigure>;
  return Array.isArray(f?.data) && f.data.every((d) => d !== null && typeof d === "object");
}

function isComparisonRows(x: unknown): x is PublishedComparison[] {
  return (
    Array.isArray(x) &&
    x.length > 0 &&
    x.every((r) => typeof r?.published === "string" && typeof r?.match === "boolean")
  );
}

/** A danfo DataFrame or Series as an HTML + text table. */
function danfoBundle(x: DanfoLike, opts: DisplayOptions): MimeBundle {
  const series = x.$isSeries === true || !Array.isArray(x.values[0]);
  return frameBundle(
    series
      ? { columns: x.columns, index: x.index, values: x.values.map((v) => [v]) }
      : { columns: x.columns, index: x.index, values: x.values },
    { decimals: opts.decimals, maxRows: opts.maxRows },
  );
}

/**
 * statsmodels' summary as HTML (three tables: model facts, coefficients, diagnostics; then the
 * notes) with the aligned text as `text/plain`.
 *
 * Throws: never.
 * @example
 * summaryBundle(res.summary())["text/plain"]; // "  OLS Regression Results …"
 */
export function summaryBundle(s: RegressionSummary): MimeBundle {
  const e = (t: string) => escapeHtml(t);
  const pairs = (left: [string, string][], right: [string, string][]) =>
    Array.from({ length: Math.max(left.length, right.length) }, (_, i) => {
      const cell = (p?: [string, string]) =>
        p ? `<th>${e(p[0])}</th><td>${e(p[1])}</td>` : "<th></th><td></td>";
      return `<tr>${cell(left[i])}${cell(right[i])}</tr>`;
    }).join("");
  const num = (x: number, d: number) =>
    !Number.isFinite(x)
      ? "—"
      : x !== 0 && Math.abs(x) < 10 ** -d
        ? x.toExponential(2)
        : x.toFixed(d);
  const head = ["", "coef", "std err", "t", "P>|t|", ...s.intervalLabels]
    .map((h) => `<th>${e(h)}</th>`)
    .join("");
  const rows = s.coefficients
    .map(
      (c) =>
        `<tr><th>${e(c.name)}</th>` +
        [num(c.coef, 4), num(c.stdErr, 3), num(c.t, 3), num(c.p, 3), num(c.low, 3), num(c.high, 3)]
          .map((v) => `<td>${v}</td>`)
          .join("") +
        `</tr>`,
    )
    .join("");
  const diag = [];
  for (let i = 0; i < s.diagnostics.length; i += 2) {
    diag.push([s.diagnostics[i], s.diagnostics[i + 1]] as const);
  }
  const html =
    `<div class="cp-regsummary">` +
    `<table class="cp-regsummary-head"><caption>${e(s.title)}</caption>${pairs(s.left, s.right)}</table>` +
    `<table class="cp-regsummary-coef"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>` +
    `<table class="cp-regsummary-diag">${diag.map(([a, b]) => pairs([a], b ? [b] : [])).join("")}</table>` +
    `<p class="cp-regsummary-notes">Notes:<br>${s.notes.map((n, i) => `[${i + 1}] ${e(n)}`).join("<br>")}</p>` +
    `</div>`;
  return { "text/html": html, "text/plain": s.asText() };
}

/** Values keyed by name (res.params, res.confInt(), res.covParams()) as a table. */
function namedBundle(x: Record<string, unknown>, opts: DisplayOptions): MimeBundle | null {
  const entries = Object.entries(x);
  if (entries.length === 0) return null;
  if (entries.every(([, v]) => typeof v === "number" || typeof v === "string")) {
    return recordsBundle(
      entries.map(([name, value]) => ({ name, value })),
      { index: "name", decimals: opts.decimals ?? 4, maxRows: opts.maxRows },
    );
  }
  if (entries.every(([, v]) => Array.isArray(v) && v.every((n) => typeof n === "number"))) {
    const width = (entries[0][1] as number[]).length;
    const cols =
      width === 2 ? ["low", "high"] : Array.from({ length: width }, (_, j) => String(j + 1));
    return matrixBundle(
      entries.map(([, v]) => v as number[]),
      { rowLabels: entries.map(([k]) => k), colLabels: cols, decimals: opts.decimals ?? 4 },
    );
  }
  if (
    entries.every(
      ([, v]) =>
        v !== null && typeof v === "object" && Object.values(v).every((n) => typeof n === "number"),
    )
  ) {
    const cols = Object.keys(entries[0][1] as object);
    return matrixBundle(
      entries.map(([, v]) => cols.map((c) => (v as Record<string, number>)[c])),
      { rowLabels: entries.map(([k]) => k), colLabels: cols, decimals: opts.decimals ?? 4 },
    );
  }
  return null;
}

/**
 * The MIME bundle `display` sends for a value (see the file header for what is recognised).
 *
 * Throws: DataError for a value it cannot show as a table or chart (e.g. a function).
 * @example
 * bundleOf(loadPaperData().head(3))["text/plain"]; // an aligned text table of 3 rows
 */
export function bundleOf(x: unknown, opts: DisplayOptions = {}): MimeBundle {
  if (x instanceof RegressionResults) return summaryBundle(x.summary());
  if (x instanceof RegressionSummary) return summaryBundle(x);
  if (isDanfoFrame(x) || (x as DanfoLike | null)?.$isSeries === true) {
    return danfoBundle(x as unknown as DanfoLike, opts);
  }
  if (isTable(x)) return tableBundle(x);
  if (isFigure(x)) return plotBundle(x);
  if (isComparisonRows(x)) return comparisonBundle(x);
  if (
    Array.isArray(x) &&
    x.length > 0 &&
    x.every((r) => r !== null && typeof r === "object" && !Array.isArray(r))
  ) {
    return recordsBundle(x as object[], opts);
  }
  if (typeof x === "string" || typeof x === "number" || typeof x === "boolean") {
    return { "text/plain": String(x) };
  }
  if (x !== null && typeof x === "object" && !Array.isArray(x)) {
    const b = namedBundle(x as Record<string, unknown>, opts);
    if (b) return b;
  }
  throw new DataError(
    `display() cannot show ${x === null ? "null" : typeof x === "object" ? "this object" : typeof x}`,
    {
      hint: "pass a DataFrame, a Series, a fit, its summary(), a table, a figure, records or named values",
    },
  );
}

/**
 * Shows a value in the notebook as IPython's `display()` does; outside a kernel returns the
 * bundle it would have shown.
 *
 * Throws: DataError as `bundleOf`.
 * @example
 * display(df.head());            // an HTML table
 * display(res.summary());        // statsmodels' summary
 * display(etable([m1, m2, m3])); // models side by side
 */
export function display(x: unknown, opts: DisplayOptions = {}): MimeBundle | undefined {
  return displayBundle(bundleOf(x, opts));
}

// ─── Rich display of a cell's last value ────────────────────────────────────────────────────

/**
 * Drops the next write to stdout if it is the bare newline `console.log` prints after an empty
 * string, then restores the writer (after that write, or at the end of this turn of the event loop).
 */
function swallowNextNewline(): void {
  const original = process.stdout.write;
  let done = false;
  const restore = () => {
    if (!done) {
      done = true;
      process.stdout.write = original;
    }
  };
  process.stdout.write = function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
    restore();
    if (chunk === "\n") return true;
    return (original as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
  } as typeof process.stdout.write;
  setImmediate(restore);
}

/**
 * Gives a prototype an inspect hook: at the top level inside a kernel it displays the value's
 * bundle and prints nothing; otherwise (nested, or outside a kernel) it returns the text form.
 */
function installRichInspect(proto: object, toBundle: (self: unknown) => MimeBundle): void {
  Object.defineProperty(proto, inspect.custom, {
    configurable: true,
    writable: true,
    value(this: unknown, depth: number, options: { depth?: number | null }) {
      let bundle: MimeBundle;
      try {
        bundle = toBundle(this);
      } catch {
        return Object.prototype.toString.call(this);
      }
      const topLevel = options?.depth === depth;
      if (topLevel && inKernel()) {
        displayBundle(bundle);
        swallowNextNewline();
        return "";
      }
      return bundle["text/plain"] as string;
    },
  });
}

installRichInspect(RegressionResults.prototype, (self) =>
  summaryBundle((self as RegressionResults).summary()),
);
installRichInspect(RegressionSummary.prototype, (self) => summaryBundle(self as RegressionSummary));
// danfo's operations (head, query, describe, …) return instances of its base classes, not of the
// node package's subclasses: the hook goes on their common base, NDframe.
onDanfoLoad((dfd) => {
  installRichInspect(dfd.NDframe.prototype, (self) => danfoBundle(self as DanfoLike, {}));
});
