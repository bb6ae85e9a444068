//! Text → the phrase parser: targets in running text, one target, a
//! deadline. Any panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // The first two bytes choose the programme year, the rest is the text.
    let (year, text) = match bytes {
        [a, b, rest @ ..] => (1900 + i32::from(u16::from_le_bytes([*a, *b]) % 300), rest),
        _ => (2021, bytes),
    };
    let Ok(text) = std::str::from_utf8(text) else { return };
    let _ = minsheng::parse::parse_targets(text);
    for f in minsheng::parse::parse_targets_in_year(text, year) {
        assert!(text.get(f.span.clone()).is_some(), "target span {:?} outside the text", f.span);
    }
    let _ = text.parse::<minsheng::Target>();
    let _ = minsheng::Deadline::parse(text, year);
});
