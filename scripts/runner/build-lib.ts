/**
 * Notebooks import the compiled `cplib` (lib/dist), so the runner makes sure it is current:
 * when lib/dist/index.js is missing or older than any file in lib/src (or lib/tsconfig.json),
 * it compiles lib with TypeScript, as `npm run build` does.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync } from "node:fs";
import path from "node:path";

/** The newest modification time under `dir`, the folders included (a deleted file counts). */
function newestMtime(dir: string): number {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Returns a sentence saying what it did, or undefined when lib/dist was already current. */
export function ensureLibBuilt(repoRoot: string): string | undefined {
  const lib = path.join(repoRoot, "lib");
  const src = path.join(lib, "src");
  if (!existsSync(src)) return undefined;
  const dist = path.join(lib, "dist", "index.js");
  const sourceTime = Math.max(newestMtime(src), statSync(path.join(lib, "tsconfig.json")).mtimeMs);
  if (existsSync(dist) && statSync(dist).mtimeMs >= sourceTime) return undefined;
  const reason = existsSync(dist) ? "lib/dist is older than lib/src" : "lib/dist is missing";
  const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", path.join(lib, "tsconfig.json")], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  if (run.status !== 0) {
    // tsc emits even with type errors: mark the output stale so that the next run tries again.
    if (existsSync(dist)) utimesSync(dist, 0, 0);
    throw new Error(
      `cplib could not be built (${reason}); the notebooks import it from lib/dist.\n` +
        `${(run.stdout + run.stderr).trim()}\n` +
        "Fix the errors above, then run `npm run build` (or pass --no-build to skip this check).",
    );
  }
  return `built cplib (${reason})`;
}
