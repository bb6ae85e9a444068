//! `minsheng summary` output (filled in with aggregation).
use minsheng::Programme;
pub fn render(p: &Programme, _json: bool) -> String {
    format!("{}\n", p.title)
}
