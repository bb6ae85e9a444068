//! Properties of progress evaluation on generated programmes: actuals equal
//! to every target make every target met; more progress never lowers a
//! status; roll-ups do not depend on the order reports are given in.

use chrono::NaiveDate;
use minsheng::evaluate::{self, Direction, Status};
use minsheng::generate::{self, Options};
use minsheng::progress::{Actual, ProgressReport, validate_report};
use minsheng::{Programme, Target, UnitId};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn programmes() -> impl Strategy<Value = Programme> {
    (1usize..200, any::<u64>()).prop_map(|(tasks, seed)| generate::programme(&Options { tasks, seed }))
}

fn targets(p: &Programme) -> Vec<&Target> {
    p.tasks().flat_map(|t| t.targets.iter()).collect()
}

fn reporter(p: &Programme) -> UnitId {
    p.units.first().map_or_else(|| "nobody".parse().unwrap(), |u| u.id.clone())
}

fn date_in(p: &Programme, permille: u32) -> NaiveDate {
    let period = p.effective_period().unwrap();
    let days = (period.end - period.start).num_days();
    period.start + chrono::Days::new((days * i64::from(permille) / 1000) as u64)
}

/// An actual with `value` in the target's terms, or `achieved` for targets without a figure.
fn actual(t: &Target, value: Decimal, achieved: bool) -> Actual {
    match evaluate::direction(t) {
        Direction::Achieved => Actual::achieved(t.id.clone(), "已完成", achieved),
        _ => Actual::value(t.id.clone(), "累计完成", value),
    }
}

/// The figure a target names (the low end of a range); 1 for figureless changes.
fn figure(t: &Target) -> Decimal {
    t.amount.as_ref().map_or(Decimal::ONE, |a| a.low())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn actuals_equal_to_every_target_make_every_target_met(p in programmes(), when in 0u32..=1000) {
        let on = date_in(&p, when);
        let mut report = ProgressReport::new(p.id.clone(), on, reporter(&p));
        for t in targets(&p) {
            report.actuals.push(actual(t, figure(t), true));
        }
        let v = validate_report(&p, &report);
        prop_assert!(v.is_valid(), "{:#?}", v.findings);
        let e = evaluate::evaluate(&p, &[report], on);
        for t in &e.targets {
            prop_assert_eq!(t.status, Status::Met, "{} ({})", t.target, t.phrase);
        }
        prop_assert_eq!(e.programme.counts.met, e.targets.len());
        prop_assert!(e.programme.behind.is_empty() && e.programme.units_behind.is_empty());
    }

    #[test]
    fn more_progress_never_lowers_a_status(
        p in programmes(),
        when in 0u32..=1000,
        low in 0u32..=1500,
        extra in 0u32..=1500,
        achieved in any::<bool>(),
    ) {
        let on = date_in(&p, when);
        let (mut less, mut more) =
            (ProgressReport::new(p.id.clone(), on, reporter(&p)), ProgressReport::new(p.id.clone(), on, reporter(&p)));
        for t in targets(&p) {
            // Shares of the target's figure, in permille: `low` and `low + extra`.
            let at = |permille: u32| figure(t) * Decimal::from(permille) / Decimal::from(1000);
            let (small, large) = (at(low), at(low + extra));
            let (a, b) = match evaluate::direction(t) {
                Direction::Descending => (actual(t, large, false), actual(t, small, true)),
                _ => (actual(t, small, achieved && extra == 0), actual(t, large, achieved || extra > 0)),
            };
            less.actuals.push(a);
            more.actuals.push(b);
        }
        let (a, b) = (evaluate::evaluate(&p, &[less], on), evaluate::evaluate(&p, &[more], on));
        for (x, y) in a.targets.iter().zip(&b.targets) {
            prop_assert!(x.status <= y.status, "{} ({}): {} then {}", x.target, x.phrase, x.status, y.status);
        }
    }

    #[test]
    fn roll_ups_are_invariant_under_report_order(
        p in programmes(),
        seeds in proptest::collection::vec((0u32..=1000, 0u32..=1200, any::<bool>(), 0usize..4), 1..6),
        rotate in 0usize..6,
        when in 0u32..=1000,
    ) {
        let units: Vec<UnitId> = p.units.iter().take(4).map(|u| u.id.clone()).collect();
        let all = targets(&p);
        let reports: Vec<ProgressReport> = seeds
            .iter()
            .enumerate()
            .map(|(n, (day, share, achieved, who))| {
                let unit = units.get(*who % units.len().max(1)).cloned().unwrap_or_else(|| reporter(&p));
                let mut r = ProgressReport::new(p.id.clone(), date_in(&p, *day), unit);
                // Each report covers every other target, from a different start.
                for t in all.iter().skip(n % 2).step_by(2) {
                    r.actuals.push(actual(t, figure(t) * Decimal::from(*share) / Decimal::from(1000), *achieved));
                }
                r
            })
            .collect();
        let on = date_in(&p, when);
        let forward = evaluate::evaluate(&p, &reports, on);
        let mut reordered = reports.clone();
        reordered.reverse();
        let len = reordered.len();
        reordered.rotate_left(rotate % len);
        prop_assert_eq!(&forward, &evaluate::evaluate(&p, &reordered, on));
        prop_assert_eq!(
            evaluate::reporting_calendar(&p, &reports, on),
            evaluate::reporting_calendar(&p, &reordered, on)
        );
    }
}
