/* global module */
"use strict";
/**
 * Installed in place of "xlsx" (package.json `overrides`): danfojs-node requires it at load
 * time for readExcel/toExcel, which this project never calls. Every function throws a message
 * saying what to do; CSV (danfo's readCSV/toCSV, or cplib's readPanel) works as usual.
 */
function unavailable() {
  throw new Error(
    "danfojs-node: Excel files are not supported in this project's install (the xlsx package " +
      "is replaced to keep node_modules small). Save the sheet as CSV and use readCSV, or remove " +
      'the "xlsx" entry from "overrides" in package.json and run npm install.',
  );
}
module.exports = {
  read: unavailable,
  readFile: unavailable,
  writeFile: unavailable,
  utils: {
    sheet_to_json: unavailable,
    aoa_to_sheet: unavailable,
    json_to_sheet: unavailable,
    book_new: unavailable,
    book_append_sheet: unavailable,
  },
};
