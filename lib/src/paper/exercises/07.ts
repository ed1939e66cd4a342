/**
 * The answer key of notebook 07's exercises (see types.ts). Ids are "07.<exercise number>".
 *
 * The audit reads the printed numbers, not the panel: the answers are recomputed from the
 * repository's data/published/ (and, for 07.6, its real series in data/real/ and codebook), with
 * the same lib calls the solution cells make. The notebook's parameters do not change them.
 */
import { resolve } from "node:path";
import { loadCodebook } from "../../data/codebook";
import { loadClaims } from "../../data/published-data";
import { loadRealSources } from "../../data/real-sources";
import { normalQuantile } from "../../methods/distributions";
import { AUDIT_RULES, auditSummary, runAudit } from "../audit";
import { auditRecoverJointMoments } from "../audit/joint-moments";
import { auditFixedMoments } from "../audit/real-data";
import type { AuditCell } from "../audit/types";
import { realVariableColumns } from "../real-data-checks";
import { printedNumber, PUBLISHED_DIR, publishedTables } from "./printed";
import type { Exercise } from "./types";

const published = publishedTables;
const claims = () =>
  loadClaims(
    resolve(PUBLISHED_DIR, "claims.csv"),
    published().map((c) => c.id),
  );
/** The repository's data folder. */
const DATA = resolve(PUBLISHED_DIR, "..");

/** The printed cells with one number replaced. */
const withPrinted = (id: string, value: string): AuditCell[] =>
  published().map((c) => (c.id === id ? { ...c, printed: value } : c));

/** Rules 1–7: they read only the printed numbers and need no optimisation. */
const RULES_1_TO_7 = AUDIT_RULES.filter((r) => r !== "joint-moments" && r !== "real-data");

/** Exercises of notebook 07, by id. */
export const EXERCISES_07: Readonly<Record<string, Exercise>> = {
  "07.1": {
    asks: "rules 1–7 that flag more checks with Model (3)'s TRADE t printed as 1.61",
    answer: () => {
      const failed = (cells: AuditCell[]) =>
        auditSummary(runAudit({ cells, claims: claims() }, { rules: RULES_1_TO_7 }));
      const before = failed(published());
      const after = failed(withPrinted("T5.m3.TRADE.t", "1.61"));
      return after.filter((s, i) => s.failed > before[i].failed).map((s) => s.rule);
    },
  },
  "07.2": {
    asks: "the t a bivariate regression needs for the Northeast's printed R² and N",
    answer: () => {
      const r2 = printedNumber("T6.northeast.r2");
      return Math.sqrt((r2 * (printedNumber("T6.northeast.n") - 2)) / (1 - r2));
    },
  },
  "07.3": {
    asks: "width of the CV interval implied with TRADE's SD printed as 0.180",
    answer: () => {
      const check = runAudit(
        { cells: withPrinted("T3.TRADE.sd", "0.180"), claims: claims() },
        { rules: ["text-vs-tables"] },
      ).find((c) => c.subject.startsWith("C.3.1.TRADE.cv"));
      if (!check || typeof check.implied === "number")
        throw new Error("no interval check of C.3.1.TRADE.cv");
      return check.implied[1] - check.implied[0];
    },
  },
  "07.4": {
    asks: "the smallest correlation ρ of the regional estimates that makes the difference significant at 5%",
    answer: () => {
      const b1 = printedNumber("T6.northeast.NQP.coef");
      const b2 = printedNumber("T6.southwest.NQP.coef");
      const se1 = b1 / printedNumber("T6.northeast.NQP.t");
      const se2 = b2 / printedNumber("T6.southwest.NQP.t");
      const needed = ((b1 - b2) / normalQuantile(0.975)) ** 2;
      return (se1 ** 2 + se2 ** 2 - needed) / (2 * se1 * se2);
    },
  },
  "07.5": {
    asks: "largest residual of the joint moments with CO's SD printed as 0.246",
    answer: () =>
      auditRecoverJointMoments({ cells: withPrinted("T3.CO.sd", "0.246") }).maxAbsResidual,
    tolerance: 0.01,
  },
  "07.6": {
    asks: "largest residual with the real UIS and GOV fixed and T5.m6.GOV.t left out",
    answer: () => {
      const codebook = loadCodebook(resolve(DATA, "codebook.json"));
      const real = realVariableColumns(loadRealSources(resolve(DATA, "real"), codebook), codebook);
      const cells = published().filter((c) => c.id !== "T5.m6.GOV.t");
      const joint = auditRecoverJointMoments({ cells: published() });
      return auditFixedMoments(cells, real, { joint, leaveOneOut: false }).maxAbsResidual;
    },
    tolerance: 0.01,
  },
};
