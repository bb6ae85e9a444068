//! `minsheng progress` and `minsheng ledger`: the roll-up as of a date, and
//! the work ledger (工作台账) as CSV or XLSX.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use minsheng::Programme;
use minsheng::evaluate::{self, Evaluation, ReportingCalendar, Status, StatusCounts};
use minsheng::ledger::display_width;
use minsheng::progress::{self, ProgressReport};

/// Loads the programme and the reports named on the command line, and
/// checks the reports in order against the programme; findings go to
/// stderr. Returns whether any report has an error; `Err` is the exit code.
fn load_all(
    programme: &Path,
    files: &[PathBuf],
    max_bytes: u64,
) -> Result<(Programme, Vec<ProgressReport>, bool), ExitCode> {
    let programme = crate::load(programme, max_bytes)?;
    let mut reports = Vec::with_capacity(files.len());
    for path in files {
        match progress::from_path(path, max_bytes) {
            Ok(r) => reports.push(r),
            Err(e) => {
                eprintln!("minsheng: {}", crate::describe(&e, path));
                return Err(ExitCode::from(2));
            }
        }
    }
    let mut any_error = false;
    for (path, v) in files.iter().zip(progress::validate_reports(&programme, &reports)) {
        any_error |= !v.is_valid();
        for f in &v.findings {
            eprintln!("{}: {f}", path.display());
        }
    }
    Ok((programme, reports, any_error))
}

/// `minsheng progress`.
pub fn progress(programme: &Path, reports: &[PathBuf], as_of: NaiveDate, json: bool, max_bytes: u64) -> ExitCode {
    let (p, reports, any_error) = match load_all(programme, reports, max_bytes) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let e = evaluate::evaluate(&p, &reports, as_of);
    let cal = evaluate::reporting_calendar(&p, &reports, as_of);
    let out = if json {
        let doc = serde_json::json!({ "evaluation": e, "reporting": cal });
        serde_json::to_string_pretty(&doc).map(|s| s + "\n").unwrap_or_default()
    } else {
        text(&e, &cal)
    };
    let written = crate::emit(&out);
    if written != ExitCode::SUCCESS {
        written
    } else if any_error {
        eprintln!("minsheng: some reports have errors; their unusable figures were left out");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Output format of the ledger.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LedgerFormat {
    /// CSV with a UTF-8 byte-order mark.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

/// `minsheng ledger`.
pub fn ledger(
    programme: &Path,
    reports: &[PathBuf],
    out: &Path,
    as_of: Option<NaiveDate>,
    format: Option<LedgerFormat>,
    max_bytes: u64,
) -> ExitCode {
    let format = match format {
        Some(f) => f,
        None => match out.extension().and_then(|x| x.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("xlsx") => LedgerFormat::Xlsx,
            Some("csv") => LedgerFormat::Csv,
            _ => {
                eprintln!(
                    "minsheng: cannot tell the format of {}: name it .csv or .xlsx, or pass --format",
                    out.display()
                );
                return ExitCode::from(2);
            }
        },
    };
    let (p, reports, any_error) = match load_all(programme, reports, max_bytes) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    // Without --as-of, progress stands at the latest report's date.
    let on = as_of.or_else(|| reports.iter().filter(|r| r.programme == p.id).map(|r| r.as_of).max());
    let evaluation = on.map(|on| evaluate::evaluate(&p, &reports, on));
    let rows = minsheng::ledger::rows(&p, evaluation.as_ref());
    let bytes = match format {
        LedgerFormat::Csv => minsheng::ledger::to_csv(&rows).into_bytes(),
        LedgerFormat::Xlsx => match minsheng::ledger::to_xlsx(&rows) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("minsheng: cannot build the workbook: {e}");
                return ExitCode::from(2);
            }
        },
    };
    match std::fs::write(out, bytes) {
        Ok(()) => {
            eprintln!("minsheng: wrote {} ({} rows)", out.display(), rows.len());
            if any_error {
                eprintln!("minsheng: some reports have errors; their unusable figures were left out");
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("minsheng: cannot write {}: {e}", out.display());
            ExitCode::from(2)
        }
    }
}

/// A plain text table; columns after the first `left` are right-aligned.
fn table(out: &mut String, header: &[&str], rows: &[Vec<String>], left: usize) {
    let mut widths: Vec<usize> = header.iter().map(|h| display_width(h)).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(display_width(c));
        }
    }
    let line = |out: &mut String, cells: &[String]| {
        let mut l = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(w.saturating_sub(display_width(c)));
            if i > 0 {
                l.push_str("  ");
            }
            if i < left {
                l.push_str(c);
                l.push_str(&pad);
            } else {
                l.push_str(&pad);
                l.push_str(c);
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(out, &header.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>());
    line(out, &widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>());
    for r in rows {
        line(out, r);
    }
    out.push('\n');
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

fn text(e: &Evaluation, cal: &ReportingCalendar) -> String {
    let mut out = String::new();
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
    table(&mut out, &header, &rows, 1);

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
        table(&mut out, &header, &rows, 1);
    }

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
        table(&mut out, &["status", "task", "target", "lead", "done", "expected"], &rows, 4);
    }

    let no_data: Vec<&str> =
        e.targets.iter().filter(|t| t.status == Status::NoData).map(|t| t.subject.as_str()).collect();
    if !no_data.is_empty() {
        out.push_str(&format!("No data ({}): {}\n\n", no_data.len(), no_data.join("；")));
    }

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

    let obligations = |title: &str, list: &[evaluate::Obligation], out: &mut String| {
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
    obligations("Reports overdue", &cal.overdue, &mut out);
    obligations("Reports due", &cal.due, &mut out);
    if cal.overdue.is_empty() && cal.due.is_empty() && cal.received.is_empty() {
        out.push_str("The programme sets no dated reporting duty.\n");
    }
    out
}
