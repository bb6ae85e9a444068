//! `Role::Responsible` (责任单位 with no lead named) and `Task.people`
//! through every layer: loading, validation, workload, evaluation, ledger.

use chrono::NaiveDate;
use minsheng::{Person, Role};

/// Two tasks: one whose only units are 责任单位 (one of them twice, under
/// another spelling), one with a lead; the first names a 责任领导.
const DOC: &str = r#"{
  "format_version": "1",
  "id": "p",
  "title": "关于2016年民生实事的通知",
  "year": 2016,
  "jurisdiction": {"name": "大竹县", "level": "county"},
  "units": [
    {"id": "u1", "name": "县水务局", "kind": "department"},
    {"id": "u2", "name": "县住建局", "kind": "department"},
    {"id": "u3", "name": "县财政局", "kind": "department"}
  ],
  "sections": [{"id": "s1", "title": "民生实事", "tasks": [
    {"id": "t1", "number": "1", "description": "启动东湖湿地公园建设。",
     "responsibilities": [{"unit": "u1", "role": "responsible"}, {"unit": "u2", "role": "responsible"}],
     "people": [{"name": "张三", "label": "责任领导"}],
     "targets": [{"id": "t1-1", "subject": "湿地公园", "phrase": "建设湿地公园1个",
                  "measure": {"kind": "quantity", "unit": "个"}, "amount": {"comparator": "exactly", "value": "1"}}]},
    {"id": "t2", "number": "2", "description": "新建2座人行天桥。",
     "responsibilities": [{"unit": "u2", "role": "lead"}, {"unit": "u3", "role": "cooperating"}]}
  ]}]
}"#;

#[test]
fn the_role_and_people_load_and_round_trip() {
    let p = minsheng::from_str(DOC).unwrap();
    let t1 = &p.sections[0].tasks[0];
    assert_eq!(t1.units_with(Role::Responsible).count(), 2);
    assert_eq!(t1.people, [Person::new("张三").labelled("责任领导")]);
    assert_eq!(Role::Responsible.as_str(), "responsible");
    let back = minsheng::from_str(&minsheng::to_string_pretty(&p).unwrap()).unwrap();
    assert_eq!(back, p);
    // A document without either writes as before: no "people" key.
    let t2 = serde_json::to_value(&p.sections[0].tasks[1]).unwrap();
    assert!(t2.get("people").is_none());
}

#[test]
fn responsible_units_count_as_in_charge() {
    let p = minsheng::from_str(DOC).unwrap();
    let report = minsheng::validate(&p);
    assert!(!report.findings.iter().any(|f| f.code == minsheng::Code::NoLead), "{:?}", report.findings);
    let work = minsheng::aggregate::workload(&p);
    let row = |name: &str| work.iter().find(|w| w.name == name).unwrap();
    assert_eq!((row("县水务局").responsible, row("县水务局").lead, row("县水务局").targets), (1, 0, 1));
    assert_eq!((row("县住建局").responsible, row("县住建局").lead), (1, 1));
    assert_eq!(row("县财政局").responsible, 0);
    let json = serde_json::to_value(row("县财政局")).unwrap();
    assert!(json.get("responsible").is_none(), "zero stays out of the summary JSON");
}

#[test]
fn responsible_units_stand_for_the_lead_in_roll_ups_and_the_ledger() {
    let p = minsheng::from_str(DOC).unwrap();
    let on = NaiveDate::from_ymd_opt(2016, 6, 30).unwrap();
    let e = minsheng::evaluate::evaluate(&p, &[], on);
    let leads: Vec<&str> = e.lead_units.iter().map(|u| u.unit.as_str()).collect();
    assert!(leads.contains(&"u1") && leads.contains(&"u2"), "{leads:?}");
    let rows = minsheng::ledger::rows(&p, Some(&e));
    assert!(rows[0].leads.contains("县水务局") && rows[0].leads.contains("县住建局"), "{}", rows[0].leads);
}
