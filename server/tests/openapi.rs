//! The committed `server/openapi.json` is what the handlers generate, and
//! the service serves that document. Set `MINSHENG_BLESS=1` to rewrite the
//! committed copy after changing an endpoint.

mod support;

use axum::http::StatusCode;

#[test]
fn committed_openapi_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");
    let generated = minsheng_server::openapi::json();
    if std::env::var_os("MINSHENG_BLESS").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "server/openapi.json differs from what the handlers generate; run MINSHENG_BLESS=1 cargo test -p minsheng-server --test openapi"
    );
}

#[tokio::test]
async fn the_document_names_every_route_and_is_served() {
    let app = support::TestApp::new("sqlite").await;
    let (s, doc) = app.call("GET", "/openapi.json", None, None).await;
    assert_eq!(s, StatusCode::OK);
    let paths: Vec<&str> = doc["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    for p in [
        "/programmes",
        "/programmes/{id}",
        "/programmes/{id}/versions",
        "/programmes/{id}/versions/{version}",
        "/programmes/{id}/summary",
        "/programmes/{id}/calendar",
        "/programmes/{id}/evaluation",
        "/programmes/{id}/ledger.xlsx",
        "/programmes/{id}/ledger.csv",
        "/programmes/{id}/export/{table}",
        "/programmes/{id}/reports",
        "/import",
    ] {
        assert!(paths.contains(&p), "{p} missing from {paths:?}");
    }
    assert_eq!(doc["components"]["securitySchemes"]["token"]["scheme"], "bearer");
    assert_eq!(
        doc["paths"]["/programmes/{id}"]["put"]["responses"]["422"]["description"]
            .as_str()
            .map(|d| d.contains("findings")),
        Some(true)
    );
}
