/**
 * The model figures (lib/src/present/model-figures.ts) draw what the library computes: the fit
 * line is the OLS line, the QQ points are the studentized residuals against normal quantiles,
 * the influence chart names the largest Cook's distances, the within slope is the fixed-effects
 * slope, and the bootstrap histogram holds every t*.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  bootstrapFigure,
  influenceFigure,
  olsInfluence,
  ols,
  paperData,
  qqFigure,
  residualsFittedFigure,
  rowLabelsOf,
  scatterFitFigure,
  wildClusterBootstrap,
  withinBetweenFigure,
} from "cplib";

const df = paperData().columns;
const m6 = ols("CO ~ NQP + TRADE + UIS + GOV + RCY", df);
type Trace = Record<string, unknown> & { x: number[]; y: number[]; text?: string[] };

test("scatter with the fitted line and an optional colour variable", () => {
  const fig = scatterFitFigure(df, "NQP", "CO", { color: "TRADE" });
  const [points, line] = fig.data as Trace[];
  assert.equal(points.x.length, 110);
  const fit = ols("CO ~ NQP", df);
  const x0 = line.x[0];
  assert.ok(Math.abs(line.y[0] - (fit.params.Intercept + fit.params.NQP * x0)) < 1e-12);
  assert.ok((points.marker as { showscale: boolean }).showscale);
});

test("residuals against fitted values, QQ plot and influence", () => {
  const labels = rowLabelsOf(df);
  assert.equal(labels[0], "Hangzhou 2014");
  const rf = residualsFittedFigure(m6, { labels }).data[0] as Trace;
  assert.deepEqual(rf.y, m6.resid);
  const qq = qqFigure(m6, { labels }).data[0] as Trace;
  assert.equal(qq.x.length, 110);
  assert.ok(
    qq.y.every((v, i) => i === 0 || v >= qq.y[i - 1]),
    "sorted residuals",
  );
  const inf = olsInfluence(m6);
  const top = inf.cooksDistance.indexOf(Math.max(...inf.cooksDistance));
  const pts = influenceFigure(m6, { labels, top: 3 }).data[0] as Trace;
  assert.equal(pts.text?.[top], labels[top]);
  assert.equal(pts.text?.filter((t) => t !== "").length, 3);
  assert.throws(() => influenceFigure(m6, { labels: ["x"] }));
});

test("within slope is the fixed-effects slope; the bootstrap histogram has every draw", () => {
  const fig = withinBetweenFigure(df, "NQP", "CO", "city");
  const within = fig.data[3] as Trace;
  const slope = (within.y[1] - within.y[0]) / (within.x[1] - within.x[0]);
  assert.ok(Math.abs(slope - ols("CO ~ NQP | city", df).params.NQP) < 1e-10);
  const wb = wildClusterBootstrap("CO ~ NQP + TRADE", df, {
    param: "TRADE",
    cluster: "city",
    draws: 199,
    seed: 1,
  });
  const hist = bootstrapFigure(wb).data[0] as Trace;
  assert.equal(hist.x.length, 199);
});
