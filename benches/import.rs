//! Time to import each of the five notices (`minsheng::import::notice`),
//! and the growth of the shapes that once grew faster than their input
//! (issue 14): one task whose targets are separated by `，` (item 1) and
//! one responsibility clause naming many units (item 3).
//!
//! The seed texts live beside the checkout in `../shared/seeds/`; without
//! them the seeds are skipped (the shapes are generated).

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

#[path = "../tests/support/seeds.rs"]
mod seeds;

use seeds::{NOTICES, seed};

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group.sample_size(10).measurement_time(Duration::from_secs(3));
    for (file, name) in NOTICES {
        let Some(text) = seed(file) else {
            eprintln!("../shared/seeds/{file}: not found; skipping {name}");
            continue;
        };
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| b.iter(|| minsheng::import::notice(black_box(&text)).programme.task_count()));
    }
    group.finish();
}

/// A notice with one task of `n` targets separated by `，` (issue 14 item 1).
fn comma_task(n: usize) -> String {
    let mut s = String::from("一、主要任务\n1.");
    for k in 0..n {
        if k > 0 {
            s.push('，');
        }
        s.push_str(&format!("新建幼儿园{}所", k % 90 + 1));
    }
    s.push_str("。(市教育局牵头)\n");
    s
}

/// A notice with one task whose clause names `n` units (issue 14 item 3).
fn many_units(n: usize) -> String {
    let mut s = String::from("一、主要任务\n1.新建幼儿园5所。(市教育局牵头，");
    for k in 0..n {
        if k > 0 {
            s.push('、');
        }
        s.push_str(&format!("第{k}单位"));
    }
    s.push_str("配合)\n");
    s
}

fn shapes(c: &mut Criterion) {
    let mut group = c.benchmark_group("import_shapes");
    group.sample_size(10).measurement_time(Duration::from_secs(5));
    for (shape, make) in
        [("comma_separated_targets", comma_task as fn(usize) -> String), ("units_in_one_clause", many_units)]
    {
        for n in [1_600usize, 16_000] {
            let text = make(n);
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::new(shape, n), &text, |b, t| {
                b.iter(|| minsheng::import::notice(black_box(t)).programme.task_count())
            });
        }
    }
    group.finish();
}

criterion_group!(benches, import, shapes);
criterion_main!(benches);
