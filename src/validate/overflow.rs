//! Figures too large to add: the `figure_overflow` check on totals.
//!
//! A decimal holds at most 79 228 162 514 264 337 593 543 950 335 (about
//! 7.9 × 10²⁸). Aggregation leaves out a figure that would take a total
//! beyond that; validation says which. Keeping every subject's total during
//! validation would cost a map look-up per target, so the first walk keeps
//! one running bound instead: the sum of every figure's magnitude, in its
//! own unit or in its base unit, whichever is larger. Every total is at most
//! that bound, so while it stays under half the largest decimal (room for
//! rounding) no total can overflow. Only when it does not is the programme
//! walked again with the totals themselves, as aggregation adds them.

use rust_decimal::Decimal;

use crate::aggregate::{Adder, OverflowKind, addable};
use crate::model::Target;

/// Half the largest decimal: while the bound stays below this, no total
/// can reach the largest decimal, whatever rounding does.
const SAFE: Decimal = Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX >> 1, false, 0);

/// How totals are watched for overflow during a walk.
pub(super) enum Totals<'p> {
    /// First walk: one bound on every total.
    Bound {
        /// The sum of the figures' magnitudes so far.
        magnitude: Decimal,
        /// Set once the bound passes [`SAFE`]: some total may overflow.
        suspect: bool,
    },
    /// Second walk: the totals themselves, programme-wide and of the section
    /// being walked, added as [`crate::aggregate::totals`] adds them.
    Exact {
        /// The programme-wide totals.
        programme: Adder<'p>,
        /// The totals of the section being walked.
        section: Adder<'p>,
    },
}

impl<'p> Totals<'p> {
    /// The bound, for the first walk.
    pub(super) fn bound() -> Self {
        Totals::Bound { magnitude: Decimal::ZERO, suspect: false }
    }

    /// The totals themselves, for the second walk.
    pub(super) fn exact() -> Self {
        Totals::Exact { programme: Adder::default(), section: Adder::default() }
    }

    /// `true` when the bound passed its limit: walk again with exact totals.
    pub(super) fn suspect(&self) -> bool {
        matches!(self, Totals::Bound { suspect: true, .. })
    }

    /// A new section begins.
    pub(super) fn next_section(&mut self) {
        if let Totals::Exact { section, .. } = self {
            *section = Adder::default();
        }
    }

    /// Adds a target's figure; the error says what it would overflow. A
    /// figure beyond a decimal in its base unit is found in either walk.
    pub(super) fn add(&mut self, t: &'p Target) -> Result<(), OverflowKind> {
        match self {
            Totals::Bound { magnitude, suspect } => {
                let Some((value, unit)) = addable(t) else { return Ok(()) };
                let base = unit.to_base(value).ok_or(OverflowKind::Conversion)?;
                match magnitude.checked_add(value.abs().max(base.abs())) {
                    Some(m) if m < SAFE => *magnitude = m,
                    _ => *suspect = true,
                }
                Ok(())
            }
            Totals::Exact { programme, section } => {
                let in_section = section.add(t);
                programme.add(t).and(in_section)
            }
        }
    }
}
