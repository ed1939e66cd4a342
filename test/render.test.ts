import { test } from "node:test";
import assert from "node:assert/strict";
import { ols, type OlsResult } from "cplib";
import type { TableColumn } from "cplib";
import { regressionTable, toCsv, toHtml, toLatex, toMarkdown } from "cplib";
import { comparisonTable } from "cplib";
import { comparePublished } from "cplib";

/** A fitted model with chosen numbers, to test layout and rounding precisely. */
function fake(
  names: string[],
  params: number[],
  tvalues: number[],
  pvalues: number[],
  extra: Partial<OlsResult> = {},
): OlsResult {
  const base = ols([1, 3, 2, 5, 4], [[1], [2], [3], [4], [5]], { names: ["x"], yName: "CO" });
  return {
    ...base,
    names,
    params,
    tvalues,
    pvalues,
    bse: params.map((b, j) => b / tvalues[j]),
    nobs: 110,
    rsquared: 0.7344,
    rsquaredAdj: -0.0031,
    ...extra,
  };
}
const m1: TableColumn = {
  label: "(1)",
  result: fake(["const", "NQP"], [0.1645, 0.79], [9.954, 17.2549], [1e-10, 1e-20]),
};
const m2: TableColumn = {
  label: "(2)",
  result: fake(
    ["const", "TRADE", "NQP"],
    [0.345, 0.0914, -0.2484],
    [9.27, 0.7349, -1.7],
    [1e-9, 0.46, 0.092],
  ),
};

test("esttab layout: stars, t in parentheses, _cons last, N, R², Adj. R²", () => {
  const t = regressionTable([m1, m2]);
  assert.deepEqual(t.header, [
    ["", "(1)", "(2)"],
    ["", "CO", "CO"],
  ]);
  assert.deepEqual(
    t.body.map((r) => r.cells),
    [
      ["NQP", "0.790***", "-0.248*"],
      ["", "(17.25)", "(-1.70)"],
      ["TRADE", "", "0.091"],
      ["", "", "(0.73)"],
      ["_cons", "0.165***", "0.345***"],
      ["", "(9.95)", "(9.27)"],
      ["N", "110", "110"],
      ["R²", "0.734", "0.734"],
      ["Adj. R²", "-0.00", "-0.00"],
    ],
  );
  assert.match(t.notes.join(" "), /\* p < 0.1, \*\* p < 0.05, \*\*\* p < 0.01/);
});

test("stars at the paper's thresholds: *0.10 **0.05 ***0.01 (strict)", () => {
  const star = (p: number) =>
    regressionTable([fake(["const", "x"], [1, 1], [1, 1], [0.5, p])]).body[0].cells[1];
  assert.equal(star(0.0099), "1.000***");
  assert.equal(star(0.01), "1.000**");
  assert.equal(star(0.049), "1.000**");
  assert.equal(star(0.05), "1.000*");
  assert.equal(star(0.0999), "1.000*");
  assert.equal(star(0.1), "1.000");
});

test("options: order, labels, decimals, title; plain OlsResult[] gets (1), (2) labels", () => {
  const t = regressionTable([m2.result], {
    order: ["TRADE"],
    labels: { TRADE: "International trade", const: "Constant" },
    decimals: 2,
    tDecimals: 3,
    title: "Table 5",
  });
  assert.deepEqual(t.header[0], ["", "(1)"]);
  assert.deepEqual(
    t.body.map((r) => r.cells[0]),
    ["International trade", "", "Constant", "", "N", "R²", "Adj. R²"],
  );
  assert.equal(t.body[0].cells[1], "0.09");
  assert.equal(t.body[1].cells[1], "(0.735)");
  assert.equal(t.title, "Table 5");
  assert.throws(() => regressionTable([]), /no models/);
  assert.throws(() => regressionTable([m1], { order: ["GDP"] }), /none of the variables/);
});

test("HTML: class-based table without <style>, escaped", () => {
  const html = toHtml(regressionTable([m1, m2], { title: "Table 5 <benchmark>" }));
  assert.match(html, /^<table class="cplib-table cplib-regression">/);
  assert.doesNotMatch(html, /<style|style=/);
  assert.match(html, /<caption>Table 5 &lt;benchmark&gt;<\/caption>/);
  assert.match(
    html,
    /<tr class="cplib-coef"><th class="cplib-l">NQP<\/th><td class="cplib-r">0.790\*\*\*<\/td>/,
  );
  assert.match(html, /<tr class="cplib-t">/);
  assert.match(html, /<tfoot>/);
});

test("Markdown: pipe table with escaped stars", () => {
  const md = toMarkdown(regressionTable([m1, m2]));
  const lines = md.split("\n");
  assert.equal(lines[0], "|  | (1) | (2) |");
  assert.equal(lines[1], "| :--- | ---: | ---: |");
  assert.ok(lines.includes("| NQP | 0.790\\*\\*\\* | -0.248\\* |"));
  assert.ok(lines.includes("|  | (17.25) | (-1.70) |"));
});

test("LaTeX: booktabs rules, \\sym stars, escaped _cons and R²", () => {
  const tex = toLatex(regressionTable([m1, m2]));
  assert.match(tex, /\\begin\{tabular\}\{lrr\}/);
  for (const rule of ["\\toprule", "\\midrule", "\\bottomrule"])
    assert.ok(tex.includes(rule), rule);
  assert.ok(tex.includes("NQP & 0.790\\sym{***} & -0.248\\sym{*} \\\\"));
  assert.ok(tex.includes("\\_cons & 0.165\\sym{***}"));
  assert.ok(tex.includes("R$^2$ & 0.734"));
  assert.ok(tex.includes("p $<$ 0.1"));
});

test("CSV: header rows then body, RFC 4180 quoting", () => {
  const csv = toCsv(regressionTable([m1, m2], { labels: { NQP: 'NQP, "index"' } }));
  const lines = csv.trimEnd().split("\n");
  assert.equal(lines[0], ",(1),(2)");
  assert.equal(lines[2], '"NQP, ""index""",0.790***,-0.248*');
  assert.equal(lines.length, 2 + 9);
});

test("comparison table: published, reproduced, difference, ✓/✗ and a count", () => {
  const rows = [
    comparePublished("T5.m1.NQP.coef", "Model (1), NQP", "0.790", 0.79012),
    comparePublished("T5.m2.adj_r2", "Model (2), Adj. R²", "-0.00", 0.003),
  ];
  const t = comparisonTable(rows, { title: "Table 5" });
  assert.deepEqual(t.header, [["", "Published", "Reproduced", "Difference", "Match"]]);
  assert.deepEqual(t.body[0].cells, ["Model (1), NQP", "0.790", "0.790120", "0.000120", "✓"]);
  assert.deepEqual(t.body[1].cells, ["Model (2), Adj. R²", "-0.00", "0.00300", "0.00300", "✗"]);
  assert.match(t.notes[0], /^1 of 2 published numbers/);
  assert.match(toHtml(t), /<tr class="cplib-mismatch">/);
  assert.match(toLatex(t), /\$\\checkmark\$/);
  assert.match(toMarkdown(t), /\| ✓ \|/);
  assert.throws(() => comparisonTable([]), /no published numbers/);
});
