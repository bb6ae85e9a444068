//! One vocabulary for findings: what validation, progress checks and
//! decomposition report about a document.
//!
//! Each family has its own table of stable codes (validation's
//! [`Code`](crate::validate::Code), progress checks'
//! [`ProgressCode`](crate::progress::ProgressCode), decomposition's
//! [`LinkCode`](crate::decompose::LinkCode)), declared once with the
//! crate-internal `codes!` macro so that every family has the same
//! behaviour: a code's name (`duplicate_id`) is its serde form and never
//! changes, and its [`Severity`] is fixed by the table. The finding and the
//! report around it are one generic pair, [`Finding`] and [`Report`].
//!
//! ```
//! use minsheng::findings::{FindingCode, Severity};
//! use minsheng::validate::Code;
//! assert_eq!(Code::DuplicateId.severity(), Severity::Error);
//! assert_eq!(<Code as FindingCode>::ALL.len(), Code::ALL.len());
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The data contradicts itself or its notice.
    Error,
    /// Worth a look; the data may still be right.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A table of stable finding codes.
///
/// Implemented by the enums that the crate-internal `codes!` macro declares;
/// each code also has the same items as inherent methods, so callers need
/// not import this trait.
pub trait FindingCode: Copy + Eq + fmt::Debug + fmt::Display + 'static {
    /// Every code, in table order.
    const ALL: &'static [Self];

    /// The code as written in reports (`duplicate_id`).
    fn as_str(self) -> &'static str;

    /// The severity findings of this code have.
    fn severity(self) -> Severity;
}

/// Declares an enum of stable finding codes: each variant with its doc
/// comment, its name in reports and its severity. The enum gets `ALL`,
/// `as_str`, `severity`, `Display`, serde under the names, and
/// [`FindingCode`].
macro_rules! codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$doc:meta])* $variant:ident => $text:literal, $severity:ident;)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$doc])* #[serde(rename = $text)] $variant,)*
        }

        impl $name {
            /// Every code, in table order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The code as written in reports.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The severity findings of this code have.
            pub fn severity(self) -> $crate::findings::Severity {
                match self {
                    $($name::$variant => $crate::findings::Severity::$severity,)*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::findings::FindingCode for $name {
            const ALL: &'static [Self] = $name::ALL;

            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }

            fn severity(self) -> $crate::findings::Severity {
                $name::severity(self)
            }
        }
    };
}

pub(crate) use codes;

/// One defect, located: a code of family `C`, its severity, where, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding<C> {
    /// The rule that found it.
    pub code: C,
    /// How serious it is (always the code's severity).
    pub severity: Severity,
    /// JSON Pointer to the offending value (`/sections/2/tasks/4/targets/0`).
    pub path: String,
    /// What is wrong, naming the task or target in the notice's words.
    pub message: String,
}

impl<C: FindingCode> Finding<C> {
    /// A finding of `code` at `path`, with the code's severity.
    pub fn new(code: C, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { code, severity: code.severity(), path: path.into(), message: message.into() }
    }
}

impl<C: fmt::Display> fmt::Display for Finding<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}] {}: {}", self.severity, self.code, self.path, self.message)
    }
}

/// Every finding of one check, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report<C> {
    /// The findings.
    pub findings: Vec<Finding<C>>,
}

impl<C> Default for Report<C> {
    fn default() -> Self {
        Self { findings: Vec::new() }
    }
}

impl<C: PartialEq> Report<C> {
    /// The error findings.
    pub fn errors(&self) -> impl Iterator<Item = &Finding<C>> {
        self.findings.iter().filter(|f| f.severity == Severity::Error)
    }

    /// The warning findings.
    pub fn warnings(&self) -> impl Iterator<Item = &Finding<C>> {
        self.findings.iter().filter(|f| f.severity == Severity::Warning)
    }

    /// `true` when there is no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }

    /// `true` when some finding has `code`.
    pub fn has(&self, code: C) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }
}

/// Checks a module's documented table of codes against the code: every code
/// has its row (`//! | \`name\` | severity |`) and every row names a code.
#[cfg(test)]
pub(crate) fn assert_code_table<C: FindingCode>(source: &str) {
    for code in C::ALL {
        let row = format!("//! | `{}` | {} |", code.as_str(), code.severity());
        assert!(source.contains(&row), "missing table row for {code}");
    }
    let names: Vec<&str> = C::ALL.iter().map(|c| c.as_str()).collect();
    let mut rows = 0;
    for line in source.lines() {
        let Some(rest) = line.strip_prefix("//! | `") else { continue };
        let Some((name, _)) = rest.split_once('`') else { continue };
        rows += 1;
        assert!(names.contains(&name), "the table documents `{name}`, which is no code");
    }
    assert_eq!(rows, names.len(), "the table has {rows} rows for {} codes", names.len());
}
