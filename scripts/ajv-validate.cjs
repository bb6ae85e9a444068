// One Ajv run as an integrator without minsheng would make it: compile the
// programme schema once (draft 2020-12, strict mode, formats checked), read
// and parse one document, validate it. Prints "valid" or the first errors;
// exit 0 / 1. Used by scripts/ajv-race.
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const [schemaPath, documentPath] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
const document = JSON.parse(fs.readFileSync(documentPath, "utf8"));
if (validate(document)) {
  console.log("valid");
} else {
  console.log(JSON.stringify(validate.errors.slice(0, 5)));
  process.exit(1);
}
