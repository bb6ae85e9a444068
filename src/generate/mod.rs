//! A deterministic generator of realistic programmes, for benchmarks, property
//! tests and `minsheng gen`.
//!
//! [`programme`] builds a prefecture-level programme of any size from a seed:
//! a registry of about a hundred units (departments with their short names,
//! collectives such as 各县区人民政府 and 10县市人民政府, enterprises, mass
//! organisations and a leading group with its members), about ten sections,
//! and tasks and sub-tasks whose targets mix every kind of measure. The
//! programme it returns passes [`validate`](crate::validate()) without a
//! single finding, and the same seed always gives the same programme.
//!
//! [`write_programme`] writes the same programme as JSON without holding
//! it: everything but the tasks is drawn first, then the tasks are made and
//! written one top-level task at a time. Memory stays at a few megabytes
//! whatever the size (a million tasks make 1.7 GB of JSON), and the text is
//! byte for byte what [`to_string_pretty`](crate::to_string_pretty) gives
//! for [`programme`]'s result.
//!
//! [`break_rule`] then damages a generated programme so that it breaks
//! exactly one rule, for testing the validator: each [`Defect`] maps to one
//! [`Code`](crate::Code).
//!
//! ```
//! use minsheng::generate::{self, Defect, Options};
//! let mut p = generate::programme(&Options { tasks: 40, seed: 7 });
//! assert_eq!(p.task_count(), 40);
//! assert!(minsheng::validate(&p).findings.is_empty());
//! assert!(generate::break_rule(&mut p, Defect::InvertedRange, 1));
//! assert!(minsheng::validate(&p).has(minsheng::Code::InvertedRange));
//! ```

mod defects;
mod draft;
mod draw;
mod registry;
mod stream;
mod tables;
mod targets;
mod tasks;

pub use defects::{Defect, break_rule};
pub use stream::{WriteError, write_programme};

use crate::model::{AdminLevel, Jurisdiction, Programme, ProgrammeId};
use draft::Draft;
use draw::Gen;
use tables::{CITIES, City, DEFAULT_CITY};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Options {
    /// How many tasks in all, sub-tasks included.
    pub tasks: usize,
    /// The seed; the same seed and task count always give the same programme.
    pub seed: u64,
}

impl Default for Options {
    /// A hundred tasks from seed 0.
    fn default() -> Self {
        Self { tasks: 100, seed: 0 }
    }
}

/// The most tasks [`write_programme`] makes: ten million, about 17 GB of
/// JSON. More is refused rather than started.
pub const MAX_TASKS: usize = 10_000_000;

/// Generates a valid programme with `options.tasks` tasks (sub-tasks
/// included), deterministically from `options.seed`, in time linear in the
/// number of tasks. The programme is built in memory (about 2 kB per task);
/// [`write_programme`] writes one of any size without holding it.
pub fn programme(options: &Options) -> Programme {
    let (draft, city, year) = start(options);
    let Some(mut draft) = draft else { return empty(city, year) };
    for g in 0..draft.top_level_tasks() {
        let section = draft.section_of(g);
        let Some(task) = draft.task(g) else { return empty(city, year) };
        if let Some(s) = draft.shell.sections.get_mut(section) {
            s.tasks.push(task);
        }
    }
    draft.shell
}

/// Draws the city and the year, then the programme's frame. The frame is
/// `None` only if an id or date the generator makes were invalid, which
/// they never are; callers fall back to [`empty`] all the same, so that
/// nothing panics.
fn start(options: &Options) -> (Option<Draft>, City, i32) {
    let mut source = Gen::new(options.seed);
    let city = source.pick(&CITIES, DEFAULT_CITY);
    let year = source.range_i64(2019, 2026) as i32;
    (Draft::new(source, options.tasks, city, year), city, year)
}

/// The programme with nothing in it, for the case that never happens.
fn empty(city: City, year: i32) -> Programme {
    Programme::new(programme_id(year), city.title(year), year, Jurisdiction::new(city.name, AdminLevel::Prefecture))
}

/// A programme id for `year`. `gen-<year>` always satisfies the id pattern
/// (ASCII letters, digits and `-`), so the first attempt succeeds; the loop
/// only gives the types an answer without a panic.
fn programme_id(year: i32) -> ProgrammeId {
    loop {
        if let Ok(id) = ProgrammeId::new(format!("gen-{year}")) {
            return id;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Code;
    use std::collections::HashSet;

    #[test]
    fn names_and_aliases_are_unique() {
        // Enough seeds to meet every city.
        for seed in 0..64 {
            let p = programme(&Options { tasks: 1, seed });
            let mut seen = HashSet::new();
            for u in &p.units {
                for n in std::iter::once(&u.name).chain(&u.aliases) {
                    assert!(seen.insert(n.clone()), "{n} twice");
                }
            }
        }
    }

    #[test]
    fn sizes_and_validity() {
        for tasks in [0usize, 1, 2, 3, 7, 50, 400] {
            for seed in 0..8 {
                let p = programme(&Options { tasks, seed });
                assert_eq!(p.task_count(), tasks);
                let report = crate::validate(&p);
                assert!(report.findings.is_empty(), "tasks {tasks} seed {seed}: {:#?}", report.findings);
            }
        }
    }

    #[test]
    fn large_programmes_are_valid() {
        for tasks in [2_500usize, 10_000] {
            let p = programme(&Options { tasks, seed: 11 });
            assert_eq!(p.task_count(), tasks);
            assert!(crate::validate(&p).findings.is_empty());
        }
    }

    #[test]
    fn phrases_are_in_descriptions() {
        let p = programme(&Options { tasks: 300, seed: 3 });
        for t in p.tasks() {
            for x in &t.targets {
                assert!(t.description.contains(&x.phrase), "{} not in {}", x.phrase, t.description);
                for part in x.breakdown.iter().flat_map(|b| &b.parts) {
                    assert!(t.description.contains(&part.phrase), "{} not in {}", part.phrase, t.description);
                }
            }
        }
    }

    #[test]
    fn every_defect_gives_its_code_alone() {
        for seed in 0..6 {
            let p = programme(&Options { tasks: 60, seed });
            for &d in Defect::ALL {
                let mut q = p.clone();
                assert!(break_rule(&mut q, d, seed), "{d:?}");
                let codes: HashSet<Code> = crate::validate(&q).findings.iter().map(|f| f.code).collect();
                assert_eq!(codes, HashSet::from([d.code()]), "{d:?} seed {seed}");
            }
        }
    }

    #[test]
    fn written_text_is_the_programme_pretty_printed() {
        for tasks in [0usize, 1, 2, 5, 37, 400] {
            for seed in 0..4 {
                let options = Options { tasks, seed };
                let mut written = Vec::new();
                write_programme(&options, &mut written).unwrap();
                let expected = crate::to_string_pretty(&programme(&options)).unwrap();
                assert!(written == expected.as_bytes(), "tasks {tasks} seed {seed} differ");
            }
        }
    }

    #[test]
    fn too_many_tasks_are_refused_before_anything_is_written() {
        let mut written = Vec::new();
        let e = write_programme(&Options { tasks: usize::MAX, seed: 0 }, &mut written).unwrap_err();
        assert!(matches!(e, WriteError::TooManyTasks { requested: usize::MAX, max: MAX_TASKS }), "{e}");
        assert!(written.is_empty());
        assert!(e.to_string().contains("10000000"), "{e}");
    }
}
