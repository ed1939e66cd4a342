/**
 * Post-step: the reader's edition. Renders the notebooks into `<outDir>/site/` (an index, one
 * page per notebook, data.html from data/README.md, the tables of 30-tables.ts, and local
 * copies of plotly.js, KaTeX and the styles) so the site reads offline from file://.
 *
 * Which notebooks: every executed one, plus — when the run executed the notebooks in place
 * (no `--out`/`--data`/`--check`) — every other notebook of that folder, so that
 * `npm run reproduce -- --only 06` re-executes one notebook yet still leaves a complete site
 * (the others as last committed). A run into `<outDir>/notebooks` or a `--check` temp folder
 * shows only what it executed: notebooks left there by an earlier run may come from other data.
 *
 * Problems met while rendering (LaTeX KaTeX cannot typeset, an output with no MIME type the site
 * can show) are printed as warnings; test/browser.test.ts fails on them for committed notebooks.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { isInside, type StepContext } from "../runner/steps";
import { buildSite } from "../site/build";

const REPO = path.resolve(__dirname, "..", "..");

/**
 * The notebooks the site shows, sorted: `ctx.executed`, plus the other `.ipynb`
 * files of `ctx.notebooksDir` when the notebooks were executed in place (the folder is neither
 * a `--check` temp folder nor inside the output folder).
 */
export function siteNotebooks(ctx: StepContext): string[] {
  const files = new Set(ctx.executed.map((f) => path.resolve(f)));
  const inPlace = !ctx.check && !isInside(ctx.notebooksDir, ctx.outDir);
  if (inPlace && existsSync(ctx.notebooksDir)) {
    for (const f of readdirSync(ctx.notebooksDir)) {
      if (f.endsWith(".ipynb")) files.add(path.resolve(ctx.notebooksDir, f));
    }
  }
  return [...files].sort();
}

/** Builds `<outDir>/site` from `siteNotebooks(ctx)`. */
export async function run(ctx: StepContext): Promise<void> {
  const started = Date.now();
  const notebooks = siteNotebooks(ctx);
  const result = buildSite({
    notebooks,
    siteDir: path.join(ctx.outDir, "site"),
    tablesDir: path.join(ctx.outDir, "tables"),
    dataReadme: path.join(REPO, "data", "README.md"),
  });
  for (const problem of result.problems) process.stderr.write(`site: warning: ${problem}\n`);
  const charts = result.pages.reduce((n, p) => n + p.charts, 0);
  const where =
    path.relative(process.cwd(), path.join(result.siteDir, "index.html")) || "index.html";
  const others = notebooks.length - ctx.executed.length;
  const note = others > 0 ? ` (${others} not re-executed: shown as last saved)` : "";
  process.stdout.write(
    `site: ${result.pages.length} pages${note}, ${charts} charts → ${where} (${Date.now() - started} ms)\n`,
  );
}
