/**
 * Fixed effects by the within transformation (lib/src/fixed-effects.ts), checked against R's plm
 * and lm-with-dummies + sandwich (fixture made by test/fixtures/reference/fixed-effects.R), and
 * against OLS with explicit dummy columns computed here.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { connectedComponents, demeanWithin, fixedEffects } from "cplib";
import { ols } from "cplib";
import { DataError } from "cplib";

interface RFit {
  coef: number[];
  se_classical: number[];
  df_resid: number;
  within_r2: number;
  ssr: number;
  se_cluster_sss: number[];
  vcov_cluster_hc0_noadj: number[][];
  lm_dummies_coef: number[];
  lm_dummies_se: number[];
  lm_df_resid: number;
}
interface RPanel {
  data: { city: string[]; year: number[]; y: number[]; x1: number[]; x2: number[]; x3: number[] };
  results: { city: RFit; twoway: RFit };
}
const ref = JSON.parse(
  readFileSync(join(__dirname, "fixtures/reference/fixed-effects.json"), "utf8"),
) as { names: string[]; balanced: RPanel; unbalanced: RPanel };

function close(actual: number, expected: number, rel: number, what: string): void {
  const tol = rel * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
}

function design(d: RPanel["data"]): number[][] {
  return d.y.map((_, i) => [d.x1[i], d.x2[i], d.x3[i]]);
}

for (const panel of ["balanced", "unbalanced"] as const) {
  for (const effects of ["city", "twoway"] as const) {
    test(`${effects} fixed effects match plm on the ${panel} panel`, () => {
      const { data, results } = ref[panel];
      const r = results[effects];
      const fe = fixedEffects(data.y, design(data), data.city, data.year, {
        effects,
        names: ref.names,
        tol: 1e-14,
      });
      assert.equal(fe.result.dfResid, r.df_resid);
      assert.equal(fe.result.dfResid, r.lm_df_resid);
      assert.equal(fe.balanced, panel === "balanced");
      for (let j = 0; j < 3; j++) {
        close(fe.result.params[j], r.coef[j], 1e-9, `coef ${j}`);
        close(fe.result.params[j], r.lm_dummies_coef[j], 1e-9, `dummy coef ${j}`);
        close(fe.result.bse[j], r.se_classical[j], 1e-9, `se ${j}`);
        close(fe.result.bse[j], r.lm_dummies_se[j], 1e-9, `dummy se ${j}`);
      }
      close(fe.result.ssr, r.ssr, 1e-9, "ssr");
      close(fe.withinR2, r.within_r2, 1e-9, "within R2");
    });

    test(`${effects} FE cluster-robust errors by city match R on the ${panel} panel`, () => {
      const { data, results } = ref[panel];
      const r = results[effects];
      const n = data.y.length;
      const G = 11;
      const k = 3;
      const fe = fixedEffects(data.y, design(data), data.city, data.year, {
        effects,
        names: ref.names,
        cov: "cluster",
        tol: 1e-14,
      });
      assert.equal(fe.result.dfInference, G - 1);
      // "nested" convention: K = k plus the absorbed effects not nested in the city clusters.
      const K = k + fe.absorbedDf - G;
      const c = ((G / (G - 1)) * (n - 1)) / (n - K);
      for (let j = 0; j < k; j++) {
        close(fe.result.bse[j], Math.sqrt(c * r.vcov_cluster_hc0_noadj[j][j]), 1e-8, `CR1 se ${j}`);
        for (let l = 0; l < k; l++) {
          close(fe.result.covParams[j][l], c * r.vcov_cluster_hc0_noadj[j][l], 1e-8, `V ${j},${l}`);
        }
      }
      if (effects === "city") {
        // plm's "sss" is exactly this convention for one-way effects.
        for (let j = 0; j < k; j++) close(fe.result.bse[j], r.se_cluster_sss[j], 1e-8, `sss ${j}`);
      }
      // "all" counts every absorbed effect (Stata's areg): larger by √((n − k)/(n − k − absorbed)).
      const areg = fixedEffects(data.y, design(data), data.city, data.year, {
        effects,
        names: ref.names,
        cov: "cluster",
        clusterDf: "all",
      });
      const cAll = ((G / (G - 1)) * (n - 1)) / (n - k - areg.absorbedDf);
      for (let j = 0; j < k; j++) {
        close(
          areg.result.bse[j],
          Math.sqrt(cAll * r.vcov_cluster_hc0_noadj[j][j]),
          1e-8,
          `areg ${j}`,
        );
      }
    });
  }
}

test("two-way within estimates equal OLS with explicit city and year dummies", () => {
  const { data } = ref.unbalanced;
  const cities = [...new Set(data.city)];
  const years = [...new Set(data.year)];
  const X = data.y.map((_, i) => [
    data.x1[i],
    data.x2[i],
    data.x3[i],
    ...cities.slice(1).map((c) => (data.city[i] === c ? 1 : 0)),
    ...years.slice(1).map((t) => (data.year[i] === t ? 1 : 0)),
  ]);
  const dummies = ols(data.y, X);
  const fe = fixedEffects(data.y, design(data), data.city, data.year, { tol: 1e-14 });
  assert.equal(fe.effects, "twoway");
  assert.equal(fe.result.dfResid, dummies.dfResid);
  for (let j = 0; j < 3; j++) {
    close(fe.result.params[j], dummies.params[j + 1], 1e-10, `coef ${j}`);
    close(fe.result.bse[j], dummies.bse[j + 1], 1e-9, `se ${j}`);
  }
  assert.ok(fe.iterations > 1, "an unbalanced panel needs more than one sweep");
});

test("one-way city effects recover α_i = ȳ_i − x̄_i'β̂", () => {
  const { data } = ref.balanced;
  const fe = fixedEffects(data.y, design(data), data.city, null, { names: ref.names });
  assert.equal(fe.effects, "city");
  const cities = [...new Set(data.city)];
  const X = data.y.map((_, i) => [
    data.x1[i],
    data.x2[i],
    data.x3[i],
    ...cities.map((c) => (data.city[i] === c ? 1 : 0)),
  ]);
  const lsdv = ols(data.y, X, { intercept: false });
  cities.forEach((c, g) => close(fe.cityEffects?.get(c) ?? NaN, lsdv.params[3 + g], 1e-9, c));
});

test("balanced two-way demeaning is x − x̄_i − x̄_t + x̄ after one sweep", () => {
  const city = ["a", "a", "b", "b", "c", "c"];
  const year = [1, 2, 1, 2, 1, 2];
  const x = [1, 4, 2, 7, 3, 2];
  const d = demeanWithin([x], [city, year]);
  assert.equal(d.iterations, 1);
  const mean = (ix: number[]): number => ix.reduce((s, i) => s + x[i], 0) / ix.length;
  const xbar = mean([0, 1, 2, 3, 4, 5]);
  const expected = x.map((v, i) => {
    const ci = [0, 1, 2, 3, 4, 5].filter((l) => city[l] === city[i]);
    const ti = [0, 1, 2, 3, 4, 5].filter((l) => year[l] === year[i]);
    return v - mean(ci) - mean(ti) + xbar;
  });
  d.columns[0].forEach((v, i) => close(v, expected[i], 1e-14, `row ${i}`));
});

test("connected components of the city–year graph", () => {
  assert.equal(connectedComponents(["a", "a", "b"], [1, 2, 2]), 1);
  assert.equal(connectedComponents(["a", "b"], [1, 2]), 2);
});

test("fixed effects reject a regressor constant within cities, and missing values", () => {
  const city = ["a", "a", "b", "b", "c", "c"];
  const y = [1, 2, 3, 5, 4, 4];
  const X = [
    [1, 0.1],
    [1, 0.5],
    [2, 0.2],
    [2, 0.9],
    [3, 0.4],
    [3, 0.3],
  ];
  assert.throws(() => fixedEffects(y, X, city, null, { names: ["region", "x"] }), DataError);
  assert.throws(
    () => fixedEffects([1, NaN, 3, 5, 4, 4], X, city, null, { names: ["r", "x"] }),
    (e: unknown) => e instanceof DataError && /row 2/.test(e.message),
  );
  assert.throws(() => fixedEffects(y, X, city, null, { effects: "twoway" }), DataError);
});

test('formula fits with "| city (+ year)" equal plm: slopes, within R², CR1 by city', () => {
  const { data, results } = ref.balanced;
  const frame = data as unknown as Record<string, (number | string)[]>;
  const rhs = ref.names.join(" + ");
  const tw = ols(`y ~ ${rhs} | city + year`, frame);
  close(tw.params.x1, results.twoway.coef[0], 1e-9, "two-way x1");
  close(tw.absorbed!.withinRsquared, results.twoway.within_r2, 1e-9, "within R2");
  const city = ols(`y ~ ${rhs} | city`, frame, { cov: "cluster", groups: "city" });
  close(city.bse.x1, results.city.se_cluster_sss[0], 1e-8, "city FE CR1");
  const pooled = ols(data.y, design(data), { names: ref.names });
  close(ols(`y ~ ${rhs}`, frame).params.x2, pooled.params[2], 1e-12, "pooled x2");
  assert.throws(() => ols(`missing ~ ${rhs} | city`, frame), DataError);
});
