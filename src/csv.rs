//! CSV cells, written once for the ledger and the export: quoting as RFC 4180
//! requires, and text that a spreadsheet would run as a formula made inert.
//!
//! **Formula injection** (OWASP, "CSV Injection"): a spreadsheet opening a
//! CSV file runs a cell that starts with `=`, `+`, `-` or `@` as a formula
//! (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`, `@SUM(…)`), and a leading tab or
//! carriage return can hide such a start. A text cell that starts with one of
//! these characters is written with a single quote in front (`'=HYPERLINK(…)`),
//! which spreadsheets show as text; everything after the quote is kept as
//! written. Only *text* cells are treated so: figures, dates and ids are
//! written by this crate in forms that cannot start a formula except with a
//! minus sign, and a figure such as `-5` must stay a number, so number cells
//! are written as they are.

/// The characters that make a spreadsheet read a cell as a formula (OWASP).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `true` when a spreadsheet could take the text for a formula.
pub(crate) fn looks_like_formula(text: &str) -> bool {
    text.starts_with(FORMULA_STARTS)
}

/// Writes a text cell: made inert when it could be taken for a formula, then
/// quoted where RFC 4180 requires.
pub(crate) fn text(out: &mut String, text: &str) {
    if looks_like_formula(text) {
        let mut inert = String::with_capacity(text.len() + 1);
        inert.push('\'');
        inert.push_str(text);
        quoted(out, &inert);
    } else {
        quoted(out, text);
    }
}

/// Writes a cell as it is, quoted where RFC 4180 requires: for numbers, dates
/// and ids, which this crate formats itself.
pub(crate) fn verbatim(out: &mut String, cell: &str) {
    quoted(out, cell);
}

fn quoted(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(f: fn(&mut String, &str), s: &str) -> String {
        let mut out = String::new();
        f(&mut out, s);
        out
    }

    #[test]
    fn quotes_what_rfc_4180_requires() {
        assert_eq!(cell(text, "a,b \"c\""), "\"a,b \"\"c\"\"\"");
        assert_eq!(cell(text, "省教育厅"), "省教育厅");
        assert_eq!(cell(text, "两行\r\n文字"), "\"两行\r\n文字\"");
    }

    #[test]
    fn text_that_starts_a_formula_is_made_inert() {
        assert_eq!(cell(text, "=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assert_eq!(cell(text, "=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(cell(text, "@SUM(A1:A9)"), "'@SUM(A1:A9)");
        assert_eq!(cell(text, "+1"), "'+1");
        assert_eq!(cell(text, "-1+2"), "'-1+2");
        assert_eq!(cell(text, "\t=1"), "'\t=1");
        assert_eq!(cell(text, "\r=1"), "\"'\r=1\"");
        // A sign inside the text is harmless.
        assert_eq!(cell(text, "增长8%=目标"), "增长8%=目标");
    }

    proptest::proptest! {
        /// Any text: the cell never starts a formula, and reading it back
        /// (RFC 4180 unquoting) gives the text, after a `'` exactly when the
        /// text could start one.
        #[test]
        fn any_text_is_inert_and_reads_back(s in "\\PC{0,12}|[=+@\\-\t\r][\\PC\t\r\n,\"]{0,12}") {
            let c = cell(text, &s);
            let body = match c.strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
                Some(inner) => inner.replace("\"\"", "\""),
                None => c.clone(),
            };
            proptest::prop_assert!(!body.starts_with(FORMULA_STARTS), "{body:?}");
            let want = if looks_like_formula(&s) { format!("'{s}") } else { s.clone() };
            proptest::prop_assert_eq!(body, want);
        }
    }

    #[test]
    fn figures_stay_numbers() {
        assert_eq!(cell(verbatim, "-5"), "-5");
        assert_eq!(cell(verbatim, "-5.9"), "-5.9");
    }
}
