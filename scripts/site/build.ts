// Builds the reader's edition: every executed notebook as a page, an index, the data README,
// and local copies of every asset (plotly.js, KaTeX + fonts, a highlight.js theme, the
// stylesheet), so the site works from file:// with no network. Output is deterministic: same
// notebooks in, same bytes out (no timestamps, stable ordering).
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { escapeHtml } from "cplib";
import { CLIENT_JS } from "./client";
import { renderIndexBody, type IndexEntry, type TableFiles } from "./index-page";
import { renderMarkdown, type Heading } from "./markdown";
import { joinText, notebookNumber, notebookSlug, readNotebook } from "./notebook";
import {
  notebookSummary,
  notebookTitle,
  pageShell,
  plainText,
  renderNotebookBody,
  type PageLink,
} from "./page";

/** Options of buildSite. */
export interface BuildSiteOptions {
  /** Executed .ipynb files; pages follow the order of their file names. */
  notebooks: string[];
  /** The site folder to (re)create, e.g. output/site. Replaced as a whole when the build succeeds. */
  siteDir: string;
  /** A folder of generated tables (output/tables) to copy into the site and link from the index. */
  tablesDir?: string;
  /** A markdown file rendered as data.html (the data availability statement); skipped when absent. */
  dataReadme?: string;
}

/** One page of the built site. */
export interface SitePage {
  /** File name inside the site folder ("04-benchmark.html"). */
  file: string;
  title: string;
  /** The notebook it was rendered from (undefined for index.html and data.html). */
  notebook?: string;
  charts: number;
  banners: number;
  headings: Heading[];
}

/** What buildSite made, and the problems it met (bad LaTeX, outputs it could not show). */
export interface BuildSiteResult {
  siteDir: string;
  pages: SitePage[];
  problems: string[];
}

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** Copies plotly.js, KaTeX (css + fonts), the highlight.js theme, site.css and site.js into assets/. */
export function writeAssets(siteDir: string): void {
  const assets = join(siteDir, "assets");
  mkdirSync(join(assets, "katex", "fonts"), { recursive: true });
  cpSync(join(packageDir("plotly.js-dist-min"), "plotly.min.js"), join(assets, "plotly.min.js"));
  const katexDist = join(packageDir("katex"), "dist");
  cpSync(join(katexDist, "katex.min.css"), join(assets, "katex", "katex.min.css"));
  for (const font of readdirSync(join(katexDist, "fonts")).sort()) {
    cpSync(join(katexDist, "fonts", font), join(assets, "katex", "fonts", font));
  }
  cpSync(join(packageDir("highlight.js"), "styles", "github.css"), join(assets, "highlight.css"));
  cpSync(join(__dirname, "style.css"), join(assets, "site.css"));
  writeFileSync(join(assets, "site.js"), CLIENT_JS);
}

/** "04" + "Benchmark regressions" → "04 · Benchmark regressions", unless the title already starts with 04. */
export function numbered(number: string | undefined, title: string): string {
  if (!number || title.startsWith(number)) return title;
  return `${number} · ${title}`;
}

function listTables(tablesDir: string | undefined): TableFiles {
  const files: TableFiles = new Map();
  if (!tablesDir || !existsSync(tablesDir)) return files;
  for (const file of readdirSync(tablesDir).sort()) {
    const dot = file.indexOf(".");
    if (dot <= 0 || file.startsWith(".")) continue;
    const stem = file.slice(0, dot);
    files.set(stem, [...(files.get(stem) ?? []), file]);
  }
  return files;
}

/**
 * Renders the notebooks into `siteDir` (built in a sibling temporary folder, then swapped in).
 * Throws when a notebook cannot be read; rendering problems are returned, not thrown.
 * @example
 * const { pages, problems } = buildSite({ notebooks: ["notebooks/00-overview.ipynb"], siteDir: "output/site" });
 */
export function buildSite(opts: BuildSiteOptions): BuildSiteResult {
  const siteDir = resolve(opts.siteDir);
  const tmp = `${siteDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    const result = buildInto(tmp, opts);
    const old = `${siteDir}.old-${process.pid}`;
    if (existsSync(siteDir)) renameSync(siteDir, old);
    renameSync(tmp, siteDir);
    rmSync(old, { recursive: true, force: true });
    return { ...result, siteDir };
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

function buildInto(dir: string, opts: BuildSiteOptions): Omit<BuildSiteResult, "siteDir"> {
  const problems: string[] = [];
  const sorted = [...new Set(opts.notebooks.map((p) => resolve(p)))].sort((a, b) =>
    basename(a) < basename(b) ? -1 : basename(a) > basename(b) ? 1 : 0,
  );
  const slugs = sorted.map(notebookSlug);
  const duplicate = slugs.find((s, i) => slugs.indexOf(s) !== i);
  if (duplicate)
    throw new Error(
      `two notebooks render to the same page ${duplicate}.html: ${sorted.join(", ")}`,
    );

  const notebooks = sorted.map((path) => ({
    path,
    slug: notebookSlug(path),
    nb: readNotebook(path),
  }));
  const meta = notebooks.map(({ slug, nb }) => {
    const number = notebookNumber(slug);
    const title = notebookTitle(nb, slug);
    return { slug, number, title, plain: plainText(title), file: `${slug}.html` };
  });
  const dataPage = opts.dataReadme !== undefined && existsSync(opts.dataReadme);
  const link = (i: number): PageLink | undefined =>
    i >= 0 && i < meta.length
      ? { href: meta[i].file, label: numbered(meta[i].number, meta[i].plain) }
      : undefined;

  const pages: SitePage[] = [];
  const entries: IndexEntry[] = [];
  notebooks.forEach(({ path, nb }, i) => {
    const m = meta[i];
    const code = nb.cells.filter((c) => c.cell_type === "code").length;
    const sourceLine = `Notebook <code>${escapeHtml(basename(path))}</code> · ${code} code cell${code === 1 ? "" : "s"} · page ${i + 1} of ${notebooks.length}`;
    const rendered = renderNotebookBody(nb, basename(path), sourceLine);
    problems.push(...rendered.problems);
    const html = pageShell({
      title: m.plain,
      body: rendered.body,
      prev: link(i - 1),
      next: link(i + 1),
      charts: rendered.charts > 0,
    });
    writeFileSync(join(dir, m.file), html);
    pages.push({
      file: m.file,
      title: m.plain,
      notebook: path,
      charts: rendered.charts,
      banners: rendered.banners,
      headings: rendered.headings,
    });
    entries.push({
      href: m.file,
      number: m.number,
      title: m.title,
      summary: notebookSummary(nb),
      headings: rendered.headings,
      text: nb.cells
        .filter((c) => c.cell_type === "markdown")
        .map((c) => joinText(c.source))
        .join("\n"),
    });
  });

  const tables = listTables(opts.tablesDir);
  if (tables.size > 0 && opts.tablesDir) {
    mkdirSync(join(dir, "tables"), { recursive: true });
    for (const files of tables.values())
      for (const f of files) cpSync(join(opts.tablesDir, f), join(dir, "tables", f));
  }

  const indexEnvProblems: string[] = [];
  const indexBody = renderIndexBody({ entries, tables, dataPage });
  writeFileSync(
    join(dir, "index.html"),
    pageShell({ title: "Contents", body: indexBody, next: link(0), charts: false, isIndex: true }),
  );
  pages.unshift({ file: "index.html", title: "Contents", charts: 0, banners: 0, headings: [] });
  problems.push(...indexEnvProblems);

  if (dataPage && opts.dataReadme) {
    const env = {
      where: "data/README.md",
      problems: [] as string[],
      ids: new Set<string>(),
      headings: [] as Heading[],
    };
    const body = `<div class="cp-cell cp-markdown">\n${renderMarkdown(readFileSync(opts.dataReadme, "utf8"), env)}</div>`;
    problems.push(...env.problems);
    writeFileSync(
      join(dir, "data.html"),
      pageShell({
        title: "Data availability and provenance",
        body,
        prev: { href: "index.html", label: "Contents" },
        charts: false,
      }),
    );
    pages.push({
      file: "data.html",
      title: "Data availability and provenance",
      charts: 0,
      banners: 0,
      headings: env.headings,
    });
  }

  writeAssets(dir);
  return { pages, problems };
}
