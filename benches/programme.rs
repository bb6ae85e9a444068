//! Loading, validating and aggregating a generated 10 000-task programme.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use minsheng::generate::{self, Options};

const TASKS: usize = 10_000;

fn programme(c: &mut Criterion) {
    let p = generate::programme(&Options { tasks: TASKS, seed: 2021 });
    let json = match minsheng::to_string_pretty(&p) {
        Ok(json) => json,
        Err(e) => panic!("cannot serialize the generated programme: {e}"),
    };
    let mut group = c.benchmark_group("programme_10k");
    group.sample_size(10).measurement_time(Duration::from_secs(5)).throughput(Throughput::Elements(TASKS as u64));
    group.bench_function("deserialize", |b| b.iter(|| minsheng::from_str(black_box(&json))));
    group.bench_function("validate", |b| b.iter(|| minsheng::validate(black_box(&p))));
    group.bench_function("aggregate", |b| {
        b.iter(|| {
            let totals = minsheng::aggregate::totals(black_box(&p));
            let workload = minsheng::aggregate::workload(black_box(&p));
            (totals, workload)
        })
    });
    group.finish();
}

criterion_group!(benches, programme);
criterion_main!(benches);
