/**
 * The audit: do the paper's published numbers agree with each other? (issue 7)
 *
 * Eight rules, one file each, all running on the printed tables and text alone (no data):
 *  1. stars-vs-p            significance stars vs p from t and the residual df
 *  2. bivariate-identities  R² from t; slope from r·s_y/s_x; intercept from the means; t(a) from t(b)
 *  3. adjusted-r2           adj. R² from R², N, k (Tables 5 and 6)
 *  4. vif-consistency       1/VIF vs VIF; the mean VIF
 *  5. text-vs-tables        every numeric claim of the text vs the tables
 *  6. table6-specification  which regressor counts fit Table 6's t, R², adj. R², N
 *  7. regional-difference   z test of the two regions' coefficients (independence assumed)
 *  8. joint-moments         one moment set reproducing Tables 3–5 together
 *  9. real-data             Tables 3–5 with the real columns fixed; every number the panel misses
 *                           (only when `input.real` is given: it reads data, not just the tables)
 * Every printed number stands for its rounding interval (interval.ts); a check fails only
 * when no values inside the printed intervals satisfy it.
 */
import { auditAdjustedR2 } from "./adjusted-r2";
import { auditBivariateIdentities } from "./bivariate-identities";
import type { JointMomentsResult } from "./joint-moments";
import { auditJointMoments, auditRecoverJointMoments } from "./joint-moments";
import { auditRegionalDifference } from "./regional-difference";
import { auditStarsVsP } from "./stars-vs-p";
import { auditTable6Specification } from "./table6-specification";
import { auditTextVsTables } from "./text-vs-tables";
import { auditVifConsistency } from "./vif-consistency";
import { auditRealData } from "./real-data";
import type { AuditCheck, AuditInput, AuditRuleName } from "./types";

export * from "./types";
export * from "./interval";
export * from "./stars-vs-p";
export * from "./bivariate-identities";
export * from "./adjusted-r2";
export * from "./vif-consistency";
export * from "./text-vs-tables";
export * from "./table6-specification";
export * from "./regional-difference";
export * from "./joint-moments";
export * from "./real-data";

/** The rules in the order they run and are reported. */
export const AUDIT_RULES: readonly AuditRuleName[] = [
  "stars-vs-p",
  "bivariate-identities",
  "adjusted-r2",
  "vif-consistency",
  "text-vs-tables",
  "table6-specification",
  "regional-difference",
  "joint-moments",
  "real-data",
];

/**
 * Runs every audit rule (or the ones named in `opts.rules`) and returns all checks in rule order.
 *
 * Formula: see each rule's file. Throws: DataError when a cell a rule needs is missing or
 * malformed (naming the id), or when a claim refers to an unknown cell.
 * @example
 * const checks = runAudit({ cells: loadPublished(tablesCsv), claims: loadClaims(claimsCsv) });
 * checks.filter((c) => !c.ok).length; // the findings
 */
export function runAudit(
  input: AuditInput,
  opts: { rules?: AuditRuleName[]; joint?: JointMomentsResult } = {},
): AuditCheck[] {
  const want = new Set(opts.rules ?? AUDIT_RULES);
  // rules 8 and 9 both start from the joint moments: recover them once
  let joint = opts.joint;
  const jointOnce = () => (joint ??= auditRecoverJointMoments(input));
  const run: Record<AuditRuleName, () => AuditCheck[]> = {
    "stars-vs-p": () => auditStarsVsP(input),
    "bivariate-identities": () => auditBivariateIdentities(input),
    "adjusted-r2": () => auditAdjustedR2(input),
    "vif-consistency": () => auditVifConsistency(input),
    "text-vs-tables": () => auditTextVsTables(input),
    "table6-specification": () => auditTable6Specification(input),
    "regional-difference": () => auditRegionalDifference(input),
    "joint-moments": () => auditJointMoments(input, jointOnce()),
    "real-data": () =>
      input.real
        ? auditRealData({ cells: input.cells, ...input.real }, { joint: jointOnce() })
        : [],
  };
  return AUDIT_RULES.filter((r) => want.has(r)).flatMap((r) => run[r]());
}

/**
 * Counts of checks and failures per rule, for summaries (rules without checks are left out).
 *
 * Formula: per rule, checks = #{c : c.rule = rule}, failed = #{c : c.rule = rule, ¬c.ok}.
 * Throws: nothing.
 * @example
 * auditSummary(runAudit({ cells }));
 * // one { rule, checks, failed } per rule that produced checks, in AUDIT_RULES order
 */
export function auditSummary(
  checks: AuditCheck[],
): { rule: AuditRuleName; checks: number; failed: number }[] {
  return AUDIT_RULES.map((rule) => {
    const mine = checks.filter((c) => c.rule === rule);
    return { rule, checks: mine.length, failed: mine.filter((c) => !c.ok).length };
  }).filter((s) => s.checks > 0);
}
