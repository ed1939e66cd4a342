// buildVariables on a small synthetic panel (3 cities × 2014–2017): ratios, interpolation,
// min–max + entropy weights, weighting options, dropping cities, region overrides, and the
// errors for a non-positive number under the logarithm and a zero denominator.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { Codebook, loadCodebook } from "cplib";
import { DataError } from "cplib";
import { buildVariables, entropyWeights, formulaValue } from "cplib";
import { Panel, loadPanel } from "cplib";
import { SyntheticCsv, col, syntheticPanel, writeCsv } from "./support/synthetic-panel";

const full = loadCodebook(join(__dirname, "..", "data", "codebook.json"));
const CITIES = ["Hangzhou", "Wenzhou", "Lishui"];
const codebook: Codebook = {
  ...full,
  cities: full.cities.filter((c) => CITIES.includes(c.name)),
  years: { first: 2014, last: 2017 },
};
const written: string[] = [];
after(() => {
  for (const p of written) rmSync(dirname(p), { recursive: true, force: true });
});

function panelFrom(edit?: (csv: SyntheticCsv) => void): Panel {
  const csv = syntheticPanel(codebook);
  edit?.(csv);
  const path = writeCsv(csv);
  written.push(path);
  return loadPanel(path, codebook);
}

/** Independent entropy-weight composite: min–max with direction, p = z/Σz, e = −Σp ln p / ln n. */
function entropyComposite(columns: number[][], directions: ("+" | "-")[]): number[] {
  const n = columns[0].length;
  const Z = columns.map((x, j) => {
    const lo = Math.min(...x);
    const hi = Math.max(...x);
    return x.map((v) => (directions[j] === "+" ? (v - lo) / (hi - lo) : (hi - v) / (hi - lo)));
  });
  const d = Z.map((z) => {
    const s = z.reduce((a, b) => a + b, 0);
    let e = 0;
    for (const v of z) if (v > 0) e -= (v / s) * Math.log(v / s);
    return 1 - e / Math.log(n);
  });
  const w = d.map((x) => x / d.reduce((a, b) => a + b, 0));
  return Array.from({ length: n }, (_, i) => Z.reduce((a, z, j) => a + w[j] * z[i], 0));
}

function close(actual: number[], expected: number[], what: string, tol = 1e-12): void {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((a, i) =>
    assert.ok(Math.abs(a - expected[i]) <= tol, `${what}[${i}]: ${a} vs ${expected[i]}`),
  );
}

test("frame: one row per city-year in panel order, with the six variables", () => {
  const panel = panelFrom();
  const { frame, indices } = buildVariables(panel);
  assert.deepEqual(
    frame.city,
    panel.rows.map((r) => r.city),
  );
  assert.deepEqual(
    frame.year,
    panel.rows.map((r) => r.year),
  );
  assert.deepEqual(
    frame.region,
    ["Northeast", "Southwest", "Southwest"].flatMap((r) => [r, r, r, r]),
  );
  for (const v of ["CO", "NQP", "TRADE", "UIS", "GOV", "RCY"]) {
    assert.equal(frame[v].length, 12, v);
    for (const x of frame[v]) assert.ok(Number.isFinite(x), v);
  }
  assert.deepEqual(Object.keys(indices), ["CO", "NQP", "TRADE"]);
  assert.equal(indices.NQP.weights.length, 9);
  assert.equal(indices.CO.weights.length, 7);
  assert.equal(indices.TRADE.weights.length, 2);
  for (const ix of Object.values(indices)) {
    assert.ok(Math.abs(ix.weights.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  }
});

test("indicators and controls follow the codebook formulas", () => {
  const panel = panelFrom();
  const { frame, indicators } = buildVariables(panel);
  panel.rows.forEach((r, i) => {
    const v = r.values as Record<string, number>;
    const eq = (got: unknown, want: number, what: string) =>
      assert.ok(Math.abs((got as number) - want) <= 1e-12 * Math.abs(want), `${what} row ${i}`);
    // 100 million yuan / 10,000 persons = 10,000 yuan per person (the unit Table 1 prints)
    eq(indicators.gdp_pc[i], v.gdp / v.population, "gdp_pc");
    eq(indicators.college_share[i], v.college_students / (v.population * 1e4), "college_share");
    eq(indicators.urban_rural_ratio[i], v.urban_income_pc / v.rural_income_pc, "urban_rural_ratio");
    eq(indicators.so2_intensity[i], v.so2_emissions / v.gdp, "so2_intensity");
    eq(indicators.trade_scale[i], (100 * (v.exports + v.imports)) / v.gdp, "trade_scale");
    eq(
      indicators.trade_competitiveness[i],
      (v.exports - v.imports) / (v.exports + v.imports),
      "tc",
    );
    eq(frame.UIS[i], v.tertiary_va / v.secondary_va, "UIS");
    eq(frame.GOV[i], v.fiscal_expenditure / v.gdp, "GOV");
    eq(frame.RCY[i], Math.log(v.patents_granted), "RCY");
  });
});

test("indices are entropy-weighted sums of min–max normalised indicators (directions applied)", () => {
  const panel = panelFrom();
  const { frame, indicators } = buildVariables(panel);
  for (const ix of codebook.indices) {
    const cols = ix.indicators.map((ind) => indicators[ind.name] as number[]);
    close(
      frame[ix.name] as number[],
      entropyComposite(
        cols,
        ix.indicators.map((i) => i.direction),
      ),
      ix.name,
    );
  }
  // cost indicators really are reversed: the city-year with the lowest SO2 intensity scores 1
  const { indices } = buildVariables(panel);
  const so2 = indices.NQP.names.indexOf("so2_intensity");
  const x = indicators.so2_intensity as number[];
  const best = x.indexOf(Math.min(...x));
  assert.equal(indices.NQP.normalized[best][so2], 1);
});

test("interior gaps are interpolated linearly per city before ratios are formed", () => {
  const complete = buildVariables(panelFrom());
  let expected = 0;
  const panel = panelFrom((csv) => {
    const g = col(csv, "gdp");
    // Wenzhou is rows 4–7 (2014–2017); blank 2015 and 2016
    const a = Number(csv.rows[4][g]);
    const b = Number(csv.rows[7][g]);
    expected = a + (b - a) / 3;
    csv.rows[5][g] = "";
    csv.rows[6][g] = "";
  });
  assert.equal(panel.missing.length, 2);
  const built = buildVariables(panel);
  assert.deepEqual(
    built.filled.map((f) => [f.city, f.year, f.column]),
    [
      ["Wenzhou", 2015, "gdp"],
      ["Wenzhou", 2016, "gdp"],
    ],
  );
  assert.ok(Math.abs(built.filled[0].value - expected) < 1e-9);
  const v = panel.rows[5].values as Record<string, number>;
  assert.ok(Math.abs((built.indicators.gdp_pc[5] as number) - expected / v.population) < 1e-9);
  assert.notDeepEqual(built.frame.GOV, complete.frame.GOV); // GDP changed where it was blank
  assert.equal(built.frame.GOV[4], complete.frame.GOV[4]); // and only there
});

test("a gap at the start of a series is an error unless edges: 'nearest'", () => {
  const panel = panelFrom((csv) => {
    csv.rows[8][col(csv, "exports")] = ""; // Lishui 2014
  });
  assert.throws(() => buildVariables(panel), DataError);
  const built = buildVariables(panel, { edges: "nearest" });
  assert.equal(built.filled.length, 1);
});

test("weighting: equal weights, explicit weights per index", () => {
  const panel = panelFrom();
  const eq = buildVariables(panel, { weighting: "equal" });
  const Z = eq.indices.TRADE.normalized;
  close(
    eq.frame.TRADE,
    Z.map((z) => (z[0] + z[1]) / 2),
    "TRADE equal",
  );
  assert.deepEqual(eq.indices.CO.weights, new Array(7).fill(1 / 7));
  const own = buildVariables(panel, { weighting: { TRADE: [1, 0] } });
  close(
    own.frame.TRADE,
    own.indices.TRADE.normalized.map((z) => z[0]),
    "TRADE = trade scale",
  );
  close(own.frame.CO, buildVariables(panel).frame.CO, "CO keeps entropy weights");
  assert.throws(
    () => buildVariables(panel, { weighting: { TRADE: [1] } }),
    /2 non-negative numbers/,
  );
});

test("dropCities and region overrides", () => {
  const panel = panelFrom();
  const dropped = buildVariables(panel, { dropCities: ["Hangzhou"] });
  assert.equal(dropped.frame.CO.length, 8);
  assert.ok(!dropped.frame.city.includes("Hangzhou"));
  // weights are re-estimated on the remaining city-years: the index is re-scaled to [0, 1]
  assert.equal(Math.max(...dropped.frame.CO) <= 1, true);
  assert.throws(() => buildVariables(panel, { dropCities: ["Hangzou"] }), /unknown city "Hangzou"/);
  const moved = buildVariables(panel, { region: { Wenzhou: "Northeast" } });
  assert.deepEqual(moved.frame.region.slice(0, 8), new Array(8).fill("Northeast"));
  assert.deepEqual(moved.frame.region.slice(8), new Array(4).fill("Southwest"));
});

test("a non-positive number under the logarithm names city and year", () => {
  const panel = panelFrom((csv) => {
    csv.rows[10][col(csv, "patents_granted")] = "0"; // Lishui 2016
  });
  assert.throws(
    () => buildVariables(panel),
    (e: unknown) =>
      e instanceof DataError &&
      e.where.city === "Lishui" &&
      e.where.year === 2016 &&
      e.where.column === "patents_granted" &&
      e.where.line === 12 &&
      /needs a positive number/.test(e.message),
  );
});

test("a zero denominator names city, year and column", () => {
  const panel = panelFrom((csv) => {
    csv.rows[1][col(csv, "rural_income_pc")] = "0"; // Hangzhou 2015
  });
  assert.throws(
    () => buildVariables(panel),
    (e: unknown) =>
      e instanceof DataError &&
      e.where.city === "Hangzhou" &&
      e.where.year === 2015 &&
      e.where.column === "rural_income_pc",
  );
});

test("the codebook's method is what the pipeline does: its shift and its edge rule", () => {
  const panel = panelFrom();
  const base = buildVariables(panel);
  // a shift of 0.0001 (some papers add one) changes the weights, and the pipeline follows
  const shifted: Codebook = {
    ...codebook,
    method: { ...codebook.method, entropy: { ...codebook.method.entropy, shift: 0.0001 } },
  };
  const withShift = buildVariables({ ...panel, codebook: shifted });
  assert.notDeepEqual(withShift.indices.NQP.weights, base.indices.NQP.weights);
  const cols = codebook.indices[1].indicators.map((d) => base.indicators[d.name] as number[]);
  const X = cols[0].map((_, i) => cols.map((c) => c[i]));
  const direct = entropyWeights(
    X,
    codebook.indices[1].indicators.map((d) => d.direction),
    codebook.indices[1].indicators.map((d) => d.name),
    { shift: 0.0001 },
  );
  close(withShift.indices.NQP.weights, direct.weights, "NQP weights with shift 0.0001");
  // the codebook's edge rule: "nearest" carries an empty first year instead of failing
  const gap = panelFrom((csv) => {
    csv.rows[8][col(csv, "exports")] = ""; // Lishui 2014
  });
  assert.throws(() => buildVariables(gap), DataError);
  const nearest: Codebook = {
    ...codebook,
    method: {
      ...codebook.method,
      interpolation: { ...codebook.method.interpolation, edges: "nearest" },
    },
  };
  assert.equal(buildVariables({ ...gap, codebook: nearest }).filled.length, 1);
});

test("formulaValue evaluates the codebook's formula language", () => {
  const get = (c: string) =>
    ({ exports: 30, imports: 10, gdp: 100, patents_granted: Math.E })[c] as number;
  const f = codebook.indices[2].indicators;
  assert.equal(formulaValue(f[0].formula, get), 40);
  assert.equal(formulaValue(f[1].formula, get), 0.5);
  assert.equal(formulaValue(codebook.controls[2].formula, get), 1);
});
