// Compiles each schema with Ajv (draft 2020-12, strict mode) and validates
// its examples against it: the programme schema with examples/data/*.json,
// the progress-report schema with examples/data/progress/*.json. Run by
// scripts/interop.
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const root = path.resolve(__dirname, "..");
let failed = 0;
for (const [schemaFile, dir] of [
  ["programme.schema.json", path.join(root, "examples", "data")],
  ["progress-report.schema.json", path.join(root, "examples", "data", "progress")],
]) {
  const schema = JSON.parse(fs.readFileSync(path.join(root, "schema", schemaFile), "utf8"));
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
    if (validate(doc)) {
      console.log(`ajv: ${name}: valid`);
    } else {
      failed += 1;
      console.log(`ajv: ${name}: INVALID`, JSON.stringify(validate.errors, null, 1));
    }
  }
}
process.exit(failed ? 1 : 0);
