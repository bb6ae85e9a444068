//! The importer on the prose conventions of real notices (issue 13, part
//! B), each on a short made-up text of its shape: headings with bodies,
//! numbers glued to headings, clauses on their own line or followed by a
//! remark, named projects in a body, paragraphs of commitments with no list.

use minsheng::import::{DiagnosticKind, Import, notice};
use minsheng::{Programme, Role, Task};

fn tasks(p: &Programme) -> Vec<&Task> {
    p.tasks().collect()
}

fn unit_names(import: &Import, t: &Task, role: Role) -> Vec<String> {
    t.responsibilities
        .iter()
        .filter(|r| r.role == role)
        .filter_map(|r| import.programme.unit(&r.unit).map(|u| u.name.clone()))
        .collect()
}

fn values(t: &Task) -> Vec<String> {
    t.targets.iter().filter_map(|x| x.amount.as_ref()).map(|a| a.low().normalize().to_string()).collect()
}

#[test]
fn a_heading_with_its_clause_takes_the_body_below_it() {
    let text = "某县2022年民生实事\n一、减免学前教育保教费(责任单位:县教育局)\n计划安排资金80万元,其中争取中央补助30万元。\n二、改造农村公路(责任单位:县交通局)\n改造农村公路40公里。\n";
    let import = notice(text);
    let ts = tasks(&import.programme);
    assert_eq!(ts.len(), 2);
    assert_eq!(ts[0].title.as_deref(), Some("减免学前教育保教费"));
    assert_eq!(ts[0].description, "计划安排资金80万元,其中争取中央补助30万元。");
    assert_eq!(values(ts[0]), ["800000"]);
    assert_eq!(unit_names(&import, ts[0], Role::Responsible), ["县教育局"]);
    assert_eq!(values(ts[1]), ["40"]);
    assert!(import.diagnostics.iter().all(|d| d.kind != DiagnosticKind::NotATask), "{:?}", import.diagnostics);
}

#[test]
fn a_restated_task_with_a_remark_keeps_its_clause_and_not_the_results_below() {
    let text = "某市十件实事完成情况\n一、新建幼儿园5所。(责任单位:市教育局)该件实事已全面完成\n此项工作已完成。截至12月底,全市建成幼儿园6所。\n二、改造公路30公里。(责任单位:市交通局)\n";
    let import = notice(text);
    let ts = tasks(&import.programme);
    assert_eq!(ts.len(), 2);
    assert_eq!(unit_names(&import, ts[0], Role::Responsible), ["市教育局"]);
    assert_eq!(values(ts[0]), ["5"], "the results paragraph is no commitment");
    assert!(import.diagnostics.iter().any(|d| d.kind == DiagnosticKind::NotATask));
}

#[test]
fn numbers_glued_to_headings_and_a_clause_line_close_items() {
    let text = "记者从会上获悉:\n1全面落实困难群众医疗保险\n主要责任单位:省医保局,相关责任单位有省财政厅、省民政厅。\n省医保局局长说:我们要在120个县区建立网点。\n2免费开展新生儿疾病筛查\n主要责任单位:省卫健委。\n";
    let import = notice(text);
    let ts = tasks(&import.programme);
    assert_eq!(ts.len(), 2);
    assert_eq!(ts[0].number.as_ref().map(ToString::to_string).as_deref(), Some("1"));
    assert_eq!(unit_names(&import, ts[0], Role::Lead), ["省医保局"]);
    assert_eq!(unit_names(&import, ts[0], Role::Cooperating), ["省财政厅", "省民政厅"]);
    assert!(ts[0].targets.is_empty(), "the speech's 120个 is not the task's: {:?}", values(ts[0]));
}

#[test]
fn named_projects_under_a_glued_heading_are_sub_tasks() {
    let text = "某区2020年10件实事\n一教育方面\n学校建设工程,新建学校 2所以上。校舍提升改造工程,改造校舍 5所。\n二卫生方面\n卫生服务提升工程,对 4个卫生院更新设备。\n";
    let import = notice(text);
    let ts = tasks(&import.programme);
    let first = ts[0];
    assert_eq!(first.subtasks.len(), 2);
    assert_eq!(values(&first.subtasks[0]), ["2"]);
    assert_eq!(values(&first.subtasks[1]), ["5"]);
    let second = ts.iter().find(|t| t.number.as_ref().is_some_and(|n| n.to_string() == "二")).unwrap();
    assert!(second.subtasks.is_empty());
    assert_eq!(values(second), ["4"]);
    assert_eq!(import.accounting.accounted, import.accounting.chars);
}

#[test]
fn an_item_cut_off_by_the_end_of_the_text_is_a_task() {
    let text = "一、新建幼儿园5所。\n牵头单位:市教育局\n二、改造农村公路30公里。\n牵头单位:市交通局\n三、实施农村供水工程,提升2万农村人口供水保";
    let import = notice(text);
    let ts = tasks(&import.programme);
    assert_eq!(ts.len(), 3);
    assert!(ts[2].responsibilities.is_empty());
    assert!(import.diagnostics.iter().any(|d| d.kind == DiagnosticKind::NoClause && d.task.as_deref() == Some("三")));
    // A whole last part without a clause stays a passage.
    let whole = "一、新建幼儿园5所。\n牵头单位:市教育局\n二、改造农村公路30公里。\n牵头单位:市交通局\n三、其他事项。\n";
    assert_eq!(tasks(&notice(whole).programme).len(), 2);
    // Items each followed by their fields, the last cut off before its fields.
    let fields = "新增学位2万个。\n主管领导:张三\n责任单位:市教育局\n改造校舍30所。\n主管领导:张三\n责任单位:市教育局\n新建幼儿园84所,";
    assert_eq!(tasks(&notice(fields).programme).len(), 3);
}

#[test]
fn paragraphs_of_commitments_without_a_list_are_tasks() {
    // One paragraph, every sentence a commitment with its figure.
    let text = "免费为30万名妇女提供一次筛查。新增公办幼儿园学位2万个,公办园占比达到50%。建设10个资源中心。";
    let import = notice(text);
    let ts = tasks(&import.programme);
    assert_eq!(ts.len(), 3);
    assert_eq!(values(ts[1]), ["20000", "50"]);
    assert!(!import.has_errors());
    // A report with one commitment closed by its lead in words.
    let text = "近日,省政府印发通知。\n通知要求,为全省800间教室进行照明改造。需省级资金500万元。牵头责任部门为省教育厅。\n据了解,各地要加强宣传。";
    let import = notice(text);
    let ts = tasks(&import.programme);
    assert_eq!(ts.len(), 1);
    assert_eq!(unit_names(&import, ts[0], Role::Lead), ["省教育厅"]);
    assert_eq!(values(ts[0]), ["800", "5000000"]);
    // Commentary with one figure among other sentences is no list.
    let text = "今年全市共有学校40所。会议强调要办好实事。";
    assert!(notice(text).has_errors());
}

#[test]
fn a_sentence_after_a_run_in_list_shaped_like_its_items_is_one_more() {
    let text = "今年确定办好五件实事,即投资900万元,新建村小学2所;投资400万元,改造公路20公里;投资300万元,建设卫生院1所。投资100万元,建成宿舍楼1栋。会议要求各部门抓好落实。";
    let import = notice(text);
    let ts = tasks(&import.programme);
    assert_eq!(ts.len(), 4, "{:?}", ts.iter().map(|t| &t.description).collect::<Vec<_>>());
    assert_eq!(values(ts[3]), ["1000000", "1"]);
}

#[test]
fn a_pdf_table_in_running_text_gives_its_money_cells() {
    // Header with the money unit, rows with bare money cells over two lines,
    // a page number and the header repeated after a page break.
    let text = "附件 为民办实事项目资金计划表 单位:万元\n项目名称 合计 中央财政 自治区本级财政 牵头单位\n一、社保项目\n(一) 养老保险项目\n52000 41000\n11000 为参保人员发放基础养老金. 自治区人社厅 ―\n7 ―\n项目名称 合计 中央财政 自治区本级财政 牵头单位\n(二) 住房保险项目\n9000 6000\n3000 为全区\n820 万户农户提供住房保险. 自治区应急厅\n";
    let import = notice(text);
    let ts = tasks(&import.programme);
    assert_eq!(ts.len(), 2);
    assert_eq!(values(ts[0]), ["520000000", "410000000", "110000000"]);
    assert_eq!(values(ts[1]), ["90000000", "60000000", "30000000", "8200000"]);
    let furniture = import.diagnostics.iter().filter(|d| d.kind == DiagnosticKind::Furniture).count();
    assert_eq!(furniture, 2, "the page number and the repeated header");
    // The row ends with the unit of the header's 牵头单位 column.
    assert_eq!(unit_names(&import, ts[0], Role::Lead), ["自治区人社厅"]);
    assert_eq!(unit_names(&import, ts[1], Role::Lead), ["自治区应急厅"]);
}

#[test]
fn a_heading_line_is_the_title_and_a_closing_sentence_is_no_unit() {
    let text = "某县2023年民生实事\n一、教育\n新建幼儿园3所,改扩建中小学5所。\n责任单位:县教育局\n二、交通\n改造农村公路\n20公里。\n责任单位:县交通局\n";
    let import = notice(text);
    let ts = tasks(&import.programme);
    assert_eq!(ts[0].title.as_deref(), Some("教育"));
    assert_eq!(ts[0].targets[0].subject, "新建幼儿园");
    assert_eq!(values(ts[1]), ["20"], "a figure broken over lines");
    assert_eq!(ts[1].targets[0].subject, "改造农村公路", "a broken sentence is no heading");
    assert_eq!(ts[1].title.as_deref(), Some("交通"));
    let broken = notice("一、新建幼儿园\n5所。(牵头单位:县教\n育局)\n");
    let t = tasks(&broken.programme)[0];
    assert_eq!((t.title.as_deref(), t.targets[0].subject.as_str()), (None, "新建幼儿园"));
    assert_eq!(unit_names(&broken, t, Role::Lead), ["县教育局"]);
    let text = "现将民生实事项目通告如下:\n(一)新建城市公园3个。牵头单位:市住建局\n(二)新增停车位2000个。牵头单位:市城管局\n特此通告。\n";
    let import = notice(text);
    let ts = tasks(&import.programme);
    assert_eq!(unit_names(&import, ts[1], Role::Lead), ["市城管局"]);
}

#[test]
fn questions_of_a_solicitation_and_contact_lines_are_not_tasks() {
    let text = "关于征求2024年民生实事候选项目意见的公告\n问卷:\n1. 您比较关注以下哪些项目?\n2. 您认为还应增加哪些项目?\n2024年民生实事候选项目\n1.新建幼儿园5所。\n2.改造农村公路40公里。\n3.为2万名老年人免费体检。\n联系电话:6239325\n";
    let import = notice(text);
    let ts = tasks(&import.programme);
    assert_eq!(ts.len(), 3, "{:?}", ts.iter().map(|t| &t.description).collect::<Vec<_>>());
    assert_eq!(ts[2].description, "为2万名老年人免费体检。");
    assert_eq!(import.accounting.accounted, import.accounting.chars);
}

#[test]
fn run_in_sub_items_answer_to_their_parent_clause() {
    let text = "3.农村危房改造:(1)改造农村危房1000户;(2)新建周转房20套。(牵头单位:县住建局)\n4.新建公园2个。\n";
    let import = notice(text);
    let unclaused: Vec<Option<&str>> =
        import.diagnostics.iter().filter(|d| d.kind == DiagnosticKind::NoClause).map(|d| d.task.as_deref()).collect();
    assert_eq!(unclaused, [Some("4")]);
    assert_eq!(tasks(&import.programme)[0].subtasks.len(), 2);
}

#[test]
fn a_bulleted_list_is_read_when_nothing_is_numbered() {
    let text = "今年全县民生实事\n● 新建幼儿园5所。(牵头单位:县教育局)\n● 改造农村公路40公里。(牵头单位:县交通局)\n◆ 为2万名老年人免费体检。\n";
    let import = notice(text);
    let ts = tasks(&import.programme);
    assert_eq!(ts.len(), 3);
    assert_eq!(ts[2].description, "为2万名老年人免费体检。");
    assert_eq!(unit_names(&import, ts[1], Role::Lead), ["县交通局"]);
    assert_eq!(values(ts[0]), ["5"]);
}
