/**
 * Post-step: audit the paper's published numbers against each other (issue 7) and write
 * `<outDir>/audit.json`, an array of checks
 *
 *   { rule, subject, published, implied, ok, note }
 *
 * where `implied` is what the other printed numbers imply (a number, an interval [lo, hi], or
 * for a test its p-value). The audit reads only the repository's `data/published/*.csv` — it
 * needs no panel, so `ctx.dataPath` is ignored. The file is written atomically.
 */
import { writeFileAtomic } from "../runner/notebook";
import path from "node:path";
import { auditSummary, runAudit, type AuditCheck } from "cplib";
import { loadClaims, loadPublished } from "cplib";

export interface AuditContext {
  dataPath: string;
  outDir: string;
  notebooksDir: string;
  executed: string[];
  check: boolean;
}

const REPO = path.resolve(__dirname, "..", "..");

/** Runs every audit rule on the repository's published tables and claims. */
export function computeAudit(publishedDir = path.join(REPO, "data", "published")): AuditCheck[] {
  const cells = loadPublished(path.join(publishedDir, "tables.csv"));
  const claims = loadClaims(
    path.join(publishedDir, "claims.csv"),
    cells.map((c) => c.id),
  );
  return runAudit({ cells, claims });
}

export async function run(ctx: AuditContext): Promise<void> {
  const checks = computeAudit();
  writeFileAtomic(path.join(ctx.outDir, "audit.json"), JSON.stringify(checks, null, 2) + "\n");
  const failed = checks.filter((c) => !c.ok);
  const perRule = auditSummary(checks)
    .map((s) => `${s.rule} ${s.checks - s.failed}/${s.checks}`)
    .join(", ");
  console.log(
    `audit.json: ${checks.length} checks, ${failed.length} flagged (${perRule})` +
      (failed.length > 0 ? `\n  flagged: ${failed.map((c) => c.subject).join("; ")}` : ""),
  );
}
