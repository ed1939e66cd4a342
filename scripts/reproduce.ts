/**
 * `npm run reproduce [-- options]`: executes every notebook in notebooks/ headlessly on the tslab
 * kernel (no Python needed) and writes each back as nbformat 4.5; `--help` lists the options.
 * The work is done by scripts/runner/ (see run.ts); this file only wires the command line.
 */
import path from "node:path";
import { parseArgs, USAGE, UsageError } from "./runner/args";
import { installSignalHandlers, reproduce } from "./runner/run";

export { parseArgs } from "./runner/args";
export { reproduce } from "./runner/run";

async function main(): Promise<number> {
  const repoRoot = path.resolve(__dirname, "..");
  // npm runs scripts from the package root; resolve the user's paths against where they typed.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  let options;
  try {
    options = parseArgs(process.argv.slice(2), repoRoot, cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) {
      process.stderr.write(`reproduce: ${error.message}\n`);
      return 2;
    }
    process.stdout.write(USAGE);
    return 0;
  }
  installSignalHandlers(process.stderr);
  const summary = await reproduce(options, {
    out: process.stdout,
    err: process.stderr,
    tty: Boolean(process.stdout.isTTY),
  });
  return summary.exitCode;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      // Not a refusal (those are said in one line above): a bug. REPRODUCE_DEBUG=1 shows the stack.
      const e = error as Error;
      const detail = process.env.REPRODUCE_DEBUG
        ? (e.stack ?? String(e))
        : (e.message ?? String(e));
      process.stderr.write(
        `reproduce: internal error: ${detail}\n` +
          (process.env.REPRODUCE_DEBUG ? "" : "(run again with REPRODUCE_DEBUG=1 to see where)\n"),
      );
      process.exit(1);
    },
  );
}
