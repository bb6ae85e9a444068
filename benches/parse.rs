//! Throughput of `parse_targets` over the phrase corpus, and the growth of
//! the shapes that once grew faster than their input (issue 14 item 1): one
//! sentence of targets separated by `，`, read by `parse_targets_in_year`
//! as `import` and `parse-target` do.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

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

/// One sentence of `n` targets separated by `，`, some with a deadline.
pub fn comma_list(n: usize) -> String {
    let mut s = String::from("年内");
    for k in 0..n {
        if k > 0 {
            s.push('，');
        }
        if k % 7 == 3 {
            s.push_str("年底前");
        }
        s.push_str(&format!("新建幼儿园{}所", k % 90 + 1));
    }
    s.push('。');
    s
}

fn comma_separated(c: &mut Criterion) {
    let mut group = c.benchmark_group("comma_separated_targets");
    group.sample_size(10).measurement_time(Duration::from_secs(5));
    for n in [1_000usize, 10_000] {
        let text = comma_list(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("parse_targets_in_year", n), &text, |b, t| {
            b.iter(|| minsheng::parse::parse_targets_in_year(black_box(t), 2021).len())
        });
    }
    group.finish();
}

criterion_group!(benches, parse, comma_separated);
criterion_main!(benches);
