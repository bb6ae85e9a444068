//! The committed JSON Schema matches the code, and every example validates against it.

use std::path::Path;

fn committed() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema").join(minsheng::schema::PROGRAMME_SCHEMA_FILE);
    std::fs::read_to_string(path).expect("schema/programme.schema.json is committed")
}

#[test]
fn committed_schema_matches_the_code() {
    assert!(
        committed() == minsheng::schema::programme_schema_json(),
        "schema/programme.schema.json is stale: run `cargo run --features cli -- schema --out schema`"
    );
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&committed()).expect("the schema is JSON");
    jsonschema::draft202012::options().should_validate_formats(true).build(&schema).expect("the schema compiles")
}

fn examples() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join("data");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("examples/data exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_example_validates_against_the_schema() {
    let v = validator();
    let files = examples();
    assert!(files.len() >= 5, "expected the five notices, found {files:?}");
    for path in files {
        let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let errors: Vec<String> = v.iter_errors(&doc).map(|e| format!("{} at {}", e, e.instance_path)).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn every_example_loads_round_trips_and_has_no_errors() {
    for path in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let p = minsheng::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let again = minsheng::from_str(&minsheng::to_string_pretty(&p).unwrap()).unwrap();
        assert_eq!(p, again, "{}", path.display());
        let report = minsheng::validate(&p);
        let errors: Vec<_> = report.errors().collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

/// What serde rejects, the schema rejects too, where JSON Schema can say so.
#[test]
fn schema_rejects_what_serde_rejects() {
    let v = validator();
    let base: serde_json::Value = serde_json::json!({
        "format_version": "1",
        "id": "p",
        "title": "通知",
        "jurisdiction": {"name": "青海省", "level": "province"},
        "year": 2021,
        "sections": [{"id": "s", "title": "就业", "tasks": [{"id": "t", "description": "x",
            "targets": [{"id": "x", "subject": "培训", "phrase": "培训10万人次",
                "measure": {"kind": "quantity", "unit": "人次"},
                "amount": {"comparator": "exactly", "value": "100000"}}]}]}]
    });
    assert!(v.is_valid(&base));
    assert!(minsheng::from_str(&base.to_string()).is_ok());
    let broken: Vec<(&str, serde_json::Value)> = vec![
        ("unknown field", patch(&base, "/sections/0/tasks/0", "colour", serde_json::json!("red"))),
        ("decimal as number", patch(&base, "/sections/0/tasks/0/targets/0/amount", "value", serde_json::json!(100000))),
        ("NaN decimal", patch(&base, "/sections/0/tasks/0/targets/0/amount", "value", serde_json::json!("NaN"))),
        (
            "unknown comparator",
            patch(&base, "/sections/0/tasks/0/targets/0/amount", "comparator", serde_json::json!("roughly")),
        ),
        (
            "between without max",
            patch(
                &base,
                "/sections/0/tasks/0/targets/0",
                "amount",
                serde_json::json!({"comparator": "between", "min": "1"}),
            ),
        ),
        ("bad id", patch(&base, "/sections/0/tasks/0", "id", serde_json::json!("a/b~c"))),
        ("bad date", patch(&base, "", "document", serde_json::json!({"written": "2021-02-30"}))),
        ("unpadded date", patch(&base, "", "document", serde_json::json!({"written": "2021-2-3"}))),
        ("date with a space", patch(&base, "", "document", serde_json::json!({"written": " 2021-02-03"}))),
        ("date with a sign", patch(&base, "", "document", serde_json::json!({"written": "+2021-02-03"}))),
        ("three-digit year", patch(&base, "", "document", serde_json::json!({"written": "021-02-03"}))),
        ("bad level", patch(&base, "/jurisdiction", "level", serde_json::json!("city"))),
        ("bad number", patch(&base, "/sections/0/tasks/0", "number", serde_json::json!("（一）"))),
        ("wrong version", patch(&base, "", "format_version", serde_json::json!("2"))),
        ("empty unit", patch(&base, "/sections/0/tasks/0/targets/0/measure", "unit", serde_json::json!(""))),
        ("document number variant", patch(&base, "", "document", serde_json::json!({"number": "青政办[2021]24号"}))),
    ];
    for (what, doc) in broken {
        assert!(minsheng::from_str(&doc.to_string()).is_err(), "serde accepted {what}");
        assert!(!v.is_valid(&doc), "schema accepted {what}");
    }
}

fn patch(base: &serde_json::Value, at: &str, key: &str, value: serde_json::Value) -> serde_json::Value {
    let mut doc = base.clone();
    if let Some(obj) = doc.pointer_mut(at).and_then(|v| v.as_object_mut()) {
        obj.insert(key.into(), value);
    }
    doc
}

#[test]
fn schema_is_draft_2020_12_with_a_versioned_id() {
    let schema: serde_json::Value = serde_json::from_str(&committed()).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["$id"], minsheng::schema::PROGRAMME_SCHEMA_ID);
    assert_eq!(schema["additionalProperties"], false);
    let text = committed();
    assert!(!text.contains("\"null\""), "optional values are left out, never null");
    assert!(!text.contains("uint32") && !text.contains("int32"), "only standard formats");
}
