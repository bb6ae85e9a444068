//! Issue 14's shapes at two sizes each, ten times apart, for the growth
//! stated in BENCHMARKS.md (at most 11× for 10× the input):
//!
//! - `extract`: `minsheng extract` on one sentence listing N targets
//!   separated by 、 (2 000 and 20 000 targets, 44 kB and 490 kB), the
//!   shape that used to write the whole sentence on every line;
//! - `summary`: `minsheng summary` on generated programmes of 10 000 and
//!   100 000 tasks (text and JSON), and the library's `aggregate::summary`
//!   (its result freed outside the timing, as the command never frees it);
//! - `gen`: `generate::write_programme` of 10 000 and 100 000 tasks into a
//!   sink, the streaming path of `minsheng gen`.
//!
//! The command-line benchmarks run the built `minsheng` (start-up, reading,
//! writing to /dev/null included), as a user would.
//!
//! Time here is **CPU time** (user and system), not wall time: this
//! thread's for the library steps, the finished child processes' for the
//! commands, read from `/proc` (Linux). On a machine shared with other work
//! wall time swings by half; CPU time barely moves, so the growth between
//! the two sizes means something.
//!
//! ```sh
//! cargo bench --bench hostile --features cli
//! cargo bench --bench hostile --features cli -- extract   # one group
//! ```

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use minsheng::generate::{self, Options};

/// CPU time spent so far: this thread's (`/proc/thread-self/schedstat`,
/// nanoseconds) and that of the child processes waited for
/// (`/proc/self/stat`, in ticks of 10 ms).
fn cpu_now() -> Duration {
    let thread = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|ns| ns.parse::<u64>().ok()))
        .unwrap_or(0);
    // Fields after the command name, which is in parentheses and may hold spaces:
    // cutime and cstime are fields 16 and 17 of the line, the 14th and 15th after it.
    let children = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = s.rsplit_once(')')?.1.split_whitespace().collect::<Vec<_>>();
            let ticks = |i: usize| rest.get(i).and_then(|t| t.parse::<u64>().ok());
            Some(ticks(13)? + ticks(14)?)
        })
        .unwrap_or(0);
    Duration::from_nanos(thread) + Duration::from_millis(children * 10)
}

/// Criterion's measurement of CPU time instead of wall time.
struct CpuTime;

impl Measurement for CpuTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        cpu_now()
    }

    fn end(&self, start: Duration) -> Duration {
        cpu_now().saturating_sub(start)
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

/// Formats nanoseconds of CPU time, and throughputs per CPU second.
struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = if typical < 1e3 {
            (1.0, "ns cpu")
        } else if typical < 1e6 {
            (1e-3, "µs cpu")
        } else if typical < 1e9 {
            (1e-6, "ms cpu")
        } else {
            (1e-9, "s cpu")
        };
        for v in values {
            *v *= factor;
        }
        unit
    }

    fn scale_throughputs(&self, _typical: f64, throughput: &Throughput, values: &mut [f64]) -> &'static str {
        let (per, unit) = match throughput {
            Throughput::Bytes(b) | Throughput::BytesDecimal(b) => (*b as f64 / 1e6, "MB/cpu s"),
            Throughput::Elements(e) | Throughput::ElementsAndBytes { elements: e, .. } => (*e as f64, "elem/cpu s"),
            Throughput::Bits(b) => (*b as f64, "bit/cpu s"),
        };
        for v in values {
            *v = per * 1e9 / *v;
        }
        unit
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

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

fn extract(c: &mut Criterion<CpuTime>) {
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

fn summary(c: &mut Criterion<CpuTime>) {
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
        // The command exits without freeing its summary; freeing it here
        // (glibc coalescing a million strings) is left out of the timing too.
        group.bench_with_input(BenchmarkId::new("aggregate", tasks), &p, |b, p| {
            b.iter_with_large_drop(|| minsheng::aggregate::summary(black_box(p)))
        });
    }
    group.finish();
}

fn generation(c: &mut Criterion<CpuTime>) {
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

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(CpuTime);
    targets = extract, summary, generation
}
criterion_main!(benches);
