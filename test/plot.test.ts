import { test } from "node:test";
import assert from "node:assert/strict";
import {
  coefficientPlotFigure,
  correlationHeatmapFigure,
  distributionFigure,
  indexPathsFigure,
  regionalFitFigure,
  weightsFigure,
} from "cplib";
import { DataError } from "cplib";

type Trace = Record<string, unknown>;

const frame = {
  city: ["Lishui", "Lishui", "Hangzhou", "Hangzhou", "Atlantis"],
  year: [2015, 2014, 2014, 2015, 2014],
  region: ["Southwest", "Southwest", "Northeast", "Northeast", "Northeast"],
  CO: [0.2, 0.1, 0.8, 0.9, 0.5],
};

test("indexPathsFigure: one line per city, paper order first, years sorted", () => {
  const fig = indexPathsFigure(frame, "CO");
  const traces = fig.data as Trace[];
  assert.deepEqual(
    traces.map((t) => t.name),
    ["Hangzhou", "Lishui", "Atlantis"],
  );
  assert.deepEqual(traces[1].x, [2014, 2015]);
  assert.deepEqual(traces[1].y, [0.1, 0.2]);
  assert.throws(() => indexPathsFigure(frame, "NQP"), /no column "NQP"/);
  assert.throws(
    () => indexPathsFigure({ ...frame, CO: [0.1, "x", 0, 0, 0] }, "CO"),
    (e: unknown) => e instanceof DataError && /row 2/.test(e.message),
  );
});

test("weightsFigure: bars split by direction, in indicator order", () => {
  const fig = weightsFigure({
    names: ["a", "b", "c"],
    weights: [0.5, 0.3, 0.2],
    directions: ["+", "-", "+"],
  });
  const [benefit, cost] = fig.data as Trace[];
  assert.deepEqual(benefit.y, ["a", "c"]);
  assert.deepEqual(benefit.x, [0.5, 0.2]);
  assert.deepEqual(cost.y, ["b"]);
  const yaxis = fig.layout?.yaxis as { categoryarray: string[] };
  assert.deepEqual(yaxis.categoryarray, ["c", "b", "a"]); // top to bottom: a, b, c
  assert.throws(() => weightsFigure({ names: ["a"], weights: [0.5, 0.5] }), DataError);
});

test("distributionFigure: one box per group and variable, dropdown toggles visibility", () => {
  const fig = distributionFigure({ ...frame, NQP: [1, 2, 3, 4, 5] }, ["CO", "NQP"], "region");
  const traces = fig.data as Trace[];
  assert.equal(traces.length, 4);
  assert.deepEqual(
    traces.map((t) => t.visible),
    [true, true, false, false],
  );
  assert.deepEqual(traces[0].y, [0.2, 0.1]); // Southwest appears first in the frame
  const menus = fig.layout?.updatemenus as { buttons: { args: [{ visible: boolean[] }] }[] }[];
  assert.deepEqual(menus[0].buttons[1].args[0].visible, [false, false, true, true]);
  const single = distributionFigure(frame, "CO", "city");
  assert.equal(single.layout?.updatemenus, undefined);
});

test("correlationHeatmapFigure checks the matrix shape and fixes the colour range", () => {
  const fig = correlationHeatmapFigure(
    ["a", "b"],
    [
      [1, -0.25],
      [-0.25, 1],
    ],
  );
  const [heat] = fig.data as Trace[];
  assert.equal(heat.zmin, -1);
  assert.equal(heat.zmax, 1);
  assert.deepEqual(heat.text, [
    ["1.00", "-0.25"],
    ["-0.25", "1.00"],
  ]);
  assert.throws(() => correlationHeatmapFigure(["a", "b"], [[1, 0]]), DataError);
});

test("coefficientPlotFigure: asymmetric error bars from the confidence interval", () => {
  const models = [
    {
      label: "(1)",
      result: {
        names: ["const", "NQP"],
        params: [0.1, 0.8],
        confInt: [
          [0, 0.2],
          [0.7, 0.95],
        ],
      },
    },
    {
      label: "(2)",
      result: {
        names: ["const", "TRADE"],
        params: [0.3, 0.1],
        confInt: [
          [0.2, 0.4],
          [-0.1, 0.3],
        ],
      },
    },
  ];
  const fig = coefficientPlotFigure(models, ["NQP", "TRADE"]);
  const [m1, m2] = fig.data as (Trace & { error_y: { array: number[]; arrayminus: number[] } })[];
  assert.deepEqual(m1.x, ["NQP"]);
  assert.ok(Math.abs(m1.error_y.array[0] - 0.15) < 1e-12);
  assert.ok(Math.abs(m1.error_y.arrayminus[0] - 0.1) < 1e-12);
  assert.deepEqual(m2.x, ["TRADE"]);
  assert.throws(() => coefficientPlotFigure(models, ["GOV"]), DataError);
});

test("regionalFitFigure: points plus a fitted line over each group's x range", () => {
  const fig = regionalFitFigure([
    { name: "NE", x: [-1, 2, 0], y: [0, 1, 2], slope: 0.5, intercept: 1, text: ["a", "b", "c"] },
  ]);
  const [points, line] = fig.data as Trace[];
  assert.deepEqual(points.text, ["a", "b", "c"]);
  assert.deepEqual(line.x, [-1, 2]);
  assert.deepEqual(line.y, [0.5, 2]);
  assert.throws(
    () => regionalFitFigure([{ name: "NE", x: [1], y: [1, 2], slope: 1, intercept: 0 }]),
    DataError,
  );
  assert.throws(
    () => regionalFitFigure([{ name: "NE", x: [NaN], y: [1], slope: 1, intercept: 0 }]),
    DataError,
  );
});
