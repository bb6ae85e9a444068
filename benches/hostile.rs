//! Issue 14's shapes at two sizes each, ten times apart, for the growth
//! stated in BENCHMARKS.md (at most 11× for 10× the input):
//!
//! - `extract`: `minsheng extract` on one sentence listing N targets
//!   separated by 、 (2 000 and 20 000 targets, 44 kB and 490 kB), the
//!   shape that used to write the whole sentence on every line;
//! - `summary`: `minsheng summary` on generated programmes of 10 000 and
//!   100 000 tasks (text and JSON), and the library's `aggregate::summary`;
//! - `gen`: `generate::write_programme` of 10 000 and 100 000 tasks into a
//!   sink, the streaming path of `minsheng gen`.
//!
//! The command-line benchmarks run the built `minsheng` (start-up, reading,
//! writing to /dev/null included), as a user would.
//!
//! ```sh
//! cargo bench --bench hostile --features cli
//! cargo bench --bench hostile --features cli -- extract   # one group
//! ```

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use minsheng::generate::{self, Options};

/// A scratch directory for the inputs, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("minsheng-bench-hostile-{}", std::process::id()));
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("cannot create {}: {e}", dir.display());
        }
        Scratch(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        if let Err(e) = std::fs::write(&path, bytes) {
            panic!("cannot write {}: {e}", path.display());
        }
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the built `minsheng` with its output thrown away; panics unless it exits 0.
fn minsheng(args: &[&str]) {
    let status =
        Command::new(env!("CARGO_BIN_EXE_minsheng")).args(args).stdout(Stdio::null()).stderr(Stdio::null()).status();
    match status {
        Ok(s) if s.success() => {}
        other => panic!("minsheng {args:?}: {other:?}"),
    }
}

fn path_str(p: &Path) -> &str {
    match p.to_str() {
        Some(s) => s,
        None => panic!("the scratch path is not UTF-8"),
    }
}

/// One sentence listing `n` targets: 各地新增就业1人、新增就业2人、…。
fn long_sentence(n: usize) -> String {
    let items: Vec<String> = (1..=n).map(|i| format!("新增就业{i}人")).collect();
    format!("前言。各地{}。", items.join("、"))
}

fn extract(c: &mut Criterion) {
    let scratch = Scratch::new();
    let mut group = c.benchmark_group("extract");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    for n in [2_000usize, 20_000] {
        let text = long_sentence(n);
        let file = scratch.write(&format!("sentence-{n}.txt"), text.as_bytes());
        eprintln!("extract/{n}: {} bytes", text.len());
        group.throughput(Throughput::ElementsAndBytes { elements: n as u64, bytes: text.len() as u64 });
        group.bench_with_input(BenchmarkId::new("command", n), &file, |b, file| {
            b.iter(|| minsheng(&["extract", path_str(file)]))
        });
        group.bench_with_input(BenchmarkId::new("parse_targets", n), &text, |b, text| {
            b.iter(|| minsheng::parse::parse_targets(black_box(text)))
        });
    }
    group.finish();
}

fn summary(c: &mut Criterion) {
    let scratch = Scratch::new();
    let mut group = c.benchmark_group("summary");
    for tasks in [10_000usize, 100_000] {
        let options = Options { tasks, seed: 2021 };
        let mut json = Vec::new();
        if let Err(e) = generate::write_programme(&options, &mut json) {
            panic!("cannot generate: {e}");
        }
        let file = scratch.write(&format!("p{tasks}.json"), &json);
        let p = generate::programme(&options);
        let secs = if tasks >= 100_000 { 30 } else { 8 };
        group.sample_size(10).measurement_time(Duration::from_secs(secs));
        group.throughput(Throughput::ElementsAndBytes { elements: tasks as u64, bytes: json.len() as u64 });
        drop(json);
        let f = path_str(&file);
        group.bench_function(BenchmarkId::new("command_text", tasks), |b| {
            b.iter(|| minsheng(&["summary", "--max-bytes", "1000000000", f]))
        });
        group.bench_function(BenchmarkId::new("command_json", tasks), |b| {
            b.iter(|| minsheng(&["summary", "--format", "json", "--max-bytes", "1000000000", f]))
        });
        group.bench_with_input(BenchmarkId::new("aggregate", tasks), &p, |b, p| {
            b.iter(|| minsheng::aggregate::summary(black_box(p)))
        });
    }
    group.finish();
}

fn generation(c: &mut Criterion) {
    let mut group = c.benchmark_group("gen");
    for tasks in [10_000usize, 100_000] {
        let secs = if tasks >= 100_000 { 20 } else { 5 };
        group.sample_size(10).measurement_time(Duration::from_secs(secs));
        group.throughput(Throughput::Elements(tasks as u64));
        group.bench_function(BenchmarkId::new("write_programme", tasks), |b| {
            b.iter(|| generate::write_programme(&Options { tasks, seed: 2021 }, &mut std::io::sink()))
        });
    }
    group.finish();
}

criterion_group!(benches, extract, summary, generation);
criterion_main!(benches);
