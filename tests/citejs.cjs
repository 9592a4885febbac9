// Reads citation files as citation-js (npm @citation-js/core with its RIS and BibTeX plugins)
// does for a reference manager, and prints what it understood as CSL-JSON: one list per file
// named on the command line. Used by tests/test_cite_exports.py.
"use strict";
const fs = require("fs");
const { Cite } = require("@citation-js/core");
require("@citation-js/plugin-ris");
require("@citation-js/plugin-bibtex");

const read = process.argv.slice(2).map(function (file) {
  const text = fs.readFileSync(file, "utf8");
  // the format is told, not guessed: each file is read as what it claims to be (the .bib
  // files are biblatex: @online with a full date)
  const type = { json: "@csl/list+object", ris: "@ris/file", bib: "@biblatex/text" }[file.split(".").pop()];
  const input = type === "@csl/list+object" ? JSON.parse(text) : text;
  return new Cite(input, { forceType: type }).data;
});
process.stdout.write(JSON.stringify(read));
