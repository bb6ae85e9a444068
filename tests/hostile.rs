//! Hostile input, one test per case: each gets a clear error or finding,
//! none panics, none takes more than linear time. (The CLI cases, where the
//! exit code matters, are at the end.)

use minsheng::{Code, Error, JsonProblem, Programme};

const HEAD: &str =
    r#"{"format_version":"1","id":"p","title":"t","jurisdiction":{"name":"青海省","level":"province"},"year":2021"#;

/// A programme whose one section holds `tasks` (JSON text of the task array's items).
fn with_tasks(tasks: &str) -> String {
    format!(r#"{HEAD},"sections":[{{"id":"s","title":"s","tasks":[{tasks}]}}]}}"#)
}

/// A programme with one target whose amount value is `value` (raw JSON).
fn with_amount(value: &str, comparator: &str) -> String {
    with_tasks(&format!(
        r#"{{"id":"t","description":"d","targets":[{{"id":"x","subject":"s","phrase":"p","measure":{{"kind":"quantity","unit":"人"}},"amount":{{"comparator":"{comparator}","value":{value}}}}}]}}"#
    ))
}

/// A programme whose sub-tasks nest `depth` levels deep.
fn deep_tasks(depth: usize) -> String {
    let mut task = String::from(r#"{"id":"t","description":"d"}"#);
    for i in 0..depth {
        task = format!(r#"{{"id":"t{i}","description":"d","subtasks":[{task}]}}"#);
    }
    with_tasks(&task)
}

fn json_error(bytes: &[u8]) -> minsheng::JsonError {
    match minsheng::from_slice(bytes) {
        Err(Error::Json(e)) => *e,
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("accepted {:.80}", String::from_utf8_lossy(bytes)),
    }
}

/// Loads, validates and aggregates: the whole path a platform runs.
fn through(p: &Programme) -> minsheng::Report {
    let _ = minsheng::aggregate::summary(p);
    minsheng::validate(p)
}

/// Runs `f` on a thread with a small stack, as a service's worker may have:
/// deep input must not overflow it.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(1 << 20).spawn(f).unwrap().join().unwrap()
}

#[test]
fn nesting_beyond_serde_jsons_limit_is_an_error() {
    // 100 000 open brackets in custom data, which is kept raw.
    let deep = format!(r#"{HEAD},"extra":{{"x":{}{}}}}}"#, "[".repeat(100_000), "]".repeat(100_000));
    let e = on_small_stack(move || json_error(deep.as_bytes()));
    assert!(e.message.contains("nested more than 128 levels"), "{}", e.message);
    assert!(e.pointer.starts_with("/extra"), "{}", e.pointer);
    // Sub-tasks nested 10 000 deep.
    let text = deep_tasks(10_000);
    let e = on_small_stack(move || json_error(text.as_bytes()));
    assert!(e.message.contains("recursion limit"), "{}", e.message);
    assert!(e.pointer.starts_with("/sections/0/tasks/0/subtasks/0"), "{}", e.pointer);
}

#[test]
fn a_hundred_megabyte_string_loads_validates_and_aggregates() {
    let long = "a".repeat(100 * 1024 * 1024);
    let text = with_tasks(&format!(r#"{{"id":"t","description":"{long}"}}"#));
    let p = minsheng::from_str(&text).unwrap();
    assert_eq!(p.sections[0].tasks[0].description.len(), long.len());
    assert!(through(&p).is_valid());
    // The same string where an id belongs is refused, naming the place.
    let text = with_tasks(&format!(r#"{{"id":"{}","description":"d"}}"#, &long[..10 * 1024 * 1024]));
    let e = json_error(text.as_bytes());
    assert_eq!(e.pointer, "/sections/0/tasks/0/id");
}

#[test]
fn a_million_minimal_tasks() {
    let mut tasks = String::with_capacity(40 * 1_000_000);
    for i in 0..1_000_000 {
        if i > 0 {
            tasks.push(',');
        }
        tasks.push_str(&format!(r#"{{"id":"t{i}","description":"d"}}"#));
    }
    let p = minsheng::from_str(&with_tasks(&tasks)).unwrap();
    assert_eq!(p.task_count(), 1_000_000);
    let report = through(&p);
    assert!(report.is_valid(), "{:?}", report.findings.first());
    // One duplicate among a million is found, once, where it is.
    let tasks = tasks.replacen(r#""id":"t999999""#, r#""id":"t0""#, 1);
    let p = minsheng::from_str(&with_tasks(&tasks)).unwrap();
    let dups: Vec<_> = through(&p).findings.into_iter().filter(|f| f.code == Code::DuplicateId).collect();
    assert_eq!(dups.len(), 1);
    assert_eq!(dups[0].path, "/sections/0/tasks/999999/id");
}

#[test]
fn absurd_numbers_are_refused_where_they_stand() {
    for bad in ["1e400", "-0", "79228162514264337593543950336", "1e40", "0.1"] {
        let e = json_error(with_amount(bad, "exactly").as_bytes());
        assert!(e.pointer.starts_with("/sections/0/tasks/0/targets/0/amount"), "{bad}: {}", e.pointer);
        // serde_json itself refuses 1e400 (out of range); the others get the advice to write a string.
        assert!(e.message.contains("string") || e.message.contains("out of range"), "{bad}: {}", e.message);
    }
    for bad in [r#""NaN""#, r#""79228162514264337593543950336""#, r#""1e400""#, r#""inf""#, r#""""#] {
        let e = json_error(with_amount(bad, "exactly").as_bytes());
        assert!(e.pointer.starts_with("/sections/0/tasks/0/targets/0/amount"), "{bad}: {}", e.pointer);
        assert!(e.message.contains("decimal") || e.message.contains("number"), "{bad}: {}", e.message);
    }
    // The year is an integer: 1e400 is not one.
    let e = json_error(
        br#"{"format_version":"1","id":"p","title":"t","jurisdiction":{"name":"x","level":"province"},"year":1e400}"#,
    );
    assert_eq!(e.pointer, "/year");
}

#[test]
fn minus_zero_is_zero_and_found_where_a_positive_figure_belongs() {
    let p = minsheng::from_str(&with_amount(r#""-0""#, "at_least")).unwrap();
    let amount = p.sections[0].tasks[0].targets[0].amount.as_ref().unwrap();
    assert!(amount.low().is_zero());
    let report = through(&p);
    let f = report.findings.iter().find(|f| f.code == Code::NonPositiveQuantity).expect("a finding");
    assert_eq!(f.path, "/sections/0/tasks/0/targets/0/amount");
    // "exactly 0" is a legitimate figure (清零: bring to zero).
    let p = minsheng::from_str(&with_amount(r#""-0""#, "exactly")).unwrap();
    assert!(!through(&p).has(Code::NonPositiveQuantity));
}

#[test]
fn invalid_utf8_is_a_syntax_error_with_its_place() {
    let mut bytes = with_tasks(r#"{"id":"t","description":"民生"}"#).into_bytes();
    let at = bytes.windows(3).position(|w| w == "民".as_bytes()).unwrap();
    bytes[at + 1] = 0xFF;
    let e = json_error(&bytes);
    assert_eq!(e.problem, JsonProblem::Syntax);
    assert!(e.message.contains("not valid UTF-8"), "{}", e.message);
    assert_eq!(e.line, 1);
    assert!(e.column > 0);
}

#[test]
fn a_bom_is_skipped_once_and_only_at_the_start() {
    let text = with_tasks(r#"{"id":"t","description":"d"}"#);
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    assert_eq!(minsheng::from_slice(&with_bom).unwrap(), minsheng::from_str(&text).unwrap());
    let twice = [b"\xEF\xBB\xBF\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    assert_eq!(json_error(&twice).problem, JsonProblem::Syntax);
}

#[test]
fn duplicate_keys_are_refused_everywhere_extra_included() {
    let e = json_error(with_tasks(r#"{"id":"t","id":"u","description":"d"}"#).as_bytes());
    assert!(e.message.contains("duplicate field `id`"), "{}", e.message);
    assert_eq!(e.pointer, "/sections/0/tasks/0");
    let e = json_error(format!(r#"{HEAD},"extra":{{"row":1,"row":2}}}}"#).as_bytes());
    assert!(e.message.contains("duplicate key `row`"), "{}", e.message);
    assert_eq!(e.pointer, "/extra");
}

#[test]
fn ids_are_ascii_so_unicode_look_alikes_cannot_collide() {
    // Full-width ｔ１ would fold to t1 under NFKC: it is refused, not merged.
    let e = json_error(with_tasks(r#"{"id":"t1","description":"d"},{"id":"ｔ１","description":"d"}"#).as_bytes());
    assert_eq!(e.pointer, "/sections/0/tasks/1/id");
    // So are a combining accent and a zero-width space.
    for id in ["te\u{301}", "t\u{200B}1"] {
        let e = json_error(with_tasks(&format!(r#"{{"id":"{id}","description":"d"}}"#)).as_bytes());
        assert_eq!(e.pointer, "/sections/0/tasks/0/id", "{id:?}");
    }
}

#[test]
fn unit_names_that_collide_after_width_folding_are_found() {
    let units = r#""units":[{"id":"a","name":"国网ABC供电公司","kind":"enterprise"},{"id":"b","name":"国网ＡＢＣ供电公司","kind":"enterprise"}]"#;
    let text = format!(
        r#"{HEAD},{units},"sections":[{{"id":"s","title":"s","tasks":[{{"id":"t","description":"d","responsibilities":[{{"unit":"a","role":"lead"}},{{"unit":"b","role":"cooperating"}}]}}]}}]}}"#
    );
    let p = minsheng::from_str(&text).unwrap();
    let report = through(&p);
    let f = report.findings.iter().find(|f| f.code == Code::ConfusableNames).expect("a finding");
    assert_eq!(f.path, "/units/1/name");
    assert!(f.message.contains("国网ＡＢＣ供电公司") && f.message.contains("国网ABC供电公司"), "{}", f.message);
}

#[test]
fn a_json_pointer_hostile_id_is_refused_and_pointers_stay_escaped() {
    let e = json_error(with_tasks(r#"{"id":"a/b~c","description":"d"}"#).as_bytes());
    assert_eq!(e.pointer, "/sections/0/tasks/0/id");
    assert!(e.message.contains("a/b~c"), "{}", e.message);
    // A field name with / and ~ appears escaped (RFC 6901) in pointers.
    let e = json_error(format!(r#"{HEAD},"extra":{{"a/b~c":[1,}}}}"#).as_bytes());
    assert_eq!(e.pointer, "/extra/a~1b~0c");
}

#[test]
fn impossible_dates_are_refused() {
    for date in ["2021-02-30", "2021-13-01", "2021-00-10", "20210301", "2021-02-29", "2021-02-3x"] {
        let text = format!(r#"{HEAD},"document":{{"written":"{date}"}}}}"#);
        let e = json_error(text.as_bytes());
        assert_eq!(e.pointer, "/document/written", "{date}");
        assert!(e.message.contains("YYYY-MM-DD"), "{date}: {}", e.message);
    }
    // 2020 was a leap year.
    let p = minsheng::from_str(&format!(r#"{HEAD},"document":{{"written":"2020-02-29"}}}}"#)).unwrap();
    assert!(p.document.written.is_some());
}

#[test]
fn quadratic_traps_stay_linear() {
    // 20 000 units sharing one alias: every later one clashes, and the
    // workload merges them all into the first without rescanning its aliases.
    let mut units = Vec::new();
    for i in 0..20_000 {
        units.push(format!(r#"{{"id":"u{i}","name":"单位{i}","aliases":["同名"],"kind":"department"}}"#));
    }
    let text = format!(r#"{HEAD},"units":[{}]}}"#, units.join(","));
    let p = minsheng::from_str(&text).unwrap();
    let report = through(&p);
    assert_eq!(report.findings.iter().filter(|f| f.code == Code::AliasClash).count(), 19_999);
    let workload = minsheng::aggregate::workload(&p);
    assert_eq!(workload.len(), 1);
    assert_eq!(workload[0].aliases.len(), 20_000);
    // A declared count naming 20 000 sections, among 20 000 sections.
    let sections: Vec<String> = (0..20_000)
        .map(|i| format!(r#"{{"id":"s{i}","title":"s","tasks":[{{"id":"t{i}","description":"d"}}]}}"#))
        .collect();
    let ids: Vec<String> = (0..20_000).map(|i| format!(r#""s{i}""#)).collect();
    let text = format!(
        r#"{HEAD},"sections":[{}],"declared_counts":[{{"text":"两万项","count":20000,"sections":[{}]}}]}}"#,
        sections.join(","),
        ids.join(",")
    );
    let p = minsheng::from_str(&text).unwrap();
    assert!(!through(&p).has(Code::DeclaredCountMismatch));
}

// ---------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------

#[cfg(feature = "cli")]
mod cli {
    use std::process::{Command, Output};

    fn minsheng(args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_minsheng")).args(args).output().expect("the command runs")
    }

    fn scratch(name: &str, content: &[u8]) -> String {
        let dir = std::env::temp_dir().join(format!("minsheng-hostile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, content).unwrap();
        p.to_string_lossy().into_owned()
    }

    #[test]
    fn every_command_that_reads_a_file_refuses_one_over_max_bytes() {
        let file = scratch("big.json", super::with_tasks(r#"{"id":"t","description":"d"}"#).as_bytes());
        let size = std::fs::metadata(&file).unwrap().len().to_string();
        for command in [
            &["validate", "--max-bytes", "100", &file][..],
            &["summary", "--max-bytes", "100", &file],
            &["extract", "--max-bytes", "100", &file],
        ] {
            let o = minsheng(command);
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{command:?}: {err}");
            assert!(err.contains(&file) && err.contains(&size) && err.contains("100 allowed"), "{command:?}: {err}");
            assert!(err.contains("--max-bytes"), "{err}");
        }
        assert_eq!(minsheng(&["validate", &file]).status.code(), Some(0));
    }

    #[test]
    fn hostile_files_exit_two_with_their_place() {
        let cases: [(&str, Vec<u8>, &str); 3] = [
            ("utf8.json", b"{\"format_version\":\"1\",\"id\":\"\xFF\"}".to_vec(), "not valid UTF-8"),
            ("deep.json", super::deep_tasks(5_000).into_bytes(), "recursion limit"),
            (
                "date.json",
                format!(r#"{},"document":{{"written":"2021-02-30"}}}}"#, super::HEAD).into_bytes(),
                "/document/written",
            ),
        ];
        for (name, content, needle) in cases {
            let file = scratch(name, &content);
            let o = minsheng(&["validate", &file]);
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{name}: {err}");
            assert!(err.contains(&file) && err.contains(needle), "{name}: {err}");
            assert!(!err.contains("panicked"), "{err}");
        }
    }

    #[test]
    fn many_files_come_out_in_input_order() {
        // 40 files, alternately clean, broken and unreadable, validated in parallel.
        let good = super::with_tasks(r#"{"id":"t","description":"d"}"#);
        let bad = super::with_tasks(r#"{"id":"t","description":" "}"#);
        let files: Vec<String> = (0..40)
            .map(|i| match i % 3 {
                0 => scratch(&format!("order-{i:02}.json"), good.as_bytes()),
                1 => scratch(&format!("order-{i:02}.json"), bad.as_bytes()),
                _ => scratch(&format!("order-{i:02}.json"), b"{"),
            })
            .collect();
        let mut args = vec!["validate", "--format", "json"];
        args.extend(files.iter().map(String::as_str));
        let o = minsheng(&args);
        assert_eq!(o.status.code(), Some(2));
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let paths: Vec<&str> = doc["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
        assert_eq!(paths, files.iter().map(String::as_str).collect::<Vec<_>>());
        for (i, f) in doc["files"].as_array().unwrap().iter().enumerate() {
            match i % 3 {
                0 => assert_eq!(f["valid"], true),
                1 => assert_eq!(f["valid"], false),
                _ => assert!(f["error"].is_string()),
            }
        }
        // Text output too: each file's verdict line in input order.
        let o = minsheng(&args[2..].iter().copied().fold(vec!["validate"], |mut v, a| {
            v.push(a);
            v
        }));
        let out = String::from_utf8_lossy(&o.stdout);
        let verdicts: Vec<&str> = out.lines().filter(|l| l.contains(": valid:") || l.contains(": invalid:")).collect();
        let expected: Vec<&String> = files.iter().enumerate().filter(|(i, _)| i % 3 != 2).map(|(_, f)| f).collect();
        assert_eq!(verdicts.len(), expected.len());
        for (line, file) in verdicts.iter().zip(expected) {
            assert!(line.starts_with(file.as_str()), "{line} vs {file}");
        }
    }
}
