//! `minsheng progress` and `minsheng ledger`: output, exit codes, and files
//! that spreadsheet programs open.
#![cfg(feature = "cli")]

use crate::support::cli as support;

use std::io::Read;
use std::process::Command;
use support::{Scratch, minsheng, stderr, stdout};

const QINGHAI: &str = "examples/data/qinghai-2021.json";
const MID_YEAR: &str = "examples/data/progress/qinghai-2021-2021-06-30.json";

#[test]
fn progress_prints_the_roll_up_as_text_and_json() {
    let o = minsheng(&["progress", QINGHAI, MID_YEAR, "--as-of", "2021-06-30"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("40 targets: 5 met, 13 on track, 8 behind, 0 overdue, 2 not started, 12 no data"), "{text}");
    for expected in ["Lead units behind", "省教育厅", "Targets to chase", "评价性抽检", "部分项目用地手续办理滞后"]
    {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    let o = minsheng(&["progress", QINGHAI, MID_YEAR, "--as-of", "2021-06-30", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["evaluation"]["programme"]["counts"]["met"], 5);
    assert_eq!(doc["evaluation"]["programme"]["units_behind"][0], "edu");
    let t = doc["evaluation"]["targets"].as_array().unwrap().iter().find(|t| t["target"] == "t11-2").unwrap();
    assert_eq!((t["status"].as_str(), t["completion"].as_str()), (Some("met"), Some("103.84")));
}

#[test]
fn progress_reports_bad_reports_and_unreadable_files() {
    let s = Scratch::new("progress-bad");
    let bad = s.path("bad.json");
    std::fs::write(
        &bad,
        r#"{"format_version":"1","programme":"qinghai-2021","as_of":"2021-06-30","reporting_unit":"hrss",
            "actuals":[{"target":"t1-1","phrase":"培训5000户","value":"5000","unit":"户"}]}"#,
    )
    .unwrap();
    let o = minsheng(&["progress", QINGHAI, &bad, "--as-of", "2021-06-30"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("unit_dimension_mismatch"), "{}", stderr(&o));
    assert!(stdout(&o).contains("40 targets"), "the roll-up is still printed");
    let broken = s.path("broken.json");
    std::fs::write(&broken, "{\n \"format_version\": \"1\",\n \"as_of\": 2021\n}").unwrap();
    let o = minsheng(&["progress", QINGHAI, &broken, "--as-of", "2021-06-30"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(&format!("{broken}:3:")), "{}", stderr(&o));
    let o = minsheng(&["progress", QINGHAI, MID_YEAR, "--as-of", "2021-13-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no month 13"), "{}", stderr(&o));
    // The command line reads dates as the files do: YYYY-MM-DD exactly.
    let o = minsheng(&["progress", QINGHAI, MID_YEAR, "--as-of", "2021-6-30"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("write it YYYY-MM-DD"), "{}", stderr(&o));
    let o = minsheng(&["ledger", QINGHAI, MID_YEAR, "--out", "never.csv", "--as-of", "2021-06-31"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("2021-06 has no day 31"), "{}", stderr(&o));
}

#[test]
fn ledger_writes_csv_with_a_bom_and_chinese_headers() {
    let s = Scratch::new("progress-csv");
    let out = s.path("台账.csv");
    let o = minsheng(&["ledger", QINGHAI, MID_YEAR, "--out", &out]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("\u{feff}序号,板块,编号,任务,指标,目标表述,目标值,单位,牵头单位,配合单位,时限,最新进展"));
    assert_eq!(text.matches("\r\n").count(), 63, "header and 62 rows");
    assert!(text.contains("已完成高标准农田建设12.5万亩,125000,2021-06-30,41.67,序时推进"), "{text}");
    // Without reports the progress columns stay empty.
    let o = minsheng(&["ledger", QINGHAI, "--out", &out]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!std::fs::read_to_string(&out).unwrap().contains("序时推进"));
    let o = minsheng(&["ledger", QINGHAI, "--out", &s.path("ledger.txt")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(".csv or .xlsx"));
}

/// The files of a zip archive, by name, read from its central directory.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]) as usize;
    let u32_at = |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize;
    let eocd = (0..bytes.len() - 21).rev().find(|&i| u32_at(i) == 0x0605_4b50).expect("an end of central directory");
    let (count, mut at) = (u16_at(eocd + 10), u32_at(eocd + 16));
    let mut out = Vec::new();
    for _ in 0..count {
        assert_eq!(u32_at(at), 0x0201_4b50, "a central directory entry");
        let (method, size) = (u16_at(at + 10), u32_at(at + 20));
        let (name_len, extra_len, comment_len, local) =
            (u16_at(at + 28), u16_at(at + 30), u16_at(at + 32), u32_at(at + 42));
        let name = String::from_utf8(bytes[at + 46..at + 46 + name_len].to_vec()).unwrap();
        assert_eq!(u32_at(local), 0x0403_4b50, "a local header for {name}");
        let data = local + 30 + u16_at(local + 26) + u16_at(local + 28);
        let raw = &bytes[data..data + size];
        let content = match method {
            0 => raw.to_vec(),
            8 => {
                let mut v = Vec::new();
                flate2::read::DeflateDecoder::new(raw).read_to_end(&mut v).unwrap();
                v
            }
            other => panic!("{name}: compression method {other}"),
        };
        out.push((name, content));
        at += 46 + name_len + extra_len + comment_len;
    }
    out
}

#[test]
fn ledger_writes_xlsx_that_opens() {
    let s = Scratch::new("progress-xlsx");
    let out = s.path("ledger.xlsx");
    let o = minsheng(&["ledger", QINGHAI, MID_YEAR, "--out", &out, "--as-of", "2021-06-30"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let files = unzip(&bytes);
    let file = |name: &str| {
        let (_, content) = files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} missing"));
        String::from_utf8(content.clone()).unwrap()
    };
    assert!(file("xl/workbook.xml").contains("name=\"工作台账\""));
    let sheet = file("xl/worksheets/sheet1.xml");
    assert!(sheet.contains("ySplit=\"1\"") && sheet.contains("state=\"frozen\""), "a frozen header row");
    assert!(sheet.contains("<col "), "column widths");
    assert!(sheet.contains("<v>41.67</v>"), "completion as a number");
    let strings = file("xl/sharedStrings.xml");
    for header in minsheng::ledger::HEADERS {
        assert!(strings.contains(header), "{header}");
    }
    assert!(strings.contains("序时推进") && strings.contains("已完成高标准农田建设12.5万亩"));
    // When LibreOffice is installed, it must convert the workbook; otherwise skip this part.
    let office = ["libreoffice", "soffice"]
        .into_iter()
        .find(|bin| Command::new(bin).arg("--version").output().is_ok_and(|o| o.status.success()));
    match office {
        None => eprintln!("LibreOffice not installed: skipping the conversion check"),
        Some(bin) => {
            let o = Command::new(bin)
                // CSV in UTF-8 (filter options: comma, double quote, character set 76 = UTF-8).
                .args(["--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir"])
                .arg(&s.0)
                .arg(&out)
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            let csv = std::fs::read_to_string(s.0.join("ledger.csv")).unwrap();
            assert!(csv.starts_with("序号,板块,编号,任务"), "{}", &csv[..csv.len().min(200)]);
            assert!(csv.contains("已完成高标准农田建设12.5万亩,125000,2021-06-30,41.67,序时推进"), "{csv}");
        }
    }
}

#[test]
fn schema_out_writes_both_schemas() {
    let s = Scratch::new("progress-schema");
    let o = minsheng(&["schema", "--out", &s.path("")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read_to_string(s.0.join("progress-report.schema.json")).unwrap();
    assert_eq!(written, minsheng::schema::progress_report_schema_json());
    let o = minsheng(&["schema", "--progress-report"]);
    assert_eq!(stdout(&o), minsheng::schema::progress_report_schema_json());
}
