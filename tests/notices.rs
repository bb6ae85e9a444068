//! Facts taken from the five real notices, asserted against their encodings
//! in `examples/data/`. Each fact's comment names the line of the notice.

mod common;
use crate::support::seeds;

mod qinghai;

mod haidong;

mod duji;

mod chuxiong;

mod haixi;

/// The notice's text outside its tasks is kept verbatim in `passages`:
/// every line of every passage is a line of the source notice.
#[test]
fn passages_are_verbatim_lines_of_the_notice() {
    for &(file, name) in seeds::NOTICES {
        let p = common::load(name);
        assert!(p.passages.len() >= 2, "{name} keeps its other text");
        let Some(source) = seeds::seed(file) else { continue };
        let lines: Vec<&str> = source.lines().collect();
        for passage in &p.passages {
            let start = passage.source.as_ref().map(|s| s.line as usize).unwrap_or(1);
            assert_eq!(lines[start - 1], passage.text.lines().next().unwrap(), "{name}: first line of a passage");
            for line in passage.text.lines() {
                assert!(lines.contains(&line), "{name}: {line:?} is not a line of {file}");
            }
        }
    }
}
