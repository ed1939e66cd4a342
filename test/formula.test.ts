/**
 * Model formulas (lib/src/methods/formula.ts) and the formula form of `ols` (methods/ols.ts),
 * checked against statsmodels' formula API on the fixed test panel (fixtures/reference/
 * formula.json, made by make_formula.py): parameter names as patsy gives them, estimates,
 * classical / HC1 / CR1 inference, and fixed effects absorbed with "|" against the regression
 * with explicit C(city) (+ C(year)) dummies.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { DataError, designMatrices, ols, olsBy, parseFormula, type FitOptions } from "cplib";

const dir = join(__dirname, "fixtures", "reference");
interface Case {
  formula: string;
  cov: "nonrobust" | "HC1" | "cluster";
  names: string[];
  params: number[];
  bse: number[];
  tvalues: number[];
  pvalues: number[];
  confInt: [number, number][];
  rsquared: number;
  rsquaredAdj: number;
  fvalue: number;
  dfResid: number;
  nobs: number;
  llf: number;
  aic: number;
  bic: number;
}
const sm = JSON.parse(readFileSync(join(dir, "formula.json"), "utf8")) as { cases: Case[] };
const rows: Record<string, string>[] = parse(readFileSync(join(dir, "panel.csv"), "utf8"), {
  columns: true,
});
const num = (c: string) => rows.map((r) => Number(r[c]));
const data = {
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

/** patsy writes numpy functions; the library writes log(), sqrt(), exp(). */
const ours = (name: string) => name.replace(/np\.(log|sqrt|exp)\(/g, "$1(");

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
}

function options(c: Case): FitOptions {
  if (c.cov === "HC1") return { cov: "HC1" };
  if (c.cov === "cluster") return { cov: "cluster", groups: "city" };
  return {};
}

test("every statsmodels case: the same parameter names and the same numbers", () => {
  for (const c of sm.cases) {
    const res = ols(ours(c.formula), data, options(c));
    const what = `${c.formula} (${c.cov})`;
    assert.deepEqual([...res.names].sort(), c.names.map(ours).sort(), what);
    c.names.forEach((patsyName, j) => {
      const n = ours(patsyName);
      close(res.params[n], c.params[j], 1e-9, `${what} params.${n}`);
      close(res.bse[n], c.bse[j], 1e-9, `${what} bse.${n}`);
      close(res.tvalues[n], c.tvalues[j], 1e-8, `${what} tvalues.${n}`);
      close(res.pvalues[n], c.pvalues[j], 1e-8, `${what} pvalues.${n}`);
      close(res.confInt()[n][0], c.confInt[j][0], 1e-9, `${what} confInt.${n}`);
      close(res.confInt()[n][1], c.confInt[j][1], 1e-9, `${what} confInt.${n}`);
    });
    close(res.rsquared, c.rsquared, 1e-10, `${what} rsquared`);
    close(res.rsquaredAdj, c.rsquaredAdj, 1e-10, `${what} rsquaredAdj`);
    close(res.fvalue, c.fvalue, 1e-8, `${what} fvalue`);
    assert.equal(res.dfResid, c.dfResid, `${what} dfResid`);
    assert.equal(res.nobs, c.nobs, `${what} nobs`);
    close(res.llf, c.llf, 1e-9, `${what} llf`);
    close(res.aic, c.aic, 1e-9, `${what} aic`);
    close(res.bic, c.bic, 1e-9, `${what} bic`);
  }
});

test('fixed effects after "|" equal the regression with explicit dummies', () => {
  for (const [absorbed, dummies] of [
    ["CO ~ NQP + TRADE | city", "CO ~ NQP + TRADE + C(city)"],
    ["CO ~ NQP + TRADE | city + year", "CO ~ NQP + TRADE + C(city) + C(year)"],
  ]) {
    const fe = ols(absorbed, data);
    const ref = sm.cases.find((c) => c.formula === dummies)!;
    assert.deepEqual(fe.names, ["NQP", "TRADE"]);
    for (const n of fe.names) {
      const j = ref.names.indexOf(n);
      close(fe.params[n], ref.params[j], 1e-9, `${absorbed} params.${n}`);
      close(fe.bse[n], ref.bse[j], 1e-9, `${absorbed} bse.${n}`);
      close(fe.pvalues[n], ref.pvalues[j], 1e-8, `${absorbed} pvalues.${n}`);
    }
    assert.equal(fe.dfResid, ref.dfResid);
    close(fe.rsquared, ref.rsquared, 1e-10, `${absorbed} R² with the effects`);
    close(fe.rsquaredAdj, ref.rsquaredAdj, 1e-10, `${absorbed} adjusted R²`);
    assert.ok(fe.absorbed && fe.absorbed.withinRsquared < fe.rsquared);
    assert.deepEqual(fe.model.fixedEffects, absorbed.split("| ")[1].split(" + "));
  }
});

test("parsing: expansion, removal, intercept switches and R's term order", () => {
  const labels = (f: string) => parseFormula(f).terms.map((t) => t.label);
  assert.deepEqual(labels("y ~ a * b"), ["a", "b", "a:b"]);
  assert.deepEqual(labels("y ~ a:b + c"), ["c", "a:b"]);
  assert.deepEqual(labels("y ~ (a + b):c"), ["a:c", "b:c"]);
  assert.deepEqual(labels("y ~ a * b - a:b"), ["a", "b"]);
  assert.deepEqual(labels("y ~ a * b * c").length, 7);
  assert.deepEqual(labels("y ~ a + a + b:a"), ["a", "b:a"]);
  assert.equal(parseFormula("y ~ a - 1").intercept, false);
  assert.equal(parseFormula("y ~ 0 + a").intercept, false);
  assert.equal(parseFormula("y ~ a + 1").intercept, true);
  assert.equal(parseFormula("y ~ 1").terms.length, 0);
  const fe = parseFormula("y ~ x | g + t");
  assert.deepEqual([fe.absorb, fe.intercept], [["g", "t"], false]);
  assert.deepEqual(labels("y ~ `odd name` + C(g)"), ["odd name", "C(g)"]);
});

test("coding: reduced with a constant, full without; slopes per group without the main effect", () => {
  const d = designMatrices("CO ~ C(region) - 1", data);
  assert.deepEqual(d.xNames, ["C(region)[Northeast]", "C(region)[Southwest]"]);
  assert.deepEqual(designMatrices("CO ~ C(region)", data).xNames, ["C(region)[T.Southwest]"]);
  assert.deepEqual(designMatrices("CO ~ NQP:C(region)", data).xNames, [
    "NQP:C(region)[Northeast]",
    "NQP:C(region)[Southwest]",
  ]);
  // years sort as numbers, not as text
  assert.equal(designMatrices("CO ~ C(year)", data).xNames[0], "C(year)[T.2015]");
});

test("olsBy fits the model on each subsample, keyed by its value", () => {
  const t = olsBy("CO ~ NQP + TRADE", data, "region");
  assert.deepEqual(Object.keys(t), ["Northeast", "Southwest"]);
  const ne = rows.flatMap((r, i) => (r.region === "Northeast" ? [i] : []));
  const sub = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, ne.map((i) => v[i])]));
  assert.equal(t.Northeast.params.NQP, ols("CO ~ NQP + TRADE", sub).params.NQP);
  assert.equal(t.Northeast.nobs + t.Southwest.nobs, 110);
  assert.throws(() => olsBy("CO ~ NQP", data, "regoin"), /no column "regoin"/);
});

test("errors say what is wrong and where", () => {
  const err = (f: () => unknown, re: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof DataError && re.test(e.message));
  err(() => ols("CO ~ NQPP + TRADE", data), /no column "NQPP".*did you mean "NQP"/is);
  err(() => ols("CO ~ nqp", data), /did you mean "NQP"/i);
  err(
    () => ols("CO ~ NQP + + TRADE", data),
    /position 12 of the formula\.\n {4}CO ~ NQP \+ \+ TRADE\n {15}\^/,
  );
  err(() => ols("CO NQP", data), /needs "~"/);
  err(() => ols("CO ~ NQP + (TRADE", data), /closing "\)"/);
  err(() => ols("CO ~ foo(NQP)", data), /unknown function foo\(\)/);
  err(() => ols("CO ~ city", data), /holds text.*C\(city\)/s);
  err(
    () => ols("CO ~ NQP", { ...data, NQP: [Number.NaN, ...data.NQP.slice(1)] }),
    /city city00, year 2014: row 1 has NaN/,
  );
  err(() => ols("log(CO) ~ NQP", data), /log\(CO\) is not defined/);
  err(
    () => ols("CO ~ NQP + TRADE", { CO: [1, 2, 3], NQP: [1, 2, 4], TRADE: [3, 1, 2] }),
    /observations|parameters|rows/,
  );
  err(() => ols("CO ~ NQP + C(city) | city", data), /collinear|depend/i);
  err(() => ols("CO ~ NQP", data, { cov: "cluster" }), /needs the cluster column/);
  err(() => ols("CO ~ NQP", data, { cov: "cluster", groups: "cty" }), /no column "cty"/);
  err(() => ols("CO ~ NQP", { CO: [1, 2], NQP: [1] }), /column "NQP" has 1 values/);
});

test("results by name, and the summary as text", () => {
  const res = ols("CO ~ NQP + TRADE + UIS + GOV + RCY", data);
  assert.equal(res.names[0], "Intercept");
  close(res.covParams().NQP.NQP, res.bse.NQP ** 2, 1e-14, "cov = se²");
  assert.ok(res.confInt(0.1).NQP[1] < res.confInt(0.05).NQP[1]);
  const text = res.summary().asText();
  for (const s of [
    "OLS Regression Results",
    "Dep. Variable:",
    "No. Observations:",
    "Intercept",
    "P>|t|",
    "[0.025",
  ]) {
    assert.ok(text.includes(s), s);
  }
  assert.ok(
    text.split("\n").every((line) => line.length <= 78),
    "78 columns wide",
  );
  assert.throws(() => res.confInt(1.5), DataError);
});
