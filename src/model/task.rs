//! Tasks: what the notice asks to be done, by whom, to which figures.

use serde::{Deserialize, Serialize};

use crate::model::{Deadline, Extra, Person, ProgrammeId, Responsibility, Role, Target, TaskId, TaskNumber, UnitId};

/// Where a project stands relative to last year's programme (Duji lists new,
/// exited, adjusted and continued projects).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Lifecycle {
    /// New this year (新增).
    New,
    /// Carried on unchanged (继续实施).
    Continued,
    /// Carried on with changes (调整实施).
    Adjusted,
    /// Dropped from the programme (退出).
    Exited,
}

/// A task of another programme that this task implements: a city's task
/// that carries out part of a provincial one (海东 implements
/// 青办字〔2024〕35号). Checked against the parent programme by
/// `minsheng::decompose::check_links`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskLink {
    /// The parent programme's id.
    pub programme: ProgrammeId,
    /// The parent programme's task.
    pub task: TaskId,
}

/// Where a piece of the model came from in the source text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceSpan {
    /// The line, counting from 1.
    #[serde(deserialize_with = "crate::json::integer::whole")]
    pub line: u32,
    /// The byte offset where the text starts, when known.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::integer::some_whole")]
    pub start: Option<u64>,
    /// The byte offset just past its end, when known.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::integer::some_whole")]
    pub end: Option<u64>,
}

/// A task (or sub-task) of the programme.
///
/// ```
/// use minsheng::{Amount, Measure, Target, Task, Unit};
/// use rust_decimal_macros::dec;
/// let task = Task::new("t2".parse()?, "全省城镇新增就业6万人。")
///     .numbered("2".parse()?)
///     .led_by("hrss".parse()?)
///     .with_target(
///         Target::new("t2-1".parse()?, "城镇新增就业", "城镇新增就业6万人", Measure::quantity(Unit::Person))
///             .with_amount(Amount::exactly(dec!(60000))),
///     );
/// assert_eq!(task.leads().count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// The task's id, unique in the programme.
    pub id: TaskId,
    /// Its number as the notice prints it, as a path from the section's top
    /// level (1.(1).①); absent when the notice does not number it.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub number: Option<TaskNumber>,
    /// Its heading, when it has one apart from the text (城乡居民增收工程).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub title: Option<String>,
    /// The task's text, verbatim, without its number and responsibility clause.
    pub description: String,
    /// The figures it commits to.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "crate::json::list::exact")]
    pub targets: Vec<Target>,
    /// Who leads, cooperates and shares the work, in the notice's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "crate::json::list::exact")]
    pub responsibilities: Vec<Responsibility>,
    /// The responsibility clause verbatim ((省教育厅牵头，各市州人民政府配合)).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub responsibility_text: Option<String>,
    /// People or posts named as answering for the task (责任领导, 分管领导):
    /// never units. Added after the first release: documents without it
    /// load as before and are written as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// Dates the task as a whole must meet.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "crate::json::list::exact")]
    pub deadlines: Vec<Deadline>,
    /// Where it stands against last year's programme, when the notice says
    /// (otherwise the section's lifecycle applies).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub lifecycle: Option<Lifecycle>,
    /// Its sub-tasks ((1)… below 1., ①… below (1)).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "crate::json::list::exact")]
    pub subtasks: Vec<Task>,
    /// The tasks of a parent programme this task implements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implements: Vec<TaskLink>,
    /// Where the task stands in the source text.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub source: Option<SourceSpan>,
    /// Custom data.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Task {
    /// A task with an id and its verbatim text.
    pub fn new(id: TaskId, description: impl Into<String>) -> Self {
        Self {
            id,
            number: None,
            title: None,
            description: description.into(),
            targets: Vec::new(),
            responsibilities: Vec::new(),
            responsibility_text: None,
            people: Vec::new(),
            deadlines: Vec::new(),
            lifecycle: None,
            subtasks: Vec::new(),
            implements: Vec::new(),
            source: None,
            extra: Extra::new(),
        }
    }

    /// Sets the number.
    #[must_use]
    pub fn numbered(mut self, number: TaskNumber) -> Self {
        self.number = Some(number);
        self
    }

    /// Sets the heading.
    #[must_use]
    pub fn titled(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Adds a lead unit.
    #[must_use]
    pub fn led_by(mut self, unit: UnitId) -> Self {
        self.responsibilities.push(Responsibility::lead(unit));
        self
    }

    /// Adds a cooperating unit.
    #[must_use]
    pub fn cooperating(mut self, unit: UnitId) -> Self {
        self.responsibilities.push(Responsibility::cooperating(unit));
        self
    }

    /// Adds a unit that shares the task within its remit.
    #[must_use]
    pub fn joint(mut self, unit: UnitId) -> Self {
        self.responsibilities.push(Responsibility::joint(unit));
        self
    }

    /// Adds a target.
    #[must_use]
    pub fn with_target(mut self, target: Target) -> Self {
        self.targets.push(target);
        self
    }

    /// Adds a deadline.
    #[must_use]
    pub fn with_deadline(mut self, deadline: Deadline) -> Self {
        self.deadlines.push(deadline);
        self
    }

    /// Adds a sub-task.
    #[must_use]
    pub fn with_subtask(mut self, task: Task) -> Self {
        self.subtasks.push(task);
        self
    }

    /// Records that the task implements `task` of the programme `programme`.
    #[must_use]
    pub fn implementing(mut self, programme: ProgrammeId, task: TaskId) -> Self {
        self.implements.push(TaskLink { programme, task });
        self
    }

    /// The units holding `role`, in order.
    pub fn units_with(&self, role: Role) -> impl Iterator<Item = &UnitId> {
        self.responsibilities.iter().filter(move |r| r.role == role).map(|r| &r.unit)
    }

    /// The lead units.
    pub fn leads(&self) -> impl Iterator<Item = &UnitId> {
        self.units_with(Role::Lead)
    }

    /// A short label naming the task as the notice does: its number and the
    /// start of its heading or text (`1.(1).① 以就业促增收…`).
    pub fn label(&self) -> String {
        use std::fmt::Write;
        let text = self.title.as_deref().unwrap_or(&self.description);
        // Built in one allocation: labels are made for every calendar entry and finding.
        let (head, more) = match text.char_indices().nth(24) {
            Some((cut, _)) => (&text[..cut], "…"),
            None => (text, ""),
        };
        let mut label = String::with_capacity(head.len() + more.len() + 16);
        if let Some(n) = &self.number {
            // Writing into a String cannot fail.
            let _ = write!(label, "{n} ");
        }
        label.push_str(head);
        label.push_str(more);
        label
    }

    /// This task and all tasks below it, depth first, in the notice's order.
    pub fn walk(&self) -> Vec<&Task> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(t) = stack.pop() {
            out.push(t);
            stack.extend(t.subtasks.iter().rev());
        }
        out
    }
}
