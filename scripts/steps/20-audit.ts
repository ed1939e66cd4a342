/**
 * Post-step: audit the paper's published numbers against each other (issue 7) and against the
 * real data (issue 13), and write `<outDir>/audit.json`, an array of checks
 *
 *   { rule, subject, published, implied, ok, note }
 *
 * where `implied` is what the other printed numbers (or the real data) imply: a number, an
 * interval [lo, hi], or for a test its p-value. Rules 1–8 read only the repository's
 * `data/published/*.csv`. Rule 9 (real-data) also reads the real series of `data/real/` (the
 * columns that are real in every city-year: UIS and GOV), the panel at `ctx.dataPath` (which
 * published numbers it does not reproduce) and, for the repository's own panel, the per-cell
 * provenance (how much of the data behind each variable is real), read as notebook 07 reads
 * them (`paperData`: the codebook beside the panel, else the repository's). Notebook 07's parameters
 * (`ctx.params`) choose the published folder (`publishedDir`, default data/published/) and the
 * weighting and dropped cities of rule 9's variables. The file is written atomically.
 */
import { writeFileAtomic } from "../runner/notebook";
import path from "node:path";
import {
  auditSummary,
  loadClaims,
  loadPublished,
  loadRealSources,
  paperData,
  realShareOfVariables,
  realVariableColumns,
  reproducePublished,
  runAudit,
  type AuditCheck,
  type AuditInput,
  type PaperDataOptions,
  type PublishedRow,
} from "cplib";

export interface AuditContext {
  dataPath: string;
  outDir: string;
  notebooksDir: string;
  executed: string[];
  check: boolean;
  params?: Readonly<Record<string, unknown>>;
}

const REPO = path.resolve(__dirname, "..", "..");
const DATA = path.join(REPO, "data");

/**
 * What rule 9 reads, as notebook 07 reads it: the controls whose raw cells are all real
 * (computed from data/real/ by the codebook's formulas), the panel's published-vs-reproduced
 * comparison, and, where the panel has per-cell provenance (the repository's), the real share of
 * each variable's raw cells. The panel, its codebook and the variables come from `paperData`.
 */
export function realDataInput(
  published: PublishedRow[],
  options: PaperDataOptions = {},
): NonNullable<AuditInput["real"]> {
  const { panel, built, provenance } = paperData(options);
  const codebook = panel.codebook;
  const real = loadRealSources(path.join(DATA, "real"), codebook);
  let realShareByVariable: Record<string, number> | undefined;
  if (provenance) {
    const shares = realShareOfVariables(provenance, codebook, codebook.variables);
    realShareByVariable = Object.fromEntries(
      Object.entries(shares.byVariable).map(([v, s]) => [v, s.share]),
    );
  }
  return {
    realColumns: realVariableColumns(real, codebook),
    comparison: reproducePublished(built.frame, published),
    realShareByVariable,
  };
}

/** Runs every audit rule on the published tables and claims of `publishedDir` and the real data. */
export function computeAudit(
  publishedDir = path.join(DATA, "published"),
  options: PaperDataOptions = {},
): AuditCheck[] {
  const cells = loadPublished(path.join(publishedDir, "tables.csv"));
  const claims = loadClaims(
    path.join(publishedDir, "claims.csv"),
    cells.map((c) => c.id),
  );
  return runAudit({ cells, claims, real: realDataInput(cells, options) });
}

export async function run(ctx: AuditContext): Promise<void> {
  const p = ctx.params ?? {};
  const checks = computeAudit(p.publishedDir as string | undefined, {
    data: ctx.dataPath,
    weighting: p.weighting as PaperDataOptions["weighting"],
    dropCities: p.dropCities as string[] | undefined,
  });
  writeFileAtomic(path.join(ctx.outDir, "audit.json"), JSON.stringify(checks, null, 2) + "\n");
  const failed = checks.filter((c) => !c.ok);
  const perRule = auditSummary(checks)
    .map((s) => `${s.rule} ${s.checks - s.failed}/${s.checks}`)
    .join(", ");
  console.log(
    `audit.json: ${checks.length} checks, ${failed.length} flagged (${perRule})` +
      (failed.length > 0 && failed.length <= 5
        ? `\n  flagged: ${failed.map((c) => c.subject).join("; ")}`
        : ""),
  );
}
