/**
 * `--check`: compares the outputs of a freshly executed notebook with the committed one.
 *
 * Compared, per code cell and output: stream text, `text/*` data (text/plain, text/html, ...),
 * JSON data (`application/json`, `application/*+json`, compared as canonical JSON), and errors
 * (name, value, traceback without ANSI colours). Other MIME types (images) are compared by
 * presence only. Ignored, because a front end changes them when it saves a notebook and they
 * say nothing about what the code produces:
 * - metadata of the notebook, of cells and of outputs (kernel and language info, JupyterLab's
 *   `execution` timings, tags, `trusted`, widget state under `metadata.widgets`), cell ids and
 *   execution counts;
 * - a static rendering (`image/png`, `image/jpeg`, `image/svg+xml`, `application/pdf`) that
 *   one side has beside an interactive MIME type the other side also has, e.g. the `image/png`
 *   JupyterLab's plotly renderer (jupyterlab-plotly, with the Python plotly package) adds to
 *   every `application/vnd.plotly.v1+json` output when the notebook is saved;
 * - how a terminal would show a stream: `\r\n` is `\n`, and text a carriage return or backspace
 *   overwrites is dropped, as JupyterLab does before it saves a stream.
 *
 * The report is readable: one section per differing output, headed by the notebook, the cell
 * (number, id, first line of its source), the output's number and kind; long lines (minified
 * JSON, HTML, base64) are cut around the first character that differs.
 */
import { structuredPatch } from "diff";
import type { Cell, MimeBundle, Notebook, Output } from "./notebook";
import { stripAnsi } from "./outputs";

export interface CellDifference {
  /** 1-based index among all cells. */
  cellNumber: number;
  /** The readable report for this cell (a header line per differing output, then its diff). */
  patch: string;
}

const isJsonMime = (mime: string): boolean => /^application\/(.*\+)?json$/.test(mime);

/** Interactive outputs that front ends render and may save a static picture of. */
const INTERACTIVE =
  /^application\/vnd\.(plotly\.v1|vega(lite)?\.v\d+|bokehjs_exec\.v\d+|jupyter\.widget-view)\+json$/;
/** Static renderings a front end may add beside an interactive output on save. */
const STATIC_RENDERINGS = new Set(["image/png", "image/jpeg", "image/svg+xml", "application/pdf"]);

/** Lines longer than this are cut around the first difference. */
const MAX_LINE = 160;
/** Characters kept on each side of the first difference in a cut line. */
const KEEP = 60;

function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  // tslab's display.raw sends JSON MIME data as a string: compare its parsed form.
  if (typeof value === "string") {
    try {
      return JSON.stringify(sort(JSON.parse(value)), null, 1);
    } catch {
      return value;
    }
  }
  return JSON.stringify(sort(value), null, 1);
}

const withNewline = (text: string) => (text.endsWith("\n") ? text : `${text}\n`);

/** HTML with a line break between adjacent tags, so that a diff points at the element. */
const htmlLines = (html: string) => html.replace(/></g, ">\n<");

/**
 * Stream text as a terminal (and JupyterLab, before saving) shows it: CRLF → LF, a carriage
 * return starts the line again, a backspace removes the character before it.
 */
export function terminalText(text: string): string {
  return text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => {
      const afterCr = line.includes("\r") ? line.slice(line.lastIndexOf("\r") + 1) : line;
      let out = "";
      for (const ch of afterCr) out = ch === "\b" ? out.slice(0, -1) : out + ch;
      return out;
    })
    .join("\n");
}

/** One comparable piece of an output: what it is, and its text. */
interface Part {
  /** e.g. "display_data text/html", "stream stdout", "error TypeError". */
  kind: string;
  body: string;
}

function mimeBody(mime: string, value: unknown): string {
  if (isJsonMime(mime)) return canonicalJson(value);
  if (mime === "text/html" || mime === "image/svg+xml") return htmlLines(String(value));
  if (mime.startsWith("text/")) return String(value);
  return "(binary data, not compared)";
}

/**
 * The MIME types of `bundle` worth comparing with `other` (the same output on the other side):
 * all, but a static rendering that only one side has beside an interactive type both have.
 */
function comparedMimes(bundle: MimeBundle, other: MimeBundle | undefined): string[] {
  const mimes = Object.keys(bundle).sort();
  if (!other) return mimes;
  const sharedInteractive = mimes.some((m) => INTERACTIVE.test(m) && m in other);
  return mimes.filter((m) => !(sharedInteractive && STATIC_RENDERINGS.has(m) && !(m in other)));
}

/** The comparable parts of one output (`other`: the output it is compared with, if any). */
function outputParts(output: Output, other?: Output): Part[] {
  switch (output.output_type) {
    case "stream":
      return [
        { kind: `stream ${output.name}`, body: withNewline(terminalText(String(output.text))) },
      ];
    case "display_data":
    case "execute_result": {
      const otherData =
        other && (other.output_type === "display_data" || other.output_type === "execute_result")
          ? other.data
          : undefined;
      return comparedMimes(output.data, otherData).map((mime) => ({
        kind: `${output.output_type} ${mime}`,
        body: withNewline(mimeBody(mime, output.data[mime])),
      }));
    }
    case "error":
      return [
        {
          kind: `error ${output.ename}`,
          body: withNewline(
            `${output.ename}: ${output.evalue}\n${stripAnsi(output.traceback.join("\n"))}`,
          ),
        },
      ];
    default:
      return [
        {
          kind: String((output as { output_type?: unknown }).output_type),
          body: withNewline(JSON.stringify(output)),
        },
      ];
  }
}

const partsText = (parts: Part[]) => parts.map((p) => `[${p.kind}]\n${p.body}`).join("");

/** A long line cut to its first difference from `other` (the line it replaced, if any). */
function shorten(line: string, other?: string): string {
  if (line.length <= MAX_LINE) return line;
  let start = 0;
  if (other !== undefined) {
    while (start < line.length && start < other.length && line[start] === other[start]) start++;
  }
  const from = Math.max(0, start - KEEP);
  const to = Math.min(line.length, start + KEEP);
  const head = from > 0 ? `…(${from} chars)…` : "";
  const tail = to < line.length ? `…(${line.length - to} more chars)` : "";
  return `${head}${line.slice(from, to)}${tail}`;
}

/** At most this many lines of diff per output; the rest is counted. */
const MAX_DIFF_LINES = 60;

/**
 * A unified diff of two texts, long lines cut around the first character that differs, at most
 * MAX_DIFF_LINES lines.
 */
function readableDiff(before: string, after: string): string {
  const patch = structuredPatch("committed", "fresh run", before, after, "", "", { context: 2 });
  const out: string[] = [];
  for (const hunk of patch.hunks) {
    out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    const lines = hunk.lines.filter((l) => !l.startsWith("\\"));
    for (let i = 0; i < lines.length;) {
      if (!lines[i].startsWith("-") && !lines[i].startsWith("+")) {
        out.push(` ${shorten(lines[i].slice(1))}`);
        i++;
        continue;
      }
      // a run of removed lines then added lines: pair them to cut each at its difference
      const removed: string[] = [];
      const added: string[] = [];
      while (i < lines.length && lines[i].startsWith("-")) removed.push(lines[i++].slice(1));
      while (i < lines.length && lines[i].startsWith("+")) added.push(lines[i++].slice(1));
      removed.forEach((l, k) => out.push(`-${shorten(l, added[k])}`));
      added.forEach((l, k) => out.push(`+${shorten(l, removed[k])}`));
    }
  }
  if (out.length > MAX_DIFF_LINES) {
    const rest = out.length - MAX_DIFF_LINES;
    out.splice(
      MAX_DIFF_LINES,
      rest,
      `… ${rest} more diff line${rest === 1 ? "" : "s"} in this output`,
    );
  }
  return `${out.join("\n")}\n`;
}

/** "cell 7 (id 1a2b3c4d: `showPlot(distributionFigure(…`)" */
function describeCell(cellNumber: number, cell: Cell | undefined): string {
  if (!cell) return `cell ${cellNumber}`;
  const first = cell.source.split("\n").find((l) => l.trim() !== "") ?? "";
  const quoted = first.length > 60 ? `${first.slice(0, 60)}…` : first;
  return `cell ${cellNumber} (id ${cell.id}${quoted ? `: \`${quoted.trim()}\`` : ""})`;
}

/** The readable report of how two cells' outputs differ, or "" when they do not. */
function compareOutputs(name: string, label: string, a: Output[], b: Output[]): string {
  const sections: string[] = [];
  const count = Math.max(a.length, b.length);
  for (let j = 0; j < count; j++) {
    const before = a[j] ? outputParts(a[j], b[j]) : [];
    const after = b[j] ? outputParts(b[j], a[j]) : [];
    const textBefore = partsText(before);
    const textAfter = partsText(after);
    if (textBefore === textAfter) continue;
    // name only the parts that differ (a changed text/html, not the unchanged text/plain)
    const body = (list: Part[], kind: string) => list.find((p) => p.kind === kind)?.body;
    const parts = [...new Set([...before, ...after].map((p) => p.kind))].filter(
      (k) => body(before, k) !== body(after, k),
    );
    const type = parts[0]?.split(" ")[0] ?? "";
    const kinds = parts.every((p) => p.startsWith(`${type} `))
      ? `${type}: ${parts.map((p) => p.slice(type.length + 1)).join(", ")}`
      : parts.join(", ");
    const counts =
      a.length === b.length ? "" : ` (${a.length} committed, ${b.length} in the fresh run)`;
    const where = `${name}, ${label}, output ${j + 1}${counts}`;
    if (!a[j]) {
      sections.push(
        `── ${where}: only in the fresh run [${kinds}]\n${readableDiff("", textAfter)}`,
      );
    } else if (!b[j]) {
      sections.push(
        `── ${where}: only in the committed notebook [${kinds}]\n${readableDiff(textBefore, "")}`,
      );
    } else {
      sections.push(`── ${where} [${kinds}]\n${readableDiff(textBefore, textAfter)}`);
    }
  }
  return sections.join("");
}

/** One report per code cell whose source or outputs differ (see the module comment). */
export function compareNotebooks(
  name: string,
  committed: Notebook,
  executed: Notebook,
): CellDifference[] {
  const differences: CellDifference[] = [];
  const count = Math.max(committed.cells.length, executed.cells.length);
  for (let i = 0; i < count; i++) {
    const a = committed.cells[i];
    const b = executed.cells[i];
    if (a?.cell_type !== "code" && b?.cell_type !== "code") continue;
    const label = describeCell(i + 1, a ?? b);
    if (a && b && a.source !== b.source) {
      differences.push({
        cellNumber: i + 1,
        patch:
          `── ${name}, ${label}: the source differs (is the committed notebook from another version?)\n` +
          readableDiff(withNewline(a.source), withNewline(b.source)),
      });
      continue;
    }
    const report = compareOutputs(
      name,
      label,
      a?.cell_type === "code" ? (a.outputs ?? []) : [],
      b?.cell_type === "code" ? (b.outputs ?? []) : [],
    );
    if (report) differences.push({ cellNumber: i + 1, patch: report });
  }
  return differences;
}
