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
 * provenance (how much of the data behind each variable is real). Notebook 07's parameters
 * (`ctx.params`) choose the published folder (`publishedDir`, default data/published/) and the
 * weighting and dropped cities of rule 9's variables. The file is written atomically.
 */
import { writeFileAtomic } from "../runner/notebook";
import path from "node:path";
import {
  auditSummary,
  buildVariables,
  loadClaims,
  loadCodebook,
  loadPanel,
  loadProvenance,
  loadPublished,
  loadRealSources,
  realShareOfVariables,
  realVariableColumns,
  reproducePublished,
  runAudit,
  type AuditCheck,
  type BuildVariablesOptions,
  type AuditInput,
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
 * What rule 9 reads: the controls whose raw cells are all real (computed from data/real/ by the
 * codebook's formulas), the panel's published-vs-reproduced comparison, and the real share of
 * each variable's raw cells (for the repository's panel).
 */
export function realDataInput(
  dataPath = path.join(DATA, "zhejiang_panel.csv"),
  choices: BuildVariablesOptions = {},
): NonNullable<AuditInput["real"]> {
  const codebook = loadCodebook(path.join(DATA, "codebook.json"));
  const real = loadRealSources(path.join(DATA, "real"), codebook);
  const realColumns = realVariableColumns(real, codebook);
  const panel = loadPanel(dataPath, codebook);
  const { frame } = buildVariables(panel, choices);
  const comparison = reproducePublished(
    frame,
    loadPublished(path.join(DATA, "published", "tables.csv")),
  );
  let realShareByVariable: Record<string, number> | undefined;
  if (path.resolve(dataPath) === path.join(DATA, "zhejiang_panel.csv")) {
    const prov = loadProvenance(path.join(DATA, codebook.provenanceFile), codebook);
    const shares = realShareOfVariables(prov, codebook, codebook.variables);
    realShareByVariable = Object.fromEntries(
      Object.entries(shares.byVariable).map(([v, s]) => [v, s.share]),
    );
  }
  return { realColumns, comparison, realShareByVariable };
}

/** Runs every audit rule on the repository's published tables, claims and real data. */
export function computeAudit(
  publishedDir = path.join(DATA, "published"),
  dataPath = path.join(DATA, "zhejiang_panel.csv"),
  choices: BuildVariablesOptions = {},
): AuditCheck[] {
  const cells = loadPublished(path.join(publishedDir, "tables.csv"));
  const claims = loadClaims(
    path.join(publishedDir, "claims.csv"),
    cells.map((c) => c.id),
  );
  return runAudit({ cells, claims, real: realDataInput(dataPath, choices) });
}

export async function run(ctx: AuditContext): Promise<void> {
  const p = ctx.params ?? {};
  const checks = computeAudit(p.publishedDir as string | undefined, ctx.dataPath, {
    weighting: p.weighting as BuildVariablesOptions["weighting"],
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
