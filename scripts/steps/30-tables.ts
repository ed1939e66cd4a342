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
 * `ctx.dataPath` with the notebooks' parameters (`ctx.params`: codebook, weighting, dropped
 * cities, notebook 05's regions for Table 6, notebook 06's bootstrap settings). The folder is
 * rebuilt as a whole and swapped in (no stale files survive).
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  chowTest,
  etable,
  formatFixed,
  leaveOneOut,
  MODEL6,
  MODEL6_REGRESSORS,
  ols,
  olsBy,
  paperData,
  pcaIndexWeights,
  reproduceTables,
  toCsv,
  toLatex,
  toMarkdown,
  TABLE6,
  wildClusterBootstrap,
  type DataLike,
  type PaperDataOptions,
  type Table,
} from "cplib";
import type { StepContext } from "../runner/steps";

/** The paper's variable names, as its tables print them. */
const LONG_NAMES: Record<string, string> = {
  CO: "Common Prosperity (CO)",
  NQP: "New Quality Productivity (NQP)",
  TRADE: "International Trade (TRADE)",
  UIS: "Industrial Structure Upgrading (UIS)",
  GOV: "Government Intervention Level (GOV)",
  RCY: "Regional Innovation Capacity (RCY)",
};

/** Bootstrap settings of the robustness tables: notebook 06's parameters and their defaults. */
export interface BootstrapSettings {
  draws: number;
  weights: "webb" | "rademacher";
  seed: number;
}
const DEFAULT_BOOT: BootstrapSettings = { draws: 9999, weights: "webb", seed: 20260402 };

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

/** Tables 3–6 of the paper, laid out as the paper prints them (Table 6 with all its regressors). */
export function paperTables(data: DataLike): NamedTable[] {
  const t = reproduceTables(data);
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
  const table5 = etable(Object.values(t.table5), {
    title: "Table 5. Benchmark regression results",
    order: [...MODEL6_REGRESSORS],
  });
  table5.notes.push(RECONSTRUCTED_NOTE);
  const table6 = etable(Object.values(t.table6), {
    title: "Table 6. Results of heterogeneity tests",
    order: [...MODEL6_REGRESSORS],
  });
  table6.header[1] = ["", ...Object.keys(t.table6).map((region) => `${region} Zhejiang`)];
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
export function robustnessTables(
  options: PaperDataOptions = {},
  BOOT: BootstrapSettings = DEFAULT_BOOT,
): NamedTable[] {
  const { columns: data } = paperData(options);
  const weightsName = BOOT.weights === "webb" ? "Webb's six-point weights" : "Rademacher weights";
  const out: NamedTable[] = [];
  // The number of city clusters (11 for the paper's panel; fewer when cities are left out).
  const G = new Set(data.city).size;
  const byCity = { cov: "cluster", groups: "city" } as const;

  const panelFits = {
    "Pooled OLS": ols(MODEL6, data),
    "City FE": ols(`${MODEL6} | city`, data),
    "City + year FE": ols(`${MODEL6} | city + year`, data),
    "Pooled OLS (CR1)": ols(MODEL6, data, byCity),
    "City FE (CR1)": ols(`${MODEL6} | city`, data, byCity),
    "City + year FE (CR1)": ols(`${MODEL6} | city + year`, data, byCity),
  };
  const panelTable = etable(panelFits, {
    title: "Model (6): pooled OLS, city fixed effects and two-way fixed effects",
    order: [...MODEL6_REGRESSORS],
  });
  panelTable.notes.push(
    `R² of the fixed-effects models includes the effects; notebook 06 shows the within R². CR1: clustered by city (${G} clusters).`,
    RECONSTRUCTED_NOTE,
  );
  out.push({ stem: "robustness-panel", table: panelTable });

  const fits = {
    classical: ols(MODEL6, data),
    HC1: ols(MODEL6, data, { cov: "HC1" }),
    CR1: ols(MODEL6, data, byCity),
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
      const boot = wildClusterBootstrap(MODEL6, data, { param: name, cluster: "city", ...BOOT });
      const ci = boot.confInt ? `[${f3(boot.confInt[0])}, ${f3(boot.confInt[1])}]` : "";
      return {
        kind: "row",
        cells: [
          name,
          f3(fits.classical.params[name]),
          pValue(fits.classical.pvalues[name]),
          pValue(fits.HC1.pvalues[name]),
          pValue(fits.CR1.pvalues[name]),
          pValue(boot.pValue),
          ci,
        ],
      };
    }),
    notes: [
      `CR1 p-values from t(G − 1), G = ${G}. Wild cluster restricted bootstrap: null imposed, ${weightsName}, B = ${BOOT.draws}, seeded.`,
      RECONSTRUCTED_NOTE,
    ],
  };
  out.push({ stem: "robustness-inference", table: inference });

  const regions = [...new Set(data.region.map(String))].sort();
  if (regions.length === 2) {
    const [reference, other] = regions;
    const slopes = Object.entries(olsBy(TABLE6.formula, data, TABLE6.by)).map(
      ([k, m]) => `${k} ${f3(m.params.NQP)}`,
    );
    const term = `NQP:C(${TABLE6.by})[T.${other}]`;
    const rest = MODEL6_REGRESSORS.filter((v) => v !== "NQP").join(" + ");
    const interacted = `CO ~ NQP * C(${TABLE6.by}) + ${rest}`;
    const full = `CO ~ (${MODEL6_REGRESSORS.join(" + ")}) * C(${TABLE6.by})`;
    const row = (label: string, formula: string) => {
      const classical = ols(formula, data);
      const clustered = ols(formula, data, byCity);
      const boot = wildClusterBootstrap(formula, data, { param: term, cluster: "city", ...BOOT });
      return {
        kind: "row",
        cells: [
          label,
          f3(classical.params[term]),
          pValue(classical.pvalues[term]),
          pValue(clustered.pvalues[term]),
          pValue(boot.pValue),
        ],
      };
    };
    const chow = chowTest(MODEL6, data, TABLE6.by);
    out.push({
      stem: "robustness-regional",
      table: {
        title: `Is NQP's slope different in the ${other}? (reference: ${reference})`,
        header: [["Test", "Estimate", "p classical", "p CR1", "p wild bootstrap"]],
        body: [
          row(`NQP × ${other}, pooled Model (6)`, interacted),
          row(`NQP × ${other}, fully interacted`, full),
          {
            kind: "row",
            cells: [
              `Chow F(${chow.df1}, ${chow.df2}), all coefficients equal`,
              formatFixed(chow.F, 2),
              pValue(chow.pValue),
              "",
              "",
            ],
          },
        ],
        notes: [
          `Region slopes of NQP: ${slopes.join(", ")}. Bootstrap: ${weightsName}, B = ${BOOT.draws}, clustered by city.`,
          RECONSTRUCTED_NOTE,
        ],
      },
    });
  }

  const loo = leaveOneOut(MODEL6, data, { group: "city" });
  const looRow = (label: string, m: (typeof loo)["full"]) => [
    label,
    String(m.nobs),
    f3(m.params.NQP),
    formatFixed(m.tvalues.NQP, 2),
    f3(m.params.TRADE),
    formatFixed(m.tvalues.TRADE, 2),
    f3(m.rsquared),
  ];
  out.push({
    stem: "robustness-leave-one-out",
    table: {
      title: "Model (6) without one city at a time",
      header: [["City left out", "N", "NQP", "t(NQP)", "TRADE", "t(TRADE)", "R²"]],
      body: [
        { kind: "stat", cells: looRow(`none (all ${G} cities)`, loo.full) },
        ...loo.rows.map((r) => ({ kind: "row", cells: looRow(r.dropped, r.fit) })),
      ],
      rulesAfter: [0],
      notes: ["Classical standard errors; rows of the dropped city removed.", RECONSTRUCTED_NOTE],
    },
  });

  const entropy = paperData(options);
  const pca = pcaIndexWeights(entropy.built.indices);
  const weights = etable(
    {
      "Entropy (paper)": ols(MODEL6, entropy.columns),
      Equal: ols(MODEL6, paperData({ ...options, weighting: "equal" }).columns),
      PCA: ols(MODEL6, paperData({ ...options, weighting: pca }).columns),
    },
    {
      title: "Model (6) with the indices CO, NQP and TRADE weighted three ways",
      order: [...MODEL6_REGRESSORS],
    },
  );
  weights.notes.push(
    "Equal: 1/m per indicator. PCA: loadings of the first principal component of the normalised indicators.",
    RECONSTRUCTED_NOTE,
  );
  out.push({ stem: "robustness-weights", table: weights });
  return out;
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

/** Every table, from `ctx.dataPath` with the notebooks' parameters (`ctx.params`). */
export function computeTables(ctx: StepContext): NamedTable[] {
  const p = ctx.params ?? {};
  const options: PaperDataOptions = {
    data: ctx.dataPath,
    codebook: p.codebookPath as string | undefined,
    weighting: p.weighting as PaperDataOptions["weighting"],
    dropCities: p.dropCities as string[] | undefined,
  };
  const boot: BootstrapSettings = {
    draws: (p.bootstrapDraws as number | undefined) ?? DEFAULT_BOOT.draws,
    weights: (p.weightType as BootstrapSettings["weights"] | undefined) ?? DEFAULT_BOOT.weights,
    seed: (p.seed as number | undefined) ?? DEFAULT_BOOT.seed,
  };
  // Notebook 05's regions move cities for Table 6; notebook 06 keeps the panel's.
  const region = p.regionOf as Record<string, string> | undefined;
  return [
    ...paperTables(paperData({ ...options, region }).columns),
    ...robustnessTables(options, boot),
  ];
}

/** Before any kernel starts: computes every table (throws as run would), writes nothing. */
export async function check(ctx: StepContext): Promise<void> {
  computeTables(ctx);
}

/** Computes Tables 3–6 and the robustness tables from `ctx.dataPath` into `<outDir>/tables/`. */
export async function run(ctx: StepContext): Promise<void> {
  const started = Date.now();
  const tables = computeTables(ctx);
  const dir = path.join(ctx.outDir, "tables");
  const files = writeTables(dir, tables);
  const where = path.relative(process.cwd(), dir) || dir;
  process.stdout.write(
    `tables: ${tables.length} tables, ${files.length} files → ${where}/ (${Date.now() - started} ms)\n`,
  );
}
