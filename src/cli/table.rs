//! The one text-table printer of the command line.

use unicode_width::UnicodeWidthStr;

/// A plain text table: a header, a rule, the rows and a blank line. The
/// first `left` columns are left-aligned, the others right-aligned; widths
/// count CJK and full-width characters as two terminal columns.
pub(crate) fn table(out: &mut String, header: &[&str], rows: &[Vec<String>], left: usize) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |out: &mut String, cells: &[String]| {
        let mut l = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(w.saturating_sub(cell.width()));
            if i > 0 {
                l.push_str("  ");
            }
            if i < left {
                l.push_str(cell);
                l.push_str(&pad);
            } else {
                l.push_str(&pad);
                l.push_str(cell);
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(out, &header.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>());
    line(out, &widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>());
    for row in rows {
        line(out, row);
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_display_width() {
        let mut out = String::new();
        table(&mut out, &["单位", "n"], &[vec!["省教育厅".into(), "12".into()], vec!["x".into(), "3".into()]], 1);
        assert_eq!(out, "单位       n\n--------  --\n省教育厅  12\nx          3\n\n");
    }
}
