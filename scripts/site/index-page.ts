// The index page: what the project reproduces, where the data come from, and which page
// reproduces each table of the paper.
import { escapeHtml } from "cplib";
import { renderMarkdown, renderMarkdownInline, type Heading } from "./markdown";

/** A notebook page as the index lists it. */
export interface IndexEntry {
  href: string;
  number?: string;
  title: string;
  summary: string;
  headings: Heading[];
  /** The markdown source of the notebook's cells, searched for "Table N" when the number does not settle it. */
  text: string;
}

/** A table (or group of tables) of the paper and the notebook number expected to reproduce it. */
interface PaperItem {
  label: string;
  title: string;
  notebook: string;
  /** Matches a heading or the text of the page that reproduces it. */
  pattern: RegExp;
  /** Stem of the files in tables/ (tables/<stem>.tex, .md, .csv), if any. */
  stem?: string;
  /** Or a prefix: every stem starting with it is listed, labelled by the rest of its name. */
  stemPrefix?: string;
}

/** The paper's Tables 1–6 and the two notebooks that go beyond it, with the notebook for each. */
export const PAPER_ITEMS: readonly PaperItem[] = [
  {
    label: "Table 1",
    title: "Evaluation indicators for common prosperity (CO index)",
    notebook: "01",
    pattern: /\bTable 1\b/,
  },
  {
    label: "Table 2",
    title: "Evaluation indicators for new quality productivity (NQP index)",
    notebook: "01",
    pattern: /\bTable 2\b/,
  },
  {
    label: "Table 3",
    title: "Descriptive statistics",
    notebook: "02",
    pattern: /\bTable 3\b/,
    stem: "table3",
  },
  {
    label: "Table 4",
    title: "Multicollinearity test (VIF)",
    notebook: "03",
    pattern: /\bTable 4\b/,
    stem: "table4",
  },
  {
    label: "Table 5",
    title: "Benchmark regression results, Models (1)–(6)",
    notebook: "04",
    pattern: /\bTable 5\b/,
    stem: "table5",
  },
  {
    label: "Table 6",
    title: "Heterogeneity: Northeast vs Southwest Zhejiang",
    notebook: "05",
    pattern: /\bTable 6\b/,
    stem: "table6",
  },
  {
    label: "Beyond",
    title:
      "Robustness checks: fixed effects, clustered and wild-bootstrap inference, regional tests, index weights, leave-one-city-out",
    notebook: "06",
    pattern: /\brobustness\b/i,
    stemPrefix: "robustness-",
  },
  {
    label: "Audit",
    title: "Do the published numbers agree with each other?",
    notebook: "07",
    pattern: /\baudit\b/i,
  },
];

/** Files in the site's tables/ folder grouped by stem: "table5" → ["table5.csv", "table5.md", "table5.tex"]. */
export type TableFiles = Map<string, string[]>;

/** "04 · " before a title that does not already start with its number. */
function numberPrefix(e: IndexEntry): string {
  return e.number && !e.title.trimStart().startsWith(e.number) ? `${e.number} · ` : "";
}

function downloads(files: string[] | undefined): string {
  if (!files || files.length === 0) return "";
  return `<span class="cp-downloads">${files
    .map(
      (f) =>
        `<a href="tables/${encodeURIComponent(f)}">.${escapeHtml(f.slice(f.indexOf(".") + 1))}</a>`,
    )
    .join("")}</span>`;
}

function locate(
  item: PaperItem,
  entries: IndexEntry[],
): { entry: IndexEntry; anchor: string } | undefined {
  const entry =
    entries.find((e) => e.number === item.notebook) ??
    entries.find((e) => item.pattern.test(e.text));
  if (!entry) return undefined;
  const heading = entry.headings.find((h) => h.level > 1 && item.pattern.test(h.text));
  return { entry, anchor: heading ? `#${heading.id}` : "" };
}

/** Options of the index page. */
export interface IndexOptions {
  entries: IndexEntry[];
  tables: TableFiles;
  /** Whether data.html (the data README) is part of the site. */
  dataPage: boolean;
}

/** The body of index.html. */
export function renderIndexBody(opts: IndexOptions): string {
  const env = { where: "index", problems: [] as string[] };
  const dataLink = opts.dataPage
    ? `<a href="data.html">data/README.md</a>`
    : `<code>data/README.md</code> in the repository`;
  const rows = PAPER_ITEMS.map((item) => {
    const found = locate(item, opts.entries);
    const where = found
      ? `<a href="${escapeHtml(found.entry.href + found.anchor)}">${escapeHtml(numberPrefix(found.entry))}${renderMarkdownInline(found.entry.title, env)}</a>`
      : `<span class="cp-missing">notebook ${item.notebook} is not part of this build</span>`;
    let files = downloads(item.stem ? opts.tables.get(item.stem) : undefined);
    if (item.stemPrefix) {
      const prefix = item.stemPrefix;
      files = [...opts.tables.keys()]
        .filter((stem) => stem.startsWith(prefix))
        .sort()
        .map(
          (stem) =>
            `<div>${escapeHtml(stem.slice(prefix.length))} ${downloads(opts.tables.get(stem))}</div>`,
        )
        .join("");
    }
    return `<tr><td>${escapeHtml(item.label)}</td><td>${escapeHtml(item.title)}</td><td>${where}</td><td>${files}</td></tr>`;
  });
  const listed = (stem: string): boolean =>
    PAPER_ITEMS.some(
      (i) => i.stem === stem || (i.stemPrefix !== undefined && stem.startsWith(i.stemPrefix)),
    );
  const extra = [...opts.tables.keys()].filter((stem) => !listed(stem)).sort();
  const extraRows = extra.map(
    (stem) =>
      `<tr><td></td><td><code>${escapeHtml(stem)}</code></td><td></td><td>${downloads(opts.tables.get(stem))}</td></tr>`,
  );
  const list = opts.entries
    .map(
      (e) =>
        `<li><a href="${escapeHtml(e.href)}">${escapeHtml(numberPrefix(e))}${renderMarkdownInline(e.title, env)}</a>` +
        (e.summary
          ? `<span class="cp-summary">${renderMarkdownInline(e.summary, env)}</span>`
          : "") +
        `</li>`,
    )
    .join("\n");
  const intro = renderMarkdown(
    [
      "# A reader's edition of Bashlai et al. (2026)",
      "",
      "This site is the executed TypeScript notebooks of a reproduction of the paper below, rendered",
      "for reading: narrative, code, tables and interactive charts, with no kernel and no network.",
      "The paper asks whether *new quality productivity* (NQP) and *international trade* (TRADE)",
      "raise *common prosperity* (CO) in the 11 prefecture-level cities of Zhejiang, 2014–2023",
      "(110 city-years). It builds CO and NQP as entropy-weighted indices, describes the variables,",
      "checks multicollinearity, estimates six nested pooled OLS models",
      "$CO_{it} = \\gamma_0 + \\gamma_1 NQP_{it} + \\gamma_2 TRADE_{it} + \\gamma_3 Cons_{it} + \\mu_{it}$",
      "and splits the sample by region. The notebooks redo each step with the methods written out,",
      "put every published number beside the reproduced one, and add the checks a referee would ask for.",
    ].join("\n"),
    { ...env, ids: new Set(["contents"]) },
  );
  return `${intro}
<p class="cp-citation">Bashlai, S., Xu, S., Oliinyk, T., Oleksiienko, R., Oliinyk, E., Yarova, I., &amp; Zhuravka, F. (2026).
Do new quality productivity and international trade have a positive impact on common prosperity?
<em>Problems and Perspectives in Management</em>, 24(1), 806–818. doi:10.21511/ppm.24(1).2026.52 (CC BY 4.0).</p>
<section class="cp-data-note" aria-labelledby="data-availability">
<h2 id="data-availability">Data availability, in short</h2>
<p>The authors published no data. This reproduction uses:</p>
<ul>
<li><span class="cp-real">Real:</span> GDP and the value added of the primary, secondary and tertiary industries of the 11 cities, 2014–2023, from the Zhejiang statistical yearbooks and communiqués. They reproduce the paper's industrial-structure variable (UIS) in Table 3 exactly.</li>
<li><span class="cp-reconstructed">Reconstructed:</span> every other raw indicator (those behind CO, NQP and TRADE, fiscal expenditure, patents), built to carry the moments the published tables imply. Results that use them show what the paper's method gives on such a panel, not new evidence about Zhejiang; pages say so with a banner wherever it applies.</li>
</ul>
<p>Provenance and the reconstruction, column by column: ${dataLink}.</p>
</section>
<h2 id="tables">The paper's tables and where each is reproduced</h2>
<div class="cp-table-wrap"><table class="cp-contents">
<thead><tr><th>Table</th><th>Content</th><th>Reproduced in</th><th>Files</th></tr></thead>
<tbody>
${rows.join("\n")}
${extraRows.join("\n")}
</tbody></table></div>
<h2 id="notebooks">The notebooks, in reading order</h2>
<ol class="cp-notebook-list">
${list}
</ol>
`;
}
