// Compiles the programme schema with Ajv (draft 2020-12, strict mode) and
// validates every example against it. Run by scripts/interop.
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const root = path.resolve(__dirname, "..");
const schema = JSON.parse(fs.readFileSync(path.join(root, "schema", "programme.schema.json"), "utf8"));
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);
let failed = 0;
const dir = path.join(root, "examples", "data");
for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
  const doc = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
  if (validate(doc)) {
    console.log(`ajv: ${name}: valid`);
  } else {
    failed += 1;
    console.log(`ajv: ${name}: INVALID`, JSON.stringify(validate.errors, null, 1));
  }
}
process.exit(failed ? 1 : 0);
