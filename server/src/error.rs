//! Refusals and failures as HTTP answers: a status and a JSON body
//! `{"error": "…", …}` that says what and where in people's words.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Value, json};

/// The body of every error answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: String,
    /// For unreadable JSON: the line, counting from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// For unreadable JSON: the column, counting from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// For unreadable JSON: the JSON Pointer of the value being read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// For a refused document: every finding, as `minsheng validate --format json` gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<Object>>)]
    pub findings: Option<Value>,
}

/// A refusal or failure.
#[derive(Debug)]
pub enum ApiError {
    /// No token, or one the service does not know (401).
    Unauthorized(String),
    /// The token may not do this (403).
    Forbidden(String),
    /// No such programme, version or page (404).
    NotFound(String),
    /// The body is not readable: broken JSON, or JSON of the wrong shape (400).
    BadRequest {
        /// What.
        message: String,
        /// Where, when known: line, column, pointer.
        at: Option<(usize, usize, String)>,
    },
    /// The document was read but the crate's checks refuse it (422).
    Unprocessable {
        /// What.
        message: String,
        /// The findings.
        findings: Value,
    },
    /// The body is over the limit (413).
    TooLarge(usize),
    /// The database or the machine failed (500); the detail goes to the log.
    Internal(String),
}

impl ApiError {
    /// A 400 for unreadable JSON, with its place.
    pub fn from_json(what: &str, e: &minsheng::Error) -> ApiError {
        match e.as_json() {
            Some(j) => ApiError::BadRequest {
                message: format!(
                    "the {what} is not readable: line {}, column {}: {}",
                    j.line,
                    j.column,
                    if j.pointer.is_empty() { j.message.clone() } else { format!("at {}: {}", j.pointer, j.message) }
                ),
                at: Some((j.line, j.column, j.pointer.clone())),
            },
            None => ApiError::BadRequest { message: format!("the {what} is not readable: {e}"), at: None },
        }
    }
}

impl From<crate::db::DbError> for ApiError {
    fn from(e: crate::db::DbError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            ApiError::Unauthorized(m) => (StatusCode::UNAUTHORIZED, json!({ "error": m })),
            ApiError::Forbidden(m) => (StatusCode::FORBIDDEN, json!({ "error": m })),
            ApiError::NotFound(m) => (StatusCode::NOT_FOUND, json!({ "error": m })),
            ApiError::BadRequest { message, at: Some((line, column, pointer)) } => (
                StatusCode::BAD_REQUEST,
                json!({ "error": message, "line": line, "column": column, "pointer": pointer }),
            ),
            ApiError::BadRequest { message, at: None } => (StatusCode::BAD_REQUEST, json!({ "error": message })),
            ApiError::Unprocessable { message, findings } => {
                (StatusCode::UNPROCESSABLE_ENTITY, json!({ "error": message, "findings": findings }))
            }
            ApiError::TooLarge(limit) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                json!({ "error": format!("the body is larger than the {limit} bytes this service accepts") }),
            ),
            ApiError::Internal(detail) => {
                tracing::error!("{detail}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    json!({ "error": "the service could not complete the request; the failure is in its log" }),
                )
            }
        };
        let mut response = (status, axum::Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(axum::http::header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static("Bearer"));
        }
        response
    }
}
