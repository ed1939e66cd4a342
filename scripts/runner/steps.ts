/**
 * Post-steps: after the notebooks, every module in `scripts/steps/*.ts` runs in sorted filename
 * order. Each exports `async function run(ctx: StepContext): Promise<void>`, and may export
 * `async function check(ctx: StepContext): Promise<void>`, which the runner calls before any
 * kernel starts: it computes what `run` would and throws (a DataError, saying why) when `run`
 * could not succeed on this input, but writes nothing.
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
  /**
   * The parameters the notebooks ran with: every `-p` override, and the default of every other
   * parameter the notebooks declare (when all of them declare the same literal); paths absolute.
   * The runner always sets it; absent means "the notebooks' defaults".
   */
  params?: Readonly<Record<string, unknown>>;
}

/** Whether `child` is `parent` or lies inside it (paths resolved from the working folder). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * How the post-steps of scripts/steps/ treat the notebooks' parameters: they compute with the
 * values the notebooks ran with (`honoured`), have no output that depends on the parameter
 * (`ignored`), or cannot honour it (`refused`: the run stops before any kernel starts, naming
 * the parameter; `--no-steps` runs the notebooks alone). test/hostile-input.test.ts checks that
 * every parameter of notebooks/ is listed here.
 */
export const POST_STEP_PARAMETERS = {
  honoured: [
    "dataPath",
    "publishedPath",
    "publishedDir",
    "weighting",
    "dropCities",
    "regionOf",
    "bootstrapDraws",
    "seed",
    "weightType",
  ] as readonly string[],
  ignored: {
    stepIndex: "it only chooses the index notebook 01 works through step by step",
    gapCity: "it only chooses notebook 01's interpolation example",
    gapColumn: "it only chooses notebook 01's interpolation example",
    claimsPath:
      "no post-step reads the text claims (audit.json follows notebook 07, which reads publishedDir)",
  } as Readonly<Record<string, string>>,
  refused: {} as Readonly<Record<string, string>>,
};

type StepFunction = (ctx: StepContext) => Promise<void>;
type StepModule = { run?: StepFunction; check?: StepFunction };

/** The step files of `dir`, sorted (none when the folder is missing or empty). */
export function listSteps(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".test.ts"))
    .sort()
    .map((f) => path.join(dir, f));
}

async function load(file: string): Promise<StepModule> {
  const loaded = (await import(pathToFileURL(file).href)) as StepModule & { default?: StepModule };
  return {
    run: loaded.run ?? loaded.default?.run,
    check: loaded.check ?? loaded.default?.check,
  };
}

/** Runs one step; throws with the step's file name when it has no run() or run() fails. */
export async function runStep(file: string, ctx: StepContext): Promise<void> {
  const { run } = await load(file);
  if (typeof run !== "function") {
    throw new Error(`${path.basename(file)} does not export async function run(ctx)`);
  }
  await run({ ...ctx, executed: [...ctx.executed] });
}

/** Runs a step's check(ctx), if it has one (see the module comment); throws what it throws. */
export async function checkStep(file: string, ctx: StepContext): Promise<void> {
  const { check } = await load(file);
  if (typeof check === "function") await check({ ...ctx, executed: [...ctx.executed] });
}
