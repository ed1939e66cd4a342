// data/codebook.json: Tables 1–2, TRADE's ingredients, the controls and each column's provenance.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formulaInputs, formulaText, loadCodebook, validateCodebook } from "cplib";
import { DataError } from "cplib";
import { PAPER_CITY_ORDER } from "cplib";

const PATH = join(__dirname, "..", "data", "codebook.json");
const cb = loadCodebook(PATH);

test("the paper's cities in order, with the §3.3 regions", () => {
  // plot.ts keeps its own copy (pure lib, no I/O): this pins the two to each other.
  assert.deepEqual(
    cb.cities.map((c) => c.name),
    [...PAPER_CITY_ORDER],
    "data/codebook.json's city order differs from PAPER_CITY_ORDER in lib/src/plot.ts",
  );
  const northeast = cb.cities.filter((c) => c.region === "Northeast").map((c) => c.name);
  assert.deepEqual(northeast.sort(), [
    "Hangzhou",
    "Huzhou",
    "Jiaxing",
    "Ningbo",
    "Shaoxing",
    "Zhoushan",
  ]);
  assert.deepEqual(cb.years, { first: 2014, last: 2023 });
});

test("Table 1 (7 indicators), Table 2 (9), TRADE (2), with the printed directions", () => {
  const dirs = (name: string) =>
    cb.indices.find((ix) => ix.name === name)?.indicators.map((i) => `${i.name}${i.direction}`);
  assert.deepEqual(dirs("CO"), [
    "gdp_pc+",
    "consumption_pc+",
    "income_pc+",
    "sports_facilities+",
    "higher_ed_institutions+",
    "education_expenditure+",
    "urban_rural_ratio-",
  ]);
  assert.deepEqual(dirs("NQP"), [
    "college_share+",
    "st_personnel+",
    "st_expenditure+",
    "avg_wage+",
    "so2_intensity-",
    "wastewater_intensity-",
    "dust_intensity-",
    "telecom_revenue+",
    "broadband_subscribers+",
  ]);
  assert.deepEqual(dirs("TRADE"), ["trade_scale+", "trade_competitiveness+"]);
  const tc = cb.indices[2].indicators[1].formula;
  assert.equal(formulaText(tc), "(exports − imports) / (exports + imports)");
  assert.deepEqual(
    cb.controls.map((c) => `${c.name} = ${formulaText(c.formula)}`),
    [
      "UIS = tertiary_va / secondary_va",
      "GOV = fiscal_expenditure / gdp",
      "RCY = ln(patents_granted)",
    ],
  );
  assert.deepEqual(cb.variables, ["CO", "NQP", "TRADE", "UIS", "GOV", "RCY"]);
});

test("provenance: GDP and sector value added are real, everything else reconstructed", () => {
  const real = cb.columns.filter((c) => c.provenance.kind === "real").map((c) => c.name);
  assert.deepEqual(real, ["gdp", "primary_va", "secondary_va", "tertiary_va"]);
  for (const c of cb.columns) {
    if (["city", "year", "region"].includes(c.name)) continue;
    assert.ok(["real", "reconstructed"].includes(c.provenance.kind), c.name);
  }
  // every quantity column is used by some formula, except primary value added
  const used = new Set(
    [
      ...cb.indices.flatMap((ix) => ix.indicators.map((i) => i.formula)),
      ...cb.controls.map((c) => c.formula),
    ].flatMap(formulaInputs),
  );
  const unused = cb.columns.filter(
    (c) => (c.kind === "amount" || c.kind === "count") && !used.has(c.name),
  );
  assert.deepEqual(
    unused.map((c) => c.name),
    ["primary_va"],
  );
});

test("a broken codebook is rejected with the JSON path of the problem", () => {
  const raw = JSON.parse(readFileSync(PATH, "utf8"));
  raw.indices[1].indicators[4].formula.denominator = "gpd";
  assert.throws(
    () => validateCodebook(raw, "cb.json"),
    (e: unknown) =>
      e instanceof DataError &&
      e.where.file === "cb.json" &&
      e.where.column === "indices[1].indicators[4].formula.denominator" &&
      /"gpd" is not a quantity column/.test(e.message),
  );
  const raw2 = JSON.parse(readFileSync(PATH, "utf8"));
  raw2.indices[0].indicators[6].direction = "minus";
  assert.throws(() => validateCodebook(raw2, "cb.json"), /direction must be "\+" or "-"/);
  const raw3 = JSON.parse(readFileSync(PATH, "utf8"));
  raw3.variables.pop();
  assert.throws(() => validateCodebook(raw3, "cb.json"), /must list each index and control once/);
});
