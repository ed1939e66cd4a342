/**
 * `check(id, answer, params)`: the one-line self-check that ends a numeric exercise. It compares
 * the reader's answer with the answer key (paper/exercises/), recomputed under the notebook's
 * parameters, and prints ✓ or what is off — the direction and rough size of a miss, a wrong sign,
 * a missing value — never the expected answer itself.
 */
import { DataError } from "../data/errors";
import type { PaperDataOptions } from "../paper/analysis-frame";
import { EXERCISES, type ExerciseAnswer } from "../paper/exercises";
import { displayBundle, type MimeBundle } from "./display";
import { escapeHtml } from "./html";

/** The verdict of a check: whether it passed and the sentence shown. */
export interface CheckVerdict {
  ok: boolean;
  message: string;
}

function sameText(a: unknown, b: string): boolean {
  return typeof a === "string" && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Feedback on a numeric answer that misses, without the expected value. */
function numericMiss(got: number, want: number): string {
  if (!Number.isFinite(got))
    return `your answer is ${String(got)} — look for a missing value or a division by zero`;
  if (want !== 0 && Math.sign(got) !== Math.sign(want) && got !== 0)
    return "your answer has the wrong sign";
  if (want === 0) return "your answer should be (close to) zero";
  const ratio = got / want;
  if (ratio > 1.5) return `your answer is about ${ratio.toFixed(1)} times too large`;
  if (ratio < 0.67) return `your answer is about ${(1 / ratio).toFixed(1)} times too small`;
  return `your answer is ${got > want ? "a little too large" : "a little too small"} (off by ${Math.abs(100 * (ratio - 1)).toFixed(1)}%)`;
}

/**
 * Compares an answer with the expected one: numbers within a relative tolerance, text ignoring
 * case and surrounding spaces, lists element by element (in order).
 *
 * Formula: numbers pass when |a − e| ≤ tol·max(|e|, 1e-12). Throws: never.
 * @example
 * compareAnswer(0.1895, 0.18957, 0.001); // { ok: true, message: "✓ correct" }
 */
export function compareAnswer(got: unknown, want: ExerciseAnswer, tolerance = 0.001): CheckVerdict {
  if (got === undefined || got === null) return { ok: false, message: "no answer yet" };
  if (typeof want === "number") {
    if (typeof got !== "number")
      return { ok: false, message: `expected a number, got ${typeof got}` };
    const ok = Math.abs(got - want) <= tolerance * Math.max(Math.abs(want), 1e-12);
    return ok ? { ok, message: "✓ correct" } : { ok, message: `✗ ${numericMiss(got, want)}` };
  }
  if (typeof want === "boolean") {
    if (typeof got !== "boolean") return { ok: false, message: "expected true or false" };
    return got === want
      ? { ok: true, message: "✓ correct" }
      : { ok: false, message: "✗ not quite — re-read the question" };
  }
  if (typeof want === "string") {
    return sameText(got, want)
      ? { ok: true, message: "✓ correct" }
      : { ok: false, message: "✗ not quite — check the spelling or re-read the question" };
  }
  if (!Array.isArray(got)) return { ok: false, message: "expected a list" };
  if (got.length !== want.length) {
    return {
      ok: false,
      message: `✗ your list has ${got.length} entries, the answer has ${want.length}`,
    };
  }
  const wrong = want.findIndex((w, i) =>
    typeof w === "number" ? !compareAnswer(got[i], w, tolerance).ok : !sameText(got[i], String(w)),
  );
  return wrong < 0
    ? { ok: true, message: "✓ correct" }
    : { ok: false, message: `✗ entry ${wrong + 1} is not right` };
}

/**
 * Checks a reader's answer to exercise `id` against the answer key, recomputed under `params`
 * (the notebook's data and choices), and shows ✓ or what is off; outside a kernel returns the
 * output bundle.
 *
 * Throws: DataError for an unknown exercise id (listing the ids of that notebook).
 * @example
 * check("04.2", myRatio, params()); // "Exercise 04.2 (…): ✓ correct"
 */
export function check(
  id: string,
  answer: unknown,
  params: PaperDataOptions = {},
): MimeBundle | undefined {
  const exercise = EXERCISES[id];
  if (!exercise) {
    const prefix = id.split(".")[0];
    const known = Object.keys(EXERCISES).filter((k) => k.startsWith(`${prefix}.`));
    throw new DataError(`no exercise "${id}" in the answer key`, {
      hint:
        known.length > 0
          ? `exercises of notebook ${prefix}: ${known.join(", ")}`
          : 'ids look like "04.2"',
    });
  }
  const verdict = compareAnswer(answer, exercise.answer(params), exercise.tolerance);
  const text = `Exercise ${id} (${exercise.asks}): ${verdict.message}`;
  const cls = verdict.ok ? "cp-check cp-check-ok" : "cp-check cp-check-miss";
  return displayBundle({
    "text/html": `<p class="${cls}">${escapeHtml(text)}</p>`,
    "text/plain": text,
  });
}
