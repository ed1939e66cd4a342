/**
 * Post-step: recompute all 113 published numbers of Tables 3–6 from the panel and write
 * `<outDir>/results.json`, one entry per published number in the order of
 * data/published/tables.csv:
 *
 *   { id, table, label, published, reproduced, decimals, match }
 *
 * `published` is the string the paper printed, `reproduced` the unrounded number the pipeline
 * computed, `match` whether it rounds (half-up, to the printed decimals) to the printed string.
 * The file is written atomically (temp file + rename); nothing is written anywhere else.
 * The panel, codebook, published tables, weighting, dropped cities and regions are the
 * notebooks' parameters (`ctx.params`), so that `-p weighting=equal` reaches results.json too.
 */
import { writeFileAtomic } from "../runner/notebook";
import path from "node:path";
import { paperData } from "cplib";
import { loadPublished } from "cplib";
import { reproducePublished } from "cplib";

export interface ResultsContext {
  dataPath: string;
  outDir: string;
  notebooksDir: string;
  executed: string[];
  check: boolean;
  params?: Readonly<Record<string, unknown>>;
}

/** The choices of the notebooks' parameters cells that results.json depends on. */
export interface ResultsOptions {
  /** Default: codebook.json beside the panel, else data/codebook.json. */
  codebookPath?: string;
  /** Default: data/published/tables.csv. */
  publishedPath?: string;
  weighting?: "entropy" | "equal";
  dropCities?: string[];
  /** Region per city, overriding the panel's (notebook 05's regionOf). */
  region?: Record<string, string>;
}

/** One entry of results.json. */
export interface ResultEntry {
  id: string;
  table: number;
  label: string;
  published: string;
  reproduced: number;
  decimals: number;
  match: boolean;
}

const REPO = path.resolve(__dirname, "..", "..");

/** The options the notebooks ran with (the runner passes their parameters as ctx.params). */
export function resultsOptions(params: Readonly<Record<string, unknown>> = {}): ResultsOptions {
  return {
    codebookPath: params.codebookPath as string | undefined,
    publishedPath: params.publishedPath as string | undefined,
    weighting: params.weighting as ResultsOptions["weighting"],
    dropCities: params.dropCities as string[] | undefined,
    region: params.regionOf as Record<string, string> | undefined,
  };
}

/** Computes the entries of results.json for the panel at `dataPath`. */
export function computeResults(dataPath: string, opts: ResultsOptions = {}): ResultEntry[] {
  // The frame the notebooks build (paperData: the codebook beside the panel, else the repository's).
  const { frame } = paperData({
    data: dataPath,
    codebook: opts.codebookPath,
    weighting: opts.weighting,
    dropCities: opts.dropCities,
    region: opts.region,
  }).built;
  const published = loadPublished(
    opts.publishedPath ?? path.join(REPO, "data", "published", "tables.csv"),
  );
  const compared = reproducePublished(frame, published);
  return compared.map((c, i) => ({
    id: c.id,
    table: published[i].table,
    label: c.label,
    published: c.published,
    reproduced: c.reproduced,
    decimals: c.decimals,
    match: c.match,
  }));
}

/** Before any kernel starts: computes results.json's entries (throws as run would), writes nothing. */
export async function check(ctx: ResultsContext): Promise<void> {
  computeResults(ctx.dataPath, resultsOptions(ctx.params));
}

export async function run(ctx: ResultsContext): Promise<void> {
  const entries = computeResults(ctx.dataPath, resultsOptions(ctx.params));
  const file = path.join(ctx.outDir, "results.json");
  writeFileAtomic(file, JSON.stringify(entries, null, 2) + "\n");
  const matched = entries.filter((e) => e.match).length;
  const missed = entries.filter((e) => !e.match).map((e) => e.id);
  console.log(
    `results.json: ${matched} of ${entries.length} published numbers reproduced` +
      (missed.length > 0 ? ` (not: ${missed.join(", ")})` : ""),
  );
}
