/**
 * cplib — the econometrics of Bashlai et al. (2026), one method per file.
 * Each line below re-exports one method's file; open the file to read the method.
 */
export * from "./errors";
