//! Bytes → programme → validation → aggregation: what a platform runs on
//! every document it receives. Any panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(programme) = minsheng::from_slice(bytes) {
        let report = minsheng::validate(&programme);
        let _ = minsheng::aggregate::summary(&programme);
        // Whatever loads must write back out and load again.
        if let Ok(text) = minsheng::to_string_pretty(&programme) {
            assert!(minsheng::from_str(&text).is_ok(), "a loaded programme does not reload");
        }
        let _ = report.is_valid();
    }
});
