//! Tokens and roles.
//!
//! A token is 32 random bytes written as `msk_` and 64 hex digits; the store
//! keeps only its SHA-256, so a copy of the database gives no one access.
//! Each token carries a role — `supervisor` (everything of its programmes),
//! `department` (bound to one unit: its own tasks only), `reader`
//! (read-only) — and the programmes it reaches (all when none is named).

use std::fmt;

use sha2::{Digest, Sha256};

use crate::db::TokenRow;

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Publishes programmes, submits reports for any unit, reads everything of its programmes.
    Supervisor,
    /// Submits reports and reads only for the tasks its unit leads or cooperates on.
    Department,
    /// Reads everything of its programmes; changes nothing.
    Reader,
}

impl Role {
    /// The role's name as stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Supervisor => "supervisor",
            Role::Department => "department",
            Role::Reader => "reader",
        }
    }

    fn parse(s: &str) -> Option<Role> {
        match s {
            "supervisor" => Some(Role::Supervisor),
            "department" => Some(Role::Department),
            "reader" => Some(Role::Reader),
            _ => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who is calling: the token's role, unit and programmes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The token's label (recorded with everything it submits).
    pub label: String,
    /// Its role.
    pub role: Role,
    /// The unit a department token speaks for.
    pub unit: Option<String>,
    /// The programmes it reaches; `None` for all.
    pub programmes: Option<Vec<String>>,
}

impl Caller {
    /// Whether the token reaches this programme at all.
    pub fn reaches(&self, programme_id: &str) -> bool {
        self.programmes.as_ref().is_none_or(|list| list.iter().any(|p| p == programme_id))
    }

    /// The unit whose tasks bound what this caller sees, for a department.
    pub fn department_unit(&self) -> Option<&str> {
        match self.role {
            Role::Department => self.unit.as_deref(),
            _ => None,
        }
    }

    /// Reads a stored token back; `None` when the row is damaged.
    pub fn from_row(row: TokenRow) -> Option<Caller> {
        let role = Role::parse(&row.role)?;
        let programmes = match row.programmes {
            None => None,
            Some(text) => Some(serde_json::from_str::<Vec<String>>(&text).ok()?),
        };
        if role == Role::Department && row.unit_id.is_none() {
            return None;
        }
        Some(Caller { label: row.label, role, unit: row.unit_id, programmes })
    }
}

/// The SHA-256 of a token, in hex: what the store keeps.
pub fn hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// A new random token.
///
/// # Errors
///
/// When the operating system gives no randomness.
pub fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(format!("msk_{}", hex(&bytes)))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        // Writing into a String cannot fail.
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// What a new token is for.
#[derive(Debug, Clone)]
pub struct NewToken {
    /// A label for logs and the submitted-by field.
    pub label: String,
    /// Its role.
    pub role: Role,
    /// The unit, for a department.
    pub unit: Option<String>,
    /// The programmes it reaches (empty: all).
    pub programmes: Vec<String>,
}

/// Why a token cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// A department token names no unit.
    #[error("a department token needs the unit it speaks for (--unit)")]
    NoUnit,
    /// Another role with a unit.
    #[error("only department tokens are bound to a unit; leave out --unit for a {0}")]
    UnitNotApplicable(Role),
    /// No randomness.
    #[error("cannot draw a random token: {0}")]
    Random(getrandom::Error),
    /// The store failed.
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
}

/// Creates a token, stores its hash and returns the token itself (shown once).
///
/// # Errors
///
/// [`TokenError`] when the role and unit do not fit or the store fails.
pub async fn create(db: &crate::db::Db, new: &NewToken) -> Result<String, TokenError> {
    match (new.role, &new.unit) {
        (Role::Department, None) => return Err(TokenError::NoUnit),
        (role @ (Role::Supervisor | Role::Reader), Some(_)) => return Err(TokenError::UnitNotApplicable(role)),
        _ => {}
    }
    let token = new_token().map_err(TokenError::Random)?;
    let programmes = if new.programmes.is_empty() {
        None
    } else {
        // A list of strings always serialises.
        Some(serde_json::to_string(&new.programmes).unwrap_or_else(|_| "[]".into()))
    };
    let row =
        TokenRow { label: new.label.clone(), role: new.role.as_str().into(), unit_id: new.unit.clone(), programmes };
    db.insert_token(&hash(&token), &row, &crate::now()).await?;
    Ok(token)
}
