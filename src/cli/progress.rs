//! `minsheng progress`: where a programme stands as of a date, from
//! progress reports: statuses, roll-ups, who is behind, reports due.

use std::path::PathBuf;

use chrono::NaiveDate;
use minsheng::evaluate::{self, Evaluation, Status, StatusCounts};
use minsheng::progress::{Obligation, ReportingCalendar};

use crate::Format;
use crate::output::{self, Failure, Outcome, Verdict, say};
use crate::table::table;

/// Print where a programme stands as of a date.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The programme file (JSON).
    programme: PathBuf,
    /// The progress reports (JSON), in the order received.
    #[arg(required = true)]
    reports: Vec<PathBuf>,
    /// The date to evaluate at (YYYY-MM-DD).
    #[arg(long, value_parser = minsheng::parse_date)]
    as_of: NaiveDate,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = minsheng::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// Prints the evaluation and the reporting calendar. Exit 1 when a report
/// has errors (their unusable figures are left out).
pub(crate) fn run(args: &Args) -> Outcome {
    let loaded = crate::input::programme_with_reports(&args.programme, &args.reports, args.max_bytes)?;
    let p = &loaded.programme;
    let e = evaluate::evaluate(p, &loaded.reports, args.as_of);
    let cal = minsheng::progress::reporting_calendar(p, &loaded.reports, args.as_of);
    let out = match args.format {
        Format::Json => {
            let doc = serde_json::json!({ "evaluation": e, "reporting": cal });
            serde_json::to_string_pretty(&doc).map_err(|e| Failure::new(format!("cannot write the evaluation: {e}")))?
                + "\n"
        }
        Format::Text => text(&e, &cal),
    };
    output::print(&out)?;
    if loaded.any_error {
        say("some reports have errors; their unusable figures were left out");
    }
    Ok(Verdict::errors_if(loaded.any_error))
}

fn counts_cells(c: &StatusCounts) -> Vec<String> {
    [c.total(), c.met, c.on_track, c.behind, c.overdue, c.not_started, c.no_data]
        .iter()
        .map(ToString::to_string)
        .collect()
}

const COUNT_HEADERS: [&str; 7] = ["targets", "met", "on_track", "behind", "overdue", "not_started", "no_data"];

fn pct(d: Option<rust_decimal::Decimal>) -> String {
    d.map(|d| format!("{}%", d.normalize())).unwrap_or_else(|| "-".into())
}

/// The evaluation as text, one block per question.
fn text(e: &Evaluation, cal: &ReportingCalendar) -> String {
    let mut out = String::new();
    standing(&mut out, e);
    units_behind(&mut out, e);
    targets_behind(&mut out, e);
    without_data(&mut out, e);
    notes(&mut out, e);
    reports(&mut out, cal);
    out
}

/// The counts for the whole programme and per section.
fn standing(out: &mut String, e: &Evaluation) {
    let c = &e.programme.counts;
    out.push_str(&format!(
        "{}\nas of {} ({} report{} used)\n",
        e.title,
        e.as_of,
        e.reports_used,
        if e.reports_used == 1 { "" } else { "s" }
    ));
    out.push_str(&format!("{c}\n\n"));
    let rows: Vec<Vec<String>> =
        e.sections.iter().map(|s| std::iter::once(s.label.clone()).chain(counts_cells(&s.counts)).collect()).collect();
    let header: Vec<&str> = std::iter::once("section").chain(COUNT_HEADERS).collect();
    table(out, &header, &rows, 1);
}

/// The lead units with targets to chase, most first.
fn units_behind(out: &mut String, e: &Evaluation) {
    let rows: Vec<Vec<String>> = e
        .programme
        .units_behind
        .iter()
        .filter_map(|id| e.lead_units.iter().find(|u| &u.unit == id))
        .map(|u| {
            let mut r = vec![u.name.clone(), u.counts.lagging().to_string()];
            r.extend(counts_cells(&u.counts));
            r
        })
        .collect();
    if rows.is_empty() {
        out.push_str("No lead unit is behind.\n\n");
    } else {
        out.push_str("Lead units behind\n");
        let header: Vec<&str> = ["lead unit", "lagging"].into_iter().chain(COUNT_HEADERS).collect();
        table(out, &header, &rows, 1);
    }
}

/// The targets to chase, worst first.
fn targets_behind(out: &mut String, e: &Evaluation) {
    let rows: Vec<Vec<String>> = e
        .programme
        .behind
        .iter()
        .map(|l| {
            vec![
                l.status.as_str().to_owned(),
                l.task_label.clone(),
                l.subject.clone(),
                l.leads.join("、"),
                pct(l.completion),
                pct(l.expected),
            ]
        })
        .collect();
    if !rows.is_empty() {
        out.push_str("Targets to chase\n");
        table(out, &["status", "task", "target", "lead", "done", "expected"], &rows, 4);
    }
}

/// The targets no report has reached.
fn without_data(out: &mut String, e: &Evaluation) {
    let no_data: Vec<&str> =
        e.targets.iter().filter(|t| t.status == Status::NoData).map(|t| t.subject.as_str()).collect();
    if !no_data.is_empty() {
        out.push_str(&format!("No data ({}): {}\n\n", no_data.len(), no_data.join("；")));
    }
}

/// The notes and problems the reports give per task.
fn notes(out: &mut String, e: &Evaluation) {
    let noted: Vec<_> = e.tasks.iter().filter(|t| !t.notes.is_empty() || !t.problems.is_empty()).collect();
    // Notes first (`-`), then problems (`!`), each dated and signed by the reporting unit.
    if !noted.is_empty() {
        out.push_str("Notes and problems\n");
        for t in noted {
            out.push_str(&format!("{}\n", t.label));
            for n in &t.notes {
                out.push_str(&format!("  - {n}\n"));
            }
            for p in &t.problems {
                out.push_str(&format!("  ! {p}\n"));
            }
        }
        out.push('\n');
    }
}

/// Reports overdue and due.
fn reports(out: &mut String, cal: &ReportingCalendar) {
    let obligations = |title: &str, list: &[Obligation], out: &mut String| {
        if list.is_empty() {
            return;
        }
        out.push_str(&format!("{title}\n"));
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|o| {
                vec![
                    o.due.to_string(),
                    o.text.clone(),
                    o.reporter_name.clone().unwrap_or_else(|| "-".into()),
                    o.recipients.join("、"),
                    o.what.clone(),
                ]
            })
            .collect();
        table(out, &["due", "as written", "reporter", "to", "what"], &rows, 5);
    };
    obligations("Reports overdue", &cal.overdue, out);
    obligations("Reports due", &cal.due, out);
    if cal.overdue.is_empty() && cal.due.is_empty() && cal.received.is_empty() {
        out.push_str("The programme sets no dated reporting duty.\n");
    }
}
