//! Throughput of `parse_targets` over the phrase corpus.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const CORPUS: &str = include_str!("../tests/data/phrases.tsv");

fn parse(c: &mut Criterion) {
    let lines: Vec<&str> =
        CORPUS.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split('\t').next()).collect();
    let bytes: usize = lines.iter().map(|l| l.len()).sum();
    let mut group = c.benchmark_group("parse");
    group.sample_size(10).measurement_time(Duration::from_secs(3)).throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("parse_targets_corpus", |b| {
        b.iter(|| lines.iter().map(|l| minsheng::parse::parse_targets(black_box(l)).len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
