/**
 * Display: how the notebooks show charts, tables and banners. This header is the contract
 * between the notebooks, this file and the reader's edition (scripts/site/outputs.ts).
 *
 * A Jupyter output can carry one payload per MIME type, and each front end picks the richest one
 * it understands: JupyterLab and VS Code draw `application/vnd.plotly.v1+json`, an HTML export
 * keeps `text/html`, a terminal shows `text/plain`. tslab's public `display.raw` sends one MIME
 * type per call, so this module sends whole bundles through tslab's internal display writer
 * (`require("tslab/dist/jupyter").lastWriteDisplayData`), which the kernel resets before every
 * cell. Outside a kernel (tests, scripts) nothing is sent: every `show*` function returns the
 * bundle it would have sent, and the `*Bundle` builders are pure functions usable anywhere.
 *
 * The contract, per kind of output (every bundle also carries a `text/plain` fallback):
 * - Charts: `showPlot(figure)` → { "application/vnd.plotly.v1+json": { data, layout, config },
 *   "text/html": `<div class="cp-plotly" id="cp-plot-…">` holding the figure JSON in a
 *   `<script type="application/json">`, a note, and a script, "text/plain": "Plotly chart:
 *   <title> (<n> traces)" }. Front ends with a plotly renderer draw the JSON: VS Code (its
 *   Jupyter renderers extension), JupyterLab/Notebook 7 with the Python plotly package, and the
 *   reader's edition (scripts/site, with plotly.js copied from node_modules/plotly.js-dist-min,
 *   never from a CDN). The others show the HTML: where they run a trusted output's scripts
 *   (JupyterLab 4, Notebook 7, Debian's classic Notebook 6.4) the script loads plotly.js once per
 *   page from the repository's node_modules through the Jupyter server's /files/ route (no
 *   network) and draws the chart; where scripts do not run (GitHub's static view, a notebook
 *   opened untrusted) or plotly.js cannot be found, the note says what to run or install and
 *   points to the reader's edition. Front ends that add an `image/png` beside the JSON on save
 *   (jupyterlab-plotly) are tolerated by `npm run reproduce -- --check`.
 * - Tables: `showTable` (lib renderers' neutral tables: text/html + text/markdown),
 *   `showFrame` / `showRecords` / `showMatrix` (text/html table + aligned text).
 * - Reconstructed-data banner (banner.ts): `reconstructedBanner(note?, real?)` → `<div
 *   class="cp-banner cp-banner-reconstructed">`, saying how much of what it shows is real; every
 *   notebook shows it wherever a result depends on reconstructed cells, and the site styles it
 *   prominently.
 * - Published vs reproduced: `showComparison(rows)` → the lib's comparison table (✓/✗ per row)
 *   in a `cp-comparison` div.
 * HTML outputs use only `cp-` CSS classes and no <style> of their own (at most inline
 * alignment); the reader's edition (scripts/site) styles them.
 */
import { createHash } from "node:crypto";
import { DataError } from "../data/errors";
import { escapeHtml, jsonForScript } from "./html";
import type { PublishedComparison } from "../paper/match";
import { comparisonTable } from "./render-comparison";
import { toHtml, toMarkdown, type Table } from "./render-regression-table";

/** A neutral table object as built by `regressionTable` / `comparisonTable`. */
export type NeutralTable = Table;

/** A MIME bundle: MIME type → payload (string, or a JSON object for `+json` types). */
export type MimeBundle = Record<string, unknown>;

/** A plotly figure as plain data: what `lib/src/plot.ts` builds and `showPlot` shows. */
export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/**
 * Anything `showTable` can show: a neutral table from the lib's renderers
 * (`regressionTable`, `comparisonTable`), or text already rendered as HTML (+ markdown/text).
 */
export type ShowableTable = NeutralTable | RenderedTable;

/** A table already rendered by the caller. */
export interface RenderedTable {
  html: string;
  markdown?: string;
  text?: string;
}

/** The subset of a danfo DataFrame (or Series) that `showFrame` reads. */
export interface FrameLike {
  columns?: string[];
  index: (string | number)[];
  values: unknown[] | unknown[][];
  /** Header of the index column (danfo frames have none). */
  indexName?: string;
}

type KernelWriter = (
  msg: { data: MimeBundle; metadata: Record<string, unknown>; transient: Record<string, unknown> },
  update: boolean,
) => void;

/**
 * The kernel's current display writer, or null outside a tslab kernel.
 *
 * Looks for tslab's `dist/jupyter.js` among the modules Node has already loaded (the kernel
 * loads it at start-up), so a test never loads tslab (and its ZeroMQ addon) by accident, and a
 * second copy of tslab elsewhere in node_modules cannot hide the live one.
 */
function kernelWriter(): KernelWriter | null {
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) continue;
    const writer = (mod?.exports as { lastWriteDisplayData?: unknown } | undefined)
      ?.lastWriteDisplayData;
    if (typeof writer === "function") return writer as KernelWriter;
  }
  return null;
}

/**
 * Whether code is running inside a tslab kernel that is executing a cell.
 *
 * Purpose: lets callers choose between showing and returning. Throws: never.
 * @example
 * inKernel(); // false under `node --test`, true in a notebook cell
 */
export function inKernel(): boolean {
  return kernelWriter() !== null;
}

/**
 * Sends a MIME bundle as one Jupyter `display_data` output; outside a kernel returns it instead.
 *
 * Throws: DataError when the bundle is empty or has no `text/plain` fallback (every output must
 * be readable in a terminal).
 * @example
 * displayBundle({ "text/html": "<b>hi</b>", "text/plain": "hi" }); // shows bold "hi" in a notebook
 * displayBundle({ "text/plain": "hi" }); // outside a kernel → { "text/plain": "hi" }
 */
export function displayBundle(bundle: MimeBundle): MimeBundle | undefined {
  if (typeof bundle["text/plain"] !== "string") {
    throw new DataError("a display bundle needs a text/plain fallback", {
      hint: 'add a "text/plain" entry describing the output',
    });
  }
  const writer = kernelWriter();
  if (writer === null) return bundle;
  writer({ data: bundle, metadata: {}, transient: {} }, false);
  return undefined;
}

/** The first 8 hex digits of the SHA-256 of the text: a short, deterministic id for an output. */
function shortHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 8);
}

let plotCounter = 0;

/** The figure's title as plain text ("" when it has none). */
function figureTitle(figure: PlotlyFigure): string {
  const title = figure.layout?.title;
  if (typeof title === "string") return title;
  if (
    title &&
    typeof title === "object" &&
    typeof (title as { text?: unknown }).text === "string"
  ) {
    return (title as { text: string }).text;
  }
  return "";
}

/** The plotly config every chart gets unless the figure overrides it. */
export const DEFAULT_PLOT_CONFIG: Readonly<Record<string, unknown>> = Object.freeze({
  responsive: true,
  displaylogo: false,
});

/** Where the fallback script looks for plotly.js, relative to a folder the Jupyter server serves. */
export const PLOTLY_JS_PATH = "node_modules/plotly.js-dist-min/plotly.min.js";

/** What a chart's HTML fallback says where its script did not run (static views, untrusted). */
const PLOTLY_STATIC_NOTE =
  "Interactive chart. It is drawn when this cell runs in Jupyter (JupyterLab, Notebook 7 or 6) " +
  "started in this repository after `npm install`; in a notebook opened from disk, run the cell " +
  "or trust the notebook first (`jupyter trust notebooks/*.ipynb`). VS Code, and JupyterLab with " +
  "the Python plotly package, draw it directly. Static views such as GitHub's cannot: see the " +
  "reader's edition (`npm run reproduce`, then output/site/index.html).";

/** What the fallback script says when it ran but found no plotly.js to load. */
const PLOTLY_MISSING_NOTE =
  "This chart could not be drawn: plotly.js was not found on the Jupyter server. Start Jupyter " +
  "in the repository folder (or a folder above it) after `npm install`, so that it serves " +
  `${PLOTLY_JS_PATH}; or install the Python plotly package in Jupyter's environment ` +
  "(`pip install plotly`); or see the chart in the reader's edition (output/site/index.html).";

/**
 * The script of a chart's HTML fallback (`id` is its element id). Where a front end runs the
 * scripts of a trusted output (JupyterLab, Notebook 7, classic Notebook 6, an nbconvert HTML
 * export) it draws the figure with plotly.js: `window.Plotly` when the page has it, else the
 * copy in the repository's node_modules, loaded once per page through the Jupyter server's
 * `/files/` route. The folders tried are the notebook's folder and every folder above it (as
 * Node resolves packages), for the notebook of this page (classic: `data-notebook-path`;
 * JupyterLab/Notebook 7: the page URL and the page config's `treePath`) and of every running
 * session (`api/sessions`); the first where the contents API (`api/contents/…?content=0`)
 * finds plotly.js is loaded, through requirejs where the page has it (classic Notebook) and as
 * a plain <script> elsewhere. It waits for its output to be on the page (JupyterLab renders
 * outputs before attaching them) and marks the chart's element `data-cp-plotly="drawn"` or
 * `"failed"`; on failure the note says what to install or where to look.
 */
function plotlyFallbackScript(id: string): string {
  return String.raw`(function () {
"use strict";
var ID = ${JSON.stringify(id)}, PKG = ${JSON.stringify(PLOTLY_JS_PATH)};
var MISSING = ${jsonForScript(PLOTLY_MISSING_NOTE)};
var me = document.currentScript, up = me && me.parentNode;
var mine = up && up.classList && up.classList.contains("cp-plotly") ? up : null;
function root() { return mine ? (mine.isConnected ? mine : null) : document.getElementById(ID); }
function attached() {
  return new Promise(function (ok, no) {
    var waited = 0;
    (function poll() {
      var r = root();
      if (r) return ok(r);
      waited += waited < 5000 ? 50 : 1000;
      if (waited > 1800000) return no(new Error("the output never reached the page"));
      setTimeout(poll, waited < 5000 ? 50 : 1000);
    })();
  });
}
var CONFIG = {};
try { CONFIG = JSON.parse(document.getElementById("jupyter-config-data").textContent) || {}; } catch (e) {}
function base() {
  var b = CONFIG.baseUrl || (document.body && document.body.getAttribute("data-base-url")) || "/";
  return b.replace(/\/?$/, "/");
}
function folders(b) {
  var paths = [];
  var nb = document.body && document.body.getAttribute("data-notebook-path");
  if (nb) paths.push(nb);
  var here = decodeURIComponent(location.pathname);
  if (here.indexOf(b) === 0) {
    var m = /^(?:notebooks|(?:lab|doc)(?:\/workspaces\/[^\/]+)?\/tree)\/(.+)$/.exec(here.slice(b.length));
    if (m) paths.push(m[1]);
  }
  if (typeof CONFIG.treePath === "string" && CONFIG.treePath) paths.push(CONFIG.treePath);
  return fetch(b + "api/sessions", { credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : []; }, function () { return []; })
    .then(function (sessions) {
      (Array.isArray(sessions) ? sessions : []).forEach(function (s) { if (s && s.path) paths.push(s.path); });
      var dirs = [];
      paths.forEach(function (p) {
        var parts = p.split("/");
        if (/\.ipynb$/.test(p)) parts.pop();
        for (var i = parts.length; i >= 0; i--) {
          var d = parts.slice(0, i).join("/");
          if (dirs.indexOf(d) < 0) dirs.push(d);
        }
      });
      if (dirs.indexOf("") < 0) dirs.push("");
      return dirs.map(function (d) {
        return (d ? d.split("/").map(encodeURIComponent).join("/") + "/" : "") + PKG;
      });
    });
}
function probe(b, paths, i) {
  if (i >= paths.length) return Promise.reject(new Error("looked for " + paths.join(", ")));
  return fetch(b + "api/contents/" + paths[i] + "?content=0", { credentials: "same-origin" }).then(
    function (r) { return r.ok ? b + "files/" + paths[i] : probe(b, paths, i + 1); },
    function () { return probe(b, paths, i + 1); });
}
function inject(src) {
  return new Promise(function (ok, no) {
    var req = window.require, def = window.define;
    if (typeof req === "function" && typeof req.config === "function" && def && def.amd) {
      req.config({ paths: { "cp-plotly": src.replace(/\.js$/, "") } });
      return req(["cp-plotly"], function (m) {
        var P = m && m.newPlot ? m : window.Plotly;
        P ? ok(P) : no(new Error(src + " defined no Plotly"));
      }, no);
    }
    var s = document.createElement("script");
    if (def && def.amd) window.define = undefined;
    s.onload = function () { if (def) window.define = def; window.Plotly ? ok(window.Plotly) : no(new Error(src + " defined no Plotly")); };
    s.onerror = function () { if (def) window.define = def; no(new Error("could not load " + src)); };
    s.src = src;
    document.head.appendChild(s);
  });
}
function plotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.cpPlotly) {
    var b = base();
    window.cpPlotly = folders(b).then(function (paths) { return probe(b, paths, 0); }).then(inject);
    window.cpPlotly.catch(function () { window.cpPlotly = null; });
  }
  return window.cpPlotly;
}
attached().then(function (r) {
  var note = r.querySelector(".cp-plotly-note");
  return plotly().then(function (Plotly) {
    var f = JSON.parse(r.querySelector(".cp-plotly-figure").textContent);
    var layout = f.layout || {};
    if (typeof layout.title === "string") layout.title = { text: layout.title };
    return Plotly.newPlot(r.querySelector(".cp-plotly-target"), f.data, layout, f.config);
  }).then(function () {
    note.style.display = "none";
    r.setAttribute("data-cp-plotly", "drawn");
  }, function (e) {
    note.textContent = MISSING + " (" + (e && e.message || e) + ")";
    r.setAttribute("data-cp-plotly", "failed");
  });
}, function () {});
})();`;
}

/**
 * The MIME bundle for a plotly chart: the figure JSON for the front ends that have a plotly
 * renderer (VS Code, JupyterLab with the Python plotly package, the reader's edition), an HTML
 * fallback that draws it with the repository's own plotly.js wherever a front end runs the
 * scripts of a trusted output (JupyterLab, Notebook 7, classic Notebook 6; see
 * `plotlyFallbackScript`) and otherwise says where to see it, and a one-line text description.
 *
 * The HTML id is `cp-plot-<n>-<first 8 hex digits of the SHA-256 of the figure JSON>`:
 * deterministic for a given run order, so re-executing a notebook reproduces its outputs byte
 * for byte (the script is the same for every chart but for that id).
 * Throws: DataError when `figure.data` is not an array of traces.
 * @example
 * const b = plotBundle({ data: [{ type: "bar", x: ["a"], y: [1] }], layout: { title: "T" } });
 * b["text/plain"]; // "Plotly chart: T (1 trace)"
 */
export function plotBundle(figure: PlotlyFigure): MimeBundle {
  if (!figure || !Array.isArray(figure.data)) {
    throw new DataError("a plotly figure needs a `data` array of traces", {
      hint: "build figures with the functions in lib/src/plot.ts",
    });
  }
  const json = {
    data: figure.data,
    layout: figure.layout ?? {},
    config: { ...DEFAULT_PLOT_CONFIG, ...(figure.config ?? {}) },
  };
  const payload = jsonForScript(json);
  plotCounter += 1;
  const id = `cp-plot-${plotCounter}-${shortHash(payload)}`;
  const title = figureTitle(figure);
  const traces = `${figure.data.length} trace${figure.data.length === 1 ? "" : "s"}`;
  const html =
    `<div class="cp-plotly" id="${id}">` +
    `<script type="application/json" class="cp-plotly-figure">${payload}</script>` +
    `<div class="cp-plotly-target"></div>` +
    `<p class="cp-plotly-note">${escapeHtml(title ? `${title}. ${PLOTLY_STATIC_NOTE}` : PLOTLY_STATIC_NOTE)}</p>` +
    `<script>\n${plotlyFallbackScript(id)}\n</script>` +
    `</div>`;
  return {
    "application/vnd.plotly.v1+json": json,
    "text/html": html,
    "text/plain": `Plotly chart: ${title || "untitled"} (${traces})`,
  };
}

/**
 * Shows a plotly figure (see `plotBundle`); outside a kernel returns the bundle.
 *
 * Throws: only what the bundle builder throws (see `plotBundle`); never for being outside a kernel,
 * where it returns the bundle instead of sending it.
 * @example
 * showPlot(indexPathsFigure(frame, "CO")); // an interactive line chart in the notebook
 */
export function showPlot(figure: PlotlyFigure): MimeBundle | undefined {
  return displayBundle(plotBundle(figure));
}

function isRendered(table: ShowableTable): table is RenderedTable {
  return typeof (table as RenderedTable).html === "string";
}

/**
 * The MIME bundle for a table: a neutral table from the lib's renderers is rendered to HTML,
 * Markdown and text (the Markdown doubles as the text form); a pre-rendered table is passed on.
 *
 * Purpose: one bundle per table for every front end. Throws: never (pure).
 * @example
 * tableBundle(regressionTable(models))["text/markdown"]; // "| | (1) | (2) |..."
 * tableBundle({ html: "<table>…</table>", text: "…" });
 */
export function tableBundle(table: ShowableTable): MimeBundle {
  if (isRendered(table)) {
    const text = table.text ?? table.markdown ?? table.html.replace(/<[^>]+>/g, " ").trim();
    const bundle: MimeBundle = { "text/html": table.html, "text/plain": text };
    if (table.markdown !== undefined) bundle["text/markdown"] = table.markdown;
    return bundle;
  }
  const markdown = toMarkdown(table);
  return { "text/html": toHtml(table), "text/markdown": markdown, "text/plain": markdown };
}

/**
 * Shows a table (see `tableBundle`); outside a kernel returns the bundle.
 *
 * Throws: only what the bundle builder throws (see `tableBundle`); never for being outside a kernel,
 * where it returns the bundle instead of sending it.
 * @example
 * showTable(regressionTable(fitModels(frame, nested("CO", [["NQP"], ["TRADE"]]))));
 */
export function showTable(table: ShowableTable): MimeBundle | undefined {
  return displayBundle(tableBundle(table));
}

function cellText(value: unknown, decimals: number): string {
  if (typeof value === "number") {
    if (Number.isInteger(value)) return String(value);
    return Number.isFinite(value) ? value.toFixed(decimals) : String(value);
  }
  if (value === null || value === undefined) return "";
  return String(value);
}

/**
 * The MIME bundle for a danfo DataFrame (or Series): an HTML table and an aligned text table.
 * Numbers are printed with `decimals` decimals (integers as integers); at most `maxRows` rows
 * are shown, with a note saying how many were left out.
 *
 * Purpose: a readable table in Jupyter, the site and a terminal. Throws: never (pure).
 * @example
 * frameBundle(new dfd.DataFrame({ a: [1, 2] }))["text/plain"]; // "   a\n0  1\n1  2"
 */
export function frameBundle(
  df: FrameLike,
  opts: { decimals?: number; maxRows?: number } = {},
): MimeBundle {
  const decimals = opts.decimals ?? 3;
  const maxRows = opts.maxRows ?? 20;
  const isSeries = df.columns === undefined;
  const columns = isSeries ? ["value"] : (df.columns as string[]);
  const rows: unknown[][] = (df.values as unknown[]).map((row) =>
    isSeries ? [row] : (row as unknown[]),
  );
  const shown = rows.slice(0, maxRows);
  const index = df.index.slice(0, maxRows).map((i) => String(i));
  const cells = shown.map((row) => row.map((v) => cellText(v, decimals)));
  const omitted = rows.length - shown.length;
  const more =
    omitted > 0 ? `… ${omitted} more row${omitted === 1 ? "" : "s"} (${rows.length} in all)` : "";

  const head = `<thead><tr><th>${escapeHtml(df.indexName ?? "")}</th>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr></thead>`;
  const body = cells
    .map(
      (row, r) =>
        `<tr><th>${escapeHtml(index[r])}</th>${row
          .map((c, k) =>
            typeof shown[r][k] === "number"
              ? `<td style="text-align:right">${escapeHtml(c)}</td>`
              : `<td style="text-align:left">${escapeHtml(c)}</td>`,
          )
          .join("")}</tr>`,
    )
    .join("");
  const html =
    `<table class="cp-frame"><caption class="cp-frame-shape">${rows.length} rows × ${columns.length} columns</caption>` +
    `${head}<tbody>${body}</tbody></table>` +
    (more ? `<p class="cp-frame-more">${escapeHtml(more)}</p>` : "");

  const grid = [[df.indexName ?? "", ...columns], ...cells.map((row, r) => [index[r], ...row])];
  const widths = grid[0].map((_, c) => Math.max(...grid.map((row) => row[c].length)));
  // left-align the index and text columns, right-align numbers
  const leftAligned = grid[0].map(
    (_, c) => c === 0 || shown.some((row) => typeof row[c - 1] === "string" && row[c - 1] !== ""),
  );
  const text = grid
    .map((row) =>
      row
        .map((cell, c) => (leftAligned[c] ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
        .join("  ")
        .trimEnd(),
    )
    .concat(more ? [more] : [])
    .join("\n");
  return { "text/html": html, "text/plain": text };
}

/**
 * Shows a danfo DataFrame (see `frameBundle`); outside a kernel returns the bundle.
 *
 * Throws: only what the bundle builder throws (see `frameBundle`); never for being outside a kernel,
 * where it returns the bundle instead of sending it.
 * @example
 * showFrame(new dfd.DataFrame(panel.rows).head(5));
 */
export function showFrame(
  df: FrameLike,
  opts: { decimals?: number; maxRows?: number } = {},
): MimeBundle | undefined {
  return displayBundle(frameBundle(df, opts));
}

/**
 * The MIME bundle for published-vs-reproduced rows: the lib's comparison table (published,
 * reproduced, difference, ✓/✗, and a note counting the matches), optionally titled, wrapped in
 * a `cp-comparison` div whose second class says whether every number matched
 * (`cp-comparison-all`) or not (`cp-comparison-some`).
 * Throws: DataError when `rows` is empty (a comparison of nothing is a bug upstream).
 * @example
 * comparisonBundle([comparePublished("T3.CO.mean", "CO mean", "0.367", 0.3671)], "Table 3")["text/plain"];
 * // "**Table 3**\n\n|  | Published | Reproduced | Difference | Match |\n…"
 */
export function comparisonBundle(rows: PublishedComparison[], title?: string): MimeBundle {
  if (rows.length === 0) {
    throw new DataError("no published numbers to compare", {
      hint: "check the id filter used to select rows from the published tables",
    });
  }
  const table = comparisonTable(rows, { title });
  const markdown = toMarkdown(table);
  const cls = rows.every((r) => r.match) ? "cp-comparison-all" : "cp-comparison-some";
  return {
    "text/html": `<div class="cp-comparison ${cls}">${toHtml(table)}</div>`,
    "text/markdown": markdown,
    "text/plain": markdown,
  };
}

/**
 * Shows published beside reproduced numbers, with difference and ✓/✗ (see `comparisonBundle`);
 * outside a kernel returns the bundle.
 *
 * Throws: only what the bundle builder throws (see `comparisonBundle`); never for being outside a kernel,
 * where it returns the bundle instead of sending it.
 * @example
 * showComparison(reproducePublished(frame).filter((r) => r.id.startsWith("T3.")), "Table 3");
 */
export function showComparison(
  rows: PublishedComparison[],
  title?: string,
): MimeBundle | undefined {
  return displayBundle(comparisonBundle(rows, title));
}

/**
 * Shows a short Markdown note computed in a cell (e.g. "CV = 76.2 %"), with a text fallback.
 *
 * Throws: never; outside a kernel it returns the bundle instead of sending it.
 * @example
 * showMarkdown(`The largest VIF is **${max.toFixed(3)}**.`);
 */
export function showMarkdown(markdown: string): MimeBundle | undefined {
  return displayBundle({ "text/markdown": markdown, "text/plain": markdown });
}

/** Columns and formatting of `showRecords`/`recordsBundle`. */
export interface RecordsOptions<T extends object> {
  /** Columns to show, in order (default: the first record's keys). */
  columns?: (keyof T & string)[];
  decimals?: number;
  maxRows?: number;
  /** A field to use as the row label instead of 1, 2, …. */
  index?: keyof T & string;
}

/**
 * Shows an array of plain records (e.g. the rows `describe` returns) as a table, columns in the
 * order of `columns` or of the first record's keys; outside a kernel returns the bundle.
 *
 * Throws: DataError when `rows` is empty (see `recordsBundle`); never for being outside a kernel.
 * @example
 * showRecords(describe(columns), { decimals: 3 });
 * showRecords([{ city: "Hangzhou", CO: 0.9 }], { columns: ["city", "CO"] });
 */
export function showRecords<T extends object>(
  rows: readonly T[],
  opts: RecordsOptions<T> = {},
): MimeBundle | undefined {
  return displayBundle(recordsBundle(rows, opts));
}

/**
 * The MIME bundle for an array of plain records (see `showRecords`). With `index`, that field
 * becomes the row label; otherwise rows are numbered from 1.
 *
 * Throws: DataError when `rows` is empty.
 * @example
 * recordsBundle([{ a: 1, b: "x" }])["text/plain"]; // "   a  b\n1  1  x"
 */
export function recordsBundle<T extends object>(
  rows: readonly T[],
  opts: RecordsOptions<T> = {},
): MimeBundle {
  if (rows.length === 0) {
    throw new DataError("no rows to show", { hint: "check the filter that selected the rows" });
  }
  const records = rows as readonly Record<string, unknown>[];
  const columns = (opts.columns ?? Object.keys(records[0])).filter((c) => c !== opts.index);
  const index = records.map((r, i) => (opts.index ? String(r[opts.index]) : String(i + 1)));
  const values = records.map((r) => columns.map((c) => r[c]));
  return frameBundle(
    { columns, index, values, indexName: opts.index },
    { decimals: opts.decimals, maxRows: opts.maxRows ?? 200 },
  );
}

/** Labels and formatting of `showMatrix`/`matrixBundle` (labels default to 1, 2, …). */
export interface MatrixOptions {
  rowLabels?: readonly string[];
  colLabels?: readonly string[];
  decimals?: number;
  maxRows?: number;
  /** Text of the top-left header cell. */
  corner?: string;
}

/**
 * Shows a numeric matrix with row and column labels (e.g. the normalised values z_ij of the
 * entropy method), at most `maxRows` rows; outside a kernel returns the bundle.
 *
 * Throws: DataError when the labels do not fit the matrix (see `matrixBundle`); never for being
 * outside a kernel.
 * @example
 * showMatrix(indices.CO.normalized, { rowLabels: cityYears, colLabels: indices.CO.names, maxRows: 5 });
 */
export function showMatrix(
  matrix: readonly (readonly number[])[],
  opts: MatrixOptions = {},
): MimeBundle | undefined {
  return displayBundle(matrixBundle(matrix, opts));
}

/**
 * The MIME bundle for a labelled numeric matrix (see `showMatrix`).
 *
 * Throws: DataError when the labels do not match the matrix's shape, or a row is ragged.
 * @example
 * matrixBundle([[1, 2]], { colLabels: ["a", "b"] })["text/plain"]; // "   a  b\n1  1  2"
 */
export function matrixBundle(
  matrix: readonly (readonly number[])[],
  opts: MatrixOptions = {},
): MimeBundle {
  const m = matrix[0]?.length ?? 0;
  const cols = opts.colLabels ?? Array.from({ length: m }, (_, j) => String(j + 1));
  const rows = opts.rowLabels ?? matrix.map((_, i) => String(i + 1));
  if (cols.length !== m || rows.length !== matrix.length || matrix.some((r) => r.length !== m)) {
    throw new DataError(
      `a ${matrix.length}×${m} matrix needs ${matrix.length} row labels and ${m} column labels`,
    );
  }
  return frameBundle(
    {
      columns: [...cols],
      index: [...rows],
      values: matrix.map((r) => [...r]),
      indexName: opts.corner,
    },
    { decimals: opts.decimals ?? 4, maxRows: opts.maxRows ?? 20 },
  );
}
