//! Sections: the headed groups a notice's tasks stand in.

use serde::{Deserialize, Serialize};

use crate::json::pointer::At;
use crate::model::{Extra, Lifecycle, SectionId, Task, TaskNumber};

/// A headed group of tasks: (一)就业促进工程; 一、新增6项民生工程;
/// (二)实施10件惠民实事.
///
/// ```
/// use minsheng::{Section, Task};
/// let s = Section::new("s1".parse()?, "就业促进工程")
///     .numbered("(一)".parse()?)
///     .with_task(Task::new("t1".parse()?, "…"));
/// assert_eq!(s.tasks.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The section's id, unique in the programme.
    pub id: SectionId,
    /// Its ordinal as printed ((一), 一).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub number: Option<TaskNumber>,
    /// Its heading, verbatim, without the ordinal (就业促进工程).
    pub title: String,
    /// The kind of item it holds, in the notice's word (民生工程, 惠民实事).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub kind: Option<String>,
    /// Where its projects stand against last year's programme.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub lifecycle: Option<Lifecycle>,
    /// The number of items the heading announces (新增6项 → 6); compared
    /// with the top-level tasks listed.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::integer::some_whole")]
    pub declared_count: Option<u32>,
    /// Text of the section that is not a task, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub description: Option<String>,
    /// Its tasks, in the notice's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<Task>,
    /// Custom data.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Section {
    /// Calls `f` with every task of the section, sub-tasks included, in
    /// document order, and the pointer to it below `at` (the section's own).
    pub(crate) fn each_task_at<'p>(&'p self, at: &At<'_>, f: &mut impl FnMut(&'p Task, &At<'_>)) {
        fn visit<'p>(t: &'p Task, at: &At<'_>, f: &mut impl FnMut(&'p Task, &At<'_>)) {
            f(t, at);
            let subtasks = at.key("subtasks");
            for (i, sub) in t.subtasks.iter().enumerate() {
                visit(sub, &subtasks.index(i), f);
            }
        }
        let tasks = at.key("tasks");
        for (i, t) in self.tasks.iter().enumerate() {
            visit(t, &tasks.index(i), f);
        }
    }

    /// A section with an id and heading.
    pub fn new(id: SectionId, title: impl Into<String>) -> Self {
        Self {
            id,
            number: None,
            title: title.into(),
            kind: None,
            lifecycle: None,
            declared_count: None,
            description: None,
            tasks: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// Sets the ordinal.
    #[must_use]
    pub fn numbered(mut self, number: TaskNumber) -> Self {
        self.number = Some(number);
        self
    }

    /// Adds a task.
    #[must_use]
    pub fn with_task(mut self, task: Task) -> Self {
        self.tasks.push(task);
        self
    }

    /// Every task of the section, sub-tasks included, in the notice's order.
    pub fn all_tasks(&self) -> Vec<&Task> {
        self.tasks.iter().flat_map(Task::walk).collect()
    }

    /// A label naming the section as the notice does (`(一) 就业促进工程`).
    pub fn label(&self) -> String {
        match &self.number {
            Some(n) => format!("{n} {}", self.title),
            None => self.title.clone(),
        }
    }
}
