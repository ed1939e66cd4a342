/**
 * Executes one notebook in its own tslab kernel and writes it back (atomically, and only on
 * success). The kernel is always ended before this returns, whatever happened.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { KernelSession, type ExecuteStatus } from "./kernel-session";
import {
  KERNELSPEC,
  parseNotebook,
  serializeNotebook,
  writeFileAtomic,
  type Cell,
  type Notebook,
} from "./notebook";
import { errorText, messagesToOutputs, type DisplayRegistry } from "./outputs";
import { injectParameters } from "./parameters";

export interface NotebookRunOptions {
  /** The notebook to execute (the kernel runs in its folder). */
  source: string;
  /** Where the executed notebook is written when every cell succeeded. */
  target: string;
  /** Where the partly executed notebook is written when a cell failed (optional). */
  failedCopy?: string;
  overrides: Record<string, unknown>;
  timeoutMs: number;
  tslabBin: string;
  onStart?: (total: number) => void;
  onProgress?: (done: number, total: number) => void;
  onSpawn?: (pid: number, connDir: string) => void;
}

export interface CellFailure {
  kind: "error" | "timeout" | "dead" | "startup" | "abort";
  /** 1-based index among all cells of the executed notebook (0 when the kernel did not start). */
  cellNumber: number;
  executionCount: number | null;
  cellId?: string;
  source?: string;
  text: string;
}

export interface NotebookRunResult {
  name: string;
  source: string;
  target: string;
  ok: boolean;
  cellsDone: number;
  cellsTotal: number;
  seconds: number;
  injected: string[];
  failure?: CellFailure;
  notebook?: Notebook;
}

const isRunnable = (cell: Cell) => cell.cell_type === "code" && cell.source.trim() !== "";

const FAILURE_KIND: Record<ExecuteStatus, CellFailure["kind"] | undefined> = {
  ok: undefined,
  error: "error",
  abort: "abort",
  timeout: "timeout",
  dead: "dead",
};

export async function runNotebook(options: NotebookRunOptions): Promise<NotebookRunResult> {
  const started = Date.now();
  const name = path.basename(options.source, ".ipynb");
  const nb = parseNotebook(readFileSync(options.source, "utf8"), name);
  const injected = injectParameters(nb, name, options.overrides);
  const cellsTotal = nb.cells.filter(isRunnable).length;
  const result: NotebookRunResult = {
    name,
    source: options.source,
    target: options.target,
    ok: false,
    cellsDone: 0,
    cellsTotal,
    seconds: 0,
    injected,
    notebook: nb,
  };
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    cell.outputs = [];
    cell.execution_count = null;
    delete cell.metadata.execution; // JupyterLab's volatile timings
  }
  options.onStart?.(cellsTotal);

  let kernel: KernelSession | undefined;
  try {
    try {
      kernel = await KernelSession.start({
        cwd: path.dirname(path.resolve(options.source)),
        tslabBin: options.tslabBin,
        onSpawn: options.onSpawn,
      });
    } catch (error) {
      result.failure = {
        kind: "startup",
        cellNumber: 0,
        executionCount: null,
        text: `the tslab kernel did not start: ${(error as Error).message}`,
      };
      return result;
    }
    nb.metadata = {
      ...nb.metadata,
      kernelspec: KERNELSPEC,
      language_info: kernel.languageInfo ?? nb.metadata.language_info ?? {},
    };
    const displays: DisplayRegistry = new Map();
    for (const [index, cell] of nb.cells.entries()) {
      if (!isRunnable(cell)) continue;
      const outcome = await kernel.execute(cell.source, options.timeoutMs);
      cell.outputs = messagesToOutputs(outcome.messages, displays);
      cell.execution_count = outcome.executionCount;
      const kind = FAILURE_KIND[outcome.status];
      if (kind !== undefined) {
        const text = [outcome.detail, errorText(cell.outputs)].filter(Boolean).join("\n");
        result.failure = {
          kind,
          cellNumber: index + 1,
          executionCount: outcome.executionCount,
          cellId: cell.id,
          source: cell.source,
          text: text || `the kernel replied with status "${outcome.status}"`,
        };
        return result;
      }
      result.cellsDone++;
      options.onProgress?.(result.cellsDone, cellsTotal);
    }
    result.ok = true;
    return result;
  } finally {
    await kernel?.shutdown();
    result.seconds = (Date.now() - started) / 1000;
    if (result.ok) writeFileAtomic(options.target, serializeNotebook(nb));
    else if (options.failedCopy) writeFileAtomic(options.failedCopy, serializeNotebook(nb));
  }
}
