/**
 * The answer key of notebook 03's exercises (see types.ts). Ids are "03.<exercise number>".
 */
import type { Exercise } from "./types";

/** Exercises of notebook 03, by id. */
export const EXERCISES_03: Readonly<Record<string, Exercise>> = {};
