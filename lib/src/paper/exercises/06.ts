/**
 * The answer key of notebook 06's exercises (see types.ts). Ids are "06.<exercise number>".
 */
import type { Exercise } from "./types";

/** Exercises of notebook 06, by id. */
export const EXERCISES_06: Readonly<Record<string, Exercise>> = {};
