/* global module */
"use strict";
/**
 * Installed in place of the deprecated "request" package (package.json `overrides`), which
 * danfojs-node requires only to read CSV/JSON files from a URL. This project reads local files
 * and never uses the network at run time, so every call throws a message saying what to do.
 */
function request() {
  throw new Error(
    "danfojs-node: reading from a URL is not available in this project (it never uses the " +
      "network at run time). Download the file and pass its local path instead.",
  );
}
request.get = request;
request.post = request;
module.exports = request;
