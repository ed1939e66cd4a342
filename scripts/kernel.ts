/**
 * `npm run kernel [-- --user | --sys-prefix | --prefix DIR]`: installs the tslab kernelspec
 * ("TypeScript", name `tslab`) so that JupyterLab, Jupyter Notebook, nbconvert and VS Code can
 * run the notebooks interactively.
 *
 * The kernelspec is written directly (no Python needed): a `kernel.json` that runs the current
 * Node (absolute path, so it works whatever PATH the editor starts kernels with) on a small
 * `launch.js` beside it. The launcher finds tslab the way Node finds packages: in
 * `node_modules/tslab` of the kernel's working folder (Jupyter starts a kernel in the notebook's
 * folder) or of any folder above it, so a clone that is moved, or a second clone, keeps working
 * with the same kernelspec; outside any clone it falls back to the clone it was installed from,
 * and when that is gone too it exits with a message saying to run `npm run kernel` again.
 *   --user        (default) the per-user Jupyter data folder (`jupyter --data-dir`)
 *   --sys-prefix  the data folder of the Python environment that runs `jupyter` (a venv, conda)
 *   --prefix DIR  DIR/share/jupyter/kernels/tslab
 * Where the folder is not on the active Jupyter's data path (`jupyter --paths --json`), the
 * output says how to add it (JUPYTER_PATH); where it is, it says nothing of the kind.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { writeFileAtomic } from "./runner/notebook";

export const KERNEL_NAME = "tslab";

export interface KernelInstallOptions {
  repoRoot: string;
  /** Install under PREFIX/share/jupyter (else the user's Jupyter data folder). */
  prefix?: string;
}

export interface KernelInstallResult {
  /** The kernelspec folder written (holds kernel.json and launch.js). */
  kernelDir: string;
  /** The Jupyter data folder it is in (what JUPYTER_PATH must contain for a --prefix install). */
  dataDir: string;
  kernelJson: Record<string, unknown>;
}

/** The per-user Jupyter data folder: `jupyter --data-dir` if Jupyter is here, else its rule. */
export function userDataDir(): string {
  if (process.env.JUPYTER_DATA_DIR) return path.resolve(process.env.JUPYTER_DATA_DIR);
  const asked = spawnSync("jupyter", ["--data-dir"], { encoding: "utf8" });
  if (asked.status === 0 && asked.stdout.trim()) return asked.stdout.trim();
  if (process.platform === "darwin") return path.join(homedir(), "Library", "Jupyter");
  if (process.platform === "win32") {
    return path.join(process.env.APPDATA ?? path.join(homedir(), "AppData", "Roaming"), "jupyter");
  }
  const xdg = process.env.XDG_DATA_HOME || path.join(homedir(), ".local", "share");
  return path.join(xdg, "jupyter");
}

/** The folders the active Jupyter reads kernelspecs from (`jupyter --paths --json`), or null. */
export function jupyterDataPath(env: NodeJS.ProcessEnv = process.env): string[] | null {
  const asked = spawnSync("jupyter", ["--paths", "--json"], { encoding: "utf8", env });
  if (asked.status !== 0) return null;
  try {
    const data = (JSON.parse(asked.stdout) as { data?: unknown }).data;
    return Array.isArray(data) ? data.map(String) : null;
  } catch {
    return null;
  }
}

/** Whether `dir` is one of `dataPath`'s folders (comparing real paths where they exist). */
export function onDataPath(dir: string, dataPath: readonly string[]): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : path.resolve(p));
  const target = real(dir);
  return dataPath.some((d) => real(d) === target);
}

/**
 * The `sys.prefix` of the Python that runs `jupyter` (read from the first line of the `jupyter`
 * script on PATH), or null when there is no Jupyter or it is not a Python script.
 */
export function jupyterSysPrefix(): string | null {
  const which = spawnSync("sh", ["-c", "command -v jupyter"], { encoding: "utf8" });
  const script = which.status === 0 ? which.stdout.trim() : "";
  if (!script || !existsSync(script)) return null;
  const first = readFileSync(script, "utf8").split("\n", 1)[0];
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
  if (!shebang) return null;
  const python = shebang[1].endsWith("/env") && shebang[2] ? shebang[2] : shebang[1];
  const asked = spawnSync(python, ["-c", "import sys; print(sys.prefix)"], { encoding: "utf8" });
  return asked.status === 0 && asked.stdout.trim() ? asked.stdout.trim() : null;
}

/**
 * The launcher written beside kernel.json: finds node_modules/tslab from the kernel's working
 * folder upwards, else in the clone it was installed from, and runs it with the kernel's
 * arguments; otherwise it explains on stderr (Jupyter shows it in its log) and exits 1.
 */
export function launcherSource(installedFrom: string): string {
  return `// Written by \`npm run kernel\` (scripts/kernel.ts) in ${installedFrom}. Do not edit:
// run \`npm run kernel\` again instead.
// Runs tslab from node_modules of the kernel's working folder (the notebook's folder) or of a
// folder above it, like Node's package lookup, so a moved or second clone keeps working; else
// from the clone this kernelspec was installed from.
"use strict";
const fs = require("fs");
const path = require("path");
const INSTALLED_FROM = ${JSON.stringify(installedFrom)};
const tslabIn = (dir) => {
  const bin = path.join(dir, "node_modules", "tslab", "bin", "tslab");
  return fs.existsSync(bin) ? bin : null;
};
let bin = null;
for (let dir = process.cwd(); !bin; dir = path.dirname(dir)) {
  bin = tslabIn(dir);
  if (path.dirname(dir) === dir) break;
}
bin = bin || tslabIn(INSTALLED_FROM);
if (!bin) {
  process.stderr.write(
    "TypeScript (tslab) kernel: no node_modules/tslab in " + process.cwd() + " or above it, nor in " +
      INSTALLED_FROM + " (where this kernel was installed from; was the clone moved or deleted?).\\n" +
      "Open the notebooks of a clone in which \`npm install\` has run, or run \`npm run kernel\` " +
      "in the clone to install the kernel again.\\n",
  );
  process.exit(1);
}
process.argv = [process.argv[0], bin, ...process.argv.slice(2)];
require(bin);
`;
}

export function installKernel(options: KernelInstallOptions): KernelInstallResult {
  const bin = path.join(options.repoRoot, "node_modules", ".bin", "tslab");
  if (!existsSync(bin)) throw new Error(`${bin} not found: run \`npm install\` first`);
  const dataDir = options.prefix
    ? path.join(path.resolve(options.prefix), "share", "jupyter")
    : userDataDir();
  const kernelDir = path.join(dataDir, "kernels", KERNEL_NAME);
  const launcher = path.join(kernelDir, "launch.js");
  const kernelJson = {
    argv: [process.execPath, launcher, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
    metadata: { installed_by: "npm run kernel", installed_from: options.repoRoot },
  };
  mkdirSync(kernelDir, { recursive: true });
  writeFileAtomic(launcher, launcherSource(options.repoRoot));
  writeFileAtomic(path.join(kernelDir, "kernel.json"), `${JSON.stringify(kernelJson, null, 1)}\n`);
  return { kernelDir, dataDir, kernelJson };
}

function usage(): string {
  return [
    "Usage: npm run kernel -- [--user | --sys-prefix | --prefix DIR]",
    "  --user        install for the current user (default)",
    "  --sys-prefix  install into the Python environment that runs `jupyter` (venv, conda)",
    "  --prefix DIR  install to DIR/share/jupyter/kernels/tslab",
    "",
  ].join("\n");
}

function main(argv: string[]): number {
  let prefix: string | undefined;
  let sysPrefix = false;
  const cwd = process.env.INIT_CWD ?? process.cwd();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--user") [prefix, sysPrefix] = [undefined, false];
    else if (arg === "--sys-prefix") [prefix, sysPrefix] = [undefined, true];
    else if (arg === "--prefix" && argv[i + 1] !== undefined) prefix = path.resolve(cwd, argv[++i]);
    else if (arg.startsWith("--prefix=")) prefix = path.resolve(cwd, arg.slice("--prefix=".length));
    else if (arg === "-h" || arg === "--help") {
      process.stdout.write(usage());
      return 0;
    } else {
      process.stderr.write(`kernel: unknown option "${arg}"\n\n${usage()}`);
      return 2;
    }
  }
  if (sysPrefix) {
    const found = jupyterSysPrefix();
    if (!found) {
      process.stderr.write(
        "kernel: --sys-prefix needs `jupyter` on PATH (a Python script); install Jupyter, or use --user or --prefix DIR.\n",
      );
      return 1;
    }
    prefix = found;
  }
  const repoRoot = path.resolve(__dirname, "..");
  const { kernelDir, dataDir } = installKernel({ repoRoot, prefix });
  const lines = [
    `Installed the TypeScript (tslab) kernelspec "${KERNEL_NAME}" in`,
    `  ${kernelDir}`,
    `It runs ${process.execPath} on tslab from the notebook's clone`,
    `(node_modules/tslab in the notebook's folder or above; else ${repoRoot}).`,
    "Moving the clone is fine; after changing Node (another version or path) run `npm run kernel` again.",
    "",
  ];
  const dataPath = jupyterDataPath(); // null without Jupyter
  const visible = dataPath === null || onDataPath(dataDir, dataPath);
  if (!visible) {
    lines.push(
      `Your Jupyter does not look in ${dataDir}; tell it to before starting it:`,
      `  export JUPYTER_PATH=${dataDir}${process.env.JUPYTER_PATH ? `:$JUPYTER_PATH` : ""}`,
      "(or install with --user, or --sys-prefix for the environment that runs jupyter).",
      "",
    );
  }
  lines.push(
    "JupyterLab:  jupyter lab   (in the repository folder, so that charts find plotly.js in",
    '             node_modules), then open notebooks/; they ask for the kernel "TypeScript".',
    "Notebook:    jupyter notebook   (also in the repository folder).",
    "VS Code:     install the Jupyter extension, open a notebook, click Select Kernel (top right)",
    "             ▸ Jupyter Kernel… ▸ TypeScript. Reload the window if it is not listed yet.",
    "Check:       jupyter kernelspec list   (should list tslab)",
  );
  if (dataPath !== null) {
    const env = visible
      ? process.env
      : {
          ...process.env,
          JUPYTER_PATH: [dataDir, process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter),
        };
    const list = spawnSync("jupyter", ["kernelspec", "list"], { encoding: "utf8", env });
    const found = list.stdout.split("\n").find((l) => l.trim().startsWith(`${KERNEL_NAME} `));
    lines.push(
      "",
      found
        ? `jupyter kernelspec list finds it:${found.replace(/^\s*/, " ")}${visible ? "" : "  (with that JUPYTER_PATH)"}`
        : "Warning: `jupyter kernelspec list` does not list it; check JUPYTER_PATH.",
    );
  } else {
    lines.push("", "(Jupyter is not installed here; the kernelspec is ready for when it is.)");
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
