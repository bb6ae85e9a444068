//! Reading a large programme's tasks side by side, on every core (feature
//! `parallel`).
//!
//! A programme's top-level tasks are most of its bytes and independent of
//! one another, so they can be parsed at once. One thread reads the
//! programme through, building nothing (serde_json skipping values, as a
//! bare scan does) and handing the text of each run of consecutive tasks —
//! about [`CHUNK_BYTES`] — to the pool as soon as it has found the run's
//! end; the other threads parse runs meanwhile, and the reading thread
//! joins them when it is through. What is left — the programme with every
//! section's `tasks` emptied, a few kilobytes — is parsed last, and the
//! tasks put back in order.
//!
//! Every document this reads, the one-thread reader reads to the same
//! value; anything else — a syntax error, a duplicate key, a programme or
//! section written as an array, a task refused for any reason — makes it
//! give up, and the caller reads the document on one thread, with the
//! errors it always gave. Two things keep a task read apart exactly as it
//! is read in place:
//!
//! - serde_json refuses values nested deeper than 128 arrays and objects,
//!   counted from the document's root; a top-level task stands four levels
//!   down (the programme, `sections`, the section, `tasks`), so each run is
//!   parsed wrapped in as many arrays (`[[[[…]]]]`), which puts its tasks
//!   at the same depth;
//! - keys are compared after their escapes are read, as serde's derived
//!   code compares them, so `"t\u0061sks"` is `tasks` here too.

use std::sync::mpsc;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::model::{Programme, Task};

/// Below this many bytes a programme is read on one thread: starting the
/// pool's threads and copying tasks' text costs more than it saves.
#[cfg(not(fuzzing))]
pub(crate) const PARALLEL_FROM_BYTES: usize = 1 << 20;
/// Fuzzing reads every programme side by side, so that the fuzzer's small
/// inputs reach this reader.
#[cfg(fuzzing)]
pub(crate) const PARALLEL_FROM_BYTES: usize = 0;

/// About how much text one job on the pool parses: enough that handing it
/// over costs nothing next to parsing it, little enough that the threads
/// finish together.
const CHUNK_BYTES: usize = 128 << 10;

/// Reads a programme's tasks on the pool, or `None` when the document is
/// small, the pool has one thread, or anything about the document is not
/// as the format wants it (the caller then reads it on one thread and says
/// what is wrong).
pub(crate) fn programme(text: &str) -> Option<Programme> {
    if text.len() < PARALLEL_FROM_BYTES || rayon::current_num_threads() < 2 {
        return None;
    }
    side_by_side(text, CHUNK_BYTES)
}

/// [`programme`] at any size, in runs of about `chunk` bytes.
fn side_by_side(text: &str, chunk: usize) -> Option<Programme> {
    let (sent, received) = mpsc::channel();
    let outline = rayon::scope(|scope| {
        let mut reader = Reader { scope, text, sent, chunk, outline: Outline::default(), run: None };
        let mut de = serde_json::Deserializer::from_str(text);
        let read =
            Outlined { reader: &mut reader, level: Level::Programme }.deserialize(&mut de).and_then(|()| de.end());
        read.ok().map(|()| reader.outline)
    })?;
    if outline.cuts.is_empty() {
        return None;
    }
    let mut runs: Vec<Option<Vec<Task>>> = outline.runs.iter().map(|_| None).collect();
    for (i, tasks) in received.try_iter() {
        *runs.get_mut(i)? = Some(tasks?);
    }
    // The programme with its tasks' text cut out: `"tasks": [ ]`.
    let mut rest = String::with_capacity(text.len().min(1 << 16));
    let mut from = 0;
    for &(start, end) in &outline.cuts {
        rest.push_str(text.get(from..start)?);
        from = end;
    }
    rest.push_str(text.get(from..)?);
    let mut p: Programme = serde_json::from_str(&rest).ok()?;
    if p.sections.len() != outline.sections {
        return None;
    }
    for (&section, tasks) in outline.runs.iter().zip(runs) {
        p.sections.get_mut(section)?.tasks.extend(tasks?);
    }
    Some(p)
}

/// A run of consecutive tasks of one section, read alone, four levels
/// down as in their programme.
fn run(text: &str) -> Option<Vec<Task>> {
    let mut wrapped = String::with_capacity(text.len() + 8);
    wrapped.push_str("[[[[");
    wrapped.push_str(text);
    wrapped.push_str("]]]]");
    serde_json::from_str::<(((Vec<Task>,),),)>(&wrapped).ok().map(|(((tasks,),),)| tasks)
}

/// What the reading thread found.
#[derive(Default)]
struct Outline {
    /// How many sections the programme has.
    sections: usize,
    /// Each section's tasks, from the first one's first byte to the last
    /// one's last, in the order of the text.
    cuts: Vec<(usize, usize)>,
    /// The section of each run handed to the pool, in order.
    runs: Vec<usize>,
}

/// A run parsed (`None`: refused) and its number.
type Parsed = (usize, Option<Vec<Task>>);

/// The reading thread's state, shared by the visitors of every level.
struct Reader<'s, 'scope> {
    scope: &'s rayon::Scope<'scope>,
    text: &'scope str,
    sent: mpsc::Sender<Parsed>,
    /// How many bytes of tasks make a run.
    chunk: usize,
    outline: Outline,
    /// The run being gathered: its section, first byte and end.
    run: Option<(usize, usize, usize)>,
}

impl<'scope> Reader<'_, 'scope> {
    /// Adds one task's text to the run, handing the run over once it is
    /// big enough; where the task stands in the document.
    fn task(&mut self, section: usize, text: &'scope str) -> Option<(usize, usize)> {
        // Borrowed from the document, so its address places it there.
        let at = (text.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        let end = at.checked_add(text.len()).filter(|&e| e <= self.text.len())?;
        match &mut self.run {
            Some((_, _, run_end)) => *run_end = end,
            None => self.run = Some((section, at, end)),
        }
        if let Some((_, start, end)) = self.run
            && end - start >= self.chunk
        {
            self.hand_over();
        }
        Some((at, end))
    }

    /// Hands the run gathered so far to the pool.
    fn hand_over(&mut self) {
        let Some((section, start, end)) = self.run.take() else { return };
        // A run is always recorded, so that its tasks, cut from the rest,
        // are either put back or the whole reading refused: a span that
        // were not text of the document would be refused here.
        let text = self.text.get(start..end);
        let (i, sent) = (self.outline.runs.len(), self.sent.clone());
        self.outline.runs.push(section);
        self.scope.spawn(move |_| {
            // The receiver outlives the scope: sending cannot fail.
            let _ = sent.send((i, text.and_then(run)));
        });
    }
}

/// A key of an object: the one looked for, or another.
struct Key(&'static str);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a field name")
    }

    // The key as serde's derived code sees it: escapes already read.
    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
    }
}

/// Reads an object through, passing the value of `key` (which may appear
/// once) to `value` and skipping the others.
fn object<'de, A: MapAccess<'de>>(
    mut map: A,
    key: &'static str,
    mut value: impl FnMut(&mut A) -> Result<(), A::Error>,
) -> Result<(), A::Error> {
    let mut seen = false;
    while let Some(found) = map.next_key_seed(Key(key))? {
        if !found {
            map.next_value::<IgnoredAny>()?;
        } else if std::mem::replace(&mut seen, true) {
            return Err(de::Error::custom("duplicate field"));
        } else {
            value(&mut map)?;
        }
    }
    Ok(())
}

/// The four levels the reading thread goes through: the programme's
/// object, its `sections` array, a section's object, a section's `tasks`.
#[derive(Clone, Copy)]
enum Level {
    Programme,
    Sections,
    Section,
    Tasks,
}

/// Reads one level of the outline, and the levels below it.
struct Outlined<'r, 's, 'scope> {
    reader: &'r mut Reader<'s, 'scope>,
    level: Level,
}

impl<'r, 's, 'scope> Outlined<'r, 's, 'scope> {
    fn below(&mut self, level: Level) -> Outlined<'_, 's, 'scope> {
        Outlined { reader: &mut *self.reader, level }
    }
}

impl<'de: 'scope, 'scope> DeserializeSeed<'de> for Outlined<'_, '_, 'scope> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.level {
            Level::Programme | Level::Section => d.deserialize_map(self),
            Level::Sections | Level::Tasks => d.deserialize_seq(self),
        }
    }
}

impl<'de: 'scope, 'scope> Visitor<'de> for Outlined<'_, '_, 'scope> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.level {
            Level::Programme => "a programme",
            Level::Sections => "a list of sections",
            Level::Section => "a section",
            Level::Tasks => "a list of tasks",
        })
    }

    fn visit_map<A: MapAccess<'de>>(mut self, map: A) -> Result<(), A::Error> {
        let (key, level) = match self.level {
            Level::Programme => ("sections", Level::Sections),
            Level::Section => ("tasks", Level::Tasks),
            Level::Sections | Level::Tasks => return Err(de::Error::custom("an object where a list belongs")),
        };
        object(map, key, |map| map.next_value_seed(self.below(level)))
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        if let Level::Sections = self.level {
            while seq.next_element_seed(self.below(Level::Section))?.is_some() {
                self.reader.outline.sections += 1;
            }
            return Ok(());
        }
        if let Level::Programme | Level::Section = self.level {
            return Err(de::Error::custom("a list where an object belongs"));
        }
        let reader = self.reader;
        let section = reader.outline.sections;
        let mut span: Option<(usize, usize)> = None;
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            let text: &'scope str = raw.get();
            let Some((at, end)) = reader.task(section, text) else {
                return Err(de::Error::custom("a task outside the document"));
            };
            span = Some((span.map_or(at, |(start, _)| start), end));
        }
        // A run never spans two sections.
        reader.hand_over();
        if let Some(cut) = span {
            reader.outline.cuts.push(cut);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What one thread reads: the reference every answer is held to.
    fn one_thread(text: &str) -> Option<Programme> {
        serde_json::from_str(text).ok()
    }

    /// Read side by side, a document is what one thread reads, or refused
    /// (and then read by one thread): never anything else.
    fn agrees(text: &str, chunk: usize) -> Result<Option<Programme>, String> {
        let side = side_by_side(text, chunk);
        match (&side, one_thread(text)) {
            (Some(p), Some(q)) if *p == q => Ok(side),
            (None, _) => Ok(None),
            (Some(_), None) => Err(format!("read side by side, refused by one thread: {text:.200}")),
            (Some(_), Some(_)) => Err(format!("read side by side to another value: {text:.200}")),
        }
    }

    fn task(id: &str, subtasks: &str) -> String {
        format!(r#"{{"id": "{id}", "description": "任务{id}。", "subtasks": [{subtasks}]}}"#)
    }

    /// A programme of `sections` sections of `tasks` tasks each.
    fn doc(sections: usize, tasks: usize) -> String {
        let sections: Vec<String> = (0..sections)
            .map(|s| {
                let tasks: Vec<String> = (0..tasks).map(|t| task(&format!("t{s}-{t}"), "")).collect();
                format!(r#"{{"id": "s{s}", "title": "第{s}部分", "tasks": [{}]}}"#, tasks.join(",\n  "))
            })
            .collect();
        format!(
            r#"{{"format_version": "1", "id": "p", "title": "民生实事", "jurisdiction": {{"name": "某市", "level": "prefecture"}}, "year": 2024, "sections": [{}]}}"#,
            sections.join(", ")
        )
    }

    #[test]
    fn reads_what_one_thread_reads_in_runs_of_any_size() -> Result<(), String> {
        for (sections, tasks) in [(1, 1), (1, 40), (3, 7), (12, 0), (5, 25)] {
            let text = doc(sections, tasks);
            for chunk in [1, 100, 1000, usize::MAX] {
                let read = agrees(&text, chunk)?;
                if tasks > 0 {
                    let p = read.ok_or(format!("{sections}×{tasks} in runs of {chunk}: refused"))?;
                    assert_eq!(p.task_count(), sections * tasks);
                }
            }
        }
        Ok(())
    }

    #[cfg(feature = "generate")]
    #[test]
    fn reads_generated_programmes_as_one_thread_does() -> Result<(), String> {
        for tasks in [30, 700] {
            let p = crate::generate::programme(&crate::generate::Options { tasks, seed: 7 });
            let text = crate::to_string_pretty(&p).map_err(|e| e.to_string())?;
            for chunk in [1, 4096, CHUNK_BYTES] {
                assert_eq!(agrees(&text, chunk)?.as_ref(), Some(&p), "{tasks} tasks in runs of {chunk}");
            }
        }
        Ok(())
    }

    /// A task whose subtasks nest `levels` deep, among others.
    fn deep(levels: usize) -> String {
        let mut t = task("leaf", "");
        for i in 0..levels {
            t = task(&format!("n{i}"), &t);
        }
        doc(2, 3).replacen(r#""tasks": ["#, &format!(r#""tasks": [{t}, "#), 1)
    }

    #[test]
    fn nesting_is_refused_at_the_depth_one_thread_refuses_it() -> Result<(), String> {
        // The deepest nesting one thread reads, found rather than assumed.
        let deepest = (0..80).take_while(|&n| one_thread(&deep(n)).is_some()).last().ok_or("nothing reads")?;
        assert!(deepest > 50 && deepest < 70, "{deepest}");
        for levels in [deepest - 1, deepest, deepest + 1, deepest + 2] {
            for chunk in [1, usize::MAX] {
                let read = agrees(&deep(levels), chunk)?;
                assert_eq!(read.is_some(), levels <= deepest, "{levels} levels in runs of {chunk}");
            }
        }
        Ok(())
    }

    #[test]
    fn keys_are_read_with_their_escapes_and_at_most_once() -> Result<(), String> {
        let text = doc(2, 3);
        let escaped = text.replace(r#""tasks""#, r#""t\u0061sks""#).replace(r#""sections""#, r#""sect\u0069ons""#);
        assert_eq!(agrees(&escaped, 1)?.map(|p| p.task_count()), Some(6));
        // Keys of the same name elsewhere (a task's `extra`) are not the section's.
        let decoy = text.replacen(r#""description": "#, r#""extra": {"tasks": [1, 2]}, "description": "#, 1);
        assert_eq!(agrees(&decoy, 1)?.map(|p| p.task_count()), Some(6));
        for twice in [
            text.replacen(r#""tasks": ["#, r#""tasks": [], "tasks": ["#, 1),
            text.replacen(r#""sections": ["#, r#""sections": [], "sections": ["#, 1),
        ] {
            assert!(agrees(&twice, 1)?.is_none());
        }
        Ok(())
    }

    #[test]
    fn anything_not_as_the_format_wants_it_is_left_to_one_thread() -> Result<(), String> {
        let text = doc(2, 3);
        for broken in [
            text.replacen(r#""tasks": ["#, r#""tasks": 5, "x": ["#, 1),
            text.replacen(r#""description": "#, r#""descripton": "#, 1),
            format!("{text} {{}}"),
            text.replacen(r#""id": "p""#, r#""id": 5"#, 1),
            text.replacen(r#"{"id": "s0""#, r#"["s0""#, 1),
            text.replacen('}', "", 1),
            text.replace(r#""sections": ["#, r#""sections": {"a": ["#).replacen("]}", "]}}", 1),
            "[1, 2]".to_owned(),
        ] {
            assert!(agrees(&broken, 1)?.is_none(), "{broken:.200}");
        }
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Any edit of a programme's text: read side by side as one thread
        /// reads it, or refused.
        #[test]
        fn an_edited_programme_is_read_as_one_thread_reads_it_or_refused(
            at in 0usize..10_000,
            cut in 0usize..4,
            put in "[\\[\\]{}\",:a-z0-9 \\\\]{0,3}",
        ) {
            let text = doc(3, 4);
            let mut start = text.len() * at / 10_000;
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + cut).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let edited = format!("{}{put}{}", &text[..start], &text[end..]);
            for chunk in [1, usize::MAX] {
                agrees(&edited, chunk).map_err(proptest::test_runner::TestCaseError::fail)?;
            }
        }
    }
}
