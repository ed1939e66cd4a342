// The pipeline run on data/zhejiang_panel.csv reproduces each of the 113 numbers printed in
// Tables 3–6, one assertion per published id; and UIS, computed from the real sector value
// added, reproduces its Table 3 row.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe as describeColumns } from "cplib";
import { buildVariables } from "cplib";
import { loadPanel } from "cplib";
import { formatFixed, matchesPublished } from "cplib";
import { loadPublished } from "cplib";
import { reproducePublished, reproduceTables } from "cplib";

const ROOT = join(__dirname, "..");
const PANEL = join(ROOT, "data", "zhejiang_panel.csv");
const REAL = join(ROOT, "data", "real", "zhejiang_gdp_structure_2014_2023.csv");

const published = loadPublished(join(ROOT, "data", "published", "tables.csv"));
const panel = loadPanel(PANEL);
const { frame } = buildVariables(panel);
const results = reproducePublished(frame, published);

test("one comparison per published number, in the order of tables.csv", () => {
  assert.equal(results.length, 113);
  assert.deepEqual(
    results.map((r) => r.id),
    published.map((p) => p.id),
  );
});

for (const r of results) {
  test(`${r.id} = ${r.published}`, () => {
    assert.ok(
      r.match,
      `${r.label}: published ${r.published}, reproduced ${r.reproduced} ` +
        `(rounds to ${formatFixed(r.reproduced, r.decimals)}; difference ${r.difference.toExponential(2)})`,
    );
  });
}

test("UIS = tertiary / secondary value added reproduces Table 3's UIS row", () => {
  const uis = panel.rows.map(
    (r) => (r.values.tertiary_va as number) / (r.values.secondary_va as number),
  );
  assert.deepEqual(frame.UIS, uis);
  const [d] = describeColumns({ UIS: uis }, ["UIS"]);
  const row = (kind: string) => published.find((p) => p.id === `T3.UIS.${kind}`)?.printed as string;
  for (const [kind, value] of [
    ["n", d.n],
    ["mean", d.mean],
    ["sd", d.sd],
    ["min", d.min],
    ["max", d.max],
  ] as const) {
    assert.ok(matchesPublished(value, row(kind)), `UIS ${kind}: ${value} vs ${row(kind)}`);
  }
  // the maximum is Hangzhou 2023, as in the real data
  const i = uis.indexOf(d.max);
  assert.deepEqual([panel.rows[i].city, panel.rows[i].year], ["Hangzhou", 2023]);
});

test("the panel's sector value added is the real data (data/real/)", () => {
  const lines = readFileSync(REAL, "utf8").trim().split("\n");
  const header = lines[0].split(",");
  const at = (name: string) => header.indexOf(name);
  let checked = 0;
  for (const line of lines.slice(1)) {
    const cells = line.split(",");
    const row = panel.rows.find(
      (r) => r.city === cells[at("city")] && r.year === Number(cells[at("year")]),
    );
    assert.ok(row, `${cells[at("city")]} ${cells[at("year")]}`);
    for (const c of ["secondary_va", "tertiary_va"]) {
      assert.equal(row.values[c], Number(cells[at(c)]), `${row.city} ${row.year} ${c}`);
    }
    checked += 1;
  }
  assert.equal(checked, 110);
});

test("Table 6 uses Model 6's regressors in each region", () => {
  const t = reproduceTables(frame);
  assert.deepEqual(
    Object.entries(t.table6).map(([region, m]) => [region, m.nobs, m.names]),
    [
      ["Northeast", 60, ["Intercept", "NQP", "TRADE", "UIS", "GOV", "RCY"]],
      ["Southwest", 50, ["Intercept", "NQP", "TRADE", "UIS", "GOV", "RCY"]],
    ],
  );
});
