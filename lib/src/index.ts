/**
 * cplib — the econometrics of Bashlai et al. (2026), one method per file.
 *
 * The folders are the layers, bottom to top; a file imports only from its own layer or below:
 *   data/     reading: CSV, the codebook, the panel, the published numbers as printed strings
 *   methods/  general methods, one per file, knowing nothing about this paper
 *   paper/    the paper: variable construction, the specifications of Tables 3–6, the match rule,
 *             the published-vs-reproduced comparison and the audit
 *   present/  display in notebooks, charts, table renderers
 * Each line below re-exports one file; open the file to read the method.
 */
// data/
export * from "./data/errors";
export * from "./data/printed-number";
export * from "./data/read-csv";
export * from "./data/codebook";
export * from "./data/panel";
export * from "./data/published-data";
export * from "./data/frame";
export * from "./data/danfo";
export * from "./data/pivot";
export * from "./data/nist";
export * from "./data/real-sources";
export * from "./data/provenance";
// methods/
export * from "./methods/distributions";
export * from "./methods/qr";
export * from "./methods/least-squares-refinement";
export * from "./methods/ols-matrix";
export * from "./methods/formula";
export * from "./methods/regression-results";
export * from "./methods/levenberg-marquardt";
export * from "./methods/ols";
export * from "./methods/entropy-weights";
export * from "./methods/interpolate";
export * from "./methods/descriptives";
export * from "./methods/correlation";
export * from "./methods/vif";
export * from "./methods/standardized";
export * from "./methods/fixed-effects";
export * from "./methods/wild-cluster-bootstrap";
export * from "./methods/chow-test";
export * from "./methods/pca-weights";
export * from "./methods/leave-one-out";
export * from "./methods/fitted-design";
export * from "./methods/cholesky";
export * from "./methods/wald-test";
export * from "./methods/breusch-pagan";
export * from "./methods/white-test";
export * from "./methods/panel-groups";
export * from "./methods/between-estimator";
export * from "./methods/random-effects";
export * from "./methods/hausman-test";
export * from "./methods/p-adjust";
export * from "./methods/ols-influence";
export * from "./methods/qq-points";
export * from "./methods/condition-number";
export * from "./methods/coefficient-difference-test";
// paper/
export * from "./paper/match";
export * from "./paper/specs";
export * from "./paper/moment-statistics";
export * from "./paper/indices";
export * from "./paper/analysis-frame";
export * from "./paper/reproduce-published";
export * from "./paper/exercises";
export * from "./paper/real-data-checks";
export * from "./paper/audit";
// present/
export * from "./present/html";
export * from "./present/display";
export * from "./present/banner";
export * from "./present/plot";
export * from "./present/model-figures";
export * from "./present/provenance-figure";
export * from "./present/render-regression-table";
export * from "./present/render-comparison";
export * from "./present/etable";
export * from "./present/show";
export * from "./present/check";
