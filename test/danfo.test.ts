// danfojs-node as this project installs it: "@tensorflow/tfjs-node" is replaced by the local
// shim shims/tfjs-node (tfjs-lite, plain double-precision JavaScript), "request" and "xlsx" by
// stubs that throw a message, and danfo's mathjs 9 copy by the project's mathjs (package.json
// `overrides` + the `shims/*` workspaces). This file pins every danfo operation the project
// relies on to a plain float64 computation on the real panel, checks that loading and using
// danfo prints nothing (no tfjs "install the node backend" banner can reach a notebook), and
// tests the shim's tensor semantics directly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";
import path from "node:path";
import * as dfd from "danfojs-node";
import * as tf from "@tensorflow/tfjs-node";
import { loadPanel } from "cplib";

const ROOT = path.resolve(__dirname, "..");
const panel = loadPanel(path.join(ROOT, "data", "zhejiang_panel.csv"));
const NUMERIC = ["gdp", "primary_va", "secondary_va", "tertiary_va"] as const;

/** The panel's real columns (complete: no empty cell) as plain arrays. */
const columns = {
  city: panel.rows.map((r) => r.city),
  year: panel.rows.map((r) => r.year),
  region: panel.rows.map((r) => r.region),
  ...Object.fromEntries(NUMERIC.map((c) => [c, panel.rows.map((r) => r.values[c] as number)])),
} as Record<string, (string | number)[]>;
const num = (name: (typeof NUMERIC)[number]) => columns[name] as number[];
const n = panel.rows.length;

// ---- float64 references, written out the way the textbooks define them ----
const sum = (x: number[]) => x.reduce((a, b) => a + b, 0);
const mean = (x: number[]) => sum(x) / x.length;
const variance = (x: number[]) => {
  const m = mean(x);
  return sum(x.map((v) => (v - m) * (v - m))) / (x.length - 1);
};
const median = (x: number[]) => {
  const s = [...x].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

/** Equal in double precision: within a few units in the last place (float32 would be ~1e-7). */
function close(actual: unknown, expected: number, what: string): void {
  assert.equal(typeof actual, "number", `${what}: ${String(actual)} is not a number`);
  const a = actual as number;
  const tol = 4 * Number.EPSILON * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(a - expected) <= tol, `${what}: ${a} ≠ ${expected} (float64)`);
}
function closeAll(actual: unknown, expected: number[], what: string): void {
  assert.ok(Array.isArray(actual), `${what}: not an array`);
  assert.equal((actual as unknown[]).length, expected.length, `${what}: length`);
  expected.forEach((e, i) => close((actual as unknown[])[i], e, `${what}[${i}]`));
}
const frame = () => new dfd.DataFrame(columns);

test("danfojs-node loads the local tfjs-lite shim and the stubs, not the npm packages", () => {
  const from = path.dirname(require.resolve("danfojs-node"));
  const resolved = (id: string) => realpathSync(require.resolve(id, { paths: [from] }));
  assert.equal(
    resolved("@tensorflow/tfjs-node"),
    path.join(ROOT, "shims", "tfjs-node", "index.js"),
  );
  assert.equal(resolved("request"), path.join(ROOT, "shims", "request", "index.js"));
  assert.equal(resolved("xlsx"), path.join(ROOT, "shims", "xlsx", "index.js"));
  assert.equal(
    realpathSync(require.resolve("mathjs", { paths: [from] })),
    realpathSync(require.resolve("mathjs")),
    "danfo must use the project's mathjs, not a second copy",
  );
  assert.equal((dfd.tensorflow as typeof tf).Tensor, tf.Tensor);
});

test("loading and using danfo prints nothing (no tfjs banner can reach a notebook)", () => {
  const script = [
    'const dfd = require("danfojs-node");',
    "const df = new dfd.DataFrame({ a: [1, 2, 3], b: [0.5, 1.5, 2.5] });",
    "df.add(df); df.mul(2).sub(1).div(df); df['a'].argMax(); df.describe();",
    "new dfd.StandardScaler().fitTransform(df); new dfd.MinMaxScaler().fitTransform(df);",
    "df.groupby(['a']).col(['b']).mean();",
  ].join("\n");
  const run = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, "", "stdout");
  assert.equal(run.stderr, "", "stderr");
});

test("construction: shape, columns, dtypes, index; Series from an array", () => {
  const df = frame();
  assert.deepEqual(df.shape, [n, 3 + NUMERIC.length]);
  assert.deepEqual(df.columns, ["city", "year", "region", ...NUMERIC]);
  assert.deepEqual(df.dtypes, ["string", "int32", "string", ...NUMERIC.map(() => "float32")]);
  assert.deepEqual(df.index, [...Array(n).keys()]);
  const s = new dfd.Series(num("gdp"), { index: columns.city.map((c, i) => `${c}-${i}`) });
  assert.equal(s.shape[0], n);
  assert.deepEqual(s.values, num("gdp"));
  assert.equal(s.index[0], `${columns.city[0]}-0`);
  // from rows (array of records) gives the same frame
  const rows = panel.rows.map((r) => ({ city: r.city, gdp: r.values.gdp }));
  assert.deepEqual(new dfd.DataFrame(rows).column("gdp").values, num("gdp"));
});

test("head, tail, column selection, loc/iloc by label, position and boolean mask, query", () => {
  const df = frame();
  assert.deepEqual(df.head(3).column("gdp").values, num("gdp").slice(0, 3));
  assert.deepEqual(df.tail(2).column("gdp").values, num("gdp").slice(-2));
  assert.deepEqual(df.tail(2).index, [n - 2, n - 1]);
  assert.deepEqual((df["gdp"] as dfd.Series).values, num("gdp"));
  assert.deepEqual(df.loc({ columns: ["city", "gdp"] }).columns, ["city", "gdp"]);
  assert.deepEqual(df.iloc({ rows: [0, 2], columns: [3] }).values, [
    [num("gdp")[0]],
    [num("gdp")[2]],
  ]);
  assert.deepEqual(df.iloc({ rows: ["1:4"] }).index, [1, 2, 3]);

  const northeast = columns.region.map((r) => r === "Northeast");
  const picked = df.loc({ rows: northeast });
  assert.deepEqual(
    df.loc({ rows: (df["year"] as dfd.Series).eq(2014) }).column("city").values,
    panel.cities,
  );
  assert.deepEqual(
    picked.column("gdp").values,
    num("gdp").filter((_, i) => northeast[i]),
  );
  assert.deepEqual(
    picked.index,
    northeast.flatMap((b, i) => (b ? [i] : [])),
  );
  const big = df.query((df["gdp"] as dfd.Series).gt(5000));
  assert.deepEqual(
    big.column("gdp").values,
    num("gdp").filter((v) => v > 5000),
  );
  const both = df.query(
    (df["gdp"] as dfd.Series).gt(3000).and((df["year"] as dfd.Series).ge(2020)),
  );
  assert.deepEqual(
    both.column("year").values,
    (columns.year as number[]).filter((y, i) => num("gdp")[i] > 3000 && y >= 2020),
  );
});

test("addColumn, drop, sortValues, concat", () => {
  const df = frame();
  const share = num("tertiary_va").map((t, i) => t / num("gdp")[i]);
  const withShare = df.addColumn("share", share, { inplace: false }) as dfd.DataFrame;
  assert.deepEqual(withShare.column("share").values, share);
  assert.deepEqual(df.columns.includes("share"), false, "addColumn({inplace:false}) copies");
  const dropped = withShare.drop({ columns: ["share", "region"] }) as dfd.DataFrame;
  assert.deepEqual(dropped.columns, ["city", "year", ...NUMERIC]);

  const sorted = df.sortValues("gdp", { ascending: false }) as dfd.DataFrame;
  const order = [...num("gdp").keys()].sort((a, b) => num("gdp")[b] - num("gdp")[a]);
  assert.deepEqual(
    sorted.column("gdp").values,
    order.map((i) => num("gdp")[i]),
  );
  assert.deepEqual(sorted.index, order);

  const stacked = dfd.concat({ dfList: [df.head(2), df.tail(3)], axis: 0 }) as dfd.DataFrame;
  assert.deepEqual(stacked.column("gdp").values, [
    ...num("gdp").slice(0, 2),
    ...num("gdp").slice(-3),
  ]);
  const side = dfd.concat({
    dfList: [df.loc({ columns: ["city"] }), df.loc({ columns: ["gdp"] })],
    axis: 1,
  }) as dfd.DataFrame;
  assert.deepEqual(side.columns, ["city", "gdp"]);
});

test("Series arithmetic, apply and statistics equal float64 computations", () => {
  const df = frame();
  const gdp = df["gdp"] as dfd.Series;
  const sec = df["secondary_va"] as dfd.Series;
  const g = num("gdp");
  const s2 = num("secondary_va");
  closeAll(
    gdp.add(1.5).values,
    g.map((v) => v + 1.5),
    "add scalar",
  );
  closeAll(
    gdp.sub(sec).values,
    g.map((v, i) => v - s2[i]),
    "sub Series",
  );
  closeAll(
    gdp.mul(0.1).values,
    g.map((v) => v * 0.1),
    "mul scalar",
  );
  closeAll(
    sec.div(gdp).values,
    s2.map((v, i) => v / g[i]),
    "div Series",
  );
  closeAll(gdp.apply((v: number) => Math.log(v)).values, g.map(Math.log), "apply");
  close(gdp.mean(), mean(g), "mean");
  close(gdp.std(), Math.sqrt(variance(g)), "std");
  close(gdp.var(), variance(g), "var");
  close(gdp.median(), median(g), "median");
  close(gdp.min(), Math.min(...g), "min");
  close(gdp.max(), Math.max(...g), "max");
  close(gdp.sum(), sum(g), "sum");
  assert.equal(gdp.argMax(), g.indexOf(Math.max(...g)));
  assert.equal(gdp.argMin(), g.indexOf(Math.min(...g)));
  const cities = df["city"] as dfd.Series;
  assert.deepEqual(cities.unique().values, panel.cities);
  const counts = cities.valueCounts();
  assert.deepEqual(counts.index, panel.cities);
  assert.deepEqual(
    counts.values,
    panel.cities.map((c) => columns.city.filter((x) => x === c).length),
  );
});

test("DataFrame arithmetic is exact in double precision (tfjs-lite, not float32 tensors)", () => {
  const df = frame().loc({ columns: [...NUMERIC] });
  const x = NUMERIC.map((c) => num(c));
  const rows = <T>(f: (v: number, i: number, j: number) => T) =>
    x[0].map((_, i) => x.map((col, j) => f(col[i], i, j)));
  assert.deepEqual(
    df.add(df).values,
    rows((v) => v + v),
  );
  assert.deepEqual(
    df.mul(0.1).values,
    rows((v) => v * 0.1),
  );
  assert.deepEqual(
    df.sub(1e-3).values,
    rows((v) => v - 1e-3),
  );
  assert.deepEqual(
    df.div(3).values,
    rows((v) => v / 3),
  );
  assert.deepEqual(
    df.pow(2).values,
    rows((v) => Math.pow(v, 2)),
  );
  // a Series along the rows (axis 0) and a row of numbers along the columns (axis 1)
  const gdp = frame()["gdp"] as dfd.Series;
  assert.deepEqual(
    df.div(gdp, { axis: 0 }).values,
    rows((v, i) => v / x[0][i]),
  );
  const scale = [1, 2, 4, 8];
  assert.deepEqual(
    df.mul(scale, { axis: 1 }).values,
    rows((v, _i, j) => v * scale[j]),
  );
  assert.deepEqual(
    df.lt(1000).values,
    rows((v) => v < 1000),
  );
});

test("describe and groupby(...).col([...]).mean() / agg equal float64 computations", () => {
  const df = frame();
  const d = df.loc({ columns: [...NUMERIC] }).describe();
  assert.deepEqual(d.index, ["count", "mean", "std", "min", "median", "max", "variance"]);
  NUMERIC.forEach((c, j) => {
    const col = (d.values as number[][]).map((row) => row[j]);
    const x = num(c);
    assert.equal(col[0], n);
    close(col[1], mean(x), `${c} mean`);
    close(col[2], Math.sqrt(variance(x)), `${c} std`);
    close(col[3], Math.min(...x), `${c} min`);
    close(col[4], median(x), `${c} median`);
    close(col[5], Math.max(...x), `${c} max`);
    close(col[6], variance(x), `${c} variance`);
  });

  const regions = [...new Set(columns.region as string[])];
  const byRegion = df.groupby(["region"]).col(["gdp", "tertiary_va"]).mean();
  assert.deepEqual(byRegion.columns, ["region", "gdp_mean", "tertiary_va_mean"]);
  const got = dfd.toJSON(byRegion) as Record<string, number | string>[];
  assert.deepEqual(got.map((r) => r.region).sort(), [...regions].sort());
  for (const row of got) {
    const keep = (columns.region as string[]).map((r) => r === row.region);
    close(row.gdp_mean, mean(num("gdp").filter((_, i) => keep[i])), `${row.region} gdp mean`);
    close(
      row.tertiary_va_mean,
      mean(num("tertiary_va").filter((_, i) => keep[i])),
      `${row.region} tertiary mean`,
    );
  }
  const agg = df.groupby(["city"]).agg({ gdp: ["mean", "std"], year: "count" });
  assert.deepEqual(agg.columns, ["city", "gdp_mean", "gdp_std", "year_count"]);
  for (const row of dfd.toJSON(agg) as Record<string, number | string>[]) {
    const x = num("gdp").filter((_, i) => columns.city[i] === row.city);
    close(row.gdp_mean, mean(x), `${row.city} gdp mean`);
    close(row.gdp_std, Math.sqrt(variance(x)), `${row.city} gdp std`);
    assert.equal(row.year_count, panel.years.length);
  }
});

test("toJSON, values, print and toString", (t) => {
  const df = frame().head(3);
  const json = dfd.toJSON(df) as Record<string, unknown>[];
  assert.deepEqual(json[0], {
    city: columns.city[0],
    year: columns.year[0],
    region: columns.region[0],
    ...Object.fromEntries(NUMERIC.map((c) => [c, num(c)[0]])),
  });
  assert.deepEqual(
    (df.values as unknown[][]).map((r) => r[0]),
    columns.city.slice(0, 3),
  );
  const text = df.toString();
  assert.match(text, /city/);
  assert.match(text, new RegExp(String(columns.city[0])));
  const logged: string[] = [];
  t.mock.method(console, "log", (...args: unknown[]) => logged.push(args.join(" ")));
  df.print();
  assert.equal(logged.length, 1);
  assert.match(logged[0], /gdp/);
});

test("tensor paths: scalers, argMax, sample (seeded) work on the shim", async () => {
  const df = frame().loc({ columns: ["gdp", "tertiary_va"] });
  const z = new dfd.StandardScaler().fitTransform(df) as dfd.DataFrame;
  const g = num("gdp");
  const m = mean(g);
  // StandardScaler divides by the population standard deviation (tf.moments)
  const sd = Math.sqrt(sum(g.map((v) => (v - m) ** 2)) / g.length);
  closeAll(
    (z.values as number[][]).map((r) => r[0]),
    g.map((v) => (v - m) / sd),
    "standardised gdp",
  );
  const mm = new dfd.MinMaxScaler().fitTransform(df) as dfd.DataFrame;
  const lo = Math.min(...g);
  const hi = Math.max(...g);
  closeAll(
    (mm.values as number[][]).map((r) => r[0]),
    g.map((v) => (v - lo) / (hi - lo)),
    "min-max gdp",
  );
  const a = await frame().sample(5, { seed: 3 });
  const b = await frame().sample(5, { seed: 3 });
  assert.deepEqual(a.index, b.index, "same seed, same sample");
  assert.equal(new Set(a.index).size, 5);
});

test("tfjs-lite: broadcasting, dtypes and the tfjs conventions danfo relies on", () => {
  const m = tf.tensor2d([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assert.deepEqual(m.shape, [2, 3]);
  assert.equal(m.dtype, "float32");
  assert.deepEqual(m.add(tf.tensor1d([10, 20, 30])).arraySync(), [
    [11, 22, 33],
    [14, 25, 36],
  ]);
  assert.deepEqual(m.mul(tf.tensor2d([2, 3], [2, 1])).arraySync(), [
    [2, 4, 6],
    [12, 15, 18],
  ]);
  assert.deepEqual(m.transpose().arraySync(), [
    [1, 4],
    [2, 5],
    [3, 6],
  ]);
  assert.deepEqual(m.max(0).arraySync(), [4, 5, 6]);
  assert.deepEqual(m.min(1).arraySync(), [1, 4]);
  assert.deepEqual(m.mean(0).arraySync(), [2.5, 3.5, 4.5]);
  assert.deepEqual(m.sum().arraySync(), 21);
  assert.deepEqual(m.argMax(1).arraySync(), [2, 2]);
  assert.deepEqual(m.greater(tf.scalar(3)).arraySync(), [
    [0, 0, 0],
    [1, 1, 1],
  ]);
  // tf.mod takes the divisor's sign; divNoNan gives 0 for a zero divisor
  assert.deepEqual(
    tf
      .tensor1d([-7, 7, -7])
      .mod(tf.tensor1d([3, -3, -3]))
      .arraySync(),
    [2, -2, -1],
  );
  assert.deepEqual(
    tf
      .tensor1d([1, 2])
      .divNoNan(tf.tensor1d([0, 4]))
      .arraySync(),
    [0, 0.5],
  );
  // int32 ÷ int32 floors, as in tfjs; int32 creation truncates like an Int32Array
  assert.deepEqual(
    tf
      .tensor1d([7, -7], "int32")
      .div(tf.tensor1d([2, 2], "int32"))
      .arraySync(),
    [3, -4],
  );
  assert.deepEqual(tf.tensor1d([1.9, -1.9], "int32").arraySync(), [1, -1]);
  assert.equal(tf.tensor1d(["a", "b"]).dtype, "string");
  assert.equal(tf.tensor1d([true, false]).dtype, "bool");
  const { mean: mu, variance: v } = tf.moments(tf.tensor1d([1, 2, 3, 4]), 0);
  assert.equal(mu.arraySync(), 2.5);
  assert.equal(v.arraySync(), 1.25);
  // double precision: 0.1 + 0.2 is the double, not the float32 sum
  assert.equal(tf.scalar(0.1).add(tf.scalar(0.2)).arraySync(), 0.1 + 0.2);
  assert.throws(() => tf.tensor2d([1, 2, 3], [2, 2]), /do not fill a tensor of shape \[2,2\]/);
  assert.throws(() => m.add(tf.tensor1d([1, 2])), /cannot be broadcast/);
});

test("the request and xlsx stubs fail with a message that says what to do", async () => {
  await assert.rejects(
    Promise.resolve().then(() => dfd.readCSV("https://example.invalid/x.csv")),
    /reading from a URL is not available.*local path/s,
  );
  // danfo calls xlsx inside an fs callback (an error there cannot reject readExcel's promise),
  // so the stub is checked directly, as danfo resolves it
  const from = path.dirname(require.resolve("danfojs-node"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const xlsx = require(require.resolve("xlsx", { paths: [from] }));
  assert.throws(() => xlsx.readFile("book.xlsx"), /Excel files are not supported.*CSV/s);
  assert.throws(() => xlsx.utils.sheet_to_json({}), /Excel files are not supported/);
});
