// The part of nbformat 4 that the reader's edition needs, and small helpers to read it.
import { readFileSync } from "node:fs";
import { basename } from "node:path";

/** Multiline text as nbformat stores it: one string, or an array of lines to be joined. */
export type MultilineString = string | string[];

/** A MIME bundle: text types as (multiline) strings, JSON types as parsed values. */
export type MimeBundle = Record<string, unknown>;

export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}

export interface DisplayOutput {
  output_type: "display_data" | "execute_result";
  data: MimeBundle;
  metadata?: Record<string, unknown>;
  execution_count?: number | null;
}

export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}

export type Output = StreamOutput | DisplayOutput | ErrorOutput;

export interface CellMetadata {
  tags?: string[];
  [key: string]: unknown;
}

export interface MarkdownCell {
  cell_type: "markdown";
  id?: string;
  source: MultilineString;
  metadata?: CellMetadata;
}

export interface CodeCell {
  cell_type: "code";
  id?: string;
  source: MultilineString;
  metadata?: CellMetadata;
  execution_count: number | null;
  outputs: Output[];
}

export interface RawCell {
  cell_type: "raw";
  id?: string;
  source: MultilineString;
  metadata?: CellMetadata;
}

export type Cell = MarkdownCell | CodeCell | RawCell;

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

/** Joins an nbformat multiline string. */
export function joinText(text: MultilineString | undefined): string {
  if (text === undefined) return "";
  return Array.isArray(text) ? text.join("") : text;
}

/** Reads and minimally validates an .ipynb file; throws naming the file when it is not nbformat 4. */
export function readNotebook(path: string): Notebook {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new Error(
      `${path}: not valid JSON (${(err as Error).message}); re-run npm run reproduce`,
    );
  }
  const nb = parsed as Partial<Notebook>;
  if (typeof nb !== "object" || nb === null || nb.nbformat !== 4 || !Array.isArray(nb.cells)) {
    throw new Error(`${path}: not an nbformat 4 notebook (expected { nbformat: 4, cells: [...] })`);
  }
  return {
    nbformat: 4,
    nbformat_minor: nb.nbformat_minor ?? 0,
    metadata: nb.metadata ?? {},
    cells: nb.cells,
  };
}

/** "notebooks/04-benchmark.ipynb" → "04-benchmark". */
export function notebookSlug(path: string): string {
  return basename(path).replace(/\.ipynb$/, "");
}

/** The two-digit prefix of a notebook file name ("04-benchmark" → "04"), or undefined. */
export function notebookNumber(slug: string): string | undefined {
  return /^(\d{2})-/.exec(slug)?.[1];
}

/** Removes ANSI escape sequences (colours in tracebacks and stderr). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "").replace(/\u001b\][^\u0007]*\u0007/g, "");
}
