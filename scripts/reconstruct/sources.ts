/**
 * The real data, as lib's `loadRealSources` reads them from data/real/ (sources.csv lists every
 * series with its role: "panel" series are copied into the codebook column they name, "shape"
 * series shape reconstructed cells, "check" series test the paper), with the codebook and the
 * panel's rows (the codebook's cities, then years; 110 in all).
 */
import { join } from "node:path";
import { loadCodebook, loadRealSources, type Codebook, type RealSources } from "cplib";

/** data/ in the repository (resolved from this file). */
export const DATA_DIR = join(__dirname, "..", "..", "data");
export const CODEBOOK_JSON = join(DATA_DIR, "codebook.json");
export const REAL_DIR = join(DATA_DIR, "real");

/** Everything real, arranged as the panel's rows, with the codebook. */
export interface RealData extends RealSources {
  codebook: Codebook;
  cities: string[];
  years: number[];
}

/** Loads the codebook and every series of data/real/. */
export function loadRealData(): RealData {
  const codebook = loadCodebook(CODEBOOK_JSON);
  const years: number[] = [];
  for (let y = codebook.years.first; y <= codebook.years.last; y++) years.push(y);
  return {
    ...loadRealSources(REAL_DIR, codebook),
    codebook,
    cities: codebook.cities.map((c) => c.name),
    years,
  };
}
