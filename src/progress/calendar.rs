//! The reporting calendar: which reports are due and which are overdue, as
//! of a date.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::report::ProgressReport;
use crate::json::pointer::Pointer;
use crate::model::{Collective, Programme, ReportingRequirement, Role, UnitId};

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
    let holders = role_holders(programme);
    let received = Received::new(programme, reports);
    let mut out: Vec<Obligation> = Vec::new();
    for (ri, req) in programme.reporting.iter().enumerate() {
        let dates = due_dates(programme, req, ri);
        let what = req.content.clone().unwrap_or_else(|| req.text.chars().take(40).collect());
        let recipients: Vec<String> = req.recipients.iter().map(|u| programme.unit_name(u).to_owned()).collect();
        for reporter in reporters(programme, req, &holders) {
            let dates_of = received.of(reporter.as_ref());
            let mut previous: Option<NaiveDate> = None;
            for due in &dates {
                out.push(Obligation {
                    due: due.date,
                    text: due.text.clone(),
                    reporter_name: reporter.as_ref().map(|u| programme.unit_name(u).to_owned()),
                    reporter: reporter.clone(),
                    recipients: recipients.clone(),
                    what: what.clone(),
                    path: due.path.clone(),
                    received: first_within(dates_of, previous, due.date),
                });
                previous = Some(due.date);
            }
        }
    }
    // A stable sort keeps the notice's order within a day.
    out.sort_by_key(|o| o.due);
    let mut cal = ReportingCalendar { on, due: Vec::new(), overdue: Vec::new(), received: Vec::new() };
    for o in out {
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

/// The units holding each role anywhere in the programme, in the notice's
/// order, each once.
fn role_holders(programme: &Programme) -> HashMap<Role, Vec<UnitId>> {
    let mut holders: HashMap<Role, Vec<UnitId>> = HashMap::new();
    let mut seen: HashSet<(Role, &str)> = HashSet::new();
    for task in programme.tasks() {
        for r in &task.responsibilities {
            if seen.insert((r.role, r.unit.as_str())) {
                holders.entry(r.role).or_default().push(r.unit.clone());
            }
        }
    }
    holders
}

/// The `as_of` dates of the reports received about the programme, per
/// reporting unit and in all, each list sorted.
struct Received<'r> {
    by_unit: HashMap<&'r str, Vec<NaiveDate>>,
    all: Vec<NaiveDate>,
}

impl<'r> Received<'r> {
    fn new(programme: &Programme, reports: &'r [ProgressReport]) -> Self {
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
        Received { by_unit, all }
    }

    /// The dates of one reporter's reports, or of every report when the duty names none.
    fn of(&self, reporter: Option<&UnitId>) -> &[NaiveDate] {
        match reporter {
            Some(u) => self.by_unit.get(u.as_str()).map_or(&[], Vec::as_slice),
            None => &self.all,
        }
    }
}

/// The earliest date of sorted `dates` in (after, until], if any.
fn first_within(dates: &[NaiveDate], after: Option<NaiveDate>, until: NaiveDate) -> Option<NaiveDate> {
    let from = after.map_or(0, |a| dates.partition_point(|d| *d <= a));
    dates.get(from).copied().filter(|d| *d <= until)
}

/// One date a duty falls due, with the notice's words and where it stands.
struct Due {
    date: NaiveDate,
    text: String,
    path: String,
}

/// The dates duty `ri` falls due, in order: its own dates, or for a
/// recurring duty without dates each period end within the programme.
fn due_dates(programme: &Programme, req: &ReportingRequirement, ri: usize) -> Vec<Due> {
    let at = Pointer::root().key("reporting").index(ri);
    let mut dates: Vec<Due> = req
        .due
        .iter()
        .enumerate()
        .map(|(i, d)| Due { date: d.date, text: d.text.clone(), path: at.key("due").index(i).to_string() })
        .collect();
    if let (true, Some(f), Some(p)) = (req.due.is_empty(), req.frequency, programme.effective_period()) {
        let text = format!("{f:?}").to_lowercase();
        let path = at.key("frequency").to_string();
        dates = f
            .period_ends(p.start, p.end)
            .into_iter()
            .map(|date| Due { date, text: text.clone(), path: path.clone() })
            .collect();
    }
    dates.sort_by_key(|d| d.date);
    dates
}

/// Who owes the duty's reports: each reporter expanded, each unit once; one
/// `None` when the duty names no reporter.
fn reporters(
    programme: &Programme,
    req: &ReportingRequirement,
    holders: &HashMap<Role, Vec<UnitId>>,
) -> Vec<Option<UnitId>> {
    if req.reporters.is_empty() {
        return vec![None];
    }
    let mut seen = HashSet::new();
    req.reporters
        .iter()
        .flat_map(|r| expand_reporter(programme, r, holders))
        .filter(|u| seen.insert(u.clone()))
        .map(Some)
        .collect()
}
