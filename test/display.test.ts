import { test } from "node:test";
import assert from "node:assert/strict";
import Module from "node:module";
import path from "node:path";
import {
  bannerBundle,
  displayBundle,
  frameBundle,
  inKernel,
  plotBundle,
  PLOTLY_JS_PATH,
  reconstructedBanner,
  showPlot,
  tableBundle,
  comparisonBundle,
  recordsBundle,
  matrixBundle,
} from "cplib";
import { DataError } from "cplib";
import { comparePublished } from "cplib";

const figure = {
  data: [{ type: "bar", x: ["a", "b"], y: [1, 2], name: "</script><b>x</b>" }],
  layout: { title: { text: "Weights & <friends>" } },
};

test("outside a kernel, show* functions return the bundle instead of throwing", () => {
  assert.equal(inKernel(), false);
  const bundle = showPlot(figure);
  assert.ok(bundle);
  assert.deepEqual(Object.keys(bundle).sort(), [
    "application/vnd.plotly.v1+json",
    "text/html",
    "text/plain",
  ]);
  assert.ok(reconstructedBanner());
});

test("plotBundle carries the figure JSON, a safe HTML fallback and a text line", () => {
  const b = plotBundle(figure);
  const json = b["application/vnd.plotly.v1+json"] as {
    data: unknown[];
    layout: unknown;
    config: Record<string, unknown>;
  };
  assert.deepEqual(json.data, figure.data);
  assert.deepEqual(json.layout, figure.layout);
  assert.equal(json.config.displaylogo, false);
  assert.equal(b["text/plain"], "Plotly chart: Weights & <friends> (1 trace)");
  const html = b["text/html"] as string;
  assert.match(html, /^<div class="cp-plotly" id="cp-plot-\d+-[0-9a-f]{8}">/);
  // the trace name must not close the JSON <script> early
  assert.equal(html.split("</script>").length - 1, 2);
  const m = /<script type="application\/json" class="cp-plotly-figure">(.*?)<\/script>/.exec(html);
  assert.ok(m);
  assert.deepEqual(JSON.parse(m[1]).data, figure.data);
  assert.match(html, /Weights &amp; &lt;friends&gt;\. Interactive chart/);
});

test("plotBundle's HTML fallback: a loader script for Jupyter and a note for static views", () => {
  const html = plotBundle(figure)["text/html"] as string;
  const id = /id="([^"]+)"/.exec(html)?.[1];
  const scripts = [...html.matchAll(/<script>\n([\s\S]*?)\n<\/script>/g)].map((m) => m[1]);
  assert.equal(scripts.length, 1, "one loader script");
  const js = scripts[0];
  // it compiles, names its own element and the package file, and cannot end the HTML early
  assert.doesNotThrow(() => new Function(js));
  assert.ok(js.includes(JSON.stringify(id)));
  assert.ok(js.includes(JSON.stringify(PLOTLY_JS_PATH)));
  assert.doesNotMatch(js, /<\/script|<!--/i);
  assert.doesNotMatch(html, /https?:\/\//, "no network address in the output");
  // no Python package is needed: plotly.js comes from the repository's node_modules
  assert.equal(PLOTLY_JS_PATH, "node_modules/plotly.js-dist-min/plotly.min.js");
  assert.ok(js.includes("api/contents/") && js.includes('"files/"'));
  const note = /<p class="cp-plotly-note">(.*?)<\/p>/.exec(html)?.[1] ?? "";
  for (const phrase of ["npm install", "jupyter trust", "output/site/index.html", "GitHub"]) {
    assert.ok(note.includes(phrase), `the static note mentions ${phrase}`);
  }
  const missing = /var MISSING = (".*");/.exec(js)?.[1] ?? '""';
  const message = JSON.parse(missing) as string;
  for (const phrase of ["npm install", PLOTLY_JS_PATH, "pip install plotly", "output/site"]) {
    assert.ok(message.includes(phrase), `the failure message mentions ${phrase}`);
  }
  // the same figure in the same position gives the same bytes but for the counter in the id
  const again = plotBundle(figure)["text/html"] as string;
  const strip = (h: string) => h.replace(/cp-plot-\d+-/g, "cp-plot-N-");
  assert.equal(strip(again), strip(html));
});

test("plotBundle ids differ between calls and the figure's own config wins", () => {
  const a = plotBundle({ data: [], config: { displaylogo: true } });
  const b = plotBundle({ data: [] });
  const id = (x: Record<string, unknown>) => /id="([^"]+)"/.exec(x["text/html"] as string)?.[1];
  assert.notEqual(id(a), id(b));
  const config = (a["application/vnd.plotly.v1+json"] as { config: Record<string, unknown> })
    .config;
  assert.equal(config.displaylogo, true);
  assert.equal(a["text/plain"], "Plotly chart: untitled (0 traces)");
});

test("plotBundle rejects a figure without a data array", () => {
  assert.throws(() => plotBundle({} as never), DataError);
});

test("the banner has the class the site styles and says which data are real", () => {
  const b = bannerBundle("Table 5 uses <CO>.");
  const html = b["text/html"] as string;
  assert.match(html, /^<div class="cp-banner cp-banner-reconstructed"/);
  assert.match(html, /<em>Table 5 uses &lt;CO&gt;\.<\/em>/);
  assert.match(b["text/plain"] as string, /^⚠ Reconstructed data\. .*GDP.* Table 5 uses <CO>\.$/);
  assert.doesNotMatch(bannerBundle()["text/plain"] as string, /undefined/);
});

test("frameBundle renders a danfo-like frame with aligned text and a row limit", () => {
  const df = {
    columns: ["city", "CO"],
    index: [0, 1, 2],
    values: [
      ["Hangzhou", 0.96712],
      ["Ningbo", 0.5],
      ["Lishui", 3],
    ],
  };
  const b = frameBundle(df, { decimals: 2, maxRows: 2 });
  assert.equal(
    b["text/plain"],
    "   city        CO\n0  Hangzhou  0.97\n1  Ningbo    0.50\n… 1 more row (3 in all)",
  );
  const html = b["text/html"] as string;
  assert.match(html, /3 rows × 2 columns/);
  assert.match(html, /<th>city<\/th><th>CO<\/th>/);
  assert.doesNotMatch(html, /Lishui/);
  const series = frameBundle({ index: ["a"], values: [1.5] });
  assert.equal(series["text/plain"], "   value\na  1.500");
});

test("tableBundle passes a pre-rendered table through", () => {
  const b = tableBundle({ html: "<table><tr><td>1</td></tr></table>", markdown: "| 1 |" });
  assert.equal(b["text/html"], "<table><tr><td>1</td></tr></table>");
  assert.equal(b["text/markdown"], "| 1 |");
  assert.equal(b["text/plain"], "| 1 |");
});

test("displayBundle requires a text/plain fallback", () => {
  assert.throws(() => displayBundle({ "text/html": "<b>x</b>" }), DataError);
});

test("inside a kernel, bundles go to tslab's display writer as one display_data", () => {
  // Simulate the kernel: tslab's dist/jupyter.js loaded, with a live display writer.
  const file = path.join(path.sep, "fake", "node_modules", "tslab", "dist", "jupyter.js");
  const sent: { msg: { data: Record<string, unknown> }; update: boolean }[] = [];
  const fake = new Module(file);
  fake.filename = file;
  fake.loaded = true;
  fake.exports = {
    lastWriteDisplayData: (msg: { data: Record<string, unknown> }, update: boolean) =>
      sent.push({ msg, update }),
  };
  require.cache[file] = fake;
  try {
    assert.equal(inKernel(), true);
    assert.equal(showPlot(figure), undefined);
    assert.equal(reconstructedBanner("x"), undefined);
    assert.equal(sent.length, 2);
    assert.equal(sent[0].update, false);
    assert.ok("application/vnd.plotly.v1+json" in sent[0].msg.data);
    assert.ok("text/html" in sent[0].msg.data && "text/plain" in sent[0].msg.data);
    assert.match(sent[1].msg.data["text/html"] as string, /cp-banner-reconstructed/);
  } finally {
    delete require.cache[file];
  }
  assert.equal(inKernel(), false);
});

test("tableBundle renders a neutral table to HTML, Markdown and text", () => {
  const b = tableBundle({
    title: "T",
    header: [["", "(1)"]],
    body: [{ kind: "coef", cells: ["NQP", "0.790***"] }],
    notes: [],
  });
  assert.match(b["text/html"] as string, /<caption>T<\/caption>/);
  assert.match(b["text/markdown"] as string, /\| NQP \| 0\.790\\\*\\\*\\\* \|/);
  assert.equal(b["text/plain"], b["text/markdown"]);
});

test("comparisonBundle marks all-match and some-mismatch tables and rejects an empty list", () => {
  const ok = comparePublished("T3.CO.mean", "CO mean", "0.367", 0.36712);
  const bad = comparePublished("T3.CO.sd", "CO sd", "0.236", 0.2371);
  const all = comparisonBundle([ok], "Table 3");
  assert.match(all["text/html"] as string, /^<div class="cp-comparison cp-comparison-all">/);
  assert.match(all["text/plain"] as string, /\*\*Table 3\*\*/);
  assert.match(all["text/plain"] as string, /CO mean \| 0\.367 \| 0\.367120 \| 0\.000120 \| ✓/);
  const some = comparisonBundle([ok, bad]);
  assert.match(some["text/html"] as string, /cp-comparison-some/);
  assert.match(some["text/plain"] as string, /CO sd \| 0\.236 \| 0\.237100 \| 0\.001100 \| ✗/);
  assert.match(some["text/plain"] as string, /1 of 2 published numbers/);
  assert.throws(() => comparisonBundle([]), DataError);
});

test("recordsBundle and matrixBundle label rows and columns", () => {
  const r = recordsBundle(
    [
      { name: "CO", mean: 0.3671, n: 110 },
      { name: "NQP", mean: 0.25, n: 110 },
    ],
    { index: "name" },
  );
  assert.equal(r["text/plain"], "name   mean    n\nCO    0.367  110\nNQP   0.250  110");
  assert.throws(() => recordsBundle([]), DataError);
  const m = matrixBundle(
    [
      [1, 0.5],
      [0, 0.25],
    ],
    { rowLabels: ["a", "b"], colLabels: ["x", "y"], corner: "z", decimals: 2 },
  );
  assert.equal(m["text/plain"], "z  x     y\na  1  0.50\nb  0  0.25");
  assert.throws(() => matrixBundle([[1, 2]], { colLabels: ["x"] }), DataError);
});
