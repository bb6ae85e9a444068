//! Tasks: descriptions made of their targets' phrases, responsible units,
//! deadlines, sub-tasks.

use super::draw::{Gen, date, month_end};
use super::registry::Pool;
use super::tables::{GENERIC_WORK, TEMPLATES};
use super::targets::Drafted;
use crate::model::number::chinese_numeral;
use crate::model::{
    Deadline, Lifecycle, Measure, NumberSegment, NumberStyle, Precision, Responsibility, Task, TaskNumber,
};

/// Where a task stands, which decides how its units are drawn.
#[derive(Debug, Clone, Copy)]
pub(super) struct Standing {
    /// A top-level task (always led) rather than a sub-task.
    pub(super) top: bool,
    /// The programme's first task, which never has joint leads.
    pub(super) first: bool,
}

impl Gen {
    /// A top-level task with `subs` tasks below it. Some put part of them a
    /// third level down, as Chuxiong does (1.(1)①), keeping the count exact.
    pub(super) fn task(&mut self, number: Option<TaskNumber>, subs: usize, first: bool) -> Option<Task> {
        let mut t = self.leaf(number.clone(), Standing { top: true, first })?;
        let nested = if subs >= 3 && self.chance(0.3) { self.range_i64(2, subs as i64 - 1) as usize } else { 0 };
        let sub = Standing { top: false, first: false };
        for m in 0..subs - nested {
            let n = number
                .as_ref()
                .map(|n| n.child(NumberSegment { value: m as u32 + 1, style: NumberStyle::ParenArabic }));
            let mut subtask = self.leaf(n.clone(), sub)?;
            if m == 0 {
                for k in 0..nested {
                    let nn =
                        n.as_ref().map(|n| n.child(NumberSegment { value: k as u32 + 1, style: NumberStyle::Circled }));
                    subtask.subtasks.push(self.leaf(nn, sub)?);
                }
            }
            t.subtasks.push(subtask);
        }
        Some(t)
    }

    /// How many targets a task gets: mostly one or two, sometimes none or four.
    fn target_count(&mut self) -> usize {
        let weights = [10usize, 35, 30, 15, 10];
        let mut roll = self.below(100);
        for (k, w) in weights.iter().enumerate() {
            if roll < *w {
                return k;
            }
            roll -= w;
        }
        0
    }

    /// The targets of a task, from distinct templates.
    fn targets(&mut self) -> Option<Vec<Drafted>> {
        let count = self.target_count();
        let mut chosen: Vec<usize> = Vec::with_capacity(count);
        let mut tries = 0;
        while chosen.len() < count && tries < 16 {
            tries += 1;
            let i = self.below(TEMPLATES.len());
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        let mut drafted = Vec::with_capacity(chosen.len());
        for i in chosen {
            let Some(template) = TEMPLATES.get(i).copied() else { continue };
            drafted.push(self.target(template)?);
        }
        Some(drafted)
    }

    /// A task without sub-tasks: its targets, a description made of their
    /// phrases, perhaps a title, a deadline and a lifecycle, and its units.
    fn leaf(&mut self, number: Option<TaskNumber>, standing: Standing) -> Option<Task> {
        let id = self.task_id()?;
        let drafted = self.targets()?;
        let title = match drafted.first() {
            Some(d) if standing.top && matches!(d.target.measure, Measure::Quantity { .. }) && self.chance(0.4) => {
                Some(format!("{}行动", d.target.subject))
            }
            _ => None,
        };
        let mut description = String::new();
        if let Some(title) = &title {
            description.push_str(title);
            description.push('：');
        }
        if drafted.is_empty() {
            description.push_str(self.pick(&GENERIC_WORK, "推进民生实事项目建设"));
        } else {
            let clauses: Vec<&str> = drafted.iter().map(|d| d.clause.as_str()).collect();
            description.push_str(&clauses.join("，"));
        }
        let mut task = Task::new(id, String::new());
        task.number = number;
        task.title = title;
        task.targets = drafted.into_iter().map(|d| d.target).collect();
        if self.chance(0.3) {
            let d = self.deadline()?;
            description.push('，');
            description.push_str(&d.text);
            description.push_str("完成");
            task.deadlines.push(d);
        }
        description.push('。');
        task.description = description;
        if standing.top && self.chance(0.2) {
            task.lifecycle = Some(match self.below(3) {
                0 => Lifecycle::New,
                1 => Lifecycle::Continued,
                _ => Lifecycle::Adjusted,
            });
        }
        self.responsibilities(&mut task, standing);
        Some(task)
    }

    fn responsibilities(&mut self, task: &mut Task, standing: Standing) {
        let mut taken = Vec::new();
        let (leads, joint) = if standing.top && !standing.first && self.chance(0.05) {
            (self.distinct(Pool::Leads, 2, &mut taken), true)
        } else if standing.top || self.chance(0.4) {
            (self.distinct(Pool::Leads, 1, &mut taken), false)
        } else if self.chance(0.4) {
            (Vec::new(), false)
        } else {
            // A sub-task without units of its own inherits its parent's.
            return;
        };
        let n = self.below(4);
        let coop = self.distinct(Pool::Cooperating, n, &mut taken);
        let name = |g: &Gen, i: usize| g.unit_at(i).map(|u| u.name.clone()).unwrap_or_default();
        let lead_names: Vec<String> = leads.iter().map(|&i| name(self, i)).collect();
        let coop_names: Vec<String> = coop.iter().map(|&i| name(self, i)).collect();
        for &i in &leads {
            if let Some(u) = self.unit_at(i) {
                let r = if joint { Responsibility::joint(u.id.clone()) } else { Responsibility::lead(u.id.clone()) };
                task.responsibilities.push(r);
            }
        }
        for &i in &coop {
            if let Some(u) = self.unit_at(i) {
                task.responsibilities.push(Responsibility::cooperating(u.id.clone()));
            }
        }
        let text = match (lead_names.is_empty(), coop_names.is_empty(), joint) {
            (false, _, true) => format!("（{}根据职责分别负责）", lead_names.join("、")),
            (false, true, false) => format!("（{}牵头）", lead_names.join("、")),
            (false, false, false) => format!("（{}牵头，{}配合）", lead_names.join("、"), coop_names.join("、")),
            (true, false, _) => format!("（{}配合）", coop_names.join("、")),
            (true, true, _) => return,
        };
        task.responsibility_text = Some(text);
    }

    pub(super) fn deadline(&mut self) -> Option<Deadline> {
        let y = self.year;
        Some(match self.below(5) {
            0 => Deadline::by("年底前", date(y, 12, 31)?, Precision::Year),
            1 => {
                let m = self.range_i64(3, 11) as u32;
                Deadline::by(format!("{m}月底前"), month_end(y, m)?, Precision::Month)
            }
            2 => {
                let q = self.range_i64(2, 4) as u32;
                let start = date(y, 3 * q - 2, 1)?;
                Deadline::window(
                    format!("第{}季度", chinese_numeral(q)),
                    start,
                    month_end(y, 3 * q)?,
                    Precision::Quarter,
                )
            }
            3 => Deadline::by("上半年", date(y, 6, 30)?, Precision::HalfYear),
            _ => {
                let m = self.range_i64(2, 12) as u32;
                let d = self.range_i64(1, 28) as u32;
                Deadline::by(format!("{m}月{d}日前"), date(y, m, d)?, Precision::Day)
            }
        })
    }
}
