//! Properties of generated programmes: valid, round-tripping, accepted by the
//! schema, deterministic, and each deliberate defect found by its own rule.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use minsheng::generate::{self, Defect, Options};
use minsheng::{Code, Programme};
use proptest::prelude::*;

fn schema() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema = minsheng::schema::programme_schema();
        match jsonschema::draft202012::new(schema.as_value()) {
            Ok(v) => v,
            Err(e) => panic!("the programme schema does not compile: {e}"),
        }
    })
}

fn programmes() -> impl Strategy<Value = Programme> {
    (1usize..300, any::<u64>()).prop_map(|(tasks, seed)| generate::programme(&Options { tasks, seed }))
}

fn codes(p: &Programme) -> BTreeSet<Code> {
    minsheng::validate(p).findings.iter().map(|f| f.code).collect()
}

fn check_valid(p: &Programme) -> Result<(), TestCaseError> {
    let report = minsheng::validate(p);
    prop_assert!(report.is_valid(), "errors: {:#?}", report.errors().collect::<Vec<_>>());
    prop_assert!(report.findings.is_empty(), "warnings: {:#?}", report.findings);
    Ok(())
}

fn check_round_trip(p: &Programme) -> Result<(), TestCaseError> {
    let json = minsheng::to_string_pretty(p).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back = minsheng::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&back, p);
    Ok(())
}

fn check_schema(p: &Programme) -> Result<(), TestCaseError> {
    let value = serde_json::to_value(p).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let errors: Vec<String> = schema().iter_errors(&value).map(|e| format!("{}: {e}", e.instance_path)).collect();
    prop_assert!(errors.is_empty(), "schema errors:\n{}", errors.join("\n"));
    Ok(())
}

fn check_defects(p: &Programme, seed: u64) -> Result<(), TestCaseError> {
    prop_assert!(codes(p).is_empty());
    for &defect in Defect::ALL {
        let mut broken = p.clone();
        prop_assert!(generate::break_rule(&mut broken, defect, seed), "could not apply {:?}", defect);
        prop_assert_eq!(codes(&broken), BTreeSet::from([defect.code()]), "{:?}", defect);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn generated_programmes_are_valid(p in programmes()) {
        check_valid(&p)?;
    }

    #[test]
    fn serde_round_trip_is_identity(p in programmes()) {
        check_round_trip(&p)?;
    }

    #[test]
    fn schema_accepts_generated_programmes(p in programmes()) {
        check_schema(&p)?;
    }

    #[test]
    fn each_defect_is_found_by_its_rule(p in programmes(), seed in any::<u64>()) {
        check_defects(&p, seed)?;
    }

    #[test]
    fn same_seed_same_programme(tasks in 1usize..300, seed in any::<u64>()) {
        let options = Options { tasks, seed };
        let p = generate::programme(&options);
        prop_assert_eq!(p.task_count(), tasks);
        prop_assert_eq!(generate::programme(&options), p);
    }
}

#[test]
fn every_code_but_none_has_a_defect() {
    let covered: BTreeSet<Code> = Defect::ALL.iter().map(|d| d.code()).collect();
    let missing: Vec<&Code> = Code::ALL.iter().filter(|c| !covered.contains(c)).collect();
    assert!(missing.is_empty(), "no defect breaks {missing:?}");
}

#[test]
fn a_large_programme_holds_every_property() -> Result<(), TestCaseError> {
    let p = generate::programme(&Options { tasks: 3000, seed: 2021 });
    assert_eq!(p.task_count(), 3000);
    check_valid(&p)?;
    check_round_trip(&p)?;
    check_schema(&p)?;
    check_defects(&p, 7)?;
    assert_eq!(generate::programme(&Options { tasks: 3000, seed: 2021 }), p);
    Ok(())
}

#[test]
fn the_schema_check_is_not_vacuous() -> Result<(), serde_json::Error> {
    let p = generate::programme(&Options { tasks: 5, seed: 1 });
    let mut value = serde_json::to_value(&p)?;
    assert!(schema().is_valid(&value));
    value["year"] = serde_json::Value::String("2021".into());
    assert!(!schema().is_valid(&value), "the schema accepts a year written as a string");
    Ok(())
}

#[test]
fn generated_programmes_look_like_the_notices() {
    let p = generate::programme(&Options { tasks: 3000, seed: 11 });
    // A registry of about a hundred units, with short names and collectives.
    assert!((90..=120).contains(&p.units.len()), "{} units", p.units.len());
    assert!(p.units.iter().filter(|u| !u.aliases.is_empty()).count() >= 30);
    assert!(p.units.iter().filter(|u| u.collective.is_some()).count() >= 5);
    // Three levels of numbering, as in Chuxiong's 1.(1)①.
    fn depth(t: &minsheng::Task) -> usize {
        1 + t.subtasks.iter().map(depth).max().unwrap_or(0)
    }
    let deepest = p.sections.iter().flat_map(|s| &s.tasks).map(depth).max().unwrap_or(0);
    assert_eq!(deepest, 3);
    // Every kind of measure and comparator, breakdowns, per-member targets and deadlines.
    let targets: Vec<&minsheng::Target> = p.tasks().flat_map(|t| &t.targets).collect();
    let kinds: BTreeSet<&str> = targets.iter().map(|t| t.measure.kind()).collect();
    assert_eq!(kinds.len(), 7, "{kinds:?}");
    let comparators: BTreeSet<String> =
        targets.iter().filter_map(|t| t.amount.as_ref()).map(|a| a.comparator().as_str().to_owned()).collect();
    assert!(comparators.len() >= 6, "{comparators:?}");
    assert!(targets.iter().any(|t| t.breakdown.is_some()));
    assert!(targets.iter().any(|t| t.per_member.is_some()));
    assert!(p.tasks().any(|t| !t.deadlines.is_empty()));
}
