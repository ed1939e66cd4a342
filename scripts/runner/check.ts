/**
 * `--check`: compares the outputs of a freshly executed notebook with the committed one.
 *
 * Compared, per code cell: stream text, `text/*` data (text/plain, text/html, ...), JSON data
 * (`application/json`, `application/*+json`, compared as canonical JSON), and errors (name,
 * value, traceback without ANSI colours). Other MIME types (images) are compared by presence
 * only; metadata (execution timings, kernel info, cell ids) is ignored.
 */
import { createTwoFilesPatch } from "diff";
import type { Notebook, Output } from "./notebook";
import { stripAnsi } from "./outputs";

export interface CellDifference {
  /** 1-based index among all cells. */
  cellNumber: number;
  patch: string;
}

const isJsonMime = (mime: string): boolean => /^application\/(.*\+)?json$/.test(mime);

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

/** The comparable text of one cell's outputs. */
export function outputsText(outputs: Output[]): string {
  const parts: string[] = [];
  for (const output of outputs) {
    switch (output.output_type) {
      case "stream":
        parts.push(`[stream ${output.name}]\n${withNewline(output.text)}`);
        break;
      case "display_data":
      case "execute_result":
        for (const mime of Object.keys(output.data).sort()) {
          const value = output.data[mime];
          let body: string;
          if (isJsonMime(mime)) body = canonicalJson(value);
          else if (mime === "text/html" || mime === "image/svg+xml")
            body = htmlLines(String(value));
          else if (mime.startsWith("text/")) body = String(value);
          else body = "(binary data, not compared)";
          parts.push(`[${output.output_type} ${mime}]\n${withNewline(body)}`);
        }
        break;
      case "error":
        parts.push(
          `[error ${output.ename}: ${output.evalue}]\n${withNewline(stripAnsi(output.traceback.join("\n")))}`,
        );
        break;
    }
  }
  return parts.join("");
}

/** One unified diff per code cell whose outputs differ. */
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
    if (a && b && a.source !== b.source) {
      differences.push({
        cellNumber: i + 1,
        patch: createTwoFilesPatch(
          `${name} cell ${i + 1} source (committed)`,
          `${name} cell ${i + 1} source (executed)`,
          withNewline(a.source),
          withNewline(b.source),
        ),
      });
      continue;
    }
    const before = a?.cell_type === "code" ? outputsText(a.outputs ?? []) : "";
    const after = b?.cell_type === "code" ? outputsText(b.outputs ?? []) : "";
    if (before !== after) {
      differences.push({
        cellNumber: i + 1,
        patch: createTwoFilesPatch(
          `${name} cell ${i + 1} (committed)`,
          `${name} cell ${i + 1} (executed)`,
          before,
          after,
        ),
      });
    }
  }
  return differences;
}
