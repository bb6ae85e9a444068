//! Bad input gets a clear, located error, never a panic.

use minsheng::{Error, JsonProblem};

const MINIMAL: &str =
    r#"{"format_version":"1","id":"p","title":"t","jurisdiction":{"name":"青海省","level":"province"},"year":2021}"#;

fn json_error(text: &str) -> minsheng::JsonError {
    match minsheng::from_str(text) {
        Err(Error::Json(e)) => *e,
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("accepted {text:.80}"),
    }
}

#[test]
fn minimal_programme_loads() {
    let p = minsheng::from_str(MINIMAL).unwrap();
    assert_eq!(p.year, 2021);
}

#[test]
fn unknown_field_names_field_line_column_and_pointer() {
    let text = "{\n  \"format_version\": \"1\",\n  \"id\": \"p\",\n  \"title\": \"t\",\n  \"jurisdiction\": {\"name\": \"x\", \"level\": \"province\", \"colour\": 1},\n  \"year\": 2021\n}";
    let e = json_error(text);
    assert_eq!(e.problem, JsonProblem::Data);
    assert_eq!(e.line, 5);
    assert!(e.message.contains("unknown field `colour`"), "{}", e.message);
    assert!(e.pointer.starts_with("/jurisdiction"), "{}", e.pointer);
    assert!(e.to_string().starts_with("5:"), "{e}");
}

#[test]
fn wrong_types_are_located() {
    let e = json_error(&MINIMAL.replace("\"year\":2021", "\"year\":\"2021\""));
    assert_eq!(e.pointer, "/year");
    assert!(e.message.contains("invalid type"), "{}", e.message);
}

#[test]
fn truncated_and_empty_input() {
    assert_eq!(json_error("").problem, JsonProblem::Eof);
    assert_eq!(json_error(&MINIMAL[..MINIMAL.len() / 2]).problem, JsonProblem::Eof);
    assert_eq!(json_error("   \n").problem, JsonProblem::Eof);
    assert_eq!(json_error("{]").problem, JsonProblem::Syntax);
    assert!(json_error(&format!("{MINIMAL} {{}}")).message.contains("trailing"));
}

#[test]
fn absurd_numbers_are_refused_with_advice() {
    for bad in ["1e40", "\"NaN\"", "\"79228162514264337593543950336\"", "1e400", "-0.5"] {
        let text = MINIMAL.replace(
            "\"year\":2021",
            &format!("\"year\":2021,\"sections\":[{{\"id\":\"s\",\"title\":\"s\",\"tasks\":[{{\"id\":\"t\",\"description\":\"d\",\"targets\":[{{\"id\":\"x\",\"subject\":\"s\",\"phrase\":\"p\",\"measure\":{{\"kind\":\"percent\"}},\"amount\":{{\"comparator\":\"exactly\",\"value\":{bad}}}}}]}}]}}]"),
        );
        let e = json_error(&text);
        assert!(e.pointer.contains("/sections/0/tasks/0/targets/0/amount"), "{bad}: {}", e.pointer);
    }
    let e = json_error(&MINIMAL.replace("\"year\":2021", "\"year\":1e40"));
    assert_eq!(e.pointer, "/year");
}

#[test]
fn invalid_utf8_and_bom() {
    let mut bytes = MINIMAL.as_bytes().to_vec();
    let at = bytes.iter().position(|b| *b == b't').unwrap();
    bytes.insert(at, 0xFF);
    assert!(minsheng::from_slice(&bytes).is_err());
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), MINIMAL.as_bytes()].concat();
    assert!(minsheng::from_slice(&with_bom).is_ok());
}

#[test]
fn duplicate_keys_are_refused() {
    let e = json_error(&MINIMAL.replace("\"year\":2021", "\"year\":2021,\"year\":2022"));
    assert!(e.message.contains("duplicate field `year`"), "{}", e.message);
}

#[test]
fn hostile_ids_and_dates() {
    let e = json_error(&MINIMAL.replace("\"id\":\"p\"", "\"id\":\"a/b~c\""));
    assert_eq!(e.pointer, "/id");
    let e = json_error(&MINIMAL.replace("\"year\":2021", "\"year\":2021,\"document\":{\"written\":\"2021-02-30\"}"));
    assert_eq!(e.pointer, "/document/written");
}

#[test]
fn a_fifty_megabyte_description_loads_without_loss() {
    let long = "民".repeat(50 * 1024 * 1024 / 3);
    let text = MINIMAL.replace(
        "\"year\":2021",
        &format!("\"year\":2021,\"sections\":[{{\"id\":\"s\",\"title\":\"s\",\"tasks\":[{{\"id\":\"t\",\"description\":\"{long}\"}}]}}]"),
    );
    let p = minsheng::from_str(&text).unwrap();
    assert_eq!(p.sections[0].tasks[0].description.len(), long.len());
    assert!(minsheng::validate(&p).is_valid());
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let mut task = String::from("{\"id\":\"t\",\"description\":\"d\"}");
    for i in 0..200 {
        task = format!("{{\"id\":\"t{i}\",\"description\":\"d\",\"subtasks\":[{task}]}}");
    }
    let text = MINIMAL.replace(
        "\"year\":2021",
        &format!("\"year\":2021,\"sections\":[{{\"id\":\"s\",\"title\":\"s\",\"tasks\":[{task}]}}]"),
    );
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || minsheng::from_str(&text).is_err())
        .unwrap();
    assert!(handle.join().unwrap(), "deep nesting must be an error");
}

#[test]
fn extra_keeps_custom_data_byte_for_byte() {
    let text = MINIMAL
        .replace("\"year\":2021", "\"year\":2021,\"extra\":{\"row\":12345678901234567890123,\"note\":{\"a\":[1,2]}}");
    let p = minsheng::from_str(&text).unwrap();
    assert_eq!(p.extra.get("row").unwrap().get(), "12345678901234567890123");
    let out = serde_json::to_string(&p).unwrap();
    assert!(out.contains("\"row\":12345678901234567890123"));
}

#[test]
fn oversized_files_are_refused() {
    let dir = std::env::temp_dir().join(format!("minsheng-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("p.json");
    std::fs::write(&path, MINIMAL).unwrap();
    assert!(matches!(minsheng::from_path(&path, 10), Err(Error::TooLarge { .. })));
    assert!(minsheng::from_path(&path, 10_000).is_ok());
    assert!(matches!(minsheng::from_path(dir.join("missing.json"), 10), Err(Error::Io { .. })));
    let _ = std::fs::remove_dir_all(dir);
}

/// A programme over a megabyte is read side by side (feature `parallel`):
/// it loads to what serde_json reads on one thread, and a broken one gets
/// the located error a small one gets.
#[test]
fn a_large_programme_loads_as_one_thread_reads_it_and_says_where_it_is_broken() {
    let p = minsheng::generate::programme(&minsheng::generate::Options { tasks: 1500, seed: 11 });
    let text = minsheng::to_string_pretty(&p).unwrap();
    assert!(text.len() > 2 << 20, "{} bytes: too small to be read side by side", text.len());
    let one_thread: minsheng::Programme = serde_json::from_str(&text).unwrap();
    assert_eq!(minsheng::from_str(&text).unwrap(), one_thread);
    assert_eq!(minsheng::from_slice(text.as_bytes()).unwrap(), one_thread);
    // A task near the end, whose text is read by another thread.
    let section = p.sections.len() - 1;
    let task = p.sections[section].tasks.len() - 2;
    let id = p.sections[section].tasks[task].id.to_string();
    let at = text.find(&format!("\"id\": \"{id}\"")).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let broken = format!("{}\"id\": \"{id}\", \"colour\": 1{}", &text[..at], &text[at + id.len() + 8..]);
    let e = json_error(&broken);
    assert_eq!(e.pointer, format!("/sections/{section}/tasks/{task}/colour"));
    assert_eq!(e.line, line);
    assert!(e.message.contains("unknown field `colour`"), "{}", e.message);
}
