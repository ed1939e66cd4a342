/**
 * The answer key of notebook 05's exercises (see types.ts). Ids are "05.<exercise number>".
 */
import type { Exercise } from "./types";

/** Exercises of notebook 05, by id. */
export const EXERCISES_05: Readonly<Record<string, Exercise>> = {};
