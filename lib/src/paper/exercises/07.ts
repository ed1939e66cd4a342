/**
 * The answer key of notebook 07's exercises (see types.ts). Ids are "07.<exercise number>".
 */
import type { Exercise } from "./types";

/** Exercises of notebook 07, by id. */
export const EXERCISES_07: Readonly<Record<string, Exercise>> = {};
