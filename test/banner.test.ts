// The reconstructed-data banner says how much of what it shows is real; the provenance picture
// draws every cell of the panel by kind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  DataError,
  PROVENANCE_COLOURS,
  bannerBundle,
  loadCodebook,
  loadProvenance,
  paperBanner,
  provenanceFigure,
  realShareOfVariables,
  realShareSentence,
} from "cplib";

const DATA = join(__dirname, "..", "data");
const cb = loadCodebook(join(DATA, "codebook.json"));
const prov = loadProvenance(join(DATA, "provenance.csv"), cb);

test("the banner states the real share of the cells behind what it shows", () => {
  const share = realShareOfVariables(prov, cb, ["UIS", "GOV"]);
  const all = bannerBundle("Table 3.", { ...share, what: ["UIS", "GOV"] });
  assert.match(
    all["text/plain"] as string,
    /Here all 440 raw cells behind UIS and GOV are real\. Table 3\.$/,
  );
  const nqp = realShareOfVariables(prov, cb, ["NQP"]);
  const b = bannerBundle("<NQP>", { ...nqp, what: "NQP" });
  const pct = Math.round((100 * nqp.real) / nqp.total);
  assert.match(
    b["text/plain"] as string,
    new RegExp(
      `Here ${nqp.real.toLocaleString("en-US")} of the ${nqp.total.toLocaleString("en-US")} raw cells behind NQP \\(${pct}%\\) are real, \\d+ interpolated`,
    ),
  );
  const html = b["text/html"] as string;
  assert.match(html, /^<div class="cp-banner cp-banner-reconstructed"/);
  assert.match(html, /<strong class="cp-banner-share">Here /);
  assert.match(html, /<em>&lt;NQP&gt;<\/em><\/div>$/);
  // without a share the banner is the common text only
  assert.doesNotMatch(bannerBundle()["text/plain"] as string, /Here|undefined/);
  assert.equal(realShareSentence({ real: 0, total: 0 }), "");
});

test("the provenance picture: one row per raw column, one column per city-year, three colours", () => {
  const fig = provenanceFigure(prov, cb);
  const trace = fig.data[0] as { z: number[][]; x: string[]; y: string[]; text: string[][] };
  assert.equal(trace.y.length, 25);
  assert.equal(trace.x.length, 110);
  assert.deepEqual(trace.x.slice(0, 2), ["Hangzhou 2014", "Hangzhou 2015"]);
  const counts = [0, 0, 0];
  for (const row of trace.z) for (const v of row) counts[v]++;
  assert.deepEqual(counts, [863, 120, 1767]); // reconstructed, interpolated, real
  const gov = trace.y.indexOf("fiscal_expenditure");
  assert.ok(
    trace.z[gov].every((v) => v === 2),
    "fiscal expenditure is real in every city-year",
  );
  assert.match(trace.text[trace.y.indexOf("st_personnel")][0], /reconstructed/);
  assert.match(
    (fig.layout?.title as { text: string }).text,
    /1,767 of 2,750 raw cells real \(64%\)/,
  );
  assert.equal(Object.keys(PROVENANCE_COLOURS).length, 3);
  const some = provenanceFigure(prov, cb, { columns: ["exports", "imports"], cities: ["Ningbo"] });
  assert.deepEqual((some.data[0] as { z: number[][] }).z[0], [0, 0, 0, 0, 2, 2, 2, 2, 2, 2]);
  assert.throws(() => provenanceFigure(prov, cb, { columns: ["gpd"] }), DataError);
});

test("paperBanner counts the real cells behind the variables on the panel the notebook uses", () => {
  const all = paperBanner(["UIS", "GOV"]) as Record<string, string>;
  assert.match(
    all["text/plain"],
    /^Real data\. Here all 440 raw cells behind UIS and GOV are real\./,
  );
  const some = paperBanner(["CO"], "A note.", { dropCities: ["Hangzhou"] }) as Record<
    string,
    string
  >;
  assert.match(
    some["text/plain"],
    /^⚠ Reconstructed data\..* raw cells behind CO \(\d+%\) are real.*A note\.$/s,
  );
  assert.match(some["text/html"], /cp-banner-reconstructed/);
});
