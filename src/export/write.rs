//! CSV and NDJSON: one row at a time into the writer, a line buffer reused.

use std::io::{self, Write};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{ColumnData, Table};
use crate::json::decimal::plain;

/// A decimal as the double of its `_num` column; `None` only for figures a
/// double cannot hold, which a `Decimal` never is.
pub(super) fn double(d: Decimal) -> Option<f64> {
    d.to_f64()
}

/// The CSV form of a double: the shortest decimal that reads back as it,
/// never in exponent form.
fn double_text(d: Decimal) -> String {
    double(d).map(|f| format!("{f}")).unwrap_or_default()
}

/// The table as CSV: a header row of the file's column names, then one line
/// per row, CRLF line ends; text cells made inert against formulas.
pub(super) fn csv<W: Write>(table: &Table, w: W) -> io::Result<()> {
    let mut w = io::BufWriter::new(w);
    let mut line = String::new();
    for (i, name) in table.file_columns().iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        crate::csv::verbatim(&mut line, name);
    }
    line.push_str("\r\n");
    w.write_all(line.as_bytes())?;
    for row in 0..table.len() {
        line.clear();
        for (i, column) in table.columns.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            match &column.data {
                ColumnData::Text(v) => {
                    if let Some(Some(t)) = v.get(row) {
                        crate::csv::text(&mut line, t);
                    }
                }
                ColumnData::Integer(v) => {
                    if let Some(Some(n)) = v.get(row) {
                        line.push_str(&n.to_string());
                    }
                }
                ColumnData::Decimal(v) => {
                    if let Some(Some(d)) = v.get(row) {
                        line.push_str(&plain(*d));
                        line.push(',');
                        line.push_str(&double_text(*d));
                    } else {
                        line.push(',');
                    }
                }
                ColumnData::Date(v) => {
                    if let Some(Some(d)) = v.get(row) {
                        line.push_str(&d.format("%Y-%m-%d").to_string());
                    }
                }
                ColumnData::Boolean(v) => {
                    if let Some(Some(b)) = v.get(row) {
                        line.push_str(if *b { "true" } else { "false" });
                    }
                }
            }
        }
        line.push_str("\r\n");
        w.write_all(line.as_bytes())?;
    }
    w.flush()
}

/// The table as NDJSON: one JSON object per row with every column in
/// order, `null` for a missing value, decimals as exact strings beside their
/// `_num` numbers.
pub(super) fn ndjson<W: Write>(table: &Table, w: W) -> io::Result<()> {
    let mut w = io::BufWriter::new(w);
    // Each column's name as a JSON key, written once.
    let keys: Vec<String> = table.file_columns().iter().map(|n| json_string(n) + ":").collect();
    let mut line = String::new();
    for row in 0..table.len() {
        line.clear();
        let mut keys = keys.iter();
        let mut put = |line: &mut String, value: Option<String>| {
            line.push(if line.is_empty() { '{' } else { ',' });
            line.push_str(keys.next().map_or("", String::as_str));
            line.push_str(value.as_deref().unwrap_or("null"));
        };
        for column in &table.columns {
            match &column.data {
                ColumnData::Text(v) => put(&mut line, v.get(row).and_then(Option::as_deref).map(json_string)),
                ColumnData::Integer(v) => put(&mut line, v.get(row).copied().flatten().map(|n| n.to_string())),
                ColumnData::Decimal(v) => {
                    let d = v.get(row).copied().flatten();
                    put(&mut line, d.map(|d| json_string(&plain(d))));
                    put(&mut line, d.and_then(double).and_then(json_number));
                }
                ColumnData::Date(v) => {
                    put(&mut line, v.get(row).copied().flatten().map(|d| format!("\"{}\"", d.format("%Y-%m-%d"))))
                }
                ColumnData::Boolean(v) => put(&mut line, v.get(row).copied().flatten().map(|b| b.to_string())),
            }
        }
        line.push_str("}\n");
        w.write_all(line.as_bytes())?;
    }
    w.flush()
}

fn json_string(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

/// A double as a JSON number; `None` for the infinities, which JSON has not.
fn json_number(f: f64) -> Option<String> {
    serde_json::Number::from_f64(f).map(|n| n.to_string())
}
