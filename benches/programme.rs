//! Deserialize, validate and aggregate generated programmes of 1 000,
//! 10 000 and 100 000 tasks, and — side by side, on the same document —
//! validate it against the committed JSON Schema with the `jsonschema`
//! crate, the check an integrator without this crate would run.
//!
//! Throughput is reported in tasks/s and in MB/s of the JSON document
//! (criterion's elements and bytes; each size's file size is printed
//! first). The jsonschema figure
//! excludes parsing the text into a `serde_json::Value`, which it needs
//! first: `value_parse` times that step on its own.
//!
//! ```sh
//! cargo bench --bench programme                 # all sizes, a few minutes
//! cargo bench --bench programme -- 10000        # one size
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use minsheng::generate::{self, Options};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn schema() -> jsonschema::Validator {
    let text = include_str!("../schema/programme.schema.json");
    let schema: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("the committed schema is not JSON: {e}"),
    };
    match jsonschema::draft202012::new(&schema) {
        Ok(v) => v,
        Err(e) => panic!("the committed schema does not compile: {e}"),
    }
}

fn programme(c: &mut Criterion) {
    // Compiled once, as a service would.
    let validator = schema();
    let mut group = c.benchmark_group("programme");
    for tasks in SIZES {
        let p = generate::programme(&Options { tasks, seed: 2021 });
        let json = match minsheng::to_string_pretty(&p) {
            Ok(json) => json,
            Err(e) => panic!("cannot serialize the generated programme: {e}"),
        };
        let value: serde_json::Value = match serde_json::from_str(&json) {
            Ok(v) => v,
            Err(e) => panic!("cannot parse the generated programme: {e}"),
        };
        assert!(validator.is_valid(&value), "the generated programme does not match the schema");
        eprintln!(
            "programme/{tasks}: {:.1} MB, {:.6} MB per task",
            json.len() as f64 / 1e6,
            json.len() as f64 / 1e6 / tasks as f64
        );
        // Keep the run to minutes: fewer, longer samples for the big sizes.
        let (samples, secs) = if tasks >= 100_000 { (10, 20) } else { (10, 5) };
        group.sample_size(samples).measurement_time(Duration::from_secs(secs));
        // Criterion reports both tasks/s and MB/s (bytes of the document).
        group.throughput(Throughput::ElementsAndBytes { elements: tasks as u64, bytes: json.len() as u64 });
        group.bench_with_input(BenchmarkId::new("deserialize", tasks), &json, |b, json| {
            b.iter(|| minsheng::from_str(black_box(json)))
        });
        group.bench_with_input(BenchmarkId::new("validate", tasks), &p, |b, p| {
            b.iter(|| minsheng::validate(black_box(p)))
        });
        group.bench_with_input(BenchmarkId::new("aggregate", tasks), &p, |b, p| {
            b.iter(|| minsheng::aggregate::summary(black_box(p)))
        });
        group.bench_with_input(BenchmarkId::new("jsonschema_is_valid", tasks), &value, |b, value| {
            b.iter(|| validator.is_valid(black_box(value)))
        });
        group.bench_with_input(BenchmarkId::new("value_parse", tasks), &json, |b, json| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(json)))
        });
    }
    group.finish();
}

/// Many programmes at once: `batch::validate_all` on all cores against one by one.
fn batch(c: &mut Criterion) {
    let programmes: Vec<minsheng::Programme> =
        (0..64).map(|seed| generate::programme(&Options { tasks: 500, seed })).collect();
    let mut group = c.benchmark_group("batch");
    group.sample_size(10).measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(64 * 500));
    group.bench_function("validate_all_64x500", |b| b.iter(|| minsheng::batch::validate_all(black_box(&programmes))));
    group.bench_function("one_by_one_64x500", |b| {
        b.iter(|| black_box(&programmes).iter().map(minsheng::validate).collect::<Vec<_>>())
    });
    group.finish();
}

criterion_group!(benches, programme, batch);
criterion_main!(benches);
