/**
 * Reading and writing notebooks as nbformat 4.5, the way Jupyter itself writes them, so that a
 * re-run with identical outputs gives a byte-identical file:
 * - JSON with 1-space indentation, keys sorted at every level, non-ASCII kept, trailing newline
 *   (`nbformat.writes`: `json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)`);
 * - multi-line strings split into lists of lines for cell sources, stream text and the text-like
 *   MIME types (`text/*`, `application/javascript`, `image/svg+xml`), like nbformat's
 *   `split_lines`; JSON MIME types (`application/json`, `application/*+json`) are kept as is.
 * In memory, sources and texts are plain strings (nbformat's `rejoin_lines`).
 */
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export type MimeBundle = Record<string, unknown>;

export type Output =
  | { output_type: "stream"; name: string; text: string }
  | { output_type: "display_data"; data: MimeBundle; metadata: Record<string, unknown> }
  | {
      output_type: "execute_result";
      execution_count: number | null;
      data: MimeBundle;
      metadata: Record<string, unknown>;
    }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export interface Cell {
  id: string;
  cell_type: "code" | "markdown" | "raw";
  source: string;
  metadata: Record<string, unknown>;
  /** Code cells only. */
  outputs?: Output[];
  /** Code cells only. */
  execution_count?: number | null;
  /** Any other keys (e.g. markdown attachments) are kept as they are. */
  [key: string]: unknown;
}

export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** The kernelspec written into every executed notebook (the one `npm run kernel` installs). */
export const KERNELSPEC = { display_name: "TypeScript", language: "typescript", name: "tslab" };

const joinLines = (value: unknown): unknown =>
  Array.isArray(value) && value.every((v) => typeof v === "string") ? value.join("") : value;

/** Jupyter's `str.splitlines(keepends=True)` for the line breaks that matter here. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const isJsonMime = (mime: string): boolean => /^application\/(.*\+)?json$/.test(mime);
const isSplitMime = (mime: string): boolean =>
  mime.startsWith("text/") || mime === "application/javascript" || mime === "image/svg+xml";

function rejoinBundle(bundle: unknown): MimeBundle {
  const out: MimeBundle = {};
  for (const [mime, value] of Object.entries((bundle ?? {}) as MimeBundle)) {
    out[mime] = isJsonMime(mime) ? value : joinLines(value);
  }
  return out;
}

function splitBundle(bundle: MimeBundle): MimeBundle {
  const out: MimeBundle = {};
  for (const [mime, value] of Object.entries(bundle)) {
    out[mime] = typeof value === "string" && isSplitMime(mime) ? splitLines(value) : value;
  }
  return out;
}

/** A cell id from the notebook name, the cell's position and its source: stable across runs. */
function deterministicId(notebookName: string, index: number, source: string, taken: Set<string>) {
  for (let salt = 0; ; salt++) {
    const hash = createHash("sha256")
      .update(`${notebookName}\0${index}\0${source}\0${salt}`)
      .digest("hex")
      .slice(0, 8);
    if (!taken.has(hash)) return hash;
  }
}

const VALID_ID = /^[a-zA-Z0-9-_]{1,64}$/;

/**
 * Parses notebook JSON into the in-memory form: strings joined, every cell with a valid unique
 * id (existing ids kept; missing or invalid ones created deterministically), nbformat 4.5.
 */
export function parseNotebook(json: string, notebookName: string): Notebook {
  const raw = JSON.parse(json) as Record<string, unknown>;
  if (raw.nbformat !== 4 || !Array.isArray(raw.cells)) {
    throw new Error(`${notebookName}: not an nbformat 4 notebook`);
  }
  const rawCells = raw.cells as Record<string, unknown>[];
  const taken = new Set<string>();
  for (const cell of rawCells) {
    if (typeof cell.id === "string" && VALID_ID.test(cell.id) && !taken.has(cell.id))
      taken.add(cell.id);
  }
  const seen = new Set<string>();
  const cells = rawCells.map((rawCell, index): Cell => {
    const source = String(joinLines(rawCell.source ?? ""));
    let id = rawCell.id;
    if (typeof id !== "string" || !VALID_ID.test(id) || seen.has(id)) {
      id = deterministicId(notebookName, index, source, taken);
      taken.add(id as string);
    }
    seen.add(id as string);
    const cell: Cell = {
      ...rawCell,
      id: id as string,
      cell_type: rawCell.cell_type as Cell["cell_type"],
      source,
      metadata: (rawCell.metadata ?? {}) as Record<string, unknown>,
    };
    if (cell.cell_type === "code") {
      cell.execution_count = (rawCell.execution_count ?? null) as number | null;
      cell.outputs = ((rawCell.outputs ?? []) as Record<string, unknown>[]).map(parseOutput);
    }
    return cell;
  });
  return {
    cells,
    metadata: (raw.metadata ?? {}) as Record<string, unknown>,
    nbformat: 4,
    nbformat_minor: 5,
  };
}

function parseOutput(raw: Record<string, unknown>): Output {
  const output = { ...raw } as Record<string, unknown>;
  if (output.output_type === "stream") output.text = joinLines(output.text);
  if (output.output_type === "display_data" || output.output_type === "execute_result") {
    output.data = rejoinBundle(output.data);
    output.metadata = output.metadata ?? {};
  }
  return output as unknown as Output;
}

export function readNotebook(file: string): Notebook {
  return parseNotebook(readFileSync(file, "utf8"), path.basename(file, ".ipynb"));
}

/** Recursively sorts object keys (code-point order, like Python's `sort_keys=True`). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      out[key] = sortKeys((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}

/** The notebook as Jupyter would write it (see the module comment). */
export function serializeNotebook(nb: Notebook): string {
  const cells = nb.cells.map((cell) => {
    const out: Record<string, unknown> = { ...cell, source: splitLines(cell.source) };
    if (cell.cell_type === "code") {
      out.execution_count = cell.execution_count ?? null;
      out.outputs = (cell.outputs ?? []).map((o) => {
        if (o.output_type === "stream") return { ...o, text: splitLines(o.text) };
        if (o.output_type === "display_data" || o.output_type === "execute_result") {
          return { ...o, data: splitBundle(o.data) };
        }
        return o;
      });
    } else {
      delete out.outputs;
      delete out.execution_count;
      if (out.attachments && typeof out.attachments === "object") {
        const attachments: Record<string, unknown> = {};
        for (const [name, bundle] of Object.entries(
          out.attachments as Record<string, MimeBundle>,
        )) {
          attachments[name] = splitBundle(bundle);
        }
        out.attachments = attachments;
      }
    }
    return out;
  });
  const doc = { cells, metadata: nb.metadata, nbformat: 4, nbformat_minor: 5 };
  return `${JSON.stringify(sortKeys(doc), null, 1)}\n`;
}

/**
 * Writes `content` to `file` atomically: a temp file in the same folder, then rename, so a
 * reader (or a crash) never sees half a file and a failure never replaces the previous copy.
 */
export function writeFileAtomic(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function writeNotebook(file: string, nb: Notebook): void {
  writeFileAtomic(file, serializeNotebook(nb));
}

/** Tags of a cell (`metadata.tags`), or []. */
export function cellTags(cell: Cell): string[] {
  const tags = cell.metadata.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
}
