//! The export's tables: rows for every object, keys that identify them,
//! references that resolve, totals that agree with `aggregate`, and files
//! (CSV, NDJSON, Parquet) that read back as written.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use minsheng::export::{ColumnData, ExportError, Format, Table, Tables};
use minsheng::generate::{self, Options};
use minsheng::{Amount, Measure, Programme, Target, Task, Unit};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const EXAMPLES: [&str; 5] = ["chuxiong-2021", "duji-2021", "haidong-2024", "haixi-2020", "qinghai-2021"];

fn example(name: &str) -> Programme {
    minsheng::from_path(format!("examples/data/{name}.json"), minsheng::DEFAULT_MAX_BYTES).unwrap()
}

fn all_examples() -> (Vec<Programme>, Tables) {
    let programmes: Vec<Programme> = EXAMPLES.iter().map(|n| example(n)).collect();
    let mut tables = Tables::new();
    for p in &programmes {
        tables.add(p, &[], None).unwrap();
    }
    (programmes, tables)
}

fn table<'t>(tables: &'t Tables, name: &str) -> &'t Table {
    tables.table(name).unwrap_or_else(|| panic!("no table {name}"))
}

fn texts<'t>(t: &'t Table, column: &str) -> &'t [Option<String>] {
    match &t.column(column).unwrap_or_else(|| panic!("no column {}.{column}", t.name)).data {
        ColumnData::Text(v) => v,
        other => panic!("{}.{column} is {:?}", t.name, other.kind()),
    }
}

fn decimals<'t>(t: &'t Table, column: &str) -> &'t [Option<Decimal>] {
    match &t.column(column).unwrap_or_else(|| panic!("no column {}.{column}", t.name)).data {
        ColumnData::Decimal(v) => v,
        other => panic!("{}.{column} is {:?}", t.name, other.kind()),
    }
}

/// The values of `columns` in each row, as text.
fn keys(t: &Table, columns: &[&str]) -> Vec<Vec<String>> {
    (0..t.len())
        .map(|row| {
            columns
                .iter()
                .map(|c| match &t.column(c).unwrap_or_else(|| panic!("no column {}.{c}", t.name)).data {
                    ColumnData::Text(v) => v[row].clone().unwrap_or_default(),
                    ColumnData::Integer(v) => v[row].map(|n| n.to_string()).unwrap_or_default(),
                    other => panic!("key column {}.{c} is {:?}", t.name, other.kind()),
                })
                .collect()
        })
        .collect()
}

/// Every table's key is unique, every column as long as the table, and
/// every reference to a table's key finds a row (empty references excepted).
fn check_keys_and_references(tables: &Tables) -> Result<(), TestCaseError> {
    for t in tables.tables() {
        for c in &t.columns {
            prop_assert_eq!(c.data.len(), t.len(), "{}.{} has another length", t.name, c.name);
        }
        let rows = keys(t, t.key);
        let unique: HashSet<&Vec<String>> = rows.iter().collect();
        prop_assert_eq!(unique.len(), rows.len(), "{}: the key {:?} repeats", t.name, t.key);
        for r in t.references {
            let mut known: HashSet<Vec<String>> = HashSet::new();
            for name in r.table.split(" or ") {
                let other = table(tables, name);
                known.extend(keys(other, other.key).into_iter().map(|k| k[..r.columns.len()].to_vec()));
            }
            for (i, refers) in keys(t, r.columns).into_iter().enumerate() {
                let empty = refers.iter().skip(1).all(String::is_empty);
                let elsewhere = r.columns[0] == "parent_programme_id";
                prop_assert!(
                    empty || elsewhere || known.contains(&refers),
                    "{} row {}: {:?} = {:?} is not in {}",
                    t.name,
                    i,
                    r.columns,
                    refers,
                    r.table
                );
            }
        }
    }
    Ok(())
}

/// The rule of README's SQL, in Rust: per programme, subject, dimension
/// (and unit, for units outside the table), the sum of `low` when all the
/// units agree, else of `low_base` in the base unit.
fn totals_from_tables(t: &Table) -> BTreeMap<(String, String, String), (String, Decimal, usize)> {
    type Acc = (HashSet<String>, String, Decimal, Decimal, usize);
    let mut groups: BTreeMap<(String, String, String, String), Acc> = BTreeMap::new();
    let (pid, subject, dimension, unit, base) =
        (texts(t, "programme_id"), texts(t, "subject"), texts(t, "dimension"), texts(t, "unit"), texts(t, "base_unit"));
    let (low, low_base) = (decimals(t, "low"), decimals(t, "low_base"));
    for row in 0..t.len() {
        let (Some(dim), Some(value)) = (&dimension[row], low[row]) else { continue };
        let unit_key = if dim == "other" { unit[row].clone().unwrap_or_default() } else { String::new() };
        let key = (pid[row].clone().unwrap(), subject[row].clone().unwrap(), dim.clone(), unit_key);
        let acc =
            groups.entry(key).or_insert_with(|| (HashSet::new(), base[row].clone().unwrap(), dec!(0), dec!(0), 0));
        acc.0.insert(unit[row].clone().unwrap());
        acc.2 += value;
        acc.3 += low_base[row].unwrap();
        acc.4 += 1;
    }
    groups
        .into_iter()
        .map(|((pid, subject, dim, _), (units, base, raw, based, n))| {
            let (unit, value) = if units.len() == 1 { (units.into_iter().next().unwrap(), raw) } else { (base, based) };
            ((pid, subject, dim), (unit, value.normalize(), n))
        })
        .collect()
}

fn totals_from_summary(programmes: &[Programme]) -> BTreeMap<(String, String, String), (String, Decimal, usize)> {
    let mut out = BTreeMap::new();
    for p in programmes {
        for row in minsheng::aggregate::summary(p).totals {
            if let Some(subject) = row.subject {
                out.insert(
                    (p.id.to_string(), subject, row.dimension.to_string()),
                    (row.unit.to_string(), row.value.normalize(), row.targets),
                );
            }
        }
    }
    out
}

#[test]
fn every_object_of_the_five_notices_has_its_row() {
    let (programmes, tables) = all_examples();
    let count = |f: &dyn Fn(&Programme) -> usize| programmes.iter().map(f).sum::<usize>();
    assert_eq!(table(&tables, "programmes").len(), 5);
    assert_eq!(table(&tables, "sections").len(), count(&|p| p.sections.len()));
    assert_eq!(table(&tables, "tasks").len(), count(&|p| p.task_count()));
    assert_eq!(table(&tables, "targets").len(), count(&|p| p.tasks().map(|t| t.targets.len()).sum()));
    assert_eq!(table(&tables, "responsibilities").len(), count(&|p| p.tasks().map(|t| t.responsibilities.len()).sum()));
    assert_eq!(table(&tables, "units").len(), count(&|p| p.units.len()));
    // Chuxiong's 2418万元 investment lists four parts.
    assert_eq!(table(&tables, "breakdown_parts").len(), 9);
    // Sub-tasks nest: Chuxiong has tasks at depth 2 (1.(1)①), and each points at its parent.
    let tasks = table(&tables, "tasks");
    let depth = match &tasks.column("depth").unwrap().data {
        ColumnData::Integer(v) => v.clone(),
        _ => unreachable!(),
    };
    assert_eq!(depth.iter().flatten().max(), Some(&2));
    let parents = texts(tasks, "parent_task_id");
    for (d, parent) in depth.iter().zip(parents) {
        assert_eq!(*d == Some(0), parent.is_none());
    }
    check_keys_and_references(&tables).unwrap();
}

#[test]
fn the_tables_add_up_to_the_summary_of_each_notice() {
    let (programmes, tables) = all_examples();
    let from_tables = totals_from_tables(table(&tables, "targets"));
    let from_summary = totals_from_summary(&programmes);
    assert!(from_summary.len() > 150, "{}", from_summary.len());
    assert_eq!(from_tables, from_summary);
}

#[test]
fn two_programmes_with_one_id_are_refused() {
    let p = example("duji-2021");
    let mut tables = Tables::new();
    tables.add(&p, &[], None).unwrap();
    let rows = table(&tables, "tasks").len();
    let e = tables.add(&p, &[], None).unwrap_err();
    assert!(matches!(e, ExportError::DuplicateProgramme(ref id) if id == "duji-2021"), "{e}");
    assert_eq!(table(&tables, "tasks").len(), rows, "nothing added");
}

#[test]
fn reports_and_evaluation_fill_their_tables() {
    let p = example("qinghai-2021");
    let report = minsheng::progress::from_path(
        "examples/data/progress/qinghai-2021-2021-06-30.json",
        minsheng::DEFAULT_MAX_BYTES,
    )
    .unwrap();
    let on = NaiveDate::from_ymd_opt(2021, 6, 30).unwrap();
    let mut tables = Tables::new();
    tables.add(&p, std::slice::from_ref(&report), Some(on)).unwrap();
    assert_eq!(table(&tables, "reports").len(), 1);
    assert_eq!(table(&tables, "actuals").len(), report.actuals.len());
    let evaluation = table(&tables, "evaluation");
    assert_eq!(evaluation.len(), 40);
    let e = minsheng::evaluate::evaluate(&p, &[report], on);
    let row = texts(evaluation, "target_id").iter().position(|t| t.as_deref() == Some("t11-2")).unwrap();
    let target = e.targets.iter().find(|t| t.target.as_str() == "t11-2").unwrap();
    assert_eq!(texts(evaluation, "status")[row].as_deref(), Some(target.status.as_str()));
    assert_eq!(decimals(evaluation, "completion")[row], target.completion);
    check_keys_and_references(&tables).unwrap();
}

/// Reads RFC 4180 CSV: quoted fields, doubled quotes, CRLF line ends.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

/// Every CSV file reads back cell for cell: text as written (with a `'`
/// in front where it could start a formula), decimals exactly, the `_num`
/// column as the same figure.
fn check_csv(t: &Table) -> Result<(), TestCaseError> {
    let mut bytes = Vec::new();
    t.write(Format::Csv, &mut bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let rows = read_csv(&text);
    prop_assert_eq!(rows.len(), t.len() + 1);
    prop_assert_eq!(&rows[0], &t.file_columns());
    let position = |name: &str| rows[0].iter().position(|c| c == name);
    for c in &t.columns {
        let Some(at) = position(c.name) else { return Err(TestCaseError::fail(format!("no column {}", c.name))) };
        for (row, line) in rows.iter().skip(1).enumerate() {
            let cell = &line[at];
            match &c.data {
                ColumnData::Text(v) => {
                    let want = v[row].clone().unwrap_or_default();
                    let formula = want.starts_with(['=', '+', '-', '@', '\t', '\r']);
                    let read = if formula { cell.strip_prefix('\'').unwrap_or("NOT INERT") } else { cell.as_str() };
                    prop_assert_eq!(read, want.as_str(), "{}.{} row {}", t.name, c.name, row);
                }
                ColumnData::Decimal(v) => {
                    let back: Option<Decimal> = (!cell.is_empty()).then(|| cell.parse().unwrap());
                    prop_assert_eq!(back, v[row], "{}.{} row {}", t.name, c.name, row);
                    let num = &line[at + 1];
                    if let Some(d) = v[row] {
                        let f: f64 = num.parse().unwrap();
                        prop_assert!((f - d.to_string().parse::<f64>().unwrap()).abs() <= f.abs() * 1e-15);
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

#[test]
fn csv_reads_back_as_written() {
    let (_, tables) = all_examples();
    for t in tables.tables() {
        check_csv(t).unwrap();
    }
}

#[test]
fn ndjson_reads_back_as_written() {
    let (_, tables) = all_examples();
    for t in tables.tables() {
        let mut bytes = Vec::new();
        t.write(Format::Ndjson, &mut bytes).unwrap();
        let lines: Vec<serde_json::Map<String, serde_json::Value>> =
            String::from_utf8(bytes).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), t.len(), "{}", t.name);
        for (row, object) in lines.iter().enumerate() {
            assert_eq!(object.keys().cloned().collect::<HashSet<_>>(), t.file_columns().into_iter().collect());
            for c in &t.columns {
                match &c.data {
                    ColumnData::Text(v) => assert_eq!(object[c.name].as_str(), v[row].as_deref()),
                    ColumnData::Decimal(v) => {
                        let back = object[c.name].as_str().map(|s| s.parse::<Decimal>().unwrap());
                        assert_eq!(back, v[row], "{}.{}", t.name, c.name);
                        assert_eq!(object[&format!("{}_num", c.name)].is_number(), v[row].is_some());
                    }
                    _ => {}
                }
            }
        }
    }
}

/// A programme whose texts start like formulas, with a negative figure.
fn hostile() -> Programme {
    let mut p = example("duji-2021");
    let task = Task::new("evil".parse().unwrap(), "=HYPERLINK(\"http://evil\",\"click\")").with_target(
        Target::new("evil-1".parse().unwrap(), "@SUM(A1:A9)", "-1+2", Measure::quantity(Unit::Person))
            .with_amount(Amount::exactly(dec!(-5))),
    );
    p.sections[0].tasks.push(task);
    p
}

#[test]
fn csv_cells_that_start_a_formula_are_inert_and_figures_stay_numbers() {
    let mut tables = Tables::new();
    tables.add(&hostile(), &[], None).unwrap();
    let mut tasks = Vec::new();
    table(&tables, "tasks").write(Format::Csv, &mut tasks).unwrap();
    let tasks = String::from_utf8(tasks).unwrap();
    assert!(tasks.contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\","), "{tasks}");
    let mut targets = Vec::new();
    table(&tables, "targets").write(Format::Csv, &mut targets).unwrap();
    let targets = String::from_utf8(targets).unwrap();
    let line = targets.lines().find(|l| l.contains("evil-1")).unwrap();
    assert!(line.contains(",'@SUM(A1:A9),'-1+2,quantity,人,people,人,exactly,-5,-5,-5,-5,-5,-5,-5,-5,"), "{line}");
    // NDJSON keeps the text exactly.
    let mut ndjson = Vec::new();
    table(&tables, "targets").write(Format::Ndjson, &mut ndjson).unwrap();
    assert!(String::from_utf8(ndjson).unwrap().contains("\"subject\":\"@SUM(A1:A9)\""));
}

#[cfg(feature = "parquet")]
mod parquet_files {
    use super::*;
    use arrow_array::{Array, Decimal128Array, Float64Array, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    /// Each Parquet file has the file columns, and its decimals are the
    /// exact figures of the table.
    #[test]
    fn parquet_reads_back_with_exact_decimals() {
        let (_, tables) = all_examples();
        for t in tables.tables() {
            let mut bytes = Vec::new();
            t.write(Format::Parquet, &mut bytes).unwrap();
            let reader = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(bytes)).unwrap().build().unwrap();
            let batches: Vec<_> = reader.map(Result::unwrap).collect();
            let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
            assert_eq!(rows, t.len(), "{}", t.name);
            let Some(batch) = batches.first() else { continue };
            let names: Vec<String> = batch.schema().fields().iter().map(|f| f.name().clone()).collect();
            assert_eq!(names, t.file_columns(), "{}", t.name);
            let mut offset = 0;
            for b in &batches {
                for c in &t.columns {
                    let array = b.column_by_name(c.name).unwrap();
                    match &c.data {
                        ColumnData::Decimal(v) => {
                            let d = array.as_any().downcast_ref::<Decimal128Array>().unwrap();
                            let num = b.column_by_name(&format!("{}_num", c.name)).unwrap();
                            let num = num.as_any().downcast_ref::<Float64Array>().unwrap();
                            for i in 0..b.num_rows() {
                                let back = (!d.is_null(i)).then(|| {
                                    Decimal::from_i128_with_scale(d.value(i), u32::try_from(d.scale()).unwrap())
                                });
                                assert_eq!(back, v[offset + i], "{}.{}", t.name, c.name);
                                assert_eq!(num.is_null(i), back.is_none());
                            }
                        }
                        ColumnData::Text(v) => {
                            let s = array.as_any().downcast_ref::<StringArray>().unwrap();
                            for i in 0..b.num_rows() {
                                assert_eq!((!s.is_null(i)).then(|| s.value(i)), v[offset + i].as_deref());
                            }
                        }
                        _ => {}
                    }
                }
                offset += b.num_rows();
            }
        }
    }

    #[test]
    fn a_column_too_wide_for_parquet_is_refused_naming_it() {
        // The fine baseline sets the export's scale; the huge figure, in
        // another column, cannot be written at it.
        let mut p = hostile();
        let task = p.sections[0].tasks.last_mut().unwrap();
        task.targets[0].amount = Some(Amount::exactly(Decimal::MAX));
        task.targets[0].baseline =
            Some(minsheng::Baseline { text: "去年".into(), year: None, value: Some(dec!(0.0000000001)) });
        let mut tables = Tables::new();
        tables.add(&p, &[], None).unwrap();
        let e = table(&tables, "targets").write(Format::Parquet, Vec::new()).unwrap_err().to_string();
        assert!(e.contains("targets.low") && e.contains("10 decimal places") && e.contains("39 digits"), "{e}");
        // CSV keeps both.
        let mut csv = Vec::new();
        table(&tables, "targets").write(Format::Csv, &mut csv).unwrap();
        assert!(String::from_utf8(csv).unwrap().contains(",0.0000000001,"));
    }
}

fn programmes() -> impl Strategy<Value = Vec<Programme>> {
    proptest::collection::vec((1usize..120, any::<u64>()), 1..4).prop_map(|specs| {
        specs
            .into_iter()
            .enumerate()
            .map(|(i, (tasks, seed))| {
                let mut p = generate::programme(&Options { tasks, seed });
                p.id = format!("generated-{i}").parse().unwrap();
                p
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any set of programmes: one row per object, unique keys, references
    /// that resolve, totals equal to `aggregate`'s, CSV that reads back.
    #[test]
    fn tables_of_generated_programmes_hold(programmes in programmes()) {
        let mut tables = Tables::new();
        for p in &programmes {
            tables.add(p, &[], None).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        let tasks: usize = programmes.iter().map(Programme::task_count).sum();
        prop_assert_eq!(table(&tables, "tasks").len(), tasks);
        let targets: usize = programmes.iter().map(|p| p.tasks().map(|t| t.targets.len()).sum::<usize>()).sum();
        prop_assert_eq!(table(&tables, "targets").len(), targets);
        check_keys_and_references(&tables)?;
        prop_assert_eq!(totals_from_tables(table(&tables, "targets")), totals_from_summary(&programmes));
        // The ledger's count, taken before a workbook is built, is the count of its rows.
        for p in &programmes {
            prop_assert_eq!(minsheng::ledger::row_count(p), minsheng::ledger::rows(p, None).len());
        }
        for t in tables.tables() {
            check_csv(t)?;
        }
    }
}
