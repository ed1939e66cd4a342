import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { fitModels, nested, type Frame } from "cplib";
import { ols } from "cplib";
import { DataError } from "cplib";

const dir = join(__dirname, "fixtures", "reference");
const sm = JSON.parse(readFileSync(join(dir, "statsmodels.json"), "utf8"));
const rows: Record<string, string>[] = parse(readFileSync(join(dir, "panel.csv"), "utf8"), {
  columns: true,
});
const num = (c: string) => rows.map((r) => Number(r[c]));
const frame: Frame = {
  city: rows.map((r) => r.city),
  year: num("year"),
  region: rows.map((r) => r.region),
  CO: num("CO"),
  NQP: num("NQP"),
  TRADE: num("TRADE"),
  UIS: num("UIS"),
  GOV: num("GOV"),
  RCY: num("RCY"),
};
const TABLE5 = [
  ["NQP"],
  ["TRADE"],
  ["NQP", "TRADE"],
  ["NQP", "TRADE", "UIS"],
  ["NQP", "TRADE", "UIS", "GOV"],
  ["NQP", "TRADE", "UIS", "GOV", "RCY"],
];

test("nested: explicit lists, or '+' steps that extend the previous model", () => {
  const explicit = nested("CO", TABLE5);
  const stepwise = nested("CO", [
    ["NQP"],
    ["TRADE"],
    ["NQP", "TRADE"],
    ["+UIS"],
    ["+GOV"],
    ["+RCY"],
  ]);
  assert.deepEqual(stepwise, explicit);
  assert.deepEqual(
    explicit.map((s) => s.label),
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
  );
  assert.deepEqual(explicit[5], {
    y: "CO",
    x: ["NQP", "TRADE", "UIS", "GOV", "RCY"],
    label: "(6)",
  });
  assert.throws(() => nested("CO", [["+NQP"]]), DataError);
  assert.throws(() => nested("CO", [[]]), DataError);
});

test("Table 5 in one line: six models, the last equal to statsmodels' full fit", () => {
  const models = fitModels(frame, nested("CO", TABLE5));
  assert.equal(models.length, 6);
  assert.deepEqual(
    models.map((m) => m.label),
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
  );
  assert.ok(models.every((m) => m.sample === "all" && m.result.nobs === 110));
  assert.deepEqual(models[1].result.names, ["const", "TRADE"]);
  models[5].result.params.forEach((b, j) =>
    assert.ok(Math.abs(b - sm.classical.params[j]) < 1e-12),
  );
  models[0].result.params.forEach((b, j) =>
    assert.ok(Math.abs(b - sm.oneRegressor.params[j]) < 1e-12),
  );
});

test("Table 6 in one line: a split by region, in order of first appearance", () => {
  const models = fitModels(frame, [{ y: "CO", x: ["NQP"] }], { split: "region" });
  assert.deepEqual(
    models.map((m) => [m.label, m.sample, m.result.nobs]),
    [
      ["Northeast", "Northeast", 60],
      ["Southwest", "Southwest", 50],
    ],
  );
  const ne = rows.map((r, i) => i).filter((i) => rows[i].region === "Northeast");
  const direct = ols(
    ne.map((i) => num("CO")[i]),
    ne.map((i) => [num("NQP")[i]]),
    { names: ["NQP"] },
  );
  assert.deepEqual(models[0].result.params, direct.params);
  const ordered = fitModels(frame, [{ y: "CO", x: ["NQP"] }], {
    split: "region",
    splitOrder: ["Southwest", "Northeast"],
  });
  assert.deepEqual(
    ordered.map((m) => m.sample),
    ["Southwest", "Northeast"],
  );
});

test('cov: "cluster:city" clusters by the frame column (within each subsample)', () => {
  const [m] = fitModels(frame, [nested("CO", TABLE5)[5]], { cov: "cluster:city" });
  m.result.bse.forEach((s, j) =>
    assert.ok(Math.abs(s - sm.cluster.bse[j]) < 1e-10 * sm.cluster.bse[j]),
  );
  const split = fitModels(frame, [{ y: "CO", x: ["NQP"] }], {
    split: "region",
    cov: "cluster:city",
  });
  assert.deepEqual(
    split.map((s) => s.result.nClusters),
    [6, 5],
  );
  const explicit = fitModels(frame, [{ y: "CO", x: ["NQP"] }], {
    split: "region",
    cov: { type: "cluster", groups: frame.city },
  });
  assert.deepEqual(explicit[1].result.bse, split[1].result.bse);
  const hc1 = fitModels(frame, [{ y: "CO", x: ["NQP"] }], { cov: "HC1" });
  assert.equal(hc1[0].result.covType, "HC1");
});

test("bad frames: missing column, missing value (with city and year), empty subsample", () => {
  assert.throws(
    () => fitModels(frame, [{ y: "CO", x: ["GDP"] }]),
    /no column "GDP".*Available columns: city, year/,
  );
  const holes = { ...frame, TRADE: frame.TRADE.map((v, i) => (i === 13 ? NaN : v)) };
  assert.throws(
    () => fitModels(holes, [{ y: "CO", x: ["TRADE"] }]),
    (e: unknown) =>
      e instanceof DataError &&
      /variable "TRADE", city city01, year 2017: row 14 has NaN/.test(e.message),
  );
  const text = { ...frame, GOV: frame.GOV.map((v, i) => (i === 0 ? "n/a" : v)) };
  assert.throws(() => fitModels(text, [{ y: "CO", x: ["GOV"] }]), /row 1 has "n\/a", not a number/);
  assert.throws(
    () =>
      fitModels(frame, [{ y: "CO", x: ["NQP"] }], {
        split: "region",
        splitOrder: ["Northeast", "Central"],
      }),
    /subsample region = "Central" is empty/,
  );
  const short = { ...frame, CO: frame.CO.slice(1) };
  assert.throws(
    () => fitModels(short, [{ y: "CO", x: ["NQP"] }]),
    /variable "CO": column has 109 rows/,
  );
  assert.throws(
    () => fitModels(frame, [{ y: "CO", x: ["NQP"] }], { cov: "robust" as "HC1" }),
    /unknown covariance "robust"/,
  );
  // a subsample too small for the model names the subsample
  const tiny = { ...frame, region: frame.region.map((r, i) => (i < 3 ? "Tiny" : r)) };
  assert.throws(
    () => fitModels(tiny, [{ y: "CO", x: ["NQP", "TRADE", "UIS"] }], { split: "region" }),
    /model Tiny on the subsample region = "Tiny".*3 observations are not enough/,
  );
});
