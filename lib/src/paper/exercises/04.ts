/**
 * The answer key of notebook 04's exercises (see types.ts). Ids are "04.<exercise number>".
 */
import type { Exercise } from "./types";

/** Exercises of notebook 04, by id. */
export const EXERCISES_04: Readonly<Record<string, Exercise>> = {};
