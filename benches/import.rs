//! Time to import each of the five notices (`minsheng::import::notice`).
//!
//! The seed texts live beside the checkout in `../shared/seeds/`; without
//! them there is nothing to time.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const NOTICES: &[(&str, &str)] = &[
    ("000_c6ffd16a5694e4a3.txt", "qinghai-2021"),
    ("001_b4e65384de7791a1.txt", "haidong-2024"),
    ("002_74b7620d7f026c3d.txt", "duji-2021"),
    ("003_625752342c267127.txt", "chuxiong-2021"),
    ("004_d9080f6e0a416e73.txt", "haixi-2020"),
];

fn import(c: &mut Criterion) {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let mut group = c.benchmark_group("import");
    group.sample_size(10).measurement_time(Duration::from_secs(3));
    for (file, name) in NOTICES {
        let Ok(text) = std::fs::read_to_string(seeds.join(file)) else {
            eprintln!("{}: not found; skipping {name}", seeds.join(file).display());
            continue;
        };
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| b.iter(|| minsheng::import::notice(black_box(&text)).programme.task_count()));
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
