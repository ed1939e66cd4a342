/**
 * Every danfo.js operation the notebooks rely on, pinned to its float64 result (see
 * /work/shared/design/ARCHITECTURE.md: danfo's columns report "float32" but keep JavaScript
 * doubles; Series operations are exact; DataFrame-level arithmetic goes through float32 tensors
 * and is not used for anything numeric). The reference for each operation is plain JavaScript
 * arithmetic on the analysis frame's columns (`paperData().columns`).
 */
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import assert from "node:assert/strict";
import { describe as describeColumns, display, loadPaperData, paperData, pivot } from "cplib";

const cols = paperData().columns;
const df = loadPaperData();
const num = (name: string) => cols[name] as number[];
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

test("the DataFrame holds the pipeline's doubles exactly, in the pipeline's order", () => {
  assert.deepEqual(df.shape, [110, Object.keys(cols).length]);
  assert.deepEqual(df.columns, Object.keys(cols));
  for (const name of Object.keys(cols)) {
    assert.deepEqual(df.column(name).values, cols[name], name);
  }
  // head() and loc() return the same doubles
  assert.deepEqual(df.head(5).column("CO").values, num("CO").slice(0, 5));
  assert.deepEqual(df.loc({ columns: ["CO", "NQP"] }).column("NQP").values, num("NQP"));
});

test("Series arithmetic with a scalar or another Series is exact", () => {
  const co = df["CO"];
  const nqp = df["NQP"];
  assert.deepEqual(
    co.add(nqp).values,
    num("CO").map((v, i) => v + num("NQP")[i]),
  );
  assert.deepEqual(
    co.sub(nqp).values,
    num("CO").map((v, i) => v - num("NQP")[i]),
  );
  assert.deepEqual(
    co.mul(nqp).values,
    num("CO").map((v, i) => v * num("NQP")[i]),
  );
  assert.deepEqual(
    co.div(nqp).values,
    num("CO").map((v, i) => v / num("NQP")[i]),
  );
  assert.deepEqual(
    df["gdp"].div(df["population"]).mul(1e4).values,
    num("gdp").map((v, i) => (v / num("population")[i]) * 1e4),
  );
  assert.deepEqual(
    co.mul(100).values,
    num("CO").map((v) => v * 100),
  );
  assert.deepEqual(co.apply((v: number) => Math.log(v)).values, num("CO").map(Math.log));
});

test("Series statistics equal the float64 formulas (sample SD with n − 1)", () => {
  const co = num("CO");
  const m = mean(co);
  const sd = Math.sqrt(co.reduce((a, v) => a + (v - m) ** 2, 0) / (co.length - 1));
  assert.ok(Math.abs(df["CO"].mean() - m) <= 1e-15 * m);
  assert.ok(Math.abs(df["CO"].std() - sd) <= 1e-14 * sd);
  assert.equal(df["CO"].min(), Math.min(...co));
  assert.equal(df["CO"].max(), Math.max(...co));
});

test("describe() agrees with the library's Table 3 statistics", () => {
  const d = df.loc({ columns: ["CO", "NQP", "TRADE"] }).describe();
  const lib = describeColumns({ CO: num("CO"), NQP: num("NQP"), TRADE: num("TRADE") });
  const at = (stat: string, c: number) => (d.values as number[][])[d.index.indexOf(stat)][c];
  lib.forEach((row, c) => {
    assert.equal(at("count", c), row.n);
    assert.ok(Math.abs(at("mean", c) - row.mean) <= 1e-14 * Math.abs(row.mean), `${row.name} mean`);
    assert.ok(Math.abs(at("std", c) - row.sd) <= 1e-13 * row.sd, `${row.name} sd`);
    assert.equal(at("min", c), row.min);
    assert.equal(at("max", c), row.max);
  });
});

test("groupby(...).col(...).mean() equals the group means", () => {
  const g = df.groupby(["region"]).col(["CO"]).mean();
  const rows = g.values as [string, number][];
  for (const [region, value] of rows) {
    const v = num("CO").filter((_, i) => cols.region[i] === region);
    assert.ok(Math.abs(value - mean(v)) <= 1e-15 * mean(v), region);
  }
});

test("query with a boolean Series keeps the selected rows' doubles", () => {
  const noHz = df.query(df["city"].ne("Hangzhou"));
  const keep = cols.city.flatMap((c, i) => (c === "Hangzhou" ? [] : [i]));
  assert.equal(noHz.shape[0], 100);
  assert.deepEqual(
    noHz.column("NQP").values,
    keep.map((i) => num("NQP")[i]),
  );
  const late = df.query(df["year"].ge(2019));
  assert.equal(late.shape[0], 55);
});

test("pivot makes a city × year table of the same doubles", () => {
  const wide = pivot(df, { index: "city", columns: "year", values: "CO" });
  assert.deepEqual(wide.shape, [11, 11]);
  assert.equal(wide.columns[1], "2014");
  const i = cols.city.findIndex((c, r) => c === "Ningbo" && cols.year[r] === 2019);
  const row = (wide.column("city").values as string[]).indexOf("Ningbo");
  assert.equal((wide.column("2019").values as number[])[row], num("CO")[i]);
});

test("display shows frames and Series as tables, not danfo's console boxes", () => {
  const b = display(df.head(3)) as Record<string, string>;
  assert.match(b["text/html"], /<table class="cp-frame">/);
  assert.doesNotMatch(b["text/plain"], /[╔║]/);
  const s = display(df["CO"].head(2)) as Record<string, string>;
  assert.match(s["text/plain"], /CO/);
});

test("danfo loads without mathjs; the first statistic that needs it loads the real module", () => {
  // In a fresh process: loading the frame leaves mathjs unloaded (a stand-in is cached); the
  // first std() loads it; afterwards require("mathjs") is the real module and agrees.
  const script = `
    const { loadPaperData } = require("cplib");
    const id = require.resolve("mathjs");
    const df = loadPaperData();
    const before = require.cache[id].children.length;
    const sd = df["CO"].std();
    const m = require("mathjs");
    console.log(JSON.stringify({ before, after: require.cache[id].children.length,
      same: require.cache[id].exports === m, sd, ref: m.std(df["CO"].values),
      keys: Object.keys(m).includes("matrix") }));`;
  const out = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  const r = JSON.parse(out.stdout) as Record<string, unknown>;
  assert.equal(r.before, 0, "mathjs was loaded with danfo");
  assert.ok((r.after as number) > 0, "std() did not load mathjs");
  assert.equal(r.same, true);
  assert.equal(r.sd, r.ref);
  const co = num("CO");
  const m = mean(co);
  const sd = Math.sqrt(co.reduce((a, x) => a + (x - m) ** 2, 0) / (co.length - 1));
  assert.ok(Math.abs((r.sd as number) - sd) < 1e-15, `std ${String(r.sd)} vs ${sd}`);
  assert.equal(r.keys, true);
});
