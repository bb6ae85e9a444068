//! Checks the crate's cost contract on generated programmes and prints the
//! figures recorded in BENCHMARKS.md:
//!
//! - **the whole job** — load, validate and aggregate (`aggregate::summary`)
//!   — costs at most 4× a bare scan of the same bytes with
//!   `serde::de::IgnoredAny` (serde_json reading every token, building
//!   nothing, on one thread: the floor any loader stands on), at both sizes;
//! - time grows linearly: 100 000 tasks take at most 11× the time of
//!   10 000, for the scan, loading, the whole job and validation and
//!   aggregation with the CPU caches emptied first.
//!
//! ```sh
//! cargo run --release --example scale --features generate,cli                 # the contract: as the command line runs
//! cargo run --release --example scale --features generate                     # one thread, the system's allocator
//! cargo run --release --example scale --features generate,cli -- 1000 10000 7   # sizes, then rounds
//! ```
//!
//! Built with `cli`, the job runs as `minsheng` runs it: mimalloc as the
//! allocator and, through the `parallel` feature that `cli` enables, a
//! large programme's tasks read side by side and its summary walked on two
//! cores. That is the configuration the contract holds for (BENCHMARKS.md).
//! Built with `generate` alone, the job runs on one thread with the
//! system's allocator, as a service that leaves `parallel` off embeds the
//! library; the limits are checked there too, and that build does not
//! meet the 4× (4.1–4.2×, BENCHMARKS.md). The first line of the output
//! says which way it runs.
//!
//! Every step is timed in rounds (each step on the small size, then the
//! large, then the next round), so a machine shared with other work slows
//! all steps and sizes alike and the ratios stay meaningful; the best round
//! of each step is reported. Exits 1 when a promise does not hold.

// The command line's allocator, when built as the command line is.
#[cfg(feature = "cli")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use minsheng::generate::{self, Options};
use serde::de::IgnoredAny;

/// The most the whole job may cost, in bare scans of the same bytes.
const JOB_PER_SCAN: f64 = 4.0;

/// Best times of one size.
struct Figures {
    tasks: usize,
    bytes: usize,
    /// `serde_json` reading the text into `IgnoredAny`: the floor.
    scan: Duration,
    deserialize: Duration,
    validate: Duration,
    aggregate: Duration,
    /// Load, validate and aggregate one after the other, timed as one.
    job: Duration,
    /// Validation and aggregation with the CPU caches emptied first.
    validate_cold: Duration,
    aggregate_cold: Duration,
}

/// Pushes the programme out of the CPU caches by sweeping a buffer larger
/// than any of them, so that a 10 000-task programme (which fits in the
/// caches right after loading) and a 100 000-task one (which does not) are
/// timed alike.
fn evict(buffer: &mut [u8]) {
    for (i, b) in buffer.iter_mut().enumerate().step_by(64) {
        *b = b.wrapping_add(i as u8);
    }
    black_box(buffer);
}

/// The best of the rounds: other work on the machine only ever adds time,
/// so the minimum is the figure least disturbed by it.
fn best(xs: Vec<Duration>) -> Duration {
    xs.into_iter().min().unwrap_or_default()
}

fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    black_box(f());
    start.elapsed()
}

/// Times `f`, leaving what it returns to be dropped outside the time.
fn time_kept<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let kept = black_box(f());
    (start.elapsed(), kept)
}

/// The rounds of one size, step by step.
#[derive(Default)]
struct Rounds {
    scan: Vec<Duration>,
    deserialize: Vec<Duration>,
    job: Vec<Duration>,
    validate: Vec<Duration>,
    aggregate: Vec<Duration>,
    validate_cold: Vec<Duration>,
    aggregate_cold: Vec<Duration>,
}

/// Times every step on every size, in rounds that interleave the sizes, so
/// that load from other work falls on all of them alike.
fn measure(sizes: &[usize], rounds: usize) -> Result<Vec<Figures>, Box<dyn std::error::Error>> {
    // The files as `minsheng gen` writes them.
    let docs: Vec<String> = sizes
        .iter()
        .map(|&tasks| minsheng::to_string_pretty(&generate::programme(&Options { tasks, seed: 2021 })))
        .collect::<Result<_, _>>()?;
    let mut times: Vec<Rounds> = sizes.iter().map(|_| Rounds::default()).collect();
    for _ in 0..rounds {
        for (json, r) in docs.iter().zip(times.iter_mut()) {
            r.scan.push(time(|| serde_json::from_str::<IgnoredAny>(black_box(json))));
            let (t, p) = time_kept(|| minsheng::from_str(black_box(json)));
            r.deserialize.push(t);
            drop(p?);
            let (t, kept) = time_kept(|| {
                let p = minsheng::from_str(black_box(json))?;
                let report = minsheng::validate(&p);
                let summary = minsheng::aggregate::summary(&p);
                Ok::<_, minsheng::Error>((p, report, summary))
            });
            r.job.push(t);
            drop(kept?);
        }
    }
    // Validation and aggregation work on programmes loaded once, as a
    // service holds them, not on a heap churned by the rounds above.
    let programmes: Vec<minsheng::Programme> =
        docs.iter().map(|json| minsheng::from_str(json)).collect::<Result<_, _>>()?;
    let mut buffer = vec![0u8; 64 << 20];
    for _ in 0..rounds {
        for (p, r) in programmes.iter().zip(times.iter_mut()) {
            r.validate.push(time(|| minsheng::validate(black_box(p))));
            r.aggregate.push(time(|| minsheng::aggregate::summary(black_box(p))));
            evict(&mut buffer);
            r.validate_cold.push(time(|| minsheng::validate(black_box(p))));
            evict(&mut buffer);
            r.aggregate_cold.push(time(|| minsheng::aggregate::summary(black_box(p))));
        }
    }
    Ok(sizes
        .iter()
        .zip(docs.iter().zip(times))
        .map(|(&tasks, (json, r))| Figures {
            tasks,
            bytes: json.len(),
            scan: best(r.scan),
            deserialize: best(r.deserialize),
            validate: best(r.validate),
            aggregate: best(r.aggregate),
            job: best(r.job),
            validate_cold: best(r.validate_cold),
            aggregate_cold: best(r.aggregate_cold),
        })
        .collect())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

fn main() -> Result<ExitCode, Box<dyn std::error::Error>> {
    let args: Vec<usize> = std::env::args().skip(1).map(|a| a.parse()).collect::<Result<_, _>>()?;
    let (small, large, rounds) = match args.as_slice() {
        [] => (10_000, 100_000, 15),
        [s, l] => (*s, *l, 15),
        [s, l, r, ..] => (*s, *l, (*r).max(1)),
        [_] => return Err("give two sizes (and optionally the rounds), or nothing".into()),
    };
    println!(
        "allocator: {}; threads: {}",
        if cfg!(feature = "cli") { "mimalloc (as the command line)" } else { "the system's" },
        if cfg!(feature = "parallel") {
            "a large programme's tasks read side by side, its summary walked on two cores (feature parallel)"
        } else {
            "one thread"
        }
    );
    println!(
        "tasks\tMB\tscan ms\tdeserialize ms\tvalidate ms\taggregate ms\tjob ms\tjob / scan\tdeserialize / scan\tdeserialize MB/s\tvalidate cold ms\taggregate cold ms"
    );
    let all = measure(&[small, large], rounds)?;
    for f in &all {
        let mb = f.bytes as f64 / 1e6;
        println!(
            "{}\t{mb:.1}\t{:.1}\t{:.1}\t{:.1}\t{:.1}\t{:.1}\t{:.2}\t{:.2}\t{:.1}\t{:.1}\t{:.1}",
            f.tasks,
            ms(f.scan),
            ms(f.deserialize),
            ms(f.validate),
            ms(f.aggregate),
            ms(f.job),
            ratio(f.job, f.scan),
            ratio(f.deserialize, f.scan),
            mb / f.deserialize.as_secs_f64(),
            ms(f.validate_cold),
            ms(f.aggregate_cold),
        );
    }
    let (Some(s), Some(l)) = (all.first(), all.last()) else { return Ok(ExitCode::FAILURE) };
    let size = l.tasks as f64 / s.tasks as f64;
    println!("\ngrowth {} → {} tasks ({size:.0}× the tasks, limit {:.1}×):", s.tasks, l.tasks, size * 1.1);
    let steps = [
        ("scan (IgnoredAny)", ratio(l.scan, s.scan)),
        ("deserialize", ratio(l.deserialize, s.deserialize)),
        ("validate, caches cold", ratio(l.validate_cold, s.validate_cold)),
        ("aggregate, caches cold", ratio(l.aggregate_cold, s.aggregate_cold)),
        (
            "validate + aggregate, caches cold",
            ratio(l.validate_cold + l.aggregate_cold, s.validate_cold + s.aggregate_cold),
        ),
        ("load, validate and aggregate (the whole job)", ratio(l.job, s.job)),
    ];
    for (name, g) in steps {
        println!("  {name}: {g:.2}×");
    }
    // Reported, not checked: right after loading, a small programme is still
    // in the CPU caches and a large one is not, so these grow faster than
    // the work does (the instruction count grows exactly 10×).
    println!("  validate, warm after loading (not checked): {:.2}×", ratio(l.validate, s.validate));
    println!("  aggregate, warm after loading (not checked): {:.2}×", ratio(l.aggregate, s.aggregate));
    let linear = steps.iter().all(|(_, g)| *g <= size * 1.1);
    println!();
    let mut within = true;
    for f in &all {
        let r = ratio(f.job, f.scan);
        within &= r <= JOB_PER_SCAN;
        println!("the whole job at {} tasks: {r:.2}× a bare scan (limit {JOB_PER_SCAN:.1}×)", f.tasks);
    }
    let ok = within && linear;
    println!("{}", if ok { "PASS" } else { "FAIL" });
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
