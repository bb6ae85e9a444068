//! Aggregation (placeholder while the model settles).
use crate::Programme;
/// Totals.
#[derive(Debug, Default)]
pub struct Totals {
    /// By dimension.
    pub by_dimension: Vec<()>,
}
/// Totals.
pub fn totals(_p: &Programme) -> Totals {
    Totals::default()
}
