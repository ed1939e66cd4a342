/**
 * The real columns: GDP and sector value added of the 11 cities, 2014–2023, from
 * data/real/zhejiang_gdp_structure_2014_2023.csv (provenance in data/real/README.md).
 * Copied verbatim into the panel.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { loadCodebook } from "cplib";

/** Default location of the codebook: data/codebook.json (resolved from this file). */
export const CODEBOOK_JSON = join(__dirname, "..", "..", "data", "codebook.json");

const codebook = loadCodebook(CODEBOOK_JSON);

/** The paper's city order (§2.1) — the panel's row order — as data/codebook.json lists it. */
export const CITIES: readonly string[] = Object.freeze(codebook.cities.map((c) => c.name));
export type City = string;

/**
 * Paper §3.3, as data/codebook.json declares it: Northeast = Hangzhou, Ningbo, Jiaxing, Huzhou,
 * Shaoxing, Zhoushan; the other five cities are Southwest.
 */
const REGION_OF = new Map(codebook.cities.map((c) => [c.name, c.region]));
export function regionOf(city: string): "Northeast" | "Southwest" {
  const region = REGION_OF.get(city);
  if (region !== "Northeast" && region !== "Southwest") {
    throw new Error(`${CODEBOOK_JSON}: no Northeast/Southwest region for city "${city}"`);
  }
  return region;
}

export const YEARS = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023] as const;

/** One real city-year: the four real columns as their printed strings and as numbers. */
export interface RealRow {
  city: City;
  year: number;
  region: "Northeast" | "Southwest";
  /** the strings exactly as in the source file (copied verbatim into the panel) */
  text: { gdp: string; primary_va: string; secondary_va: string; tertiary_va: string };
  gdp: number;
  primary_va: number;
  secondary_va: number;
  tertiary_va: number;
}

/** Default location of the real data: data/real/ in the repository (resolved from this file). */
export const REAL_CSV = join(
  __dirname,
  "..",
  "..",
  "data",
  "real",
  "zhejiang_gdp_structure_2014_2023.csv",
);

/** Reads the real file and returns its 110 rows in the paper's order (city, then year). */
export function loadReal(path = REAL_CSV): RealRow[] {
  const recs = parse(readFileSync(path, "utf8"), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  const rows: RealRow[] = [];
  for (const city of CITIES) {
    for (const year of YEARS) {
      const r = recs.find((x) => x.city === city && Number(x.year) === year);
      if (!r) throw new Error(`${path}: no row for ${city} ${year}`);
      const text = {
        gdp: r.gdp,
        primary_va: r.primary_va,
        secondary_va: r.secondary_va,
        tertiary_va: r.tertiary_va,
      };
      rows.push({
        city,
        year,
        region: regionOf(city),
        text,
        gdp: Number(r.gdp),
        primary_va: Number(r.primary_va),
        secondary_va: Number(r.secondary_va),
        tertiary_va: Number(r.tertiary_va),
      });
    }
  }
  return rows;
}
