//! What layout a text seems to have, in words, for the error a notice gets
//! when no task could be read from it.

use super::outline::marker;
use super::text::{fold_str, lines};

/// Words a table's header row uses for its columns.
pub(crate) const HEADER_WORDS: &[&str] = &[
    "序号",
    "项目名称",
    "民生实事",
    "实事名称",
    "工作任务",
    "主要任务",
    "目标任务",
    "责任单位",
    "牵头单位",
    "完成时限",
];

/// Says what the text holds that a reader would take for a task list, and
/// why the importer found none: numbered lines, a table header, cells
/// between `|`, responsibility labels, or nothing recognisable.
pub(crate) fn describe(src: &str) -> String {
    let ls = lines(src);
    let non_empty = ls.iter().filter(|l| !fold_str(l.text).is_empty()).count();
    if non_empty == 0 {
        return "the text is empty".to_owned();
    }
    let numbered = ls.iter().filter(|l| marker(l.text).is_some()).count();
    let header_words: Vec<&str> = {
        let all = fold_str(src);
        HEADER_WORDS.iter().copied().filter(|w| all.contains(w)).collect()
    };
    let piped = ls.iter().filter(|l| l.text.matches('|').count() >= 2).count();
    let labels = ["牵头", "责任单位", "配合"].iter().map(|w| src.matches(w).count()).sum::<usize>();
    let mut seen = Vec::new();
    if header_words.len() >= 2 {
        seen.push(format!("table header words ({})", header_words.join(" / ")));
    }
    if piped > 0 {
        seen.push(format!("{piped} lines of cells between |"));
    }
    if numbered > 0 {
        seen.push(format!("{numbered} numbered lines"));
    }
    if labels > 0 {
        seen.push(format!("{labels} responsibility words (牵头, 责任单位, 配合)"));
    }
    let known = "numbered items (一、 (一) 1. (1) ①) with or without responsibility clauses, headed paragraphs, \
                 and tables flattened to text under a header row (序号 / 民生实事 / 责任单位 …)";
    if seen.is_empty() {
        format!(
            "{non_empty} lines with no numbered item, table header or responsibility clause; the importer reads {known}"
        )
    } else {
        format!(
            "the text has {}, but no layout the importer reads ({known}) could be rebuilt from them",
            seen.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_what_it_sees() {
        assert_eq!(describe(""), "the text is empty");
        assert!(
            describe("序号 | 项目名称 | 责任单位\n|||\n").contains("table header words (序号 / 项目名称 / 责任单位)")
        );
        assert!(describe("今天天气很好。\n明天也好。").starts_with("2 lines with no numbered item"));
    }
}
