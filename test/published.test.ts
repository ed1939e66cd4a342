import { test } from "node:test";
import assert from "node:assert/strict";
import { comparePublished, decimalsOf, formatFixed, matchesPublished, roundHalfUp } from "cplib";
import { DataError } from "cplib";

test("decimalsOf counts printed decimals, ignoring stars, parentheses and %", () => {
  assert.equal(decimalsOf("0.190"), 3);
  assert.equal(decimalsOf("17.25"), 2);
  assert.equal(decimalsOf("110"), 0);
  assert.equal(decimalsOf("-0.00"), 2);
  assert.equal(decimalsOf("(17.25)"), 2);
  assert.equal(decimalsOf("0.790***"), 3);
  assert.equal(decimalsOf("76.3%"), 1);
  assert.equal(decimalsOf("−0.248"), 3); // typographic minus
  assert.throws(() => decimalsOf("n/a"), DataError);
  assert.throws(() => decimalsOf(""), DataError);
  assert.throws(() => decimalsOf("1e-3"), DataError);
});

test("roundHalfUp rounds the decimal digits, not the binary value", () => {
  // the doubles nearest these decimals lie just below the tie: Math.round/toFixed round down
  assert.equal((0.1445).toFixed(3), "0.144");
  assert.equal(roundHalfUp(0.1445, 3), 0.145);
  assert.equal(roundHalfUp(1.005, 2), 1.01);
  assert.equal(roundHalfUp(2.675, 2), 2.68);
  assert.equal(roundHalfUp(0.0005, 3), 0.001);
  assert.equal(roundHalfUp(-0.0005, 3), -0.001); // ties away from zero
  assert.equal(roundHalfUp(-2.675, 2), -2.68);
  assert.equal(roundHalfUp(0.14449999, 3), 0.144);
  assert.equal(roundHalfUp(9.9995, 3), 10);
  assert.equal(roundHalfUp(2.5, 0), 3);
  assert.equal(roundHalfUp(1.5e-7, 7), 2e-7); // exponent notation
  assert.equal(roundHalfUp(123456789.125, 2), 123456789.13);
  assert.equal(roundHalfUp(0, 3), 0);
  assert.throws(() => roundHalfUp(NaN, 2), DataError);
  assert.throws(() => roundHalfUp(1, -1), DataError);
  assert.throws(() => roundHalfUp(1, 1.5), DataError);
});

test("formatFixed pads, rounds half-up and keeps the sign of a negative zero", () => {
  assert.equal(formatFixed(0.1445, 3), "0.145");
  assert.equal(formatFixed(0.19, 3), "0.190");
  assert.equal(formatFixed(17.249999, 2), "17.25");
  assert.equal(formatFixed(-0.003, 2), "-0.00"); // as printf and the paper (Table 5, Adj. R²)
  assert.equal(formatFixed(0, 2), "0.00");
  assert.equal(formatFixed(-0, 2), "0.00");
  assert.equal(formatFixed(-0.005, 2), "-0.01");
  assert.equal(formatFixed(0.999, 2), "1.00");
  assert.equal(formatFixed(110, 0), "110");
  assert.equal(formatFixed(1e21, 1), "1000000000000000000000.0");
  assert.equal(formatFixed(-7.1, 2), "-7.10");
});

test("matchesPublished: rounded half-up to the printed decimals equals the printed string", () => {
  assert.ok(matchesPublished(0.19049, "0.190"));
  assert.ok(matchesPublished(0.1895, "0.190"));
  assert.ok(!matchesPublished(0.18949, "0.190"));
  assert.ok(!matchesPublished(0.1905, "0.190"));
  assert.ok(matchesPublished(17.254, "(17.25)"));
  assert.ok(matchesPublished(0.79012, "0.790***"));
  assert.ok(matchesPublished(-0.2484, "-0.248"));
  assert.ok(!matchesPublished(0.2484, "-0.248"));
  assert.ok(matchesPublished(110, "110"));
  assert.ok(!matchesPublished(NaN, "0.190"));
});

test('"-0.00" matches (−0.005, 0]; "0.00" matches (−0.005, 0.005)', () => {
  assert.ok(matchesPublished(-0.0049, "-0.00"));
  assert.ok(matchesPublished(0, "-0.00"));
  assert.ok(!matchesPublished(0.0001, "-0.00"));
  assert.ok(!matchesPublished(-0.005, "-0.00"));
  assert.ok(matchesPublished(0.0049, "0.00"));
  assert.ok(matchesPublished(-0.0049, "0.00"));
  assert.ok(!matchesPublished(0.005, "0.00"));
});

test("comparePublished fills a comparison row", () => {
  const c = comparePublished("T5.m3.TRADE.coef", "Model (3), TRADE", "0.190", 0.19021);
  assert.equal(c.decimals, 3);
  assert.equal(c.match, true);
  assert.ok(Math.abs(c.difference - 0.00021) < 1e-15);
  assert.equal(c.published, "0.190");
  const miss = comparePublished("T5.m2.adj_r2", "Model (2), Adj. R²", "-0.00", 0.003);
  assert.equal(miss.match, false);
});
