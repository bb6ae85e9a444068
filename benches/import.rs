//! Time to import each of the five notices (`minsheng::import::notice`).
//!
//! The seed texts live beside the checkout in `../shared/seeds/`; without
//! them there is nothing to time.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

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

criterion_group!(benches, import);
criterion_main!(benches);
