/**
 * Every exercise of the notebooks, by id ("04.2"): the answer key `check()` uses.
 */
import type { Exercise } from "./types";
import { EXERCISES_00 } from "./00";
import { EXERCISES_01 } from "./01";
import { EXERCISES_02 } from "./02";
import { EXERCISES_03 } from "./03";
import { EXERCISES_04 } from "./04";
import { EXERCISES_05 } from "./05";
import { EXERCISES_06 } from "./06";
import { EXERCISES_07 } from "./07";

export type { Exercise, ExerciseAnswer } from "./types";

/** The answer key: every notebook's exercises, by id. */
export const EXERCISES: Readonly<Record<string, Exercise>> = Object.freeze({
  ...EXERCISES_00,
  ...EXERCISES_01,
  ...EXERCISES_02,
  ...EXERCISES_03,
  ...EXERCISES_04,
  ...EXERCISES_05,
  ...EXERCISES_06,
  ...EXERCISES_07,
});
