//! The reporting calendar: which reports are due and which are overdue, as
//! of a date.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::report::ProgressReport;
use crate::json::pointer::Pointer;
use crate::model::{Collective, Programme, Role, UnitId};

/// One report a unit owes on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Obligation {
    /// The date it is due (the last day, inclusive).
    pub due: NaiveDate,
    /// The notice's words for the date, or the frequency of a recurring duty.
    pub text: String,
    /// Who owes it, when the duty names someone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter: Option<UnitId>,
    /// Their name as the notice writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter_name: Option<String>,
    /// To whom it goes, by name.
    pub recipients: Vec<String>,
    /// What is to be reported.
    pub what: String,
    /// JSON Pointer to the duty in the programme.
    pub path: String,
    /// The `as_of` of the report that meets it, when one was received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<NaiveDate>,
}

/// Which reports are due and which are overdue, as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReportingCalendar {
    /// The date.
    pub on: NaiveDate,
    /// Reports falling due on or after the date, by date.
    pub due: Vec<Obligation>,
    /// Reports that fell due before the date and were not received, by date.
    pub overdue: Vec<Obligation>,
    /// Reports that fell due before the date and were received, by date.
    pub received: Vec<Obligation>,
}

/// The units a reporter id stands for: the holders of a role for 各牵头单位,
/// a group's listed members, else the unit itself.
fn expand_reporter(programme: &Programme, id: &UnitId, holders: &HashMap<Role, Vec<UnitId>>) -> Vec<UnitId> {
    let Some(unit) = programme.unit(id) else { return vec![id.clone()] };
    match &unit.collective {
        Some(Collective::RoleHolders { role }) => {
            holders.get(role).filter(|v| !v.is_empty()).cloned().unwrap_or_else(|| vec![id.clone()])
        }
        _ if !unit.members.is_empty() => {
            let mut seen = HashSet::new();
            unit.members.iter().filter(|m| seen.insert(*m)).cloned().collect()
        }
        _ => vec![id.clone()],
    }
}

/// The reporting calendar as of `on`: every dated or recurring duty of the
/// programme, expanded per reporting unit, matched against the reports
/// received.
///
/// A duty's reporters are expanded: a collective of role holders (各牵头单位)
/// stands for every unit holding that role in the programme, a group with
/// listed members for its members; other collectives (各县区各部门) are met
/// by a consolidated report under the collective's own id. Recurring duties
/// without dates (每月) fall due at each period end within the programme's
/// period. An obligation due on `d` is met by a report from its reporter
/// whose `as_of` lies after the duty's previous due date and not after `d`;
/// a duty that names no reporter is met by a report from any unit.
///
/// ```
/// use chrono::NaiveDate;
/// let p = minsheng::from_path("examples/data/haidong-2024.json", minsheng::DEFAULT_MAX_BYTES)?;
/// let cal = minsheng::evaluate::reporting_calendar(&p, &[], NaiveDate::from_ymd_opt(2024, 8, 1).unwrap());
/// assert!(cal.overdue.iter().any(|o| o.due == NaiveDate::from_ymd_opt(2024, 7, 5).unwrap()));
/// assert!(cal.due.iter().any(|o| o.due == NaiveDate::from_ymd_opt(2024, 10, 5).unwrap()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn reporting_calendar(programme: &Programme, reports: &[ProgressReport], on: NaiveDate) -> ReportingCalendar {
    let mut holders: HashMap<Role, Vec<UnitId>> = HashMap::new();
    let mut seen: HashSet<(Role, &str)> = HashSet::new();
    for task in programme.tasks() {
        for r in &task.responsibilities {
            if seen.insert((r.role, r.unit.as_str())) {
                holders.entry(r.role).or_default().push(r.unit.clone());
            }
        }
    }
    let mut by_unit: HashMap<&str, Vec<NaiveDate>> = HashMap::new();
    let mut all: Vec<NaiveDate> = Vec::new();
    for r in reports.iter().filter(|r| r.programme == programme.id) {
        by_unit.entry(r.reporting_unit.as_str()).or_default().push(r.as_of);
        all.push(r.as_of);
    }
    for v in by_unit.values_mut() {
        v.sort();
    }
    all.sort();
    // The earliest as_of in (after, until], if any.
    let find = |dates: &[NaiveDate], after: Option<NaiveDate>, until: NaiveDate| -> Option<NaiveDate> {
        let from = after.map_or(0, |a| dates.partition_point(|d| *d <= a));
        dates.get(from).copied().filter(|d| *d <= until)
    };
    let period = programme.effective_period();
    let mut out: Vec<(usize, Obligation)> = Vec::new();
    for (ri, req) in programme.reporting.iter().enumerate() {
        let rp = Pointer::root().key("reporting").index(ri);
        let mut dates: Vec<(NaiveDate, String, String)> = req
            .due
            .iter()
            .enumerate()
            .map(|(i, d)| (d.date, d.text.clone(), rp.key("due").index(i).to_string()))
            .collect();
        if let (true, Some(f), Some(p)) = (req.due.is_empty(), req.frequency, &period) {
            let text = format!("{f:?}").to_lowercase();
            dates = f
                .period_ends(p.start, p.end)
                .into_iter()
                .map(|d| (d, text.clone(), rp.key("frequency").to_string()))
                .collect();
        }
        dates.sort_by_key(|d| d.0);
        let what = req.content.clone().unwrap_or_else(|| req.text.chars().take(40).collect());
        let recipients: Vec<String> = req.recipients.iter().map(|u| programme.unit_name(u).to_owned()).collect();
        let reporters: Vec<Option<UnitId>> = if req.reporters.is_empty() {
            vec![None]
        } else {
            let mut seen = HashSet::new();
            req.reporters
                .iter()
                .flat_map(|r| expand_reporter(programme, r, &holders))
                .filter(|u| seen.insert(u.clone()))
                .map(Some)
                .collect()
        };
        for reporter in &reporters {
            let dates_of: &[NaiveDate] = match reporter {
                Some(u) => by_unit.get(u.as_str()).map_or(&[], Vec::as_slice),
                None => &all,
            };
            let mut previous: Option<NaiveDate> = None;
            for (due, text, path) in &dates {
                let received = find(dates_of, previous, *due);
                previous = Some(*due);
                out.push((
                    out.len(),
                    Obligation {
                        due: *due,
                        text: text.clone(),
                        reporter: reporter.clone(),
                        reporter_name: reporter.as_ref().map(|u| programme.unit_name(u).to_owned()),
                        recipients: recipients.clone(),
                        what: what.clone(),
                        path: path.clone(),
                        received,
                    },
                ));
            }
        }
    }
    out.sort_by_key(|(n, o)| (o.due, *n));
    let mut cal = ReportingCalendar { on, due: Vec::new(), overdue: Vec::new(), received: Vec::new() };
    for (_, o) in out {
        if o.due >= on {
            cal.due.push(o);
        } else if o.received.is_some() {
            cal.received.push(o);
        } else {
            cal.overdue.push(o);
        }
    }
    cal
}
