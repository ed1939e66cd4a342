// data/codebook.json: Tables 1–2, TRADE's ingredients, the controls, the method and each
// column's provenance (checked against data/provenance.csv).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  TABLE6,
  MODEL6_REGRESSORS,
  parseFormula,
  formulaInputs,
  formulaText,
  loadCodebook,
  loadProvenance,
  realShare,
  realShareOfVariables,
  validateCodebook,
} from "cplib";
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

test("provenance: each column's kind agrees with data/provenance.csv, cell by cell", () => {
  const prov = loadProvenance(join(__dirname, "..", "data", cb.provenanceFile), cb);
  for (const c of cb.columns) {
    if (["city", "year", "region"].includes(c.name)) {
      assert.equal(c.provenance.kind, "key", c.name);
      continue;
    }
    const s = realShare(prov, { columns: [c.name] });
    const expected = s.real === s.total ? "real" : s.real === 0 ? "reconstructed" : "mixed";
    assert.equal(c.provenance.kind, expected, `${c.name}: ${s.real} of ${s.total} real`);
    if (c.provenance.kind === "mixed") {
      assert.match(
        c.provenance.cells ?? "",
        new RegExp(
          `^${s.real} real, ${s.interpolated} interpolated, ${s.reconstructed} reconstructed`,
        ),
        c.name,
      );
    }
  }
  // GOV's inputs are real in all 110 city-years
  assert.equal(realShareOfVariables(prov, cb, ["GOV"]).share, 1);
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

test("the method is written out: interpolation, normalisation, 0·ln 0, shift, pooling, Table 6", () => {
  assert.equal(cb.method.interpolation.rule, "linear");
  assert.equal(cb.method.interpolation.gaps, "interior");
  assert.equal(cb.method.interpolation.stage, "raw");
  assert.equal(cb.method.interpolation.edges, "error");
  assert.equal(cb.method.entropy.normalization, "min-max");
  assert.equal(cb.method.entropy.zeroConvention, "0·ln 0 = 0");
  assert.equal(cb.method.entropy.shift, 0);
  assert.equal(cb.method.entropy.pooling, "all city-years");
  for (const t of [cb.method.interpolation.text, cb.method.entropy.text, cb.method.table6.text]) {
    assert.ok(t.length > 100, "each choice is explained in words");
  }
  // Table 6: the codebook's specification is the one the reproduction estimates
  assert.deepEqual(
    { y: cb.method.table6.y, x: cb.method.table6.x },
    { y: parseFormula(TABLE6.formula).response.column, x: [...MODEL6_REGRESSORS] },
  );
  assert.equal(cb.method.table6.split, TABLE6.by);
  // a method the pipeline does not implement is refused, naming the JSON path
  const raw = JSON.parse(readFileSync(PATH, "utf8"));
  raw.method.entropy.normalization = "z-score";
  assert.throws(
    () => validateCodebook(raw, "cb.json"),
    (e: unknown) => e instanceof DataError && e.where.column === "method.entropy.normalization",
  );
  const raw2 = JSON.parse(readFileSync(PATH, "utf8"));
  raw2.method.entropy.shift = -1;
  assert.throws(() => validateCodebook(raw2, "cb.json"), /shift must be ≥ 0/);
  const raw3 = JSON.parse(readFileSync(PATH, "utf8"));
  raw3.method.table6.x.push("XYZ");
  assert.throws(() => validateCodebook(raw3, "cb.json"), /"XYZ" is not one of the variables/);
});

test("units agree with the formulas: '%' only with scale 100, gdp_pc in 10,000 yuan per person", () => {
  const indicators = cb.indices.flatMap((ix) => ix.indicators);
  for (const ind of indicators) {
    const f = ind.formula;
    if (ind.unit.includes("%")) {
      assert.ok(f.op === "ratio" && f.scale === 100, `${ind.name}: "${ind.unit}" needs scale 100`);
    }
    if (f.op === "ratio" && f.scale === 1) assert.doesNotMatch(ind.unit, /%/, ind.name);
    // a printed unit that differs from the computed one is explained
    if (
      /\(%\)|10,000 yuan|ten thousand/.test(ind.printed) &&
      !ind.unit.includes("10,000 yuan") &&
      !ind.unit.includes("%")
    ) {
      assert.ok(ind.unitNote, `${ind.name} prints "${ind.printed}" but is in ${ind.unit}: say why`);
    }
  }
  const gdpPc = indicators.find((i) => i.name === "gdp_pc");
  assert.ok(gdpPc && gdpPc.formula.op === "ratio" && gdpPc.formula.scale === 1);
  assert.equal(gdpPc?.unit, "10,000 yuan per person");
  const col = (n: string) => cb.columns.find((c) => c.name === n);
  assert.equal(col("gdp")?.unit, "100 million yuan");
  assert.equal(col("population")?.unit, "10,000 persons");
  assert.equal(col("fiscal_expenditure")?.unit, "100 million yuan");
  assert.equal(col("education_expenditure")?.unit, "10,000 yuan");
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
