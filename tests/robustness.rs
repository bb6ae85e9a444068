//! No input makes the entry points panic: arbitrary bytes and arbitrary JSON
//! values through loading, validation and aggregation; arbitrary text
//! through the phrase parser. The fuzz targets under `fuzz/` run the same
//! paths for longer.

use minsheng::generate::{self, Options};
use proptest::prelude::*;
use serde_json::Value;

/// Any JSON value, nested a few levels, with keys drawn partly from the
/// format's own field names so that deep paths get exercised too.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("format_version".to_owned()),
        Just("id".to_owned()),
        Just("sections".to_owned()),
        Just("tasks".to_owned()),
        Just("targets".to_owned()),
        Just("amount".to_owned()),
        Just("value".to_owned()),
        Just("units".to_owned()),
        "[a-z_]{1,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,20}".prop_map(Value::String),
        "-?[0-9]{1,30}(\\.[0-9]{1,30})?".prop_map(Value::String),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..8).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// What a platform runs on every document it receives.
fn whole_path(bytes: &[u8]) {
    if let Ok(p) = minsheng::from_slice(bytes) {
        let _ = minsheng::validate(&p);
        let _ = minsheng::aggregate::summary(&p);
        // The ledger and the export read every part of a programme too.
        let _ = minsheng::ledger::to_csv(&minsheng::ledger::rows(&p, None));
        let mut tables = minsheng::export::Tables::new();
        if tables.add(&p, &[], None).is_ok() {
            for t in tables.tables() {
                let _ = t.write(minsheng::export::Format::Csv, std::io::sink());
                let _ = t.write(minsheng::export::Format::Ndjson, std::io::sink());
            }
        }
    }
}

const MINIMAL: &str =
    r#"{"format_version":"1","id":"p","title":"t","jurisdiction":{"name":"青海省","level":"province"},"year":2021}"#;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        whole_path(&bytes);
    }

    #[test]
    fn arbitrary_json_never_panics(value in json_value()) {
        whole_path(value.to_string().as_bytes());
    }

    #[test]
    fn arbitrary_json_inside_a_programme_never_panics(value in json_value(), field in prop_oneof![
        Just("sections"), Just("units"), Just("phases"), Just("reporting"), Just("declared_counts"),
        Just("document"), Just("period"), Just("extra"), Just("leading_group"),
    ]) {
        let text = MINIMAL.replacen("\"year\":2021", &format!("\"year\":2021,\"{field}\":{value}"), 1);
        whole_path(text.as_bytes());
    }

    #[test]
    fn damaged_real_documents_never_panic(file in 0usize..5, at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let names = ["qinghai-2021", "haidong-2024", "duji-2021", "chuxiong-2021", "haixi-2020"];
        let path = format!("{}/examples/data/{}.json", env!("CARGO_MANIFEST_DIR"), names[file]);
        let mut bytes = std::fs::read(path).unwrap();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        whole_path(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics_the_phrase_parser(text in ".{0,80}", year in -10_000i32..10_000) {
        let _ = minsheng::parse::parse_targets(&text);
        let _ = text.parse::<minsheng::Target>();
        let _ = minsheng::Deadline::parse(&text, year);
    }

    #[test]
    fn phrase_like_text_never_panics_the_phrase_parser(
        text in "[0-9０-９一二三四五六七八九十百千万亿两.、—%‰/个以上以下不少于达到控制在年月日底前内季度其中各分别]{0,40}",
        year in prop_oneof![Just(i32::MIN), Just(i32::MAX), 1900i32..2100],
    ) {
        let _ = minsheng::parse::parse_targets(&text);
        let _ = text.parse::<minsheng::Target>();
        let _ = minsheng::Deadline::parse(&text, year);
    }
}

#[test]
fn validate_all_keeps_input_order() {
    let programmes: Vec<minsheng::Programme> =
        (0..64).map(|i| generate::programme(&Options { tasks: 1 + (i * 37) % 200, seed: i as u64 })).collect();
    let mut damaged = programmes.clone();
    for (i, p) in damaged.iter_mut().enumerate().filter(|(i, _)| i % 5 == 0) {
        generate::break_rule(p, generate::Defect::ALL[i % generate::Defect::ALL.len()], i as u64);
    }
    let reports = minsheng::batch::validate_all(&damaged);
    let one_by_one: Vec<minsheng::Report> = damaged.iter().map(minsheng::validate).collect();
    assert_eq!(reports, one_by_one);
    assert!(reports.iter().any(|r| !r.findings.is_empty()));
}

#[test]
fn check_files_keeps_input_order_and_names_each_file() {
    let dir = std::env::temp_dir().join(format!("minsheng-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let paths: Vec<std::path::PathBuf> = (0..30)
        .map(|i| {
            let path = dir.join(format!("p{i}.json"));
            let text = if i % 4 == 3 {
                "{".to_owned()
            } else {
                minsheng::to_string_pretty(&generate::programme(&Options { tasks: 5 + i, seed: i as u64 })).unwrap()
            };
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let reports = minsheng::batch::check_files(&paths, minsheng::DEFAULT_MAX_BYTES);
    assert_eq!(reports.iter().map(|r| r.path.clone()).collect::<Vec<_>>(), paths);
    for (i, r) in reports.iter().enumerate() {
        match &r.outcome {
            Ok(report) => assert!(i % 4 != 3 && report.findings.is_empty(), "{i}: {report:?}"),
            Err(e) => assert!(i % 4 == 3 && e.to_string().contains(&format!("p{i}.json")), "{i}: {e}"),
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}
