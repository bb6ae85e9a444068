//! The export at two sizes (1 000 and 10 000 generated tasks): building the
//! tables, and writing all of them as CSV and NDJSON (and Parquet with the
//! `parquet` feature). BENCHMARKS.md states the growth.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use minsheng::export::{Format, Tables};
use minsheng::generate::{self, Options};

fn tables_of(p: &minsheng::Programme) -> Tables {
    let mut t = Tables::new();
    // A fresh set of tables holds no programme yet, so the id cannot repeat.
    let _ = t.add(p, &[], None);
    t
}

fn write_all(tables: &Tables, format: Format) -> usize {
    let mut total = 0;
    for t in tables.tables() {
        let mut out = Vec::new();
        if t.write(format, &mut out).is_ok() {
            total += out.len();
        }
    }
    total
}

fn export(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    group.sample_size(10).measurement_time(Duration::from_secs(5));
    for tasks in [1_000usize, 10_000] {
        let p = generate::programme(&Options { tasks, seed: 2021 });
        let tables = tables_of(&p);
        group.throughput(Throughput::Elements(tasks as u64));
        group.bench_with_input(BenchmarkId::new("tables", tasks), &p, |b, p| b.iter(|| tables_of(black_box(p))));
        group.bench_with_input(BenchmarkId::new("csv", tasks), &tables, |b, t| {
            b.iter(|| write_all(black_box(t), Format::Csv))
        });
        group.bench_with_input(BenchmarkId::new("ndjson", tasks), &tables, |b, t| {
            b.iter(|| write_all(black_box(t), Format::Ndjson))
        });
        #[cfg(feature = "parquet")]
        group.bench_with_input(BenchmarkId::new("parquet", tasks), &tables, |b, t| {
            b.iter(|| write_all(black_box(t), Format::Parquet))
        });
    }
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
