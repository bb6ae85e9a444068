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
//! Every step is timed in rounds (deserialize, validate, aggregate, then
//! again), so a machine shared with other work slows all steps alike and the
//! ratios stay meaningful; the median of the rounds is reported. Exits 1
//! when a promise does not hold.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use minsheng::generate::{self, Options};

/// Medians of one size.
struct Figures {
    tasks: usize,
    bytes: usize,
    deserialize: Duration,
    validate: Duration,
    aggregate: Duration,
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs.get(xs.len() / 2).copied().unwrap_or_default()
}

fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    black_box(f());
    start.elapsed()
}

fn measure(tasks: usize, rounds: usize) -> Result<Figures, Box<dyn std::error::Error>> {
    let p = generate::programme(&Options { tasks, seed: 2021 });
    // The file as `minsheng gen` writes it.
    let json = minsheng::to_string_pretty(&p)?;
    drop(p);
    let (mut de, mut va, mut ag) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        let start = Instant::now();
        let p = minsheng::from_str(black_box(&json))?;
        de.push(start.elapsed());
        va.push(time(|| minsheng::validate(black_box(&p))));
        ag.push(time(|| minsheng::aggregate::summary(black_box(&p))));
    }
    Ok(Figures { tasks, bytes: json.len(), deserialize: median(de), validate: median(va), aggregate: median(ag) })
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
    println!("tasks\tMB\tdeserialize ms\tvalidate ms\taggregate ms\tv+a / deserialize\ttasks/s (deserialize)\tMB/s (deserialize)");
    let mut all = Vec::new();
    for tasks in [small, large] {
        let f = measure(tasks, rounds)?;
        let mb = f.bytes as f64 / 1e6;
        let ratio = (f.validate + f.aggregate).as_secs_f64() / f.deserialize.as_secs_f64();
        println!(
            "{}\t{mb:.1}\t{:.1}\t{:.1}\t{:.1}\t{ratio:.3}\t{:.0}\t{:.1}",
            f.tasks,
            ms(f.deserialize),
            ms(f.validate),
            ms(f.aggregate),
            f.tasks as f64 / f.deserialize.as_secs_f64(),
            mb / f.deserialize.as_secs_f64(),
        );
        all.push(f);
    }
    let (Some(s), Some(l)) = (all.first(), all.last()) else { return Ok(ExitCode::FAILURE) };
    let size = l.tasks as f64 / s.tasks as f64;
    let growth = |a: Duration, b: Duration| b.as_secs_f64() / a.as_secs_f64();
    let total = |f: &Figures| f.deserialize + f.validate + f.aggregate;
    println!("\ngrowth {} → {} tasks ({size:.0}× the tasks, limit {:.1}×):", s.tasks, l.tasks, size * 1.1);
    let steps = [
        ("deserialize", growth(s.deserialize, l.deserialize)),
        ("validate", growth(s.validate, l.validate)),
        ("aggregate", growth(s.aggregate, l.aggregate)),
        ("all three", growth(total(s), total(l))),
    ];
    for (name, g) in steps {
        println!("  {name}: {g:.2}×");
    }
    let ratio = (l.validate + l.aggregate).as_secs_f64() / l.deserialize.as_secs_f64();
    let linear = steps.iter().all(|(_, g)| *g <= size * 1.1);
    println!("\nvalidate + aggregate / deserialize at {} tasks: {ratio:.3} (limit 1.0)", l.tasks);
    let ok = ratio <= 1.0 && linear;
    println!("{}", if ok { "PASS" } else { "FAIL" });
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
