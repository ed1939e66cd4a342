/**
 * Post-steps: after the notebooks, every module in `scripts/steps/*.ts` runs in sorted filename
 * order. Each exports `async function run(ctx: StepContext): Promise<void>`.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export interface StepContext {
  /** Absolute path of the panel the notebooks read (`--data`, or data/zhejiang_panel.csv). */
  dataPath: string;
  /** Absolute path of the output folder (`--out`, or output/). */
  outDir: string;
  /** Absolute path of the folder the executed notebooks were written to. */
  notebooksDir: string;
  /** Absolute paths of the executed notebooks, sorted. */
  executed: string[];
  /** True under `--check` (the notebooks were executed into a temporary folder). */
  check: boolean;
}

type StepModule = { run?: (ctx: StepContext) => Promise<void> };

/** The step files of `dir`, sorted (none when the folder is missing or empty). */
export function listSteps(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".test.ts"))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Runs one step; throws with the step's file name when it has no run() or run() fails. */
export async function runStep(file: string, ctx: StepContext): Promise<void> {
  const loaded = (await import(pathToFileURL(file).href)) as StepModule & { default?: StepModule };
  const run = loaded.run ?? loaded.default?.run;
  if (typeof run !== "function") {
    throw new Error(`${path.basename(file)} does not export async function run(ctx)`);
  }
  await run({ ...ctx, executed: [...ctx.executed] });
}
