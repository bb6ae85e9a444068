//! Where does Qinghai's 2021 programme stand at mid-year, and who is behind?
//!
//! Reads the programme and the mid-year progress report in `examples/data/`,
//! checks the report, and prints the roll-up per section and per lead unit
//! and the targets to chase.
//!
//! ```sh
//! cargo run --example progress
//! ```

use chrono::NaiveDate;
use minsheng::evaluate::{self, Status};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let programme = minsheng::from_path("examples/data/qinghai-2021.json", minsheng::DEFAULT_MAX_BYTES)?;
    let report = minsheng::progress::from_path(
        "examples/data/progress/qinghai-2021-2021-06-30.json",
        minsheng::DEFAULT_MAX_BYTES,
    )?;
    for finding in minsheng::progress::validate_report(&programme, &report).findings {
        eprintln!("{finding}");
    }
    let on = NaiveDate::from_ymd_opt(2021, 6, 30).ok_or("bad date")?;
    let e = evaluate::evaluate(&programme, std::slice::from_ref(&report), on);

    println!("{} — as of {}", e.title, e.as_of);
    let c = e.programme.counts;
    println!("{c}\n");
    println!("By section (met / on track / lagging / no data):");
    for s in &e.sections {
        let k = s.counts;
        println!("  {:<20} {:>2} / {:>2} / {:>2} / {:>2}", s.label, k.met, k.on_track, k.lagging(), k.no_data);
    }
    println!("\nLead units behind:");
    for id in &e.programme.units_behind {
        if let Some(u) = e.lead_units.iter().find(|u| &u.unit == id) {
            let what: Vec<String> = u
                .behind
                .iter()
                .map(|l| format!("{} {}", l.subject, l.completion.map_or("-".into(), |c| format!("{c}%"))))
                .collect();
            println!("  {}: {}", u.name, what.join("；"));
        }
    }
    println!("\nTargets to chase (completion vs expected):");
    for l in &e.programme.behind {
        let done = l.completion.map_or("-".into(), |c| format!("{c}%"));
        let expected = l.expected.map_or("-".into(), |c| format!("{c}%"));
        println!(
            "  [{}] {} — {} ({done} vs {expected}; {})",
            l.status.label_zh(),
            l.task_label,
            l.subject,
            l.leads.join("、")
        );
    }
    let missing = e.targets.iter().filter(|t| t.status == Status::NoData).count();
    println!("\n{missing} targets have no figure yet.");
    for t in e.tasks.iter().filter(|t| !t.problems.is_empty()) {
        println!("Problems on {}:", t.label);
        for p in &t.problems {
            println!("  - {p}");
        }
    }
    Ok(())
}
