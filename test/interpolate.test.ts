import { test } from "node:test";
import assert from "node:assert/strict";
import { interpolateLinear, interpolatePanel } from "cplib";
import { DataError } from "cplib";

test("interior gaps are filled on the straight line between observed neighbours", () => {
  assert.deepEqual(interpolateLinear([1, null, 3]), [1, 2, 3]);
  assert.deepEqual(interpolateLinear([10, null, null, 40, 50]), [10, 20, 30, 40, 50]);
  assert.deepEqual(interpolateLinear([1, NaN, 3]), [1, 2, 3]);
  assert.deepEqual(interpolateLinear([5, 6, 7]), [5, 6, 7]);
  // unequal spacing in time is respected: 2014 → 2015 is a quarter of 2014 → 2018
  assert.deepEqual(interpolateLinear([0, null, 4], { years: [2014, 2015, 2018] }), [0, 1, 4]);
});

test("missing edges are an error naming variable, city and year, unless edges: nearest", () => {
  assert.throws(
    () =>
      interpolateLinear([null, 2, 4], {
        variable: "gdp",
        city: "Quzhou",
        years: [2014, 2015, 2016],
      }),
    (e: unknown) =>
      e instanceof DataError &&
      /variable "gdp", city Quzhou, year 2014: the first value/.test(e.message) &&
      /edges: "nearest"/.test(e.message),
  );
  assert.throws(
    () => interpolateLinear([1, 2, null], { variable: "gdp", years: [2014, 2015, 2016] }),
    /year 2016: the last value/,
  );
  assert.deepEqual(interpolateLinear([null, 2, 4, null], { edges: "nearest" }), [2, 2, 4, 4]);
});

test("bad series are DataErrors", () => {
  assert.throws(
    () => interpolateLinear([null, null], { variable: "x" }),
    /every value of the series is missing/,
  );
  assert.throws(() => interpolateLinear([1, Infinity]), DataError);
  assert.throws(() => interpolateLinear([1, 2], { years: [2015, 2014] }), /strictly increasing/);
  assert.throws(() => interpolateLinear([1, 2], { years: [2015] }), /1 years for 2 values/);
});

test("interpolatePanel fills each city along its years and lists what it filled", () => {
  const panel = [
    { city: "A", year: 2016, gdp: 3, pop: "" },
    { city: "B", year: 2014, gdp: 10, pop: 1 },
    { city: "A", year: 2014, gdp: 1, pop: 7 },
    { city: "A", year: 2015, gdp: null, pop: 8 },
    { city: "B", year: 2015, gdp: 20, pop: "2" },
    { city: "B", year: 2016, gdp: 30, pop: 3 },
    { city: "A", year: 2017, gdp: 4, pop: 10 },
  ];
  const { rows, filled } = interpolatePanel(panel, ["gdp", "pop"]);
  assert.equal(rows[3].gdp, 2);
  assert.equal(rows[0].pop, 9);
  assert.equal(rows[4].pop, 2); // numeric strings become numbers
  assert.deepEqual(filled, [
    { city: "A", year: 2015, column: "gdp", value: 2 },
    { city: "A", year: 2016, column: "pop", value: 9 },
  ]);
  assert.equal(panel[3].gdp, null, "the input is not modified");
});

test("interpolatePanel errors name city, year and column", () => {
  assert.throws(
    () =>
      interpolatePanel(
        [
          { city: "A", year: 2014, gdp: null },
          { city: "A", year: 2015, gdp: 2 },
        ],
        ["gdp"],
      ),
    /variable "gdp", city A, year 2014/,
  );
  assert.throws(
    () =>
      interpolatePanel(
        [
          { city: "A", year: 2014, gdp: 1 },
          { city: "A", year: 2014, gdp: 2 },
        ],
        ["gdp"],
      ),
    /city A, year 2014: duplicated city–year row/,
  );
  assert.throws(
    () =>
      interpolatePanel(
        [
          { city: "A", year: 2014, gdp: "1,5" },
          { city: "A", year: 2015, gdp: 2 },
        ],
        ["gdp"],
      ),
    /column "gdp", city A, year 2014: value "1,5" is not a number/,
  );
  assert.throws(
    () => interpolatePanel([{ city: "A", year: "x", gdp: 1 }], ["gdp"]),
    /no valid year/,
  );
  const { rows } = interpolatePanel(
    [
      { city: "A", year: 2014, gdp: null },
      { city: "A", year: 2015, gdp: 2 },
    ],
    ["gdp"],
    { edges: "nearest" },
  );
  assert.equal(rows[0].gdp, 2);
});
