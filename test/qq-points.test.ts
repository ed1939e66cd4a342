/**
 * Normal QQ-plot points (lib/src/methods/qq-points.ts) against R's ppoints/qqnorm (fixture:
 * test/fixtures/reference/influence.R) and statsmodels' ProbPlot (statsmodels-methods.py).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DataError, normalQuantiles, ols, qqPoints } from "cplib";

const R = JSON.parse(
  readFileSync(join(__dirname, "fixtures/reference/influence.json"), "utf8"),
) as {
  ppoints: { n: number; p: number | number[]; q: number | number[] }[];
  grunfeld: { resid: number[]; qq_x: number[]; qq_y: number[] };
};
const sm = JSON.parse(
  readFileSync(join(__dirname, "fixtures/reference/statsmodels-methods.json"), "utf8"),
) as {
  data: Record<string, number[]>;
  probplot: { theoretical: number[]; sample: number[]; order: number[] };
};

const arr = (v: number | number[]) => (Array.isArray(v) ? v : [v]);
function closeAll(actual: number[], expected: number[], abs: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  actual.forEach((v, i) =>
    assert.ok(Math.abs(v - expected[i]) <= abs, `${what}[${i}]: ${v} vs ${expected[i]}`),
  );
}

test("normalQuantiles equals R's qnorm(ppoints(n)), a = 3/8 for n ≤ 10 and 1/2 above", () => {
  for (const { n, q } of R.ppoints) closeAll(normalQuantiles(n), arr(q), 1e-13, `n = ${n}`);
});

test("qqPoints equals R's qqnorm (x matched to each residual) and statsmodels' ProbPlot (a = 0)", () => {
  const e = R.grunfeld.resid;
  const qq = qqPoints(e);
  // qqnorm returns x in the order of the data: x[i] is the quantile of residual i's rank
  const x = new Array<number>(e.length);
  qq.index.forEach((row, rank) => (x[row] = qq.theoretical[rank]));
  closeAll(x, R.grunfeld.qq_x, 1e-13, "qqnorm x");
  closeAll(
    qq.index.map((i) => e[i]),
    qq.sample,
    0,
    "sample is the sorted input",
  );
  // ProbPlot of the residuals of statsmodels' fit: positions i/(n + 1), sample sorted
  const p = sm.probplot;
  const d = sm.data;
  const e2 = ols(
    d.y,
    d.y.map((_, i) => [d.x1[i], d.x2[i], d.x3[i], d.d[i]]),
  ).resid;
  const mine = qqPoints(e2, { a: 0 });
  closeAll(mine.theoretical, p.theoretical, 1e-13, "ProbPlot theoretical");
  closeAll(mine.sample, p.sample, 1e-12, "ProbPlot sample");
  assert.deepEqual(mine.index, p.order);
});

test("normal quantiles are symmetric and increasing; the sample is sorted; ties keep their order", () => {
  for (const n of [1, 2, 7, 10, 11, 100]) {
    const q = normalQuantiles(n);
    q.forEach((v, i) => assert.ok(Math.abs(v + q[n - 1 - i]) < 1e-12));
    for (let i = 1; i < n; i++) assert.ok(q[i] > q[i - 1]);
  }
  assert.deepEqual(normalQuantiles(1), [0]);
  const qq = qqPoints([3, 1, 2, 1]);
  assert.deepEqual(qq.sample, [1, 1, 2, 3]);
  assert.deepEqual(qq.index, [1, 3, 2, 0]);
});

test("normalQuantiles and qqPoints reject bad input", () => {
  assert.throws(() => normalQuantiles(0), DataError);
  assert.throws(() => normalQuantiles(2.5), DataError);
  assert.throws(() => normalQuantiles(5, { a: 2 }), /offset a/);
  assert.throws(() => qqPoints([]), DataError);
  assert.throws(() => qqPoints([1, NaN]), /value 2 is NaN/);
});
