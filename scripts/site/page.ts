// Page layout of the reader's edition: the shell every page shares, and a notebook as a page.
import { escapeHtml } from "cplib";
import { highlightCode, renderMarkdown, type Heading } from "./markdown";
import { joinText, type Cell, type Notebook } from "./notebook";
import { renderOutputs, type OutputEnv } from "./outputs";

/** The site's name, shown in every <title>. */
export const SITE_TITLE = "New quality productivity, trade and common prosperity — a reproduction";

/** The short name in the header bar of every page. */
export const SITE_BRAND = "Reproducing Bashlai et al. (2026)";

/** A link to a neighbouring page. */
export interface PageLink {
  href: string;
  label: string;
}

/** What the shell needs besides the body. */
export interface ShellOptions {
  title: string;
  body: string;
  prev?: PageLink;
  next?: PageLink;
  /** Whether the page draws charts (then plotly.min.js is loaded). */
  charts: boolean;
  isIndex?: boolean;
}

function pager(
  prev: PageLink | undefined,
  next: PageLink | undefined,
  compact: boolean,
  isIndex = false,
): string {
  const link = (l: PageLink | undefined, rel: "prev" | "next"): string => {
    const arrowed = rel === "prev" ? "← " : " →";
    if (!l) return compact ? "" : `<span class="cp-pager-${rel}"></span>`;
    const text = compact
      ? rel === "prev"
        ? `${arrowed}Previous`
        : `Next${arrowed}`
      : `<span class="cp-pager-label">${rel === "prev" ? "Previous" : "Next"}</span>${rel === "prev" ? arrowed : ""}${escapeHtml(l.label)}${rel === "next" ? arrowed : ""}`;
    return `<a class="cp-pager-${rel}" rel="${rel}" href="${escapeHtml(l.href)}" title="${escapeHtml(l.label)}">${text}</a>`;
  };
  const contents = isIndex ? "" : `<a class="cp-pager-index" href="index.html">Contents</a>`;
  return `<nav class="cp-pager" aria-label="Pages">${link(prev, "prev")}${contents}${link(next, "next")}</nav>`;
}

/** The full HTML document: header with navigation, the body in a narrow column, the scripts. */
export function pageShell(opts: ShellOptions): string {
  const title = opts.isIndex ? SITE_TITLE : `${opts.title} · ${SITE_TITLE}`;
  const scripts = [
    opts.charts ? `<script src="assets/plotly.min.js"></script>` : "",
    `<script src="assets/site.js"></script>`,
  ]
    .filter(Boolean)
    .join("\n");
  const footer =
    opts.prev || opts.next
      ? `<footer class="cp-page-footer"><div class="cp-footer-inner">${pager(opts.prev, opts.next, false, opts.isIndex)}</div></footer>`
      : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/highlight.css">
<link rel="stylesheet" href="assets/site.css">
</head>
<body>
<a class="cp-skip" href="#content">Skip to content</a>
<header class="cp-site-header"><div class="cp-header-inner"><a class="cp-home" href="index.html">${escapeHtml(SITE_BRAND)}</a>${opts.isIndex ? "" : pager(opts.prev, opts.next, true)}</div></header>
<main id="content" class="cp-page">
${opts.body}
</main>
${footer}
${scripts}
</body>
</html>
`;
}

/** Removes markdown and TeX markup from a one-line title (for <title>, nav labels, the index). */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\$+([^$]*)\$+/g, (_m, tex: string) =>
      tex.replace(/\\[a-zA-Z]+\s*/g, "").replace(/[{}_^]/g, ""),
    )
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`]/g, "")
    .replace(/<[^>]+>/g, "")
    .trim();
}

/** The notebook's title: the first level-1 heading of its first markdown cell, else the fallback. */
export function notebookTitle(nb: Notebook, fallback: string): string {
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const m = /^#\s+(.+?)\s*#*\s*$/m.exec(joinText(cell.source));
    if (m) return m[1];
    break;
  }
  return fallback;
}

/** Whether markdown delimiters ($, **, *, `) are balanced, so a cut text renders as intended. */
function balanced(text: string): boolean {
  const count = (re: RegExp): number => (text.match(re) ?? []).length;
  const single = (text.replace(/\*\*/g, "").match(/\*/g) ?? []).length;
  return (
    count(/(?<!\\)\$/g) % 2 === 0 &&
    count(/\*\*/g) % 2 === 0 &&
    single % 2 === 0 &&
    count(/`/g) % 2 === 0
  );
}

/**
 * The notebook's opening paragraph (the first one after its title; a paragraph that runs on
 * into a quotation takes the quotation with it), cut to about `limit` characters at a word
 * boundary — never inside math, bold or code — with "…" when cut.
 */
export function notebookSummary(nb: Notebook, limit = 280): string {
  const first = nb.cells.find((c) => c.cell_type === "markdown");
  if (!first) return "";
  const paragraphs = joinText(first.source)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p && !/^(#|\$\$|\||<|```|---|\* \* \*)/.test(p))
    .map((p) =>
      p
        .split("\n")
        .map((line) => line.replace(/^>\s?/, "").trim())
        .join(" "),
    );
  let para = paragraphs[0] ?? "";
  if (para && !/[.!?:)]$/.test(para) && paragraphs[1]) para = `${para} ${paragraphs[1]}`;
  if (para.length <= limit) return para;
  const words = para.split(" ");
  let out = "";
  for (const w of words) {
    if (out && out.length + 1 + w.length > limit) break;
    out = out ? `${out} ${w}` : w;
  }
  let cut = out.split(" ");
  while (cut.length > 1 && !balanced(cut.join(" "))) cut = cut.slice(0, -1);
  const text = cut.join(" ").replace(/[,;:—–-]+$/, "");
  return balanced(text) ? `${text} …` : "";
}

function tags(cell: Cell): Set<string> {
  const t = cell.metadata?.tags;
  return new Set(Array.isArray(t) ? t : []);
}

/**
 * Renders one cell; honours the tags remove-cell, remove-input, remove-output and hide-input, and
 * shows a cell tagged `solution` (input and outputs) closed behind a "Solution" disclosure.
 */
export function renderCell(cell: Cell, env: OutputEnv): string {
  const t = tags(cell);
  if (t.has("remove-cell")) return "";
  if (cell.cell_type === "markdown") {
    const source = joinText(cell.source);
    if (!source.trim()) return "";
    return `<div class="cp-cell cp-markdown">\n${renderMarkdown(source, env)}</div>`;
  }
  if (cell.cell_type !== "code") return ""; // raw cells are for nbconvert, not for readers
  const source = joinText(cell.source).replace(/\s+$/, "");
  const outputs = t.has("remove-output") ? "" : renderOutputs(cell.outputs ?? [], env);
  const showInput = source !== "" && !t.has("remove-input");
  if (!showInput && !outputs) return "";
  let input = "";
  if (showInput) {
    const prompt =
      cell.execution_count != null
        ? `<span class="cp-prompt" aria-hidden="true">[${cell.execution_count}]</span>`
        : "";
    const label = t.has("parameters") ? `<span class="cp-input-label">Parameters</span>` : "";
    const code = `<pre class="cp-code"><code class="hljs language-typescript">${highlightCode(source, "typescript")}</code></pre>`;
    input = `${label}<div class="cp-input">${prompt}${code}</div>`;
    if (t.has("hide-input")) {
      input = `<details class="cp-hidden-input"><summary>Show code</summary>${input}</details>`;
    }
  }
  const out = outputs ? `<div class="cp-outputs">\n${outputs}\n</div>` : "";
  const html = `<div class="cp-cell cp-code-cell">${input}${out}</div>`;
  return t.has("solution")
    ? `<details class="cp-solution"><summary>Solution</summary>${html}</details>`
    : html;
}

/** A rendered notebook page body, with what the index and the tests need to know about it. */
export interface RenderedNotebook {
  body: string;
  charts: number;
  banners: number;
  headings: Heading[];
  problems: string[];
}

/** Renders a notebook's cells into a page body. `where` names the notebook in problem reports. */
export function renderNotebookBody(
  nb: Notebook,
  where: string,
  sourceLine: string,
): RenderedNotebook {
  const env: OutputEnv = { where, problems: [], charts: 0, ids: new Set(), headings: [] };
  const parts: string[] = [];
  nb.cells.forEach((cell, i) => {
    env.where = `${where}, cell ${i + 1}`;
    const html = renderCell(cell, env);
    if (html) parts.push(html);
  });
  const body = `<p class="cp-source">${sourceLine}</p>\n${parts.join("\n")}`;
  const banners = (body.match(/class="[^"]*\bcp-banner-reconstructed\b/g) ?? []).length;
  return {
    body,
    charts: env.charts,
    banners,
    headings: env.headings ?? [],
    problems: env.problems,
  };
}
