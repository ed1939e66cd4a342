/**
 * Exercise self-checks (lib/src/present/check.ts): ✓ for a right answer, a hint of what is off for
 * a wrong one, and never the expected value in the message.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { check, compareAnswer, DataError } from "cplib";

test("numbers pass within the tolerance and miss with a direction, not the answer", () => {
  assert.equal(compareAnswer(0.18957, 0.1896).ok, true);
  const far = compareAnswer(0.5, 0.1896);
  assert.equal(far.ok, false);
  assert.match(far.message, /2\.6 times too large/);
  assert.doesNotMatch(far.message, /0\.19/);
  assert.match(compareAnswer(-0.19, 0.1896).message, /wrong sign/);
  assert.match(compareAnswer(0.185, 0.1896).message, /a little too small/);
  assert.match(compareAnswer(Number.NaN, 1).message, /NaN/);
  assert.equal(compareAnswer(undefined, 1).message, "no answer yet");
  assert.match(compareAnswer("0.19", 0.19).message, /expected a number/);
});

test("text, booleans and lists", () => {
  assert.equal(compareAnswer(" hangzhou ", "Hangzhou").ok, true);
  assert.equal(compareAnswer(true, false).ok, false);
  assert.equal(compareAnswer(["a", 2.0001], ["A", 2]).ok, true);
  assert.match(compareAnswer(["a"], ["a", "b"]).message, /1 entries/);
  assert.match(compareAnswer(["a", 3], ["a", 2]).message, /entry 2/);
});

test("an unknown exercise id is refused by name", () => {
  assert.throws(
    () => check("99.1", 1),
    (e: unknown) => e instanceof DataError && /"99\.1"/.test(e.message),
  );
});
