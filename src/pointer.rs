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
        assert_eq!(escape("民生"), "民生");
    }
}
