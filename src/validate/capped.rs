//! A report that keeps at most a number of findings of each code, for
//! programmes with millions of defects.

use serde::{Deserialize, Serialize};

use super::{Code, Finding, Severity};

/// What [`validate_capped`](super::validate_capped) found: at most `cap`
/// findings of each code (the first ones, in document order) and, per code,
/// how many more there were.
///
/// A hostile programme of 20 MB can hold millions of defects (a unit whose
/// member list repeats one unknown id); the full [`Report`](super::Report)
/// of it would take gigabytes, this one a bounded amount whatever the input.
///
/// ```
/// use minsheng::{AdminLevel, Code, Jurisdiction, Programme, ResponsibleUnit, UnitKind};
/// let mut group = ResponsibleUnit::new("g".parse()?, "领导小组", UnitKind::Group);
/// group.members = vec!["nobody".parse()?; 500];
/// let p = Programme::new("p".parse()?, "通知", 2021, Jurisdiction::new("青海省", AdminLevel::Province))
///     .with_unit(group);
/// let report = minsheng::validate::validate_capped(&p, 10);
/// let unknown = report.findings.iter().filter(|f| f.code == Code::UnknownUnit).count();
/// assert_eq!(unknown, 10);
/// assert_eq!(report.omitted_of(Code::UnknownUnit), 490);
/// assert_eq!(report.errors(), minsheng::validate(&p).errors().count());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CappedReport {
    /// The findings kept, in document order.
    pub findings: Vec<Finding>,
    /// Per code, in table order, how many findings were not kept (codes
    /// with none left out are not listed).
    pub omitted: Vec<Omitted>,
}

/// How many findings of one code a [`CappedReport`] left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Omitted {
    /// The code.
    pub code: Code,
    /// Its severity.
    pub severity: Severity,
    /// How many findings of it were left out.
    pub count: usize,
}

impl CappedReport {
    /// How many errors there are, those left out included.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many warnings there are, those left out included.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// `true` when there is no error, kept or left out.
    pub fn is_valid(&self) -> bool {
        self.errors() == 0
    }

    /// `true` when some finding, kept or left out, has `code`.
    pub fn has(&self, code: Code) -> bool {
        self.findings.iter().any(|f| f.code == code) || self.omitted_of(code) > 0
    }

    /// How many findings of `code` were left out.
    pub fn omitted_of(&self, code: Code) -> usize {
        self.omitted.iter().find(|o| o.code == code).map_or(0, |o| o.count)
    }

    fn count(&self, severity: Severity) -> usize {
        let kept = self.findings.iter().filter(|f| f.severity == severity).count();
        kept + self.omitted.iter().filter(|o| o.severity == severity).map(|o| o.count).sum::<usize>()
    }
}
