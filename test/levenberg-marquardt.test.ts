// Levenberg–Marquardt against R's nls on two NIST StRD nonlinear problems (fixture made by
// test/fixtures/reference/levenberg-marquardt.R), and the minimax polish on small cases.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  DataError,
  finiteDifferenceJacobian,
  levenbergMarquardt,
  minimaxLevenbergMarquardt,
} from "cplib";

interface Problem {
  x: number[];
  y: number[];
  start: number[];
  estimate: number[];
  rss: number;
}
const ref = JSON.parse(
  readFileSync(join(__dirname, "fixtures", "reference", "levenberg-marquardt.json"), "utf8"),
) as Record<string, Problem>;

test("Misra1a from NIST's first start: the estimates and RSS of R's nls", () => {
  const { x, y, start, estimate, rss } = ref.misra1a;
  const fit = levenbergMarquardt(
    (b) => x.map((xi, i) => b[0] * (1 - Math.exp(-b[1] * xi)) - y[i]),
    start,
    { maxIterations: 500 },
  );
  fit.x.forEach((b, j) =>
    assert.ok(Math.abs(b / estimate[j] - 1) < 1e-6, `b${j + 1}: ${b} vs R ${estimate[j]}`),
  );
  assert.ok(Math.abs(fit.cost / rss - 1) < 1e-9, `RSS ${fit.cost} vs R ${rss}`);
});

test("Thurber (rational, 7 parameters): the estimates and RSS of R's nls", () => {
  const { x, y, start, estimate, rss } = ref.thurber;
  const model = (b: Float64Array, t: number) =>
    (b[0] + b[1] * t + b[2] * t * t + b[3] * t ** 3) /
    (1 + b[4] * t + b[5] * t * t + b[6] * t ** 3);
  // ill-conditioned (NIST: higher difficulty): run to a tighter relative decrease
  const fit = levenbergMarquardt((b) => x.map((t, i) => model(b, t) - y[i]), start, {
    maxIterations: 500,
    tolerance: 1e-15,
  });
  fit.x.forEach((b, j) =>
    assert.ok(Math.abs(b / estimate[j] - 1) < 1e-6, `b${j + 1}: ${b} vs R ${estimate[j]}`),
  );
  assert.ok(Math.abs(fit.cost / rss - 1) < 1e-9, `RSS ${fit.cost} vs R ${rss}`);
});

test("a user-supplied Jacobian gives the same fit; infeasible steps are rejected", () => {
  const t = [0, 1, 2, 3];
  const y = t.map((s) => 2 * Math.exp(0.5 * s));
  const f = (p: Float64Array) => t.map((s, i) => p[0] * Math.exp(p[1] * s) - y[i]);
  const jac = (p: Float64Array) =>
    Float64Array.from(t.flatMap((s) => [Math.exp(p[1] * s), p[0] * s * Math.exp(p[1] * s)]));
  const a = levenbergMarquardt(f, [1, 0]);
  const b = levenbergMarquardt(f, [1, 0], { jacobian: jac });
  assert.ok(Math.abs(a.x[0] - 2) < 1e-8 && Math.abs(a.x[1] - 0.5) < 1e-8);
  assert.ok(Math.abs(b.x[0] - 2) < 1e-8 && Math.abs(b.x[1] - 0.5) < 1e-8);
  // a residual that throws for negative parameters: the fit stays feasible
  const g = (p: Float64Array) => {
    if (p[0] <= 0) throw new Error("infeasible");
    return [Math.log(p[0]) - Math.log(3)];
  };
  assert.ok(Math.abs(levenbergMarquardt(g, [100]).x[0] - 3) < 1e-6);
  assert.throws(() => levenbergMarquardt(g, [-1]), DataError);
  const J = finiteDifferenceJacobian(
    (p) => [p[0] * p[1]],
    Float64Array.from([2, 3]),
    Float64Array.from([6]),
  );
  assert.ok(Math.abs(J[0] - 3) < 1e-6 && Math.abs(J[1] - 2) < 1e-6);
});

test("the minimax polish finds the Chebyshev centre, and keeps regularisation apart", () => {
  const r = minimaxLevenbergMarquardt((x) => [x[0], x[0] - 1, x[0] - 3], [0]);
  assert.ok(Math.abs(r.x[0] - 1.5) < 0.02, `centre ${r.x[0]}`);
  assert.ok(Math.abs(r.maxAbs - 1.5) < 0.02);
  // a line through three points, best in the maximum norm: residuals equioscillate
  const pts = [
    [0, 0],
    [1, 1],
    [2, 0],
  ];
  const line = minimaxLevenbergMarquardt((p) => pts.map(([u, v]) => p[0] + p[1] * u - v), [0, 0]);
  assert.ok(Math.abs(line.maxAbs - 0.5) < 0.02, `max ${line.maxAbs}`);
  // never worse than the start
  const start = minimaxLevenbergMarquardt((x) => [x[0] - 1], [1]);
  assert.equal(start.maxAbs, 0);
});

test("the minimax polish with a caller's Jacobian finds the same point as with differences", () => {
  const pts = [
    [0, 1],
    [1, 3],
    [2, 2],
    [3, 5],
  ];
  const f = (p: Float64Array) => pts.map(([u, v]) => p[0] + p[1] * u - v);
  const jacobian = (p: Float64Array) => ({
    r: f(p),
    J: Float64Array.from(pts.flatMap(([u]) => [1, u])),
  });
  const a = minimaxLevenbergMarquardt(f, [0, 0]);
  const b = minimaxLevenbergMarquardt(f, [0, 0], { jacobian });
  assert.ok(Math.abs(a.maxAbs - b.maxAbs) < 1e-3, `${a.maxAbs} vs ${b.maxAbs}`);
  assert.ok(Math.abs(b.maxAbs - 1) < 0.02, `Chebyshev line y = 1 + x: max ${b.maxAbs}`);
});
