//! Text → the importer → validation and aggregation of the draft, and every
//! diagnostic span inside the text on character boundaries. Any panic is a bug.
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
    let _ = minsheng::validate(&import.programme);
    let _ = minsheng::aggregate::summary(&import.programme);
});
