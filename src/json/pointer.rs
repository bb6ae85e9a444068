//! JSON Pointers (RFC 6901) to places in a programme.

use std::fmt;

/// Escapes one reference token: `~` → `~0`, `/` → `~1`.
pub fn escape(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    push_escaped(&mut out, token);
    out
}

/// Appends `token` escaped, without allocating when there is nothing to escape.
fn push_escaped(out: &mut String, token: &str) {
    if !token.contains(['~', '/']) {
        out.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// Writes `n` in decimal digits: pointers are written for every dated item
/// of a summary, and the formatting machinery cost more than the rest of
/// the pointer.
fn push_digits(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        // n % 10 < 10: the cast keeps it whole.
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// A JSON Pointer built up segment by segment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the whole document (the empty string).
    pub fn root() -> Self {
        Self(String::new())
    }

    /// This pointer extended by a field name.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        let mut s = String::with_capacity(self.0.len() + key.len() + 1);
        s.push_str(&self.0);
        s.push('/');
        push_escaped(&mut s, key);
        Self(s)
    }

    /// This pointer extended by an array index.
    #[must_use]
    pub fn index(&self, i: usize) -> Self {
        use std::fmt::Write;
        let mut s = String::with_capacity(self.0.len() + 8);
        s.push_str(&self.0);
        // Writing into a String cannot fail.
        let _ = write!(s, "/{i}");
        Self(s)
    }

    /// The pointer as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A JSON Pointer not yet written out: a chain of borrowed segments that
/// costs nothing to extend and is only turned into text when a finding
/// needs it, so validation allocates per finding, not per value.
#[derive(Debug, Clone, Copy)]
pub(crate) enum At<'a> {
    /// The whole document.
    Root,
    /// A field of the parent.
    Key(&'a At<'a>, &'a str),
    /// An element of the parent array.
    Index(&'a At<'a>, usize),
}

/// The root, as a static so that pointers built from it may be kept in locals.
pub(crate) static ROOT: At<'static> = At::Root;

impl<'a> At<'a> {
    /// This pointer extended by a field name.
    pub(crate) fn key(&'a self, key: &'a str) -> At<'a> {
        At::Key(self, key)
    }

    /// This pointer extended by an array index.
    pub(crate) fn index(&'a self, i: usize) -> At<'a> {
        At::Index(self, i)
    }

    /// The pointer written out (`/sections/0/tasks/2`).
    pub(crate) fn path(&self) -> String {
        // Room for the usual depth (/sections/3/tasks/12/targets/0/deadline) without regrowing.
        let mut out = String::with_capacity(48);
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            At::Root => {}
            At::Key(parent, key) => {
                parent.write(out);
                out.push('/');
                push_escaped(out, key);
            }
            At::Index(parent, i) => {
                parent.write(out);
                out.push('/');
                push_digits(out, *i);
            }
        }
    }
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path())
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Pointer> for String {
    fn from(p: Pointer) -> String {
        p.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_rfc_6901() {
        assert_eq!(Pointer::root().key("a/b~c").index(2).as_str(), "/a~1b~0c/2");
        assert_eq!(escape("~~//x"), "~0~0~1~1x");
        let units = ROOT.key("units");
        assert_eq!(units.index(3).key("a/b~c").to_string(), "/units/3/a~1b~0c");
        assert_eq!(ROOT.to_string(), "");
        assert_eq!(escape("民生"), "民生");
    }
}
