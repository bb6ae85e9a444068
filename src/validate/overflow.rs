//! Figures too large to add: the `figure_overflow` check on totals.
//!
//! A decimal holds at most 79 228 162 514 264 337 593 543 950 335 (about
//! 7.9 × 10²⁸). Aggregation leaves out a figure that would take a total
//! beyond that, or that is beyond it in its base unit (7.9 × 10²⁸ 亿元 in
//! 元); validation says which. Keeping every subject's total during
//! validation would cost a map look-up and a conversion per target, so the
//! first walk keeps one running sum instead: the magnitudes of every figure
//! in its own unit. Every total, in a figure's own unit or in its base unit,
//! is at most that sum times the largest factor of any unit, so while the
//! product stays under half the largest decimal (room for rounding) no
//! total and no conversion can overflow. Only when it does not (figures
//! adding up past 10²⁰ or so, which no real programme has) is the programme
//! walked again with the totals themselves, as aggregation adds them.

use rust_decimal::Decimal;

use crate::aggregate::{Adder, OverflowKind, addable};
use crate::model::unit::KNOWN_UNITS;
use crate::model::{Target, Unit};

/// Half the largest decimal: while every total stays below this, none can
/// reach the largest decimal, whatever rounding does.
const SAFE: Decimal = Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX >> 1, false, 0);

/// How totals are watched for overflow during a walk.
pub(super) enum Totals<'p> {
    /// First walk: one bound on every total.
    Bound {
        /// The sum of the figures' magnitudes, each in its own unit.
        magnitude: Decimal,
        /// [`SAFE`] divided by the largest factor of any unit: while the
        /// magnitude stays below it, nothing can overflow.
        limit: Decimal,
        /// Set once the magnitude reaches the limit: walk again.
        suspect: bool,
    },
    /// Second walk: the totals themselves, programme-wide and of the section
    /// being walked, added as [`crate::aggregate::totals`] adds them.
    Exact(Box<Adder<'p>>),
}

impl<'p> Totals<'p> {
    /// The bound, for the first walk.
    pub(super) fn bound() -> Self {
        let largest = KNOWN_UNITS.iter().map(Unit::factor).max().unwrap_or(Decimal::ONE).max(Decimal::ONE);
        Totals::Bound {
            magnitude: Decimal::ZERO,
            limit: SAFE.checked_div(largest).unwrap_or(Decimal::ZERO),
            suspect: false,
        }
    }

    /// The totals themselves, for the second walk.
    pub(super) fn exact() -> Self {
        Totals::Exact(Box::default())
    }

    /// `true` when the bound reached its limit: walk again with exact totals.
    pub(super) fn suspect(&self) -> bool {
        matches!(self, Totals::Bound { suspect: true, .. })
    }

    /// A new section begins.
    pub(super) fn next_section(&mut self) {
        if let Totals::Exact(adder) = self {
            adder.next_section();
        }
    }

    /// Adds a target's figure. In the second walk the error says what it
    /// would overflow; the first walk only watches the bound.
    pub(super) fn add(&mut self, t: &'p Target) -> Result<(), OverflowKind> {
        match self {
            Totals::Bound { magnitude, limit, suspect } => {
                if let Some((value, _)) = addable(t) {
                    match magnitude.checked_add(value.abs()) {
                        Some(m) if m < *limit => *magnitude = m,
                        _ => *suspect = true,
                    }
                }
                Ok(())
            }
            Totals::Exact(adder) => {
                let (in_section, in_programme) = adder.add(t);
                in_programme.and(in_section)
            }
        }
    }
}
