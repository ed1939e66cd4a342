// The reader's edition renderer (scripts/site) on a fixture notebook, without a browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { buildSite } from "../scripts/site/build";
import { renderMarkdown, rewriteNotebookLink } from "../scripts/site/markdown";
import { renderBundle, renderOutputs, type OutputEnv } from "../scripts/site/outputs";
import { notebookSummary } from "../scripts/site/page";
import { resolveRequest, startServer } from "../scripts/serve";
import { buildVariables } from "cplib";
import { loadPanel } from "cplib";
import { formatFixed } from "cplib";
import { reproduceTables } from "cplib";

const FIXTURE = resolve(__dirname, "fixtures", "site", "04-fixture.ipynb");

function md(source: string): { html: string; problems: string[] } {
  const env = { where: "test", problems: [] as string[] };
  return { html: renderMarkdown(source, env), problems: env.problems };
}

function outEnv(): OutputEnv {
  return { where: "test", problems: [], charts: 0 };
}

function withSite<T>(fn: (dir: string, result: ReturnType<typeof buildSite>) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "cp-site-"));
  try {
    const tables = join(dir, "tables");
    const readme = join(dir, "README.md");
    writeFileSync(readme, "# Data\n\nReal: GDP. Reconstructed: the rest, $x_{it}$.\n");
    const result = buildSite({
      notebooks: [FIXTURE],
      siteDir: join(dir, "site"),
      tablesDir: tables,
      dataReadme: readme,
    });
    return fn(join(dir, "site"), result);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("inline and display math are typeset by KaTeX and protected from markdown", () => {
  const { html, problems } = md(
    "Let $a_1 * b_2 * c$ and $$x^2$$.\n\n$$\nCO_{it} = \\alpha_0 + \\varepsilon_{it}\n$$\n",
  );
  assert.deepEqual(problems, []);
  assert.equal((html.match(/class="katex"/g) ?? []).length, 3);
  assert.equal((html.match(/class="katex-display"/g) ?? []).length, 2);
  assert.ok(!html.includes("<em>"), "underscores and stars inside math must not become emphasis");
  assert.ok(html.includes("cp-math-display"));
});

test("dollar amounts, escaped dollars and code spans stay text", () => {
  const { html } = md("It costs $5 and $10. A \\$ sign. Code `$x$` stays.");
  assert.ok(!html.includes("katex"), html);
  assert.ok(html.includes("$5 and $10"));
  assert.ok(html.includes("<code>$x$</code>"));
});

test("equation environments render as display math; bad LaTeX is reported, not hidden", () => {
  const ok = md(
    "\\begin{aligned}\na &= b\n\\end{aligned}\n\n\\begin{equation}\ny = x\n\\end{equation}\n",
  );
  assert.equal(
    (ok.html.match(/katex-display/g) ?? []).length,
    1,
    "only the equation environment is a block",
  );
  const bad = md("Broken $\\frac{1}{$ here.");
  assert.equal(bad.problems.length, 1);
  assert.match(bad.problems[0], /LaTeX error/);
  assert.ok(bad.html.includes("cp-math-error"));
});

test("links to notebooks point to their pages; headings get stable ids", () => {
  assert.equal(rewriteNotebookLink("04-benchmark.ipynb#table-5"), "04-benchmark.html#table-5");
  assert.equal(rewriteNotebookLink("../notebooks/02-descriptives.ipynb"), "02-descriptives.html");
  assert.equal(rewriteNotebookLink("https://example.org/a.ipynb"), "https://example.org/a.ipynb");
  const env = {
    where: "t",
    problems: [] as string[],
    ids: new Set<string>(),
    headings: [] as { id: string; text: string; level: number }[],
  };
  const html = renderMarkdown("## Table 5\n\n## Table 5\n", env);
  assert.ok(html.includes('id="table-5"') && html.includes('id="table-5-2"'));
  assert.deepEqual(
    env.headings.map((h) => h.id),
    ["table-5", "table-5-2"],
  );
});

test("a plotly bundle is drawn from its JSON and its text/html fallback is skipped", () => {
  const env = outEnv();
  const html = renderBundle(
    {
      "application/vnd.plotly.v1+json": {
        data: [{ type: "bar", x: ["a"], y: [1] }],
        layout: { title: { text: "T</script>" } },
      },
      "text/html": '<div class="cp-plotly">fallback</div>',
      "text/plain": "Plotly chart: T",
    },
    env,
  );
  assert.equal(env.charts, 1);
  assert.ok(html.includes('class="cp-chart" id="cp-chart-1"'));
  assert.ok(!html.includes("fallback"));
  assert.ok(
    !html.includes('</script>"') && !/T<\/script>/.test(html),
    "figure JSON must not close the script element",
  );
  const json = /<script type="application\/json"[^>]*>(.*?)<\/script>/.exec(html)?.[1] ?? "";
  assert.deepEqual(JSON.parse(json).data, [{ type: "bar", x: ["a"], y: [1] }]);
});

test("a chart saved by JupyterLab (a PNG beside the plotly JSON) is still drawn from its JSON", () => {
  const env = outEnv();
  const html = renderBundle(
    {
      "application/vnd.plotly.v1+json": { data: [{ type: "bar", x: ["a"], y: [1] }], layout: {} },
      "image/png": "iVBORw0KGgo=",
      "text/html": '<div class="cp-plotly">fallback</div>',
      "text/plain": "Plotly chart: untitled",
    },
    env,
  );
  assert.equal(env.charts, 1);
  assert.ok(html.includes('class="cp-chart"'));
  assert.ok(!html.includes("<img"), "the static PNG is not shown in place of the chart");
});

test("outputs: html as is, markdown rendered, text escaped, streams merged, ANSI stripped, errors shown", () => {
  const env = outEnv();
  const html = renderOutputs(
    [
      { output_type: "stream", name: "stdout", text: "a <b>\n" },
      { output_type: "stream", name: "stdout", text: ["c\n"] },
      {
        output_type: "display_data",
        data: { "text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "1" },
      },
      { output_type: "display_data", data: { "text/markdown": "**m** $x$", "text/plain": "m" } },
      {
        output_type: "execute_result",
        execution_count: 1,
        data: { "text/plain": "\u001b[33m42\u001b[39m" },
      },
      {
        output_type: "error",
        ename: "DataError",
        evalue: "bad <x>",
        traceback: ["\u001b[31mDataError: bad <x>\u001b[0m"],
      },
    ],
    env,
  );
  assert.equal(
    (html.match(/class="cp-stream"/g) ?? []).length,
    1,
    "consecutive stdout chunks are merged",
  );
  assert.ok(html.includes("a &lt;b&gt;\nc\n"));
  assert.ok(html.includes("<table><tr><td>1</td></tr></table>"));
  assert.ok(html.includes("<strong>m</strong>") && html.includes("katex"));
  assert.ok(html.includes(">42</pre>"));
  assert.ok(html.includes("DataError: bad &lt;x&gt;") && !html.includes("\u001b"));
  assert.deepEqual(env.problems, []);
  renderBundle({ "application/x-unknown": 1 }, env);
  assert.equal(env.problems.length, 1, "an output the site cannot show is reported");
});

test("the fixture notebook becomes a page with highlighted code, math, banner, table and charts", () => {
  withSite((dir, result) => {
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.pages.map((p) => [p.file, p.charts, p.banners]),
      [
        ["index.html", 0, 0],
        ["04-fixture.html", 2, 1],
        ["data.html", 0, 0],
      ],
    );
    const page = readFileSync(join(dir, "04-fixture.html"), "utf8");
    assert.ok(page.includes('<span class="hljs-keyword">const</span>'), "code is highlighted");
    assert.ok(page.includes("katex-display") && page.includes('class="katex"'), "math is typeset");
    assert.ok(page.includes("cp-banner cp-banner-reconstructed"), "banner html kept as is");
    assert.ok(page.includes('<table class="cp-frame">'), "frame table kept");
    assert.equal((page.match(/class="cp-chart"/g) ?? []).length, 2);
    assert.ok(
      !page.includes('class="cp-plotly"'),
      "the text/html fallback of a plotly bundle is not rendered",
    );
    assert.ok(page.includes('<script src="assets/plotly.min.js"></script>'));
    assert.ok(page.includes("loaded 110 rows") && page.includes("cp-stderr"));
    assert.ok(page.includes("DataError: no column NOPE"));
    assert.ok(page.includes('href="04-benchmark.html#table-5"'), "notebook links rewritten");
    assert.ok(page.includes('<span class="cp-input-label">Parameters</span>'));
    // every asset the pages reference is local and present
    for (const file of ["index.html", "04-fixture.html", "data.html"]) {
      const html = readFileSync(join(dir, file), "utf8");
      for (const [, ref] of html.matchAll(/(?:src|href)="([^"#]+)"/g)) {
        if (/^https?:/.test(ref)) assert.fail(`${file} loads ${ref} from the network`);
        assert.ok(
          existsSync(join(dir, decodeURIComponent(ref))),
          `${file} references missing ${ref}`,
        );
      }
    }
    const css = readFileSync(join(dir, "assets", "katex", "katex.min.css"), "utf8");
    for (const [, font] of css.matchAll(/url\(([^)]+)\)/g)) {
      assert.ok(existsSync(join(dir, "assets", "katex", font)), `KaTeX font ${font} not copied`);
    }
    for (const a of ["plotly.min.js", "highlight.css", "site.css", "site.js"])
      assert.ok(existsSync(join(dir, "assets", a)), a);
  });
});

test("the index lists Tables 1–6 with the page that reproduces each, and the data statement", () => {
  withSite((dir) => {
    const index = readFileSync(join(dir, "index.html"), "utf8");
    for (let n = 1; n <= 6; n++)
      assert.ok(index.includes(`<td>Table ${n}</td>`), `Table ${n} listed`);
    assert.ok(
      index.includes('href="04-fixture.html#table-5-excerpt"'),
      "Table 5 links to the fixture's Table 5 heading",
    );
    assert.ok(/Real:<\/span> GDP and the value added/.test(index));
    assert.ok(index.includes('href="data.html"'));
    assert.ok(index.includes("notebook 06 is not part of this build"));
  });
});

test("generated tables are copied into the site and linked from the index", () => {
  const dir = mkdtempSync(join(tmpdir(), "cp-site-"));
  try {
    const tables = join(dir, "tables");
    mkdirSync(tables);
    for (const ext of ["tex", "md", "csv"]) writeFileSync(join(tables, `table5.${ext}`), "x");
    writeFileSync(join(tables, "robustness-fe.csv"), "x");
    buildSite({ notebooks: [FIXTURE], siteDir: join(dir, "site"), tablesDir: tables });
    const index = readFileSync(join(dir, "site", "index.html"), "utf8");
    assert.ok(
      index.includes('href="tables/table5.tex"') && index.includes('href="tables/table5.csv"'),
    );
    assert.ok(index.includes('href="tables/robustness-fe.csv"'));
    assert.deepEqual(readdirSync(join(dir, "site", "tables")).sort(), [
      "robustness-fe.csv",
      "table5.csv",
      "table5.md",
      "table5.tex",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the build is deterministic: same notebooks, same bytes", () => {
  const first = withSite((dir) =>
    ["index.html", "04-fixture.html", "data.html", "assets/site.js"].map((f) =>
      readFileSync(join(dir, f), "utf8"),
    ),
  );
  const second = withSite((dir) =>
    ["index.html", "04-fixture.html", "data.html", "assets/site.js"].map((f) =>
      readFileSync(join(dir, f), "utf8"),
    ),
  );
  assert.deepEqual(first, second);
  assert.ok(!/\b20\d\d-\d\d-\d\dT\d\d:/.test(first.join("")), "no timestamps");
});

test("notebook summaries: the opening paragraph, cut at a word, never inside math, bold or code", () => {
  const nb = (source: string) => ({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [{ cell_type: "markdown" as const, source }],
  });
  const long = notebookSummary(
    nb(`# T\n\n${"A sentence. ".repeat(30)}The value $x = 1. y$ ends.`),
    60,
  );
  assert.ok(long.length <= 62 && long.endsWith(" …"), long);
  const bold = notebookSummary(
    nb(
      "# T\n\n**What this notebook reproduces.** Table 6: the effect of NQP on CO in two regions.",
    ),
    40,
  );
  assert.equal(bold, "**What this notebook reproduces.** Table …");
  const math = notebookSummary(nb("# T\n\nWe set $a + b = c$ and more words follow here."), 14);
  assert.equal(math, "We set …");
  const quote = notebookSummary(
    nb("# T\n\nThese notebooks reproduce the analysis of\n\n> Bashlai et al. (2026).\n> A paper."),
    200,
  );
  assert.equal(quote, "These notebooks reproduce the analysis of Bashlai et al. (2026). A paper.");
});

test("serve: files under the root only, index.html for folders, 404 otherwise", async () => {
  withSite(() => undefined);
  const dir = mkdtempSync(join(tmpdir(), "cp-serve-"));
  try {
    writeFileSync(join(dir, "index.html"), "<p>hi</p>");
    writeFileSync(join(dir, "..secret"), "x");
    assert.equal(resolveRequest(dir, "/"), join(dir, "index.html"));
    assert.equal(resolveRequest(dir, "/../etc/passwd"), null);
    assert.equal(resolveRequest(dir, "/%2e%2e/%2e%2e/etc/passwd"), null);
    assert.equal(resolveRequest(dir, "/missing.html"), null);
    const { server, url } = await startServer(dir, 0);
    try {
      assert.match(url, /^http:\/\/localhost:\d+\/$/);
      const res = await fetch(url);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
      assert.equal(await res.text(), "<p>hi</p>");
      assert.equal((await fetch(`${url}nope.css`)).status, 404);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("30-tables: Tables 3–6 and the robustness tables as booktabs LaTeX, Markdown and CSV", async (t) => {
  const panel = resolve(__dirname, "..", "data", "zhejiang_panel.csv");
  if (!existsSync(panel) && !process.env.CI) {
    t.skip("data/zhejiang_panel.csv not present yet (npm run reconstruct writes it)");
    return;
  }
  const { run } = await import("../scripts/steps/30-tables");
  const dir = mkdtempSync(join(tmpdir(), "cp-tables-"));
  try {
    await run({ dataPath: panel, outDir: dir, notebooksDir: "", executed: [], check: false });
    const files = readdirSync(join(dir, "tables")).sort();
    const stems = [...new Set(files.map((f) => f.slice(0, f.indexOf("."))))];
    for (const stem of [
      "table3",
      "table4",
      "table5",
      "table6",
      "robustness-panel",
      "robustness-leave-one-out",
    ]) {
      assert.ok(stems.includes(stem), `${stem} written`);
    }
    for (const stem of stems) {
      for (const ext of ["tex", "md", "csv"])
        assert.ok(files.includes(`${stem}.${ext}`), `${stem}.${ext}`);
    }
    // The files show what the lib computes from the panel (whether that matches the paper is
    // results.json's business), laid out as the paper prints it.
    const { frame } = buildVariables(
      loadPanel(panel, resolve(__dirname, "..", "data", "codebook.json")),
    );
    const t = reproduceTables(frame);
    const m1 = t.table5.m1.result;
    const nqp = m1.names.indexOf("NQP");
    const tex = readFileSync(join(dir, "tables", "table5.tex"), "utf8");
    for (const rule of ["\\toprule", "\\midrule", "\\bottomrule"])
      assert.ok(tex.includes(rule), rule);
    assert.ok(
      tex.includes(`\nNQP & ${formatFixed(m1.params[nqp], 3)}\\sym{***} &`),
      "Model (1)'s NQP coefficient with its stars",
    );
    assert.ok(tex.includes(` & (${formatFixed(m1.tvalues[nqp], 2)}) &`), "its t value beneath");
    const csv = readFileSync(join(dir, "tables", "table3.csv"), "utf8").split("\n");
    const co = t.table3[0];
    assert.equal(
      csv[1],
      [
        "Common Prosperity (CO)",
        co.n,
        ...[co.mean, co.sd, co.min, co.max].map((x) => formatFixed(x, 3)),
      ].join(","),
    );
    const md = readFileSync(join(dir, "tables", "table4.md"), "utf8");
    assert.ok(md.includes(`| VIF Mean | ${formatFixed(t.table4.mean, 3)} |`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("40-site: renders ctx.executed into <outDir>/site with the tables of <outDir>/tables", async () => {
  const { run } = await import("../scripts/steps/40-site");
  const dir = mkdtempSync(join(tmpdir(), "cp-step-"));
  try {
    mkdirSync(join(dir, "tables"));
    writeFileSync(join(dir, "tables", "table5.tex"), "\\toprule");
    const ctx = {
      dataPath: "",
      outDir: dir,
      notebooksDir: dirname(FIXTURE),
      executed: [FIXTURE],
      check: false,
    };
    await run(ctx);
    assert.ok(existsSync(join(dir, "site", "index.html")));
    assert.ok(existsSync(join(dir, "site", "04-fixture.html")));
    assert.equal(readFileSync(join(dir, "site", "tables", "table5.tex"), "utf8"), "\\toprule");
    await run(ctx); // a second run replaces the site in place
    assert.deepEqual(
      readdirSync(dir).sort(),
      ["site", "tables"],
      "no temporary folders left behind",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
