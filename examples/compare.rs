//! Loads the five real notices and prints them side by side: tasks, targets
//! by measure, units by level, the busiest lead units, deadlines by month.
//!
//! `cargo run --example compare`

use std::collections::BTreeMap;

use minsheng::aggregate;

const NOTICES: [&str; 5] = ["qinghai-2021", "haidong-2024", "duji-2021", "chuxiong-2021", "haixi-2020"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut programmes = Vec::new();
    for name in NOTICES {
        let path = format!("{}/examples/data/{name}.json", env!("CARGO_MANIFEST_DIR"));
        programmes.push((name, minsheng::from_path(&path, minsheng::DEFAULT_MAX_BYTES)?));
    }
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let mut row = |label: &str, f: &dyn Fn(&minsheng::Programme) -> String| {
        rows.push((label.to_owned(), programmes.iter().map(|(_, p)| f(p)).collect()));
    };
    row("document", &|p| p.document.number.as_ref().map_or("-".into(), ToString::to_string));
    row("level", &|p| format!("{:?}", p.jurisdiction.level).to_lowercase());
    row("sections", &|p| p.sections.len().to_string());
    row("tasks (all levels)", &|p| p.task_count().to_string());
    row("targets", &|p| p.tasks().map(|t| t.targets.len()).sum::<usize>().to_string());
    for kind in ["quantity", "percent", "rate", "money", "change", "categorical", "deferred"] {
        row(&format!("  {kind}"), &|p| {
            p.tasks().flat_map(|t| &t.targets).filter(|t| t.measure.kind() == kind).count().to_string()
        });
    }
    row("units", &|p| p.units.len().to_string());
    for level in ["province", "prefecture", "county", "(collective)"] {
        row(&format!("  {level}"), &|p| {
            p.units
                .iter()
                .filter(|u| match level {
                    "(collective)" => u.is_collective(),
                    l => u.level.is_some_and(|x| format!("{x:?}").to_lowercase() == l),
                })
                .count()
                .to_string()
        });
    }
    row("findings (warnings)", &|p| minsheng::validate(&p.clone()).warnings().count().to_string());

    let names: Vec<&str> = programmes.iter().map(|(n, _)| *n).collect();
    print_table(&names, &rows);

    println!("\nBusiest lead units");
    for (name, p) in &programmes {
        let top: Vec<String> = aggregate::workload(p)
            .into_iter()
            .filter(|w| w.lead > 0)
            .take(3)
            .map(|w| format!("{} ({})", w.name, w.lead))
            .collect();
        println!("  {name:<14} {}", if top.is_empty() { "-".into() } else { top.join(", ") });
    }

    println!("\nDeadlines and report dates by month");
    for (name, p) in &programmes {
        let mut months: BTreeMap<String, usize> = BTreeMap::new();
        for m in aggregate::calendar(p) {
            *months.entry(m.month).or_default() += m.entries.len();
        }
        let cells: Vec<String> = months.iter().map(|(m, n)| format!("{m}: {n}")).collect();
        println!("  {name:<14} {}", if cells.is_empty() { "-".into() } else { cells.join(", ") });
    }
    Ok(())
}

fn print_table(names: &[&str], rows: &[(String, Vec<String>)]) {
    let first = rows.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0).max(8);
    let widths: Vec<usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| rows.iter().map(|(_, c)| c[i].chars().count() * 2).max().unwrap_or(0).max(n.len()))
        .collect();
    print!("{:first$}", "");
    for (n, w) in names.iter().zip(&widths) {
        print!("  {n:>w$}");
    }
    println!();
    for (label, cells) in rows {
        print!("{label:first$}");
        for (c, w) in cells.iter().zip(&widths) {
            let pad = w.saturating_sub(c.chars().map(|ch| if ch.is_ascii() { 1 } else { 2 }).sum());
            print!("  {}{c}", " ".repeat(pad));
        }
        println!();
    }
}
