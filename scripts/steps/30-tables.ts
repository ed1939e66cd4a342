/**
 * Post-step: the paper's tables for papers, slides and handouts. Writes `<outDir>/tables/`:
 *
 *   table3   descriptive statistics (Table 3)            table5   benchmark regressions (Table 5)
 *   table4   variance inflation factors (Table 4)         table6   heterogeneity by region (Table 6)
 *   robustness-panel         Model (6): pooled OLS vs city and two-way fixed effects, classical and CR1
 *   robustness-inference     Model (6), NQP and TRADE: classical, HC1, CR1 and wild cluster bootstrap
 *   robustness-regional      is NQP's slope different in the Northeast? interaction and Chow tests
 *   robustness-leave-one-out Model (6) re-estimated without each city in turn
 *   robustness-weights       Model (6) with entropy, equal and first-principal-component weights
 *
 * each as `.tex` (booktabs tabular), `.md` (pipe table) and `.csv`, all from the lib's renderers
 * (`toLatex`, `toMarkdown`, `toCsv` of render-regression-table.ts), computed from the panel at
 * `ctx.dataPath`. The folder is rebuilt as a whole and swapped in (no stale files survive).
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildVariables, type VariablesFrame } from "cplib";
import { fitModels, MODEL6_REGRESSORS } from "cplib";
import { ols } from "cplib";
import { loadPanel, type Panel } from "cplib";
import { formatFixed } from "cplib";
import { regressionTable, toCsv, toLatex, toMarkdown, type Table } from "cplib";
import { reproduceTables, TABLE4_REGRESSORS, TABLE6_SPEC } from "cplib";
import { panelModelComparison } from "cplib";
import { leaveOneCityOut } from "cplib";
import { regionInteractionTest } from "cplib";
import { wildClusterBootstrap } from "cplib";
import { pcaIndexWeights } from "cplib";
import type { StepContext } from "../runner/steps";

const REPO = path.resolve(__dirname, "..", "..");

/** The paper's variable names, as its tables print them. */
const LONG_NAMES: Record<string, string> = {
  CO: "Common Prosperity (CO)",
  NQP: "New Quality Productivity (NQP)",
  TRADE: "International Trade (TRADE)",
  UIS: "Industrial Structure Upgrading (UIS)",
  GOV: "Government Intervention Level (GOV)",
  RCY: "Regional Innovation Capacity (RCY)",
};

const MODEL6 = [...TABLE4_REGRESSORS];

/** Bootstrap settings of the robustness tables (Webb weights; the lib's default seed). */
const BOOT = { draws: 9999, weights: "webb" as const };

const RECONSTRUCTED_NOTE =
  "CO, NQP, TRADE, GOV and RCY use reconstructed data (see data/README.md); UIS is real.";

/** One output table: file stem and the renderer-neutral table. */
export interface NamedTable {
  stem: string;
  table: Table;
}

function f3(x: number): string {
  return formatFixed(x, 3);
}

function pValue(p: number): string {
  return p < 0.0001 ? "<0.0001" : formatFixed(p, 4);
}

function numbers(frame: VariablesFrame, name: string): number[] {
  return frame[name] as number[];
}

/** Tables 3–6 of the paper, laid out as the paper prints them (Table 6 with all its regressors). */
export function paperTables(frame: VariablesFrame): NamedTable[] {
  const t = reproduceTables(frame);
  const table3: Table = {
    title: "Table 3. Descriptive statistics",
    header: [
      [
        "Indicator Name",
        "Observed values",
        "Mean",
        "Sample Standard Deviation",
        "Minimum Value",
        "Maximum Value",
      ],
    ],
    body: t.table3.map((d) => ({
      kind: "row",
      cells: [
        LONG_NAMES[d.name] ?? d.name,
        String(d.n),
        f3(d.mean),
        f3(d.sd),
        f3(d.min),
        f3(d.max),
      ],
    })),
    notes: ["Sample standard deviation with divisor n − 1.", RECONSTRUCTED_NOTE],
  };
  const byVif = [...t.table4.rows].sort((a, b) => b.vif - a.vif);
  const table4: Table = {
    title: "Table 4. Multicollinearity test",
    header: [["Indicator Name", "VIF", "1/VIF"]],
    body: [
      ...byVif.map((r) => ({
        kind: "row",
        cells: [LONG_NAMES[r.name] ?? r.name, f3(r.vif), f3(r.tolerance)],
      })),
      { kind: "stat", cells: ["VIF Mean", f3(t.table4.mean), ""] },
    ],
    rulesAfter: [byVif.length - 1],
    notes: ["VIF_j = 1/(1 − R²_j), R²_j from regressing x_j on the other regressors of Model (6)."],
  };
  const table5 = regressionTable(t.table5, {
    title: "Table 5. Benchmark regression results",
    order: [...MODEL6_REGRESSORS],
  });
  // The fitted models carry the published ids' labels m1…m6; the paper heads them (1)…(6).
  table5.header[0] = ["", ...t.table5.map((_, i) => `(${i + 1})`)];
  table5.notes.push(RECONSTRUCTED_NOTE);
  const table6 = regressionTable(t.table6, {
    title: "Table 6. Results of heterogeneity tests",
    order: [...TABLE6_SPEC.x],
  });
  table6.header = [
    ["", ...t.table6.map((_, i) => `(${i + 1})`)],
    ["", ...t.table6.map((m) => `${m.sample} Zhejiang`)],
  ];
  table6.notes.push(
    "The paper prints only the NQP row; its R² rules out CO on NQP alone, so the controls of Model (6) are included (an inference, see notebook 05).",
    RECONSTRUCTED_NOTE,
  );
  return [
    { stem: "table3", table: table3 },
    { stem: "table4", table: table4 },
    { stem: "table5", table: table5 },
    { stem: "table6", table: table6 },
  ];
}

/** The robustness tables of notebook 06, for Model (6). */
export function robustnessTables(frame: VariablesFrame, panel?: Panel): NamedTable[] {
  const out: NamedTable[] = [];
  // The number of city clusters (11 for the paper's panel; fewer when cities are left out).
  const G = new Set(frame.city).size;

  const panelFits = panelModelComparison(frame, { y: "CO", x: MODEL6 });
  const panelTable = regressionTable(panelFits, {
    title: "Model (6): pooled OLS, city fixed effects and two-way fixed effects",
    order: MODEL6,
  });
  panelTable.notes.push(
    `R² of fixed-effects models is the within R². CR1: clustered by city (${G} clusters).`,
    RECONSTRUCTED_NOTE,
  );
  out.push({ stem: "robustness-panel", table: panelTable });

  const y = numbers(frame, "CO");
  const X = y.map((_, i) => MODEL6.map((v) => numbers(frame, v)[i]));
  const cities = frame.city;
  const fits = {
    classical: ols(y, X, { names: MODEL6, yName: "CO" }),
    HC1: ols(y, X, { names: MODEL6, yName: "CO", cov: "HC1" }),
    CR1: ols(y, X, { names: MODEL6, yName: "CO", cov: { type: "cluster", groups: cities } }),
  };
  const inference: Table = {
    title: `Model (6): inference with ${G} city clusters`,
    header: [
      [
        "",
        "Coefficient",
        "p classical",
        "p HC1",
        "p CR1",
        "p wild bootstrap",
        "95% CI wild bootstrap",
      ],
    ],
    body: ["NQP", "TRADE"].map((name) => {
      const j = fits.classical.names.indexOf(name);
      const boot = wildClusterBootstrap(y, X, cities, { coef: name, names: MODEL6, ...BOOT });
      const ci = boot.confInt ? `[${f3(boot.confInt[0])}, ${f3(boot.confInt[1])}]` : "";
      return {
        kind: "row",
        cells: [
          name,
          f3(fits.classical.params[j]),
          pValue(fits.classical.pvalues[j]),
          pValue(fits.HC1.pvalues[j]),
          pValue(fits.CR1.pvalues[j]),
          pValue(boot.pValue),
          ci,
        ],
      };
    }),
    notes: [
      `CR1 p-values from t(G − 1), G = ${G}. Wild cluster restricted bootstrap: null imposed, Webb's six-point weights, B = ${BOOT.draws}, seeded.`,
      RECONSTRUCTED_NOTE,
    ],
  };
  out.push({ stem: "robustness-inference", table: inference });

  const regions = [...new Set(frame.region)];
  if (regions.length === 2 && regions.includes("Northeast")) {
    const ri = regionInteractionTest(frame, {
      y: "CO",
      x: MODEL6,
      focus: "NQP",
      target: "Northeast",
      draws: BOOT.draws,
      weights: BOOT.weights,
    });
    const row = (label: string, c: typeof ri.pooledDifference) => ({
      kind: "row",
      cells: [
        label,
        f3(c.estimate),
        pValue(c.pClassical),
        pValue(c.pCR1),
        pValue(c.bootstrap.pValue),
      ],
    });
    out.push({
      stem: "robustness-regional",
      table: {
        title: `Is NQP's slope different in the ${ri.target}? (reference: ${ri.reference})`,
        header: [["Test", "Estimate", "p classical", "p CR1", "p wild bootstrap"]],
        body: [
          row("NQP × Northeast, pooled Model (6)", ri.pooledDifference),
          row("NQP × Northeast, fully interacted", ri.splitDifference),
          {
            kind: "row",
            cells: [
              `Chow F(${ri.chow.df1}, ${ri.chow.df2}), all coefficients equal`,
              formatFixed(ri.chow.F, 2),
              pValue(ri.chow.pValue),
              "",
              "",
            ],
          },
        ],
        notes: [
          `Region slopes of NQP: ${Object.entries(ri.slopes)
            .map(([k, v]) => `${k} ${f3(v)}`)
            .join(", ")}. Bootstrap: Webb weights, B = ${BOOT.draws}, clustered by city.`,
          RECONSTRUCTED_NOTE,
        ],
      },
    });
  }

  const loo = leaveOneCityOut(frame, { y: "CO", x: MODEL6, focus: ["NQP", "TRADE"] });
  out.push({
    stem: "robustness-leave-one-out",
    table: {
      title: "Model (6) without one city at a time",
      header: [["City left out", "N", "NQP", "t(NQP)", "TRADE", "t(TRADE)", "R²"]],
      body: [
        {
          kind: "stat",
          cells: [
            `none (all ${G} cities)`,
            String(loo.full.nobs),
            f3(loo.full.params[loo.full.names.indexOf("NQP")]),
            formatFixed(loo.full.tvalues[loo.full.names.indexOf("NQP")], 2),
            f3(loo.full.params[loo.full.names.indexOf("TRADE")]),
            formatFixed(loo.full.tvalues[loo.full.names.indexOf("TRADE")], 2),
            f3(loo.full.rsquared),
          ],
        },
        ...loo.rows.map((r) => ({
          kind: "row",
          cells: [
            r.dropped,
            String(r.nobs),
            f3(r.params.NQP),
            formatFixed(r.tvalues.NQP, 2),
            f3(r.params.TRADE),
            formatFixed(r.tvalues.TRADE, 2),
            f3(r.rsquared),
          ],
        })),
      ],
      rulesAfter: [0],
      notes: ["Classical standard errors; rows of the dropped city removed.", RECONSTRUCTED_NOTE],
    },
  });

  if (panel) {
    const entropy = buildVariables(panel);
    const variants = [
      { label: "Entropy (paper)", frame: entropy.frame },
      { label: "Equal", frame: buildVariables(panel, { weighting: "equal" }).frame },
      {
        label: "PCA",
        frame: buildVariables(panel, { weighting: pcaIndexWeights(entropy.indices) }).frame,
      },
    ];
    const models = variants.map((v) => ({
      ...fitModels(v.frame, [{ y: "CO", x: MODEL6 }])[0],
      label: v.label,
    }));
    const weights = regressionTable(models, {
      title: "Model (6) with the indices CO, NQP and TRADE weighted three ways",
      order: MODEL6,
    });
    weights.notes.push(
      "Equal: 1/m per indicator. PCA: loadings of the first principal component of the normalised indicators.",
      RECONSTRUCTED_NOTE,
    );
    out.push({ stem: "robustness-weights", table: weights });
  }
  return out;
}

/** The codebook next to the panel if there is one, else the repository's. */
function codebookFor(dataPath: string): string {
  const beside = path.join(path.dirname(dataPath), "codebook.json");
  return existsSync(beside) ? beside : path.join(REPO, "data", "codebook.json");
}

/** Writes every table as .tex, .md and .csv into `dir` (rebuilt in a temporary sibling, then swapped in). */
export function writeTables(dir: string, tables: NamedTable[]): string[] {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const files: string[] = [];
  try {
    for (const { stem, table } of tables) {
      const outputs: [string, string][] = [
        [`${stem}.tex`, `${toLatex(table)}\n`],
        [`${stem}.md`, `${toMarkdown(table)}\n`],
        [`${stem}.csv`, toCsv(table)],
      ];
      for (const [name, text] of outputs) {
        writeFileSync(path.join(tmp, name), text);
        files.push(name);
      }
    }
    const old = `${dir}.old-${process.pid}`;
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  return files;
}

/** Computes Tables 3–6 and the robustness tables from `ctx.dataPath` into `<outDir>/tables/`. */
export async function run(ctx: StepContext): Promise<void> {
  const started = Date.now();
  const panel = loadPanel(ctx.dataPath, codebookFor(ctx.dataPath));
  const { frame } = buildVariables(panel);
  const tables = [...paperTables(frame), ...robustnessTables(frame, panel)];
  const dir = path.join(ctx.outDir, "tables");
  const files = writeTables(dir, tables);
  const where = path.relative(process.cwd(), dir) || dir;
  process.stdout.write(
    `tables: ${tables.length} tables, ${files.length} files → ${where}/ (${Date.now() - started} ms)\n`,
  );
}
