// VIF (vs car::vif), descriptive statistics (vs R's mean/sd) and beta coefficients, on the
// reference panel of test/fixtures/reference (made by make_reference.R).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { vif } from "cplib";
import { describe } from "cplib";
import { betaCoefficients } from "cplib";
import { ols } from "cplib";
import { DataError } from "cplib";

const dir = join(__dirname, "fixtures", "reference");
const R = JSON.parse(readFileSync(join(dir, "R.json"), "utf8"));
const rows: Record<string, string>[] = parse(readFileSync(join(dir, "panel.csv"), "utf8"), {
  columns: true,
});
const names = ["NQP", "TRADE", "UIS", "GOV", "RCY"];
const X = rows.map((r) => names.map((n) => Number(r[n])));
const col = (n: string) => rows.map((r) => Number(r[n]));
const rel = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol * Math.abs(b), `${what}: ${a} vs ${b}`);

test("VIF, 1/VIF and mean VIF match car::vif", () => {
  const v = vif(X, names);
  assert.deepEqual(
    v.rows.map((r) => r.name),
    names,
  );
  for (const r of v.rows) {
    rel(r.vif, R.vif[r.name], 1e-11, `VIF ${r.name}`);
    rel(r.tolerance, 1 / R.vif[r.name], 1e-11, `1/VIF ${r.name}`);
  }
  rel(v.mean, R.vifMean, 1e-11, "mean VIF");
  assert.ok(v.rows[0].vif > 5, "the reference panel has a collinear regressor (NQP)");
});

test("VIF edge cases: one regressor, collinear design, NaN", () => {
  assert.deepEqual(vif([[1], [2], [4]], ["x"]).rows, [{ name: "x", vif: 1, tolerance: 1 }]);
  const Xc = X.map((r) => [...r, r[0] - r[1]]);
  assert.throws(
    () => vif(Xc, [...names, "NQP_minus_TRADE"]),
    (e: unknown) => e instanceof DataError && /NQP_minus_TRADE.*"NQP", "TRADE"/.test(e.message),
  );
  const bad = X.map((r) => [...r]);
  bad[9][4] = NaN;
  assert.throws(() => vif(bad, names), /variable "RCY".*row 10/);
  assert.throws(() => vif(X, names.slice(1)), /row 1 has 5 values for 4 names/);
});

test("describe matches R's mean and sd (n − 1) and adds the coefficient of variation", () => {
  const vars = ["CO", "NQP", "TRADE", "UIS", "GOV", "RCY"];
  const cols = Object.fromEntries(vars.map((v) => [v, col(v)]));
  const d = describe(cols, vars);
  assert.deepEqual(
    d.map((r) => r.name),
    vars,
  );
  for (const r of d) {
    assert.equal(r.n, 110);
    rel(r.mean, R.mean[r.name], 1e-13, `mean ${r.name}`);
    rel(r.sd, R.sd[r.name], 1e-12, `sd ${r.name}`);
    rel(r.cv, R.sd[r.name] / R.mean[r.name], 1e-12, `cv ${r.name}`);
    assert.equal(r.min, Math.min(...cols[r.name]));
    assert.equal(r.max, Math.max(...cols[r.name]));
  }
  assert.deepEqual(describe({ x: [1, 2, 3, 4] })[0].sd, Math.sqrt(5 / 3));
  assert.throws(() => describe({ x: [1, NaN] }), /variable "x".*row 2 has NaN/);
  assert.throws(() => describe({ x: [1] }), /at least 2 values/);
  assert.throws(() => describe({ x: [1, 2] }, ["y"]), /no column "y"/);
});

test("beta coefficients are β·sd(x)/sd(y), and equal the slopes of the standardised regression", () => {
  const y = col("CO");
  const r = ols(y, X, { names });
  const b = betaCoefficients(r, y, X);
  assert.deepEqual(Object.keys(b), names);
  // regress z-scores on z-scores: the slopes are the beta coefficients
  const z = (v: number[]) => {
    const m = v.reduce((a, c) => a + c, 0) / v.length;
    const s = Math.sqrt(v.reduce((a, c) => a + (c - m) ** 2, 0) / (v.length - 1));
    return v.map((c) => (c - m) / s);
  };
  const zy = z(y);
  const zcols = names.map((_, j) => z(X.map((row) => row[j])));
  const rz = ols(
    zy,
    zy.map((_, i) => zcols.map((c) => c[i])),
    { names },
  );
  names.forEach((n, j) => rel(b[n], rz.params[j + 1], 1e-10, `beta ${n}`));
  assert.throws(() => betaCoefficients(r, y.slice(1), X), DataError);
});

test("beta coefficients of a formula fit equal those of the arrays (the constant named Intercept)", () => {
  const data = Object.fromEntries(["CO", ...names].map((n) => [n, col(n)]));
  const fit = ols(`CO ~ ${names.join(" + ")}`, data);
  const fromArrays = betaCoefficients(ols(col("CO"), X, { names }), col("CO"), X);
  const fromFit = betaCoefficients(fit);
  assert.deepEqual(Object.keys(fromFit), names);
  names.forEach((n) => rel(fromFit[n], fromArrays[n], 1e-14, `beta ${n}`));
  const withCity = { ...data, city: rows.map((r) => r.city) };
  assert.throws(() => betaCoefficients(ols("CO ~ NQP | city", withCity)), /absorbed fixed effects/);
});
