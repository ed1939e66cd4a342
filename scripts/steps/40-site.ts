/**
 * Post-step: the reader's edition. Renders every executed notebook into `<outDir>/site/` (an
 * index, one page per notebook, data.html from data/README.md, the tables of 30-tables.ts, and
 * local copies of plotly.js, KaTeX and the styles) so the site reads offline from file://.
 * Problems met while rendering (LaTeX KaTeX cannot typeset, an output with no MIME type the site
 * can show) are printed as warnings; test/browser.test.ts fails on them for committed notebooks.
 */
import path from "node:path";
import type { StepContext } from "../runner/steps";
import { buildSite } from "../site/build";

const REPO = path.resolve(__dirname, "..", "..");

/** Builds `<outDir>/site` from `ctx.executed`. */
export async function run(ctx: StepContext): Promise<void> {
  const started = Date.now();
  const result = buildSite({
    notebooks: ctx.executed,
    siteDir: path.join(ctx.outDir, "site"),
    tablesDir: path.join(ctx.outDir, "tables"),
    dataReadme: path.join(REPO, "data", "README.md"),
  });
  for (const problem of result.problems) process.stderr.write(`site: warning: ${problem}\n`);
  const charts = result.pages.reduce((n, p) => n + p.charts, 0);
  const where =
    path.relative(process.cwd(), path.join(result.siteDir, "index.html")) || "index.html";
  process.stdout.write(
    `site: ${result.pages.length} pages, ${charts} charts → ${where} (${Date.now() - started} ms)\n`,
  );
}
