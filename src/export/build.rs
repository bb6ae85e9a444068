//! The tables' columns, defined once each, and the walk that fills them
//! from a programme.
//!
//! Each table is a row type borrowing the model (a task with its parent,
//! depth and place) and a list of [`Spec`]s: a column's name, meaning and a
//! function reading the value from a row. The specs give the documentation
//! (`TABLES.md`), the empty tables and the filled ones, so a column is named
//! in exactly one place.

use std::borrow::Cow;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{Column, ColumnData, Kind, Reference, Table};
use crate::evaluate::{Evaluation, TargetEvaluation, evaluate};
use crate::ledger::unit_text;
use crate::model::{
    Collective, Deadline, Lifecycle, Measure, Phase, Programme, Responsibility, ResponsibleUnit, Section, Target, Task,
    TaskLink, UnitId,
};
use crate::progress::{Actual, ProgressReport};

/// How a column's value is read from a row.
pub(super) enum Get<R> {
    Text(for<'a> fn(&'a R) -> Option<Cow<'a, str>>),
    Integer(fn(&R) -> Option<i64>),
    Decimal(fn(&R) -> Option<Decimal>),
    Date(fn(&R) -> Option<NaiveDate>),
    Boolean(fn(&R) -> Option<bool>),
}

/// One column: its name, its meaning, how to read it.
pub(super) struct Spec<R> {
    name: &'static str,
    description: &'static str,
    get: Get<R>,
}

impl<R> Spec<R> {
    fn kind(&self) -> Kind {
        match self.get {
            Get::Text(_) => Kind::Text,
            Get::Integer(_) => Kind::Integer,
            Get::Decimal(_) => Kind::Decimal,
            Get::Date(_) => Kind::Date,
            Get::Boolean(_) => Kind::Boolean,
        }
    }
}

fn text<R>(name: &'static str, description: &'static str, get: for<'a> fn(&'a R) -> Option<Cow<'a, str>>) -> Spec<R> {
    Spec { name, description, get: Get::Text(get) }
}
fn integer<R>(name: &'static str, description: &'static str, get: fn(&R) -> Option<i64>) -> Spec<R> {
    Spec { name, description, get: Get::Integer(get) }
}
fn decimal<R>(name: &'static str, description: &'static str, get: fn(&R) -> Option<Decimal>) -> Spec<R> {
    Spec { name, description, get: Get::Decimal(get) }
}
fn date<R>(name: &'static str, description: &'static str, get: fn(&R) -> Option<NaiveDate>) -> Spec<R> {
    Spec { name, description, get: Get::Date(get) }
}
fn boolean<R>(name: &'static str, description: &'static str, get: fn(&R) -> Option<bool>) -> Spec<R> {
    Spec { name, description, get: Get::Boolean(get) }
}

/// A row that belongs to a programme.
trait Row {
    fn programme(&self) -> &Programme;
}

fn programme_id<R: Row>() -> Spec<R> {
    text("programme_id", "The programme's id.", |r| Some(r.programme().id.as_str().into()))
}

/// A borrowed text.
fn s(text: &str) -> Option<Cow<'_, str>> {
    Some(Cow::Borrowed(text))
}

/// An optional borrowed text.
fn opt(text: &Option<String>) -> Option<Cow<'_, str>> {
    text.as_deref().map(Cow::Borrowed)
}

/// An enum's name as the programme format writes it (`at_least`, `prefecture`).
fn snake<T: Serialize>(value: &T) -> Option<Cow<'static, str>> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Some(Cow::Owned(s)),
        _ => None,
    }
}

fn count(n: usize) -> Option<i64> {
    i64::try_from(n).ok()
}

/// A table's name, meaning, key and references.
struct Def {
    name: &'static str,
    description: &'static str,
    key: &'static [&'static str],
    references: &'static [Reference],
}

impl Def {
    fn empty<R>(&self, specs: &[Spec<R>]) -> Table {
        Table {
            name: self.name,
            description: self.description,
            key: self.key,
            references: self.references,
            columns: specs
                .iter()
                .map(|s| Column { name: s.name, description: s.description, data: ColumnData::empty(s.kind()) })
                .collect(),
            scale: 0,
        }
    }
}

/// Appends `rows` to the table named `name`, row by row: each row's data
/// is read while it is in cache, and the columns grow in step (column by
/// column, every column re-read every row from cold memory once a
/// programme outgrew the cache: 22x the time for 10x the tasks).
fn append<R>(tables: &mut [Table], name: &str, specs: &[Spec<R>], rows: &[R]) {
    let Some(table) = tables.iter_mut().find(|t| t.name == name) else { return };
    for column in &mut table.columns {
        column.data.reserve(rows.len());
    }
    for r in rows {
        for (column, spec) in table.columns.iter_mut().zip(specs) {
            // The table was made from these specs, so the kinds agree.
            match (&mut column.data, &spec.get) {
                (ColumnData::Text(v), Get::Text(f)) => v.push(f(r).map(Cow::into_owned)),
                (ColumnData::Integer(v), Get::Integer(f)) => v.push(f(r)),
                (ColumnData::Decimal(v), Get::Decimal(f)) => v.push(f(r)),
                (ColumnData::Date(v), Get::Date(f)) => v.push(f(r)),
                (ColumnData::Boolean(v), Get::Boolean(f)) => v.push(f(r)),
                _ => {}
            }
        }
    }
}

// ---------------------------------------------------------------- programmes

const PROGRAMMES: Def = Def {
    name: "programmes",
    description: "One row per programme (one notice).",
    key: &["programme_id"],
    references: &[Reference { columns: &["programme_id", "leading_group_unit_id"], table: "units" }],
};

struct ProgrammeRow<'p> {
    p: &'p Programme,
    as_of: Option<NaiveDate>,
}

fn programme_specs<'p>() -> Vec<Spec<ProgrammeRow<'p>>> {
    vec![
        programme_id(),
        text("title", "The notice's title, verbatim.", |r| s(&r.p.title)),
        integer("year", "The year the programme plans.", |r| Some(i64::from(r.p.year))),
        text("format_version", "The programme format's version.", |r| s(r.p.format_version.as_str())),
        text("jurisdiction", "The place it governs (青海省).", |r| s(&r.p.jurisdiction.name)),
        text("jurisdiction_level", "national, province, prefecture, county, township or village.", |r| {
            snake(&r.p.jurisdiction.level)
        }),
        text("division_code", "The GB/T 2260 division code, when known.", |r| {
            r.p.jurisdiction.division_code.as_ref().map(|c| c.as_str().into())
        }),
        text("jurisdiction_within", "The jurisdiction it belongs to, when given.", |r| opt(&r.p.jurisdiction.within)),
        text("document_number", "The notice's number (青政办〔2021〕24号).", |r| {
            r.p.document.number.as_ref().map(|n| n.to_string().into())
        }),
        date("document_written", "The date the notice was written (成文日期).", |r| r.p.document.written),
        date("document_published", "The date it was published.", |r| r.p.document.published),
        text("index_number", "The disclosure catalogue's index number (索引号).", |r| {
            opt(&r.p.document.index_number)
        }),
        text("parent_document_number", "The number of the document it implements.", |r| {
            r.p.parent.as_ref().and_then(|d| d.number.as_ref()).map(|n| n.to_string().into())
        }),
        date("period_start", "The first day the programme covers: its period's, else 1 January.", |r| {
            r.p.effective_period().map(|p| p.start)
        }),
        date("period_end", "The last day it covers.", |r| r.p.effective_period().map(|p| p.end)),
        text("period_text", "The notice's words for its period (第四季度), when it names one.", |r| {
            r.p.period.as_ref().and_then(|p| p.text.as_deref()).map(Cow::Borrowed)
        }),
        text("leading_group_unit_id", "The leading group's unit, when the notice sets one up.", |r| {
            r.p.leading_group.as_ref().map(|u| u.as_str().into())
        }),
        text("provenance_source", "Where the data comes from (a file name or URL).", |r| {
            r.p.provenance.as_ref().map(|p| p.source.as_str().into())
        }),
        text("provenance_method", "hand, import or generated.", |r| {
            r.p.provenance.as_ref().and_then(|p| p.method.as_ref()).and_then(snake)
        }),
        date("evaluated_as_of", "The date of the rows in `evaluation`, when the programme was evaluated.", |r| r.as_of),
    ]
}

impl Row for ProgrammeRow<'_> {
    fn programme(&self) -> &Programme {
        self.p
    }
}

// ------------------------------------------------------------------ sections

const SECTIONS: Def = Def {
    name: "sections",
    description: "One row per section ((一)就业促进工程).",
    key: &["programme_id", "section_id"],
    references: &[Reference { columns: &["programme_id"], table: "programmes" }],
};

struct SectionRow<'p> {
    p: &'p Programme,
    s: &'p Section,
    position: usize,
}

impl Row for SectionRow<'_> {
    fn programme(&self) -> &Programme {
        self.p
    }
}

fn section_specs<'p>() -> Vec<Spec<SectionRow<'p>>> {
    vec![
        programme_id(),
        text("section_id", "The section's id.", |r| s(r.s.id.as_str())),
        integer("position", "Its place in the programme, from 1.", |r| count(r.position)),
        text("number", "Its ordinal as printed ((一)).", |r| r.s.number.as_ref().map(|n| n.to_string().into())),
        text("title", "Its heading without the ordinal.", |r| s(&r.s.title)),
        text("kind", "The kind of item it holds, in the notice's word (民生工程).", |r| opt(&r.s.kind)),
        text("lifecycle", "new, continued, adjusted or exited, when the notice groups so.", |r| {
            r.s.lifecycle.as_ref().and_then(snake)
        }),
        integer("declared_count", "The number of items its heading announces.", |r| r.s.declared_count.map(i64::from)),
        text("description", "Text of the section that is not a task.", |r| opt(&r.s.description)),
    ]
}

// --------------------------------------------------------------------- tasks

const TASKS: Def = Def {
    name: "tasks",
    description: "One row per task, sub-tasks included, in the notice's order.",
    key: &["programme_id", "task_id"],
    references: &[
        Reference { columns: &["programme_id", "section_id"], table: "sections" },
        Reference { columns: &["programme_id", "parent_task_id"], table: "tasks" },
    ],
};

struct TaskRow<'p> {
    p: &'p Programme,
    section: &'p Section,
    task: &'p Task,
    parent: Option<&'p Task>,
    depth: usize,
    position: usize,
    seq: usize,
    lifecycle: Option<Lifecycle>,
}

impl Row for TaskRow<'_> {
    fn programme(&self) -> &Programme {
        self.p
    }
}

fn task_specs<'p>() -> Vec<Spec<TaskRow<'p>>> {
    vec![
        programme_id(),
        text("task_id", "The task's id.", |r| s(r.task.id.as_str())),
        text("section_id", "The section it stands in.", |r| s(r.section.id.as_str())),
        text("parent_task_id", "The task it is a sub-task of; empty for a top-level task.", |r| {
            r.parent.map(|t| t.id.as_str().into())
        }),
        integer("depth", "0 for a top-level task, 1 for its sub-tasks, and so on.", |r| count(r.depth)),
        integer("position", "Its place among its siblings, from 1.", |r| count(r.position)),
        integer("seq", "Its place in the notice's order within the programme, from 1.", |r| count(r.seq)),
        text("number", "Its number as printed (1.(1).①).", |r| r.task.number.as_ref().map(|n| n.to_string().into())),
        text("title", "Its heading, when it has one apart from the text.", |r| opt(&r.task.title)),
        text("description", "The task's text, verbatim.", |r| s(&r.task.description)),
        text("responsibility_text", "The responsibility clause, verbatim.", |r| opt(&r.task.responsibility_text)),
        text("lifecycle", "The lifecycle the task states itself.", |r| r.task.lifecycle.as_ref().and_then(snake)),
        text(
            "effective_lifecycle",
            "Its lifecycle, else its enclosing task's, else its section's: `exited` tasks are out of the programme.",
            |r| r.lifecycle.as_ref().and_then(snake),
        ),
        integer("source_line", "The line of the source text it starts on, when known.", |r| {
            r.task.source.as_ref().map(|s| i64::from(s.line))
        }),
    ]
}

// ---------------------------------------------------------------- task_links

const TASK_LINKS: Def = Def {
    name: "task_links",
    description: "One row per task of a parent programme that a task implements.",
    key: &["programme_id", "task_id", "position"],
    references: &[
        Reference { columns: &["programme_id", "task_id"], table: "tasks" },
        Reference { columns: &["parent_programme_id", "parent_task_id"], table: "tasks" },
    ],
};

struct LinkRow<'p> {
    p: &'p Programme,
    task: &'p Task,
    link: &'p TaskLink,
    position: usize,
}

impl Row for LinkRow<'_> {
    fn programme(&self) -> &Programme {
        self.p
    }
}

fn link_specs<'p>() -> Vec<Spec<LinkRow<'p>>> {
    vec![
        programme_id(),
        text("task_id", "The implementing task.", |r| s(r.task.id.as_str())),
        integer("position", "The link's place among the task's links, from 1.", |r| count(r.position)),
        text("parent_programme_id", "The parent programme's id.", |r| s(r.link.programme.as_str())),
        text("parent_task_id", "The parent programme's task.", |r| s(r.link.task.as_str())),
    ]
}

// ------------------------------------------------- targets and breakdown_parts

const TARGETS: Def = Def {
    name: "targets",
    description: "One row per target of a task (the figures that add up in totals; parts under 其中 are in \
                  `breakdown_parts`).",
    key: &["programme_id", "target_id"],
    references: &[Reference { columns: &["programme_id", "task_id"], table: "tasks" }],
};

const BREAKDOWN_PARTS: Def = Def {
    name: "breakdown_parts",
    description: "One row per part listed under a target's 其中 (parts of parts too). The same columns as \
                  `targets`, and the target the part belongs to.",
    key: &["programme_id", "target_id"],
    references: &[
        Reference { columns: &["programme_id", "task_id"], table: "tasks" },
        Reference { columns: &["programme_id", "parent_target_id"], table: "targets or breakdown_parts" },
    ],
};

struct TargetRow<'p> {
    p: &'p Programme,
    task: &'p Task,
    target: &'p Target,
    /// The target whose breakdown lists this one (parts only).
    parent: Option<&'p Target>,
    position: usize,
}

impl Row for TargetRow<'_> {
    fn programme(&self) -> &Programme {
        self.p
    }
}

fn amount_base(r: &TargetRow<'_>, figure: Decimal) -> Option<Decimal> {
    r.target.measure.dimension()?;
    r.target.measure.unit()?.to_base(figure)
}

/// The columns of a target; `parent_target_id` only for parts.
// One list of about thirty columns, one line each: splitting it would only scatter them.
fn target_specs<'p>(parts: bool) -> Vec<Spec<TargetRow<'p>>> {
    let mut specs: Vec<Spec<TargetRow<'p>>> =
        vec![programme_id(), text("target_id", "The target's id.", |r| s(r.target.id.as_str()))];
    if parts {
        specs.push(text("parent_target_id", "The target whose 其中 lists this part.", |r| {
            r.parent.map(|t| t.id.as_str().into())
        }));
    }
    let rest: Vec<Spec<TargetRow<'p>>> = vec![
        text("task_id", "The task the target belongs to.", |r| s(r.task.id.as_str())),
        integer("position", "Its place among the task's targets (or the breakdown's parts), from 1.", |r| {
            count(r.position)
        }),
        text("subject", "What is measured, in the notice's words (职业技能培训).", |r| s(&r.target.subject)),
        text("phrase", "The phrase the figure comes from, verbatim.", |r| s(&r.target.phrase)),
        text("measure", "quantity, percent, rate, money, change, categorical or deferred.", |r| {
            s(r.target.measure.kind())
        }),
        text("unit", "The figure's unit (人次, 元, %, ‰, /100000, 个百分点), as in the ledger.", |r| {
            Some(unit_text(r.target).into())
        }),
        text(
            "dimension",
            "For quantities and money, what the unit measures (people, person_times, area, money…): figures of one \
             dimension add up; empty for percents, rates, changes and levels, which do not.",
            |r| r.target.measure.dimension().map(|d| d.as_str().into()),
        ),
        text("base_unit", "The base unit of the dimension (亩 for area, 元 for money); `low_base` is in it.", |r| {
            r.target.measure.unit().map(|u| u.base().symbol().to_owned().into())
        }),
        text(
            "comparator",
            "exactly, at_least, at_most, more_than, less_than, approximately or between; empty without a figure.",
            |r| r.target.amount.as_ref().map(|a| a.comparator().as_str().into()),
        ),
        decimal("low", "The figure, or the lower end of a range (1—2个 → 1), in `unit`.", |r| {
            r.target.amount.as_ref().map(|a| a.low())
        }),
        decimal("high", "The figure, or the upper end of a range (1—2个 → 2), in `unit`.", |r| {
            r.target.amount.as_ref().map(|a| a.high())
        }),
        decimal("low_base", "`low` in `base_unit` (quantities and money only).", |r| {
            r.target.amount.as_ref().and_then(|a| amount_base(r, a.low()))
        }),
        decimal("high_base", "`high` in `base_unit` (quantities and money only).", |r| {
            r.target.amount.as_ref().and_then(|a| amount_base(r, a.high()))
        }),
        boolean("percent_share", "For percents: true when a share of a whole, which cannot pass 100.", |r| {
            match r.target.measure {
                Measure::Percent { share } => Some(share),
                _ => None,
            }
        }),
        decimal("rate_per", "For rates: the base (1000 for ‰, 100000 for /10万).", |r| match r.target.measure {
            Measure::Rate { per } => Some(per),
            _ => None,
        }),
        text("change_direction", "For changes: increase, decrease or turn_positive.", |r| match &r.target.measure {
            Measure::Change { direction, .. } => snake(direction),
            _ => None,
        }),
        text("change_scale", "For changes: percent or percentage_points.", |r| match &r.target.measure {
            Measure::Change { scale, .. } => scale.as_ref().and_then(snake),
            _ => None,
        }),
        text("level", "For categorical targets: the level as written (Ⅲ类水质).", |r| match &r.target.measure {
            Measure::Categorical { level } => s(level),
            _ => None,
        }),
        text("deferred_to", "For deferred targets: where the figure is set (省教育厅目标任务).", |r| match &r
            .target
            .measure
        {
            Measure::Deferred { source } => s(source),
            _ => None,
        }),
        integer("per_member_count", "For per-member targets (各建设1幢): how many members.", |r| {
            r.target.per_member.as_ref().map(|m| i64::from(m.count))
        }),
        decimal("per_member_each", "The figure for each member; `low` is count × each.", |r| {
            r.target.per_member.as_ref().map(|m| m.each)
        }),
        text("scope", "Where or for whom the target holds, when narrower than the programme.", |r| {
            opt(&r.target.scope)
        }),
        text("baseline_text", "The words naming the baseline (同比, 较上年).", |r| {
            r.target.baseline.as_ref().map(|b| b.text.as_str().into())
        }),
        integer("baseline_year", "The baseline year, when known.", |r| {
            r.target.baseline.as_ref().and_then(|b| b.year).map(i64::from)
        }),
        decimal("baseline_value", "The baseline figure, when the notice gives it.", |r| {
            r.target.baseline.as_ref().and_then(|b| b.value)
        }),
        boolean(
            "breakdown_exhaustive",
            "For a target with parts under 其中: true when the parts make up the whole.",
            |r| r.target.breakdown.as_ref().map(|b| b.exhaustive),
        ),
        integer("breakdown_parts", "How many parts its 其中 lists (0 without).", |r| {
            count(r.target.breakdown.as_ref().map_or(0, |b| b.parts.len()))
        }),
    ];
    specs.extend(rest);
    specs
}

// ---------------------------------------------------------- responsibilities

const RESPONSIBILITIES: Def = Def {
    name: "responsibilities",
    description: "One row per unit named in a task's responsibility clause.",
    key: &["programme_id", "task_id", "position"],
    references: &[
        Reference { columns: &["programme_id", "task_id"], table: "tasks" },
        Reference { columns: &["programme_id", "unit_id"], table: "units" },
    ],
};

struct ResponsibilityRow<'p> {
    p: &'p Programme,
    task: &'p Task,
    r: &'p Responsibility,
    position: usize,
}

impl Row for ResponsibilityRow<'_> {
    fn programme(&self) -> &Programme {
        self.p
    }
}

fn responsibility_specs<'p>() -> Vec<Spec<ResponsibilityRow<'p>>> {
    vec![
        programme_id(),
        text("task_id", "The task.", |r| s(r.task.id.as_str())),
        integer("position", "The unit's place in the clause, from 1.", |r| count(r.position)),
        text("unit_id", "The unit.", |r| s(r.r.unit.as_str())),
        text("role", "lead (牵头), cooperating (配合, 责任单位) or joint (根据职责分别负责).", |r| {
            s(r.r.role.as_str())
        }),
    ]
}

// --------------------------------------------------------------------- units

const UNITS: Def = Def {
    name: "units",
    description: "One row per entry of the programme's unit registry.",
    key: &["programme_id", "unit_id"],
    references: &[Reference { columns: &["programme_id", "merged_into"], table: "units" }],
};

struct UnitRow<'p> {
    p: &'p Programme,
    unit: &'p ResponsibleUnit,
    merged_into: &'p UnitId,
}

impl Row for UnitRow<'_> {
    fn programme(&self) -> &Programme {
        self.p
    }
}

fn collective_text(c: &Collective) -> Option<Cow<'_, str>> {
    match c {
        Collective::GroupMembers { group } => s(group),
        Collective::RoleHolders { role } => s(role.as_str()),
        Collective::Other { description } => s(description),
        _ => None,
    }
}

fn unit_specs<'p>() -> Vec<Spec<UnitRow<'p>>> {
    vec![
        programme_id(),
        text("unit_id", "The unit's id.", |r| s(r.unit.id.as_str())),
        text("name", "Its name as the notice first writes it.", |r| s(&r.unit.name)),
        text("aliases", "Other names for the same body, joined by 、.", |r| {
            (!r.unit.aliases.is_empty()).then(|| r.unit.aliases.join("、").into())
        }),
        text("level", "Its administrative level, when known.", |r| r.unit.level.as_ref().and_then(snake)),
        text("kind", "government, department, party_organ, mass_organisation, enterprise, …", |r| {
            snake(&r.unit.kind)
        }),
        text(
            "collective",
            "For a name that stands for many bodies (各市州人民政府): governments, group_members, \
             relevant_departments, role_holders or other.",
            |r| r.unit.collective.as_ref().and_then(snake_tag),
        ),
        text("collective_level", "The level of the governments or departments meant.", |r| {
            match r.unit.collective.as_ref()? {
                Collective::Governments { level, .. } => snake(level),
                Collective::RelevantDepartments { level } => level.as_ref().and_then(snake),
                _ => None,
            }
        }),
        integer("collective_count", "How many governments, when the notice counts them (10县市).", |r| {
            match r.unit.collective.as_ref()? {
                Collective::Governments { count, .. } => count.map(i64::from),
                _ => None,
            }
        }),
        text("collective_text", "The group, the role or the description a collective names.", |r| {
            r.unit.collective.as_ref().and_then(collective_text)
        }),
        text("head", "Who heads the body, as written, for groups the notice sets up.", |r| opt(&r.unit.head)),
        text(
            "merged_into",
            "The entry this one counts as in workloads: the first entry sharing a name or alias with it, itself \
             when none does.",
            |r| s(r.merged_into.as_str()),
        ),
    ]
}

/// The `kind` tag of an internally tagged enum (`{"kind":"governments",…}`).
fn snake_tag<T: Serialize>(value: &T) -> Option<Cow<'static, str>> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Object(map)) => map.get("kind").and_then(|k| k.as_str()).map(|k| k.to_owned().into()),
        _ => None,
    }
}

// ----------------------------------------------------------------- deadlines

const DEADLINES: Def = Def {
    name: "deadlines",
    description: "One row per dated item: task and target deadlines, phases, reports due. Resolved against the \
                  programme year: `date` is the last day (年底前 in 2021 is 2021-12-31).",
    key: &["programme_id", "deadline_no"],
    references: &[
        Reference { columns: &["programme_id", "task_id"], table: "tasks" },
        Reference { columns: &["programme_id", "target_id"], table: "targets or breakdown_parts" },
    ],
};

struct DeadlineRow<'p> {
    p: &'p Programme,
    no: usize,
    kind: &'static str,
    task: Option<&'p Task>,
    target: Option<&'p Target>,
    phase: Option<&'p Phase>,
    reporting: Option<usize>,
    d: &'p Deadline,
}

impl Row for DeadlineRow<'_> {
    fn programme(&self) -> &Programme {
        self.p
    }
}

fn deadline_specs<'p>() -> Vec<Spec<DeadlineRow<'p>>> {
    vec![
        programme_id(),
        integer("deadline_no", "The row's place in the programme, from 1.", |r| count(r.no)),
        text("kind", "task, target, phase or report.", |r| s(r.kind)),
        text("task_id", "The task, for task and target deadlines.", |r| r.task.map(|t| t.id.as_str().into())),
        text("target_id", "The target, for target deadlines.", |r| r.target.map(|t| t.id.as_str().into())),
        text("phase", "The phase's name, for phases.", |r| r.phase.map(|p| p.name.as_str().into())),
        integer("reporting_no", "The reporting duty's place in the programme, from 1, for reports.", |r| {
            r.reporting.and_then(count)
        }),
        text("text", "The notice's words (年底前, 3月22日前).", |r| s(&r.d.text)),
        date("start", "The first day of a window (3月至12月), when it is one.", |r| r.d.start),
        date("date", "The last day, inclusive.", |r| Some(r.d.date)),
        text("precision", "day, month, quarter, half_year or year.", |r| snake(&r.d.precision)),
        text("recurrence", "For recurring duties: weekly, monthly, quarterly, half_yearly or yearly.", |r| {
            r.d.recurrence.as_ref().and_then(snake)
        }),
    ]
}

// ------------------------------------------------------------------- reports

const REPORTS: Def = Def {
    name: "reports",
    description: "One row per progress report given with the programme.",
    key: &["programme_id", "report_no"],
    references: &[Reference { columns: &["programme_id", "reporting_unit"], table: "units" }],
};

struct ReportRow<'p> {
    p: &'p Programme,
    no: usize,
    report: &'p ProgressReport,
}

impl Row for ReportRow<'_> {
    fn programme(&self) -> &Programme {
        self.p
    }
}

fn report_specs<'p>() -> Vec<Spec<ReportRow<'p>>> {
    vec![
        programme_id(),
        integer("report_no", "The report's place among the programme's reports as given, from 1.", |r| count(r.no)),
        text("reporting_unit", "Who reports.", |r| s(r.report.reporting_unit.as_str())),
        date("as_of", "The date its figures stand at.", |r| Some(r.report.as_of)),
        date("submitted", "When it was sent, when known.", |r| r.report.submitted),
        text("title", "Its title as written.", |r| opt(&r.report.title)),
    ]
}

// ------------------------------------------------------------------- actuals

const ACTUALS: Def = Def {
    name: "actuals",
    description: "One row per figure a progress report gives.",
    key: &["programme_id", "report_no", "position"],
    references: &[
        Reference { columns: &["programme_id", "report_no"], table: "reports" },
        Reference { columns: &["programme_id", "target_id"], table: "targets or breakdown_parts" },
    ],
};

struct ActualRow<'p> {
    p: &'p Programme,
    report_no: usize,
    position: usize,
    a: &'p Actual,
}

impl Row for ActualRow<'_> {
    fn programme(&self) -> &Programme {
        self.p
    }
}

fn actual_specs<'p>() -> Vec<Spec<ActualRow<'p>>> {
    vec![
        programme_id(),
        integer("report_no", "The report.", |r| count(r.report_no)),
        integer("position", "The figure's place in the report, from 1.", |r| count(r.position)),
        text("target_id", "The target reported on.", |r| s(r.a.target.as_str())),
        text("phrase", "The report's words, verbatim.", |r| s(&r.a.phrase)),
        decimal("value", "The cumulative figure, in `unit` (or the target's unit when empty).", |r| r.a.value),
        text("unit", "The figure's unit, when the report names one.", |r| {
            r.a.unit.as_ref().map(|u| u.symbol().to_owned().into())
        }),
        boolean("achieved", "Whether the target is reached, when the report says so.", |r| r.a.achieved),
        text("note", "What the unit adds about the figure.", |r| opt(&r.a.note)),
    ]
}

// ---------------------------------------------------------------- evaluation

const EVALUATION: Def = Def {
    name: "evaluation",
    description: "One row per target of an evaluated programme: where it stands on `as_of` (see \
                  `minsheng::evaluate` for the rules).",
    key: &["programme_id", "target_id"],
    references: &[
        Reference { columns: &["programme_id", "target_id"], table: "targets" },
        Reference { columns: &["programme_id", "task_id"], table: "tasks" },
    ],
};

struct EvaluationRow<'p> {
    p: &'p Programme,
    as_of: NaiveDate,
    e: &'p TargetEvaluation,
}

impl Row for EvaluationRow<'_> {
    fn programme(&self) -> &Programme {
        self.p
    }
}

fn evaluation_specs<'p>() -> Vec<Spec<EvaluationRow<'p>>> {
    vec![
        programme_id(),
        text("target_id", "The target.", |r| s(r.e.target.as_str())),
        text("task_id", "Its task.", |r| s(r.e.task.as_str())),
        date("as_of", "The evaluation date.", |r| Some(r.as_of)),
        text("status", "met, on_track, behind, overdue, not_started or no_data.", |r| s(r.e.status.as_str())),
        text("status_zh", "The status in a ledger's words (已完成, 序时推进, 滞后…).", |r| {
            s(r.e.status.label_zh())
        }),
        decimal("actual", "The latest actual on the date, in the target's unit.", |r| r.e.actual),
        boolean("achieved", "Whether the report said the target is reached, when it said so.", |r| r.e.achieved),
        text("reported_by", "Who reported the latest actual.", |r| r.e.reported_by.as_ref().map(|u| u.as_str().into())),
        date("reported_as_of", "The date the latest actual stands at.", |r| r.e.reported_as_of),
        decimal("completion", "Completion in percent (over 100 allowed).", |r| r.e.completion),
        decimal("expected", "The elapsed share of the target's time in percent.", |r| r.e.expected),
        date("start", "The date progress is measured from.", |r| Some(r.e.start)),
        date("deadline", "The deadline that applies.", |r| Some(r.e.deadline)),
    ]
}

// ----------------------------------------------------------------- the walk

/// Every table with its columns and no rows, in the order files are written.
pub(super) fn empty_tables() -> Vec<Table> {
    vec![
        PROGRAMMES.empty(&programme_specs()),
        SECTIONS.empty(&section_specs()),
        TASKS.empty(&task_specs()),
        TASK_LINKS.empty(&link_specs()),
        TARGETS.empty(&target_specs(false)),
        BREAKDOWN_PARTS.empty(&target_specs(true)),
        RESPONSIBILITIES.empty(&responsibility_specs()),
        UNITS.empty(&unit_specs()),
        DEADLINES.empty(&deadline_specs()),
        REPORTS.empty(&report_specs()),
        ACTUALS.empty(&actual_specs()),
        EVALUATION.empty(&evaluation_specs()),
    ]
}

/// The tasks of a programme in the notice's order, with parent, depth,
/// place and inherited lifecycle; one explicit stack, so deep nesting costs
/// no recursion.
fn task_rows(p: &Programme) -> Vec<TaskRow<'_>> {
    let mut out = Vec::new();
    for section in &p.sections {
        let mut stack: Vec<TaskRow<'_>> = Vec::new();
        push_children(&mut stack, p, section, &section.tasks, None, 0, section.lifecycle);
        while let Some(mut row) = stack.pop() {
            row.seq = out.len() + 1;
            let (task, depth, lifecycle) = (row.task, row.depth, row.lifecycle);
            out.push(row);
            push_children(&mut stack, p, section, &task.subtasks, Some(task), depth + 1, lifecycle);
        }
    }
    out
}

/// Pushes `tasks` onto the walk's stack, the first on top.
fn push_children<'p>(
    stack: &mut Vec<TaskRow<'p>>,
    p: &'p Programme,
    section: &'p Section,
    tasks: &'p [Task],
    parent: Option<&'p Task>,
    depth: usize,
    inherited: Option<Lifecycle>,
) {
    for (i, task) in tasks.iter().enumerate().rev() {
        let lifecycle = task.lifecycle.or(inherited);
        stack.push(TaskRow { p, section, task, parent, depth, position: i + 1, seq: 0, lifecycle });
    }
}

/// A target's parts under 其中, parts of parts included, depth first.
fn part_rows<'p>(p: &'p Programme, task: &'p Task, target: &'p Target, out: &mut Vec<TargetRow<'p>>) {
    let mut stack: Vec<&'p Target> = vec![target];
    while let Some(parent) = stack.pop() {
        let Some(b) = &parent.breakdown else { continue };
        for (i, part) in b.parts.iter().enumerate() {
            out.push(TargetRow { p, task, target: part, parent: Some(parent), position: i + 1 });
        }
        stack.extend(b.parts.iter().rev());
    }
}

fn deadline_rows<'p>(p: &'p Programme, tasks: &[TaskRow<'p>], parts: &[TargetRow<'p>]) -> Vec<DeadlineRow<'p>> {
    let mut out: Vec<DeadlineRow<'p>> = Vec::new();
    let mut push = |kind, task, target, phase, reporting, d| {
        let no = out.len() + 1;
        out.push(DeadlineRow { p, no, kind, task, target, phase, reporting, d });
    };
    let mut parts = parts.iter().peekable();
    for row in tasks {
        for d in &row.task.deadlines {
            push("task", Some(row.task), None, None, None, d);
        }
        for t in &row.task.targets {
            if let Some(d) = &t.deadline {
                push("target", Some(row.task), Some(t), None, None, d);
            }
        }
        // Parts are listed task by task in the same order.
        while let Some(part) = parts.next_if(|part| std::ptr::eq(part.task, row.task)) {
            if let Some(d) = &part.target.deadline {
                push("target", Some(row.task), Some(part.target), None, None, d);
            }
        }
    }
    for phase in &p.phases {
        push("phase", None, None, Some(phase), None, &phase.timing);
    }
    for (i, r) in p.reporting.iter().enumerate() {
        for d in &r.due {
            push("report", None, None, None, Some(i + 1), d);
        }
    }
    out
}

/// Adds one programme's rows to every table.
pub(super) fn add(tables: &mut [Table], p: &Programme, reports: &[ProgressReport], as_of: Option<NaiveDate>) {
    append(tables, PROGRAMMES.name, &programme_specs(), &[ProgrammeRow { p, as_of }]);
    let sections: Vec<SectionRow<'_>> =
        p.sections.iter().enumerate().map(|(i, s)| SectionRow { p, s, position: i + 1 }).collect();
    append(tables, SECTIONS.name, &section_specs(), &sections);

    let tasks = task_rows(p);
    let mut links = Vec::new();
    let mut targets = Vec::new();
    let mut parts = Vec::new();
    let mut responsibilities = Vec::new();
    for row in &tasks {
        let task = row.task;
        links.extend(task.implements.iter().enumerate().map(|(i, link)| LinkRow { p, task, link, position: i + 1 }));
        for (i, target) in task.targets.iter().enumerate() {
            targets.push(TargetRow { p, task, target, parent: None, position: i + 1 });
            part_rows(p, task, target, &mut parts);
        }
        responsibilities.extend(task.responsibilities.iter().enumerate().map(|(i, r)| ResponsibilityRow {
            p,
            task,
            r,
            position: i + 1,
        }));
    }
    append(tables, TASKS.name, &task_specs(), &tasks);
    append(tables, TASK_LINKS.name, &link_specs(), &links);
    append(tables, TARGETS.name, &target_specs(false), &targets);
    append(tables, BREAKDOWN_PARTS.name, &target_specs(true), &parts);
    append(tables, RESPONSIBILITIES.name, &responsibility_specs(), &responsibilities);

    let canon = crate::aggregate::merged_units(&p.units);
    let units: Vec<UnitRow<'_>> = p
        .units
        .iter()
        .zip(&canon)
        .map(|(unit, &c)| UnitRow { p, unit, merged_into: p.units.get(c).map_or(&unit.id, |u| &u.id) })
        .collect();
    append(tables, UNITS.name, &unit_specs(), &units);
    append(tables, DEADLINES.name, &deadline_specs(), &deadline_rows(p, &tasks, &parts));

    let mine: Vec<&ProgressReport> = reports.iter().filter(|r| r.programme == p.id).collect();
    let report_rows: Vec<ReportRow<'_>> =
        mine.iter().enumerate().map(|(i, report)| ReportRow { p, no: i + 1, report }).collect();
    append(tables, REPORTS.name, &report_specs(), &report_rows);
    let actuals: Vec<ActualRow<'_>> = mine
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            r.actuals.iter().enumerate().map(move |(j, a)| ActualRow { p, report_no: i + 1, position: j + 1, a })
        })
        .collect();
    append(tables, ACTUALS.name, &actual_specs(), &actuals);

    if let Some(on) = as_of {
        let evaluation: Evaluation = evaluate(p, reports, on);
        let rows: Vec<EvaluationRow<'_>> =
            evaluation.targets.iter().map(|e| EvaluationRow { p, as_of: on, e }).collect();
        append(tables, EVALUATION.name, &evaluation_specs(), &rows);
    }
}
