//! Facts taken from the five real notices, asserted against their encodings
//! in `examples/data/`. Each fact's comment names the line of the notice.

#[path = "notices/common.rs"]
mod common;

#[path = "notices/qinghai.rs"]
mod qinghai;

#[path = "notices/haidong.rs"]
mod haidong;

#[path = "notices/duji.rs"]
mod duji;

#[path = "notices/chuxiong.rs"]
mod chuxiong;

#[path = "notices/haixi.rs"]
mod haixi;

/// The notice's text outside its tasks is kept verbatim in `passages`:
/// every line of every passage is a line of the source notice.
#[test]
fn passages_are_verbatim_lines_of_the_notice() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    for (name, file) in [
        ("qinghai-2021", "000_c6ffd16a5694e4a3.txt"),
        ("haidong-2024", "001_b4e65384de7791a1.txt"),
        ("duji-2021", "002_74b7620d7f026c3d.txt"),
        ("chuxiong-2021", "003_625752342c267127.txt"),
        ("haixi-2020", "004_d9080f6e0a416e73.txt"),
    ] {
        let p = common::load(name);
        assert!(p.passages.len() >= 2, "{name} keeps its other text");
        let Ok(source) = std::fs::read_to_string(seeds.join(file)) else {
            assert!(std::env::var_os("MINSHENG_REQUIRE_SEEDS").is_none(), "{file} is missing beside the checkout");
            continue;
        };
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
