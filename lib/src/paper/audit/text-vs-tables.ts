/**
 * Audit rule 5 — numbers stated in the text (abstract, sections 3.1–3.3) against the tables.
 *
 * Each claim of `claims.csv` names the table cells it speaks about (`refers_to`). What the
 * claim says about them is read from the claim itself:
 * - a percentage referring to a variable's SD and mean is a coefficient of variation,
 *   CV = SD/mean × 100%;
 * - a number referring to two coefficients in a sentence that says "times" is their ratio;
 * - a number the sentence calls the "maximum" (or "average"/"mean") of a column is compared with
 *   that column's maximum (or mean) — this is how "the maximum VIF … was 2.101" is caught:
 *   2.101 is Table 4's mean, its maximum is 2.811;
 * - a number preceded by "below" is a threshold: the referenced cell must lie below it;
 * - anything else repeats a cell, possibly with fewer decimals ("0.79" for "0.790").
 * A sentence saying R² "increased" as variables were added is checked against the identity
 * that R² cannot fall when regressors are added to a nested model (one check per nested step
 * of Table 5).
 *
 * Rounding: the claim's printed interval must meet the interval the cells imply (each cell
 * occurs once in every formula, so interval arithmetic is exact). A failure means the text
 * and the table disagree: a typo, a number copied from the wrong cell or column, or a
 * mislabelled statistic — not that the estimate is wrong.
 */
import type { Interval } from "./interval";
import {
  formatInterval,
  intervalDiv,
  intervalScale,
  intervalsOverlap,
  printedInterval,
} from "./interval";
import type { AuditCell, AuditCheck, AuditClaim, AuditInput } from "./types";
import { AuditTables, auditFmt } from "./types";

/**
 * Position of the printed number in the sentence as a number of its own ("10" is not found
 * inside "2.101"); -1 if absent.
 */
function numberAt(sentence: string, printed: string): number {
  const esc = printed.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`(?<![\\d.])${esc}(?!\\d|\\.\\d)`).exec(sentence);
  return m ? m.index : -1;
}

/** Which statistic the words just before the number in the sentence attribute to it. */
function statisticNamed(sentence: string, printed: string): "max" | "min" | "mean" | null {
  const at = numberAt(sentence, printed);
  const before = (at >= 0 ? sentence.slice(0, at) : sentence).toLowerCase();
  const last = (re: RegExp) => {
    let idx = -1;
    for (const m of before.matchAll(re)) idx = m.index ?? idx;
    return idx;
  };
  const pos = {
    max: last(/\bmaximum\b|\bhighest\b|\blargest\b/g),
    min: last(/\bminimum\b|\blowest\b|\bsmallest\b/g),
    mean: last(/\baverage\b|\bmean\b/g),
  };
  const best = (Object.entries(pos) as ["max" | "min" | "mean", number][]).sort(
    (a, b) => b[1] - a[1],
  )[0];
  return best[1] >= 0 ? best[0] : null;
}

/** Whether the number is introduced as a threshold ("well below 10"). */
function isUpperThreshold(sentence: string, printed: string): boolean {
  const at = numberAt(sentence, printed);
  return at >= 0 && /\bbelow\s+$/i.test(sentence.slice(Math.max(0, at - 12), at));
}

function columnStat(T: AuditTables, cell: AuditCell, stat: "max" | "min"): Interval {
  const kind = cell.kind === "vif_mean" ? "vif" : cell.kind;
  const col = T.cells.filter(
    (c) => c.table === cell.table && c.kind === kind && c.model === cell.model,
  );
  const ivs = col.map((c) => T.interval(c));
  const f = stat === "max" ? Math.max : Math.min;
  return [f(...ivs.map((iv) => iv[0])), f(...ivs.map((iv) => iv[1]))];
}

function checkClaim(T: AuditTables, claim: AuditClaim): AuditCheck | null {
  const refs = claim.refersTo.map((id) => T.get(id));
  if (refs.length === 0) return null;
  const claimIv = printedInterval(claim.printed);
  const where = `${claim.id} (${claim.section === "Abstract" ? "abstract" : `§${claim.section}`})`;
  const refText = refs.map((r) => `${r.id} = ${r.printed}`).join(", ");
  const base = { rule: "text-vs-tables" as const, published: claim.printed };

  const make = (subject: string, implied: Interval, identity: string, failMeaning: string) => {
    const ok = intervalsOverlap(claimIv, implied);
    return {
      ...base,
      subject: `${where}: ${subject}`,
      implied,
      ok,
      note:
        `${identity}: implied ${formatInterval(implied)} vs text ${claim.printed} ${formatInterval(claimIv)}.` +
        (ok ? "" : ` ${failMeaning}`),
    };
  };

  // coefficient of variation: a percentage about one variable's SD and mean
  const sd = refs.find((r) => r.kind === "sd");
  const mean = refs.find((r) => r.kind === "mean");
  if (claim.printed.trim().endsWith("%") && sd && mean && sd.variable === mean.variable) {
    const cv = intervalScale(intervalDiv(T.interval(sd), T.interval(mean)), 100);
    return make(
      `coefficient of variation of ${sd.variable}`,
      cv,
      `CV = SD/mean × 100% = ${sd.printed}/${mean.printed}`,
      "The stated CV is not SD/mean of the printed numbers: another SD or mean, or a typo.",
    );
  }

  // ratio of two coefficients ("approximately 4.81 times")
  if (
    refs.length === 2 &&
    refs.every((r) => r.kind === "coef") &&
    /\btimes\b/i.test(claim.sentence)
  ) {
    const ratio = intervalDiv(T.interval(refs[0]), T.interval(refs[1]));
    return make(
      `ratio ${refs[0].variable}/${refs[1].variable} (${refs[0].model})`,
      ratio,
      `ratio = ${refs[0].printed}/${refs[1].printed}`,
      "The stated ratio does not follow from the printed coefficients.",
    );
  }

  const ref = refs[0];
  if (isUpperThreshold(claim.sentence, claim.printed)) {
    const bound = Number(claim.printed.replace(/%$/, ""));
    const iv = T.interval(ref);
    const ok = iv[0] < bound;
    return {
      ...base,
      subject: `${where}: ${ref.id} below ${claim.printed}`,
      implied: iv,
      ok,
      note:
        `the text says the value is below ${claim.printed}; ${ref.id} = ${ref.printed} ${formatInterval(iv)}.` +
        (ok ? "" : " The printed value is not below the stated threshold."),
    };
  }

  // a statistic named in the sentence that the referenced cell is not
  const stat = statisticNamed(claim.sentence, claim.printed);
  const cellStat =
    ref.kind === "vif_mean" || ref.kind === "mean"
      ? "mean"
      : ref.kind === "max"
        ? "max"
        : ref.kind === "min"
          ? "min"
          : null;
  if (
    (stat === "max" || stat === "min") &&
    cellStat !== stat &&
    (ref.table === 4 || ref.kind === "vif_mean")
  ) {
    const implied = columnStat(T, ref, stat);
    const word = stat === "max" ? "maximum" : "minimum";
    return make(
      `the ${word} of Table ${ref.table}'s ${ref.kind === "vif_mean" ? "VIF" : ref.kind} column`,
      implied,
      `the text calls ${claim.printed} the ${word}; the ${word} of the printed column (${T.cells
        .filter(
          (c) => c.table === ref.table && c.kind === (ref.kind === "vif_mean" ? "vif" : ref.kind),
        )
        .map((c) => c.printed)
        .join(", ")})`,
      `${claim.printed} is ${ref.id} (${ref.kind === "vif_mean" ? "the mean VIF" : ref.kind}), not the ${word}: a mislabelled statistic.${stat === "max" && implied[1] < 10 ? ` The conclusion drawn from it (no VIF near the rule-of-thumb 10) still holds for the true maximum.` : ""}`,
    );
  }

  return make(
    `repeats ${ref.id}`,
    T.interval(ref),
    `the text repeats ${refText}`,
    "The text and the table disagree: a typo or a number taken from another cell.",
  );
}

/**
 * Checks every claim that refers to a table cell, plus the nested-R² identity when the text
 * says R² increased as variables were added.
 * Throws: DataError when a claim refers to an id that is not in the tables.
 * @example
 * const checks = auditTextVsTables({ cells, claims });
 * checks.filter((c) => !c.ok).map((c) => c.subject); // ["C.3.2.vif.max (§3.2): the maximum of …"]
 */
export function auditTextVsTables(input: AuditInput): AuditCheck[] {
  const T = new AuditTables(input.cells);
  const out: AuditCheck[] = [];
  const claims = input.claims ?? [];
  for (const claim of claims) {
    const c = checkClaim(T, claim);
    if (c) out.push(c);
  }
  const r2Claim = claims.find(
    (c) => /increas/i.test(c.sentence) && c.refersTo.some((id) => T.find(id)?.kind === "r2"),
  );
  if (r2Claim) {
    const models = T.models(5);
    for (const small of models) {
      const a = T.regressors(5, small);
      for (const big of models) {
        const b = T.regressors(5, big);
        if (b.length !== a.length + 1 || !a.every((v) => b.includes(v))) continue;
        const ra = T.cell(5, "r2", small, "");
        const rb = T.cell(5, "r2", big, "");
        if (!ra || !rb) continue;
        const ia = T.interval(ra);
        const ib = T.interval(rb);
        const ok = ia[0] <= ib[1];
        const added = b.filter((v) => !a.includes(v));
        out.push({
          rule: "text-vs-tables",
          subject: `${r2Claim.id} ("R² progressively increased"): R² cannot fall from ${small} to ${big} (adds ${added.join(", ")})`,
          published: `R² ${ra.printed} → ${rb.printed}`,
          implied: ia[0],
          ok,
          note:
            `OLS with more regressors (same sample) never has a smaller R²: R²(${big}) ≥ R²(${small}) ≥ ${auditFmt(ia[0], 5)} (the implied lower bound); printed ${rb.printed}.` +
            (ok
              ? ""
              : " The larger model has a smaller R²: the models were not estimated on the same sample, or a typo."),
        });
      }
    }
  }
  return out;
}
