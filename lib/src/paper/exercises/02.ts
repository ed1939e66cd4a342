/**
 * The answer key of notebook 02's exercises (see types.ts). Ids are "02.<exercise number>".
 */
import type { Exercise } from "./types";

/** Exercises of notebook 02, by id. */
export const EXERCISES_02: Readonly<Record<string, Exercise>> = {};
