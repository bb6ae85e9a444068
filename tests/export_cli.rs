//! `minsheng export`: the tables of the five notices in DuckDB give the
//! totals and the lead workload `minsheng summary` gives, by README's very
//! queries; and the command's refusals.
#![cfg(feature = "cli")]

use crate::support::cli as support;

use std::collections::BTreeMap;
use std::process::Command;

use rust_decimal::Decimal;
use support::{Scratch, minsheng, stderr, stdout};

const EXAMPLES: [&str; 5] = [
    "examples/data/chuxiong-2021.json",
    "examples/data/duji-2021.json",
    "examples/data/haidong-2024.json",
    "examples/data/haixi-2020.json",
    "examples/data/qinghai-2021.json",
];

/// Runs README's two queries on the tables in `dir` and prints their rows as JSON.
const QUERY: &str = r#"
import duckdb, json, re, sys
readme, out, fmt = sys.argv[1:4]
blocks = re.findall(r"```sql\n(.*?)```", open(readme, encoding="utf-8").read(), re.S)
totals = next(b for b in blocks if b.startswith("-- Totals per subject"))
lead = next(b for b in blocks if b.startswith("-- Lead workload"))
con = duckdb.connect()
for t in ("targets", "responsibilities", "units"):
    if fmt == "parquet":
        source = f"read_parquet('{out}/{t}.parquet')"
    elif t == "targets":
        source = f"read_csv('{out}/{t}.csv', types = {{'low': 'DECIMAL(38,10)', 'low_base': 'DECIMAL(38,10)'}})"
    else:
        source = f"read_csv('{out}/{t}.csv')"
    con.execute(f"CREATE VIEW {t} AS FROM {source}")
rows = lambda q: [[None if v is None else str(v) for v in r] for r in con.execute(q).fetchall()]
print(json.dumps({"totals": rows(totals), "lead": rows(lead)}, ensure_ascii=False))
"#;

/// The Python that has DuckDB: `MINSHENG_DUCKDB_PYTHON` (set by `.ci/run`,
/// which makes DuckDB required), else `python3` when it has it.
fn duckdb_python() -> Option<String> {
    let required = std::env::var("MINSHENG_DUCKDB_PYTHON").ok();
    let python = required.clone().unwrap_or_else(|| "python3".into());
    let ok = Command::new(&python).args(["-c", "import duckdb"]).output().is_ok_and(|o| o.status.success());
    match (ok, required) {
        (true, _) => Some(python),
        (false, Some(p)) => panic!("MINSHENG_DUCKDB_PYTHON={p} cannot import duckdb"),
        (false, None) => {
            eprintln!("DuckDB not installed (pip install duckdb): skipping the SQL check");
            None
        }
    }
}

type Totals = BTreeMap<(String, String, String), (String, Decimal, u64)>;
type Leads = BTreeMap<(String, String), (String, u64)>;

fn decimal(v: &serde_json::Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("{v} is not a decimal string")).parse::<Decimal>().unwrap().normalize()
}

fn count(v: &serde_json::Value) -> u64 {
    v.as_u64().or_else(|| v.as_str().and_then(|s| s.parse().ok())).unwrap_or_else(|| panic!("{v} is not a count"))
}

fn text(v: &serde_json::Value) -> String {
    v.as_str().unwrap_or_else(|| panic!("{v} is not text")).to_owned()
}

/// What `minsheng summary --format json` says of the five notices.
fn from_summary() -> (Totals, Leads) {
    let (mut totals, mut leads) = (Totals::new(), Leads::new());
    for file in EXAMPLES {
        let o = minsheng(&["summary", "--format", "json", file]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let s: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let id = text(&s["id"]);
        for row in s["totals"].as_array().unwrap().iter().filter(|r| r.get("subject").is_some()) {
            totals.insert(
                (id.clone(), text(&row["subject"]), text(&row["dimension"])),
                (text(&row["unit"]), decimal(&row["value"]), count(&row["targets"])),
            );
        }
        for w in s["workload"].as_array().unwrap().iter().filter(|w| count(&w["lead"]) > 0) {
            leads.insert((id.clone(), text(&w["unit"])), (text(&w["name"]), count(&w["lead"])));
        }
    }
    (totals, leads)
}

/// What README's queries say of the tables in `dir`.
fn from_sql(python: &str, dir: &str, format: &str) -> (Totals, Leads) {
    let o = Command::new(python)
        .args(["-c", QUERY, concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"), dir, format])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let totals = rows["totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| ((text(&r[0]), text(&r[1]), text(&r[2])), (text(&r[3]), decimal(&r[4]), count(&r[5]))))
        .collect();
    let leads = rows["lead"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| ((text(&r[0]), text(&r[1])), (text(&r[2]), count(&r[3]))))
        .collect();
    (totals, leads)
}

#[test]
fn duckdb_on_the_export_gives_the_summary_totals_and_lead_workload() {
    let s = Scratch::new("export-duckdb");
    let mut formats = vec!["csv"];
    if cfg!(feature = "parquet") {
        formats.push("parquet");
    }
    for format in &formats {
        let dir = s.path(format);
        let mut args = vec!["export", "--format", format, "--out", &dir];
        args.extend(EXAMPLES);
        let o = minsheng(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stderr(&o).contains("wrote 12 tables"), "{}", stderr(&o));
    }
    let Some(python) = duckdb_python() else { return };
    let (totals, leads) = from_summary();
    assert!(totals.len() > 150 && leads.len() > 60, "{} totals, {} leads", totals.len(), leads.len());
    for format in formats {
        let (sql_totals, sql_leads) = from_sql(&python, &s.path(format), format);
        assert_eq!(sql_totals, totals, "totals per subject from {format}");
        assert_eq!(sql_leads, leads, "lead workload from {format}");
    }
}

#[test]
fn export_writes_ndjson_with_reports_and_evaluation() {
    let s = Scratch::new("export-ndjson");
    let dir = s.path("out");
    let o = minsheng(&[
        "export",
        "examples/data/qinghai-2021.json",
        "--report",
        "examples/data/progress/qinghai-2021-2021-06-30.json",
        "--as-of",
        "2021-06-30",
        "--format",
        "ndjson",
        "--out",
        &dir,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let evaluation = std::fs::read_to_string(format!("{dir}/evaluation.ndjson")).unwrap();
    assert_eq!(evaluation.lines().count(), 40);
    let t: serde_json::Value =
        serde_json::from_str(evaluation.lines().find(|l| l.contains("\"t11-2\"")).unwrap()).unwrap();
    assert_eq!((t["status"].as_str(), t["completion"].as_str()), (Some("met"), Some("103.84")));
    assert_eq!(t["completion_num"].as_f64(), Some(103.84));
    assert_eq!(std::fs::read_to_string(format!("{dir}/reports.ndjson")).unwrap().lines().count(), 1);
}

#[test]
fn export_refuses_what_would_lose_or_mix_data() {
    let s = Scratch::new("export-refusals");
    let dir = s.path("out");
    let qinghai = "examples/data/qinghai-2021.json";
    let o = minsheng(&["export", qinghai, "--out", &dir]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = std::fs::read(format!("{dir}/tasks.csv")).unwrap();
    // Existing tables stay unless --force.
    let o = minsheng(&["export", "examples/data/duji-2021.json", "--out", &dir]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("refusing to overwrite") && stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read(format!("{dir}/tasks.csv")).unwrap(), before);
    let o = minsheng(&["export", "examples/data/duji-2021.json", "--out", &dir, "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_ne!(std::fs::read(format!("{dir}/tasks.csv")).unwrap(), before);
    // An input is never an output, even with --force.
    let input = s.file("tasks.csv", &std::fs::read(qinghai).unwrap());
    let o = minsheng(&["export", &input, "--out", &s.path(""), "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("it is the input"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&input).unwrap(), std::fs::read(qinghai).unwrap());
    // One file per table: standard output cannot hold them.
    let o = minsheng(&["export", qinghai, "--out", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("give a directory"), "{}", stderr(&o));
    // Two programmes with one id would share keys.
    let o = minsheng(&["export", qinghai, qinghai, "--out", &s.path("twice")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("both programme \"qinghai-2021\""), "{}", stderr(&o));
    // A report about a programme not given.
    let o = minsheng(&[
        "export",
        "examples/data/duji-2021.json",
        "--report",
        "examples/data/progress/qinghai-2021-2021-06-30.json",
        "--out",
        &s.path("orphan"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not among the programmes given"), "{}", stderr(&o));
    assert!(!std::path::Path::new(&s.path("orphan")).exists(), "nothing written");
}
