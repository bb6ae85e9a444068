//! The JSON Schema of the programme format, generated from the Rust types.
//!
//! Draft 2020-12, closed objects, titles and descriptions from the doc
//! comments. The committed copy `schema/programme.schema.json` must equal
//! [`programme_schema_json`] (a test fails on drift).

use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use schemars::{Schema, SchemaGenerator};

use crate::model::Programme;

/// The file name of the programme schema.
pub const PROGRAMME_SCHEMA_FILE: &str = "programme.schema.json";

/// The `$id` of the programme schema; it names the format version.
pub const PROGRAMME_SCHEMA_ID: &str = "urn:minsheng:schema:programme:1";

/// Drops `format` values that are not JSON Schema formats (schemars writes
/// `uint32`, `int32`…, which Ajv in strict mode rejects as unknown).
#[derive(Debug, Clone, Copy)]
struct StandardFormatsOnly;

impl Transform for StandardFormatsOnly {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(obj) = schema.as_object_mut() {
            let keep = obj
                .get("format")
                .and_then(|f| f.as_str())
                .is_none_or(|f| matches!(f, "date" | "date-time" | "email" | "uri"));
            if !keep {
                // The integer widths become bounds a validator checks.
                let bounds: Option<(serde_json::Value, serde_json::Value)> =
                    match obj.get("format").and_then(|f| f.as_str()) {
                        Some("uint32") => Some((0.into(), u32::MAX.into())),
                        Some("int32") => Some((i32::MIN.into(), i32::MAX.into())),
                        Some("uint64") => Some((0.into(), u64::MAX.into())),
                        _ => None,
                    };
                if let Some((min, max)) = bounds {
                    obj.entry("minimum").or_insert(min);
                    obj.entry("maximum").or_insert(max);
                }
                obj.remove("format");
            }
        }
        transform_subschemas(self, schema);
    }
}

/// Removes `null` from optional fields: the format leaves an absent value
/// out instead of writing `null`, and union types trip Ajv's strict mode.
#[derive(Debug, Clone, Copy)]
struct NoNull;

impl Transform for NoNull {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(obj) = schema.as_object_mut() {
            if let Some(serde_json::Value::Array(types)) = obj.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    obj.insert("type".into(), only);
                }
            }
            if let Some(serde_json::Value::Array(branches)) = obj.get_mut("anyOf") {
                branches.retain(|b| b.get("type").and_then(|t| t.as_str()) != Some("null"));
                if branches.len() == 1
                    && let Some(serde_json::Value::Object(only)) = branches.pop()
                {
                    obj.remove("anyOf");
                    for (k, v) in only {
                        obj.entry(k).or_insert(v);
                    }
                }
            }
            if obj.get("default").is_some_and(serde_json::Value::is_null) {
                obj.remove("default");
            }
        }
        transform_subschemas(self, schema);
    }
}

/// Keeps descriptions to prose: drops the Rust doc examples (```…```) that
/// doc comments carry for rustdoc, and rustdoc's link brackets.
#[derive(Debug, Clone, Copy)]
struct ProseDescriptions;

impl Transform for ProseDescriptions {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(obj) = schema.as_object_mut()
            && let Some(serde_json::Value::String(d)) = obj.get_mut("description")
        {
            if let Some(i) = d.find("```") {
                d.truncate(i);
            }
            let trimmed = d.trim_end().replace("[`", "`").replace("`]", "`");
            *d = trimmed;
            if d.is_empty() {
                obj.remove("description");
            }
        }
        transform_subschemas(self, schema);
    }
}

/// Drops what stands beside a `$ref` (a description, the definition keeps
/// its own; a `default`, which an optional field does not need): code
/// generators (json-schema-to-typescript, datamodel-code-generator) read a
/// `$ref` with any sibling, `$comment` included, as a new type and name it
/// `Extra1`, `Deadline2`, `DocumentRef1`…
#[derive(Debug, Clone, Copy)]
struct BareRefs;

impl Transform for BareRefs {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(obj) = schema.as_object_mut()
            && obj.contains_key("$ref")
        {
            obj.retain(|k, _| k == "$ref");
        }
        transform_subschemas(self, schema);
    }
}

/// Names every variant of a tagged union (`QuantityMeasure`,
/// `BetweenAmount`, `GovernmentsCollective`) with a `title`, so that code
/// generators name the types they make instead of numbering them.
fn title_variants(schema: &mut Schema) {
    let Some(defs) = schema.get_mut("$defs").and_then(|d| d.as_object_mut()) else { return };
    for (name, def) in defs.iter_mut() {
        let Some(branches) = def.get_mut("oneOf").and_then(|b| b.as_array_mut()) else { continue };
        for branch in branches.iter_mut().filter_map(|b| b.as_object_mut()) {
            let tag = branch
                .get("properties")
                .and_then(|p| p.as_object())
                .and_then(|p| p.values().find_map(|v| v.get("const").and_then(|c| c.as_str())));
            if let Some(tag) = tag {
                let pascal: String = tag
                    .split('_')
                    .map(|w| {
                        let mut cs = w.chars();
                        cs.next().map(|c| c.to_ascii_uppercase().to_string() + cs.as_str()).unwrap_or_default()
                    })
                    .collect();
                branch.insert("title".into(), format!("{pascal}{name}").into());
            }
        }
    }
}

fn generator() -> SchemaGenerator {
    let mut settings = SchemaSettings::draft2020_12();
    settings.transforms.push(Box::new(ProseDescriptions));
    settings.transforms.push(Box::new(NoNull));
    settings.transforms.push(Box::new(StandardFormatsOnly));
    settings.transforms.push(Box::new(BareRefs));
    settings.into_generator()
}

/// The JSON Schema of a programme document.
///
/// ```
/// let schema = minsheng::schema::programme_schema();
/// assert_eq!(schema.get("$id").and_then(|v| v.as_str()), Some(minsheng::schema::PROGRAMME_SCHEMA_ID));
/// ```
pub fn programme_schema() -> Schema {
    let mut schema = generator().into_root_schema_for::<Programme>();
    title_variants(&mut schema);
    schema.insert("$id".into(), PROGRAMME_SCHEMA_ID.into());
    schema
}

/// The programme schema as pretty-printed JSON with a final newline: the
/// exact text of `schema/programme.schema.json`.
pub fn programme_schema_json() -> String {
    let mut s = serde_json::to_string_pretty(&programme_schema()).unwrap_or_default();
    s.push('\n');
    s
}

/// The file name of the progress-report schema.
pub const PROGRESS_REPORT_SCHEMA_FILE: &str = "progress-report.schema.json";

/// The `$id` of the progress-report schema; it names the report format version.
pub const PROGRESS_REPORT_SCHEMA_ID: &str = "urn:minsheng:schema:progress-report:1";

/// The JSON Schema of a progress-report document ([`ProgressReport`](crate::progress::ProgressReport)).
///
/// ```
/// let schema = minsheng::schema::progress_report_schema();
/// assert_eq!(schema.get("$id").and_then(|v| v.as_str()), Some(minsheng::schema::PROGRESS_REPORT_SCHEMA_ID));
/// ```
pub fn progress_report_schema() -> Schema {
    let mut schema = generator().into_root_schema_for::<crate::progress::ProgressReport>();
    title_variants(&mut schema);
    schema.insert("$id".into(), PROGRESS_REPORT_SCHEMA_ID.into());
    schema
}

/// The progress-report schema as pretty-printed JSON with a final newline:
/// the exact text of `schema/progress-report.schema.json`.
pub fn progress_report_schema_json() -> String {
    let mut s = serde_json::to_string_pretty(&progress_report_schema()).unwrap_or_default();
    s.push('\n');
    s
}
