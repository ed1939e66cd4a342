// reproducePublished maps every published id to the right statistic: checked on a synthetic
// panel (the numbers do not match the paper; the mapping must), against direct calls of
// describe, vif and ols.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadCodebook } from "cplib";
import { describe } from "cplib";
import { DataError } from "cplib";
import { buildVariables } from "cplib";
import { ols } from "cplib";
import { loadPanel } from "cplib";
import { PublishedRow, loadPublished } from "cplib";
import { reproducePublished } from "cplib";
import { vif } from "cplib";
import { syntheticPanel, writeCsv } from "./support/synthetic-panel";

const ROOT = join(__dirname, "..");
const codebook = loadCodebook(join(ROOT, "data", "codebook.json"));
const path = writeCsv(syntheticPanel(codebook));
after(() => rmSync(dirname(path), { recursive: true, force: true }));
const { frame } = buildVariables(loadPanel(path, codebook));
const published = loadPublished(join(ROOT, "data", "published", "tables.csv"));
const got = new Map(reproducePublished(frame, published).map((r) => [r.id, r]));

test("all 113 ids are resolved, in order, with the printed string and its decimals", () => {
  assert.equal(got.size, 113);
  const c = got.get("T5.m3.TRADE.coef");
  assert.equal(c?.published, "0.190");
  assert.equal(c?.decimals, 3);
});

test("Table 3 and Table 4 cells are describe() and vif()", () => {
  const d = describe({ RCY: frame.RCY, TRADE: frame.TRADE });
  assert.equal(got.get("T3.RCY.sd")?.reproduced, d[0].sd);
  assert.equal(got.get("T3.TRADE.min")?.reproduced, d[1].min);
  assert.equal(got.get("T3.CO.n")?.reproduced, 110);
  const names = ["NQP", "TRADE", "UIS", "GOV", "RCY"];
  const X = frame.CO.map((_, i) => names.map((v) => frame[v][i] as number));
  const v = vif(X, names);
  assert.equal(got.get("T4.GOV.vif")?.reproduced, v.rows[3].vif);
  assert.ok(Math.abs((got.get("T4.GOV.inv_vif")?.reproduced ?? 0) - 1 / v.rows[3].vif) < 1e-15);
  assert.equal(got.get("T4.mean.vif")?.reproduced, v.mean);
});

test("Table 5 and 6 cells are the right OLS statistics", () => {
  const y = frame.CO;
  const m4 = ols(
    y,
    y.map((_, i) => [frame.NQP[i], frame.TRADE[i], frame.UIS[i]]),
    { names: ["NQP", "TRADE", "UIS"] },
  );
  assert.equal(got.get("T5.m4.UIS.coef")?.reproduced, m4.params[3]);
  assert.equal(got.get("T5.m4.UIS.t")?.reproduced, m4.tvalues[3]);
  assert.equal(got.get("T5.m4._cons.coef")?.reproduced, m4.params[0]);
  assert.equal(got.get("T5.m4._cons.t")?.reproduced, m4.tvalues[0]);
  assert.equal(got.get("T5.m4.r2")?.reproduced, m4.rsquared);
  assert.equal(got.get("T5.m4.adj_r2")?.reproduced, m4.rsquaredAdj);
  const sw = frame.region.map((r, i) => (r === "Southwest" ? i : -1)).filter((i) => i >= 0);
  const regs = ["NQP", "TRADE", "UIS", "GOV", "RCY"];
  const m = ols(
    sw.map((i) => y[i]),
    sw.map((i) => regs.map((v) => frame[v][i] as number)),
    { names: regs },
  );
  assert.equal(got.get("T6.southwest.NQP.coef")?.reproduced, m.params[1]);
  assert.equal(got.get("T6.southwest.NQP.t")?.reproduced, m.tvalues[1]);
  assert.equal(got.get("T6.southwest.n")?.reproduced, 50);
  assert.equal(got.get("T6.southwest.r2")?.reproduced, m.rsquared);
  assert.equal(got.get("T6.northeast.n")?.reproduced, 60);
});

test("an id the computation does not produce is a DataError naming it", () => {
  const bad: PublishedRow = {
    ...published[60],
    id: "T5.m2.NQP.coef",
    kind: "coef",
    model: "m2",
    variable: "NQP",
  };
  assert.throws(
    () => reproducePublished(frame, [bad]),
    (e: unknown) => e instanceof DataError && /T5\.m2\.NQP\.coef/.test(e.message),
  );
  assert.throws(
    () => reproducePublished({ ...frame, CO: frame.CO.slice(0, 5) }, published),
    DataError,
  );
});
