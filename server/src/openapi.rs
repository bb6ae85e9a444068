//! The OpenAPI document, generated from the handlers' annotations.

use utoipa::Modify;
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

use crate::api;

/// The service's API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "minsheng-server",
        description = "Supervision service for livelihood public-works programmes (民生实事工程): programmes and progress reports with per-department access, on the minsheng crate."
    ),
    paths(
        api::list_programmes,
        api::put_programme,
        api::get_programme,
        api::list_versions,
        api::get_version,
        api::summary,
        api::calendar,
        api::get_evaluation,
        api::ledger_xlsx,
        api::ledger_csv,
        api::export_table,
        api::post_report,
        api::list_reports,
        api::import,
        api::openapi,
        api::health,
    ),
    components(schemas(crate::auth::Role)),
    modifiers(&BearerToken)
)]
pub struct ApiDoc;

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A token made by `minsheng-server token create`; its role is supervisor, department or reader.",
                    ))
                    .build(),
            ),
        );
    }
}

/// The document as pretty JSON with a final newline (the committed `server/openapi.json`).
pub fn json() -> String {
    ApiDoc::openapi().to_pretty_json().map(|s| s + "\n").unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}\n"))
}
