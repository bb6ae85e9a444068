//! Parquet (feature `parquet`): one row group per table, Snappy-compressed,
//! decimals as Parquet `DECIMAL(38, s)` with one `s` for the whole export
//! ([`Table::decimal_scale`]), so every figure is stored exactly or its
//! column is refused.

use std::io::Write;
use std::sync::Arc;

use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Decimal128Array, Float64Array, Int64Array, RecordBatch, StringArray,
};
use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use rust_decimal::Decimal;

use super::write::double;
use super::{ColumnData, ExportError, Table};
use crate::json::decimal::plain;

/// The most digits a Parquet decimal stored in 16 bytes holds.
const MAX_PRECISION: u8 = 38;

/// The table as one Parquet file.
pub(super) fn write<W: Write + Send>(table: &Table, w: W) -> Result<(), ExportError> {
    let mut fields = Vec::with_capacity(table.columns.len() + 8);
    let mut arrays: Vec<ArrayRef> = Vec::with_capacity(table.columns.len() + 8);
    for column in &table.columns {
        match &column.data {
            ColumnData::Text(v) => {
                fields.push(Field::new(column.name, DataType::Utf8, true));
                arrays.push(Arc::new(v.iter().map(Option::as_deref).collect::<StringArray>()));
            }
            ColumnData::Integer(v) => {
                fields.push(Field::new(column.name, DataType::Int64, true));
                arrays.push(Arc::new(v.iter().copied().collect::<Int64Array>()));
            }
            ColumnData::Decimal(v) => {
                let (scale, mantissas) = decimals(table.name, column.name, v, table.decimal_scale())?;
                let array = mantissas
                    .into_iter()
                    .collect::<Decimal128Array>()
                    .with_precision_and_scale(MAX_PRECISION, scale)
                    .map_err(|e| ExportError::Parquet(e.into()))?;
                fields.push(Field::new(column.name, DataType::Decimal128(MAX_PRECISION, scale), true));
                arrays.push(Arc::new(array));
                fields.push(Field::new(format!("{}_num", column.name), DataType::Float64, true));
                arrays.push(Arc::new(v.iter().map(|d| d.and_then(double)).collect::<Float64Array>()));
            }
            ColumnData::Date(v) => {
                fields.push(Field::new(column.name, DataType::Date32, true));
                arrays.push(Arc::new(v.iter().map(|d| d.and_then(days)).collect::<Date32Array>()));
            }
            ColumnData::Boolean(v) => {
                fields.push(Field::new(column.name, DataType::Boolean, true));
                arrays.push(Arc::new(v.iter().copied().collect::<BooleanArray>()));
            }
        }
    }
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(|e| ExportError::Parquet(e.into()))?;
    let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
    let mut writer = ArrowWriter::try_new(w, schema, Some(props))?;
    writer.write(&batch)?;
    writer.close()?;
    Ok(())
}

/// Days since 1970-01-01, as a Parquet `DATE` counts them.
fn days(d: NaiveDate) -> Option<i32> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from((d - epoch).num_days()).ok()
}

/// Every figure as an integer at `scale` (raised to the column's own
/// largest, should a caller give less), and the scale used.
///
/// # Errors
///
/// [`ExportError::DecimalTooWide`] when some figure at that scale needs
/// more than 38 digits.
fn decimals(
    table: &'static str,
    column: &'static str,
    values: &[Option<Decimal>],
    scale: u32,
) -> Result<(i8, Vec<Option<i128>>), ExportError> {
    let scale = values.iter().flatten().map(|d| d.normalize().scale()).fold(scale, u32::max);
    let limit = 10_i128.pow(u32::from(MAX_PRECISION));
    let mut out = Vec::with_capacity(values.len());
    for value in values {
        let Some(d) = value else {
            out.push(None);
            continue;
        };
        let d = d.normalize();
        let m = 10_i128
            .checked_pow(scale - d.scale())
            .and_then(|f| d.mantissa().checked_mul(f))
            .filter(|m| m.abs() < limit);
        match m {
            Some(m) => out.push(Some(m)),
            None => return Err(too_wide(table, column, values, scale)),
        }
    }
    // rust_decimal's scale is at most 28, well within an i8.
    Ok((i8::try_from(scale).unwrap_or(i8::MAX), out))
}

fn too_wide(table: &'static str, column: &'static str, values: &[Option<Decimal>], scale: u32) -> ExportError {
    let int_digits = |d: &Decimal| d.trunc().abs().normalize().to_string().trim_start_matches('0').len();
    let widest = values.iter().flatten().max_by_key(|d| int_digits(d)).copied().unwrap_or_default();
    let digits = u32::try_from(int_digits(&widest)).unwrap_or(u32::MAX).saturating_add(scale);
    ExportError::DecimalTooWide { table, column, figure: plain(widest), scale, digits }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn figures_keep_every_digit_at_the_column_scale() {
        let (scale, m) =
            decimals("t", "c", &[Some(dec!(51500)), None, Some(dec!(85.50)), Some(dec!(-5.9))], 0).unwrap();
        assert_eq!(scale, 1);
        assert_eq!(m, vec![Some(515000), None, Some(855), Some(-59)]);
        // The export's scale, when larger, holds for every column.
        let (scale, m) = decimals("t", "c", &[Some(dec!(51500))], 2).unwrap();
        assert_eq!((scale, m[0]), (2, Some(5150000)));
        let (scale, m) = decimals("t", "c", &[Some(Decimal::MAX)], 0).unwrap();
        assert_eq!((scale, m[0]), (0, Some(79228162514264337593543950335)));
    }

    #[test]
    fn a_column_too_wide_for_38_digits_is_refused_not_rounded() {
        let e = decimals("targets", "low", &[Some(Decimal::MAX), Some(dec!(0.0000000001))], 0).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("targets.low") && text.contains("79228162514264337593543950335"), "{text}");
        assert!(text.contains("10 decimal places") && text.contains("39 digits"), "{text}");
    }
}
