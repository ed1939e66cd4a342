/**
 * The answer key of the notebooks' exercises: one file per notebook (00.ts … 07.ts), each
 * exporting the exercises of that notebook by id ("04.2" is exercise 2 of notebook 04).
 *
 * An exercise's `answer` recomputes the expected result from the notebook's parameters, so a
 * self-check stays right when a reader changes the data or a choice in the parameters cell, and it
 * needs no solution cell (a lecturer may strip those before handing the notebook out). `check()`
 * (present/check.ts) compares a reader's answer with it and prints ✓ or what is off, never the
 * answer itself.
 */
import type { PaperDataOptions } from "../analysis-frame";

/** A value an exercise can ask for. */
export type ExerciseAnswer = number | boolean | string | readonly (number | string)[];

/** One exercise of the answer key. */
export interface Exercise {
  /** What is asked, in a few words (printed by the check). */
  asks: string;
  /** The expected answer under the given parameters. */
  answer: (params: PaperDataOptions) => ExerciseAnswer;
  /** Relative tolerance of a numeric answer (default 0.001, i.e. about three digits). */
  tolerance?: number;
}
