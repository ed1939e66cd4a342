// The published statistics from sample moments (lib/src/paper/moment-statistics.ts) agree with
// the pipeline's own estimates (Householder-QR OLS, VIF, describe) on the panel.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  DataError,
  buildVariables,
  compilePublishedFromMoments,
  loadPanel,
  loadPublished,
  pooledMoments,
  publishedFromMoments,
  regressionFromMoments,
  reproducePublished,
  sampleMoments,
  vifFromMoments,
} from "cplib";

const DATA = join(__dirname, "..", "data");
const { frame } = buildVariables(loadPanel(join(DATA, "zhejiang_panel.csv")));
const published = loadPublished(join(DATA, "published", "tables.csv"));
const VARS = ["CO", "NQP", "TRADE", "UIS", "GOV", "RCY"];
const cols = VARS.map((v) => frame[v] as number[]);
const rowsOf = (r: string) => frame.region.map((x, i) => (x === r ? i : -1)).filter((i) => i >= 0);

test("every moment cell of Tables 3–6 equals what the pipeline computes on the data", () => {
  const groups = {
    Northeast: sampleMoments(cols, rowsOf("Northeast")),
    Southwest: sampleMoments(cols, rowsOf("Southwest")),
  };
  const m = publishedFromMoments(published, VARS, sampleMoments(cols), groups);
  const cmp = reproducePublished(frame, published);
  let checked = 0;
  for (const c of cmp) {
    const v = m.get(c.id);
    if (c.id.endsWith(".min") || c.id.endsWith(".max")) {
      assert.equal(v, undefined, `${c.id} needs the data, not moments`);
      continue;
    }
    assert.ok(v !== undefined, c.id);
    assert.ok(
      Math.abs(v - c.reproduced) <= 1e-10 * Math.max(1, Math.abs(c.reproduced)),
      `${c.id}: ${v} vs ${c.reproduced}`,
    );
    checked++;
  }
  assert.equal(checked, 113 - 12); // all but the six minima and maxima
  // the compiled form gives the same numbers in cell order (NaN for min and max)
  const values = compilePublishedFromMoments(published, VARS)(sampleMoments(cols), groups);
  published.forEach((p, i) => {
    if (p.kind === "min" || p.kind === "max") assert.ok(Number.isNaN(values[i]));
    else assert.equal(values[i], m.get(p.id));
  });
});

test("pooled moments of the regions are the moments of all rows", () => {
  const all = sampleMoments(cols);
  const pooled = pooledMoments([
    sampleMoments(cols, rowsOf("Northeast")),
    sampleMoments(cols, rowsOf("Southwest")),
  ]);
  assert.equal(pooled.n, 110);
  pooled.means.forEach((x, i) => assert.ok(Math.abs(x - all.means[i]) < 1e-12));
  pooled.cov.forEach((row, i) =>
    row.forEach((x, j) => assert.ok(Math.abs(x - all.cov[i][j]) < 1e-12)),
  );
});

test("a regression and VIFs from moments: small cases and errors", () => {
  const m = sampleMoments([
    [1, 2, 3, 5],
    [2, 4, 5, 9],
  ]);
  const r = regressionFromMoments(m, 1, [0]);
  // y = a + b x by least squares: b = S_xy/S_xx = 5/2.9167, a = ȳ − b x̄
  assert.ok(Math.abs(r.params[1] - 5 / (35 / 12)) < 1e-12);
  assert.ok(Math.abs(r.params[0] - (5 - r.params[1] * 2.75)) < 1e-12);
  assert.deepEqual(
    vifFromMoments(
      sampleMoments([
        [1, 2, 3, 4],
        [1, 3, 2, 4],
      ]),
      [0, 1],
    ).map((v) => Math.round(v * 1000) / 1000),
    [2.778, 2.778],
  );
  assert.throws(
    () =>
      regressionFromMoments(
        sampleMoments([
          [1, 2],
          [3, 4],
        ]),
        1,
        [0],
      ),
    DataError,
  );
  assert.throws(
    () =>
      vifFromMoments(
        sampleMoments([
          [1, 2, 3],
          [2, 4, 6],
        ]),
        [0, 1],
      ),
    /not positive definite/,
  );
  assert.throws(() => sampleMoments([[1]]), DataError);
  assert.throws(
    () => publishedFromMoments(published, ["CO"], sampleMoments([[1, 2]])),
    /no variable "NQP"/,
  );
});
