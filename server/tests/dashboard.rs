//! The dashboard's pages in process: access as in the API, escaping, exact
//! figures. The browser test (`server/browser/`) drives them in Chromium.

mod support;

use axum::http::StatusCode;
use support::{TestApp, example};

async fn page(app: &TestApp, path: &str, token: Option<&str>) -> (StatusCode, String) {
    // Pages take the token from the cookie the sign-in sets; the header works as well.
    let (s, bytes) = app.raw("GET", path, token, None).await;
    (s, String::from_utf8(bytes).unwrap())
}

#[tokio::test]
async fn pages_follow_the_tokens_scope() {
    let app = TestApp::new("sqlite").await;
    app.publish(&example("qinghai-2021.json")).await;
    let sup = Some(app.supervisor.as_str());
    let (s, _) =
        app.call("POST", "/programmes/qinghai-2021/reports", sup, Some(example(support::QINGHAI_REPORT))).await;
    assert_eq!(s, StatusCode::CREATED);
    let hrss = app.department("hrss").await;
    for path in [
        "/",
        "/p/qinghai-2021?as_of=2021-06-30",
        "/p/qinghai-2021/departments?as_of=2021-06-30",
        "/p/qinghai-2021/calendar?as_of=2021-06-30",
        "/p/qinghai-2021/task/t2?as_of=2021-06-30",
    ] {
        let (s, html) = page(&app, path, sup).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert!(html.starts_with("<!DOCTYPE html>") && html.contains("lang=\"zh-CN\""), "{path}");
        let (s, mine) = page(&app, path, Some(&hrss)).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        // 省教育厅's kindergartens (t4) never reach the department's pages.
        assert!(!mine.contains("data-task=\"t4\"") && !mine.contains("幼儿园"), "{path}");
    }
    let (_, html) = page(&app, "/p/qinghai-2021?as_of=2021-06-30", sup).await;
    assert!(html.contains("data-task=\"t4\""));
    // Exact figures: the report's 4.62万人次 as 46200, completion 46.2%.
    assert!(html.contains("已完成 46200") && html.contains("完成 46.2%"), "exact figures");
    let (s, _) = page(&app, "/p/qinghai-2021/task/t4?as_of=2021-06-30", Some(&hrss)).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, html) = page(&app, "/p/qinghai-2021", None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(html.contains("form class=\"login\""));
    let (s, _) = page(&app, "/p/qinghai-2021?as_of=2021-13-01", sup).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn everything_from_the_documents_is_escaped() {
    let app = TestApp::new("sqlite").await;
    let mut p: serde_json::Value = serde_json::from_str(&example("duji-2021.json")).unwrap();
    p["title"] = "<script>alert(1)</script>民生".into();
    app.publish(&serde_json::to_string(&p).unwrap()).await;
    let (_, html) = page(&app, "/", Some(&app.supervisor)).await;
    assert!(!html.contains("<script>alert(1)"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;民生"));
}

#[tokio::test]
async fn sign_in_sets_an_http_only_cookie_and_cookies_never_write() {
    let app = TestApp::new("sqlite").await;
    let req =
        axum::http::Request::get(format!("/login?token={}", app.supervisor)).body(axum::body::Body::empty()).unwrap();
    let resp = tower::ServiceExt::oneshot(app.router.clone(), req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let cookie = resp.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let pair = cookie.split(';').next().unwrap().to_owned();
    // The cookie reads …
    let get = axum::http::Request::get("/programmes").header("cookie", &pair).body(axum::body::Body::empty()).unwrap();
    assert_eq!(tower::ServiceExt::oneshot(app.router.clone(), get).await.unwrap().status(), StatusCode::OK);
    // … but never writes.
    let put = axum::http::Request::put("/programmes/duji-2021")
        .header("cookie", &pair)
        .body(axum::body::Body::from(example("duji-2021.json")))
        .unwrap();
    assert_eq!(tower::ServiceExt::oneshot(app.router.clone(), put).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let bad = axum::http::Request::get("/login?token=msk_nope").body(axum::body::Body::empty()).unwrap();
    assert_eq!(tower::ServiceExt::oneshot(app.router.clone(), bad).await.unwrap().status(), StatusCode::UNAUTHORIZED);
}
