//! `minsheng summary`: a programme at a glance, as text tables or JSON.

use minsheng::Programme;
use minsheng::aggregate::{self, BreakdownStatus, Summary};

/// Renders the summary; JSON is [`Summary`] as is.
pub fn render(p: &Programme, json: bool) -> String {
    let s = aggregate::summary(p);
    if json {
        return serde_json::to_string_pretty(&s).map(|t| t + "\n").unwrap_or_default();
    }
    text(p, &s)
}

/// Display width in a terminal: CJK and full-width characters take two columns,
/// as in a spreadsheet.
fn width(s: &str) -> usize {
    minsheng::ledger::display_width(s)
}

/// A plain text table; columns after the first are right-aligned.
fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(width(c));
        }
    }
    let line = |out: &mut String, cells: &[String]| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = " ".repeat(widths[i] - width(c));
            if i == 0 {
                l.push_str(c);
                l.push_str(&pad);
            } else {
                l.push_str("  ");
                l.push_str(&pad);
                l.push_str(c);
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(out, &header.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>());
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(out, &rule);
    for r in rows {
        line(out, r);
    }
    out.push('\n');
}

fn text(p: &Programme, s: &Summary) -> String {
    let mut out = String::new();
    out.push_str(&format!("{}\n", s.title));
    if let Some(n) = &p.document.number {
        out.push_str(&format!("{n}  "));
    }
    out.push_str(&format!(
        "{} ({:?}), {}: {} sections, {} tasks, {} targets\n\n",
        p.jurisdiction.name, p.jurisdiction.level, s.year, s.sections, s.tasks, s.targets.total
    ));

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
    table(&mut out, &["section", "items", "tasks", "targets"], &rows);

    let rows: Vec<Vec<String>> = s.targets.by_measure.iter().map(|(k, v)| vec![k.clone(), v.to_string()]).collect();
    out.push_str("Targets by measure\n");
    table(&mut out, &["measure", "targets"], &rows);

    let dims: Vec<Vec<String>> = s
        .totals
        .iter()
        .filter(|r| r.subject.is_none())
        .map(|r| {
            vec![r.dimension.to_string(), r.value.normalize().to_string(), r.unit.to_string(), r.targets.to_string()]
        })
        .collect();
    out.push_str("Totals by dimension (base units)\n");
    table(&mut out, &["dimension", "total", "unit", "targets"], &dims);

    let subjects: Vec<Vec<String>> = s
        .totals
        .iter()
        .filter_map(|r| {
            let subject = r.subject.as_ref()?;
            Some(vec![subject.clone(), r.value.normalize().to_string(), r.unit.to_string(), r.targets.to_string()])
        })
        .collect();
    out.push_str("Totals by subject\n");
    table(&mut out, &["subject", "total", "unit", "targets"], &subjects);
    for r in &s.refused {
        let units: Vec<String> = r.units.iter().map(ToString::to_string).collect();
        out.push_str(&format!("not added: {} is given in {} (different dimensions)\n", r.subject, units.join(", ")));
    }
    if !s.refused.is_empty() {
        out.push('\n');
    }

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
    table(&mut out, &["unit", "lead", "joint", "cooperating", "targets"], &work);

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
        table(&mut out, &["date", "kind", "as written", "what"], &rows);
    }

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
        table(&mut out, &["what", "declared/total", "listed/parts", "status"], &rows);
    }
    out
}
