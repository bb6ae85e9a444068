//! Facts from the duji notice: 杜集区人民政府 淮杜政〔2021〕21号,
//! shared/seeds/002_74b7620d7f026c3d.txt. Line numbers below are lines of that file.

use minsheng::{Code, Lifecycle, Programme, Section};

use super::common::{load, phrases_are_verbatim, task};

fn duji() -> Programme {
    load("duji-2021")
}

fn section<'p>(p: &'p Programme, id: &str) -> &'p Section {
    p.sections.iter().find(|s| s.id.as_str() == id).unwrap_or_else(|| panic!("no section {id}"))
}

// Line 2: 淮杜政〔2021〕21号; line 4: 杜集区人民政府; line 6: the title; line 64: 2021年6月2日.
#[test]
fn document_number_issuer_title_and_written_date() {
    let p = duji();
    assert_eq!(p.document.number.as_ref().unwrap().to_string(), "淮杜政〔2021〕21号");
    assert_eq!(p.title, "关于2021年实施33项民生工程的通知");
    assert_eq!(p.document.written, chrono::NaiveDate::from_ymd_opt(2021, 6, 2));
    assert_eq!(p.year, 2021);
    let issuers: Vec<&str> = p.document.issuers.iter().map(|id| p.unit(id).unwrap().name.as_str()).collect();
    assert_eq!(issuers, ["杜集区人民政府"]);
    assert_eq!(p.jurisdiction.name, "杜集区");
    assert_eq!(p.jurisdiction.division_code.as_ref().unwrap().as_str(), "340602");
    assert_eq!(p.jurisdiction.within.as_deref(), Some("淮北市"));
}

// Line 10: 根据《淮北市人民政府关于2021年实施33项民生工程的通知》（淮政〔2021〕15号）精神.
#[test]
fn parent_is_huaibei_notice_15() {
    let p = duji();
    let parent = p.parent.as_ref().expect("parent");
    assert_eq!(parent.number.as_ref().unwrap().to_string(), "淮政〔2021〕15号");
    assert_eq!(parent.title.as_deref(), Some("淮北市人民政府关于2021年实施33项民生工程的通知"));
    let issuers: Vec<&str> = parent.issuers.iter().map(|id| p.unit(id).unwrap().name.as_str()).collect();
    assert_eq!(issuers, ["淮北市人民政府"]);
}

// Line 8 (主送) and lines 65–67 (抄送).
#[test]
fn addressees_and_copies_are_verbatim() {
    let p = duji();
    assert_eq!(p.addressees.as_deref(), Some("各镇人民政府，各街道办事处，开发区管委会，区政府各部门、各直属机构："));
    assert_eq!(
        p.copied_to.as_deref(),
        Some("区委各部门，区人大常委会办公室，区政协办公室，区监委，区法院、检察院，区人武部。")
    );
}

// Lines 12, 26, 30, 48: 一、新增 / 二、退出 / 三、调整实施 / 四、继续实施.
#[test]
fn four_sections_by_lifecycle() {
    let p = duji();
    let lifecycles: Vec<_> = p.sections.iter().map(|s| s.lifecycle).collect();
    assert_eq!(
        lifecycles,
        [Some(Lifecycle::New), Some(Lifecycle::Exited), Some(Lifecycle::Adjusted), Some(Lifecycle::Continued)]
    );
    let titles: Vec<&str> = p.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["新增6项民生工程", "退出4项民生工程", "调整实施8项民生工程", "继续实施19项民生工程"]);
    assert!(p.sections.iter().all(|s| s.kind.as_deref() == Some("民生工程")));
}

// Lines 12, 26, 30, 48 declare 6, 4, 8 and 19; lines 14–24, 28, 32–46, 50 list them.
#[test]
fn section_task_counts_match_headings() {
    let p = duji();
    let counts: Vec<usize> = p.sections.iter().map(|s| s.tasks.len()).collect();
    assert_eq!(counts, [6, 4, 8, 19]);
    let declared: Vec<Option<u32>> = p.sections.iter().map(|s| s.declared_count).collect();
    assert_eq!(declared, [Some(6), Some(4), Some(8), Some(19)]);
}

// Lines 6 and 10: 33项民生工程 = 6 new + 8 adjusted + 19 continued; line 28: the 4 exited
// 不再列为民生工程.
#[test]
fn thirty_three_counts_new_adjusted_continued_not_exited() {
    let p = duji();
    assert_eq!(p.declared_counts.len(), 1);
    let c = &p.declared_counts[0];
    assert_eq!((c.text.as_str(), c.count), ("33项民生工程", 33));
    let ids: Vec<&str> = c.sections.iter().map(|s| s.as_str()).collect();
    assert_eq!(ids, ["new", "adjusted", "continued"]);
    let counted: usize = c.sections.iter().map(|id| section(&p, id.as_str()).tasks.len()).sum();
    assert_eq!(counted, 6 + 8 + 19);
    assert_eq!(counted, 33);
    assert!(!ids.contains(&"exited"));
    assert_eq!(section(&p, "exited").lifecycle, Some(Lifecycle::Exited));
    assert!(!minsheng::validate(&p).has(Code::DeclaredCountMismatch));
}

// Line 28: the four exited projects, named in one sentence.
#[test]
fn exited_projects_named_in_the_paragraph() {
    let p = duji();
    let s = section(&p, "exited");
    let para = s.description.as_deref().expect("section 二 keeps its paragraph");
    assert!(para.ends_with("4个项目不再列为民生工程。"));
    for (t, name) in
        s.tasks.iter().zip(["水利薄弱环节治理三年行动", "农产品质量安全追溯", "资产收益扶贫", "健康脱贫医疗保障"])
    {
        assert!(t.description.starts_with(name), "{}", t.description);
        assert!(para.contains(&t.description));
        assert!(t.number.is_none());
        assert_eq!(t.source.as_ref().unwrap().line, 28);
    }
}

// Line 18: （三）城乡适龄妇女“两癌”免费筛查。…35—64岁… (an age range, not a target).
#[test]
fn new_task_three_is_two_cancer_screening() {
    let p = duji();
    let t = task(&p, 0, "(三)");
    assert_eq!(t.title.as_deref(), Some("城乡适龄妇女“两癌”免费筛查"));
    assert!(t.description.starts_with("为贯彻妇女发展纲要"));
    assert!(t.description.contains("35—64岁"));
    assert!(t.targets.is_empty());
    assert_eq!(t.source.as_ref().unwrap().line, 18);
}

// Lines 14 and 24: the first and last new projects.
#[test]
fn new_tasks_first_and_last() {
    let p = duji();
    assert_eq!(task(&p, 0, "(一)").title.as_deref(), Some("城市社区卫生机构和村卫生室标准化建设"));
    assert_eq!(task(&p, 0, "(六)").title.as_deref(), Some("小型病险水库除险加固"));
    assert_eq!(task(&p, 0, "(六)").source.as_ref().unwrap().line, 24);
}

// Line 40: （五）统筹棚户区、城镇老旧小区改造项目。
#[test]
fn adjusted_task_five_merges_shantytown_and_old_estates() {
    let p = duji();
    let t = task(&p, 2, "(五)");
    assert_eq!(t.title.as_deref(), Some("统筹棚户区、城镇老旧小区改造项目"));
    assert_eq!(t.description, "加大统筹力度，将棚户区改造、城镇老旧小区改造合并为棚户区和老旧小区改造。");
    assert_eq!(t.source.as_ref().unwrap().line, 40);
    assert_eq!(task(&p, 2, "(八)").title.as_deref(), Some("调整技能培训提升项目"));
}

// Line 50: 继续实施农村危房改造、…、水环境生态补偿等19个项目。
#[test]
fn continued_names_in_order() {
    let p = duji();
    let s = section(&p, "continued");
    let names: Vec<&str> = s.tasks.iter().map(|t| t.description.as_str()).collect();
    assert_eq!(names.len(), 19);
    assert_eq!(names.first(), Some(&"农村危房改造"));
    assert_eq!(names[2], "“四好农村路”建设");
    assert_eq!(names.last(), Some(&"水环境生态补偿"));
    let para = s.description.as_deref().unwrap();
    assert_eq!(para, format!("继续实施{}等19个项目。", names.join("、")));
    assert!(s.tasks.iter().all(|t| t.number.is_none() && t.source.as_ref().unwrap().line == 50));
}

// The notice (lines 1–67) names no responsible unit and sets no numeric target.
#[test]
fn no_targets_or_responsibilities() {
    let p = duji();
    assert_eq!(p.task_count(), 37);
    for t in p.tasks() {
        assert!(t.targets.is_empty(), "{}", t.label());
        assert!(t.responsibilities.is_empty(), "{}", t.label());
        assert!(t.responsibility_text.is_none(), "{}", t.label());
    }
    phrases_are_verbatim(&p);
}

// Whole notice: valid; the only warning is that no task names a unit.
#[test]
fn validates_with_only_no_responsibilities() {
    let p = duji();
    let report = minsheng::validate(&p);
    assert!(report.is_valid(), "{:?}", report.errors().collect::<Vec<_>>());
    let codes: Vec<Code> = report.warnings().map(|f| f.code).collect();
    assert_eq!(codes, [Code::NoResponsibilities]);
}

// Every task's title and text is verbatim from its source line.
#[test]
fn texts_are_verbatim_from_source_lines() {
    let p = duji();
    let path = format!("{}/../shared/seeds/002_74b7620d7f026c3d.txt", env!("CARGO_MANIFEST_DIR"));
    let Ok(src) = std::fs::read_to_string(&path) else {
        assert!(std::env::var_os("MINSHENG_REQUIRE_SEEDS").is_none(), "{path} is missing");
        return;
    };
    let lines: Vec<&str> = src.split('\n').collect();
    for t in p.tasks() {
        let line = lines[t.source.as_ref().unwrap().line as usize - 1];
        assert!(line.contains(&t.description), "{}", t.label());
        if let Some(title) = &t.title {
            assert!(line.contains(&format!("{title}。{}", t.description)), "{}", t.label());
        }
    }
}
