// OLS against statsmodels and R on a fixed 110-row city–year panel (fixtures made by
// test/fixtures/reference/make_reference.{py,R}; the suite itself needs neither Python nor R).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { ols, createOlsWorkspace, olsFitInto } from "cplib";
import { DataError } from "cplib";

const dir = join(__dirname, "fixtures", "reference");
const sm = JSON.parse(readFileSync(join(dir, "statsmodels.json"), "utf8"));
const R = JSON.parse(readFileSync(join(dir, "R.json"), "utf8"));
const rows: Record<string, string>[] = parse(readFileSync(join(dir, "panel.csv"), "utf8"), {
  columns: true,
});
const names = ["NQP", "TRADE", "UIS", "GOV", "RCY"];
const y = rows.map((r) => Number(r.CO));
const X = rows.map((r) => names.map((n) => Number(r[n])));
const city = rows.map((r) => r.city);

/** Asserts |a − b| ≤ rel·max(|b|, floor) element-wise, with a readable message. */
function close(a: number | number[], b: number | number[], rel = 1e-10, what = "", floor = 1e-300) {
  const as = Array.isArray(a) ? a : [a];
  const bs = Array.isArray(b) ? b : [b];
  assert.equal(as.length, bs.length, `${what}: length`);
  as.forEach((v, i) => {
    const tol = rel * Math.max(Math.abs(bs[i]), floor);
    assert.ok(Math.abs(v - bs[i]) <= tol, `${what}[${i}]: ${v} vs reference ${bs[i]}`);
  });
}

test("classical OLS matches statsmodels (params, bse, t, p, CI, R², F)", () => {
  const r = ols(y, X, { names, yName: "CO" });
  const s = sm.classical;
  assert.deepEqual(r.names, sm.names);
  close(r.params, s.params, 1e-11, "params");
  close(r.bse, s.bse, 1e-11, "bse");
  close(r.tvalues, s.tvalues, 1e-11, "t");
  close(r.pvalues, s.pvalues, 1e-8, "p", 1e-300);
  // (an interval end near 0 is a difference of two numbers: compare on the scale of β̂ ± t·se)
  close(r.confInt.flat(), s.confInt.flat(), 1e-9, "confInt", 0.1);
  close(r.rsquared, s.rsquared, 1e-12, "R²");
  close(r.rsquaredAdj, s.rsquaredAdj, 1e-12, "adj R²");
  close(r.fvalue, s.fvalue, 1e-10, "F");
  close(r.fPvalue, s.fPvalue, 1e-6, "F p", 1e-300);
  close(r.ssr, s.ssr, 1e-11, "ssr");
  close(r.ess, s.ess, 1e-11, "ess");
  close(r.centeredTss, s.centeredTss, 1e-12, "tss");
  assert.equal(r.dfResid, s.dfResid);
  assert.equal(r.dfModel, s.dfModel);
  assert.equal(r.nobs, 110);
  close(r.covParams.flat(), s.covParams.flat(), 1e-10, "cov");
  assert.equal(r.covType, "classical");
  // residuals and fitted values are consistent with the data
  r.resid.forEach((e, i) => assert.ok(Math.abs(e + r.fitted[i] - y[i]) < 1e-14));
});

test("classical OLS matches R's lm", () => {
  const r = ols(y, X, { names });
  close(r.params, R.coef, 1e-11, "coef");
  close(r.bse, R.bse, 1e-11, "bse");
  close(r.rsquared, R.rsquared, 1e-12, "R²");
});

test("HC1 matches statsmodels (HC1) and sandwich::vcovHC(type = 'HC1')", () => {
  const r = ols(y, X, { names, cov: "HC1" });
  close(r.bse, sm.HC1.bse, 1e-10, "bse");
  close(r.bse, R.bseHC1, 1e-10, "bse vs R");
  close(r.pvalues, sm.HC1.pvalues, 1e-7, "p");
  close(r.fvalue, sm.HC1.fvalue, 1e-9, "Wald F");
  assert.equal(r.covType, "HC1");
  assert.equal(r.dfInference, 104);
});

test("cluster CR1 matches statsmodels (use_t) and sandwich::vcovCL(type = 'HC1')", () => {
  const r = ols(y, X, { names, cov: { type: "cluster", groups: city } });
  close(r.bse, sm.cluster.bse, 1e-10, "bse");
  close(r.bse, R.bseCluster, 1e-10, "bse vs R");
  close(r.covParams.flat(), R.covCluster.flat(), 1e-9, "cov vs R");
  close(r.tvalues, sm.cluster.tvalues, 1e-10, "t");
  // p-values and intervals from t(G − 1) = t(10), as Stata
  close(r.pvalues, sm.cluster.pvalues, 1e-7, "p");
  close(r.confInt.flat(), sm.cluster.confInt.flat(), 1e-9, "confInt", 0.1);
  assert.equal(r.nClusters, 11);
  assert.equal(r.dfInference, 10);
  close(r.fvalue, sm.cluster.fvalue, 1e-9, "Wald F");
});

test("one regressor and no intercept match statsmodels (uncentred R² without constant)", () => {
  const one = ols(
    y,
    X.map((row) => [row[0]]),
    { names: ["NQP"] },
  );
  close(one.params, sm.oneRegressor.params, 1e-11, "params");
  close(one.bse, sm.oneRegressor.bse, 1e-11, "bse");
  close(one.rsquaredAdj, sm.oneRegressor.rsquaredAdj, 1e-12, "adj R²");
  const ni = ols(y, X, { names, intercept: false });
  assert.deepEqual(ni.names, names);
  close(ni.params, sm.noIntercept.params, 1e-10, "params");
  close(ni.bse, sm.noIntercept.bse, 1e-10, "bse");
  close(ni.rsquared, sm.noIntercept.rsquared, 1e-12, "uncentred R²");
  close(ni.fvalue, sm.noIntercept.fvalue, 1e-10, "F");
  assert.equal(ni.hasConstant, false);
});

test("xtxInv is (X'X)⁻¹: X'X · xtxInv = I", () => {
  const r = ols(y, X, { names });
  const Z = X.map((row) => [1, ...row]);
  const k = 6;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let l = 0; l < k; l++) {
        let xtx = 0;
        for (const z of Z) xtx += z[a] * z[l];
        s += xtx * r.xtxInv[l][b];
      }
      assert.ok(Math.abs(s - (a === b ? 1 : 0)) < 1e-9, `(X'X·inv)[${a},${b}] = ${s}`);
    }
  }
});

test("the kernel reused on a workspace gives the same fit as ols()", () => {
  const n = y.length;
  const ws = createOlsWorkspace(n, 6);
  for (let i = 0; i < n; i++) {
    ws.X[i] = 1;
    for (let j = 0; j < 5; j++) ws.X[(j + 1) * n + i] = X[i][j];
    ws.y[i] = y[i];
  }
  assert.equal(olsFitInto(ws), 6);
  close(Array.from(ws.params), sm.classical.params, 1e-11, "params");
  assert.equal(ws.refinementSteps, 0, "a well-conditioned design takes the fast path");
});

test("absorbedDf lowers the residual degrees of freedom", () => {
  const r = ols(y, X, { names, absorbedDf: 10 });
  assert.equal(r.dfResid, 110 - 6 - 10);
  const r0 = ols(y, X, { names });
  close(r.bse[1] / r0.bse[1], Math.sqrt(104 / 94), 1e-12, "se ratio");
});

// ─── bad input ──────────────────────────────────────────────────────────────────────────────

function throwsData(fn: () => unknown, pattern: RegExp) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof DataError, `expected a DataError, got ${String(e)}`);
    assert.match((e as Error).message, pattern);
    return true;
  });
}

test("rank deficiency names the collinear columns", () => {
  const Xd = X.map((r) => [...r, r[0] + 2 * r[1]]);
  throwsData(
    () => ols(y, Xd, { names: [...names, "NQP_2TRADE"] }),
    /NQP_2TRADE.*linear combination of "NQP", "TRADE"/,
  );
  // a constant regressor is collinear with the intercept
  throwsData(
    () =>
      ols(
        y,
        X.map((r) => [...r, 3]),
        { names: [...names, "three"] },
      ),
    /"three".*"const"/,
  );
  // a duplicated column
  throwsData(
    () =>
      ols(
        y,
        X.map((r) => [r[0], r[0]]),
        { names: ["a", "b"] },
      ),
    /variable "b".*"a"/,
  );
  // an all-zero column
  throwsData(
    () =>
      ols(
        y,
        X.map((r) => [r[0], 0]),
        { names: ["a", "zero"] },
      ),
    /"zero" is \(numerically\) zero/,
  );
});

test("NaN, Infinity, ragged rows and length mismatches name the variable and row", () => {
  const bad = X.map((r) => [...r]);
  bad[41][3] = NaN;
  throwsData(() => ols(y, bad, { names }), /variable "GOV".*row 42 has NaN/);
  bad[41][3] = Infinity;
  throwsData(() => ols(y, bad, { names }), /variable "GOV".*row 42 has Infinity/);
  const yb = [...y];
  yb[7] = NaN;
  throwsData(() => ols(yb, X, { names, yName: "CO" }), /variable "CO".*row 8/);
  throwsData(
    () => ols(y.slice(1), X, { names, yName: "CO" }),
    /CO has 109 values but the design has 110 rows/,
  );
  const ragged = X.map((r) => [...r]);
  ragged[3] = ragged[3].slice(1);
  throwsData(() => ols(y, ragged, { names }), /row 4 of X has 4 columns, expected 5/);
  throwsData(() => ols(y, X, { names: ["a"] }), /1 names given for 5 columns/);
});

test("too few rows, constant y, and bad cluster labels are DataErrors", () => {
  throwsData(
    () => ols(y.slice(0, 6), X.slice(0, 6), { names }),
    /6 observations are not enough for 6 parameters/,
  );
  throwsData(
    () =>
      ols(
        y.map(() => 1),
        X,
        { names, yName: "CO" },
      ),
    /CO is constant/,
  );
  throwsData(
    () => ols(y, X, { names, cov: { type: "cluster", groups: city.slice(1) } }),
    /variable "cluster".*109 cluster labels for 110 observations/,
  );
  const g = [...city] as (string | number)[];
  g[5] = "";
  throwsData(
    () => ols(y, X, { names, cov: { type: "cluster", groups: g } }),
    /row 6 has no valid cluster label/,
  );
  throwsData(
    () => ols(y, X, { names, cov: { type: "cluster", groups: city.map(() => "one") } }),
    /at least 2 clusters/,
  );
});
