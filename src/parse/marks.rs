//! Characters a reader does not see as part of the words: Unicode format
//! characters (zero-width space, direction marks, the byte-order mark) and
//! the pinyin glosses some mirror sites insert after characters
//! (`實(shí)`, `萬(wàn)元`). The parser and the importer read past both, so
//! figures, labels and names come out as a reader sees them.

use std::ops::Range;

/// `true` for Unicode format characters (general category Cf): the
/// zero-width space, the left-to-right and right-to-left marks, the soft
/// hyphen, the word joiner, bidirectional embeddings and isolates, the
/// byte-order mark and the rest. They print as nothing, so the parser and
/// the importer read past them as they read past the BOM: `1\u{200b}0万人次`
/// is 10万人次, and `\u{200f}省妇联` names 省妇联.
///
/// The ranges are Unicode 15's Cf list, written out rather than pulled in
/// with a Unicode-tables crate for one category that changes rarely.
pub(crate) fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00ad}'
        | '\u{0600}'..='\u{0605}'
        | '\u{061c}'
        | '\u{06dd}'
        | '\u{070f}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08e2}'
        | '\u{180e}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{110bd}'
        | '\u{110cd}'
        | '\u{13430}'..='\u{1343f}'
        | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0001}'
        | '\u{e0020}'..='\u{e007f}')
}

/// `true` for the letters a pinyin gloss is written with.
fn pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜü".contains(c)
}

/// `true` for a CJK ideograph (the basic block and extension A).
pub(crate) fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// The byte ranges of the pinyin glosses of `s`: a parenthesis of one to
/// seven pinyin letters right after an ideograph (`區(qū)`, `會(huì)`). A
/// parenthesis of other words (`(公司)`, `(PM2.5)`, `(一期)`) is no gloss.
pub(crate) fn glosses(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if matches!(c, '(' | '（') && prev.is_some_and(is_cjk) {
            let rest = &s[i + c.len_utf8()..];
            let letters: usize = rest.chars().take_while(|c| pinyin_letter(*c)).count();
            let after = rest.chars().nth(letters);
            if (1..=7).contains(&letters) && matches!(after, Some(')' | '）')) {
                let inner: usize = rest.chars().take(letters).map(char::len_utf8).sum();
                let end = i + c.len_utf8() + inner + after.map_or(0, char::len_utf8);
                out.push(i..end);
                while it.peek().is_some_and(|(j, _)| *j < end) {
                    it.next();
                }
                // The gloss belongs to the ideograph before it: the next
                // gloss may follow the next ideograph.
                continue;
            }
        }
        prev = Some(c);
    }
    out
}

/// A cursor telling, in one forward pass, whether a byte offset lies in a
/// gloss of the text it was made for.
pub(crate) struct Glosses {
    ranges: Vec<Range<usize>>,
    k: usize,
}

impl Glosses {
    /// The glosses of `s`.
    pub(crate) fn of(s: &str) -> Self {
        Self { ranges: glosses(s), k: 0 }
    }

    /// `true` when byte `at` lies in a gloss; `at` must not go backwards.
    pub(crate) fn holds(&mut self, at: usize) -> bool {
        while self.ranges.get(self.k).is_some_and(|r| r.end <= at) {
            self.k += 1;
        }
        self.ranges.get(self.k).is_some_and(|r| r.start <= at)
    }
}

/// `s` without its spaces, format characters and pinyin glosses: a unit's
/// name as a reader writes it (`州住房城鄉(xiāng)建設(shè)局` → `州住房城鄉建設局`).
pub(crate) fn bare(s: &str, is_space: impl Fn(char) -> bool) -> String {
    let mut g = Glosses::of(s);
    s.char_indices().filter(|(i, c)| !g.holds(*i) && !is_space(*c) && !is_format(*c)).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glosses_are_found_after_ideographs_only() {
        let s = "實(shí)事萬(wàn)元(公司)(PM2.5)區(qū)(一期)";
        let found: Vec<&str> = glosses(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(found, ["(shí)", "(wàn)", "(qū)"]);
        assert!(glosses("a(b)").is_empty());
        assert_eq!(bare("州住房城鄉(xiāng)建設(shè)局 ", char::is_whitespace), "州住房城鄉建設局");
    }
}
