/**
 * Everything `npm run reproduce` checks before it starts a kernel, so that a bad option,
 * parameter or input file costs a second, not a kernel start, and is reported in one line that
 * names the option (or the file, line and column) and says what to do:
 *
 * 1. the notebooks: the folder, `--only` (every name must match a notebook);
 * 2. every `-p NAME=VALUE`: NAME declared (with `let`) in the parameters cell of a selected
 *    notebook (an own-property lookup, so `__proto__`, `constructor` or `toString` are unknown
 *    names like any other), VALUE of the declared type (`"entropy" | "equal"`, `string[]`, …;
 *    parameter-types.ts), plus what the type cannot say (a known city, a known index, a whole
 *    number of bootstrap draws, a seed the Mersenne Twister takes, a file that exists);
 *    parameters the post-steps cannot honour (steps.ts, POST_STEP_PARAMETERS) are refused by name;
 * 3. `--out`: not the repository, not inside notebooks/, data/ or the code's folders, not a
 *    file (nor the panel), not a folder whose notebooks/, tables/ or site/ another program wrote;
 * 4. the codebook, the panel (`--data` or the notebooks' default) and any published tables given
 *    with `-p`, with the library's loaders (DataError: file, line, column, what to do), then what
 *    the pipeline needs of the panel (a city of each region, three cities at least), the
 *    variables as the notebooks build them (interpolation, entropy weights, logarithms), then
 *    each post-step's `check` (results.json and tables/ computed without writing them);
 * 5. last, that the output folder can be written: it is created and a marker file written.
 * Nothing is written before step 5, and nothing at all when a check fails.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import type { ReproduceOptions } from "./args";
import { ensureLibBuilt } from "./build-lib";
import { readNotebook } from "./notebook";
import { declaredParameters } from "./parameters";
import {
  describeType,
  describeValue,
  typeProblem,
  type ParameterDeclaration,
} from "./parameter-types";
import { checkStep, isInside, listSteps, POST_STEP_PARAMETERS, type StepContext } from "./steps";

/** A refusal: the message is one line; exit code 2 for bad input, 1 for a broken installation. */
export class InputError extends Error {
  override name = "InputError";
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** What the run will do, once every check has passed. */
export interface Plan {
  /** The notebooks to execute, sorted. */
  sources: string[];
  /** The values injected into the notebooks' parameters cells (dataPath and paths absolute). */
  overrides: Record<string, unknown>;
  /** What the post-steps get as ctx.params. */
  params: Record<string, unknown>;
  /** The panel the notebooks read (absolute), if any selected notebook reads one. */
  dataPath?: string;
  /** The post-step files to run (none with --no-steps). */
  steps: string[];
  /** One line saying what was checked. */
  summary: string;
}

/** The file that marks a folder as written by `npm run reproduce` (so it may be rewritten). */
export const OUTPUT_MARKER = ".reproduce-output";

/** What a run writes into the output folder; another program's files of these names are kept safe. */
const OUTPUT_ENTRIES = ["notebooks", "tables", "site", "failed", "results.json", "audit.json"];

/** The fewest cities the pipeline can run on (the wild cluster bootstrap needs 3 clusters). */
const MIN_CITIES = 3;

/** Folders of the repository an output folder must not be in (besides notebooks/ and data/). */
const CODE_FOLDERS = [".git", "node_modules", "lib", "scripts", "test", ".ci"];

interface NotebookInfo {
  file: string;
  name: string;
  selected: boolean;
  decls: ParameterDeclaration[];
}

type Cplib = typeof import("cplib");
type Codebook = import("cplib").Codebook;

const isPathParameter = (name: string) => /(Path|Dir)$/.test(name);

/** The real path of `p` even when its end does not exist yet (symlinks of the existing part resolved). */
function realish(p: string): string {
  const rest: string[] = [];
  let head = path.resolve(p);
  for (;;) {
    try {
      return path.join(realpathSync(head), ...rest.reverse());
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return path.resolve(p);
      rest.push(path.basename(head));
      head = parent;
    }
  }
}

function statOrUndefined(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

/**
 * `mkdir -p`, one level at a time (Node 20's recursive mkdir loops forever under /proc); returns
 * the first folder it created, if any.
 */
function makeFolders(dir: string): string | undefined {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) mkdirSync(d);
  return missing[0];
}

/** Runs every check; returns the plan, or throws InputError. */
export async function preflight(options: ReproduceOptions): Promise<Plan> {
  const started = Date.now();
  /** A path as the user typed it: relative to their folder when inside it. */
  const shown = (p: string) => {
    const r = path.relative(options.cwd, p);
    return r === "" ? "." : r.startsWith("..") || path.isAbsolute(r) ? p : r;
  };

  // 1. The notebooks.
  const tslabBin = path.join(options.repoRoot, "node_modules", ".bin", "tslab");
  if (!existsSync(tslabBin)) {
    throw new InputError(`${shown(tslabBin)} not found; run \`npm install\` first`, 1);
  }
  const nbStat = statOrUndefined(options.notebooksDir);
  if (!nbStat?.isDirectory()) {
    throw new InputError(
      `--notebooks: no folder ${shown(options.notebooksDir)}; give the folder of the notebooks`,
    );
  }
  const all = readdirSync(options.notebooksDir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort();
  if (all.length === 0) throw new InputError(`no notebooks in ${shown(options.notebooksDir)}`);
  for (const o of options.only) {
    if (!all.some((f) => f.includes(o))) {
      throw new InputError(
        `--only ${JSON.stringify(o)} matches no notebook in ${shown(options.notebooksDir)}; ` +
          `give part of a name, e.g. --only ${all[0].slice(0, 2)} (notebooks: ${all.join(", ")})`,
      );
    }
  }
  const notebooks: NotebookInfo[] = all.map((f) => {
    const file = path.join(options.notebooksDir, f);
    let decls: ParameterDeclaration[];
    try {
      decls = declaredParameters(readNotebook(file));
    } catch (error) {
      throw new InputError(
        `${shown(file)} is not a readable notebook: ${(error as Error).message}`,
        1,
      );
    }
    const selected = options.only.length === 0 || options.only.some((o) => f.includes(o));
    return { file, name: f, selected, decls };
  });
  const selected = notebooks.filter((n) => n.selected);
  const declsOf = (name: string, among = selected) =>
    among.flatMap((n) => n.decls.filter((d) => d.name === name).map((d) => ({ nb: n, d })));

  // 2. The parameters, as far as they can be checked without the codebook.
  const steps = options.steps ? listSteps(options.stepsDir) : [];
  const overrides = Object.create(null) as Record<string, unknown>;
  for (const name of Object.keys(options.params)) {
    overrides[name] = checkOverride(name, options.params[name]);
  }
  if (options.dataPath !== undefined) {
    if (declsOf("dataPath").length === 0) {
      throw new InputError(
        `--data: no notebook${options.only.length ? " selected" : ""} reads a panel ` +
          '(none declares dataPath in its cell tagged "parameters"); leave out --data',
      );
    }
    overrides.dataPath = options.dataPath;
  }

  function checkOverride(name: string, value: unknown): unknown {
    const flag = `-p ${name}`;
    const decls = declsOf(name);
    if (decls.length === 0) {
      const elsewhere = declsOf(name, notebooks).map((x) => x.nb.name);
      throw new InputError(
        `${flag}: no notebook${options.only.length ? " selected" : ""} assigns "${name}" in its ` +
          `cell tagged "parameters" (declared there as \`let ${name} = ...;\`)` +
          (elsewhere.length > 0
            ? `; ${elsewhere.join(", ")} declares it: add --only ${elsewhere[0].slice(0, 2)}`
            : `; use one of ${[...new Set(selected.flatMap((n) => n.decls.map((d) => d.name)))].join(", ") || "none (leave out -p)"}`),
      );
    }
    for (const { nb, d } of decls) {
      if (d.keyword === "const") {
        throw new InputError(
          `${flag}: ${nb.name} declares "${name}" with const, so it cannot be set; declare it with let`,
          1,
        );
      }
      const problem = typeProblem(value, d.type);
      if (problem) {
        throw new InputError(
          `${flag}: ${problem}; ${nb.name} declares \`let ${name}: ${describeType(d.type)}\`` +
            `. Give e.g. ${exampleFor(name, d)}`,
        );
      }
    }
    if (steps.length > 0 && Object.hasOwn(POST_STEP_PARAMETERS.refused, name)) {
      throw new InputError(
        `${flag}: the post-steps cannot honour it (${POST_STEP_PARAMETERS.refused[name]}); ` +
          "add --no-steps to run the notebooks alone with it",
      );
    }
    // Own properties only: a cell may declare `constructor` or `toString` (then they are just names).
    const rule = Object.hasOwn(PLAIN_RULES, name) ? PLAIN_RULES[name] : undefined;
    const problem = rule?.(value);
    if (problem) throw new InputError(`${flag}: ${problem}`);
    if (isPathParameter(name) && typeof value === "string") {
      if (value.trim() === "") throw new InputError(`${flag}: the path is empty; give a path`);
      const abs = path.resolve(options.cwd, value);
      const st = statOrUndefined(abs);
      const wantDir = name.endsWith("Dir");
      if (!st) throw new InputError(`${flag}: ${shown(abs)} does not exist; check the path`);
      if (wantDir && !st.isDirectory()) {
        throw new InputError(`${flag}: ${shown(abs)} is not a folder; give a folder`);
      }
      if (!wantDir && !st.isFile()) {
        throw new InputError(
          `${flag}: ${shown(abs)} is ${st.isDirectory() ? "a folder" : "not a regular file"}; give a file`,
        );
      }
      return abs;
    }
    return value;
  }

  // 3. The output folder (nothing is written yet).
  const out = realish(options.outDir);
  checkOutDir(out);

  function checkOutDir(real: string): void {
    const flag = options.outGiven
      ? `--out ${shown(options.outDir)}`
      : `the output folder ${shown(options.outDir)}`;
    const repo = realish(options.repoRoot);
    const choose =
      "choose a folder of its own, e.g. --out output/my_run or a folder outside the repository";
    if (real === repo) {
      throw new InputError(
        `${flag} is the repository itself: the executed notebooks would replace the committed notebooks/; ${choose}`,
      );
    }
    if (isInside(repo, real)) throw new InputError(`${flag} contains the repository; ${choose}`);
    const guarded = [
      ["notebooks/", path.join(repo, "notebooks")],
      ["data/", path.join(repo, "data")],
      ...CODE_FOLDERS.map((f) => [`${f}/`, path.join(repo, f)]),
      [`the notebooks' folder ${shown(options.notebooksDir)}`, realish(options.notebooksDir)],
    ];
    for (const [label, dir] of guarded) {
      if (isInside(real, dir)) {
        throw new InputError(
          `${flag} is inside ${label}, which the run must not write into; ${choose}`,
        );
      }
    }
    if (options.dataPath !== undefined) {
      const data = realish(options.dataPath);
      if (data === real) {
        throw new InputError(
          `${flag} is the panel given with --data; give a folder for the outputs`,
        );
      }
      for (const sub of ["tables", "site"]) {
        if (isInside(data, path.join(real, sub))) {
          throw new InputError(
            `${flag}: the run replaces ${sub}/ there, which holds the panel given with --data; ` +
              "move the panel or choose another output folder",
          );
        }
      }
    }
    const st = statOrUndefined(real);
    if (st && !st.isDirectory()) {
      throw new InputError(`${flag} is an existing file; give a folder (it is created if missing)`);
    }
    if (!st) {
      // The nearest existing ancestor must be a folder.
      let up = path.dirname(real);
      while (!existsSync(up) && path.dirname(up) !== up) up = path.dirname(up);
      const ust = statOrUndefined(up);
      if (ust && !ust.isDirectory()) {
        throw new InputError(
          `${flag}: ${shown(up)} is a file, so no folder can be created under it; choose another path`,
        );
      }
      return;
    }
    if (!options.outGiven) return;
    const entries = readdirSync(real);
    const ours = entries.includes(OUTPUT_MARKER) || entries.includes("results.json");
    const clash = OUTPUT_ENTRIES.filter((e) => entries.includes(e));
    if (!ours && clash.length > 0) {
      throw new InputError(
        `${flag} already holds ${clash.join(", ")}, not written by npm run reproduce, which the run ` +
          "would replace; choose a new or empty folder",
      );
    }
  }

  // The panel the notebooks read: --data, else the default of the first selected notebook.
  const dataDecl = declsOf("dataPath").find((x) => x.d.hasValue && typeof x.d.value === "string");
  const dataPath =
    options.dataPath ??
    (dataDecl ? path.resolve(options.notebooksDir, dataDecl.d.value as string) : undefined);
  if (options.dataPath !== undefined) {
    const st = statOrUndefined(options.dataPath);
    if (!st) {
      const dir = path.dirname(options.dataPath);
      throw new InputError(
        `--data ${shown(options.dataPath)}: file not found` +
          (existsSync(dir)
            ? "; check the path"
            : ` (the folder ${shown(dir)} does not exist either)`),
      );
    }
    if (st.isDirectory()) {
      const csvs = readdirSync(options.dataPath).filter((f) => f.toLowerCase().endsWith(".csv"));
      throw new InputError(
        `--data ${shown(options.dataPath)} is a folder; give the panel's CSV file` +
          (csvs.length > 0 ? `, e.g. --data ${shown(path.join(options.dataPath, csvs[0]))}` : ""),
      );
    }
  } else if (dataPath !== undefined && !existsSync(dataPath)) {
    throw new InputError(
      `${dataDecl?.nb.name} reads the panel ${shown(dataPath)}, which does not exist; give one with --data FILE`,
    );
  }

  // 4. The files, with the library (built first when lib/src changed).
  if (options.build) {
    try {
      ensureLibBuilt(options.repoRoot);
    } catch (error) {
      throw new InputError((error as Error).message, 1);
    }
  }
  let lib: Cplib;
  try {
    lib = await import("cplib");
  } catch (error) {
    throw new InputError(
      `cannot load cplib (${(error as Error).message.split("\n")[0]}); run \`npm run build\``,
      1,
    );
  }
  const asInput = (error: unknown, prefix = ""): never => {
    if (error instanceof lib.DataError) {
      // Every refusal says what to do; the loaders' few messages without a hint get one.
      const hint = error.where.hint
        ? ""
        : " Fix the file (compare with the one in data/), or give another";
      throw new InputError(`${prefix}${error.message}${hint}`);
    }
    throw error;
  };

  const params = effectiveParameters();
  // The codebook the notebooks read: -p codebookPath if a notebook declares it, else (as
  // loadPaperData does) codebook.json beside the panel, else the repository's.
  const beside =
    dataPath === undefined ? undefined : path.join(path.dirname(dataPath), "codebook.json");
  const codebookPath =
    (params.codebookPath as string | undefined) ??
    (beside !== undefined && existsSync(beside)
      ? beside
      : path.join(options.repoRoot, "data", "codebook.json"));
  let codebook: Codebook | undefined;
  const needCodebook = dataPath !== undefined || declsOf("codebookPath").length > 0;
  if (needCodebook) {
    try {
      codebook = lib.loadCodebook(codebookPath);
    } catch (error) {
      asInput(error, Object.hasOwn(overrides, "codebookPath") ? "-p codebookPath: " : "");
    }
  }
  for (const name of Object.keys(overrides)) {
    const rule = Object.hasOwn(CODEBOOK_RULES, name) ? CODEBOOK_RULES[name] : undefined;
    const problem = codebook && rule?.(overrides[name], codebook);
    if (problem) throw new InputError(`-p ${name}: ${problem}`);
  }
  try {
    if (Object.hasOwn(overrides, "publishedPath"))
      lib.loadPublished(overrides.publishedPath as string);
    if (Object.hasOwn(overrides, "claimsPath")) lib.loadClaims(overrides.claimsPath as string);
    if (Object.hasOwn(overrides, "publishedDir")) {
      const dir = overrides.publishedDir as string;
      const cells = lib.loadPublished(path.join(dir, "tables.csv"));
      lib.loadClaims(
        path.join(dir, "claims.csv"),
        cells.map((c) => c.id),
      );
    }
  } catch (error) {
    asInput(error);
  }

  let panelNote = "";
  if (dataPath !== undefined && codebook) {
    let panel: import("cplib").Panel | undefined;
    try {
      panel = lib.loadPanel(dataPath, codebook);
    } catch (error) {
      asInput(error);
    }
    panel = panel as import("cplib").Panel;
    const drop = new Set((params.dropCities as string[] | undefined) ?? []);
    const kept = panel.cities.filter((c) => !drop.has(c));
    // Regions as the notebooks see them: the codebook's, with notebook 05's regionOf moves.
    const moved = (params.regionOf as Record<string, string> | undefined) ?? {};
    const regionOf = (c: { name: string; region: string }) =>
      Object.hasOwn(moved, c.name) ? moved[c.name] : c.region;
    const byDrop = drop.size > 0 && Object.hasOwn(overrides, "dropCities");
    const byMove = Object.keys(moved).length > 0 && Object.hasOwn(overrides, "regionOf");
    const by = [byDrop ? "-p dropCities" : "", byMove ? "-p regionOf" : ""].filter(Boolean);
    const where = `${shown(dataPath)}${by.length ? ` with ${by.join(" and ")}` : ""}`;
    if (kept.length === 0) {
      throw new InputError(`${where}: no city is left; keep at least one city of each region`);
    }
    for (const region of [...new Set(codebook.cities.map((c) => c.region))]) {
      const of = codebook.cities.filter((c) => regionOf(c) === region).map((c) => c.name);
      if (!kept.some((c) => of.includes(c))) {
        const listed = codebook.cities.filter((c) => c.region === region).map((c) => c.name);
        throw new InputError(
          `${where}: no city of the ${region} region is ${by.length ? "left" : "in the panel"} ` +
            `(cities: ${kept.join(", ")}), but Table 6 and notebooks 05–06 compare the regions; ` +
            `keep at least one city of each region (${region}: ${listed.join(", ")})`,
        );
      }
    }
    const gap = params.gapCity;
    if (Object.hasOwn(overrides, "gapCity") && typeof gap === "string" && !kept.includes(gap)) {
      throw new InputError(
        `-p gapCity: ${gap} is not in the panel ${where}; give one of ${kept.join(", ")}`,
      );
    }
    if (kept.length < MIN_CITIES) {
      throw new InputError(
        `${where}: only ${kept.length} cities (${kept.join(", ")}) ${byDrop ? "are left" : "are in the panel"}, ` +
          `but the city-clustered inference of notebook 06 and tables/robustness-* needs at least ` +
          `${MIN_CITIES} cities (clusters); keep at least ${MIN_CITIES} cities, with one of each region`,
      );
    }
    panelNote = `panel ${shown(dataPath)} (${kept.length * panel.years.length} city-years: ${kept.length} cities × ${panel.years.length} years), `;

    // A DataError from a computation names variable, city and year: add the file (and line).
    const given = Object.keys(overrides).filter((n) => n !== "dataPath");
    const withParams = given.length ? ` (with -p ${given.join(", -p ")})` : "";
    const located = (error: unknown, what = ""): never => {
      if (!(error instanceof lib.DataError)) throw error;
      if (error.where.file !== undefined) throw new InputError(`${what}${error.message}`);
      const { city, year } = error.where;
      const row = (panel as import("cplib").Panel).rows.find(
        (r) => r.city === city && r.year === year,
      );
      const at = `${shown(dataPath)}${row ? `, line ${row.line}` : ""}${withParams}`;
      const sep = /^(column|variable|city|year) /.test(error.message) ? ", " : ": ";
      throw new InputError(`${what}${at}${sep}${error.message}`);
    };
    // The variables, as every notebook builds them (interpolation, indicators, entropy weights).
    try {
      lib.buildVariables(panel, {
        weighting: params.weighting as "entropy" | "equal" | undefined,
        dropCities: params.dropCities as string[] | undefined,
      });
    } catch (error) {
      located(error);
    }

    // What the post-steps will compute, computed now (nothing written).
    const ctx: StepContext = {
      dataPath,
      outDir: options.outDir,
      notebooksDir: options.notebooksDir,
      executed: [],
      check: options.check,
      params,
    };
    for (const step of steps) {
      try {
        await checkStep(step, ctx);
      } catch (error) {
        if (error instanceof lib.DataError)
          located(error, `post-step ${path.basename(step, ".ts")}: `);
        throw new InputError(
          `post-step ${path.basename(step)} cannot run on this input: ${(error as Error).message}`,
          1,
        );
      }
    }
  }

  // 5. The output folder can be written: create it and leave the marker.
  let created: string | undefined;
  try {
    created = makeFolders(out);
    writeFileSync(
      path.join(out, OUTPUT_MARKER),
      "This folder was written by `npm run reproduce`; a later run may replace what is in it.\n",
    );
  } catch (error) {
    if (created) rmSync(created, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InputError(
      `${options.outGiven ? `--out ${shown(options.outDir)}` : shown(options.outDir)}: cannot write there (${code}); choose a folder you can write to`,
    );
  }

  const nParams = Object.keys(overrides).filter((n) => n !== "dataPath").length;
  const summary =
    `checked ${panelNote}${codebook ? "codebook, " : ""}` +
    `${nParams} parameter${nParams === 1 ? "" : "s"}, ${selected.length} notebook${selected.length === 1 ? "" : "s"}` +
    ` in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  return {
    sources: selected.map((n) => n.file),
    overrides,
    params,
    dataPath,
    steps,
    summary,
  };

  /** Overrides, else the default every notebook declaring the name agrees on; paths absolute. */
  function effectiveParameters(): Record<string, unknown> {
    const result = Object.create(null) as Record<string, unknown>;
    const names = new Set(notebooks.flatMap((n) => n.decls.map((d) => d.name)));
    for (const name of names) {
      if (Object.hasOwn(overrides, name)) {
        result[name] = overrides[name];
        continue;
      }
      const values = declsOf(name, notebooks).map((x) => x.d);
      if (values.some((d) => !d.hasValue)) continue;
      const texts = new Set(values.map((d) => JSON.stringify(d.value)));
      if (texts.size !== 1) continue;
      const value = values[0].value;
      result[name] =
        isPathParameter(name) && typeof value === "string"
          ? path.resolve(options.notebooksDir, value)
          : value;
    }
    if (dataPath !== undefined) result.dataPath = dataPath;
    return result;
  }
}

/** An example `-p` for a message, from the rule's example or the declared default. */
function exampleFor(name: string, d: ParameterDeclaration): string {
  const example = (Object.hasOwn(EXAMPLES, name) ? EXAMPLES[name] : undefined) ?? d.value;
  if (example === undefined) return `-p ${name}=VALUE`;
  if (typeof example === "string" && /^[\w./-]+$/.test(example)) return `-p ${name}=${example}`;
  if (typeof example === "string") return `-p '${name}=${JSON.stringify(example)}'`;
  return typeof example === "object"
    ? `-p '${name}=${JSON.stringify(example)}'`
    : `-p ${name}=${String(example)}`;
}

const EXAMPLES: Record<string, unknown> = {
  weighting: "equal",
  dropCities: ["Hangzhou"],
  regionOf: { Shaoxing: "Southwest" },
  bootstrapDraws: 99999,
  stepIndex: "NQP",
  gapCity: "Lishui",
  gapColumn: "telecom_revenue",
};

const wholeIn = (lo: number, hi: number, what: string) => (v: unknown) =>
  typeof v === "number" && Number.isInteger(v) && v >= lo && v <= hi
    ? undefined
    : `${describeValue(v)} is not ${what}: give a whole number from ${lo} to ${hi}`;

/** What the declared types cannot say, checkable without the codebook. */
const PLAIN_RULES: Record<string, (value: unknown) => string | undefined> = {
  bootstrapDraws: wholeIn(1, 1_000_000, "a number of bootstrap draws"),
  seed: wholeIn(1, 4294967295, "a seed of the Mersenne Twister"),
};

/** Close spellings of `name` among `known` ("did you mean"). */
function closest(name: string, known: readonly string[]): string | undefined {
  const n = name.trim().toLowerCase();
  return (
    known.find((k) => k.toLowerCase() === n) ?? known.find((k) => distance(k.toLowerCase(), n) <= 2)
  );
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = d[j];
      d[j] = next;
    }
  }
  return d[b.length];
}

function unknownName(what: string, name: string, known: readonly string[]): string {
  const near = closest(name, known);
  return (
    `${describeValue(name)} is not ${what}` +
    (near ? `; did you mean "${near}"?` : `; use one of ${known.join(", ")}`)
  );
}

function namesProblem(list: string[], what: string, known: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const x of list) {
    if (!known.includes(x)) return unknownName(`a ${what}`, x, known);
    if (seen.has(x)) return `${describeValue(x)} is listed twice; give it once`;
    seen.add(x);
  }
  return undefined;
}

/** What the declared types cannot say, checked against the codebook (cities, variables, indices). */
const CODEBOOK_RULES: Record<string, (value: unknown, cb: Codebook) => string | undefined> = {
  dropCities: (v, cb) => {
    const cities = cb.cities.map((c) => c.name);
    return namesProblem(v as string[], "city of the codebook", cities);
  },
  regionOf: (v, cb) => {
    const cities = cb.cities.map((c) => c.name);
    for (const [city, region] of Object.entries(v as Record<string, string>)) {
      if (!cities.includes(city)) return unknownName("a city of the codebook", city, cities);
      if (region.trim() === "") return `the region of ${city} is empty; give a region name`;
    }
    return undefined;
  },
  gapCity: (v, cb) =>
    namesProblem(
      [v as string],
      "city of the codebook",
      cb.cities.map((c) => c.name),
    ),
  gapColumn: (v, cb) => {
    const columns = cb.columns
      .filter((c) => c.kind === "amount" || c.kind === "count")
      .map((c) => c.name);
    return columns.includes(v as string)
      ? undefined
      : unknownName("a raw column of the codebook", v as string, columns);
  },
  stepIndex: (v, cb) => {
    const names = cb.indices.map((i) => i.name);
    return names.includes(v as string)
      ? undefined
      : unknownName("an index of the codebook", v as string, names);
  },
};
