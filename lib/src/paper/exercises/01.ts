/**
 * The answer key of notebook 01's exercises (see types.ts). Ids are "01.<exercise number>".
 */
import type { Exercise } from "./types";

/** Exercises of notebook 01, by id. */
export const EXERCISES_01: Readonly<Record<string, Exercise>> = {};
