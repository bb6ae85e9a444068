//! `minsheng summary`: a programme at a glance, as text tables or JSON.

use std::path::PathBuf;

use minsheng::Programme;
use minsheng::aggregate::{self, BreakdownStatus, Summary};

use crate::Format;
use crate::output::{self, Failure, Outcome, Verdict};
use crate::table::table;

/// Print a programme's sections, tasks, targets, totals and workload.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The programme file (JSON).
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = minsheng::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// Prints the summary; JSON is [`Summary`] as is.
pub(crate) fn run(args: &Args) -> Outcome {
    let p = crate::input::programme(&args.file, args.max_bytes)?;
    let s = aggregate::summary(&p);
    let out = match args.format {
        Format::Json => {
            serde_json::to_string_pretty(&s).map_err(|e| Failure::new(format!("cannot write the summary: {e}")))? + "\n"
        }
        Format::Text => text(&p, &s),
    };
    output::print(&out)?;
    Ok(Verdict::Clean)
}

/// The summary as text tables, one block per question.
fn text(p: &Programme, s: &Summary) -> String {
    let mut out = String::new();
    heading(&mut out, p, s);
    sections(&mut out, p);
    measures(&mut out, s);
    dimensions(&mut out, s);
    subjects(&mut out, s);
    workload(&mut out, s);
    calendar(&mut out, s);
    reconciliation(&mut out, s);
    out
}

/// The title, number, jurisdiction and counts.
fn heading(out: &mut String, p: &Programme, s: &Summary) {
    out.push_str(&format!("{}\n", s.title));
    if let Some(n) = &p.document.number {
        out.push_str(&format!("{n}  "));
    }
    out.push_str(&format!(
        "{} ({:?}), {}: {} sections, {} tasks, {} targets\n\n",
        p.jurisdiction.name, p.jurisdiction.level, s.year, s.sections, s.tasks, s.targets.total
    ));
}

/// Items, tasks and targets per section.
fn sections(out: &mut String, p: &Programme) {
    let rows: Vec<Vec<String>> = p
        .sections
        .iter()
        .map(|sec| {
            let tasks = sec.all_tasks();
            let targets: usize = tasks.iter().map(|t| t.targets.len()).sum();
            vec![sec.label(), sec.tasks.len().to_string(), tasks.len().to_string(), targets.to_string()]
        })
        .collect();
    out.push_str("Sections\n");
    table(out, &["section", "items", "tasks", "targets"], &rows, 1);
}

/// Targets per kind of measure.
fn measures(out: &mut String, s: &Summary) {
    let rows: Vec<Vec<String>> = s.targets.by_measure.iter().map(|(k, v)| vec![k.clone(), v.to_string()]).collect();
    out.push_str("Targets by measure\n");
    table(out, &["measure", "targets"], &rows, 1);
}

/// Totals per dimension, in base units.
fn dimensions(out: &mut String, s: &Summary) {
    let dims: Vec<Vec<String>> = s
        .totals
        .iter()
        .filter(|r| r.subject.is_none())
        .map(|r| {
            vec![r.dimension.to_string(), r.value.normalize().to_string(), r.unit.to_string(), r.targets.to_string()]
        })
        .collect();
    out.push_str("Totals by dimension (base units)\n");
    table(out, &["dimension", "total", "unit", "targets"], &dims, 1);
}

/// Totals per subject, and the subjects not added up.
fn subjects(out: &mut String, s: &Summary) {
    let subjects: Vec<Vec<String>> = s
        .totals
        .iter()
        .filter_map(|r| {
            let subject = r.subject.as_ref()?;
            Some(vec![subject.clone(), r.value.normalize().to_string(), r.unit.to_string(), r.targets.to_string()])
        })
        .collect();
    out.push_str("Totals by subject\n");
    table(out, &["subject", "total", "unit", "targets"], &subjects, 1);
    for r in &s.refused {
        let units: Vec<String> = r.units.iter().map(ToString::to_string).collect();
        out.push_str(&format!("not added: {} is given in {} (different dimensions)\n", r.subject, units.join(", ")));
    }
    if !s.refused.is_empty() {
        out.push('\n');
    }
}

/// Tasks led, shared and cooperated, per unit.
fn workload(out: &mut String, s: &Summary) {
    let work: Vec<Vec<String>> = s
        .workload
        .iter()
        .filter(|w| w.lead + w.cooperating + w.joint > 0)
        .map(|w| {
            let name = if w.collective.is_some() { format!("{} [collective]", w.name) } else { w.name.clone() };
            vec![name, w.lead.to_string(), w.joint.to_string(), w.cooperating.to_string(), w.targets.to_string()]
        })
        .collect();
    out.push_str("Workload\n");
    table(out, &["unit", "lead", "joint", "cooperating", "targets"], &work, 1);
}

/// Deadlines and report dates in order.
fn calendar(out: &mut String, s: &Summary) {
    if !s.calendar.is_empty() {
        out.push_str("Calendar\n");
        let rows: Vec<Vec<String>> = s
            .calendar
            .iter()
            .flat_map(|m| {
                m.entries.iter().map(|e| {
                    let what: String = e.what.chars().take(40).collect();
                    vec![e.date.to_string(), format!("{:?}", e.kind).to_lowercase(), e.text.clone(), what]
                })
            })
            .collect();
        table(out, &["date", "kind", "as written", "what"], &rows, 1);
    }
}

/// Breakdowns and declared counts against what is listed.
fn reconciliation(out: &mut String, s: &Summary) {
    let rec = &s.reconciliation;
    if !rec.breakdowns.is_empty() || !rec.counts.is_empty() {
        out.push_str("Reconciliation\n");
        let mut rows: Vec<Vec<String>> = rec
            .breakdowns
            .iter()
            .map(|b| {
                let status = match b.status {
                    BreakdownStatus::Reconciled => "adds up",
                    BreakdownStatus::Under if b.exhaustive => "SHORT",
                    BreakdownStatus::Under => "partial",
                    BreakdownStatus::Over => "OVER",
                    _ => "not comparable",
                };
                let fmt =
                    |v: Option<rust_decimal::Decimal>| v.map_or_else(|| "-".into(), |v| v.normalize().to_string());
                vec![b.phrase.chars().take(30).collect(), fmt(b.total), fmt(b.parts_sum), status.into()]
            })
            .collect();
        rows.extend(rec.counts.iter().map(|c| {
            vec![
                c.text.clone(),
                c.declared.to_string(),
                c.listed.to_string(),
                (if c.matches { "adds up" } else { "DIFFERS" }).into(),
            ]
        }));
        table(out, &["what", "declared/total", "listed/parts", "status"], &rows, 1);
    }
}
