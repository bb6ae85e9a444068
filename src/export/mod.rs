//! Flat related tables for analysts: programmes, their sections, tasks,
//! targets, breakdown parts, responsibilities, units and deadlines, and —
//! when progress reports are given — the reports, their actuals and the
//! evaluation as of a date, written as CSV, NDJSON or Parquet (feature
//! `parquet`) for DuckDB, pandas, Polars or Spark.
//!
//! Many programmes go into one set of tables (a year of every county is one
//! SQL query away): every table starts with `programme_id`, and every key
//! includes it, because ids are unique only within their programme.
//!
//! ```
//! use minsheng::export::{Format, Tables};
//! let qinghai = minsheng::from_path("examples/data/qinghai-2021.json", minsheng::DEFAULT_MAX_BYTES)?;
//! let haidong = minsheng::from_path("examples/data/haidong-2024.json", minsheng::DEFAULT_MAX_BYTES)?;
//! let mut tables = Tables::new();
//! tables.add(&qinghai, &[], None)?;
//! tables.add(&haidong, &[], None)?;
//! let targets = tables.table("targets").ok_or("no targets table")?;
//! assert_eq!(targets.len(), qinghai.tasks().map(|t| t.targets.len()).sum::<usize>()
//!     + haidong.tasks().map(|t| t.targets.len()).sum::<usize>());
//! let mut csv = Vec::new();
//! targets.write(Format::Csv, &mut csv)?;
//! assert!(csv.starts_with(b"programme_id,target_id,task_id,position,subject,"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Types and formats
//!
//! | type | CSV (UTF-8, no byte-order mark, CRLF) | NDJSON (one object per row) | Parquet |
//! |---|---|---|---|
//! | text | the text; quoted per RFC 4180; see *Formulas* below | string | `UTF8` string |
//! | integer | digits | number | `INT64` |
//! | decimal | the exact figure, `51500`, `85.5`, `-5.9` | the exact figure as a string, `"85.5"` | `DECIMAL(38, s)`, one `s` for the whole export |
//! | number | the decimal beside it as a double (`low_num` for `low`) | number | `DOUBLE` |
//! | date | `YYYY-MM-DD` | string `"YYYY-MM-DD"` | `DATE` |
//! | boolean | `true` / `false` | `true` / `false` | `BOOLEAN` |
//!
//! A missing value is an empty CSV field, JSON `null`, or a Parquet null.
//! Every exact **decimal** column `x` comes with a plain **number** column
//! `x_num`: sum `x` when the figure must be exact (DuckDB reads the CSV
//! column exactly with `types = {'low': 'DECIMAL(38,10)'}`), use `x_num`
//! where a double is enough. Figures are normalised to base units as in
//! the programme format (5.15万套 → `51500` 套); `low_base` / `high_base`
//! convert them further into the base unit of their dimension (公顷 → 亩),
//! so figures of one dimension add up.
//!
//! In Parquet every decimal column of an export has one type,
//! `DECIMAL(38, s)`, `s` the most decimal places any of its figures needs:
//! columns then mix in SQL (`CASE … THEN low ELSE low_base END`) without
//! DuckDB rounding one to the other's scale. A decimal holds 38 digits: a
//! figure that needs more at that scale (a 29-digit figure in an export
//! where another has ten decimal places) is refused with an error naming
//! its column, rather than rounded; CSV and NDJSON keep every figure.
//!
//! **Formulas.** A CSV text cell that starts with `=`, `+`, `-`, `@`, a tab or
//! a carriage return is written with a `'` in front, so that a spreadsheet
//! opening the file shows it rather than running it (OWASP's advice on CSV
//! injection). Decimal, number and date columns are written as they are: a
//! figure such as `-5` stays a number. NDJSON and Parquet keep text exactly.
//!
//! Not exported: passages, addressees, document issuers, the members of a
//! leading group, contacts and channels of the reporting duties (their due
//! dates are in `deadlines`), task notes of progress reports, and `extra`.
//!
//! # Tables
//!
//! Generated from the column definitions; a test fails when this list and
//! the code disagree.
//!
#![doc = include_str!("TABLES.md")]

mod build;
#[cfg(feature = "parquet")]
mod parquet;
mod write;

use std::collections::HashSet;
use std::io;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::Programme;
use crate::progress::ProgressReport;

/// A file format of the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Comma-separated values, UTF-8, a header row of column names.
    Csv,
    /// Newline-delimited JSON: one object per row.
    Ndjson,
    /// Apache Parquet (feature `parquet`).
    #[cfg(feature = "parquet")]
    Parquet,
}

impl Format {
    /// The file name extension (`csv`, `ndjson`, `parquet`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Ndjson => "ndjson",
            #[cfg(feature = "parquet")]
            Format::Parquet => "parquet",
        }
    }
}

/// Why the export failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// Two programmes with one id cannot share the tables: their rows would
    /// have the same keys.
    #[error("two programmes have the id {0:?}; programmes exported together need different ids")]
    DuplicateProgramme(String),
    /// A figure needs more digits than a Parquet decimal holds at the
    /// export's scale.
    #[error(
        "column {table}.{column}: the figure {figure}, written with {scale} decimal places (the most any figure of the export has), needs {digits} digits, more than a Parquet decimal holds (38); CSV and NDJSON keep every figure exactly"
    )]
    DecimalTooWide {
        /// The table.
        table: &'static str,
        /// The column.
        column: &'static str,
        /// The figure with the most digits before the point.
        figure: String,
        /// The decimal places every figure is written with.
        scale: u32,
        /// How many digits the figure needs at that scale.
        digits: u32,
    },
    /// Writing failed.
    #[error("cannot write: {0}")]
    Io(#[from] io::Error),
    /// The Parquet writer failed.
    #[cfg(feature = "parquet")]
    #[error("cannot write Parquet: {0}")]
    Parquet(#[from] ::parquet::errors::ParquetError),
}

/// What a column holds (see the module docs for how each is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// Text.
    Text,
    /// A whole number.
    Integer,
    /// An exact decimal; written with a plain number column beside it.
    Decimal,
    /// A calendar date.
    Date,
    /// True or false.
    Boolean,
}

impl Kind {
    /// The kind's name in the table documentation.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Integer => "integer",
            Kind::Decimal => "decimal",
            Kind::Date => "date",
            Kind::Boolean => "boolean",
        }
    }
}

/// The values of one column, one per row; `None` is a missing value.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ColumnData {
    /// Text values.
    Text(Vec<Option<String>>),
    /// Whole numbers.
    Integer(Vec<Option<i64>>),
    /// Exact decimals.
    Decimal(Vec<Option<Decimal>>),
    /// Dates.
    Date(Vec<Option<NaiveDate>>),
    /// Booleans.
    Boolean(Vec<Option<bool>>),
}

impl ColumnData {
    fn empty(kind: Kind) -> Self {
        match kind {
            Kind::Text => ColumnData::Text(Vec::new()),
            Kind::Integer => ColumnData::Integer(Vec::new()),
            Kind::Decimal => ColumnData::Decimal(Vec::new()),
            Kind::Date => ColumnData::Date(Vec::new()),
            Kind::Boolean => ColumnData::Boolean(Vec::new()),
        }
    }

    /// Room for `additional` more values.
    fn reserve(&mut self, additional: usize) {
        match self {
            ColumnData::Text(v) => v.reserve(additional),
            ColumnData::Integer(v) => v.reserve(additional),
            ColumnData::Decimal(v) => v.reserve(additional),
            ColumnData::Date(v) => v.reserve(additional),
            ColumnData::Boolean(v) => v.reserve(additional),
        }
    }

    /// How many values.
    pub fn len(&self) -> usize {
        match self {
            ColumnData::Text(v) => v.len(),
            ColumnData::Integer(v) => v.len(),
            ColumnData::Decimal(v) => v.len(),
            ColumnData::Date(v) => v.len(),
            ColumnData::Boolean(v) => v.len(),
        }
    }

    /// `true` when the column has no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What the column holds.
    pub fn kind(&self) -> Kind {
        match self {
            ColumnData::Text(_) => Kind::Text,
            ColumnData::Integer(_) => Kind::Integer,
            ColumnData::Decimal(_) => Kind::Decimal,
            ColumnData::Date(_) => Kind::Date,
            ColumnData::Boolean(_) => Kind::Boolean,
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Its name, snake_case.
    pub name: &'static str,
    /// What it means.
    pub description: &'static str,
    /// Its values.
    pub data: ColumnData,
}

/// A column of this table that refers to the key of another table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    /// The referring columns.
    pub columns: &'static [&'static str],
    /// The table referred to; its key columns, in order.
    pub table: &'static str,
}

/// One table of the export: named columns of equal length.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Its name (`tasks`), also the file's name before the extension.
    pub name: &'static str,
    /// What one row is.
    pub description: &'static str,
    /// The columns that identify a row.
    pub key: &'static [&'static str],
    /// Foreign keys.
    pub references: &'static [Reference],
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// The scale of every decimal in the export (see [`Table::decimal_scale`]).
    scale: u32,
}

impl Table {
    /// How many rows.
    pub fn len(&self) -> usize {
        self.columns.first().map_or(0, |c| c.data.len())
    }

    /// The number of decimal places Parquet decimals are written with: the
    /// most any figure of the whole export needs (trailing zeros aside), so
    /// every decimal column of every file has the one type `DECIMAL(38, s)`
    /// and columns mix in SQL without rounding.
    pub fn decimal_scale(&self) -> u32 {
        self.scale
    }

    /// `true` when the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The column with this name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The most decimal places any figure of this table has, trailing zeros aside.
    fn largest_scale(&self) -> u32 {
        let decimals = self.columns.iter().filter_map(|c| match &c.data {
            ColumnData::Decimal(v) => Some(v.iter().flatten().map(|d| d.normalize().scale()).max().unwrap_or(0)),
            _ => None,
        });
        decimals.max().unwrap_or(0)
    }

    /// The names of the columns as written in files: each decimal column
    /// `x` followed by its number column `x_num`.
    pub fn file_columns(&self) -> Vec<String> {
        let mut out = Vec::with_capacity(self.columns.len() + 8);
        for c in &self.columns {
            out.push(c.name.to_owned());
            if c.data.kind() == Kind::Decimal {
                out.push(format!("{}_num", c.name));
            }
        }
        out
    }

    /// Writes the table in `format` to `w`.
    ///
    /// # Errors
    ///
    /// [`ExportError::Io`] when writing fails; for Parquet also
    /// [`ExportError::DecimalTooWide`] and [`ExportError::Parquet`].
    pub fn write<W: io::Write + Send>(&self, format: Format, w: W) -> Result<(), ExportError> {
        match format {
            Format::Csv => write::csv(self, w)?,
            Format::Ndjson => write::ndjson(self, w)?,
            #[cfg(feature = "parquet")]
            Format::Parquet => parquet::write(self, w)?,
        }
        Ok(())
    }
}

/// The tables of one or more programmes. Add programmes with
/// [`Tables::add`]; read the tables with [`Tables::tables`].
#[derive(Debug, Clone, PartialEq)]
pub struct Tables {
    tables: Vec<Table>,
    ids: HashSet<String>,
}

impl Default for Tables {
    fn default() -> Self {
        Self::new()
    }
}

impl Tables {
    /// Every table, with no rows.
    pub fn new() -> Self {
        Tables { tables: build::empty_tables(), ids: HashSet::new() }
    }

    /// Adds a programme's rows to every table. `reports` are the progress
    /// reports received (those about other programmes are left out); with
    /// `as_of`, the `evaluation` table gets each target's standing on that
    /// date, as [`evaluate`](crate::evaluate::evaluate) gives it.
    ///
    /// # Errors
    ///
    /// [`ExportError::DuplicateProgramme`] when a programme with the same id
    /// was added before; nothing is added then.
    pub fn add(
        &mut self,
        programme: &Programme,
        reports: &[ProgressReport],
        as_of: Option<NaiveDate>,
    ) -> Result<(), ExportError> {
        if !self.ids.insert(programme.id.to_string()) {
            return Err(ExportError::DuplicateProgramme(programme.id.to_string()));
        }
        build::add(&mut self.tables, programme, reports, as_of);
        // One scale for every decimal of the export: the largest any figure needs.
        let scale = self.tables.iter().map(Table::largest_scale).max().unwrap_or(0);
        for t in &mut self.tables {
            t.scale = scale;
        }
        Ok(())
    }

    /// Every table, in a fixed order (programmes first).
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    /// The table with this name.
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }
}

/// The documentation of every table, as Markdown: its key, its foreign
/// keys, and each column as written in files with its type and meaning.
/// The module documentation above is this text.
pub fn describe() -> String {
    let mut out = String::new();
    for t in Tables::new().tables() {
        out.push_str(&format!("## `{}`\n\n{}\n\n", t.name, t.description));
        let key: Vec<String> = t.key.iter().map(|k| format!("`{k}`")).collect();
        out.push_str(&format!("Key: {}.", key.join(", ")));
        for r in t.references {
            let cols: Vec<String> = r.columns.iter().map(|k| format!("`{k}`")).collect();
            out.push_str(&format!(" {} → `{}`.", cols.join(", "), r.table));
        }
        out.push_str("\n\n| column | type | meaning |\n|---|---|---|\n");
        for c in &t.columns {
            out.push_str(&format!("| `{}` | {} | {} |\n", c.name, c.data.kind().as_str(), c.description));
            if c.data.kind() == Kind::Decimal {
                out.push_str(&format!("| `{}_num` | number | `{}` as a double |\n", c.name, c.name));
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_docs_are_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/export/TABLES.md");
        let generated = describe();
        if std::env::var_os("MINSHENG_BLESS").is_some() {
            std::fs::write(path, &generated).unwrap();
            return;
        }
        assert_eq!(
            include_str!("TABLES.md"),
            generated,
            "src/export/TABLES.md is stale: run `MINSHENG_BLESS=1 cargo test --lib export`"
        );
    }
}
