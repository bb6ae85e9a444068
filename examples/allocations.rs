//! Counts the heap allocations of loading, validating and aggregating a
//! generated programme, per task, as BENCHMARKS.md states them.
//!
//! ```sh
//! cargo run --release --example allocations --features generate              # 10 000 tasks
//! cargo run --release --example allocations --features generate -- 100000
//! ```
//!
//! The count comes from a counting wrapper around the system allocator
//! (`stats_alloc`), installed for this example only.

use std::alloc::System;

use minsheng::generate::{self, Options};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tasks: usize = std::env::args().nth(1).map_or(Ok(10_000), |a| a.parse())?;
    let json = minsheng::to_string_pretty(&generate::programme(&Options { tasks, seed: 2021 }))?;
    println!("{tasks} tasks, {:.1} MB", json.len() as f64 / 1e6);
    println!("step\tallocations\tper task\tbytes allocated\tper task");
    let row = |step: &str, stats: stats_alloc::Stats| {
        let n = stats.allocations + stats.reallocations;
        println!(
            "{step}\t{n}\t{:.1}\t{}\t{:.0}",
            n as f64 / tasks as f64,
            stats.bytes_allocated,
            stats.bytes_allocated as f64 / tasks as f64
        );
    };
    let region = Region::new(GLOBAL);
    let programme = minsheng::from_str(&json)?;
    row("load (minsheng::from_str)", region.change());
    let region = Region::new(GLOBAL);
    let report = minsheng::validate(&programme);
    row("validate", region.change());
    let region = Region::new(GLOBAL);
    let summary = minsheng::aggregate::summary(&programme);
    row("aggregate (summary)", region.change());
    let region = Region::new(GLOBAL);
    let value: serde_json::Value = serde_json::from_str(&json)?;
    row("for comparison: serde_json::Value", region.change());
    drop((report, summary, value));
    Ok(())
}
