//! `minsheng::import`: real-text quirks, diagnostics with spans, drafts that
//! validate (against the rules and the committed schema), and a property:
//! importing any text never panics and every span is a char-boundary range
//! of the input.

use std::path::Path;

use minsheng::import::{Diagnostic, DiagnosticKind, Import, notice};
use minsheng::{Role, Task};
use proptest::prelude::*;

use crate::support::seeds;

use seeds::{NOTICES, seed};

fn spans_are_sound(text: &str, import: &Import) {
    for d in &import.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{d}: outside the input of {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "{d}: not on char boundaries"
        );
        assert!(!d.reason.is_empty());
    }
}

fn tasks(i: &Import) -> Vec<&Task> {
    i.programme.tasks().collect()
}

fn unit_names(i: &Import, t: &Task, role: Role) -> Vec<String> {
    t.units_with(role).map(|id| i.programme.unit(id).map(|u| u.name.clone()).unwrap_or_default()).collect()
}

const SMALL: &str = "青海省人民政府办公厅\n关于2021年民生实事工程任务分工的通知\n青政办〔2021〕24号\n\
一、主要任务及分工\n(一)就业促进工程。\n\
1.开展职业技能培训10万人次。(省人力资源社会保障厅牵头，省妇联配合)\n\
2.全省城镇新增就业6万人，实施(开工)5.15万套城镇老旧小区改造项目。(省人力资源社会保障厅牵头)\n\
(二)教育提质工程。\n\
3.新建、改扩建21所幼儿园。(省教育厅牵头，各市州人民政府配合)\n\
二、相关要求\n(一)狠抓任务落实。各地区要加强组织领导。\n";

#[test]
fn a_small_notice_imports_whole() {
    let i = notice(SMALL);
    let p = &i.programme;
    assert_eq!(p.title, "关于2021年民生实事工程任务分工的通知");
    assert_eq!(p.document.number.as_ref().map(ToString::to_string).as_deref(), Some("青政办〔2021〕24号"));
    assert_eq!((p.jurisdiction.name.as_str(), p.jurisdiction.level), ("青海省", minsheng::AdminLevel::Province));
    assert_eq!(p.sections.len(), 2);
    let ts = tasks(&i);
    assert_eq!(ts.iter().map(|t| t.number.as_ref().unwrap().to_string()).collect::<Vec<_>>(), ["1", "2", "3"]);
    assert_eq!(unit_names(&i, ts[0], Role::Cooperating), ["省妇联"]);
    assert_eq!(ts[1].targets.len(), 2);
    assert_eq!(ts[0].description, "开展职业技能培训10万人次。");
    assert_eq!(ts[0].responsibility_text.as_deref(), Some("(省人力资源社会保障厅牵头，省妇联配合)"));
    assert_eq!(p.units.len(), 5, "the issuer and four units: {:?}", p.units);
    assert_eq!(p.units[0].level, Some(minsheng::AdminLevel::Province));
    assert_eq!(p.passages.iter().filter(|x| x.heading.as_deref() == Some("二、相关要求")).count(), 1);
    assert!(minsheng::validate(p).errors().next().is_none());
    assert!(i.diagnostics.is_empty(), "{:?}", i.diagnostics);
}

#[test]
fn crlf_bom_and_lone_cr_give_the_same_programme() {
    let plain = notice(SMALL);
    for variant in [SMALL.replace('\n', "\r\n"), format!("\u{feff}{SMALL}"), SMALL.replace('\n', "\r")] {
        let i = notice(&variant);
        spans_are_sound(&variant, &i);
        let view = |i: &Import| -> Vec<String> {
            i.programme
                .tasks()
                .map(|t| format!("{:?}{}{:?}{:?}{:?}", t.number, t.description, t.title, t.targets, t.responsibilities))
                .collect()
        };
        assert_eq!(view(&i), view(&plain));
        assert_eq!(i.programme.sections.len(), plain.programme.sections.len());
        assert_eq!(i.programme.units, plain.programme.units);
    }
}

#[test]
fn full_width_stray_spaces_and_traditional_characters() {
    let text = "一、主要任务\n（一）住房保障工程\n４. 实施城镇老旧小区改造 2890 套。（市住建局牽頭，市發改委、各縣區人民政府配合）\n";
    let i = notice(text);
    let t = tasks(&i)[0];
    assert_eq!(t.number.as_ref().unwrap().to_string(), "4");
    assert_eq!(t.description, "实施城镇老旧小区改造 2890 套。", "descriptions stay verbatim");
    assert_eq!(t.targets.len(), 1);
    assert_eq!(unit_names(&i, t, Role::Lead), ["市住建局"]);
    assert_eq!(unit_names(&i, t, Role::Cooperating), ["市發改委", "各縣區人民政府"]);
    let county = i.programme.units.iter().find(|u| u.name == "各縣區人民政府").unwrap();
    assert!(county.is_collective(), "collectives are recognised in traditional characters too");
}

#[test]
fn a_line_break_inside_a_unit_name() {
    // 海东 task 12: the clause breaks inside 市住房城乡建设局.
    let text = "海东市人民政府办公室文件\n一、主要任务\n(五)乡村振兴工程\n12. 实施 129 个和美乡村建设项目。（市住房城乡建设\n\n局牵头，市农业农村局、各县区人民政府配合）\n13. 新建高标准农田4万亩以上。（市自然资源规划局、农业农村局牵头，各县区人民政府配合）\n";
    let i = notice(text);
    let ts = tasks(&i);
    assert_eq!(ts.len(), 2);
    assert_eq!(unit_names(&i, ts[0], Role::Lead), ["市住房城乡建设局"]);
    assert_eq!(ts[0].description, "实施 129 个和美乡村建设项目。");
    // 农业农村局 without its prefix is 市农业农村局.
    let agri = i.programme.units.iter().find(|u| u.name == "市农业农村局").unwrap();
    assert_eq!(agri.aliases, ["农业农村局"]);
    assert_eq!(ts[1].leads().count(), 2);
}

#[test]
fn furniture_is_skipped_and_reported() {
    let text = "首页\n您当前所在的位置: 首页 >> 公开信息内容\n一、主要任务\n(一)就业\n1.城镇新增就业4万人。(牵头单位:州人社局)\n扫一扫在手机打开当前页\n图解\n";
    let i = notice(text);
    spans_are_sound(text, &i);
    let furniture: Vec<&str> =
        i.diagnostics.iter().filter(|d| d.kind == DiagnosticKind::Furniture).map(|d| &text[d.span.clone()]).collect();
    assert_eq!(furniture, ["首页", "您当前所在的位置: 首页 >> 公开信息内容", "扫一扫在手机打开当前页", "图解"]);
    assert_eq!(tasks(&i).len(), 1);
    assert!(i.programme.passages.iter().all(|p| !p.text.contains("扫一扫")));
}

#[test]
fn what_is_not_placed_is_reported_with_span_and_reason() {
    let text = "一、主要任务\n(一)就业\n1.城镇新增就业4万人,开通12345热线服务5G基站。(州人社局,牵头单位:州人社局)\n2.推进工作。\n";
    let i = notice(text);
    spans_are_sound(text, &i);
    let by_kind = |k: DiagnosticKind| -> Vec<&Diagnostic> { i.diagnostics.iter().filter(|d| d.kind == k).collect() };
    let clause = by_kind(DiagnosticKind::UnreadClause);
    assert_eq!(clause.len(), 1, "{:?}", i.diagnostics);
    assert_eq!(&text[clause[0].span.clone()], "州人社局");
    assert_eq!(clause[0].task.as_deref(), Some("1"));
    let unclaused = by_kind(DiagnosticKind::NoClause);
    assert_eq!(unclaused.len(), 1);
    assert_eq!(&text[unclaused[0].span.clone()], "推进工作。");
    assert_eq!(unclaused[0].line, 4);
}

#[test]
fn figures_the_parser_did_not_read_are_reported() {
    let text = "一、重点工作\n(一)民生。完成第七次调查,做好9600吨州级储备粮以及1161吨州级临储粮的储备工作。(牵头单位:州粮食局)\n";
    let i = notice(text);
    spans_are_sound(text, &i);
    let t = tasks(&i)[0];
    let covered: Vec<String> = t.targets.iter().map(|x| x.phrase.clone()).collect();
    for d in i.diagnostics.iter().filter(|d| d.kind == DiagnosticKind::UnreadFigure) {
        let figure = &text[d.span.clone()];
        assert!(figure.chars().all(|c| c.is_ascii_digit() || c == '.'), "{figure}");
        assert!(covered.iter().all(|p| !p.contains(&format!("{figure}吨"))), "{figure} was read and reported");
    }
}

#[test]
fn every_convention_of_responsibility() {
    let text = "一、主要任务\n(一)工作\n\
1.甲。(省教育厅牵头，省妇联配合)\n\
2.乙。(牵头部门:州教育体育局;责任单位:州财政局,10县市人民政府)\n\
3.丙。(牵头单位:州卫健委,责任单位:州教育局,各市、县人民政府)\n\
4.丁。(责任单位:州发改委、州工信局)\n\
5.戊。(省文化和旅游厅、省广电局根据职责分别负责)\n\
6.己。(牵头单位:市体育局)\n\
7.庚。责任单位:市教育局、市财政局、各县区人民政府(列第一位者为牵头单位)\n";
    let i = notice(text);
    let ts = tasks(&i);
    let roles = |k: usize, r: Role| unit_names(&i, ts[k], r);
    assert_eq!((roles(0, Role::Lead), roles(0, Role::Cooperating)), (vec!["省教育厅".into()], vec!["省妇联".into()]));
    assert_eq!(roles(1, Role::Cooperating), ["州财政局", "10县市人民政府"]);
    assert_eq!(roles(2, Role::Cooperating), ["州教育局", "各市、县人民政府"]);
    assert!(roles(3, Role::Lead).is_empty());
    assert!(roles(3, Role::Cooperating).is_empty());
    assert_eq!(roles(3, Role::Responsible), ["州发改委", "州工信局"], "责任单位 with no lead named");
    assert_eq!(roles(4, Role::Joint), ["省文化和旅游厅", "省广电局"]);
    assert_eq!(roles(5, Role::Lead), ["市体育局"]);
    assert_eq!(roles(6, Role::Lead), ["市教育局"]);
    assert_eq!(roles(6, Role::Cooperating), ["市财政局", "各县区人民政府"]);
    assert_eq!(ts[6].description, "庚。");
    let placed = |d: &&Diagnostic| !matches!(d.kind, DiagnosticKind::MissingMetadata | DiagnosticKind::Assumed);
    assert!(i.diagnostics.iter().find(placed).is_none(), "{:?}", i.diagnostics);
    assert_eq!(i.diagnostics.len(), 5, "no title, number or issuer; year and level assumed: {:?}", i.diagnostics);
}

#[test]
fn the_seeds_import_to_drafts_that_validate() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/programme.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft202012::options().should_validate_formats(true).build(&schema).unwrap();
    for (file, _) in NOTICES {
        let Some(text) = seed(file) else { return };
        let i = notice(&text);
        spans_are_sound(&text, &i);
        let report = minsheng::validate(&i.programme);
        let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{file}: {errors:#?}");
        let json: serde_json::Value = serde_json::to_value(&i.programme).unwrap();
        let bad: Vec<String> = validator.iter_errors(&json).map(|e| format!("{e} at {}", e.instance_path)).collect();
        assert!(bad.is_empty(), "{file}: {bad:#?}");
        assert_eq!(i.programme.provenance.as_ref().and_then(|p| p.method), Some(minsheng::Method::Import));
        // Every description is a verbatim piece of the notice (line breaks aside).
        let flat: String = text.chars().filter(|c| *c != '\n' && *c != '\r').collect();
        for t in i.programme.tasks() {
            assert!(flat.contains(&t.description), "{file}: task {} description is not verbatim", t.label());
        }
    }
}

#[test]
fn the_seeds_header_metadata() {
    let Some(text) = seed("001_b4e65384de7791a1.txt") else { return };
    let p = notice(&text).programme;
    assert_eq!(p.year, 2024);
    assert_eq!(p.document.number.as_ref().map(ToString::to_string).as_deref(), Some("东政办〔2024〕26号"));
    assert_eq!(p.document.written.map(|d| d.to_string()).as_deref(), Some("2024-03-20"));
    assert_eq!(p.document.published.map(|d| d.to_string()).as_deref(), Some("2024-03-21"));
    let parent = p.parent.as_ref().unwrap();
    assert_eq!(parent.number.as_ref().map(ToString::to_string).as_deref(), Some("青办字〔2024〕35号"));
    assert_eq!(p.jurisdiction.name, "海东市");
    let reports = &p.reporting;
    assert!(reports.iter().any(|r| r.due.len() == 4), "{reports:#?}");
    let Some(text) = seed("003_625752342c267127.txt") else { return };
    let p = notice(&text).programme;
    assert_eq!(
        p.phases.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(),
        ["制定方案阶段", "组织实施阶段", "检查考核阶段"]
    );
    assert!(p.reporting.iter().any(|r| r.frequency == Some(minsheng::Frequency::Monthly)));
    assert_eq!(p.document.index_number.as_deref(), Some("115323000151673132-/2021-0204011"));
    // The leading group, with 州扶贫办 listed twice as the notice does.
    let group = p.leading_group.as_ref().and_then(|g| p.unit(g)).unwrap();
    assert_eq!((group.name.as_str(), group.head.as_deref()), ("工作领导小组", Some("副州长杨虹")));
    assert_eq!(group.members.len(), 27);
    let report = minsheng::validate(&p);
    assert!(report.findings.iter().any(|f| f.message.contains("州扶贫办")), "the repeated member is found");
    let Some(text) = seed("004_d9080f6e0a416e73.txt") else { return };
    let p = notice(&text).programme;
    let period = p.period.unwrap();
    assert_eq!((period.start.to_string(), period.end.to_string()), ("2020-10-01".into(), "2020-12-31".into()));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text_imports_without_panic_and_spans_are_sound(text in "\\PC{0,300}") {
        let i = notice(&text);
        spans_are_sound(&text, &i);
    }

    #[test]
    fn notice_like_text_imports_without_panic(parts in proptest::collection::vec(prop_oneof![
        Just("一、"), Just("(一)"), Just("（二）"), Just("1."), Just("2、"), Just("(1)"), Just("①"), Just("一是"),
        Just("牵头"), Just("配合"), Just("责任单位:"), Just("(列第一位者为牵头单位)"), Just("("), Just(")"), Just("（"),
        Just("）"), Just("，"), Just("、"), Just("。"), Just("\n"), Just("\r\n"), Just("\u{feff}"), Just(" "), Just("首页"),
        Just("省教育厅"), Just("各市、县人民政府"), Just("10万人次"), Just("85%"), Just("年底前"), Just("3月22日前"),
        Just("青政办〔2021〕24号"), Just("关于"), Just("通知"), Just("2021年3月19日"), Just("阶段(2021年2月底前)"),
        Just("分别于"), Just("报"), Just("等19个项目"), Just("继续实施"), Just("19项")
    ], 0..60)) {
        let text: String = parts.concat();
        let i = notice(&text);
        spans_are_sound(&text, &i);
    }
}

#[test]
fn top_level_items_and_declared_counts() {
    // Tasks numbered 一、 themselves, in a section without a heading.
    let text = "某市人民政府\n关于2022年民生实事的通知\n一、新建幼儿园5所。(市教育局牵头)\n二、改造老旧小区1000套。(市住建局牵头，各县区人民政府配合)\n三、工作要求\n各地要抓好落实。\n";
    let i = notice(text);
    let p = &i.programme;
    assert_eq!(p.sections.len(), 1);
    let numbers: Vec<String> = p.tasks().map(|t| t.number.as_ref().unwrap().to_string()).collect();
    assert_eq!(numbers, ["一", "二"]);
    assert_eq!(p.passages.iter().filter(|x| x.heading.as_deref() == Some("三、工作要求")).count(), 1);
    assert!(minsheng::validate(p).errors().next().is_none());
    // Sections that declare their counts, tasks numbered 1、.
    let text = "一、促进就业(3项)\n1、新增就业1万人。(市人社局牵头)\n2、培训5000人次。(市人社局牵头)\n3、援助就业困难人员。(市人社局牵头)\n二、保障措施\n加强领导。\n";
    let i = notice(text);
    let s = &i.programme.sections[0];
    assert_eq!((s.title.as_str(), s.declared_count, s.tasks.len()), ("促进就业(3项)", Some(3), 3));
    assert_eq!(i.programme.sections.len(), 1, "保障措施 sets out no task");
}

/// Nothing of a task's text is dropped: a leaf task's source, spaces aside,
/// is its number, title, description and clause, and punctuation between them.
#[test]
fn nothing_of_a_task_is_dropped() {
    let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for (file, _) in NOTICES {
        let Some(text) = seed(file) else { return };
        let i = notice(&text);
        for t in i.programme.tasks().filter(|t| t.subtasks.is_empty()) {
            let Some((Some(start), Some(end))) = t.source.as_ref().map(|s| (s.start, s.end)) else { continue };
            let mut rest = strip(&text[start as usize..end as usize]);
            for piece in
                [t.title.as_deref().unwrap_or(""), &t.description, t.responsibility_text.as_deref().unwrap_or("")]
            {
                let piece = strip(piece);
                if !piece.is_empty() {
                    assert!(rest.contains(&piece), "{file}: task {} lost {piece:?}", t.label());
                    rest = rest.replacen(&piece, "", 1);
                }
            }
            let marker = "0123456789０１２３４５６７８９一二三四五六七八九十()（）.、．①②③④⑤⑥⑦⑧⑨⑩是";
            let rest: String =
                rest.trim_start_matches(|c| marker.contains(c)).chars().filter(|c| !"。.".contains(*c)).collect();
            assert!(rest.is_empty(), "{file}: task {}: {rest:?} became nothing", t.label());
        }
    }
}

// Issue 14: data once lost without a word.

/// A notice with `n` numbered tasks under one heading.
fn numbered_notice(n: usize) -> String {
    let mut s = String::from("关于2021年民生实事的通知\n一、主要任务\n");
    for k in 1..=n {
        s.push_str(&format!("{k}.新建幼儿园{}所。(市教育局牵头)\n", k % 9 + 1));
    }
    s
}

/// Tasks numbered 100 and above are tasks, not the tail of task 99.
#[test]
fn tasks_numbered_past_99_are_kept() {
    for n in [105, 1_200] {
        let i = notice(&numbered_notice(n));
        let numbers: Vec<String> =
            tasks(&i).iter().map(|t| t.number.as_ref().map(ToString::to_string).unwrap_or_default()).collect();
        assert_eq!(numbers.len(), n);
        assert_eq!(numbers.last().map(String::as_str), Some(n.to_string().as_str()));
        assert!(tasks(&i).iter().all(|t| t.targets.len() == 1));
    }
}

/// Zero-width spaces and direction marks at line starts and inside figures
/// and names change nothing.
#[test]
fn format_characters_are_read_past() {
    let plain = "关于2021年民生实事的通知\n一、主要任务\n1.开展培训10万人次，新建幼儿园21所。(省妇联牵头)\n2.建设步道3条。(省妇联牵头，省体育局配合)\n";
    let base = notice(plain);
    for zw in ['\u{200b}', '\u{200e}', '\u{200f}', '\u{2060}'] {
        let text = plain
            .replace('\n', &format!("\n{zw}"))
            .replace("10万", &format!("1{zw}0万"))
            .replace("21所", &format!("2{zw}1所"));
        let text = text.replacen("(省妇联", &format!("({zw}省妇联"), 1);
        let i = notice(&text);
        spans_are_sound(&text, &i);
        let view = |i: &Import| -> Vec<(String, Vec<String>)> {
            tasks(i)
                .iter()
                .map(|t| {
                    let values = t
                        .targets
                        .iter()
                        .map(|x| x.amount.as_ref().map(|a| a.low().normalize().to_string()).unwrap_or_default())
                        .collect();
                    (t.number.as_ref().map(ToString::to_string).unwrap_or_default(), values)
                })
                .collect()
        };
        assert_eq!(view(&i), view(&base), "{:?}", zw.escape_unicode().to_string());
        let units: Vec<&str> = i.programme.units.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(units.iter().filter(|u| u.contains("妇联")).count(), 1, "{units:?}");
    }
}

/// A list under no 二、主要任务 heading: (一)… straight away, and 1.… straight away.
#[test]
fn a_list_without_a_heading_is_read() {
    let sections = "关于2021年民生实事的通知\n(一)就业促进工程。\n1.开展培训10万人次。(省人社厅牵头)\n2.新增就业6万人。(省人社厅牵头)\n(二)教育提质工程。\n3.新建幼儿园21所。(省教育厅牵头)\n二、工作要求\n各地要加强领导。\n";
    let i = notice(sections);
    assert_eq!(i.programme.task_count(), 3);
    assert_eq!(i.programme.sections.len(), 2);
    assert!(i.programme.passages.iter().any(|p| p.heading.as_deref() == Some("二、工作要求")));
    let flat =
        "关于2021年民生实事的通知\n各县区:\n1.开展培训10万人次。(县人社局牵头)\n2.新建幼儿园21所。(县教育局牵头)\n";
    assert_eq!(notice(flat).programme.task_count(), 2);
    if let Some(text) = seed("000_c6ffd16a5694e4a3.txt") {
        let without = text.replace("二、主要任务及分工", "");
        assert_eq!(notice(&without).programme.task_count(), 45);
        let without = without.replace("一、总体思路", "");
        assert_eq!(notice(&without).programme.task_count(), 45);
    }
}

/// An empty or headerless text invents nothing silently: what is assumed is said.
#[test]
fn assumptions_are_reported() {
    for text in ["", "\n\n", "一、主要任务\n1.新建幼儿园5所。(县教育局牵头)\n"] {
        let i = notice(text);
        let assumed: Vec<&Diagnostic> = i.diagnostics.iter().filter(|d| d.kind == DiagnosticKind::Assumed).collect();
        assert!(assumed.iter().any(|d| d.reason.contains("year") && d.reason.contains("2000")), "{assumed:?}");
        assert!(assumed.iter().any(|d| d.reason.contains("level prefecture is assumed")), "{assumed:?}");
    }
    let i = notice_with_year("一、主要任务\n1.新建幼儿园5所。(县教育局牵头)\n", 2021);
    assert!(!i.diagnostics.iter().any(|d| d.kind == DiagnosticKind::Assumed && d.reason.contains("year")));
}

fn notice_with_year(text: &str, year: i32) -> Import {
    minsheng::import::notice_with(text, &minsheng::import::Options::default().year(year))
}

/// One generated line of a notice: a numbered item at a level, or noise.
#[derive(Debug, Clone)]
enum GenLine {
    /// An item at level 0..4 (一、 (一) 1. (1) ①), with a body word, an
    /// optional clause and an optional jump of its number.
    Item { level: usize, word: usize, clause: bool, jump: bool },
    /// A line without a number.
    Plain { word: usize },
    /// A blank line.
    Blank,
}

const WORDS: &[&str] = &[
    "新建幼儿园5所",
    "开展职业技能培训10万人次",
    "推进老旧小区改造",
    "总体要求",
    "主要任务",
    "改造农村公路20公里,其中:(1)县道5公里",
    "各地要加强领导",
    "农村危房改造:(1)鉴定3000户(2)改造2000户",
    "工作要求",
    "城镇新增就业4万人",
];

fn gen_line() -> impl Strategy<Value = GenLine> {
    prop_oneof![
        4 => (0usize..4, 0..WORDS.len(), any::<bool>(), prop::bool::weighted(0.1))
            .prop_map(|(level, word, clause, jump)| GenLine::Item { level, word, clause, jump }),
        1 => (0..WORDS.len()).prop_map(|word| GenLine::Plain { word }),
        1 => Just(GenLine::Blank),
    ]
}

/// Writes the lines as a notice, numbering each level in sequence (a jump
/// takes an Arabic list past 99).
fn write_notice(lines: &[GenLine]) -> String {
    let mut counters = [0u32; 4];
    let mut out = String::from("关于2021年民生实事的通知\n");
    for l in lines {
        match l {
            GenLine::Item { level, word, clause, jump } => {
                if *jump && *level == 2 {
                    counters[2] = counters[2].max(97);
                }
                counters[*level] += 1;
                for c in counters.iter_mut().skip(level + 1) {
                    *c = 0;
                }
                let n = counters[*level];
                let zh = minsheng_numeral(n);
                let marker = match level {
                    0 => format!("{zh}、"),
                    1 => format!("({zh})"),
                    2 => format!("{n}."),
                    _ => char::from_u32(0x2460 + (n - 1).min(19)).map_or(format!("({n})"), String::from),
                };
                let clause = if *clause { "(县教育局牵头,县财政局配合)" } else { "" };
                out.push_str(&format!("{marker}{}。{clause}\n", WORDS[*word]));
            }
            GenLine::Plain { word } => out.push_str(&format!("{}。\n", WORDS[*word])),
            GenLine::Blank => out.push('\n'),
        }
    }
    out
}

/// 1 → 一, 12 → 十二, 21 → 二十一 (numbers up to 99).
fn minsheng_numeral(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_owned(),
        10..=19 => format!("十{}", D[(n % 10) as usize]),
        _ => format!("{}十{}", D[(n / 10 % 10) as usize], D[(n % 10) as usize]),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Every item numbered in the text is in the draft — a task starting at
    /// its number, a section, or inside a passage kept as text — or inside a
    /// diagnostic: no numbered item is folded into a task without a word. And the draft's account
    /// covers every character of its task-bearing part, read or reported.
    #[test]
    fn every_numbered_item_is_in_the_draft_or_a_diagnostic(lines in prop::collection::vec(gen_line(), 1..40)) {
        let text = write_notice(&lines);
        let i = notice(&text);
        spans_are_sound(&text, &i);
        let p = &i.programme;
        let starts: Vec<usize> = p.tasks().filter_map(|t| t.source.as_ref()?.start).map(|s| s as usize).collect();
        let passages: Vec<(usize, usize)> = p
            .passages
            .iter()
            .filter_map(|x| Some((x.source.as_ref()?.start? as usize, x.source.as_ref()?.end? as usize)))
            .collect();
        let headings: Vec<String> = p.sections.iter().map(|s| s.title.clone()).collect();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let start = at;
            at += line.len();
            let body = line.trim_end();
            let Some(k) = body.find(|c: char| "、)。".contains(c)) else { continue };
            let numbered = body.starts_with(|c: char| "一二三四五六七八九十(①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".contains(c) || c.is_ascii_digit());
            if !numbered || k > 12 {
                continue;
            }
            let rest = body[k..].trim_start_matches(|c: char| "、)。.".contains(c));
            let as_item = starts.contains(&start) || passages.iter().any(|(a, b)| *a <= start && start < *b);
            let as_section = headings.iter().any(|h| !rest.is_empty() && h.contains(rest.trim_end_matches('。').split('。').next().unwrap_or(rest)));
            let diagnosed = i.diagnostics.iter().any(|d| d.span.start <= start + k && start + k < d.span.end.max(d.span.start + 1));
            prop_assert!(as_item || as_section || diagnosed, "{:?} is in no task, section, passage or diagnostic\n{text}", body);
        }
        let a = &i.accounting;
        prop_assert!(a.accounted <= a.chars);
        prop_assert!(a.unaccounted.iter().all(|g| i.diagnostics.iter().any(|d| d.span == *g)), "every gap is reported");
    }
}

/// The shapes the fuzz targets are seeded with (`fuzz/shapes`: long comma
/// lists, long clauses, tasks past 99, format characters, tables, labels,
/// run-in items, fields) pass the fuzz target's checks in the normal suite.
#[test]
fn the_fuzz_shapes_import_soundly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/shapes");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let i = notice(&text);
        spans_are_sound(&text, &i);
        let a = &i.accounting;
        assert!(a.accounted <= a.chars, "{}", path.display());
        for gap in &a.unaccounted {
            assert!(i.diagnostics.iter().any(|d| d.span == *gap), "{}: gap {gap:?} not reported", path.display());
        }
        assert!(i.programme.task_count() > 0 || i.has_errors(), "{}: no task and no error", path.display());
        let _ = minsheng::validate(&i.programme);
        for f in minsheng::parse::parse_targets_in_year(&text, 2021) {
            assert!(text.get(f.span.clone()).is_some());
        }
        n += 1;
    }
    assert!(n >= 10, "{n} shapes");
}
