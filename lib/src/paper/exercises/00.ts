/**
 * The answer key of notebook 00's exercises (see types.ts). Ids are "00.<exercise number>".
 */
import type { Exercise } from "./types";

/** Exercises of notebook 00, by id. */
export const EXERCISES_00: Readonly<Record<string, Exercise>> = {};
