/** Command-line options of `npm run reproduce` (scripts/reproduce.ts). */
import { availableParallelism } from "node:os";
import path from "node:path";
import { parseParameterValue } from "./parameters";

export interface ReproduceOptions {
  /** Repository root (holds node_modules/.bin/tslab and lib/). */
  repoRoot: string;
  /** Folder of the notebooks to execute (`--notebooks`, default notebooks/). */
  notebooksDir: string;
  /** Output folder (`--out`, default output/). */
  outDir: string;
  /** True when `--out` was given. */
  outGiven: boolean;
  /** Absolute path of `--data`, if given. */
  dataPath?: string;
  /** `-p name=value` overrides (values parsed as JSON when they parse). */
  params: Record<string, unknown>;
  check: boolean;
  /** Substring filters on notebook names (`--only`, repeatable); empty = all. */
  only: string[];
  timeoutSec: number;
  jobs: number;
  /** Folder of the post-step modules (`--steps`, default scripts/steps/). */
  stepsDir: string;
  /** Build lib/ when lib/dist is stale (`--no-build` turns it off). */
  build: boolean;
  /** Appends "pid connection-folder" of every kernel started to this file (`--pid-log`, tests). */
  pidLog?: string;
}

export const USAGE = `Usage: npm run reproduce -- [options]

Executes every notebook in notebooks/ on its own tslab kernel (concurrently, one per core) and
writes each back in place; then runs the post-steps in scripts/steps/.

Options:
  --data FILE        the panel the notebooks read (sets the parameter dataPath); executed
                     notebooks then go to <out>/notebooks/ and the committed ones stay untouched
  -p NAME=VALUE      sets any other parameter of the cell tagged "parameters" (VALUE is parsed
                     as JSON when it parses, else taken as a string); repeatable
  --out DIR          output folder (default: output/); executed notebooks go to DIR/notebooks/
  --check            execute into a temporary folder and compare the outputs with the committed
                     notebooks; prints a diff and exits 1 when they differ
  --only NAME        only the notebooks whose file name contains NAME (repeatable)
  --timeout SEC      per-cell time limit in seconds (default: 120)
  --jobs N           notebooks run at once (default: the number of cores)
  --notebooks DIR    folder of notebooks to execute (default: notebooks/)
  --steps DIR        folder of post-step modules (default: scripts/steps/)
  --no-build         do not rebuild lib/ when lib/dist is missing or stale
  --pid-log FILE     append "pid folder" of every kernel started to FILE (for tests)
  -h, --help         this help
`;

export class UsageError extends Error {
  override name = "UsageError";
}

/** Parses argv (without node and the script); relative paths resolve against `cwd`. */
export function parseArgs(argv: string[], repoRoot: string, cwd: string): ReproduceOptions {
  const options: ReproduceOptions = {
    repoRoot,
    notebooksDir: path.join(repoRoot, "notebooks"),
    outDir: path.join(repoRoot, "output"),
    outGiven: false,
    params: {},
    check: false,
    only: [],
    timeoutSec: 120,
    jobs: Math.max(1, availableParallelism()),
    stepsDir: path.join(repoRoot, "scripts", "steps"),
    build: true,
  };
  const args = [...argv];
  const value = (flag: string): string => {
    const next = args.shift();
    if (next === undefined || next.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return next;
  };
  const positive = (flag: string, text: string): number => {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number`);
    return n;
  };
  while (args.length > 0) {
    let arg = args.shift() as string;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    if (eq > 0) {
      args.unshift(arg.slice(eq + 1));
      arg = arg.slice(0, eq);
    }
    switch (arg) {
      case "--data":
        options.dataPath = path.resolve(cwd, value(arg));
        break;
      case "-p":
      case "--param": {
        const spec = value(arg);
        const at = spec.indexOf("=");
        const name = spec.slice(0, at);
        if (at <= 0 || !/^[A-Za-z_$][\w$]*$/.test(name)) {
          throw new UsageError(`${arg} expects NAME=VALUE with NAME an identifier, got "${spec}"`);
        }
        if (name === "dataPath") throw new UsageError("set dataPath with --data FILE");
        options.params[name] = parseParameterValue(spec.slice(at + 1));
        break;
      }
      case "--out":
        options.outDir = path.resolve(cwd, value(arg));
        options.outGiven = true;
        break;
      case "--check":
        options.check = true;
        break;
      case "--only":
        options.only.push(value(arg));
        break;
      case "--timeout":
        options.timeoutSec = positive(arg, value(arg));
        break;
      case "--jobs":
        options.jobs = Math.floor(positive(arg, value(arg)));
        break;
      case "--notebooks":
        options.notebooksDir = path.resolve(cwd, value(arg));
        break;
      case "--steps":
        options.stepsDir = path.resolve(cwd, value(arg));
        break;
      case "--no-build":
        options.build = false;
        break;
      case "--pid-log":
        options.pidLog = path.resolve(cwd, value(arg));
        break;
      case "-h":
      case "--help":
        throw new UsageError("");
      default:
        throw new UsageError(`unknown option "${arg}"`);
    }
  }
  if (options.check && (options.dataPath !== undefined || Object.keys(options.params).length > 0)) {
    throw new UsageError(
      "--check compares with the committed notebooks, which run with their default parameters; " +
        "do not combine it with --data or -p",
    );
  }
  return options;
}
