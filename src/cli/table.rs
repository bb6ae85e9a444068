//! The one text-table printer of the command line.

use unicode_width::UnicodeWidthStr;

/// A plain text table: a header, a rule, the rows and a blank line. The
/// first `left` columns are left-aligned, the others right-aligned; widths
/// count CJK and full-width characters as two terminal columns.
///
/// Rows may borrow their cells (`[&str; 4]`) or own them (`Vec<String>`):
/// a table of a hundred thousand calendar entries need not copy them.
pub(crate) fn table<R, C>(out: &mut String, header: &[&str], rows: &[R], left: usize)
where
    R: AsRef<[C]>,
    C: AsRef<str>,
{
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row.as_ref()) {
            *w = (*w).max(cell.as_ref().width());
        }
    }
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(out, header, &widths, left);
    line(out, &rule, &widths, left);
    for row in rows {
        line(out, row.as_ref(), &widths, left);
    }
    out.push('\n');
}

/// One row, padded to the widths, without trailing spaces.
fn line<C: AsRef<str>>(out: &mut String, cells: &[C], widths: &[usize], left: usize) {
    let start = out.len();
    for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
        let cell = cell.as_ref();
        let pad = w.saturating_sub(cell.width());
        if i > 0 {
            out.push_str("  ");
        }
        if i < left {
            out.push_str(cell);
            out.extend(std::iter::repeat_n(' ', pad));
        } else {
            out.extend(std::iter::repeat_n(' ', pad));
            out.push_str(cell);
        }
    }
    let kept = out[start..].trim_end().len();
    out.truncate(start + kept);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_display_width() {
        let mut out = String::new();
        table(&mut out, &["单位", "n"], &[["省教育厅", "12"], ["x", "3"]], 1);
        assert_eq!(out, "单位       n\n--------  --\n省教育厅  12\nx          3\n\n");
    }
}
