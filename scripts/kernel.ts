/**
 * `npm run kernel [-- --user | --prefix DIR]`: installs the tslab kernelspec ("TypeScript",
 * name `tslab`) so that JupyterLab, Jupyter Notebook, nbconvert and VS Code can run the
 * notebooks interactively.
 *
 * The kernelspec is written directly (no Python needed): a `kernel.json` whose argv runs this
 * repository's tslab with the absolute path of the current Node, so it works whatever PATH the
 * editor starts kernels with.
 *   --user        (default) the per-user Jupyter data folder (`jupyter --data-dir`)
 *   --prefix DIR  DIR/share/jupyter/kernels/tslab (then point JUPYTER_PATH at DIR/share/jupyter)
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, realpathSync, existsSync } from "node:fs";
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
  /** The kernelspec folder written (holds kernel.json). */
  kernelDir: string;
  /** The Jupyter data folder it is in (what JUPYTER_PATH must contain for a --prefix install). */
  dataDir: string;
  kernelJson: Record<string, unknown>;
}

function hasJupyter(): boolean {
  return spawnSync("jupyter", ["--version"], { stdio: "ignore" }).status === 0;
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

export function installKernel(options: KernelInstallOptions): KernelInstallResult {
  const bin = path.join(options.repoRoot, "node_modules", ".bin", "tslab");
  if (!existsSync(bin)) throw new Error(`${bin} not found: run \`npm install\` first`);
  const script = realpathSync(bin);
  const dataDir = options.prefix
    ? path.join(path.resolve(options.prefix), "share", "jupyter")
    : userDataDir();
  const kernelDir = path.join(dataDir, "kernels", KERNEL_NAME);
  const kernelJson = {
    argv: [process.execPath, script, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
    metadata: { installed_by: "npm run kernel", repository: options.repoRoot },
  };
  mkdirSync(kernelDir, { recursive: true });
  writeFileAtomic(path.join(kernelDir, "kernel.json"), `${JSON.stringify(kernelJson, null, 1)}\n`);
  return { kernelDir, dataDir, kernelJson };
}

function usage(): string {
  return [
    "Usage: npm run kernel -- [--user | --prefix DIR]",
    "  --user        install for the current user (default)",
    "  --prefix DIR  install to DIR/share/jupyter/kernels/tslab",
    "",
  ].join("\n");
}

function main(argv: string[]): number {
  let prefix: string | undefined;
  const cwd = process.env.INIT_CWD ?? process.cwd();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--user") prefix = undefined;
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
  const repoRoot = path.resolve(__dirname, "..");
  const { kernelDir, dataDir } = installKernel({ repoRoot, prefix });
  const lines = [
    `Installed the TypeScript (tslab) kernelspec "${KERNEL_NAME}" in`,
    `  ${kernelDir}`,
    `It runs ${realpathSync(path.join(repoRoot, "node_modules", ".bin", "tslab"))}`,
    `with ${process.execPath}.`,
    "",
  ];
  if (prefix) {
    lines.push(
      "This is a --prefix install: tell Jupyter where it is before starting it:",
      `  export JUPYTER_PATH=${dataDir}${process.env.JUPYTER_PATH ? `:$JUPYTER_PATH` : ""}`,
      "",
    );
  }
  lines.push(
    'JupyterLab:  jupyter lab notebooks/  — the notebooks ask for the kernel "TypeScript"',
    "             (name tslab) and open with it; otherwise Kernel ▸ Change Kernel… ▸ TypeScript.",
    "VS Code:     install the Jupyter extension, open a notebook, click Select Kernel (top right)",
    "             ▸ Jupyter Kernel… ▸ TypeScript. Reload the window if it is not listed yet.",
    "Check:       jupyter kernelspec list   (should list tslab)",
  );
  if (hasJupyter()) {
    const env = prefix
      ? {
          ...process.env,
          JUPYTER_PATH: [dataDir, process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter),
        }
      : process.env;
    const list = spawnSync("jupyter", ["kernelspec", "list"], { encoding: "utf8", env });
    const found = list.stdout.split("\n").find((l) => l.trim().startsWith(`${KERNEL_NAME} `));
    lines.push(
      "",
      found
        ? `jupyter kernelspec list finds it:${found.replace(/^\s*/, " ")}`
        : "Warning: `jupyter kernelspec list` does not list it; check JUPYTER_PATH.",
    );
  } else {
    lines.push("", "(Jupyter is not installed here; the kernelspec is ready for when it is.)");
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
