//! Text → the importer → validation and aggregation of the draft, every
//! diagnostic span inside the text on character boundaries, the account
//! sound, no empty draft without an error. Any panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // The first two bytes choose the programme year, the rest is the text.
    let (year, text) = match bytes {
        [a, b, rest @ ..] => (1900 + i32::from(u16::from_le_bytes([*a, *b]) % 300), rest),
        _ => (2021, bytes),
    };
    let Ok(text) = std::str::from_utf8(text) else { return };
    let mut options = minsheng::import::Options::default();
    options.year = Some(year);
    let import = minsheng::import::notice_with(text, &options);
    for d in &import.diagnostics {
        assert!(text.get(d.span.clone()).is_some(), "diagnostic span {:?} outside the text", d.span);
    }
    // The account: never more than the characters counted, every gap inside
    // the text and reported.
    let a = &import.accounting;
    assert!(a.accounted <= a.chars);
    for gap in &a.unaccounted {
        assert!(text.get(gap.clone()).is_some(), "unaccounted span {gap:?} outside the text");
        assert!(import.diagnostics.iter().any(|d| d.span == *gap), "gap {gap:?} not reported");
    }
    if import.programme.task_count() == 0 {
        assert!(import.has_errors(), "no task and no error");
    }
    let _ = minsheng::validate(&import.programme);
    let _ = minsheng::aggregate::summary(&import.programme);
});
