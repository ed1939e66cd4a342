/** Command-line options of `npm run reproduce` (scripts/reproduce.ts). */
import { availableParallelism } from "node:os";
import path from "node:path";
import { parseParameterValue } from "./parameters";

export interface ReproduceOptions {
  /** Repository root (holds node_modules/.bin/tslab and lib/). */
  repoRoot: string;
  /** The folder the command was typed in: relative paths (also in `-p`) resolve against it. */
  cwd: string;
  /** Folder of the notebooks to execute (`--notebooks`, default notebooks/). */
  notebooksDir: string;
  /** Output folder (`--out`, default output/). */
  outDir: string;
  /** True when `--out` was given. */
  outGiven: boolean;
  /** Absolute path of `--data`, if given. */
  dataPath?: string;
  /** `-p name=value` overrides (values parsed as JSON when they parse); no prototype. */
  params: Record<string, unknown>;
  check: boolean;
  /** Substring filters on notebook names (`--only`, repeatable); empty = all. */
  only: string[];
  timeoutSec: number;
  jobs: number;
  /** Folder of the post-step modules (`--steps`, default scripts/steps/). */
  stepsDir: string;
  /** Run the post-steps (`--no-steps` turns them off). */
  steps: boolean;
  /** Build lib/ when lib/dist is stale (`--no-build` turns it off). */
  build: boolean;
  /** Appends "pid connection-folder" of every kernel started to this file (`--pid-log`, tests). */
  pidLog?: string;
}

export const USAGE = `Usage: npm run reproduce -- [options]

Executes every notebook in notebooks/ on its own tslab kernel (concurrently, one per core) and
writes each back in place; then runs the post-steps in scripts/steps/. Every option, parameter
and input file is checked before any kernel starts.

Options:
  --data FILE        the panel the notebooks read (sets the parameter dataPath); executed
                     notebooks then go to <out>/notebooks/ and the committed ones stay untouched
  -p NAME=VALUE      sets any other parameter of the cell tagged "parameters" (VALUE is parsed
                     as JSON when it parses, else taken as a string); repeatable
  --out DIR          output folder (default: output/); executed notebooks go to DIR/notebooks/.
                     Not the repository, notebooks/ or data/, nor a folder holding other files
                     named notebooks/, tables/ or site/
  --check            execute into a temporary folder and compare the outputs with the committed
                     notebooks; prints a diff and exits 1 when they differ
  --only NAME        only the notebooks whose file name contains NAME (repeatable)
  --timeout SEC      per-cell time limit in seconds (default: 120, at most ${24 * 3600})
  --jobs N           notebooks run at once, a whole number (default: the number of cores)
  --no-steps         execute the notebooks only (no results.json, audit.json, tables/, site/)
  --notebooks DIR    folder of notebooks to execute (default: notebooks/)
  --steps DIR        folder of post-step modules (default: scripts/steps/)
  --no-build         do not rebuild lib/ when lib/dist is missing or stale
  --pid-log FILE     append "pid folder" of every kernel started to FILE (for tests)
  -h, --help         this help

Exit status: 0 done, 1 a notebook, a post-step or --check failed, 2 bad options or input
(nothing was run).
`;

export class UsageError extends Error {
  override name = "UsageError";
}

const MAX_TIMEOUT_SEC = 24 * 3600;
const MAX_JOBS = 64;

/** A command-line value for a message: quoted, cut to 60 characters. */
const shown = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);

/**
 * Parses argv (without node and the script); relative paths resolve against `cwd`.
 * Throws UsageError with a one-line message (option, what is wrong, what to do) for an unknown
 * option or stray argument, a missing or empty value, an option given twice, `--jobs` that is
 * not a whole number in 1..64, `--timeout` that is not a number of seconds in (0, 86400], a
 * malformed `-p`, and `--check` combined with `--data` or `-p`; with an empty message for --help.
 */
export function parseArgs(argv: string[], repoRoot: string, cwd: string): ReproduceOptions {
  const options: ReproduceOptions = {
    repoRoot,
    cwd,
    notebooksDir: path.join(repoRoot, "notebooks"),
    outDir: path.join(repoRoot, "output"),
    outGiven: false,
    params: Object.create(null) as Record<string, unknown>,
    check: false,
    only: [],
    timeoutSec: 120,
    jobs: Math.min(MAX_JOBS, Math.max(1, availableParallelism())),
    stepsDir: path.join(repoRoot, "scripts", "steps"),
    steps: true,
    build: true,
  };
  const args = [...argv];
  const given = new Map<string, string>();
  const once = (flag: string, text: string) => {
    const before = given.get(flag);
    if (before !== undefined) {
      throw new UsageError(
        `${flag} is given twice (${shown(before)} and ${shown(text)}); give it once`,
      );
    }
    given.set(flag, text);
  };
  const value = (flag: string): string => {
    const next = args.shift();
    if (next === undefined || /^--[a-z]/.test(next) || next === "-p" || next === "-h") {
      throw new UsageError(`${flag} needs a value: give e.g. ${flag} ${EXAMPLE[flag] ?? "VALUE"}`);
    }
    if (next.trim() === "") {
      throw new UsageError(`${flag} is empty: give e.g. ${flag} ${EXAMPLE[flag] ?? "VALUE"}`);
    }
    return next;
  };
  const single = (flag: string): string => {
    const text = value(flag);
    once(flag, text);
    return text;
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
        options.dataPath = path.resolve(cwd, single(arg));
        break;
      case "-p":
      case "--param": {
        const spec = value(arg);
        const at = spec.indexOf("=");
        const name = spec.slice(0, at);
        if (at <= 0 || !/^[A-Za-z_$][\w$]*$/.test(name)) {
          throw new UsageError(
            `${arg} expects NAME=VALUE with NAME an identifier, got ${shown(spec)}: give e.g. -p weighting=equal`,
          );
        }
        if (name === "dataPath") throw new UsageError("-p dataPath: set it with --data FILE");
        if (Object.hasOwn(options.params, name)) {
          throw new UsageError(`-p ${name} is given twice; give it once`);
        }
        options.params[name] = parseParameterValue(spec.slice(at + 1));
        break;
      }
      case "--out":
        options.outDir = path.resolve(cwd, single(arg));
        options.outGiven = true;
        break;
      case "--check":
        options.check = true;
        break;
      case "--only":
        options.only.push(value(arg));
        break;
      case "--timeout": {
        const text = single(arg).trim();
        const n = /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : NaN;
        if (!(n > 0 && n <= MAX_TIMEOUT_SEC)) {
          throw new UsageError(
            `--timeout ${shown(text)} is not a time limit: give a number of seconds above 0 and at most ${MAX_TIMEOUT_SEC}, e.g. --timeout 300`,
          );
        }
        options.timeoutSec = n;
        break;
      }
      case "--jobs": {
        const text = single(arg).trim();
        const n = /^\d+$/.test(text) ? Number(text) : NaN;
        if (!(Number.isInteger(n) && n >= 1 && n <= MAX_JOBS)) {
          throw new UsageError(
            `--jobs ${shown(text)} is not a count of notebooks to run at once: give a whole number from 1 to ${MAX_JOBS}, e.g. --jobs 2`,
          );
        }
        options.jobs = n;
        break;
      }
      case "--notebooks":
        options.notebooksDir = path.resolve(cwd, single(arg));
        break;
      case "--steps":
        options.stepsDir = path.resolve(cwd, single(arg));
        break;
      case "--no-steps":
        options.steps = false;
        break;
      case "--no-build":
        options.build = false;
        break;
      case "--pid-log":
        options.pidLog = path.resolve(cwd, single(arg));
        break;
      case "-h":
      case "--help":
        throw new UsageError("");
      default:
        if (arg.startsWith("-")) {
          throw new UsageError(`unknown option ${shown(arg)}; see npm run reproduce -- --help`);
        }
        throw new UsageError(
          `unexpected argument ${shown(arg)}` +
            (/\.csv$/i.test(arg)
              ? `; to run on another panel, give --data ${arg}`
              : "; options start with -- (see npm run reproduce -- --help)"),
        );
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

const EXAMPLE: Record<string, string> = {
  "--data": "my_panel.csv",
  "--out": "my_output",
  "--only": "04",
  "--timeout": "300",
  "--jobs": "2",
  "-p": "weighting=equal",
  "--param": "weighting=equal",
  "--notebooks": "notebooks",
  "--steps": "scripts/steps",
  "--pid-log": "pids.log",
};
