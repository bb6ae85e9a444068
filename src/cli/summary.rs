//! `minsheng summary`: a programme at a glance, as text tables or JSON.

use std::borrow::Cow;
use std::path::PathBuf;

use minsheng::Programme;
use minsheng::aggregate::{self, BreakdownStatus, EntryKind, Overflow, Summary, TotalRow};

use crate::Format;
use crate::output::{Failure, Outcome, Stdout, Verdict, write_failure};
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

/// Prints the summary; JSON is [`Summary`] as is. Both are written as they
/// are made (table by table, value by value), not gathered first.
pub(crate) fn run(args: &Args) -> Outcome {
    let p = crate::input::programme(&args.file, args.max_bytes)?;
    let s = aggregate::summary(&p);
    let mut out = Stdout::new();
    match args.format {
        Format::Json => {
            if let Err(e) = serde_json::to_writer_pretty(&mut out, &s) {
                write_failure(&out, e)?;
            }
            out.line("")?;
        }
        Format::Text => text(&mut out, &p, &s)?,
    }
    out.finish()?;
    // The process ends here: handing a million tasks back to the allocator
    // one by one would only cost time.
    std::mem::forget(s);
    std::mem::forget(p);
    Ok(Verdict::Clean)
}

/// Writes one table (or block of lines) and starts the next.
fn flush(out: &mut Stdout, block: &mut String) -> Result<(), Failure> {
    out.write(block)?;
    block.clear();
    Ok(())
}

/// The summary as text tables, one block per question, each written as soon as it is made.
fn text(out: &mut Stdout, p: &Programme, s: &Summary) -> Result<(), Failure> {
    let mut block = String::new();
    block.push_str(&format!("{}\n", s.title));
    if let Some(n) = &p.document.number {
        block.push_str(&format!("{n}  "));
    }
    block.push_str(&format!(
        "{} ({:?}), {}: {} sections, {} tasks, {} targets\n\n",
        p.jurisdiction.name, p.jurisdiction.level, s.year, s.sections, s.tasks, s.targets.total
    ));
    sections(&mut block, p);
    let rows: Vec<Vec<String>> = s.targets.by_measure.iter().map(|(k, v)| vec![k.clone(), v.to_string()]).collect();
    block.push_str("Targets by measure\n");
    table(&mut block, &["measure", "targets"], &rows, 1);
    flush(out, &mut block)?;
    totals(&mut block, s);
    flush(out, &mut block)?;
    workload(&mut block, s);
    flush(out, &mut block)?;
    calendar(&mut block, s);
    flush(out, &mut block)?;
    reconciliation(&mut block, s);
    flush(out, &mut block)
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

/// The count of targets in a total, with those left out because the sum
/// would overflow: `1 (+1 too large to add)`.
fn counted(r: &TotalRow) -> String {
    if r.overflowed == 0 {
        r.targets.to_string()
    } else {
        format!("{} (+{} too large to add)", r.targets, r.overflowed)
    }
}

/// Totals per dimension (in base units) and per subject; the subjects not
/// added up and the figures too large to add.
fn totals(out: &mut String, s: &Summary) {
    let row =
        |label: String, r: &TotalRow| vec![label, r.value.normalize().to_string(), r.unit.to_string(), counted(r)];
    let dims: Vec<Vec<String>> =
        s.totals.iter().filter(|r| r.subject.is_none()).map(|r| row(r.dimension.to_string(), r)).collect();
    out.push_str("Totals by dimension (base units)\n");
    table(out, &["dimension", "total", "unit", "targets"], &dims, 1);
    let subjects: Vec<Vec<String>> = s.totals.iter().filter_map(|r| Some(row(r.subject.clone()?, r))).collect();
    out.push_str("Totals by subject\n");
    table(out, &["subject", "total", "unit", "targets"], &subjects, 1);
    for r in &s.refused {
        let units: Vec<String> = r.units.iter().map(ToString::to_string).collect();
        out.push_str(&format!("not added: {} is given in {} (different dimensions)\n", r.subject, units.join(", ")));
    }
    for o in &s.overflows {
        out.push_str(&overflow_line(o));
    }
    if !s.refused.is_empty() || !s.overflows.is_empty() {
        out.push('\n');
    }
}

/// `not added: 7.9e28 人 of …: beyond the largest decimal …`.
fn overflow_line(o: &Overflow) -> String {
    format!(
        "not added: {} {} of {} (task {}, {}): {} would go beyond the largest figure a decimal holds ({})\n",
        o.value.normalize(),
        o.unit,
        o.phrase,
        o.task,
        o.path,
        o.kind.describe(),
        rust_decimal::Decimal::MAX
    )
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
    if s.calendar.is_empty() {
        return;
    }
    out.push_str("Calendar\n");
    // Cells borrowed from the summary: a calendar of a million tasks is copied once, into the text.
    let rows: Vec<[Cow<'_, str>; 4]> = s
        .calendar
        .iter()
        .flat_map(|m| {
            m.entries.iter().map(|e| {
                let kind = match e.kind {
                    EntryKind::Deadline => Cow::Borrowed("deadline"),
                    EntryKind::Report => Cow::Borrowed("report"),
                    EntryKind::PhaseStart => Cow::Borrowed("phasestart"),
                    EntryKind::PhaseEnd => Cow::Borrowed("phaseend"),
                    other => Cow::Owned(format!("{other:?}").to_lowercase()),
                };
                let what = e.what.char_indices().nth(40).map_or(e.what.as_str(), |(cut, _)| &e.what[..cut]);
                [Cow::Owned(e.date.to_string()), kind, Cow::Borrowed(e.text.as_str()), Cow::Borrowed(what)]
            })
        })
        .collect();
    table(out, &["date", "kind", "as written", "what"], &rows, 1);
}

/// Breakdowns and declared counts against what is listed.
fn reconciliation(out: &mut String, s: &Summary) {
    let rec = &s.reconciliation;
    if rec.breakdowns.is_empty() && rec.counts.is_empty() {
        return;
    }
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
                BreakdownStatus::Overflow => "OVER (beyond a decimal)",
                _ => "not comparable",
            };
            let fmt = |v: Option<rust_decimal::Decimal>| v.map_or_else(|| "-".into(), |v| v.normalize().to_string());
            let sum = if b.status == BreakdownStatus::Overflow { "too large".into() } else { fmt(b.parts_sum) };
            vec![b.phrase.chars().take(30).collect(), fmt(b.total), sum, status.into()]
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
