//! A programme being generated: every field but the tasks is drawn first,
//! then the tasks come one top-level task at a time, in document order, so
//! that they can be written out without holding the programme.

use super::draw::{Gen, date, ident, month_end};
use super::tables::{City, SECTION_TITLES};
use crate::model::{
    AdminLevel, Deadline, DeclaredCount, DivisionCode, DocumentNumber, DocumentRef, Jurisdiction, Lifecycle, Method,
    NumberSegment, NumberStyle, Phase, Precision, Programme, Provenance, ReportingRequirement, Section, Task,
    TaskNumber, UnitId, UnitKind,
};

/// A programme without its tasks, and what it takes to make them.
pub(super) struct Draft {
    source: Gen,
    /// Every field final; the sections have no tasks yet.
    pub(super) shell: Programme,
    /// How many tasks stand below each top-level task, in document order
    /// (at most four: a byte each, so ten million tasks take a few MB).
    subtasks: Vec<u8>,
    /// Top-level tasks per section.
    sizes: Vec<usize>,
    /// Top-level tasks made so far per section: the next one's number.
    made: Vec<u32>,
}

impl Draft {
    /// Draws the programme's frame for `tasks` tasks in `city` and `year`.
    pub(super) fn new(mut source: Gen, tasks: usize, city: City, year: i32) -> Option<Self> {
        source.year = year;
        source.registry(city)?;
        let mut shell = Programme::new(
            ident(&format!("gen-{}-{year}", city.code))?,
            city.title(year),
            year,
            Jurisdiction {
                name: city.name.into(),
                level: AdminLevel::Prefecture,
                division_code: DivisionCode::new(city.code).ok(),
                within: Some(city.province.into()),
            },
        );
        shell.document = document(&mut source, city, year)?;
        shell.addressees = Some("各县区人民政府，市政府各部门，市直各单位".into());
        shell.provenance = Some(Provenance {
            source: "minsheng::generate".into(),
            method: Some(Method::Generated),
            retrieved: None,
            notes: Some(format!("{tasks} tasks")),
        });
        let subtasks = split(&mut source, tasks);
        let section_count = subtasks.len().min(10);
        let mut draft = Draft { source, shell, subtasks, sizes: vec![0; section_count], made: vec![0; section_count] };
        for g in 0..draft.subtasks.len() {
            let section = draft.section_of(g);
            if let Some(size) = draft.sizes.get_mut(section) {
                *size += 1;
            }
        }
        draft.sections()?;
        draft.shell.phases = phases(year)?;
        draft.shell.reporting.push(reporting(&draft.source, year)?);
        let units = &draft.source.reg.units;
        draft.shell.leading_group = units.iter().find(|u| u.kind == UnitKind::Group).map(|u| u.id.clone());
        draft.shell.units = units.clone();
        Some(draft)
    }

    /// How many top-level tasks there are.
    pub(super) fn top_level_tasks(&self) -> usize {
        self.subtasks.len()
    }

    /// The section top-level task `g` stands in: the tasks are spread
    /// evenly over the sections, in order.
    pub(super) fn section_of(&self, g: usize) -> usize {
        (g * self.sizes.len()).checked_div(self.subtasks.len()).unwrap_or(0)
    }

    /// Top-level tasks per section.
    pub(super) fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// Makes top-level task `g` with its sub-tasks. Tasks must be made in
    /// order, `g` = 0, 1, 2…: ids and numbers follow that order.
    pub(super) fn task(&mut self, g: usize) -> Option<Task> {
        let subs = usize::from(*self.subtasks.get(g)?);
        let section = self.section_of(g);
        let made = self.made.get_mut(section)?;
        *made += 1;
        let number = TaskNumber::new(vec![NumberSegment { value: *made, style: NumberStyle::Arabic }]).ok();
        self.source.task(number, subs, g == 0)
    }

    /// The sections, with their declared counts, and the programme's counts.
    fn sections(&mut self) -> Option<()> {
        let first_title = self.source.below(SECTION_TITLES.len());
        for (i, &size) in self.sizes.iter().enumerate() {
            let title = SECTION_TITLES.get((first_title + i) % SECTION_TITLES.len()).copied().unwrap_or("民生工程");
            let mut s = Section::new(ident(&format!("s{}", i + 1))?, title);
            s.number =
                TaskNumber::new(vec![NumberSegment { value: i as u32 + 1, style: NumberStyle::ParenChinese }]).ok();
            s.kind = Some("民生实事".into());
            if self.source.chance(0.3) {
                s.lifecycle = Some(if self.source.chance(0.5) { Lifecycle::New } else { Lifecycle::Continued });
            }
            if self.source.chance(0.6) {
                s.declared_count = Some(u32::try_from(size).unwrap_or(u32::MAX));
            }
            self.shell.sections.push(s);
        }
        let top = self.subtasks.len();
        self.shell.declared_counts.push(DeclaredCount {
            text: format!("{top}项民生实事"),
            count: u32::try_from(top).unwrap_or(u32::MAX),
            sections: Vec::new(),
        });
        if let ([a, b, ..], [na, nb, ..]) = (self.shell.sections.as_slice(), self.sizes.as_slice()) {
            let n = na + nb;
            let count = DeclaredCount {
                text: format!("{}和{}共{n}项", a.title, b.title),
                count: u32::try_from(n).unwrap_or(u32::MAX),
                sections: vec![a.id.clone(), b.id.clone()],
            };
            self.shell.declared_counts.push(count);
        }
        Some(())
    }
}

/// Splits `tasks` into top-level tasks, each with the number of sub-tasks
/// below it (a quarter of them have two to four).
fn split(source: &mut Gen, tasks: usize) -> Vec<u8> {
    let mut subtasks = Vec::new();
    let mut remaining = tasks;
    while remaining > 0 {
        let subs = if remaining >= 3 && source.chance(0.25) {
            source.range_i64(2, remaining.saturating_sub(1).min(4) as i64) as usize
        } else {
            0
        };
        let size = (1 + subs).min(remaining);
        subtasks.push((size - 1) as u8);
        remaining -= size;
    }
    subtasks
}

/// The notice itself: number, title, issuer (the government's office), dates.
fn document(source: &mut Gen, city: City, year: i32) -> Option<DocumentRef> {
    let office = source.reg.units.get(1)?.id.clone();
    let serial = source.range_i64(1, 60) as u32;
    Some(DocumentRef {
        number: Some(DocumentNumber { agency: city.agency.into(), year, serial }),
        title: Some(format!("{year}年民生实事工程实施方案")),
        issuers: vec![office],
        written: Some(date(year, 1, 15)?),
        published: date(year, 1, 20),
        ..DocumentRef::default()
    })
}

/// The three stages of the work.
fn phases(year: i32) -> Option<Vec<Phase>> {
    let stage = |name: &str, timing: Deadline, description: &str| Phase {
        name: name.into(),
        timing,
        description: Some(description.into()),
        extra: Default::default(),
    };
    Some(vec![
        stage(
            "制定方案阶段",
            Deadline::window("1月15日至2月底", date(year, 1, 15)?, month_end(year, 2)?, Precision::Month),
            "各牵头单位制定具体实施方案，明确责任分工",
        ),
        stage(
            "组织实施阶段",
            Deadline::window("3月至11月", date(year, 3, 1)?, date(year, 11, 30)?, Precision::Month),
            "各责任单位按照时间节点推进项目建设",
        ),
        stage(
            "检查考核阶段",
            Deadline::window("12月", date(year, 12, 1)?, date(year, 12, 31)?, Precision::Month),
            "市政府督查室组织开展检查考核",
        ),
    ])
}

/// The collectives report four times a year to the government and its
/// supervision office.
fn reporting(source: &Gen, year: i32) -> Option<ReportingRequirement> {
    let reg = &source.reg.units;
    let reporters: Vec<UnitId> = reg.iter().filter(|u| u.collective.is_some()).map(|u| u.id.clone()).collect();
    // The government itself and its supervision office (index 1, the
    // office, issues the notice).
    let recipients: Vec<UnitId> = [0, 2].iter().filter_map(|&i| reg.get(i)).map(|u| u.id.clone()).collect();
    let mut due = Vec::with_capacity(4);
    for (m, d) in [(3, 25), (7, 5), (10, 5), (12, 5)] {
        due.push(Deadline::by(format!("{m}月{d}日前"), date(year, m, d)?, Precision::Day));
    }
    Some(ReportingRequirement {
        text: "各牵头单位于3月25日、7月5日、10月5日、12月5日前将工作进展情况书面报市人民政府和市政府督查室".into(),
        content: Some("工作进展情况、创新做法、取得的成效及存在的困难问题".into()),
        reporters,
        recipients,
        due,
        frequency: None,
        channel: Some("书面形式".into()),
        contacts: Vec::new(),
        extra: Default::default(),
    })
}
