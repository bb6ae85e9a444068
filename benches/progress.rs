//! Evaluating progress on a generated 10 000-task programme: twelve monthly
//! reports from different units, each covering every target; the roll-up,
//! the reporting calendar and the ledger as CSV.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use minsheng::evaluate::{self, Direction};
use minsheng::generate::{self, Options};
use minsheng::progress::{Actual, ProgressReport};
use rust_decimal::Decimal;

const TASKS: usize = 10_000;

fn progress(c: &mut Criterion) {
    let p = generate::programme(&Options { tasks: TASKS, seed: 2021 });
    let units: Vec<_> = p.units.iter().map(|u| u.id.clone()).collect();
    let reports: Vec<ProgressReport> = (1..=12u32)
        .filter_map(|month| {
            let as_of = NaiveDate::from_ymd_opt(p.year, month, 28)?;
            let unit = units.get(month as usize % units.len().max(1))?.clone();
            let mut r = ProgressReport::new(p.id.clone(), as_of, unit);
            for t in p.tasks().flat_map(|t| t.targets.iter()) {
                let share = Decimal::from(month) / Decimal::from(12);
                r.actuals.push(match evaluate::direction(t) {
                    Direction::Achieved => Actual::achieved(t.id.clone(), "已完成", month == 12),
                    _ => Actual::value(
                        t.id.clone(),
                        "累计完成",
                        t.amount.as_ref().map_or(Decimal::ONE, |a| a.low()) * share,
                    ),
                });
            }
            Some(r)
        })
        .collect();
    let on = NaiveDate::from_ymd_opt(p.year, 9, 30).unwrap_or_default();
    let mut group = c.benchmark_group("progress_10k");
    group.sample_size(10).measurement_time(Duration::from_secs(5)).throughput(Throughput::Elements(TASKS as u64));
    group.bench_function("evaluate", |b| b.iter(|| evaluate::evaluate(black_box(&p), black_box(&reports), on)));
    group.bench_function("reporting_calendar", |b| {
        b.iter(|| evaluate::reporting_calendar(black_box(&p), black_box(&reports), on))
    });
    let e = evaluate::evaluate(&p, &reports, on);
    group.bench_function("ledger_csv", |b| {
        b.iter(|| minsheng::ledger::to_csv(&minsheng::ledger::rows(black_box(&p), Some(&e))))
    });
    group.finish();
}

criterion_group!(benches, progress);
criterion_main!(benches);
