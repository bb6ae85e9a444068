//! The caller, from `Authorization: Bearer …` (or, for the dashboard's
//! pages, the `minsheng_token` cookie on GET requests only, so a page can
//! never be made to write on a visitor's behalf).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, header};

use crate::auth::{self, Caller};
use crate::error::ApiError;
use crate::state::AppState;

/// The cookie the dashboard's sign-in sets.
pub const COOKIE: &str = "minsheng_token";

/// The token sent with a request, if any.
pub fn token(parts: &Parts) -> Option<String> {
    if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
        let value = value.to_str().ok()?;
        let token = value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer "))?;
        return Some(token.trim().to_owned());
    }
    if parts.method != Method::GET {
        return None;
    }
    parts.headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|v| {
        v.split(';').find_map(|kv| kv.trim().strip_prefix(COOKIE).and_then(|r| r.strip_prefix('=')).map(str::to_owned))
    })
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Some(token) = token(parts) else {
            return Err(ApiError::Unauthorized(
                "no token: send Authorization: Bearer TOKEN (tokens are made with `minsheng-server token create`)"
                    .into(),
            ));
        };
        let row = state.db().token(&auth::hash(&token)).await?;
        match row.and_then(Caller::from_row) {
            Some(caller) => Ok(caller),
            None => Err(ApiError::Unauthorized("the token is not known to this service".into())),
        }
    }
}
