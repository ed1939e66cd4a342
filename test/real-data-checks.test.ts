// The paper tested against the real series of data/real/ alone (lib/src/paper/real-data-checks.ts)
// and audit rule 9 (lib/src/paper/audit/real-data.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  DataError,
  auditFixedMoments,
  auditRealData,
  auditRecoverJointMoments,
  govFromRealData,
  loadCodebook,
  loadPublished,
  loadRealSources,
  nqpMaximumFromRealData,
  realVariableColumns,
  rcyFromRealData,
  seriesStatistics,
  tradeFromRealData,
  uisFromRealData,
} from "cplib";

const DATA = join(__dirname, "..", "data");
const cb = loadCodebook(join(DATA, "codebook.json"));
const real = loadRealSources(join(DATA, "real"), cb);
const published = loadPublished(join(DATA, "published", "tables.csv"));
const gdp = real.panel.gdp as number[];
const UIS = (real.panel.tertiary_va as number[]).map(
  (t, i) => t / (real.panel.secondary_va as number[])[i],
);
const GOV = (real.panel.fiscal_expenditure as number[]).map((f, i) => f / gdp[i]);

test("GOV from real data alone reproduces Table 3's GOV row: all four statistics", () => {
  const gov = govFromRealData(real, published);
  assert.equal(gov.n, 110);
  assert.deepEqual(
    gov.rows.map((r) => [r.statistic, r.printed, r.match]),
    [
      ["mean", "0.163", true],
      ["sd", "0.063", true],
      ["min", "0.081", true],
      ["max", "0.357", true],
    ],
  );
  assert.equal(gov.verdict, "confirms");
  assert.match(gov.note, /minimum Shaoxing 2014, maximum Lishui 2019/);
  assert.equal(uisFromRealData(real, published).verdict, "confirms");
});

test("RCY: the real maximum is Table 3's, at Hangzhou 2021, and only for all patent types", () => {
  const rcy = rcyFromRealData(real, published);
  assert.equal(rcy.n, 77);
  const max = rcy.rows[0];
  assert.deepEqual([max.statistic, max.printed, max.match], ["max", "11.716", true]);
  assert.match(max.note ?? "", /Hangzhou 2021; 122520 patents/);
  assert.deepEqual(
    rcy.alternatives.map((a) => [a.definition, a.match]),
    [
      ["ln(all patents granted)", true],
      ["ln(invention patents granted)", false],
      ["ln(patent applications)", false],
    ],
  );
  assert.ok(Math.abs(rcy.missingMeanNeeded - 9.525) < 0.001, `${rcy.missingMeanNeeded}`);
  assert.deepEqual(rcy.minimumPatents, [1835, 1836]);
  assert.deepEqual(rcy.smallestReal, { value: 1920, city: "Zhoushan", year: 2017 });
});

test("TRADE: the real 2018–2023 trade figures do not give Table 3's TRADE row", () => {
  const trade = tradeFromRealData(real, cb, published);
  assert.equal(trade.verdict, "contradicts");
  assert.ok(trade.rows.every((r) => !r.match));
  const mean = trade.rows.find((r) => r.statistic === "mean");
  assert.ok(mean && mean.value > 0.3, "TRADE's mean is well above the printed 0.236");
  assert.equal(trade.scale.n, 66);
  assert.ok(Math.abs(trade.scale.max - 1.733) < 0.001 && trade.scale.argmax.city === "Zhoushan");
  assert.equal(trade.exports2015.length, 7);
  assert.ok(trade.exports2015.filter((e) => e.share2015 > e.share2018).length >= 5);
});

test("NQP's printed maximum: Hangzhou 2023 is not Hangzhou's largest college-student share", () => {
  const nqp = nqpMaximumFromRealData(real);
  assert.deepEqual(nqp.top, { city: "Hangzhou", year: 2023 });
  assert.ok(nqp.relative < 0.9, `relative share ${nqp.relative}`);
  assert.deepEqual(
    nqp.shares.map((s) => [s.year, s.population]),
    [
      [2020, "real"],
      [2021, "interpolated"],
      [2022, "interpolated"],
      [2023, "real"],
    ],
  );
});

test("seriesStatistics: extremes with their city-years; fewer than two values is an error", () => {
  const keys = [
    { city: "A", year: 1 },
    { city: "A", year: 2 },
    { city: "B", year: 1 },
  ];
  const s = seriesStatistics([1, null, 3], keys);
  assert.deepEqual([s.n, s.mean, s.min, s.max], [2, 2, 1, 3]);
  assert.deepEqual(s.argmax, { city: "B", year: 1 });
  assert.throws(() => seriesStatistics([1, null, null], keys), DataError);
});

test("rule 9: with the real UIS and GOV, one number of Tables 3–5 must yield", () => {
  const joint = auditRecoverJointMoments({ cells: published });
  const r = auditFixedMoments(
    published,
    { UIS, GOV },
    { candidates: ["T5.m6.GOV.t", "T3.RCY.sd"], joint },
  );
  assert.ok(r.maxAbsResidual > 1, `largest residual ${r.maxAbsResidual}`);
  assert.ok(r.maxAbsResidual < 1.1);
  const gov = r.leaveOneOut.find((x) => x.id === "T5.m6.GOV.t");
  assert.ok(gov && gov.maxAbsResidual < 1, "leaving out T5.m6.GOV.t, the others can be met");
  const rcy = r.leaveOneOut.find((x) => x.id === "T3.RCY.sd");
  assert.ok(rcy && rcy.maxAbsResidual > 1, "leaving out a number not at the maximum does not help");
  // the real correlation of UIS and GOV is the one the tables imply, to within 0.01
  const implied = joint.correlation[joint.variables.indexOf("UIS")][joint.variables.indexOf("GOV")];
  assert.ok(Math.abs(implied - r.correlation[0][1]) < 0.01);
  // the checks: the moments (flagged), the correlation (confirmed), one per missed number
  const checks = auditRealData(
    {
      cells: published,
      realColumns: { UIS, GOV },
      comparison: [
        {
          id: "T3.TRADE.mean",
          label: "",
          published: "0.236",
          reproduced: 0.3,
          difference: 0.064,
          decimals: 3,
          match: false,
        },
        {
          id: "T3.GOV.mean",
          label: "",
          published: "0.163",
          reproduced: 0.1631,
          difference: 0.0001,
          decimals: 3,
          match: true,
        },
      ] as never,
      realShareByVariable: { TRADE: 0.73 },
    },
    { fixed: r, joint },
  );
  assert.equal(checks.length, 3);
  assert.equal(checks[0].ok, false);
  assert.match(checks[0].note, /Leaving out T5\.m6\.GOV\.t alone/);
  assert.equal(checks[1].ok, true);
  assert.match(checks[2].subject, /^T3\.TRADE\.mean/);
  assert.match(
    checks[2].note,
    /128 half rounding units.*73% of the raw cells behind TRADE are real/,
  );
});

test("the controls that are real in every city-year: UIS and GOV, by the codebook's formulas", () => {
  const cols = realVariableColumns(real, cb);
  assert.deepEqual(Object.keys(cols), ["UIS", "GOV"]);
  assert.deepEqual(cols.UIS, UIS);
  assert.deepEqual(cols.GOV, GOV);
});
