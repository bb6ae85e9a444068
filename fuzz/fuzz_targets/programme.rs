//! Bytes → programme → validation → aggregation, ledger and export: what a platform runs on
//! every document it receives. Any panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // Read side by side (feature `parallel`: every size under fuzzing), a
    // programme is what serde_json reads on one thread, or an error there too.
    let loaded = minsheng::from_slice(bytes);
    let text = std::str::from_utf8(bytes).map(|t| t.strip_prefix('\u{FEFF}').unwrap_or(t));
    let one_thread = text.ok().and_then(|t| serde_json::from_str::<minsheng::Programme>(t).ok());
    match (&loaded, &one_thread) {
        (Ok(p), Some(q)) => assert!(p == q, "read side by side to another value"),
        (Ok(_), None) => panic!("read side by side, refused on one thread"),
        (Err(_), Some(_)) => panic!("refused, read on one thread"),
        (Err(_), None) => {}
    }
    if let Ok(programme) = loaded {
        let report = minsheng::validate(&programme);
        let summary = minsheng::aggregate::summary(&programme);
        // The capped report counts what it leaves out: the same verdict.
        let capped = minsheng::validate::validate_capped(&programme, 2);
        assert_eq!(capped.errors(), report.errors().count(), "the capped report lost errors");
        // A figure the totals leave out is a finding too.
        let overflows = report.findings.iter().filter(|f| f.code == minsheng::Code::FigureOverflow).count();
        assert!(overflows >= summary.overflows.len(), "an overflow in the totals without a finding");
        // The ledger and the export read every part of a programme too.
        let _ = minsheng::ledger::to_csv(&minsheng::ledger::rows(&programme, None));
        let mut tables = minsheng::export::Tables::new();
        if tables.add(&programme, &[], None).is_ok() {
            for t in tables.tables() {
                let _ = t.write(minsheng::export::Format::Csv, std::io::sink());
                let _ = t.write(minsheng::export::Format::Ndjson, std::io::sink());
            }
        }
        // Whatever loads must write back out and load again.
        if let Ok(text) = minsheng::to_string_pretty(&programme) {
            assert!(minsheng::from_str(&text).is_ok(), "a loaded programme does not reload");
        }
        let _ = report.is_valid();
    }
});
