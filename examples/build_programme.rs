//! Builds a programme in code, validates it, and prints it as JSON.
//!
//! `cargo run --example build_programme`

use chrono::NaiveDate;
use minsheng::{
    AdminLevel, Amount, Collective, DocumentRef, Jurisdiction, Measure, PerMember, Precision, Programme,
    ResponsibleUnit, Section, Target, Task, Unit, UnitKind,
};
use rust_decimal::Decimal;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let office = ResponsibleUnit::new("qh-gov-office".parse()?, "青海省人民政府办公厅", UnitKind::Government)
        .at(AdminLevel::Province);
    let hrss =
        ResponsibleUnit::new("hrss".parse()?, "省人力资源社会保障厅", UnitKind::Department).at(AdminLevel::Province);
    let women = ResponsibleUnit::new("women".parse()?, "省妇联", UnitKind::MassOrganisation).at(AdminLevel::Province);
    let edu = ResponsibleUnit::new("edu".parse()?, "省教育厅", UnitKind::Department).at(AdminLevel::Province);
    let cities = ResponsibleUnit::new("cities".parse()?, "各市州人民政府", UnitKind::Government)
        .collective(Collective::Governments { level: AdminLevel::Prefecture, count: None });

    let mut document = DocumentRef::numbered("青政办〔2021〕24号".parse()?);
    document.issuers.push(office.id.clone());
    document.written = NaiveDate::from_ymd_opt(2021, 3, 19);

    let training = Task::new("t1".parse()?, "深入实施职业技能提升行动，……开展职业技能培训10万人次。")
        .numbered("1".parse()?)
        .led_by(hrss.id.clone())
        .cooperating(women.id.clone())
        .with_target(
            Target::new("t1-a".parse()?, "职业技能培训", "职业技能培训10万人次", Measure::quantity(Unit::PersonTime))
                .with_amount(Amount::exactly(Decimal::from(100_000))),
        );

    let mut dorms =
        Target::new("t7-a".parse()?, "学生宿舍楼", "各建设1幢学生宿舍楼", Measure::quantity(Unit::BuildingZhuang))
            .with_amount(Amount::exactly(Decimal::from(3)));
    dorms.per_member = Some(PerMember {
        count: 3,
        members: vec!["青海大学".into(), "青海师范大学".into(), "青海民族大学".into()],
        each: Decimal::ONE,
    });
    let universities = Task::new("t7".parse()?, "支持青海大学、青海师范大学和青海民族大学各建设1幢学生宿舍楼。")
        .numbered("7".parse()?)
        .led_by(edu.id.clone())
        .with_target(dorms);

    let kindergartens = Task::new("t4".parse()?, "新建、改扩建21所幼儿园。")
        .numbered("4".parse()?)
        .led_by(edu.id.clone())
        .cooperating(cities.id.clone())
        .with_target(
            Target::new(
                "t4-a".parse()?,
                "新建、改扩建幼儿园",
                "新建、改扩建21所幼儿园",
                Measure::quantity(Unit::Institution),
            )
            .with_amount(Amount::exactly(Decimal::from(21)))
            .with_deadline(minsheng::Deadline::by(
                "年底前",
                NaiveDate::from_ymd_opt(2021, 12, 31).ok_or("date")?,
                Precision::Year,
            )),
        );

    let programme = Programme::new(
        "qinghai-2021-sample".parse()?,
        "青海省人民政府办公厅关于2021年民生实事工程任务分工的通知",
        2021,
        Jurisdiction::new("青海省", AdminLevel::Province),
    )
    .with_document(document)
    .with_unit(office)
    .with_unit(hrss)
    .with_unit(women)
    .with_unit(edu)
    .with_unit(cities)
    .with_section(Section::new("s1".parse()?, "就业促进工程").numbered("(一)".parse()?).with_task(training))
    .with_section(
        Section::new("s2".parse()?, "教育提质工程")
            .numbered("(二)".parse()?)
            .with_task(kindergartens)
            .with_task(universities),
    );

    let report = minsheng::validate(&programme);
    for finding in &report.findings {
        eprintln!("{finding}");
    }
    println!("{}", minsheng::to_string_pretty(&programme)?);
    Ok(())
}
