/**
 * `npm run reproduce`: executes the notebooks (each in its own tslab kernel, as many at once as
 * there are cores), reports failures, compares with the committed notebooks under `--check`,
 * then runs the post-steps.
 */
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Writable } from "node:stream";
import type { ReproduceOptions } from "./args";
import type { CellDifference } from "./check";
import type { NotebookRunResult } from "./execute";
import { readNotebook } from "./notebook";
import { InputError, preflight, type Plan } from "./preflight";
import { Progress } from "./progress";
import { runStep, type StepContext } from "./steps";

export interface ReproduceIO {
  out: Writable;
  err: Writable;
  /** Redraw progress lines in place (a terminal). */
  tty: boolean;
}

export interface ReproduceSummary {
  exitCode: number;
  results: NotebookRunResult[];
  /** Under --check: the differing cells of each notebook that differs. */
  differences: Record<string, CellDifference[]>;
  /** Where the executed notebooks were written. */
  notebooksDir: string;
}

/** Folders to remove if the process is interrupted (the --check temp folder). */
const cleanupOnExit = new Set<string>();

let handlersInstalled = false;

/** Ends every kernel at once; set when the kernel modules are loaded (after the pre-flight). */
let killKernels: () => void = () => undefined;

/**
 * On SIGINT/SIGTERM (Ctrl-C), and on any exit: kill every kernel's process group and remove the
 * temp folders. Kernels run in their own process groups, so the terminal's Ctrl-C reaches only
 * the runner; this handler ends them.
 */
export function installSignalHandlers(err: Writable): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const cleanup = () => {
    killKernels();
    for (const dir of cleanupOnExit) rmSync(dir, { recursive: true, force: true });
  };
  process.on("exit", cleanup);
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const) {
    process.on(signal, () => {
      cleanup();
      err.write(`\nreproduce: ${signal} received; all kernels ended.\n`);
      process.exit(code);
    });
  }
}

/** A path as the user should read it: relative to the current folder when inside it. */
const rel = (p: string) => {
  const r = path.relative(process.cwd(), p);
  return r === "" ? "." : r.startsWith("..") || path.isAbsolute(r) ? p : r;
};

function indent(text: string, prefix = "    "): string {
  return text
    .split("\n")
    .map((line) => (line ? prefix + line : line))
    .join("\n");
}

/** Runs `worker` on each item with at most `jobs` at once; results in item order. */
async function pool<T, R>(items: T[], jobs: number, worker: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(jobs, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index]);
    }
  });
  await Promise.all(lanes);
  return results;
}

function describeFailure(result: NotebookRunResult): string {
  const f = result.failure;
  if (!f) return "";
  // tslab reports type errors as "line:column - message" lines on stderr.
  const typeError = f.kind === "error" && /^\d+:\d+ - /m.test(f.text);
  const what = {
    error: typeError
      ? "the cell does not type-check (line:column in the cell)"
      : "the cell threw an error",
    abort: "the kernel aborted the cell",
    timeout: "the cell timed out",
    dead: "the kernel died",
    startup: "the kernel did not start",
  }[f.kind];
  const where =
    f.kind === "startup"
      ? ""
      : `, cell ${f.cellNumber} (execution count ${f.executionCount ?? "none"})`;
  const head = `FAILED ${rel(result.source)}${where}: ${what}`;
  const source = f.source
    ? `\n  cell source:\n${indent(f.source.split("\n").slice(0, 8).join("\n"))}${
        f.source.split("\n").length > 8 ? "\n    …" : ""
      }`
    : "";
  return `${head}${source}\n  error:\n${indent(f.text)}\n`;
}

export async function reproduce(
  options: ReproduceOptions,
  io: ReproduceIO,
): Promise<ReproduceSummary> {
  const summary: ReproduceSummary = {
    exitCode: 0,
    results: [],
    differences: {},
    notebooksDir: options.notebooksDir,
  };
  const fail = (message: string, code = 1): ReproduceSummary => {
    io.err.write(`reproduce: ${message}\n`);
    summary.exitCode = code;
    return summary;
  };

  // Every option, parameter and input file is checked before any kernel starts.
  let plan: Plan;
  try {
    plan = await preflight(options);
  } catch (error) {
    if (error instanceof InputError) return fail(error.message, error.exitCode);
    throw error;
  }
  io.out.write(`reproduce: ${plan.summary}\n`);
  const sources = plan.sources;
  const overrides = plan.overrides;
  const tslabBin = path.join(options.repoRoot, "node_modules", ".bin", "tslab");
  // The kernel machinery (ZeroMQ, nteract) and the comparison load only now: a refusal is fast.
  const [{ runNotebook }, { killAllKernelsNow }, { compareNotebooks }] = await Promise.all([
    import("./execute"),
    import("./kernel-session"),
    import("./check"),
  ]);
  killKernels = killAllKernelsNow;

  const separate = options.dataPath !== undefined || options.outGiven;
  let targetDir = options.notebooksDir;
  if (options.check) {
    targetDir = mkdtempSync(path.join(tmpdir(), "reproduce-check-"));
    cleanupOnExit.add(targetDir);
  } else if (separate) {
    targetDir = path.join(options.outDir, "notebooks");
  }
  summary.notebooksDir = targetDir;
  const failedDir = path.join(options.outDir, "failed");

  try {
    const progress = new Progress(io.out, io.tty);
    // Final lines come out in notebook order, whatever order the notebooks finish in.
    const finished = new Map<number, NotebookRunResult>();
    let released = 0;
    const release = () => {
      while (finished.has(released)) {
        const r = finished.get(released) as NotebookRunResult;
        const status = r.ok
          ? "ok"
          : r.failure?.kind === "startup"
            ? "FAILED (kernel did not start)"
            : `FAILED at cell ${r.failure?.cellNumber}`;
        progress.finish(r.name, r.cellsDone, r.cellsTotal, r.seconds, status);
        released++;
      }
    };
    const started = Date.now();
    summary.results = await pool(
      sources.map((source, index) => ({ source, index })),
      options.jobs,
      async ({ source, index }) => {
        const name = path.basename(source, ".ipynb");
        const result = await runNotebook({
          source,
          target: path.join(targetDir, path.basename(source)),
          failedCopy: path.join(failedDir, path.basename(source)),
          overrides,
          timeoutMs: options.timeoutSec * 1000,
          tslabBin,
          onStart: (total) => progress.start(name, total),
          onProgress: (done) => progress.update(name, done),
          onSpawn: (pid, connDir) => {
            if (options.pidLog) appendFileSync(options.pidLog, `${pid} ${connDir}\n`);
          },
        });
        finished.set(index, result);
        progress.freeze(name, result.cellsDone, result.seconds);
        release();
        return result;
      },
    );
    progress.stop();

    const failed = summary.results.filter((r) => !r.ok);
    for (const result of failed) io.err.write(`\n${describeFailure(result)}`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (failed.length > 0) {
      io.err.write(
        `\n${failed.length} of ${summary.results.length} notebooks failed (${seconds} s). ` +
          `Their previous copies are untouched; the partly executed copies are in ${rel(failedDir)}/.\n`,
      );
      summary.exitCode = 1;
      return summary;
    }
    io.out.write(
      `${summary.results.length} notebook${summary.results.length === 1 ? "" : "s"} executed ` +
        `in ${seconds} s${options.check ? "" : ` → ${rel(targetDir)}/`}\n`,
    );

    if (options.check) {
      for (const result of summary.results) {
        const executed = readNotebook(result.target);
        const committed = readNotebook(result.source);
        const differences = compareNotebooks(result.name, committed, executed);
        if (differences.length === 0) continue;
        summary.differences[result.name] = differences;
        io.out.write(
          `\n${rel(result.source)}: the committed outputs differ from a fresh run in cell` +
            `${differences.length === 1 ? "" : "s"} ${differences.map((d) => d.cellNumber).join(", ")}\n`,
        );
        for (const d of differences) io.out.write(d.patch);
      }
      const differing = Object.keys(summary.differences).length;
      if (differing > 0) {
        io.out.write(
          `\ncheck FAILED: ${differing} notebook${differing === 1 ? " differs" : "s differ"} from what the ` +
            "code produces. Run `npm run reproduce` and commit the executed notebooks.\n",
        );
        summary.exitCode = 1;
      } else {
        io.out.write("check passed: the committed notebooks are what the code produces.\n");
      }
    }

    const ctx: StepContext = {
      dataPath: plan.dataPath ?? path.join(options.repoRoot, "data", "zhejiang_panel.csv"),
      outDir: options.outDir,
      notebooksDir: targetDir,
      executed: summary.results.map((r) => r.target),
      check: options.check,
      params: plan.params,
    };
    for (const step of plan.steps) {
      const t0 = Date.now();
      try {
        await runStep(step, ctx);
      } catch (error) {
        // A data problem or a file-system error is said in one line; anything else is a bug.
        const e = error as Error & { code?: string };
        const text =
          e.name === "DataError" || typeof e.code === "string" ? e.message : (e.stack ?? String(e));
        io.err.write(`\nFAILED post-step ${rel(step)}:\n${indent(text)}\n`);
        summary.exitCode = 1;
        return summary;
      }
      io.out.write(
        `[step ${path.basename(step, ".ts")}] ok  ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
      );
    }
    return summary;
  } finally {
    if (options.check) {
      rmSync(targetDir, { recursive: true, force: true });
      cleanupOnExit.delete(targetDir);
    }
  }
}
