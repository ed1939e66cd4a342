/**
 * The printed numbers the answer key reads: the repository's data/published/ files, found from
 * this file's place in lib/ (src/paper/exercises or dist/paper/exercises).
 */
import { resolve } from "node:path";
import { DataError } from "../../data/errors";
import { loadPublished, type PublishedRow } from "../../data/published-data";

/** The repository's data/published folder. */
export const PUBLISHED_DIR = resolve(__dirname, "..", "..", "..", "..", "data", "published");

/** The repository's printed cells of Tables 3–6 (data/published/tables.csv). */
export function publishedTables(): PublishedRow[] {
  return loadPublished(resolve(PUBLISHED_DIR, "tables.csv"));
}

/**
 * The printed number of a published cell, as a number.
 *
 * Formula: Number(printed string). Throws: DataError when tables.csv has no such cell.
 * @example
 * printedNumber("T6.northeast.n"); // 60
 */
export function printedNumber(
  id: string,
  rows: readonly PublishedRow[] = publishedTables(),
): number {
  const row = rows.find((r) => r.id === id);
  if (!row) throw new DataError(`tables.csv has no cell ${id}`);
  return Number(row.printed);
}
