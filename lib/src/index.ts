/**
 * cplib — the econometrics of Bashlai et al. (2026), one method per file.
 * Each line below re-exports one method's file; open the file to read the method.
 */
export * from "./errors";
export * from "./published";
export * from "./distributions";
export * from "./display";
export * from "./qr";
export * from "./ols";
export * from "./published-data";
export * from "./plot";
export * from "./codebook";
export * from "./read-csv";
export * from "./panel";
export * from "./entropy-weights";
export * from "./interpolate";
export * from "./descriptives";
export * from "./indices";
export * from "./vif";
export * from "./standardized";
export * from "./audit";
export * from "./models";
export * from "./reproduce-published";
export * from "./correlation";
export * from "./render-regression-table";
export * from "./render-comparison";
export * from "./fixed-effects";
export * from "./wild-cluster-bootstrap";
export * from "./interaction-test";
export * from "./pca-weights";
export * from "./leave-one-out";
export * from "./least-squares-refinement";
export * from "./frame";
export * from "./html";
