/**
 * Regression tables in the style of Stata's esttab (and R's modelsummary): models side by side,
 * each coefficient with significance stars and its t value in parentheses beneath, the constant
 * `_cons` last, then N, R² and adjusted R².
 *
 * Estimation and presentation are separate: `regressionTable` turns fitted models into a
 * neutral `Table` (strings in cells), and `toHtml`, `toMarkdown`, `toLatex` and `toCsv` render
 * any `Table` (the published-vs-reproduced table of render-comparison.ts uses them too).
 * Numbers are rounded half-up with `formatFixed` (published.ts), so a table printed here rounds
 * exactly as the comparison with the paper does.
 */
import { DataError } from "../data/errors";
import { escapeHtml } from "./html";
import type { OlsResult } from "../methods/ols-matrix";
import { formatFixed } from "../data/printed-number";

/** A renderer-neutral table: header rows, body rows, notes. Cells are display strings. */
export interface Table {
  title?: string;
  /** Header rows; the first cell of each is the corner/stub. */
  header: string[][];
  /** Body rows with a kind used for styling ("coef", "t", "stat", "row"…). */
  body: { kind: string; cells: string[] }[];
  /** Rows after which a rule is drawn (indices into `body`, rule below that row). */
  rulesAfter?: number[];
  notes: string[];
  /** Alignment per column: "l" or "r" (default: first "l", the rest "r"). */
  align?: ("l" | "r" | "c")[];
  /** CSS class added to the <table> in HTML (besides "cplib-table"). */
  className?: string;
}

/** Options of `regressionTable`: decimals, star thresholds, order, labels, title (paper's defaults). */
export interface RegressionTableOptions {
  /** Decimals of coefficients (default 3, as the paper). */
  decimals?: number;
  /** Decimals of t values (default 2). */
  tDecimals?: number;
  /** Decimals of R² (default 3) and adjusted R² (default 2), as the paper prints them. */
  r2Decimals?: number;
  adjR2Decimals?: number;
  /** p-value thresholds for *, **, *** (default [0.10, 0.05, 0.01]). */
  stars?: [number, number, number];
  /** Order of the regressors (default: first appearance across models; "const" always last). */
  order?: string[];
  /** Display labels for variables (the constant shows as "_cons" unless relabelled). */
  labels?: Record<string, string>;
  title?: string;
  /** Rows added after the coefficients, before N (e.g. fixed effects "Yes"/"No"), one cell per model. */
  extraRows?: { label: string; cells: string[] }[];
}

/** The constant's name: "const" from `olsMatrix`, "Intercept" from a formula fit. */
function isConstant(name: string): boolean {
  return name === "const" || name === "Intercept";
}

/** One column of a regression table: its label and the fitted model. */
export interface TableColumn {
  label: string;
  result: OlsResult;
}

function isColumn(m: TableColumn | OlsResult): m is TableColumn {
  return (m as TableColumn).result !== undefined;
}

/** Stars for a p-value: "***" if p < s[2], "**" if p < s[1], "*" if p < s[0], else "". */
function starsFor(p: number, s: [number, number, number]): string {
  if (p < s[2]) return "***";
  if (p < s[1]) return "**";
  if (p < s[0]) return "*";
  return "";
}

/**
 * Lays out fitted models as an esttab-style table (render it with toHtml/toMarkdown/…).
 *
 * Formula: cell = formatFixed(β̂, decimals) + stars(p), beneath "(" + formatFixed(t, tDecimals) + ")".
 * Stars use each model's own p-values (so clustered models use their t(G − 1) p-values).
 * Throws: DataError for an empty list of models or an `order` naming no estimated variable.
 * @example
 * const t = regressionTable([olsMatrix(y, X1), olsMatrix(y, X2)]); // formula fits: `etable`
 * toMarkdown(t); // | | (1) | (2) | … | NQP | 0.790*** | 0.801*** | …
 */
export function regressionTable(
  models: TableColumn[] | OlsResult[],
  opts: RegressionTableOptions = {},
): Table {
  if (models.length === 0) throw new DataError("no models to tabulate");
  const dec = opts.decimals ?? 3;
  const tDec = opts.tDecimals ?? 2;
  const stars = opts.stars ?? [0.1, 0.05, 0.01];
  const list = (models as (TableColumn | OlsResult)[]).map((m, i) =>
    isColumn(m) ? { label: m.label, r: m.result } : { label: `(${i + 1})`, r: m },
  );

  // Regressor order: given, or first appearance; the constant always comes last as _cons.
  const seen: string[] = [];
  for (const { r } of list)
    for (const n of r.names) if (!isConstant(n) && !seen.includes(n)) seen.push(n);
  const order = (opts.order ?? seen).filter((n) => !isConstant(n));
  if (opts.order && !order.some((n) => seen.includes(n))) {
    throw new DataError(`none of the variables in "order" was estimated`, {
      variable: opts.order.join(", "),
      hint: `estimated: ${seen.join(", ")}`,
    });
  }
  if (list.some(({ r }) => r.names.some(isConstant))) order.push("const");
  const label = (n: string): string => opts.labels?.[n] ?? (isConstant(n) ? "_cons" : n);

  const body: Table["body"] = [];
  for (const name of order) {
    const coef: string[] = [label(name)];
    const t: string[] = [""];
    for (const { r } of list) {
      const j = name === "const" ? r.names.findIndex(isConstant) : r.names.indexOf(name);
      coef.push(j < 0 ? "" : formatFixed(r.params[j], dec) + starsFor(r.pvalues[j], stars));
      t.push(j < 0 ? "" : `(${formatFixed(r.tvalues[j], tDec)})`);
    }
    body.push({ kind: "coef", cells: coef }, { kind: "t", cells: t });
  }
  const rule = body.length - 1;
  for (const row of opts.extraRows ?? []) {
    if (row.cells.length !== list.length) {
      throw new DataError(
        `row "${row.label}" has ${row.cells.length} cells for ${list.length} models`,
      );
    }
    body.push({ kind: "stat", cells: [row.label, ...row.cells] });
  }
  body.push(
    { kind: "stat", cells: ["N", ...list.map(({ r }) => String(r.nobs))] },
    {
      kind: "stat",
      cells: ["R²", ...list.map(({ r }) => formatFixed(r.rsquared, opts.r2Decimals ?? 3))],
    },
    {
      kind: "stat",
      cells: [
        "Adj. R²",
        ...list.map(({ r }) => formatFixed(r.rsquaredAdj, opts.adjR2Decimals ?? 2)),
      ],
    },
  );

  const covTypes = [...new Set(list.map(({ r }) => r.covType))];
  const notes = [
    `t statistics in parentheses${covTypes.length === 1 && covTypes[0] !== "classical" ? ` (${covTypes[0]} standard errors)` : ""}.`,
    `* p < ${stars[0]}, ** p < ${stars[1]}, *** p < ${stars[2]}.`,
  ];
  return {
    title: opts.title,
    header: [
      ["", ...list.map((m) => m.label)],
      ["", ...list.map((m) => m.r.yName)],
    ],
    body,
    rulesAfter: [rule],
    notes,
    className: "cplib-regression",
  };
}

// ─── Renderers (work for any Table) ─────────────────────────────────────────────────────────

/**
 * Table text escaped for HTML. Apostrophes stay literal: every attribute this renderer writes is
 * double-quoted, and the committed notebook outputs (e.g. "Model 6's regressors") keep them.
 */
function escapeCell(s: string): string {
  return escapeHtml(s, { singleQuote: false });
}

function alignOf(table: Table, c: number): "l" | "r" | "c" {
  return table.align?.[c] ?? (c === 0 ? "l" : "r");
}

/**
 * HTML for notebooks: a plain <table> with classes (no <style>, no inline CSS), so Jupyter's
 * own table styling applies and a site stylesheet can target `.cplib-table`, `.cplib-t` etc.
 *
 * Formula: none. Throws: nothing.
 * @example
 * toHtml(regressionTable(models));
 * // <table class="cplib-table cplib-regression"><caption>…</caption><thead>…
 */
export function toHtml(table: Table): string {
  const cls = ["cplib-table", table.className].filter(Boolean).join(" ");
  const td = (tag: string, s: string, c: number, extra = ""): string =>
    `<${tag} class="cplib-${alignOf(table, c)}${extra}">${escapeCell(s)}</${tag}>`;
  const lines = [`<table class="${cls}">`];
  if (table.title) lines.push(`<caption>${escapeCell(table.title)}</caption>`);
  lines.push("<thead>");
  for (const row of table.header)
    lines.push(`<tr>${row.map((s, c) => td("th", s, c)).join("")}</tr>`);
  lines.push("</thead>", "<tbody>");
  const rules = new Set(table.rulesAfter ?? []);
  table.body.forEach((row, r) => {
    const rowCls = `cplib-${row.kind}${rules.has(r) ? " cplib-rule" : ""}`;
    lines.push(
      `<tr class="${rowCls}">${row.cells.map((s, c) => td(c === 0 ? "th" : "td", s, c)).join("")}</tr>`,
    );
  });
  lines.push("</tbody>");
  if (table.notes.length > 0) {
    const width = table.header[0]?.length ?? 1;
    lines.push(
      `<tfoot><tr><td class="cplib-notes" colspan="${width}">${table.notes.map(escapeCell).join("<br>")}</td></tr></tfoot>`,
    );
  }
  lines.push("</table>");
  return lines.join("\n");
}

/**
 * GitHub-flavoured Markdown: a pipe table (t values on their own row), notes beneath.
 *
 * Formula: none. Throws: nothing.
 * @example
 * console.log(toMarkdown(regressionTable(models)));
 * // |  | (1) | (2) |\n|:---|---:|---:|\n| NQP | 0.790*** | … |
 */
export function toMarkdown(table: Table): string {
  const esc = (s: string): string => s.replace(/\|/g, "\\|").replace(/\*/g, "\\*");
  const row = (cells: string[]): string => `| ${cells.map(esc).join(" | ")} |`;
  const width = table.header[0]?.length ?? table.body[0]?.cells.length ?? 0;
  const sep = Array.from({ length: width }, (_, c) => {
    const a = alignOf(table, c);
    return a === "l" ? ":---" : a === "r" ? "---:" : ":---:";
  });
  const lines: string[] = [];
  if (table.title) lines.push(`**${table.title}**`, "");
  const [first, ...more] = table.header;
  lines.push(row(first ?? []), `| ${sep.join(" | ")} |`);
  for (const h of more) lines.push(row(h));
  for (const b of table.body) lines.push(row(b.cells));
  if (table.notes.length > 0) lines.push("", ...table.notes.map(esc));
  return lines.join("\n");
}

const LATEX_ESCAPES: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  "<": "$<$",
  ">": "$>$",
  "²": "$^2$",
  "✓": "$\\checkmark$",
  "✗": "$\\times$",
  "−": "$-$",
};

/** Escapes LaTeX specials in one pass (so inserted backslashes are not escaped again). */
function escapeLatex(s: string): string {
  return s.replace(/[\\&%$#_{}~^<>²✓✗−]/g, (ch) => LATEX_ESCAPES[ch]);
}

/** A cell for LaTeX: stars as superscripts, a leading minus in math mode. */
function latexCell(s: string): string {
  const m = /^(.*?)(\*+)$/.exec(s);
  return m ? `${escapeLatex(m[1])}\\sym{${m[2]}}` : escapeLatex(s);
}

/**
 * LaTeX (booktabs): \toprule, \midrule, \bottomrule; stars as `\sym{***}` with a fallback
 * definition `\providecommand{\sym}[1]{^{#1}}` included (esttab's convention).
 *
 * Formula: none. Throws: nothing.
 * @example
 * toLatex(regressionTable(models));
 * // \begin{tabular}{lrrr}\n\toprule\n & (1) & (2) …
 */
export function toLatex(table: Table): string {
  const width = table.header[0]?.length ?? 1;
  const cols = Array.from({ length: width }, (_, c) => alignOf(table, c)).join("");
  const row = (cells: string[]): string => `${cells.map(latexCell).join(" & ")} \\\\`;
  const lines = ["\\providecommand{\\sym}[1]{\\ensuremath{^{#1}}}"];
  if (table.title) lines.push(`% ${table.title}`);
  lines.push(`\\begin{tabular}{${cols}}`, "\\toprule");
  for (const h of table.header) lines.push(row(h));
  lines.push("\\midrule");
  const rules = new Set(table.rulesAfter ?? []);
  table.body.forEach((b, r) => {
    lines.push(row(b.cells));
    if (rules.has(r) && r < table.body.length - 1) lines.push("\\midrule");
  });
  lines.push("\\bottomrule");
  for (const note of table.notes) {
    lines.push(`\\multicolumn{${width}}{l}{\\footnotesize ${escapeLatex(note)}} \\\\`);
  }
  lines.push("\\end{tabular}");
  return lines.join("\n");
}

/**
 * CSV (RFC 4180: fields with commas, quotes or newlines are quoted), header rows first, notes
 * omitted. Stars and parentheses are kept as displayed.
 *
 * Formula: none. Throws: nothing.
 * @example
 * toCsv(regressionTable(models));
 * // ",(1),(2)\n,CO,CO\nNQP,0.790***,…"
 */
export function toCsv(table: Table): string {
  const field = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = [...table.header, ...table.body.map((b) => b.cells)];
  return rows.map((r) => r.map(field).join(",")).join("\n") + "\n";
}
